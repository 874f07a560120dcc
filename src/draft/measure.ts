/**
 * How good a draft is, against the seed file a curator wrote for the same article: which entities
 * it links (recall and precision of the article's mentions), how many of its proposed entities
 * name something the curator recorded, and which of the curator's facts it finds, with what
 * status, and how many of its own are the curator's (in all, per pattern, and for quotations).
 *
 * Four states of the graph are measured (GRAPH_STATES): it knows every curated entity (a) by its
 * name only or (b) by its name and aliases, (c) it knows nothing but the table of states, (d) it
 * holds every other article measured. The article's own descriptions (`mentionedAs`) are never known.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldName } from '../names.ts';
import { parseSeedSources, readSeedSource } from '../seed/parse.ts';
import type { ArticlePlan } from '../seed/plan.ts';
import type { EntityInput } from '../seed/schema.ts';
import { validateSeedFiles } from '../seed/validate.ts';
import { draftArticle, type Draft } from './draft.ts';
import type { ProposedRelation } from './patterns.ts';
import { RULES, type Proposer } from './proposer.ts';
import { countryTable, knownEntityOf, withCountryTable, type KnownEntity } from './known.ts';

export const GRAPH_STATES = {
  a: 'the graph knows the curated entities by name only',
  b: 'the graph knows the curated entities by name and alias',
  c: 'the graph knows nothing; only the table of states',
  d: 'the graph holds every other article measured, as a follow-up finds it: their entities by name and alias, not this one’s new ones',
} as const;
export type GraphState = keyof typeof GRAPH_STATES;

export interface Ratio {
  hits: number;
  of: number;
}
export const ratio = ({ hits, of }: Ratio) => (of === 0 ? 1 : hits / of);

export interface DraftScores {
  article: string;
  state: GraphState;
  mentionRecall: Ratio;
  mentionPrecision: Ratio;
  proposalPrecision: Ratio;
  /** Of the proposals that name a curated entity and are typed, those typed with the curated label. */
  typePrecision: Ratio;
  facts: FactScores;
}

/**
 * How the proposed facts compare with the curator's: a fact is found when its type and both ends
 * are the curator's (an end the draft only proposes counts by its name; a statement by its quote);
 * its status is scored among those found.
 */
export interface FactScores {
  recall: Ratio;
  precision: Ratio;
  /** Of the facts found, those with the curator's status. */
  status: Ratio;
  /** Of the curator's quotations (SAID), those found with the right speaker. */
  quotes: Ratio;
  /** Per pattern: of the facts it proposed, those the curator has. */
  patterns: Record<string, Ratio>;
}

/** The curated entities (of every file measured) as the graph of state `state` would know them when `drafted` is drafted. */
function knownIn(state: GraphState, plans: ArticlePlan[], drafted: ArticlePlan): KnownEntity[] {
  if (state === 'c') return withCountryTable([], countryTable());
  const known = new Map<string, KnownEntity>();
  for (const plan of plans) {
    if (state === 'd' && plan === drafted) continue;
    for (const entity of plan.entities) {
      if (entity.label === 'Statement') continue;
      // As the graph would hold it: the first definition, with the aliases of every one (knownFromParsed).
      const seen = known.get(entity.id);
      if (seen) seen.aliases = [...new Set([...seen.aliases, ...(state === 'a' ? [] : entity.aliases)])];
      else known.set(entity.id, knownEntityOf(entity, 'seed', state === 'a' ? [] : entity.aliases));
    }
  }
  return withCountryTable([...known.values()], countryTable());
}

/** Scores the draft of each article in `files` (curated seed files, validated together) in each state of the graph, as `proposer` proposes. */
export async function measureDrafts(files: string[], proposer: Proposer = RULES): Promise<DraftScores[]> {
  const plans = await validateSeedFiles(files);
  // The plans keep what the graph stores; how each article calls an entity (mentionedAs) is in its file only.
  const problems: string[] = [];
  const parsed = await parseSeedSources(await Promise.all(files.map((file) => readSeedSource(file))), problems);
  const curated = parsed.flatMap((file) => file.seed.entities);
  const own = new Map(parsed.map((file) => [file.seed.article.id, file.seed.entities]));
  const scores: DraftScores[] = [];
  for (const plan of plans) {
    const text = readFileSync(path.resolve(path.dirname(plan.file), plan.article.textFile), 'utf8');
    for (const state of Object.keys(GRAPH_STATES) as GraphState[]) {
      const article = { ...plan.article, path: plan.article.path, text: plan.article.textFile };
      scores.push(score(plan, curated, own.get(plan.article.id) ?? [], state, draftArticle(text, article, knownIn(state, plans, plan), proposer)));
    }
  }
  return scores;
}

function score(plan: ArticlePlan, curated: EntityInput[], own: EntityInput[], state: GraphState, draft: Draft): DraftScores {
  const statements = new Set(plan.entities.filter((e) => e.label === 'Statement').map((e) => e.id));
  const expected = new Set(plan.mentions.map((m) => m.id).filter((id) => !statements.has(id)));
  const linked = new Set(draft.linked.map((l) => l.entity.id));
  const both = [...linked].filter((id) => expected.has(id)).length;

  // A proposal is right when it names an entity the curator recorded: by its name, an alias, or how the article calls it.
  const curatedNames = new Map<string, string>();
  const curatedLabels = new Map(curated.map((entity) => [entity.id, entity.label]));
  for (const entity of curated) for (const name of [entity.name, ...entity.aliases, ...entity.mentionedAs]) curatedNames.set(foldName(name), entity.id);
  const proposedAs = new Map(draft.proposedEntities.flatMap((p) => (curatedNames.has(foldName(p.name)) ? [[p.id, curatedNames.get(foldName(p.name))!] as const] : [])));
  // A proposal without a name (an offer the text describes) is the curator's entity of this article, of its label, that
  // the article calls as the draft says it does ("the deal"), one phrase holding the other ("to train police officers").
  for (const p of draft.proposedEntities) {
    if (proposedAs.has(p.id) || !p.mentionedAs?.length) continue;
    const calls = p.mentionedAs.map(foldName);
    const overlaps = (name: string) => calls.some((call) => call.includes(foldName(name)) || foldName(name).includes(call));
    const same = own.find((entity) => entity.label === p.label && entity.mentionedAs.some(overlaps));
    if (same) proposedAs.set(p.id, same.id);
  }

  const typed = draft.proposedEntities.filter((p) => p.label !== null && proposedAs.has(p.id));
  const typedRight = typed.filter((p) => curatedLabels.get(proposedAs.get(p.id)!) === p.label).length;
  // A proposed statement is the curator's when it quotes the same words.
  const curatedQuotes = new Map(curated.flatMap((entity) => ('quote' in entity && entity.quote ? [[quoteKey(entity.quote), entity.id] as const] : [])));
  for (const p of draft.proposedEntities) if (p.quote && curatedQuotes.has(quoteKey(p.quote))) proposedAs.set(p.id, curatedQuotes.get(quoteKey(p.quote))!);
  return {
    article: plan.article.id,
    state,
    mentionRecall: { hits: both, of: expected.size },
    mentionPrecision: { hits: both, of: linked.size },
    proposalPrecision: { hits: proposedAs.size, of: draft.proposedEntities.length },
    typePrecision: { hits: typedRight, of: typed.length },
    facts: scoreFacts(plan, draft, (id) => proposedAs.get(id) ?? id),
  };
}

/** Quotations compared as words: marks at the ends, case and spacing aside. */
const quoteKey = (quote: string) => foldName(quote.replace(/^[\s“"‘']+|[\s,.”"’']+$/gu, ''));

function scoreFacts(plan: ArticlePlan, draft: Draft, curatedId: (id: string) => string): FactScores {
  const key = (type: string, from: string, to: string) => `${type} ${from} ${to}`;
  const curated = new Map(plan.relations.map((r) => [key(r.type, r.from, r.to), r]));
  const found = new Map<string, ProposedRelation>();
  const patterns: Record<string, Ratio> = {};
  for (const fact of draft.proposedRelations) {
    const k = key(fact.type, curatedId(fact.from), curatedId(fact.to));
    const tally = (patterns[fact.pattern] ??= { hits: 0, of: 0 });
    tally.of++;
    if (curated.has(k)) {
      tally.hits++;
      if (!found.has(k)) found.set(k, fact);
    }
  }
  const proposed = new Set(draft.proposedRelations.map((fact) => key(fact.type, curatedId(fact.from), curatedId(fact.to))));
  const said = [...curated.keys()].filter((k) => k.startsWith('SAID '));
  return {
    recall: { hits: found.size, of: curated.size },
    precision: { hits: [...proposed].filter((k) => curated.has(k)).length, of: proposed.size },
    status: { hits: [...found].filter(([k, fact]) => curated.get(k)!.report.status === fact.status).length, of: found.size },
    quotes: { hits: said.filter((k) => found.has(k)).length, of: said.length },
    patterns,
  };
}

const percent = (r: Ratio) => (r.of === 0 ? '—' : `${(ratio(r) * 100).toFixed(0)}% (${r.hits}/${r.of})`);

/** Ratios added up: hits over hits, cases over cases. */
export const sum = (ratios: Ratio[]): Ratio => ratios.reduce((a, b) => ({ hits: a.hits + b.hits, of: a.of + b.of }), { hits: 0, of: 0 });

/** The scores as docs/seeding.md shows them: the entities the drafts link and propose, then their facts. */
export function formatScores(scores: DraftScores[], heldOut: ReadonlySet<string> = new Set()): string {
  const lines = [
    '| article | graph | mention recall | mention precision | proposal precision | typed right |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...scores.map((s) => `| ${s.article} | (${s.state}) | ${percent(s.mentionRecall)} | ${percent(s.mentionPrecision)} | ${percent(s.proposalPrecision)} | ${percent(s.typePrecision)} |`),
    '',
    '| facts of | graph | recall | precision | status right | quotes with their speaker | links right |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  const factRow = (name: string, state: GraphState, of: DraftScores[]) =>
    `| ${name} | (${state}) | ${(['recall', 'precision', 'status', 'quotes'] as const).map((k) => percent(sum(of.map((s) => s.facts[k])))).join(' | ')} | ${percent(sum(of.map((s) => s.mentionPrecision)))} |`;
  for (const s of scores.filter((s) => s.state !== 'a')) lines.push(factRow(`${s.article}${heldOut.has(s.article) ? ' (held out)' : ''}`, s.state, [s]));
  for (const state of ['b', 'c', 'd'] as const) {
    const of = scores.filter((s) => s.state === state);
    if (heldOut.size) {
      lines.push(factRow('**all but the held-out**', state, of.filter((s) => !heldOut.has(s.article))));
      lines.push(factRow('**the held-out**', state, of.filter((s) => heldOut.has(s.article))));
    } else lines.push(factRow('**all**', state, of));
  }
  lines.push('', '| pattern | facts right of those proposed (b) | (c) | (d) |', '| --- | ---: | ---: | ---: |');
  const patterns = [...new Set(scores.flatMap((s) => Object.keys(s.facts.patterns)))].sort();
  for (const pattern of patterns) {
    const of = (state: GraphState) => percent(sum(scores.filter((s) => s.state === state).map((s) => s.facts.patterns[pattern] ?? { hits: 0, of: 0 })));
    lines.push(`| ${pattern} | ${of('b')} | ${of('c')} | ${of('d')} |`);
  }
  return lines.join('\n');
}
