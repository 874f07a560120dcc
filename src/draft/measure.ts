/**
 * How good a draft is, against the seed file a curator wrote for the same article: which entities
 * it links (recall and precision of the article's mentions), how many of its proposed entities
 * name something the curator recorded, and, per relationship type its patterns propose, how many
 * of the curator's relationships it finds and how many of its own are the curator's.
 *
 * Three states of the graph are measured: (a) it knows every curated entity by its name only,
 * (b) by its name and aliases (as after loading the curated files), (c) it knows nothing (only
 * the table of states is there). The article's own descriptions (`mentionedAs`) are never known.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { foldName } from '../names.ts';
import { parseSeedSources, readSeedSource } from '../seed/parse.ts';
import type { ArticlePlan } from '../seed/plan.ts';
import type { EntityInput } from '../seed/schema.ts';
import { validateSeedFiles } from '../seed/validate.ts';
import { draftArticle, type Draft } from './draft.ts';
import { countryTable, knownEntityOf, withCountryTable, type KnownEntity } from './known.ts';

export const GRAPH_STATES = {
  a: 'the graph knows the curated entities by name only',
  b: 'the graph knows the curated entities by name and alias',
  c: 'the graph knows nothing; only the table of states',
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
  relations: Record<string, { recall: Ratio; precision: Ratio }>;
}

/** The curated entities (of every file measured) as the graph of state `state` would know them. */
function knownIn(state: GraphState, plans: ArticlePlan[]): KnownEntity[] {
  if (state === 'c') return withCountryTable([], countryTable());
  const known = new Map<string, KnownEntity>();
  for (const plan of plans) {
    for (const entity of plan.entities) {
      if (entity.label === 'Statement' || known.has(entity.id)) continue;
      known.set(entity.id, knownEntityOf(entity, 'seed', state === 'b' ? entity.aliases : []));
    }
  }
  return withCountryTable([...known.values()], countryTable());
}

/** Scores the draft of each article in `files` (curated seed files, validated together) in each state of the graph. */
export async function measureDrafts(files: string[]): Promise<DraftScores[]> {
  const plans = await validateSeedFiles(files);
  // The plans keep what the graph stores; how each article calls an entity (mentionedAs) is in its file only.
  const problems: string[] = [];
  const curated = (await parseSeedSources(await Promise.all(files.map((file) => readSeedSource(file))), problems)).flatMap((file) => file.seed.entities);
  const scores: DraftScores[] = [];
  for (const plan of plans) {
    const text = readFileSync(path.resolve(path.dirname(plan.file), plan.article.textFile), 'utf8');
    for (const state of Object.keys(GRAPH_STATES) as GraphState[]) {
      const article = { ...plan.article, path: plan.article.path, text: plan.article.textFile };
      scores.push(score(plan, curated, state, draftArticle(text, article, knownIn(state, plans))));
    }
  }
  return scores;
}

function score(plan: ArticlePlan, curated: EntityInput[], state: GraphState, draft: Draft): DraftScores {
  const statements = new Set(plan.entities.filter((e) => e.label === 'Statement').map((e) => e.id));
  const expected = new Set(plan.mentions.map((m) => m.id).filter((id) => !statements.has(id)));
  const linked = new Set(draft.linked.map((l) => l.entity.id));
  const both = [...linked].filter((id) => expected.has(id)).length;

  // A proposal is right when it names an entity the curator recorded: by its name, an alias, or how the article calls it.
  const curatedNames = new Map<string, string>();
  const curatedLabels = new Map(curated.map((entity) => [entity.id, entity.label]));
  for (const entity of curated) for (const name of [entity.name, ...entity.aliases, ...entity.mentionedAs]) curatedNames.set(foldName(name), entity.id);
  const proposedAs = new Map(draft.proposedEntities.flatMap((p) => (curatedNames.has(foldName(p.name)) ? [[p.id, curatedNames.get(foldName(p.name))!] as const] : [])));

  const typed = draft.proposedEntities.filter((p) => p.label !== null && proposedAs.has(p.id));
  const typedRight = typed.filter((p) => curatedLabels.get(proposedAs.get(p.id)!) === p.label).length;
  const curatedFacts = new Set(plan.relations.map((r) => `${r.type} ${r.from} ${r.to}`));
  const relations: DraftScores['relations'] = {};
  for (const type of [...new Set(draft.proposedRelations.map((r) => r.type)), 'AFFILIATED_WITH', 'HOLDS_OFFICE', 'CONTRIBUTES_TROOPS_TO']) {
    const proposed = new Set(draft.proposedRelations.filter((r) => r.type === type).map((r) => `${type} ${proposedAs.get(r.from) ?? r.from} ${proposedAs.get(r.to) ?? r.to}`));
    const curated = plan.relations.filter((r) => r.type === type).length;
    const right = [...proposed].filter((fact) => curatedFacts.has(fact)).length;
    relations[type] = { recall: { hits: right, of: curated }, precision: { hits: right, of: proposed.size } };
  }
  return {
    article: plan.article.id,
    state,
    mentionRecall: { hits: both, of: expected.size },
    mentionPrecision: { hits: both, of: linked.size },
    proposalPrecision: { hits: proposedAs.size, of: draft.proposedEntities.length },
    typePrecision: { hits: typedRight, of: typed.length },
    relations,
  };
}

const percent = (r: Ratio) => (r.of === 0 ? '—' : `${(ratio(r) * 100).toFixed(0)}% (${r.hits}/${r.of})`);

/** The scores as docs/seeding.md shows them. */
export function formatScores(scores: DraftScores[]): string {
  const types = ['AFFILIATED_WITH', 'HOLDS_OFFICE', 'CONTRIBUTES_TROOPS_TO'];
  const lines = [
    `| article | graph | mention recall | mention precision | proposal precision | typed right | ${types.map((t) => `${t} recall / precision`).join(' | ')} |`,
    `| --- | --- | ---: | ---: | ---: | ---: | ${types.map(() => '---:').join(' | ')} |`,
  ];
  for (const s of scores) {
    lines.push(
      `| ${s.article} | (${s.state}) | ${percent(s.mentionRecall)} | ${percent(s.mentionPrecision)} | ${percent(s.proposalPrecision)} | ${percent(s.typePrecision)} | ${types
        .map((t) => `${percent(s.relations[t]!.recall)} / ${percent(s.relations[t]!.precision)}`)
        .join(' | ')} |`,
    );
  }
  return lines.join('\n');
}
