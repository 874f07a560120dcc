/**
 * Loads validated seed plans into Neo4j. An article is loaded in batched managed write
 * transactions (`UNWIND $rows MERGE`), bracketed by a `loading` mark on its Article node that is
 * replaced by `loaded` and a checksum only when every batch is in. A load that stops midway
 * leaves the mark, and the next run withdraws what the article had written and loads it whole:
 * a rerun always repairs. An article already loaded with the same checksum is left alone.
 */
import type { GraphDatabase } from '../db/client.ts';
import { DatabaseError, DatabaseUnavailableError } from '../db/errors.ts';
import {
  articleContents,
  articleState,
  beginArticle,
  deleteProjectDataBatch,
  ensureSchema,
  claimEntities,
  finishArticle,
  findEntities,
  withdrawArticle,
  writeEntities,
  writeRelations,
  type EntityRow,
  type RelationRow,
  type WriteCount,
} from '../graph/seed-repository.ts';
import { ENTITY_LABELS, MENTIONS, RELATION_TYPE_NAMES, isEntityLabel, type EntityLabel, type RelationType } from '../model.ts';
import type { ArticlePlan, ExternalEntities, PlannedEntity, PlannedRelation } from './validate.ts';

export interface Tally {
  created: number;
  existing: number;
}

export interface ArticleReport {
  id: string;
  /** `loaded`: written now; `unchanged`: already there with the same content; `repaired`: a half-done or older load was replaced. */
  outcome: 'loaded' | 'unchanged' | 'repaired';
  labels: Record<string, Tally>;
  types: Record<string, Tally>;
  ms: number;
}

export interface LoadProgress {
  article: string;
  phase: string;
  done: number;
  total: number;
}

export interface LoadOptions {
  batchSize?: number;
  /** Called after every batch; an exception thrown here stops the load (as a crash would). */
  onProgress?: (progress: LoadProgress) => void;
}

export const DEFAULT_BATCH_SIZE = 10_000;

export async function loadPlans(db: GraphDatabase, plans: ArticlePlan[], options: LoadOptions = {}): Promise<ArticleReport[]> {
  await db.write('seed.schema', ensureSchema);
  const reports: ArticleReport[] = [];
  for (const plan of plans) reports.push(await loadArticle(db, plan, options));
  return reports;
}

async function loadArticle(db: GraphDatabase, plan: ArticlePlan, options: LoadOptions): Promise<ArticleReport> {
  const started = performance.now();
  const id = plan.article.id;
  const state = await db.read('seed.state', (tx) => articleState(tx, id));

  if (state?.status === 'loaded' && state.checksum === plan.checksum) {
    const contents = await db.read('seed.contents', (tx) => articleContents(tx, id));
    const existing = (counts: Record<string, number>) =>
      Object.fromEntries(Object.entries(counts).map(([key, count]) => [key, { created: 0, existing: count }]));
    return { id, outcome: 'unchanged', labels: existing(contents.labels), types: existing(contents.types), ms: performance.now() - started };
  }

  await db.write('seed.begin', async (tx) => {
    if (state) await withdrawArticle(tx, id);
    await beginArticle(tx, plan.article);
  });
  try {
    return await loadBatches(db, plan, options, started, state ? 'repaired' : 'loaded');
  } catch (error) {
    throw stoppedMidway(error, id);
  }
}

/** A database failure once an article's load has begun leaves it marked as loading; the error says what to do. */
function stoppedMidway(error: unknown, id: string): unknown {
  const hint = `\nThe load of article ${id} stopped midway; what it wrote is marked as loading. Once Neo4j is back, run the seeder again: it repairs the article.`;
  if (error instanceof DatabaseUnavailableError) return new DatabaseUnavailableError(error.message + hint, { cause: error });
  if (error instanceof DatabaseError) return new DatabaseError(error.message + hint, error.code, error.kind, { cause: error });
  return error;
}

async function loadBatches(
  db: GraphDatabase,
  plan: ArticlePlan,
  options: LoadOptions,
  started: number,
  outcome: ArticleReport['outcome'],
): Promise<ArticleReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const id = plan.article.id;

  const labels: Record<string, Tally> = {};
  const types: Record<string, Tally> = {};
  const total = plan.entities.length + plan.relations.length + plan.mentions.length;
  let done = 0;
  const progress = (phase: string, rows: number) => {
    done += rows;
    options.onProgress?.({ article: id, phase, done, total });
  };
  const add = (tallies: Record<string, Tally>, key: string, count: WriteCount) => {
    const tally = (tallies[key] ??= { created: 0, existing: 0 });
    tally.created += count.created;
    tally.existing += count.total - count.created;
  };

  for (const label of ENTITY_LABELS) {
    const rows = plan.entities.filter((entity) => entity.label === label).map(entityRow);
    for (const batch of chunks(rows, batchSize)) {
      add(labels, label, await db.write(`seed.entities.${label}`, (tx) => writeEntities(tx, label, id, batch)));
      progress(label, batch.length);
    }
  }
  for (const batch of chunks(plan.references, batchSize)) {
    await db.write('seed.references', (tx) => claimEntities(tx, id, batch));
  }
  for (const type of RELATION_TYPE_NAMES) {
    const rows = plan.relations.filter((relation) => relation.type === type).map(relationRow);
    for (const batch of chunks(rows, batchSize)) {
      add(types, type, await db.write(`seed.relations.${type}`, (tx) => writeRelations(tx, type as RelationType, batch)));
      progress(type, batch.length);
    }
  }
  const mentionRows: RelationRow[] = plan.mentions.map((mention) => ({
    from: id,
    to: mention.id,
    key: '',
    evidence: [mention.evidence],
    props: {},
    dateFrom: null,
    dateTo: null,
  }));
  for (const batch of chunks(mentionRows, batchSize)) {
    add(types, MENTIONS, await db.write('seed.mentions', (tx) => writeRelations(tx, MENTIONS, batch)));
    progress(MENTIONS, batch.length);
  }

  await db.write('seed.finish', (tx) => finishArticle(tx, id, plan.checksum));
  return { id, outcome, labels, types, ms: performance.now() - started };
}

/** The row the entity upsert takes for one entity (also used by the seed benchmark's loaders). */
export function entityRow(entity: PlannedEntity): EntityRow {
  return {
    id: entity.id,
    aliases: entity.aliases,
    props: {
      name: entity.name,
      description: entity.description ?? null,
      code: entity.code ?? null,
      kind: entity.kind ?? null,
      quote: entity.quote ?? null,
      form: entity.form ?? null,
      date: entity.date ?? null,
    },
  };
}

export function relationRow(relation: PlannedRelation): RelationRow {
  return {
    from: relation.from,
    to: relation.to,
    key: relation.key,
    evidence: relation.evidence,
    props: {
      date: relation.date ?? null,
      datePrecision: relation.datePrecision ?? null,
      role: relation.properties.role ?? null,
      share: relation.properties.share ?? null,
      forces: relation.properties.forces ?? null,
      status: relation.properties.status ?? null,
    },
    dateFrom: relation.dateFrom ?? null,
    dateTo: relation.dateTo ?? null,
  };
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** Removes this project's nodes and relationships, and nothing else; returns how many nodes went. */
export async function resetProjectData(db: GraphDatabase, batchSize = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.write('seed.reset', (tx) => deleteProjectDataBatch(tx, batchSize));
    total += deleted;
    if (deleted < batchSize) return total;
  }
}

/** Resolves references to entities defined by articles already in the database. */
export function databaseEntities(db: GraphDatabase): ExternalEntities {
  return async (ids) => {
    const rows = await db.read('seed.lookup', (tx) => findEntities(tx, ids));
    const found = new Map<string, { label: EntityLabel; name: string; aliases: string[] }>();
    for (const row of rows) if (isEntityLabel(row.label)) found.set(row.id, { label: row.label, name: row.name, aliases: row.aliases });
    return found;
  };
}
