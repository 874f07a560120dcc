/**
 * The seam for what a draft proposes beyond the links: a proposer reads the text and the entities
 * the graph knows (with where the text names them) and gives new entities and facts, each with its
 * evidence. The draft validates and writes whatever a proposer gives the same way, and
 * `npm run draft:scores` scores any proposer against the same curated files; another one (a
 * statistical or language model) is a new file that implements Proposer. The default, RULES, needs
 * nothing but Node: patterns of news wording (propose.ts, offers.ts, agreements.ts, patterns.ts, speech.ts).
 */
import type { Sentence } from '../seed/text.ts';
import type { KnownEntity } from './known.ts';
import type { Mention, TermTable } from './match.ts';
import { proposeRelations, type ProposedRelation } from './patterns.ts';
import { proposeOffers } from './offers.ts';
import { proposeAgreements } from './agreements.ts';
import { proposeEntities, type Named, type ProposedEntity } from './propose.ts';
import { proposeSpeech } from './speech.ts';
import type { Word } from './words.ts';

export interface ProposerInput {
  text: string;
  words: Word[];
  sentences: Sentence[];
  /** Where the text names entities the graph knows. */
  mentions: Mention[];
  known: KnownEntity[];
  /** The known entities by every name they are matched by. */
  table: TermTable;
}

export interface Proposals {
  /** New entities (statements among them), each with the sentence that names it. */
  entities: ProposedEntity[];
  /** Facts between known and proposed entities, each with its status, verbatim evidence and the rule or model that found it. */
  facts: ProposedRelation[];
}

export interface Proposer {
  readonly name: string;
  propose(input: ProposerInput): Proposals;
}

/** The rule-based proposer: capitalised runs for entities, then speech and fact patterns over every entity the text names. */
export const RULES: Proposer = {
  name: 'rules',
  propose({ text, words, sentences, mentions, known, table }) {
    const offers = proposeOffers(text, sentences, mentions, new Set(known.flatMap((e) => [e.name, ...e.aliases])));
    const entities = [...offers.entities, ...proposeEntities(text, words, sentences, mentions, known).filter((p) => !offers.entities.some((o) => o.start <= p.start && p.end <= o.end))];
    const named: Named[] = [
      ...mentions.filter((m) => !m.nested).map((m) => ({ start: m.start, end: m.end, id: m.entity.id, label: m.entity.label })),
      ...entities.flatMap((p) => [p.name, ...(p.aliases ?? [])].flatMap((name) => occurrences(text, name).map((start) => ({ start, end: start + name.length, id: p.id, label: p.label })))),
    ].sort((a, b) => a.start - b.start || b.end - a.end);
    const names = new Map([...mentions.map((m) => [m.entity.id, m.entity.name] as const), ...entities.map((p) => [p.id, p.name] as const)]);
    const spans = withoutOverlaps([...named, ...surnames(text, named, names)].sort((a, b) => a.start - b.start || b.end - a.end));
    const speech = proposeSpeech(text, sentences, spans, (id) => names.get(id) ?? id);
    const agreements = proposeAgreements(text, sentences, spans);
    return {
      entities: [...entities, ...agreements.entities, ...speech.statements],
      facts: [...offers.facts, ...agreements.facts, ...proposeRelations(text, sentences, spans, table), ...speech.facts],
    };
  },
};

/**
 * A person named in full, then by surname alone ("Jan Nowak … Nowak met"): the surname's later
 * occurrences name that person, unless another name stands there or the word is part of a longer one
 * (a capitalised word before it, not one that ends a sentence or an abbreviation: "Mr. Nowak" is his).
 */
function surnames(text: string, named: Named[], names: Map<string, string>): Named[] {
  const found: Named[] = [];
  const firstOf = new Map<string, Named>();
  for (const n of named) if (n.label === 'Person' && !firstOf.has(n.id)) firstOf.set(n.id, n);
  const surnameOf = new Map([...firstOf.keys()].map((id) => [id, (names.get(id) ?? '').split(/\s+/)] as const).filter(([, parts]) => parts.length >= 2).map(([id, parts]) => [id, parts.at(-1)!]));
  const people = new Map<string, number>();
  for (const surname of surnameOf.values()) people.set(surname, (people.get(surname) ?? 0) + 1);
  for (const [id, first] of firstOf) {
    const surname = surnameOf.get(id);
    // Two people of one surname: the surname alone names neither.
    if (!surname || people.get(surname)! > 1) continue;
    for (const start of occurrences(text, surname)) {
      const end = start + surname.length;
      const alone = !/[\p{L}\p{N}-]/u.test(text[start - 1] ?? '') && !/^(?:[\p{L}\p{N}-]|\s+\p{Lu})/u.test(text.slice(end, end + 2)) && !/\p{Lu}[\p{L}’']*\s$/u.test(text.slice(Math.max(0, start - 20), start));
      if (start > first.start && alone && !named.some((n) => n.start < end && start < n.end)) found.push({ start, end, id, label: 'Person' });
    }
  }
  return found;
}

function occurrences(text: string, term: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(term); at !== -1; at = text.indexOf(term, at + term.length)) found.push(at);
  return found;
}

/** Spans in text order, each one that starts inside an earlier (longer) one left out. */
function withoutOverlaps(named: Named[]): Named[] {
  const kept: Named[] = [];
  for (const span of named) if (!kept.length || span.start >= kept.at(-1)!.end) kept.push(span);
  return kept;
}
