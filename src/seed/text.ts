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
export function firstAppearance(text: string, terms: readonly string[]): { index: number; term: string } | undefined {
  let best: { index: number; term: string; prose: boolean } | undefined;
  for (const term of terms) {
    for (let index = findWord(text, term); index !== -1; index = findWord(text, term, index + 1)) {
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
  const lineEnd = lineEndAt === -1 ? text.length : lineEndAt;
  const line = text.slice(lineStart, lineEnd);
  const offset = index - lineStart;
  const ends = /[.!?][”"’)]?\s+(?=[“"‘(]?[\p{Lu}\d])/gu;
  let start = 0;
  let end = line.length;
  for (let match = ends.exec(line); match; match = ends.exec(line)) {
    if (ABBREVIATION.test(line.slice(0, match.index + 1))) continue;
    const after = match.index + match[0].length;
    if (after <= offset) start = after;
    else {
      end = match.index + match[0].trimEnd().length;
      break;
    }
  }
  return line.slice(start, end).trim();
}
