/**
 * Offices and posts, as a draft proposes them: a state's or an organisation's title before a name
 * ("U.S. Secretary of State Marco Rubio", "RSF spokesman Omar Bashir", "NATO Secretary General
 * Henrik Dahl"), a role in an apposition ("Yaakov Katz, a senior fellow at …"), "the head of the
 * mission, …", and an office in a sentence that names one state (HOLDS_OFFICE, AFFILIATED_WITH,
 * PART_OF). Described in FACT_PATTERNS (patterns.ts).
 */
import type { Named } from './propose.ts';
import { type SentenceScope } from './scope.ts';
import { LOWER_CASE_TITLES, OFFICES, ORGANIZATION_OFFICES, RANK, SPOKESPEOPLE } from './vocabulary.ts';

/** STATE OFFICE PERSON ("U.S. Secretary of State Marco", "Greek Shipping Minister Nikos": any "… Minister"), and OFFICE PERSON alone. */
const STATE_OFFICE = new RegExp(`(?:^|[\\s(“"])(\\S+?)\\s+(${OFFICES.join('|')}|(?<=\\p{Lu}\\S*\\s)\\p{Lu}\\p{Ll}+\\s+Minister)\\s+(?=\\p{Lu})`, 'gu');
const OFFICE = new RegExp(`(?:^|[\\s,(])(${OFFICES.join('|')})\\s+(?=\\p{Lu})`, 'gu');
/**
 * What stands between a state or an organisation and the person holding a post of it, written in lower case: "’s
 * defence minister, ", " government spokesman ", " foreign policy chief ", " commander Major General ", " counterpart, ",
 * " minister for Africa ".
 */
const LOWER_CASE_TITLE_BETWEEN = new RegExp(
  `^(?:[’']s)?\\s+((?:[\\p{Ll}-]+\\s+){0,2}(?:${[...LOWER_CASE_TITLES, 'counterpart'].join('|')})(?:\\s+for\\s+\\p{Lu}\\p{Ll}+)?)(?:,\\s+|\\s+)(?:(?:${RANK})\\s+)?$`,
  'u',
);
/** Words before a lower-case title that make it no title of the name before: "… accused eastern commander Khalifa Saqr". */
const NOT_A_TITLE = /\b(?:[\p{Ll}]+ed|said|says|told|met|meets|urged|called|named|and|but|or|with|of|to)\s/u;
/** "Its head, Hanna Tetteh-Mensah", "its special envoy for the Horn of Africa, former Kenyan president …", "Its commander, Colonel …": a post of the organisation last named. */
const ITS_POST = new RegExp(
  String.raw`\b(?:its|their|the\s+(force|mission|operation)[’']s)\s+((?:special\s+|deputy\s+|regional\s+|military\s+|political\s+|foreign\s+ministry\s+|defen[cs]e\s+ministry\s+)?(?:head|chief|commander|leader|envoy|representative|spokesman|spokeswoman|spokesperson|director|prime minister|vice president|president|foreign minister|defen[cs]e minister)(?:\s+(?:for|to|in)\s+[^,]{2,40})?),\s+(?:(?:former|current)\s+[^,]{2,40}\s+|(?:\p{Lu}\p{Ll}+\s+)?(?:${RANK})\s+)?$`,
  'iu',
);
/** "Prime Minister Abdul Karim Dbeiba of the Tripoli-based Government of National Unity": the office is the organisation's. */
const OF_ORGANIZATION = /^\s+of\s+the\s+(?:\p{Lu}[\p{L}-]*-based\s+)?$/u;
const SPOKESPERSON = new RegExp(`\\b(?:${SPOKESPEOPLE.join('|')})$`, 'u');
/** An organisation's office in capitals between it and the person: " Secretary General ", " High Representative ". */
const ORGANIZATION_OFFICE_BETWEEN = new RegExp(`^\\s+(${ORGANIZATION_OFFICES.join('|')})\\s+$`, 'u');
/** "their spokesman Abdulmalik Saleh": the post held in the party the sentence named before. */
const POSSESSED_POST = new RegExp(`\\b(?:its|their)\\s+(${SPOKESPEOPLE.join('|')}|leader|commander|chief)\\s+$`, 'u');
/** An office right before a name: "Prime Minister " before "Abdul Karim Dbeiba". */
const OFFICE_BEFORE = new RegExp(`(?:^|[\\s(])(${OFFICES.join('|')})\\s+$`, 'u');
/** Offices an apposition names that are held, not only worked in: "the foreign minister of …". */
const HELD_ROLE = /\b(?:minister|president|prime minister|chancellor|secretary|secretary-general|ambassador)$/u;

/** Offices and posts in one sentence. */
export function proposeOffices({ text, start, end, inside, named, relations, add, between, describedBefore, forceBefore, table }: SentenceScope): void {
  const sentence = { start, text: text.slice(start, end) };
  /** "their spokesman X", "Its head, X": `words` are the words right before the person, `role` the post they name. */
  const addPost = (person: Named, body: Named, role: string, words: string) =>
    add({
      type: body.label === 'Organization' && SPOKESPERSON.test(role) ? 'AFFILIATED_WITH' : 'HOLDS_OFFICE',
      from: person.id,
      to: body.id,
      status: 'asserted',
      role,
      evidence: text.slice(person.start - words.length, person.end),
      pattern: 'officeTitle',
    });
  // PERSON, a ROLE at ORGANIZATION
  for (let k = 0; k + 1 < inside.length; k++) {
    const [person, other] = [inside[k]!, inside[k + 1]!];
    // "the European Peace Facility, a fund of the European Union": a part of it.
    const partOf = person.label === 'Organization' && other.label === 'Organization' && /^,\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:fund|body|agency|unit|arm|branch|mission|programme|program|facility)\s+of\s+(?:the\s+)?$/u.test(between(person, other));
    if (partOf) add({ type: 'PART_OF', from: person.id, to: other.id, status: 'asserted', evidence: text.slice(person.start, other.end), pattern: 'appositiveRole' });
    if (person.label !== 'Person') continue;
    const role = /^,\s+(?:a|an|the)\s+([\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,3})\s+(?:at|of|with|on|for)\s+(?:the\s+)?$/u.exec(between(person, other));
    if (!role) continue;
    // "the foreign minister of Myanmar’s exiled National Unity Government": the office is of the organisation the state's word possesses.
    const possessed = other.label === 'Country' && inside[k + 2]?.label === 'Organization' && /^[’']s\s+(?:[\p{Ll}-]+\s+){0,2}$/u.test(between(other, inside[k + 2]!)) ? inside[k + 2]! : undefined;
    const body = possessed ?? other;
    const type = body.label === 'Country' || (possessed && HELD_ROLE.test(role[1]!)) ? 'HOLDS_OFFICE' : body.label === 'Organization' || body.label === null ? 'AFFILIATED_WITH' : null;
    if (type) add({ type, from: person.id, to: body.id, status: 'asserted', role: role[1]!, evidence: text.slice(person.start, body.end), pattern: 'appositiveRole' });
  }

  // COUNTRY OFFICE PERSON
  for (const match of sentence.text.matchAll(STATE_OFFICE)) {
    const country = table.lookup(match[1]!.replace(/[’']s$/u, ''))?.find((e) => e.label === 'Country');
    if (!country) continue;
    const at = sentence.start + match.index + match[0].length;
    const countryAt = sentence.start + match.index + match[0].indexOf(match[1]!);
    const person = inside.find((n) => n.label === 'Person' && n.start <= at && at < n.end);
    const countryId = inside.find((n) => n.start <= countryAt && countryAt < n.end && n.label === 'Country')?.id ?? country.id;
    if (person) add({ type: 'HOLDS_OFFICE', from: person.id, to: countryId, status: 'asserted', role: match[2]!, evidence: text.slice(countryAt, person.end), pattern: 'officeTitle' });
  }

  // STATE|ORGANIZATION envoy|spokesman PERSON: an office of the state, a post in the organisation
  for (let k = 0; k + 1 < inside.length; k++) {
    const [holder, person] = [inside[k]!, inside[k + 1]!];
    if (person.label !== 'Person' || !(holder.label === 'Country' || holder.label === 'Organization')) continue;
    const title = LOWER_CASE_TITLE_BETWEEN.exec(between(holder, person));
    if (title && NOT_A_TITLE.test(`${title[1]!} `.replace(/\S+$/u, ''))) continue;
    // "former Kenyan president Samuel Kiprono": an office held before.
    const former = /\bformer\s+$/u.test(text.slice(Math.max(start, holder.start - 10), holder.start));
    // "his Azerbaijani counterpart, Leyla Mammadova": the office of the person the sentence titled before.
    // Else the office of the sentence's subject, titled in a sentence before: "Solberg held talks with her Canadian counterpart, …".
    const subject = inside.find((n) => n.label === 'Person' && n.end <= holder.start);
    const role =
      title &&
      (title[1]!.endsWith('counterpart')
        ? (relations.findLast((r) => r.type === 'HOLDS_OFFICE' && r.role && text.indexOf(r.evidence, sentence.start) >= sentence.start) ??
            relations.findLast((r) => r.type === 'HOLDS_OFFICE' && r.role && r.from === subject?.id && r.to !== holder.id))?.role
        : title[1]!);
    // A comma after the title is an apposition of a state’s or its own word: "Malawi’s defence minister, Grace Phiri".
    const apposition = title && /,\s+$/.test(title[0]) && !/^[’']s|counterpart/u.test(title[0].trim());
    if (title && role && !apposition)
      add({
        type: holder.label === 'Country' || !SPOKESPERSON.test(title[1]!) ? 'HOLDS_OFFICE' : 'AFFILIATED_WITH',
        from: person.id,
        to: holder.id,
        status: 'asserted',
        role,
        ...(former ? { tenure: 'former' } : {}),
        evidence: text.slice(former ? holder.start - 'former '.length : holder.start, person.end),
        pattern: 'officeTitle',
      });
  }

  // "the head of the mission, Kofi Mensah": an office of the force or event the description names
  for (const person of inside.filter((n) => n.label === 'Person')) {
    const post = /\bthe\s+(head|chief|commander|leader|spokesman|spokeswoman)\s+of\s+the\s+(force|mission|operation|coalition)\s*,\s+$/u.exec(text.slice(Math.max(sentence.start, person.start - 60), person.start));
    const body = post && describedBefore(person.start - post[0].length, post[2]!);
    if (body)
      add({ type: SPOKESPERSON.test(post[1]!) ? 'AFFILIATED_WITH' : 'HOLDS_OFFICE', from: person.id, to: body.id, status: 'asserted', role: post[1]!, evidence: text.slice(person.start - post[0].length, person.end), pattern: 'officeTitle' });
  }
  // "the United Nations mission in the Central African Republic (MINUSCA)": a mission of the organisation, based in the state
  for (let k = 0; k + 2 < inside.length; k++) {
    const [owner, state, mission] = [inside[k]!, inside[k + 1]!, inside[k + 2]!];
    if (owner.label !== 'Organization' || state.label !== 'Country' || mission.label !== 'Organization') continue;
    if (!/^\s+(?:mission|force|operation)\s+in\s+(?:the\s+)?$/u.test(between(owner, state)) || !/^\s*\($/u.test(between(state, mission))) continue;
    const evidence = text.slice(owner.start, mission.end + 1);
    add({ type: 'PART_OF', from: mission.id, to: owner.id, status: 'asserted', evidence, pattern: 'appositiveRole' });
    add({ type: 'BASED_IN', from: mission.id, to: state.id, status: 'asserted', evidence, pattern: 'appositiveRole' });
  }

  // ORGANIZATION Secretary General PERSON; PARTY …, their spokesman PERSON
  for (let k = 0; k + 1 < inside.length; k++) {
    const [holder, person] = [inside[k]!, inside[k + 1]!];
    if (person.label !== 'Person') continue;
    const office = holder.label === 'Organization' && ORGANIZATION_OFFICE_BETWEEN.exec(between(holder, person));
    if (office) add({ type: 'HOLDS_OFFICE', from: person.id, to: holder.id, status: 'asserted', role: office[1]!, evidence: text.slice(holder.start, person.end), pattern: 'officeTitle' });
    const post = (holder.label === 'Organization' || holder.label === 'Country') && POSSESSED_POST.exec(between(holder, person));
    if (post && /[,;]/.test(between(holder, person))) addPost(person, holder, post[1]!, post[0]);
  }

  // Its head, PERSON: the organisation last named (a state's, for its ministry's spokesman); the force's commander, PERSON: the force
  for (const person of inside.filter((n) => n.label === 'Person')) {
    const found = ITS_POST.exec(text.slice(Math.max(0, person.start - 120), person.start));
    if (!found) continue;
    const [whose, role] = [found[1], found[2]!];
    const at = person.start - found[0].length;
    const bodies = [...inside, ...named].filter((n) => n.end <= at && (n.label === 'Organization' || (/ministry|minister|president/u.test(role) && n.label === 'Country'))).sort((a, b) => a.end - b.end);
    const body = whose ? (describedBefore(at, whose) ?? forceBefore(at)) : bodies.at(-1);
    if (body) addPost(person, body, role, found[0]);
  }

  // OFFICE PERSON of the ORGANIZATION: "Prime Minister Abdul Karim Dbeiba of the Tripoli-based Government of National Unity"
  for (const person of inside.filter((n) => n.label === 'Person')) {
    // The organisation may follow a place it is based in: "the Tripoli-based Government …".
    const body = inside.find((n) => n.label === 'Organization' && n.start > person.end && OF_ORGANIZATION.test(text.slice(person.end, n.start)));
    const office = body ? OFFICE_BEFORE.exec(text.slice(Math.max(start, person.start - 40), person.start)) : null;
    if (body && office) add({ type: 'HOLDS_OFFICE', from: person.id, to: body.id, status: 'asserted', role: office[1]!, evidence: text.slice(person.start - office[0].length + office[0].indexOf(office[1]!), body.end), pattern: 'officeTitle' });
  }

  // OFFICE PERSON in a sentence that names one state only: "Malaysia has made no decision, Foreign Minister Aziz Rahman said"
  // (not a person whose office this sentence already gave).
  const countries = new Set(inside.filter((n) => n.label === 'Country').map((n) => n.id));
  const titled = new Set(relations.filter((r) => r.type === 'HOLDS_OFFICE' && text.indexOf(r.evidence, start) >= start && text.indexOf(r.evidence, start) < end).map((r) => r.from));
  // "Spain refused to commit … Prime Minister Pedro Alvarez said his country would …": in a sentence that names no state,
  // the state the sentence before is about (the first it names).
  const before = text.slice(0, start).replace(/[.!?][”"’]?\s*$/u, '');
  const previousStart = Math.max(before.lastIndexOf('\n') + 1, ...[...before.matchAll(/[.!?][”"’]?\s+/gu)].slice(-1).map((m) => m.index + m[0].length));
  const previousSubject = named.find((n) => n.start >= previousStart && n.end <= start);
  const hisCountry = countries.size === 0 && previousSubject?.label === 'Country' ? previousSubject : undefined;
  if (hisCountry)
    for (const match of sentence.text.matchAll(OFFICE)) {
      const at = sentence.start + match.index + match[0].length;
      const person = inside.find((n) => n.label === 'Person' && n.start === at);
      if (person && !titled.has(person.id) && /^\s+said\s+(?:that\s+)?(?:his|her)\s+(?:country|government)\b/u.test(text.slice(person.end, end)))
        add({ type: 'HOLDS_OFFICE', from: person.id, to: hisCountry.id, status: 'asserted', role: match[1]!, evidence: text.slice(at - match[1]!.length - 1, person.end).trim(), pattern: 'officeInSentence' });
    }
  if (countries.size === 1) {
    const [country] = countries;
    for (const match of sentence.text.matchAll(OFFICE)) {
      const at = sentence.start + match.index + match[0].length;
      const person = inside.find((n) => n.label === 'Person' && n.start === at);
      const before = text.slice(Math.max(sentence.start, at - match[0].length - 20), at - match[0].length);
      // Not where a word of a state stands before the office (the pattern above reads those).
      if (person && !titled.has(person.id) && !/\p{Lu}[\p{L}.’']*\s*$/u.test(before))
        add({ type: 'HOLDS_OFFICE', from: person.id, to: country!, status: 'asserted', role: match[1]!, evidence: text.slice(at - match[1]!.length - 1, person.end).trim(), pattern: 'officeInSentence' });
    }
  }
}
