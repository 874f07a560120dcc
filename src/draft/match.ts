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
import { FAITHS_AND_PEOPLES, FUNCTION_WORDS, isCapitalised, isDateWord, ORGANIZATION_HEADS, PLACE_HEADS, titleEndsAt, titleWordsAt } from './vocabulary.ts';
import { LETTER, WORD, type Word } from './words.ts';

/**
 * How a mention names its entity: by its name or an alias as written (`name`), by a name of
 * something that stands for it (`metonym`: "Washington said"), or by a name of several words in
 * another case (`variant`: "international stabilization force"). The last two are how the article
 * calls it (mentionedAs), not names of it.
 */
export type MentionForm = 'name' | 'metonym' | 'variant';

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
  form: MentionForm;
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

/** Words before a place's name that make it the place, not the government it stands for ("in Washington"). */
const LOCATIVE = new Set(['in', 'to', 'from', 'at', 'near', 'outside', 'around', 'across', 'into', 'toward', 'towards', 'visited', 'visiting', 'via']);

export class TermTable {
  private readonly byTerm = new Map<string, KnownEntity[]>();
  /** Names of several words, lower-cased: a text that writes one in another case still names it. */
  private readonly byFoldedTerm = new Map<string, KnownEntity[]>();
  /** `term id` of each metonym. */
  private readonly metonyms = new Set<string>();
  readonly longest: number;

  constructor(known: KnownEntity[]) {
    let longest = 1;
    const add = (map: Map<string, KnownEntity[]>, term: string, entity: KnownEntity) => {
      const entities = map.get(term) ?? [];
      if (!entities.some((e) => e.id === entity.id)) entities.push(entity);
      map.set(term, entities);
    };
    for (const entity of known) {
      const names = new Set([entity.name, ...entity.aliases]);
      for (const term of new Set([...names, ...(entity.metonyms ?? [])])) {
        const words = term.match(WORD)?.length ?? 0;
        if (words === 0) continue;
        longest = Math.max(longest, words);
        add(this.byTerm, term, entity);
        if (!names.has(term)) this.metonyms.add(`${term} ${entity.id}`);
        else if (words > 1 && /\p{Lu}/u.test(term)) add(this.byFoldedTerm, term.toLowerCase(), entity);
      }
    }
    this.longest = longest;
  }

  /** The entities a term names, best ranked first (ties keep their order). */
  lookup(term: string): KnownEntity[] | undefined {
    const entities = this.byTerm.get(term);
    return entities && [...entities].sort((a, b) => rank(a) - rank(b));
  }

  /**
   * The entities a name of several words names in another case ("international stabilization
   * force"), and the name itself where the term differs from it in its first letter only.
   */
  lookupVariant(term: string): { entities: KnownEntity[]; sameBut1stLetter: (term: string) => string | undefined } | undefined {
    const entities = this.byFoldedTerm.get(term.toLowerCase());
    if (!entities) return undefined;
    const names = entities.flatMap((e) => [e.name, ...e.aliases]);
    return {
      entities: [...entities].sort((a, b) => rank(a) - rank(b)),
      sameBut1stLetter: (t) => names.find((name) => name.length === t.length && name.slice(1) === t.slice(1) && name[0]!.toLowerCase() === t[0]!.toLowerCase()),
    };
  }

  isMetonym(term: string, entity: KnownEntity): boolean {
    return this.metonyms.has(`${term} ${entity.id}`);
  }
}

/**
 * Every mention of a known entity: the longest terms, in text order, that do not overlap (`nested`
 * false), and the names within or across them (`nested` true: "Egyptian" in "Egyptian-Israeli peace
 * treaty", "Centcom" in "Centcom-led coalition"), which the article names too where a hyphen joins
 * them ("Gaza" in "Stabilization Force for Gaza" is part of that name, no mention of the place).
 */
export function findMentions(text: string, words: Word[], table: TermTable): Matches {
  const mentions: Mention[] = [];
  const ambiguous = new Map<string, string[]>();
  let coveredUntil = -1;
  let enclosing = { start: 0, end: 0 };
  for (let i = 0; i < words.length; i++) {
    for (const found of termsAt(text, words, i, table)) {
      const nested = i <= coveredUntil;
      // "in Washington" is the city, not the government: the state is no candidate there.
      // Nor in "Tripoli-based": what is based somewhere is based in the city.
      const locative = (LOCATIVE.has(words[i - 1]?.text.toLowerCase() ?? '') && /^\s+$/.test(text.slice(words[i - 1]?.end ?? 0, words[i]!.start))) || text.startsWith('-based', found.end);
      const entities = found.entities.filter((e) => !(locative && table.isMetonym(found.term, e)));
      const [best, second] = entities;
      if (!best) continue;
      if (second && rank(second) === rank(best)) {
        ambiguous.set(found.term, entities.filter((e) => rank(e) === rank(best)).map((e) => e.id));
        continue;
      }
      // A known name inside a longer proper name ("Israel Hayom", "United Nations Interim Force") is no mention of it;
      // within a longer known name, only one joined to it by a hyphen is ("Egyptian" in "Egyptian-Israeli").
      if (!nested && withinLongerName(text, words, i, found.last, found.end)) continue;
      if (nested && !namedWithin(text, words[i]!.start, found.end, enclosing)) continue;
      const form: MentionForm = found.variant ? 'variant' : table.isMetonym(found.term, best) ? 'metonym' : 'name';
      mentions.push({ start: words[i]!.start, end: found.end, term: found.term, entity: best, words: [i, found.last], nested, form });
      if (!nested) {
        coveredUntil = found.last;
        enclosing = { start: words[i]!.start, end: found.end };
      }
      // Shorter terms at the same word lie within this one.
      coveredUntil = Math.max(coveredUntil, found.last);
    }
  }
  return { mentions, ambiguous: [...ambiguous].map(([term, ids]) => ({ term, ids })) };
}

/** Words that join the words of a proper name ("Force for Gaza", "Ministry of Defense"). */
const NAME_JOINERS = new Set(['of', 'for', 'the', 'and', 'in', 'on', 'at', 'de']);

/**
 * Whether a name within a longer known one is a mention of its own: joined to the rest by a hyphen
 * or a possessive ("Egyptian-Israeli", "Knesset’s committee"), or inside a description ("Cabinet
 * meeting in Jerusalem"); inside a proper name ("International Stabilization Force for Gaza",
 * "United Nations Security Council") it is part of that name.
 */
function namedWithin(text: string, start: number, end: number, enclosing: { start: number; end: number }): boolean {
  // A hyphen or a possessive at the longer name's own edge is the longer name's: "South Sudan’s" names South Sudan only.
  if ((start > enclosing.start && text[start - 1] === '-') || (end < enclosing.end && (text[end] === '-' || /^[’']s\b/u.test(text.slice(end, end + 3))))) return true;
  return (text.slice(enclosing.start, enclosing.end).match(/\p{L}+/gu) ?? []).some((word) => !isCapitalised(word) && !NAME_JOINERS.has(word));
}

/**
 * Whether the mention of words `first` to `last` (ending at `end`) runs on into a longer proper
 * name: the next word, after one space, is capitalised and neither a title ("U.S. Secretary of
 * State"), a date word, a people ("American Jews") nor a word that begins clauses; or the name
 * ends a run of the same kind ("Hayom Israel"), or follows an organisation's head word and "in",
 * "for" or "of" ("Interim Force in Lebanon") or a place's head word and "of" ("Gulf of Oman"), or
 * another state's adjective stands before it ("Bosnian Serb": a people).
 */
/** A state's adjective before a people's word: "Bosnian" in "Bosnian Serb". */
const PEOPLE_OF_STATE = /^\p{Lu}\p{Ll}+(?:ian|ish|ese|ic|i)$/u;

function withinLongerName(text: string, words: Word[], first: number, last: number, end: number): boolean {
  const next = words[last + 1];
  const nameWord = (w: Word | undefined) => w !== undefined && isCapitalised(w.text) && !isDateWord(text, w) && !FAITHS_AND_PEOPLES.has(w.text) && !FUNCTION_WORDS.has(w.text);
  if (next && text.slice(end, next.start) === ' ' && nameWord(next) && titleWordsAt(words, last + 1, words.length - 1) === 0) return true;
  const before = words[first - 1];
  const gap = before ? text.slice(before.end, words[first]!.start) : '';
  // A sentence's first word is capitalised whatever it is.
  const beginsSentence = (k: number) => k === 0 || /(?:[.!?:;]["”’)]*\s|\n|["“‘]\s*)$/u.test(text.slice(words[k - 1]!.end, words[k]!.start));
  if (gap === ' ' && nameWord(before) && !beginsSentence(first - 1) && !titleEndsAt(words, first - 1)) return true;
  // "Bosnian Serb", "Turkish Cypriot": a people of another state, even at a sentence's start.
  if (gap === ' ' && before !== undefined && isCapitalised(before.text) && PEOPLE_OF_STATE.test(before.text) && first === last) return true;
  // "Interim Force in Lebanon", "Gang Suppression Force for Haiti", "Council of Europe", "Gulf of Oman": an organisation's
  // head word, then "in", "for" or "of" (or a place's head word and "of"), then the known name, all one name.
  const head = words[first - 2];
  const joiner = before?.text ?? '';
  return (
    gap === ' ' &&
    head !== undefined &&
    text.slice(head.end, before!.start) === ' ' &&
    ((['in', 'for', 'of'].includes(joiner) && ORGANIZATION_HEADS.has(head.text)) || (joiner === 'of' && PLACE_HEADS.has(head.text)))
  );
}

interface Found {
  term: string;
  end: number;
  last: number;
  entities: KnownEntity[];
  /** Found as a name of several words in another case. */
  variant: boolean;
}

/** The terms that begin at word `i`, longest first, each ending at a word's end (or just after it, on a term's closing period: "U.S."). */
function termsAt(text: string, words: Word[], i: number, table: TermTable): Found[] {
  const start = words[i]!.start;
  const found: Found[] = [];
  for (let last = Math.min(words.length - 1, i + table.longest - 1); last >= i; last--) {
    const end = words[last]!.end;
    for (const stop of text[end] === '.' ? [end + 1, end] : [end]) {
      if (LETTER.test(text[stop] ?? '')) continue;
      const term = text.slice(start, stop);
      const entities = table.lookup(term);
      if (entities) found.push({ term, end: stop, last, entities, variant: false });
      else if (last > i && !term.includes('\n')) {
        const variant = table.lookupVariant(term);
        // "The United States" at a sentence's start is the name "the United States", not another form of it.
        if (variant) found.push({ term: variant.sameBut1stLetter(term) ?? term, end: stop, last, entities: variant.entities, variant: !variant.sameBut1stLetter(term) });
      }
    }
  }
  return found;
}
