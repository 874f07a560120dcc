/**
 * What people said, as a draft proposes it: a statement (its words verbatim, quoted or reported)
 * and a SAID fact from its speaker. Wire reports put the speaker next to the quotation:
 *
 *   “QUOTE,” SPEAKER said.        “QUOTE,” said SPEAKER.        SPEAKER said: “QUOTE”
 *   “QUOTE,” he said.  (the person the sentences before last named)
 *   PERSON said (that) CLAUSE.    (reported speech: the clause is the statement)
 *   CLAUSE, according to PERSON.  CLAUSE, its director, PERSON, said.
 *
 * The speaker is the person (or organisation or state) named between the quotation and the verb,
 * titles and all ("Polish Foreign Minister Jan Nowak told reporters"), or one named by surname
 * only ("Rahman said") that the text named in full before.
 */
import { slugOf } from '../names.ts';
import type { Sentence } from '../seed/text.ts';
import type { ProposedRelation } from './patterns.ts';
import type { Named, ProposedEntity } from './propose.ts';

export const SPEECH_PATTERNS = {
  quoteThenSpeaker: '“QUOTE,” SPEAKER said|says|told|added … / “QUOTE,” said SPEAKER → a quoted Statement and SAID',
  quotePronoun: '“QUOTE,” he|she said → SAID from the person the text last named',
  speakerThenQuote: 'SPEAKER said|says: “QUOTE” → a quoted Statement and SAID',
  reported: 'PERSON said (that) CLAUSE; PERSON welcomed … but|and said CLAUSE → a reported Statement (the clause) and SAID',
  accordingTo: 'CLAUSE, according to (TITLE) PERSON. → a reported Statement (the clause) and SAID',
  reportedThenSpeaker: 'CLAUSE, its|the POST, PERSON, said|warned|added (on DAY). → a reported Statement (the clause) and SAID',
  quoteInReport: 'SPEAKER (, who) said (that) … “QUOTE”; SPEAKER accused … of|called … “QUOTE”; SPEAKER did something, saying … “QUOTE”; Its ministry said … “QUOTE” (the state or body named before) → a quoted Statement of the words in quotation marks and SAID',
} as const;

const VERB = '(?:said|says|told|added|stated|warned|insisted|declared)';
/** A quotation, in curly or straight marks. */
const QUOTE = /[“"]([^”"\n]{8,})[”"]/gu;

const PRONOUN_SAID = new RegExp(`^\\s*(?:he|she)\\s+${VERB}\\b`, 'u');
const SAID_FIRST = new RegExp(`^\\s*${VERB}\\s+`, 'u');
const VERB_AFTER = new RegExp(`\\s${VERB}\\b`, 'u');
const SAID_THEN_QUOTE = new RegExp(`^\\s+${VERB}(?:\\s+on\\s+\\p{Lu}\\p{Ll}+)?[:,]\\s*${QUOTE.source}`, 'u');
/** "said the decision was “painful but necessary”": the quoted words inside reported speech. */
/** After the speaker, the comma that closes an apposition ("Finland’s president, Mikael Lindgren, said") or an aside about it ("France, the former colonial power, said", "…, who chaired the meeting, said"). */
const AFTER_SPEAKER = String.raw`^(?:,\s+(?:the|a|an|who)\s[^,“"]{3,60},|,\s+who(?=\s+said\b)|,)?`;
const SAID_THEN_QUOTED = new RegExp(`${AFTER_SPEAKER}\\s+(?:${VERB}|accused|called)(?:\\s+on\\s+\\p{Lu}\\p{Ll}+)?\\s+(?:that\\s+)?[^“".;:]{3,80}?${QUOTE.source}`, 'u');
/** "Its foreign ministry said": the voice of the state or the body named before. */
const ITS_VOICE = /^(?:Its|Their)\s+(?:foreign\s+|defence\s+|defense\s+|information\s+|interior\s+)?(?:ministry|government|spokesman|spokeswoman|spokesperson)(?=\s+said\b)/u;
/** "opposed the extension, saying the force was “an occupation …”": the quoted words of the one who acted. */
const SAYING_QUOTED = new RegExp(`^\\s+[^.;“"]{3,80}?,\\s+saying\\s+(?:that\\s+)?[^“".;:]{0,80}?${QUOTE.source}`, 'u');
/** "…, welcomed the new battalion but said the government wanted …": what the person then said. */
const AND_SAID = /^(?:,\s+[^,.“"]{3,80},)?,?\s+[\p{Ll}][^.;:“"]{2,80}?\s+(?:and|but)\s+said\s+(?:that\s+)?(\p{Ll}[^.;:]{12,})\.$/u;
/** What a reported clause begins with: a pronoun or an article, or a subject of a word or two and its verb ("progress had been made"). */
const REPORTED_START = String.raw`(?:his|her|their|its|the|a|an|it|he|she|they)\b|\p{L}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*)?\s+(?:had|has|have|was|were|is|are|would|will|could|should|must|can|did)\b`;
const SAID_THAT = new RegExp(`${AFTER_SPEAKER}\\s+${VERB}(?:\\s+on\\s+\\p{Lu}\\p{Ll}+)?\\s+(?:that\\s+)?((?:${REPORTED_START})[^.;:]{12,})\\.$`, 'u');
/** "…, its regional director, Fabrizio Carboni, said.": the speaker closes the sentence, the clause before is what was said. */
const SPEAKER_CLOSES = new RegExp(`^(?:,\\s+[^,“"]{3,60})?,?\\s+${VERB}(?:\\s+on\\s+\\p{Lu}\\p{Ll}+)?\\s*\\.$`, 'u');
/**
 * Before a closing speaker: the clause, a comma, and the speaker's post as an apposition ("its regional director,"). Not
 * after a bare title ("…, Defence Minister Ibrahim Musa said"): wire reports attribute facts so, which are the facts' evidence.
 */
const CLAUSE_BEFORE_SPEAKER = /^(\p{Lu}[^“”"—]{20,}?),\s+(?:the|its|their)\s[^,]{2,60},\s+$/u;

export interface Speech {
  statements: ProposedEntity[];
  facts: ProposedRelation[];
}

/** Statements and SAID facts of the text's quotations and reported speech. `named`: the entities the text names, in text order. */
export function proposeSpeech(text: string, sentences: Sentence[], named: Named[], nameOf: (id: string) => string): Speech {
  const statements: ProposedEntity[] = [];
  const facts: ProposedRelation[] = [];
  const speakers = named.filter((n) => n.label === 'Person' || n.label === 'Organization' || n.label === 'Country');
  const people = named.filter((n) => n.label === 'Person');
  /** A person named by surname only, as one named in full before. */
  const bySurname = (word: string, before: number) => people.filter((p) => p.start < before && nameOf(p.id).split(/\s+/).at(-1) === word).at(-1);

  const add = (speaker: Named | undefined, quote: string, form: 'direct' | 'reported', sentence: Sentence, pattern: ProposedRelation['pattern']) => {
    const words = quote.replace(/[,.]+$/u, '').trim();
    if (!speaker || words.split(/\s+/).length < 3) return;
    const speakerName = nameOf(speaker.id);
    const id = slugOf(`${speakerName.split(/\s+/).at(-1)} ${words.split(/\s+/).slice(0, 6).join(' ')}`).slice(0, 80).replace(/-+$/, '');
    if (statements.some((s) => s.id === id)) return;
    const at = text.indexOf(words, sentence.start);
    statements.push({ id, name: `${speakerName}: ${words.split(/\s+/).slice(0, 8).join(' ')}${words.split(/\s+/).length > 8 ? ' …' : ''}`, label: 'Statement', cue: form === 'direct' ? 'quoted' : 'reported speech', sentence: sentence.text, start: at, end: at + words.length, quote: words, form });
    facts.push({ type: 'SAID', from: speaker.id, to: id, status: 'asserted', evidence: sentence.text, pattern });
  };

  for (const sentence of quotedWhole(text, sentences)) {
    const end = sentence.start + sentence.text.length;
    const inside = speakers.filter((n) => n.start >= sentence.start && n.end <= end);
    for (const match of sentence.text.matchAll(QUOTE)) {
      const quoteEnd = sentence.start + match.index + match[0].length;
      const after = text.slice(quoteEnd, end);
      // “…,” he said.
      if (PRONOUN_SAID.test(after)) {
        add(people.filter((p) => p.end <= sentence.start + match.index).at(-1), match[1]!, 'direct', sentence, 'quotePronoun');
        continue;
      }
      // “…,” said SPEAKER.
      const saidFirst = SAID_FIRST.exec(after);
      const window = saidFirst ? text.slice(quoteEnd + saidFirst[0].length, end) : after;
      // The speaker: the last one named before the verb ("Polish Foreign Minister Jan Nowak told"), or the first after "said".
      const verbAt = saidFirst ? -1 : after.search(VERB_AFTER);
      if (!saidFirst && (verbAt === -1 || after.slice(0, verbAt).split(/\s+/).length > 8)) continue;
      const span = saidFirst ? [quoteEnd + saidFirst[0].length, end] : [quoteEnd, quoteEnd + verbAt + 1];
      const candidates = inside.filter((n) => n.start >= span[0]! && n.end <= span[1]!);
      const speaker = saidFirst ? (candidates.find((n) => n.label === 'Person') ?? candidates[0]) : (candidates.filter((n) => n.label === 'Person').at(-1) ?? candidates.at(-1));
      const surname = !speaker && /^\s*,?\s*(\p{Lu}[\p{L}’'-]+)\s/u.exec(saidFirst ? window : after);
      add(speaker ?? (surname ? bySurname(surname[1]!, quoteEnd) : undefined), match[1]!, 'direct', sentence, 'quoteThenSpeaker');
    }
    // SPEAKER said: “…”; "Its foreign ministry said …": the state or body the sentences before last named.
    const its = ITS_VOICE.exec(sentence.text);
    const voiced = its ? speakers.filter((n) => n.end <= sentence.start && n.label !== 'Person').at(-1) : undefined;
    for (const [speaker, from] of [...inside.map((n) => [n, n.end] as const), ...(voiced ? [[voiced, sentence.start + its![0].length] as const] : [])]) {
      const lead = SAID_THEN_QUOTE.exec(text.slice(from, end));
      if (lead) add(speaker, lead[1]!, 'direct', sentence, 'speakerThenQuote');
      const quoted = lead ? null : (SAID_THEN_QUOTED.exec(text.slice(from, end)) ?? SAYING_QUOTED.exec(text.slice(from, end)));
      if (quoted) add(speaker, quoted[1]!, 'direct', sentence, 'quoteInReport');
    }
    // PERSON said (that) CLAUSE — reported speech, from a person only, and not around a quotation.
    if (/[“"]/.test(sentence.text)) continue;
    for (const person of inside.filter((n) => n.label === 'Person')) {
      const reported = SAID_THAT.exec(text.slice(person.end, end)) ?? AND_SAID.exec(text.slice(person.end, end));
      if (reported) add(person, reported[1]!, 'reported', sentence, 'reported');
      // "…, according to Foreign Minister Aziz Rahman." — a person at the sentence's end, titles and all, not a report or a draft.
      const according = /,\s+according\s+to\s+(?:[\p{Lu}][\p{L}.’'-]*\s+|[\p{Ll}]+\s+){0,4}$/u.exec(text.slice(sentence.start, person.start));
      if (according && /^\s*\.?\s*$/u.test(text.slice(person.end, end)) && !/\b(?:a|an|the)\s/u.test(according[0]))
        add(person, text.slice(sentence.start, sentence.start + according.index), 'reported', sentence, 'accordingTo');
      // "The Red Cross will fly …, its regional director, Fabrizio Carboni, said." — the clause before the closing speaker.
      const clause = SPEAKER_CLOSES.test(text.slice(person.end, end)) ? CLAUSE_BEFORE_SPEAKER.exec(text.slice(sentence.start, person.start)) : null;
      if (clause) add(person, clause[1]!, 'reported', sentence, 'reportedThenSpeaker');
    }
  }
  return { statements, facts };
}

/**
 * The sentences, a quotation of several sentences kept whole in the one where it closes:
 * “The port feeds millions. It cannot become a battlefield again,” the envoy said.
 */
function quotedWhole(text: string, sentences: Sentence[]): Sentence[] {
  const whole: Sentence[] = [];
  let open: Sentence | undefined;
  for (const sentence of sentences) {
    const joined: Sentence = open ? { ...sentence, start: open.start, text: text.slice(open.start, sentence.start + sentence.text.length) } : sentence;
    const unclosed = (joined.text.match(/“/gu)?.length ?? 0) > (joined.text.match(/”/gu)?.length ?? 0) && !joined.text.includes('\n\n');
    if (unclosed) open = joined;
    else {
      whole.push(joined);
      open = undefined;
    }
  }
  if (open) whole.push(open);
  return whole;
}
