/**
 * Finding the known entities an article names. Every name and alias is a match term, taken as
 * written (case and all) and as a whole word: "Israel" is found in "Israel’s", "U.S.-led" and
 * "Egyptian-Israeli", never in "Israeli" (which is a term of its own). Where terms overlap the
 * longest wins, so "U.S. Central Command" is one mention, not two.
 *
 * The text is read once: at each word, the runs of up to the longest term's number of words are
 * looked up in a table of terms, so the cost grows with the article, not with how many entities
 * the graph knows.
 */
import type { KnownEntity } from './known.ts';
import { LETTER, WORD, type Word } from './words.ts';

/** One place the article names a known entity. */
export interface Mention {
  start: number;
  end: number;
  term: string;
  entity: KnownEntity;
  /** Indexes in the article's words of the first and last word of the mention. */
  words: [number, number];
  /** Within or across a longer mention: the article names it, but the longer name is what the sentence is about. */
  nested: boolean;
}

export interface Matches {
  mentions: Mention[];
  /** Terms that name more than one entity of equal rank: left unlinked, for the curator to decide. */
  ambiguous: { term: string; ids: string[] }[];
}

/**
 * A state outranks anything else of the same name (a territory or a region never takes a state's
 * name); then what the graph knows outranks the table.
 */
function rank(entity: KnownEntity): number {
  return (entity.label === 'Country' ? 0 : 2) + (entity.origin === 'table' ? 1 : 0);
}

export class TermTable {
  private readonly byTerm = new Map<string, KnownEntity[]>();
  readonly longest: number;

  constructor(known: KnownEntity[]) {
    let longest = 1;
    for (const entity of known) {
      for (const term of new Set([entity.name, ...entity.aliases])) {
        const words = term.match(WORD)?.length ?? 0;
        if (words === 0) continue;
        longest = Math.max(longest, words);
        const entities = this.byTerm.get(term) ?? [];
        if (!entities.some((e) => e.id === entity.id)) entities.push(entity);
        this.byTerm.set(term, entities);
      }
    }
    this.longest = longest;
  }

  /** The entities a term names, best ranked first (ties keep their order). */
  lookup(term: string): KnownEntity[] | undefined {
    const entities = this.byTerm.get(term);
    return entities && [...entities].sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Every mention of a known entity: the longest terms, in text order, that do not overlap (`nested`
 * false), and the names within or across them (`nested` true: "Egyptian" in "Egyptian-Israeli peace
 * treaty", "Centcom" in "Centcom-led coalition"), which the article names too.
 */
export function findMentions(text: string, words: Word[], table: TermTable): Matches {
  const mentions: Mention[] = [];
  const ambiguous = new Map<string, string[]>();
  let coveredUntil = -1;
  for (let i = 0; i < words.length; i++) {
    for (const found of termsAt(text, words, i, table)) {
      const [best, second] = found.entities;
      if (second && rank(second) === rank(best!)) {
        ambiguous.set(found.term, found.entities.filter((e) => rank(e) === rank(best!)).map((e) => e.id));
        continue;
      }
      const nested = i <= coveredUntil;
      mentions.push({ start: words[i]!.start, end: found.end, term: found.term, entity: best!, words: [i, found.last], nested });
      if (!nested) coveredUntil = found.last;
      // Shorter terms at the same word lie within this one.
      coveredUntil = Math.max(coveredUntil, found.last);
    }
  }
  return { mentions, ambiguous: [...ambiguous].map(([term, ids]) => ({ term, ids })) };
}

/** The terms that begin at word `i`, longest first, each ending at a word's end (or just after it, on a term's closing period: "U.S."). */
function termsAt(text: string, words: Word[], i: number, table: TermTable): { term: string; end: number; last: number; entities: KnownEntity[] }[] {
  const start = words[i]!.start;
  const found: { term: string; end: number; last: number; entities: KnownEntity[] }[] = [];
  for (let last = Math.min(words.length - 1, i + table.longest - 1); last >= i; last--) {
    const end = words[last]!.end;
    for (const stop of text[end] === '.' ? [end + 1, end] : [end]) {
      if (LETTER.test(text[stop] ?? '')) continue;
      const term = text.slice(start, stop);
      const entities = table.lookup(term);
      if (entities) found.push({ term, end: stop, last, entities });
    }
  }
  return found;
}
