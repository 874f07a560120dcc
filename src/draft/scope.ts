/**
 * What a fact pattern reads of one sentence: its text, the entities it names, what the sentences
 * before named and which facts were already found, so that "the force" and "the mission" can be
 * resolved and a pattern in one file can build on facts another found.
 */
import type { TermTable } from './match.ts';
import type { ProposedRelation } from './patterns.ts';
import type { Named } from './propose.ts';
import { OFFICES, RANK } from './vocabulary.ts';

export interface SentenceScope {
  /** The whole article. */
  text: string;
  /** Where the sentence begins and ends in `text`. */
  start: number;
  end: number;
  /** The entities the sentence names, in text order. */
  inside: Named[];
  /** Every entity the article names, in text order. */
  named: Named[];
  /** The facts found so far, in the order of the sentences that state them. */
  relations: readonly ProposedRelation[];
  /** Adds a fact unless one of its type between its ends is there already. */
  add(relation: ProposedRelation): void;
  /** The text between two named entities. */
  between(a: Named, b: Named): string;
  /** The force (or the exercise a state takes part in) the article last named before `at`: what "the force" means when nothing else does. */
  forceBefore(at: number): Named | undefined;
  /** The organisation last named before `at` whose name has the head word of a description ("the mission": "… Monitoring Mission"). */
  describedBefore(at: number, head: string): Named | undefined;
  /** The known entities by every name they are matched by ("U.S." for the United States). */
  table: TermTable;
}

const ACTOR_LABELS = new Set(['Country', 'Organization', 'Person']);
/** A state, an organisation or a person: what can act. */
export const isActor = (n: Named) => n.label !== null && ACTOR_LABELS.has(n.label);

/** What stands between a state's word and a person it titles: "’s President", "Foreign Minister", "envoy", "Rear Admiral". */
const TITLE_BETWEEN = new RegExp(`^(?:[’']s)?\\s+(?:(?:${OFFICES.join('|')})|(?:${RANK})|[\\p{Ll}-]+(?:\\s+[\\p{Ll}-]+)?|counterpart,)\\s+$`, 'u');

/** The person a state's word and a title lead to ("Ukrainian Foreign Minister Olena Bondar", "U.S. envoy Daniel Brooks"), if `inside[k]` is such a word. */
export function titledPerson(inside: Named[], k: number, between: (a: Named, b: Named) => string): Named | undefined {
  const [country, person] = [inside[k], inside[k + 1]];
  if (country?.label !== 'Country' || person?.label !== 'Person') return undefined;
  return TITLE_BETWEEN.test(between(country, person)) ? person : undefined;
}

/**
 * Whether a name is a state's adjective before a noun ("the Brazilian deployment", "met Nigerien officials"): a form of a
 * known state other than its name, ending as adjectives do, with a word in lower case after it. It describes the noun;
 * the state is not the party.
 */
export function describesNoun(text: string, n: Named, table: TermTable): boolean {
  const term = text.slice(n.start, n.end);
  const state = table.lookup(term)?.find((e) => e.id === n.id && e.label === 'Country');
  return state !== undefined && state.name !== term && /(?:ian|ean|ien|ish|ese|ic|i)$/u.test(term) && /^\s+\p{Ll}/u.test(text.slice(n.end, n.end + 3));
}

/** "The two": the last two people the article named before `at` (each by the last place it names them), or none if it named fewer. */
export function lastTwoPeople(named: Named[], at: number): Named[] {
  const people = [...new Map(named.filter((n) => n.label === 'Person' && n.end <= at).map((n) => [n.id, n])).values()];
  return people.length < 2 ? [] : people.sort((a, b) => a.end - b.end).slice(-2);
}

/** The actors named just before `inside[k]`, in a list with it ("Poland and the Netherlands backed"), and it; of its label, unless `mixed`. */
export function listEndingAt(inside: Named[], k: number, between: (a: Named, b: Named) => string, { mixed = false } = {}): Named[] {
  let first = k;
  const listed = (one: Named) => isActor(one) && (mixed || one.label === inside[k]!.label);
  while (first > 0 && listed(inside[first - 1]!) && LIST_GAP.test(between(inside[first - 1]!, inside[first]!))) first--;
  return inside.slice(first, k + 1);
}

/** The actors named in a list that begins with `inside[k]` ("thanked Brazil and the Caribbean Community"), of any label. */
export function listStartingAt(inside: Named[], k: number, between: (a: Named, b: Named) => string): Named[] {
  let last = k;
  while (last + 1 < inside.length && isActor(inside[last + 1]!) && LIST_GAP.test(between(inside[last]!, inside[last + 1]!))) last++;
  return inside.slice(k, last + 1);
}

/** Between two names of a list: a comma or "and", after a state's "’s government" too ("Yemen’s government and the Houthis"). */
const LIST_GAP = /^(?:[’']s\s+government)?(?:,\s+|,?\s+and\s+)(?:the\s+)?$/u;
