/**
 * How sure a sentence is of what it reports, and where its clause ends: the cues of a status
 * (src/facts.ts) that every fact pattern reads, and the clause a fact's evidence is cut to.
 */
import type { FactStatus } from '../facts.ts';

/**
 * Cues of a report's status, looked for in the words after the subject: the first cue in the text
 * gives the status, and of two at one place the one listed first ("will not" is a refusal, not the
 * "will" of an expectation).
 */
export const STATUS_CUES: [FactStatus, RegExp][] = [
  ['undecided', /\b(?:no (?:final )?decision|not (?:yet )?(?:been )?decided|(?:has|have) not (?:yet )?decided|undecided|(?:is|are|was|were) (?:still )?(?:weighing|considering|studying)|under consideration)\b/],
  ['declined', /\b(?:declined|refused|refuses|refuse|ruled out|rules out|rule out|will not|won[’']t|would not|are not going to|is not going to|do not intend|does not intend)\b/],
  ['denied', /\b(?:denied|deny|denies|did not send|has not sent|have not sent|never sent)\b/],
  ['offered', /\b(?:offered|offers|offer|proposed|pledged|pledges|promised|prepared to|ready to|willing to|volunteered)\b/],
  // "said its troops would stay": they serve on, which is no plan.
  ['asserted', /\b(?:would|will) (?:stay|remain)\b/],
  ['expected', /\b(?:expected to|set to|likely to|slated to|poised to|plans? to|planning to|threatened to|threatens to|(?:is|are) to|will|would)\b/],
  ['asserted', /\b(?:sent|sends|has sent|have sent|deployed|deploys|committed|commits|contributes|contribute|contributed|contributing|provides|provide|joined|joins|is sending|are sending|(?:has|have) the (?:largest|biggest|second[- ]largest) contingent|(?:has|have) (?:a\s+)?(?:large|big|small|sizeable)\s+contingents?|(?:has|have) (?:about |some |around )?(?:[\d,]+ )?(?:troops|soldiers|peacekeepers) in)\b/],
];
/** A status's cue right after a subject, at most three words on ("are now expected to"), or after its own words ("said it had made no final decision"). */
export const CUE_AFTER_SUBJECT = new Map(
  [...new Set(STATUS_CUES.map(([status]) => status))].map((status) => {
    // A status may have cues in more than one place of the list: any of them.
    const cues = STATUS_CUES.filter(([s]) => s === status).map(([, cue]) => `(?:${cue.source})`).join('|');
    return [status, new RegExp(`^\\s+(?:(?:said|says|announced)\\s+(?:that\\s+)?(?:it|they)\\s+)?(?:[\\p{L}’']+\\s+){0,3}?(?:${cues})`, 'u')] as const;
  }),
);

/** An aside about what was just named, "…, which has long funded Hamas, …": what it does comes after it. */
export const WHICH_ASIDE = String.raw`,\s+which\s[^,]{3,80},`;

/** Verbs that judge what follows: "called Cold Shield a rehearsal for war", "branded the sanctions illegal". */
export const JUDGING_VERB = String.raw`(?:called|calls|branded|brands|described|describes)`;
/** After what is judged, a judgement that opposes it: "a provocation", "illegal", "a rehearsal for war". */
export const JUDGEMENT = /^\s+(?:as\s+)?(?:an?\s+|the\s+)?(?:[\p{Ll}-]+\s+)?(?:provocation|trap|threat|violation|mistake|farce|rehearsal for war|act of aggression|escalation|illegal|illegitimate|unacceptable)\b/u;

/** An apposition right after a name, "…, Niger’s partners in the Alliance of Sahel States, …": what the name does comes after it. */
export const APPOSITION = String.raw`,\s+(?:the|its|their|an?|\p{Lu}[\p{L}.-]*[’']s)\s[^,]{2,70},`;

/** The status the first cue in `words` gives, if any. */
export function statusOf(words: string): FactStatus | undefined {
  let best: { status: FactStatus; at: number } | undefined;
  for (const [status, cue] of STATUS_CUES) {
    const found = cue.exec(words);
    if (found && (!best || found.index < best.at)) best = { status, at: found.index };
  }
  return best?.status;
}

/** Where the clause that goes on from `from` ends: at a semicolon, a dash or the sentence's end. */
export function nextClauseEnd(text: string, from: number, sentenceEnd: number): number {
  const rest = text.slice(from, sentenceEnd);
  // "…, officials said on Sunday": who said it is not part of the fact's clause.
  const stop = /[;—]|,\s+(?:while|but|whereas|although)\b|,\s+(?:[\p{L}’']+\s+){1,5}(?:said|says|added|reported|told)\b/u.exec(rest);
  return stop ? from + stop.index : sentenceEnd;
}

/** The clause from `start`, running at least to `end`, cut at the clause's end. */
export function clauseFrom(text: string, start: number, end: number, sentenceEnd: number): string {
  return text.slice(start, Math.max(end, nextClauseEnd(text, end, sentenceEnd))).replace(/[\s,;:—.]+$/u, '');
}
