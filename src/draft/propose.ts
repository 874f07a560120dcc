/**
 * What a draft proposes beyond what the graph knows: new entities (runs of capitalised words) and
 * relationships from a few patterns of news wording. Each proposal carries its verbatim sentence
 * and the cue it rests on; the curator decides.
 *
 * New entities are runs of capitalised words within one sentence, joined by spaces or hyphens and by
 * "of", "for", "and", "the" between capitalised words ("Institute for National Security Studies").
 * A run is typed only where a cue says what it is: a title before it or a role after it (a person),
 * a last word such as "Institute" or "Committee" (an organisation), "City" or "Peninsula" (a place).
 * Left out: lines that are not prose (headings, photo credits such as "Ammar Awad/Reuters"), months
 * and days, news agencies, and a sentence's first word where the text also has it in lower case.
 */
import type { EntityLabel } from '../model.ts';
import type { Sentence } from '../seed/text.ts';
import { slugOf } from '../names.ts';
import type { KnownEntity } from './known.ts';
import type { Mention } from './match.ts';
import type { Word } from './words.ts';
import {
  AGENCIES, FAITHS_AND_PEOPLES, fieldTitleWordsAt, FUNCTION_WORDS, isCapitalised, isDateWord, LOWER_CASE_TITLES, ORGANIZATION_HEADS, PLACE_HEADS, TITLES, titleWordsAt,
} from './vocabulary.ts';

export interface ProposedEntity {
  id: string;
  name: string;
  /** Null where no cue says what it is. */
  label: EntityLabel | null;
  kind?: string;
  /** Why it is typed so, for the curator. */
  cue: string;
  sentence: string;
  start: number;
  end: number;
  /** Its initials where the text uses them ("RSF" for "Rapid Support Forces"). */
  aliases?: string[];
  /** How the article refers to it where it has no name ("the deal", "the pact"): the seed file's `mentionedAs`. */
  mentionedAs?: string[];
  /** A statement's words, verbatim, and whether they are quoted or reported. */
  quote?: string;
  form?: 'direct' | 'reported';
}

/** A span of the text that names an entity: a known one, or one proposed. */
export interface Named {
  start: number;
  end: number;
  id: string;
  label: EntityLabel | null;
}


const CONNECTORS = new Set(['of', 'for', 'and', 'the']);
/** A title in lower case before a name, "counterpart" with its comma ("her Canadian counterpart, Marc Tremblay"). */
const LOWER_CASE_TITLE_BEFORE = new RegExp(`\\b(${LOWER_CASE_TITLES.join('|')}|counterpart(?=,))(?:,)?\\s+$`, 'u');

/** Each dateline of a text, "NEW YORK (Fictional Wire) —": where it runs (to the agency's closing bracket) and the agency. */
export function datelines(text: string): { start: number; end: number; agency: string }[] {
  return [...text.matchAll(/^[\p{Lu}][\p{Lu} .,’'-]+\(([^)\n]+)\)\s*[—–-]/gmu)].map((m) => ({ start: m.index, end: m.index + m[0].indexOf(')'), agency: m[1]!.trim() }));
}

/** Words a hyphen joins to a name that make it no part of the name: "U.S.-led", "state-run". */
const HYPHEN_SUFFIXES = new Set(['led', 'run', 'era', 'held', 'made', 'born', 'bred', 'wide']);
/** A lower-case office with its portfolio, "minister for": the next capitalised word is the portfolio's. */
const PORTFOLIO_BEFORE = /\b(?:minister|secretary|commissioner|envoy)\s+(?:for|of)\s+$/u;
/** A post before a name, in lower case: "Opposition leader Nikos Pavlou", "the head of the mission, Kofi Mensah". */
const POST_BEFORE = /\b(head|director|leader|chief|envoy|commander|negotiator|spokesman|spokeswoman|spokesperson)(?:\s+(?:of|to|for)\s+the\s+\p{Ll}[\p{Ll}\s]{1,30}?)?,?\s+$/u;

const DEMONYM = /(?:ian|ean|ish|ese|ic|i)$/;
/** Words a headline in title case may leave in lower case. */
const LINKING_WORDS = new Set(['and', 'the', 'for', 'nor', 'but', 'yet', 'off', 'out', 'per', 'via', 'with', 'from', 'over', 'after', 'amid', 'into', 'than', 'that', 'says', 'said', 'about', 'under', 'upon', 'onto', 'will', 'would']);

/** A line that ends as a sentence does (the article's prose and its captions), not a heading or a credit. */
function isProse(text: string, start: number): boolean {
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(text.lastIndexOf('\n', start) + 1, lineEnd === -1 ? text.length : lineEnd).trim();
  if (/\p{L}\/\p{L}/u.test(line) && !/[.!?]$/.test(line)) return false;
  const letters = line.replace(/[^\p{L}]/gu, '');
  if (letters.length > 8 && letters === letters.toUpperCase()) return false;
  // A headline in title case ("Israel Opposes Turkish Troops in Gaza Force"), whatever mark it ends
  // with but a full stop: every word of three letters or more is capitalised, but for linking words.
  const long = (line.match(/\p{L}{3,}/gu) ?? []).filter((word) => !LINKING_WORDS.has(word));
  if (!line.endsWith('.') && long.length >= 3 && long.every(isCapitalised)) return false;
  return /[.!?”"’)]$/.test(line);
}

export function proposeEntities(text: string, words: Word[], sentences: Sentence[], mentions: Mention[], known: KnownEntity[]): ProposedEntity[] {
  const taken = new Set<number>();
  for (const mention of mentions) for (let i = mention.words[0]; i <= mention.words[1]; i++) taken.add(i);
  const lowerCase = new Set(words.filter((w) => !isCapitalised(w.text)).map((w) => w.text));
  const knownNames = new Set(known.flatMap((e) => [e.name, ...e.aliases]));
  const capitals = new Set(known.flatMap((e) => e.metonyms ?? []));
  const sentenceStarts = new Set(sentences.map((s) => s.start));
  const sentenceOf = (index: number) => sentences.findLast((s) => s.start <= index)!;
  const capitalisedInside = new Set(words.filter((w, k) => k > 0 && isCapitalised(w.text) && !sentenceStarts.has(w.start) && !/[“"‘]/.test(text[w.start - 1] ?? '')).map((w) => w.text));
  const knownLastWords = new Set(known.flatMap((e) => [e.name, ...e.aliases]).filter((n) => /\s/.test(n)).map((n) => n.split(/\s+/).at(-1)!));
  const proposals = new Map<string, ProposedEntity>();

  // A dateline, "NEW YORK (Fictional Wire) —": where the report was filed and the agency that filed it, never
  // entities of the article; nor is the agency where the text names it again ("a draft seen by Fictional Wire").
  const credited = new Set<number>();
  const agencies = new Set(AGENCIES);
  for (const dateline of datelines(text)) {
    for (const word of words) if (word.start >= dateline.start && word.end <= dateline.end) credited.add(word.start);
    agencies.add(dateline.agency);
  }
  const usable = (i: number) => {
    const word = words[i]!;
    return !taken.has(i) && isCapitalised(word.text) && !isDateWord(text, word) && !agencies.has(word.text) && !credited.has(word.start);
  };
  // "in" joins the words of one name after an organisation's head word ("Interim Force in Lebanon").
  const isConnector = (j: number) => CONNECTORS.has(words[j]!.text) || (words[j]!.text === 'in' && ORGANIZATION_HEADS.has(words[j - 1]!.text));
  const joined = (a: number, b: number) => {
    const gap = text.slice(words[a]!.end, words[b]!.start);
    return gap === ' ' || gap === '-';
  };

  for (let i = 0; i < words.length; i++) {
    if (!usable(i) || !isProse(text, words[i]!.start)) continue;
    let last = i;
    for (let j = i + 1; j < words.length; j++) {
      if (!joined(j - 1, j)) break;
      if (usable(j)) last = j;
      // "Lee Min-jun", "Port-au-Prince": a short word in lower case after a hyphen is part of the name ("U.S.-led" is not).
      else if (text.slice(words[j - 1]!.end, words[j]!.start) === '-' && /^\p{Ll}{1,4}$/u.test(words[j]!.text) && !HYPHEN_SUFFIXES.has(words[j]!.text)) last = j;
      else if (isConnector(j) && j + 1 < words.length && usable(j + 1) && joined(j, j + 1)) continue;
      // "International Committee of the Red Cross": "of the" after an organisation's head word.
      else if (words[j]!.text === 'of' && ORGANIZATION_HEADS.has(words[j - 1]!.text) && j + 2 < words.length && words[j + 1]!.text === 'the' && usable(j + 2) && joined(j, j + 1) && joined(j + 1, j + 2)) j++;
      else break;
    }
    let first = i;
    const atSentenceStart = sentenceStarts.has(words[i]!.start) || /[“"‘]/.test(text[words[i]!.start - 1] ?? '');
    // A sentence's first word is capitalised anyway: it belongs to a name only if the text never has it in lower case.
    if (atSentenceStart && lowerCase.has(words[i]!.text.toLowerCase())) first = i + 1;
    // Titles are not part of the name; the name after one is a person's.
    // "and" joins the words of one name only in an organisation's ("Foreign Affairs and Defense Committee", "Support and
    // Stabilisation Mission in Somalia": a head word after it), not two names ("JD Vance and Marco Rubio").
    const and = words.slice(first, last + 1).findIndex((w) => w.text === 'and');
    // (Not a head word that a title follows: "… and Senegalese Armed Forces Minister Birame Diop" is two people.)
    const headAfterAnd = words.slice(first + and + 1, last + 1).some((w, k) => ORGANIZATION_HEADS.has(w.text) && !['Minister', 'Secretary'].includes(words[first + and + 2 + k]?.text ?? ''));
    if (and !== -1 && !headAfterAnd) last = first + and - 1;
    // "minister for Africa James Holloway": the portfolio's word is no part of the name after it.
    if (last - first >= 2 && PORTFOLIO_BEFORE.test(text.slice(Math.max(0, words[first]!.start - 30), words[first]!.start))) first++;
    // "Congolese President Pierre Mbala", "Ukrainian Energy Minister Olha Kovalenko": a state's adjective the graph does not know, then a title.
    const titleAt = (k: number) => titleWordsAt(words, k, last) || fieldTitleWordsAt(words, k, last);
    const adjective = first < last && DEMONYM.test(words[first]!.text) && titleAt(first + 1) > 0 ? 1 : 0;
    const title = first <= last ? titleAt(first + adjective) : 0;
    // "ECOWAS Commission President Omar Touray": a title inside the run ends the name before it; the person's name is the next run.
    const inner = title === 0 ? words.slice(first + 1, last).findIndex((_, k) => titleAt(first + 1 + k) > 0 && first + 1 + k + titleAt(first + 1 + k) <= last) : -1;
    if (inner !== -1) last = first + inner;
    const titled = title > 0;
    first += adjective + title;
    // "The United Nations Security Council" after a dateline: the article is no part of the name.
    while (first < last && (CONNECTORS.has(words[first]!.text) || words[first]!.text === 'The')) first++;
    while (last >= first && CONNECTORS.has(words[last]!.text)) last--;
    i = Math.max(i, last);
    if (first > last) continue;
    const start = words[first]!.start;
    const end = words[last]!.end;
    const name = text.slice(start, end);
    if (knownNames.has(name) || agencies.has(name) || name.length < 2) continue;
    const runWords = words.slice(first, last + 1).map((w) => w.text).filter((w) => !CONNECTORS.has(w));
    if (runWords.length === 1) {
      const [word] = runWords as [string];
      // "Ministers from twelve countries": a title in the plural is nobody's name.
      if (TITLES.includes(word.replace(/s$/u, ''))) continue;
      // A lone capitalised word is a name only where the text capitalises it in mid-sentence too, and is not a known name's last word ("Mr. Katz" after "Yaakov Katz").
      if (atSentenceStart && first === i && !capitalisedInside.has(word)) continue;
      if (knownLastWords.has(word) || ORGANIZATION_HEADS.has(word) || PLACE_HEADS.has(word) || FUNCTION_WORDS.has(word)) continue;
    }
    // Words of nationality or faith before a noun describe it ("Palestinian enclave", "Arab and Muslim nations").
    // So does a people of a state ("Bosnian Serb leader", "Turkish Cypriot leader").
    const described = runWords.every((w) => DEMONYM.test(w) || FAITHS_AND_PEOPLES.has(w)) || (runWords.length === 2 && DEMONYM.test(runWords[0]!) && knownNames.has(runWords[1]!));
    if (described && /^\s+[[(]?\p{Ll}/u.test(text.slice(end, end + 4))) continue;
    const id = slugOf(name);
    if (!id || proposals.has(id)) continue;
    // A seat of government named as the place it is ("in Kuala Lumpur"): the city.
    const typed = capitals.has(name) ? { label: 'Place' as const, kind: 'city', cue: 'a seat of government' } : typeOf(text, words, first, last, titled);
    proposals.set(id, { id, name, ...typed, sentence: sentenceOf(start).text, start, end });
  }
  // A lone word that ends a longer proposed name ("Katz" after "Yaakov Katz") is that name again, and a
  // word in capitals that spells a longer name's initials ("RSF" after "Rapid Support Forces") its alias.
  const ends = new Set([...proposals.values()].filter((p) => p.name.includes(' ')).map((p) => p.name.split(/[ -]/).at(-1)!));
  const byInitials = new Map<string, ProposedEntity>();
  for (const p of proposals.values()) if (initialsOf(p.name) && !byInitials.has(initialsOf(p.name))) byInitials.set(initialsOf(p.name), p);
  // "The African Union Support and Stabilisation Mission in Somalia (AUSSOM)": a word in capitals in brackets right after a
  // longer name, beginning with its first letter, is its short name whatever letters it takes.
  const bracketed = new Map<string, ProposedEntity>();
  for (const p of proposals.values()) {
    const after = /^\s+\((\p{Lu}{2,})\)/u.exec(text.slice(p.end, p.end + 20));
    if (after && p.name.includes(' ') && after[1]![0] === p.name[0] && proposals.has(slugOf(after[1]!))) bracketed.set(after[1]!, p);
  }
  // "the Red Cross" after "the International Committee of the Red Cross": the last words of a longer name are its short name.
  const endOf = (p: ProposedEntity) => [...proposals.values()].find((q) => q !== p && p.name.includes(' ') && q.name.endsWith(` ${p.name}`) && q.start < p.start && q.label === 'Organization');
  const kept: ProposedEntity[] = [];
  for (const p of proposals.values()) {
    const longer = byInitials.get(p.name) ?? bracketed.get(p.name) ?? endOf(p);
    if (longer) (longer.aliases ??= []).push(p.name);
    else if (p.name.includes(' ') || !ends.has(p.name)) kept.push(p);
  }
  return kept;
}

/** The capitals of a name's words, its connectors aside: "Rapid Support Forces" → "RSF". */
function initialsOf(name: string): string {
  const words = name.split(/[\s-]+/).filter((w) => !CONNECTORS.has(w));
  return words.length >= 2 && words.every(isCapitalised) ? words.map((w) => w[0]).join('') : '';
}

function typeOf(text: string, words: Word[], first: number, last: number, titled: boolean): Pick<ProposedEntity, 'label' | 'kind' | 'cue'> {
  const head = words[last]!.text;
  if (ORGANIZATION_HEADS.has(head)) {
    // "Institute for National Security Studies" is an institute.
    const kind = words.slice(first, last + 1).find((w) => ORGANIZATION_HEADS.has(w.text))!.text.toLowerCase();
    return { label: 'Organization', kind, cue: `ends in "${head}"` };
  }
  // "Force for Gaza", "Ministry of Defense": an organisation named for what it serves.
  const named = words.slice(first, last).findIndex((w, k) => ORGANIZATION_HEADS.has(w.text) && ['for', 'of', 'in'].includes(words[first + k + 1]!.text));
  if (named !== -1) return { label: 'Organization', kind: words[first + named]!.text.toLowerCase(), cue: `"${words[first + named]!.text} ${words[first + named + 1]!.text} …"` };
  const place = PLACE_HEADS.get(head);
  if (place) return { label: 'Place', kind: place, cue: `ends in "${head}"` };
  // "Operation Sentinel Gate"; a force's name given after its description ("… peacekeeping force in Bosnia, known as EUFOR Althea").
  if (words[first]!.text === 'Operation' && last > first) return { label: 'Organization', kind: 'operation', cue: '"Operation …"' };
  const introduced = /\b(mission|force|operation)\b[^.()]{0,80}?,?\s+(?:known as|called)\s+$/u.exec(text.slice(Math.max(0, words[first]!.start - 100), words[first]!.start));
  if (introduced) return { label: 'Organization', kind: introduced[1]!, cue: `a ${introduced[1]} "known as" it` };
  // "Gulf of Oman": a place named for what it borders.
  const of = PLACE_HEADS.get(words[first]!.text);
  if (of && words[first + 1]?.text === 'of') return { label: 'Place', kind: of, cue: `"${words[first]!.text} of …"` };
  if (titled) return { label: 'Person', cue: 'a title before it' };
  const lowerCaseTitle = LOWER_CASE_TITLE_BEFORE.exec(text.slice(Math.max(0, words[first]!.start - 30), words[first]!.start));
  if (lowerCaseTitle && last > first) return { label: 'Person', cue: `"${lowerCaseTitle[1]}" before it` };
  const post = POST_BEFORE.exec(text.slice(Math.max(0, words[first]!.start - 60), words[first]!.start));
  if (post && last > first && last - first < 4) return { label: 'Person', cue: `"${post[1]}" before it` };
  if (last > first && last - first < 3 && /^,?\s+(?:said|says|told|warned|added)\b/u.test(text.slice(words[last]!.end, words[last]!.end + 10)))
    return { label: 'Person', cue: 'says something' };
  const after = text.slice(words[last]!.end, words[last]!.end + 80);
  if (/^,\s+(?:a|an|the)\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+){0,3}\s+(?:at|of|with|on|for)\s/u.test(after) && last > first) return { label: 'Person', cue: 'a role after it' };
  const surname = words[last]!.text;
  if (last > first && new RegExp(`\\b(?:Mr|Mrs|Ms|Dr)\\. ${surname.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'u').test(text)) return { label: 'Person', cue: `"Mr. ${surname}" elsewhere` };
  return { label: null, cue: 'no cue to its type' };
}
