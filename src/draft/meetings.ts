/**
 * Meetings and talks, as a draft proposes them (MET): "A met B", "talks between A and B", "A and
 * his counterpart, B, held talks", "He met B", "The two men met". Described in FACT_PATTERNS (patterns.ts).
 */
import { clauseFrom } from './cues.ts';
import { describesNoun, isActor, lastTwoPeople, titledPerson, type SentenceScope } from './scope.ts';

/** Meetings in one sentence. */
export function proposeMeetings({ text, start, end, inside, named, add, between, table }: SentenceScope): void {
  const sentence = { start, text: text.slice(start, end) };
  // ACTOR met ACTOR; talks between ACTOR and ACTOR
  for (let k = 0; k + 1 < inside.length; k++) {
    // "talks between Serbian President Dragan Markovic and …": the person a state's word titles, not the state.
    const titled = titledPerson(inside, k, between);
    const [first, one] = [inside[k]!, titled ?? inside[k]!];
    const next = inside[titled ? k + 2 : k + 1];
    if (!next) continue;
    // "met Ukrainian Foreign Minister Olena Bondar", "met U.S. envoy Daniel Brooks": the person, not the state.
    const other = titledPerson(inside, inside.indexOf(next), between) ?? next;
    if (!isActor(one) || !isActor(other) || describesNoun(text, other, table)) continue;
    if (!titled && /^\s+(?:has\s+|have\s+|had\s+)?(?:met|meets|will meet|is meeting|held talks|holds talks)\s+(?:with\s+)?(?:the\s+|his\s+|her\s+|their\s+)?$/u.test(between(one, next)))
      add({ type: 'MET', from: one.id, to: other.id, status: /will meet/.test(between(one, next)) ? 'expected' : 'asserted', evidence: text.slice(one.start, other.end), pattern: 'met' });
    const talks = /\b(?:[Tt]alks|[Dd]iscussions|[Mm]eetings?|[Nn]egotiations)\s+between\s+(?:the\s+)?$/.exec(text.slice(Math.max(sentence.start, first.start - 40), first.start));
    if (talks && /^,?\s+(?:and\s+)?(?:the\s+)?$/.test(between(one, next)))
      add({ type: 'MET', from: one.id, to: other.id, status: 'asserted', evidence: text.slice(first.start - talks[0].length, other.end), pattern: 'met' });
  }

  // "A and his Azerbaijani counterpart, B, held talks", "A and B met": both are the subject of the meeting.
  for (let k = 0; k + 1 < inside.length; k++) {
    const next = inside[k + 1]!;
    // "his Azerbaijani counterpart, Leyla Mammadova": the person after the state's word.
    const counterpart = next.label === 'Country' && inside[k + 2]?.label === 'Person' && /^\s+counterpart,?\s+$/u.test(between(next, inside[k + 2]!)) ? inside[k + 2] : undefined;
    const [one, other] = [inside[k]!, counterpart ?? titledPerson(inside, k + 1, between) ?? next];
    if (!isActor(one) || !isActor(other) || one.label !== other.label) continue;
    const pair = /^\s+and\s+(?:(?:his|her|their|its)\s+(?:(?:[\p{L}-]+\s+){0,2}counterpart,?\s+)?)?$/u.test(between(one, next)) && (counterpart !== undefined || !/\b(?:his|her|their|its)\s+$/u.test(between(one, next)));
    const meeting = /^,?\s+(?:met|meet|have met|held talks|hold talks|had talks|will meet)\b/u.exec(text.slice(other.end, end));
    if (pair && meeting && (k === 0 || !/^,?\s+(?:and\s+)?$/u.test(between(inside[k - 1]!, one))))
      add({ type: 'MET', from: one.id, to: other.id, status: /will/.test(meeting[0]) ? 'expected' : 'asserted', evidence: clauseFrom(text, one.start, other.end + meeting[0].length, end), pattern: 'met' });
  }
  // "He met Palestinian Prime Minister Nadia Haddad": the person the sentences before last named.
  const pronoun = /^(?:He|She)\s+(?:met|meets|will meet|held talks with|holds talks with)\s+(?:the\s+)?/u.exec(sentence.text);
  const meets = pronoun && named.filter((n) => n.label === 'Person' && n.end <= sentence.start).at(-1);
  // The person after the verb, titles before it aside ("Palestinian Prime Minister Nadia Haddad"), or the actor right after it.
  const afterVerb = pronoun ? sentence.start + pronoun[0].length : end;
  const met = inside.find((n) => n.start >= afterVerb && n.label === 'Person') ?? inside.find((n) => n.start >= afterVerb && isActor(n));
  if (meets && met && /^(?:\p{Lu}[\p{L}.’']*\s+){0,4}$/u.test(text.slice(afterVerb, met.start)))
    add({ type: 'MET', from: meets.id, to: met.id, status: /will/.test(pronoun![0]) ? 'expected' : 'asserted', evidence: text.slice(sentence.start, met.end), pattern: 'met' });

  // "The two men met for three hours": the last two people the article named.
  const pair = /^(?:[Tt]he\s+two(?:\s+(?:men|women|leaders|ministers))?)\s+(?:met|held talks|have met|had talks)\b/u.exec(sentence.text);
  const two = pair ? lastTwoPeople(named, sentence.start) : [];
  if (two.length === 2) add({ type: 'MET', from: two[0]!.id, to: two[1]!.id, status: 'asserted', evidence: clauseFrom(text, sentence.start, sentence.start + pair![0].length, end), pattern: 'met' });

  // "Weber said on Wednesday after meeting Ukrainian President Taras Hrytsenko": the person who speaks met the one after "meeting".
  for (const person of inside.filter((n) => n.label === 'Person')) {
    const after = /\b(?:after|before|while|when)\s+(?:meeting|talks with|talking to)\s+(?:with\s+)?(?:(?:\p{Lu}[\p{L}.’'-]*|[\p{Ll}-]+)\s+){0,4}$/u.exec(text.slice(start, person.start));
    const speaker = after && inside.find((n) => n.label === 'Person' && n.end <= start + after.index && /^\s+(?:said|says|told|spoke)\b/u.test(text.slice(n.end, n.end + 8)));
    if (speaker && speaker.id !== person.id) add({ type: 'MET', from: speaker.id, to: person.id, status: 'asserted', evidence: text.slice(speaker.start, person.end), pattern: 'met' });
  }
}
