/** Finding things in an article's text: where a name first appears, and the sentence around it. */

const LETTER = /[\p{L}\p{N}]/u;
/** A period that ends an abbreviation ("U.S.", "Mr.", "Oct.") does not end the sentence. */
const ABBREVIATION = /(?:(?:^|[\s(])(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)$/;

/** First place `term` appears in `text` as a whole word (not inside a longer word), or -1. */
export function findWord(text: string, term: string, from = 0): number {
  for (let index = text.indexOf(term, from); index !== -1; index = text.indexOf(term, index + 1)) {
    const before = text[index - 1];
    const after = text[index + term.length];
    if ((before === undefined || !LETTER.test(before)) && (after === undefined || !LETTER.test(after))) return index;
  }
  return -1;
}

/**
 * Earliest whole-word appearance of any of `terms`, preferring lines that are prose (they end a
 * sentence) over headings and credits, with the term found.
 */
export function firstAppearance(text: string, terms: readonly string[], from = 0): { index: number; term: string } | undefined {
  let best: { index: number; term: string; prose: boolean } | undefined;
  for (const term of terms) {
    // Once a prose appearance is known, a later term only matters if it appears before it.
    const limit = best?.prose ? best.index + term.length : text.length;
    const window = limit < text.length ? text.slice(0, limit) : text;
    for (let index = findWord(window, term, from); index !== -1; index = findWord(window, term, index + 1)) {
      const prose = isProseLine(text, index);
      const better =
        best === undefined ||
        (prose && !best.prose) ||
        (prose === best.prose && (index < best.index || (index === best.index && term.length > best.term.length)));
      if (better) best = { index, term, prose };
      if (prose) break;
    }
  }
  return best && { index: best.index, term: best.term };
}

function isProseLine(text: string, index: number): boolean {
  const end = text.indexOf('\n', index);
  const line = text.slice(text.lastIndexOf('\n', index) + 1, end === -1 ? text.length : end).trimEnd();
  return /[.!?”"]$/.test(line);
}

/**
 * The sentence that contains position `index`: bounded by the line it is on and by sentence ends
 * (. ! ? followed by a space). Always a verbatim substring of `text`.
 */
export function sentenceAround(text: string, index: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  const lineEndAt = text.indexOf('\n', index);
  const line = text.slice(lineStart, lineEndAt === -1 ? text.length : lineEndAt);
  const offset = index - lineStart;
  const sentence = sentencesOfLine(line).find((s) => offset < s.next) ?? { start: 0, end: line.length };
  return line.slice(sentence.start, sentence.end).trim();
}

/** A sentence of a text, as `sentenceAround` bounds it, and where it begins. */
export interface Sentence {
  start: number;
  text: string;
}

/** Every sentence of `text` in order, empty lines left out: the same bounds `sentenceAround` gives. */
export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    for (const { start, end } of sentencesOfLine(line)) {
      const raw = line.slice(start, end);
      const trimmed = raw.trim();
      if (trimmed) sentences.push({ start: lineStart + start + (raw.length - raw.trimStart().length), text: trimmed });
    }
    lineStart += line.length + 1;
  }
  return sentences;
}

/** The sentences of one line: each one's start and end (its closing mark included), and where the next begins. */
function sentencesOfLine(line: string): { start: number; end: number; next: number }[] {
  const ends = /[.!?][”"’)]?\s+(?=[“"‘(]?[\p{Lu}\d])/gu;
  const bounds: { start: number; end: number; next: number }[] = [];
  let start = 0;
  for (let match = ends.exec(line); match; match = ends.exec(line)) {
    if (ABBREVIATION.test(line.slice(0, match.index + 1))) continue;
    const next = match.index + match[0].length;
    bounds.push({ start, end: match.index + match[0].trimEnd().length, next });
    start = next;
  }
  bounds.push({ start, end: line.length, next: Infinity });
  return bounds;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * An article's text with the look-ups validation needs, made fast enough for articles of millions
 * of characters: where each word first appears is indexed once, so a name is searched for from
 * there rather than from the start; and evidence, mostly listed in text order, is searched for
 * from where the previous one was found.
 */
export class ArticleText {
  private cursor = 0;
  private firstWordAt: Map<string, number> | undefined;

  constructor(readonly text: string) {}

  includes(quote: string): boolean {
    let index = this.text.indexOf(quote, this.cursor);
    if (index === -1 && this.cursor > 0) index = this.text.lastIndexOf(quote, this.cursor);
    if (index !== -1) this.cursor = index;
    return index !== -1;
  }

  firstAppearance(terms: readonly string[]): { index: number; term: string } | undefined {
    const firstWordAt = (this.firstWordAt ??= indexWords(this.text));
    // A term can only appear where all its words do, and not before its first word first does.
    let from = this.text.length;
    const present = terms.filter((term) => {
      const words = [...term.matchAll(WORD)];
      if (!words.every((word) => firstWordAt.has(word[0]))) return false;
      const first = words[0];
      from = Math.min(from, first ? Math.max(0, firstWordAt.get(first[0])! - first.index) : 0);
      return true;
    });
    return present.length === 0 ? undefined : firstAppearance(this.text, present, from);
  }

  sentenceAround(index: number): string {
    return sentenceAround(this.text, index);
  }
}

function indexWords(text: string): Map<string, number> {
  const firstAt = new Map<string, number>();
  for (const match of text.matchAll(WORD)) if (!firstAt.has(match[0])) firstAt.set(match[0], match.index);
  return firstAt;
}

/** A value shortened for a message. */
export function clip(value: string, max = 120): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/**
 * A quotation's words, whatever marks an article prints them with: curly and straight quotes and
 * apostrophes alike, every dash a hyphen, runs of white space one space, and the quotation marks and
 * the comma or full stop around it left off. Two articles that quote one remark give the same words.
 */
export function normalizeQuote(quote: string): string {
  return quote
    .replace(/[“”„‟«»″]/g, '"')
    .replace(/[‘’‚‛′`]/g, "'")
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'\s]+|["'\s,.;:]+$/g, '');
}
