/**
 * Loads validated seed plans into Neo4j, many articles per transaction. An article is never split
 * across transactions: each is written whole, together with the withdrawal of what an earlier
 * version of it had written, between a transaction that hides the batch from readers and one that
 * shows it (see seed-repository.ts), so readers see an article entirely or not at all. A load that
 * stops midway leaves every article either loaded (and then recognised as unchanged by the next
 * run) or hidden (and then loaded anew by it): a rerun always repairs.
 */
import type { GraphDatabase, Tx } from '../db/client.ts';
import { DatabaseError, DatabaseUnavailableError } from '../db/errors.ts';
import { articleListKey, factKeys, join, mentionKey } from '../graph/keys.ts';
import {
  awaitIndexes,
  deleteArticles,
  hideArticles,
  showArticles,
  deleteProjectDataBatch,
  ensureSchema,
  findEntities,
  lookalikeCandidates,
  removeOrphans,
  withdrawArticles,
  writeArticles,
  writeEntities,
  writeMentions,
  writeRelations,
  type ArticleRow,
  type EntityRow,
  type MentionRow,
  type RelationRow,
  type WriteCount,
} from '../graph/seed-repository.ts';
import { ENTITY_LABELS, MENTIONS, RELATION_TYPE_NAMES, isEntityLabel, type EntityLabel, type RelationType } from '../model.ts';
import { foldName, type ArticlePlan, type ExternalEntities, type PlannedEntity, type PlannedRelation, type StoredLookalikes } from './validate.ts';

export interface Tally {
  created: number;
  existing: number;
}

export interface LoadReport {
  /** Articles written: new ones, and changed (or earlier interrupted) ones written anew. */
  loaded: string[];
  reloaded: string[];
  labels: Record<string, Tally>;
  types: Record<string, Tally>;
  transactions: number;
  /** Of ms, the time spent making sure the constraints and indexes exist. */
  schemaMs: number;
  ms: number;
}

export interface LoadProgress {
  articles: number;
  totalArticles: number;
  rows: number;
  totalRows: number;
}

export interface LoadOptions {
  /** Rows (entities, relationships and mentions) per transaction; articles are never split. */
  batchSize?: number;
  /** Articles already in the database (changed ones): what they wrote before is withdrawn first. */
  existing?: ReadonlySet<string>;
  /** Called after every transaction; an exception thrown here stops the load (as a crash would). */
  onProgress?: (progress: LoadProgress) => void;
}

export const DEFAULT_BATCH_SIZE = 10_000;

/** Rows an article writes: its entities (defined and related), relationships and mentions. */
export function planRows(plan: ArticlePlan): number {
  return plan.entities.length + plan.references.length + plan.relations.length + plan.mentions.length;
}

/** Groups whole articles into batches of about `batchSize` rows; an article larger than that is a batch of its own. */
export function batches(plans: ArticlePlan[], batchSize: number): ArticlePlan[][] {
  const result: ArticlePlan[][] = [];
  let current: ArticlePlan[] = [];
  let rows = 0;
  for (const plan of plans) {
    const size = planRows(plan);
    if (current.length > 0 && rows + size > batchSize) {
      result.push(current);
      current = [];
      rows = 0;
    }
    current.push(plan);
    rows += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

export async function prepareSchema(db: GraphDatabase): Promise<void> {
  const created = await db.write('seed.schema', ensureSchema);
  if (created > 0) await db.read('seed.schema.wait', (tx) => awaitIndexes(tx));
}

export async function loadPlans(db: GraphDatabase, plans: ArticlePlan[], options: LoadOptions = {}): Promise<LoadReport> {
  const started = performance.now();
  await prepareSchema(db);
  const report: LoadReport = { loaded: [], reloaded: [], labels: {}, types: {}, transactions: 0, schemaMs: performance.now() - started, ms: 0 };
  const totalRows = plans.reduce((sum, plan) => sum + planRows(plan), 0);
  let articles = 0;
  let rows = 0;
  // Entities written by earlier batches of this load exist: articles that only relate them need not write them again.
  const written = new Set<string>();
  for (const batch of batches(plans, options.batchSize ?? DEFAULT_BATCH_SIZE)) {
    const ids = batch.map((plan) => plan.article.id);
    try {
      await db.write('seed.hide', (tx) => hideArticles(tx, batch.map((plan) => plan.article)));
      await db.write('seed.articles', (tx) => writeBatch(tx, batch, report, written));
      await db.write('seed.show', (tx) => showArticles(tx, ids));
    } catch (error) {
      throw stoppedMidway(error, ids, articles);
    }
    report.transactions++;
    for (const id of ids) (options.existing?.has(id) ? report.reloaded : report.loaded).push(id);
    articles += batch.length;
    rows += batch.reduce((sum, plan) => sum + planRows(plan), 0);
    options.onProgress?.({ articles, totalArticles: plans.length, rows, totalRows });
  }
  report.ms = performance.now() - started;
  return report;
}

/** A database failure during a load names what is done and what the rerun will do. */
function stoppedMidway(error: unknown, ids: string[], done: number): unknown {
  const which = ids.length === 1 ? `article ${ids[0]}` : `${ids.length} articles (${ids[0]} … ${ids.at(-1)})`;
  const hint =
    `\nThe load stopped while writing ${which}; ${ids.length === 1 ? 'it is' : 'they are'} hidden from readers, none half-written` +
    (done > 0 ? `, and the ${done} articles before are loaded` : '') +
    '. Run the seeder again (once Neo4j is back, if it went away): it loads what is missing.';
  if (error instanceof DatabaseUnavailableError) return new DatabaseUnavailableError(error.message + hint, { cause: error });
  if (error instanceof DatabaseError && (error.kind === 'transient' || error.kind === 'server' || error.kind === 'timeout')) {
    return new DatabaseError(error.message + hint, error.code, error.kind, { cause: error });
  }
  return error;
}

/** One transaction: withdraw what these articles wrote before, then write them whole. */
export async function writeBatch(tx: Tx, batch: ArticlePlan[], report: LoadReport, written: Set<string>): Promise<void> {
  const ids = batch.map((plan) => plan.article.id);
  const mentionedBefore = await withdrawArticles(tx, ids);
  await writeArticles(tx, batch.map(articleRow));

  const add = (tallies: Record<string, Tally>, key: string, count: WriteCount) => {
    const tally = (tallies[key] ??= { created: 0, existing: 0 });
    tally.created += count.created;
    tally.existing += count.total - count.created;
  };
  const entities = entityRows(batch, written);
  for (const [label, count] of await writeEntities(tx, entities)) add(report.labels, label, count);
  add(report.types, MENTIONS, await writeMentions(tx, batch.map((plan) => ({ id: plan.article.id, mentions: mentionRows(plan) }))));
  for (const [type, count] of await writeRelations(tx, relationRows(batch))) add(report.types, type, count);
  const removed = await removeOrphans(tx, mentionedBefore);
  for (const rows of entities.values()) for (const row of rows) written.add(row.id);
  for (const id of removed) written.delete(id);
}

export function articleRow(plan: ArticlePlan): ArticleRow {
  const { article } = plan;
  return {
    ...article,
    listKey: articleListKey(article.publishedAt, article.id),
    facts: plan.relations.map((relation) => join(relation.type, factKeys(relation.from, relation.to, relation.key, null).outKey)),
  };
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
    defines: true,
  };
}

function referenceRow(entity: PlannedEntity): EntityRow {
  return { ...entityRow(entity), defines: false };
}

/**
 * The entity rows of a batch, one per entity, by label: where several articles define an entity,
 * the last definition's properties win and the aliases of all are kept, as loading them one after
 * another would give.
 */
function entityRows(batch: ArticlePlan[], written: ReadonlySet<string>): Map<EntityLabel, EntityRow[]> {
  const byId = new Map<string, { label: EntityLabel; row: EntityRow }>();
  const put = (entity: PlannedEntity, row: EntityRow) => {
    const earlier = byId.get(entity.id);
    if (!earlier) byId.set(entity.id, { label: entity.label, row });
    else if (row.defines) {
      const aliases = earlier.row.defines ? [...new Set([...earlier.row.aliases, ...row.aliases])] : row.aliases;
      earlier.row = { ...row, aliases };
    }
  };
  for (const plan of batch) {
    for (const entity of plan.entities) put(entity, entityRow(entity));
    for (const reference of plan.references) if (!written.has(reference.id)) put(reference, referenceRow(reference));
  }
  const result = new Map<EntityLabel, EntityRow[]>();
  for (const label of ENTITY_LABELS) result.set(label, []);
  for (const { label, row } of byId.values()) result.get(label)!.push(row);
  for (const [label, rows] of result) if (rows.length === 0) result.delete(label);
  return result;
}

function mentionRows(plan: ArticlePlan): MentionRow[] {
  return plan.mentions.map((mention) => ({
    entity: mention.id,
    quote: mention.evidence.quote,
    inKey: mentionKey(mention.id, plan.article.publishedAt, plan.article.id),
  }));
}

/** The row the relationship upsert takes for one relationship of one article. */
export function relationRow(relation: PlannedRelation, publishedAt: string): RelationRow {
  return {
    from: relation.from,
    to: relation.to,
    key: relation.key,
    ...factKeys(relation.from, relation.to, relation.key, relation.dateFrom ?? null),
    evidence: relation.evidence.map((e) => ({ quote: e.quote, source: e.source, reported: publishedAt })),
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

/**
 * The relationship rows of a batch, one per fact and type: articles of the batch that state the same
 * fact have their evidence written together, so the fact's evidence is rewritten once per batch.
 */
function relationRows(batch: ArticlePlan[]): Map<RelationType, RelationRow[]> {
  const byFact = new Map<string, { type: RelationType; row: RelationRow }>();
  for (const plan of batch) {
    for (const relation of plan.relations) {
      const row = relationRow(relation, plan.article.publishedAt);
      const identity = join(relation.type, row.outKey);
      const earlier = byFact.get(identity);
      if (earlier) {
        earlier.row.evidence.push(...row.evidence);
        earlier.row.props = row.props;
      } else byFact.set(identity, { type: relation.type, row });
    }
  }
  const result = new Map<RelationType, RelationRow[]>();
  for (const type of RELATION_TYPE_NAMES) result.set(type, []);
  for (const { type, row } of byFact.values()) result.get(type)!.push(row);
  for (const [type, rows] of result) if (rows.length === 0) result.delete(type);
  return result;
}

/** Takes articles out of the graph: their evidence, the facts and entities only they gave, and their nodes. */
export async function withdraw(db: GraphDatabase, ids: string[]): Promise<string[]> {
  const found = await db.read('seed.withdraw', (tx) =>
    tx.query<{ id: string; publishedAt: string }>('UNWIND $batch.ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id, toString(a.publishedAt) AS publishedAt', {
      batch: { ids },
    }),
  );
  const present = found.map((row) => row.id);
  if (present.length === 0) return [];
  // Hidden first, so that no reader sees the content go piece by piece; the node goes last, once the content has.
  await db.write('seed.hide', (tx) => hideArticles(tx, found));
  await db.write('seed.withdraw', async (tx) => {
    const mentioned = await withdrawArticles(tx, present);
    await removeOrphans(tx, mentioned);
  });
  await db.write('seed.withdraw', (tx) => deleteArticles(tx, present));
  return present;
}

/** Removes this project's nodes and relationships, and nothing else; returns how many nodes went. */
export async function resetProjectData(db: GraphDatabase, batchSize = 10_000): Promise<number> {
  let nodes = 0;
  for (;;) {
    const deleted = await db.write('seed.reset', (tx) => deleteProjectDataBatch(tx, batchSize));
    nodes += deleted.nodes;
    if (deleted.relationships === 0 && deleted.nodes < batchSize) return nodes;
  }
}

/** Resolves references to entities defined by articles already in the database. */
export function databaseLookalikes(db: GraphDatabase): StoredLookalikes {
  return async (keys) => {
    const rows = await db.read('seed.lookalikes', (tx) => lookalikeCandidates(tx, keys));
    return rows.flatMap((row) => {
      const name = row.names.find((n) => foldName(n) === row.key);
      return name === undefined ? [] : [{ key: row.key, id: row.id, name }];
    });
  };
}

export function databaseEntities(db: GraphDatabase): ExternalEntities {
  return async (ids, replaced) => {
    const rows = await db.read('seed.lookup', (tx) => findEntities(tx, ids, replaced));
    const found = new Map<string, { label: EntityLabel; name: string; aliases: string[]; article: string | null }>();
    for (const row of rows) if (isEntityLabel(row.label)) found.set(row.id, { label: row.label, name: row.name, aliases: row.aliases, article: row.article });
    return found;
  };
}
