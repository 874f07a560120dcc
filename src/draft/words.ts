/** A text's words, with where each stands: what linking and proposing read an article as. */

/** A run of letters and digits: "U.S.-led" is the words "U", "S" and "led". */
export const WORD = /[\p{L}\p{N}]+/gu;
/** What a word is made of: a term found next to one is part of a longer word, and no match. */
export const LETTER = /[\p{L}\p{N}]/u;

export interface Word {
  start: number;
  end: number;
  text: string;
}

export function wordsOf(text: string): Word[] {
  return [...text.matchAll(WORD)].map((match) => ({ start: match.index, end: match.index + match[0].length, text: match[0] }));
}
