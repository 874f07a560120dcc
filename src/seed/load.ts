/**
 * Loads validated seed plans into Neo4j, many articles per transaction. An article is never split
 * across transactions: each is written whole, together with the withdrawal of what an earlier
 * version of it had written, between a transaction that hides the batch from readers and one that
 * shows it (see src/graph/write/articles.ts), so readers see an article entirely or not at all. A load that
 * stops midway leaves every article either loaded (and then recognised as unchanged by the next
 * run) or hidden (and then loaded anew by it): a rerun always repairs.
 */
import type { GraphDatabase, Tx } from '../db/client.ts';
import { DatabaseError, DatabaseUnavailableError } from '../db/errors.ts';
import { encodeTime } from '../facts.ts';
import { articleListKey, factIdentity, factKeys, mentionKey } from '../graph/keys.ts';
import { articleDefinitions, articlesPublished, definitionsContaining, findEntities, lookalikeCandidates } from '../graph/lookups.ts';
import { deleteArticles, factsOf, hideArticles, showArticles, storedStatements, writeArticles, type ArticleRow, type StoredStatements } from '../graph/write/articles.ts';
import type { WriteCount } from '../graph/write/batches.ts';
import { entityClaims, releaseEntities, removeOrphans, writeEntities, writeMentions, type EntityRow, type MentionRow } from '../graph/write/entities.ts';
import { writeRelations, type RelationRow } from '../graph/write/facts.ts';
import { joiningUndatedReports } from '../graph/write/joining.ts';
import { applyOvertakings, keepOvertakings, type Overtaking } from '../graph/write/overtaking.ts';
import { awaitIndexes, deleteProjectDataBatch, ensureSchema } from '../graph/write/schema.ts';
import { keepingTallies } from '../graph/write/tallies.ts';
import { withdrawArticles, type Withdrawn } from '../graph/write/withdrawal.ts';
import { IDENTIFYING_PROPERTIES, MENTIONS, REPORTED_PROPERTIES, RELATION_TYPE_NAMES, isEntityLabel, type EntityLabel, type RelationType } from '../model.ts';
import {
  addDefinition,
  currentProperties,
  definitionOf,
  isUnclaimed,
  noClaims,
  parseClaims,
  parseDefinition,
  removeDefinition,
  serializeClaims,
  serializeDefinition,
  type Claims,
} from './claims.ts';
import { foldName } from '../names.ts';
import type { ExternalEntities, StoredDefiners, StoredLookalikes } from './check.ts';
import { lockedWrite, type WaitListener } from './lock.ts';
import type { ArticlePlan, PlannedEntity, PlannedRelation } from './plan.ts';
import { normalizeQuote } from './text.ts';

export interface WriteTotals {
  created: number;
  existing: number;
}

export interface LoadReport {
  /** Articles written: new ones, and changed (or earlier interrupted) ones written anew. */
  loaded: string[];
  reloaded: string[];
  labels: Record<string, WriteTotals>;
  types: Record<string, WriteTotals>;
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
  /** Called after every transaction; an exception thrown here stops the load (as a crash would). */
  onProgress?: (progress: LoadProgress) => void;
  /** Hears that a transaction waits for another seed run's (see lock.ts). */
  onWait?: WaitListener;
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
  const { onWait } = options;
  for (const batch of batches(plans, options.batchSize ?? DEFAULT_BATCH_SIZE)) {
    const ids = batch.map((plan) => plan.article.id);
    let existed = new Set<string>();
    try {
      existed = await lockedWrite(db, 'seed.hide', (tx) => hideArticles(tx, batch.map((plan) => plan.article)), onWait);
      // Counted once the transaction has committed: the driver may run it again after a transient error.
      const counts = await lockedWrite(db, 'seed.articles', (tx) => writeBatch(tx, batch), onWait);
      addCounts(report, counts);
      await lockedWrite(db, 'seed.show', (tx) => showArticles(tx, ids), onWait);
    } catch (error) {
      throw stoppedMidway(error, ids, articles);
    }
    report.transactions++;
    for (const id of ids) (existed.has(id) ? report.reloaded : report.loaded).push(id);
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

/** What one batch created and found already there, by label and by relationship type. */
export interface BatchCounts {
  labels: Map<string, WriteCount>;
  types: Map<string, WriteCount>;
}

function addCounts(report: LoadReport, counts: BatchCounts): void {
  const add = (totals: Record<string, WriteTotals>, key: string, count: WriteCount) => {
    const total = (totals[key] ??= { created: 0, existing: 0 });
    total.created += count.created;
    total.existing += count.total - count.created;
  };
  for (const [label, count] of counts.labels) add(report.labels, label, count);
  for (const [type, count] of counts.types) add(report.types, type, count);
}

/**
 * One transaction: withdraw what these articles wrote before, then write them whole. Queries that
 * need nothing read by the one before are sent without waiting for its answer (Neo4j runs a
 * transaction's queries in the order sent), so that the seeder encodes the next while Neo4j runs
 * the last. It changes nothing outside the transaction, so the driver may run it again.
 */
export async function writeBatch(tx: Tx, batch: ArticlePlan[]): Promise<BatchCounts> {
  const ids = batch.map((plan) => plan.article.id);
  const rows = batch.map(articleRow);
  // What the articles stated and overtook before, and what they do now, are all the facts whose time keys the batch moves.
  const stated = await storedStatements(tx, ids);
  const touched = [...factsOf(stated), ...rows.flatMap((row) => [...row.facts, ...row.overtook])];
  return joiningUndatedReports(tx, touched, () => keepingTallies(tx, touched, () => writeContent(tx, batch, rows, stated)));
}

async function writeContent(tx: Tx, batch: ArticlePlan[], rows: ArticleRow[], stated: StoredStatements[]): Promise<BatchCounts> {
  const before = await withdrawArticles(tx, stated);
  const articles = sent(writeArticles(tx, rows));
  // Every entity an article relates is written (created if another run's withdrawal took it meanwhile), never assumed.
  const counts = await rewriteEntities(tx, batch, before);
  const mentions = sent(writeMentions(tx, batch.map((plan) => ({ id: plan.article.id, mentions: mentionRows(plan) }))));
  const relations = sent(writeRelations(tx, relationRows(batch)));
  const [, labels, mentionCount, { counts: types, overtaken }] = await Promise.all([articles, counts, mentions, relations]);
  await keepOvertakings(tx, overtaken, before.overtaken);
  await applyOvertakings(tx, batch.flatMap(overtakingsOf));
  await removeOrphans(tx, before.mentioned);
  return { labels, types: new Map([[MENTIONS, mentionCount], ...types]) };
}

export function articleRow(plan: ArticlePlan): ArticleRow {
  const { article } = plan;
  return {
    ...article,
    listKey: articleListKey(article.publishedAt, article.id),
    facts: plan.relations.map((relation) => factIdentity(relation.type, relation.from, relation.to, relation.key)),
    overtook: [...new Set(overtakingsOf(plan).map((o) => o.earlier))],
  };
}

/** The overtakings an article states: each earlier fact, the fact of the article that overtakes it, its first sentence, and when the earlier one ended (where the later begins). */
export function overtakingsOf(plan: ArticlePlan): Overtaking[] {
  return plan.relations.flatMap((relation) => {
    const earlier = relation.overtakes;
    if (!earlier) return [];
    return [
      {
        earlier: factIdentity(earlier.type, earlier.from, earlier.to, earlier.key),
        later: factIdentity(relation.type, relation.from, relation.to, relation.key),
        article: plan.article.id,
        quote: relation.evidence[0]!.quote,
        until: relation.report.since ?? relation.report.date ?? plan.article.publishedAt,
      },
    ];
  });
}

/** Writes each entity the batch defines, or whose definitions the withdrawal took back, as its claims now say (see entityRows). */
async function rewriteEntities(tx: Tx, batch: ArticlePlan[], withdrawn: Withdrawn): Promise<Promise<Map<string, WriteCount>>> {
  const { rows, released } = await entityRows(tx, batch, withdrawn);
  // Sent now, answered later: what follows in the transaction does not wait for these answers.
  const counts = writeEntities(tx, rows);
  const releasing = releaseEntities(tx, released);
  return sent(Promise.all([counts, releasing]).then(([written]) => written));
}

/**
 * A query sent now whose answer is awaited later. A failure meanwhile (any failure fails the
 * transaction's later queries too) must not count as unhandled and stop the process: it is heard
 * where the answer is awaited.
 */
function sent<T>(answer: Promise<T>): Promise<T> {
  answer.catch(() => {});
  return answer;
}

/** The claims of an entity that one article alone defines. */
function alone(entity: PlannedEntity, publishedAt: string): Claims {
  const claims = noClaims();
  addDefinition(claims, definitionOf(entity, publishedAt));
  return claims;
}

/** The row the entity upsert takes for an entity one article alone defines (the seed benchmark's loaders write these). */
export function entityRow(entity: PlannedEntity, publishedAt: string): EntityRow {
  return definedRow(entity.id, alone(entity, publishedAt));
}

function definedRow(id: string, claims: Claims): EntityRow {
  const { props, aliases } = currentProperties(claims);
  // A statement is found again by its words, whatever marks they were printed with (see statementsSaying).
  const quoteKey = props.quote === null ? null : normalizeQuote(props.quote);
  return { id, aliases, props: { ...props, quoteKey }, claims: serializeClaims(claims), defines: true };
}

/** An entity the article relates but another defines: written only if missing, as that other one says it is, with no claims of its own. */
function referenceRow(entity: PlannedEntity): EntityRow {
  return { ...definedRow(entity.id, alone(entity, '')), claims: null, defines: false };
}

/**
 * The entity rows of a batch, one per entity, by label. Each entity the batch defines, or whose
 * definition the withdrawal of the batch's earlier versions took back, gets its claims read, the old
 * definitions taken out and the new ones added, and is written whole as the claims say; so several
 * articles defining one entity in one batch give what loading them one after another would. An
 * entity no loaded article defines any more is `released`: it keeps its properties while relationships keep it.
 */
async function entityRows(tx: Tx, batch: ArticlePlan[], withdrawn: Withdrawn): Promise<{ rows: Map<EntityLabel, EntityRow[]>; released: string[] }> {
  const ids = new Set([...withdrawn.definitions.map((d) => d.entity), ...batch.flatMap((plan) => plan.entities.map((e) => e.id))]);
  const stored = new Map((await entityClaims(tx, [...ids])).map((row) => [row.id, row]));
  const claimed = new Map<string, { label: EntityLabel; claims: Claims }>();
  const claimsOf = (id: string, label: EntityLabel) => {
    let entry = claimed.get(id);
    if (!entry) claimed.set(id, (entry = { label, claims: parseClaims(stored.get(id)?.claims) }));
    return entry.claims;
  };
  for (const { entity, definition } of withdrawn.definitions) {
    const label = stored.get(entity)?.label;
    if (label !== undefined && isEntityLabel(label)) removeDefinition(claimsOf(entity, label), parseDefinition(definition));
  }
  for (const plan of batch) for (const entity of plan.entities) addDefinition(claimsOf(entity.id, entity.label), definitionOf(entity, plan.article.publishedAt));

  const result = new Map<EntityLabel, EntityRow[]>();
  const put = (label: EntityLabel, row: EntityRow) => {
    const rows = result.get(label) ?? [];
    rows.push(row);
    result.set(label, rows);
  };
  const released: string[] = [];
  for (const [id, { label, claims }] of claimed) {
    if (isUnclaimed(claims)) released.push(id);
    else put(label, definedRow(id, claims));
  }
  const referenced = new Set<string>();
  for (const plan of batch) {
    for (const reference of plan.references) {
      if (claimed.has(reference.id) || referenced.has(reference.id)) continue;
      referenced.add(reference.id);
      put(reference.label, referenceRow(reference));
    }
  }
  return { rows: result, released };
}

function mentionRows(plan: ArticlePlan): MentionRow[] {
  const defines = new Map(plan.entities.map((entity) => [entity.id, entity]));
  return plan.mentions.map((mention) => {
    const entity = defines.get(mention.id);
    return {
      entity: mention.id,
      quote: mention.evidence.quote,
      inKey: mentionKey(mention.id, plan.article.publishedAt, plan.article.id),
      definition: entity ? serializeDefinition(definitionOf(entity, plan.article.publishedAt)) : null,
    };
  });
}

/** The row the relationship upsert takes for one relationship of one article: the fact, and the article's report of it, one entry per sentence. */
export function relationRow(relation: PlannedRelation, publishedAt: string): RelationRow {
  const { outKey, inKey } = factKeys(relation.from, relation.to, relation.key, null);
  const { status, attributedTo = '', corrects, ...time } = relation.report;
  const given = REPORTED_PROPERTIES.flatMap((property) => (relation.properties[property] === undefined ? [] : [[property, relation.properties[property]]]));
  const details = JSON.stringify(Object.fromEntries([...given, ...(corrects ? [['corrects', corrects]] : [])]));
  return {
    from: relation.from,
    to: relation.to,
    key: relation.key,
    outKey,
    inKey,
    evidence: relation.evidence.map((e) => ({ quote: e.quote, source: e.source, reported: publishedAt, status, time: encodeTime(time), details, attributedTo })),
    props: Object.fromEntries(IDENTIFYING_PROPERTIES.map((property) => [property, relation.properties[property] ?? null])),
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
      const identity = factIdentity(relation.type, relation.from, relation.to, relation.key);
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
export async function withdraw(db: GraphDatabase, ids: string[], onWait?: WaitListener): Promise<string[]> {
  const found = await db.read('seed.withdraw', (tx) => articlesPublished(tx, ids));
  const present = found.map((row) => row.id);
  if (present.length === 0) return [];
  // Hidden first, so that no reader sees the content go piece by piece; the node goes last, once the content has.
  await prepareSchema(db);
  await lockedWrite(db, 'seed.hide', (tx) => hideArticles(tx, found), onWait);
  await lockedWrite(
    db,
    'seed.withdraw',
    async (tx) => {
      const stated = await storedStatements(tx, present);
      const touched = factsOf(stated);
      const withdrawn = await joiningUndatedReports(tx, touched, () => keepingTallies(tx, touched, () => withdrawArticles(tx, stated)));
      await rewriteEntities(tx, [], withdrawn);
      await removeOrphans(tx, withdrawn.mentioned);
    },
    onWait,
  );
  await lockedWrite(db, 'seed.withdraw', (tx) => deleteArticles(tx, present), onWait);
  return present;
}

/** Removes this project's nodes and relationships, and nothing else; returns how many nodes went. */
export async function resetProjectData(db: GraphDatabase, batchSize = 10_000, onWait?: WaitListener): Promise<number> {
  let nodes = 0;
  for (;;) {
    const deleted = await lockedWrite(db, 'seed.reset', (tx) => deleteProjectDataBatch(tx, batchSize), onWait);
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
    const { rows, definitions } = await db.read('seed.lookup', async (tx) => ({
      rows: await findEntities(tx, ids, replaced),
      definitions: await articleDefinitions(tx, replaced),
    }));
    const found = new Map<string, { label: EntityLabel; name: string; aliases: string[]; article: string | null; claims: Claims }>();
    for (const row of rows) {
      if (isEntityLabel(row.label)) found.set(row.id, { label: row.label, name: row.name, aliases: row.aliases, article: row.article, claims: parseClaims(row.claims) });
    }
    // The articles being replaced are validated in their new versions: what their old ones said does not count.
    for (const { entity, definition } of definitions) {
      const claims = found.get(entity)?.claims;
      if (claims) removeDefinition(claims, parseDefinition(definition));
    }
    return found;
  };
}

/** Names an article in the graph that gives each entity each value (see definitionsContaining). */
export function databaseDefiners(db: GraphDatabase): StoredDefiners {
  return async (asks, replaced) => {
    const needles = asks.map(({ id, property, value }) => ({ id, needle: `${JSON.stringify(property)}:${JSON.stringify(value)}` }));
    const rows = await db.read('seed.definers', (tx) => definitionsContaining(tx, needles, replaced));
    return asks.map(({ id, property, value }, i) => {
      const row = rows.find((r) => r.id === id && r.needle === needles[i]!.needle && parseDefinition(r.definition).values[property] === value);
      return row?.article ?? null;
    });
  };
}
