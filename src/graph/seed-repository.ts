/**
 * All Cypher that writes the graph. Labels and relationship types come only from src/model.ts;
 * every value is a parameter.
 */
import type { Tx } from '../db/client.ts';
import { ARTICLE, ENTITY, ENTITY_LABELS, MENTIONS, isEntityLabel, isRelationType, type EntityLabel, type RelationType } from '../model.ts';

export const FULLTEXT_INDEX = 'entity_names';

/** Constraints and indexes, each created only if missing. */
export function schemaStatements(): string[] {
  return [
    `CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:${ENTITY}) REQUIRE n.id IS UNIQUE`,
    ...ENTITY_LABELS.map((label) => `CREATE CONSTRAINT ${label.toLowerCase()}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`),
    `CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:${ARTICLE}) REQUIRE a.id IS UNIQUE`,
    `CREATE INDEX entity_name IF NOT EXISTS FOR (n:${ENTITY}) ON (n.name)`,
    // ASCII folding makes "Zoe" find "Zoë"; fuzzy terms (netanyahou~) tolerate small typos.
    `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${ENTITY}) ON EACH [n.name, n.aliases] ` +
      "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
  ];
}

export interface EntityRow {
  id: string;
  aliases: string[];
  /** Scalar properties; null removes a property an earlier load set. */
  props: Record<string, string | null>;
}

export interface RelationRow {
  from: string;
  to: string;
  key: string;
  evidence: { quote: string; source: string }[];
  props: Record<string, string | null>;
  dateFrom: string | null;
  dateTo: string | null;
}

export interface WriteCount {
  created: number;
  total: number;
}

function assertLabel(label: string): asserts label is EntityLabel {
  if (!isEntityLabel(label)) throw new Error(`not a label of the model: ${label}`);
}

function assertType(type: string): asserts type is RelationType | typeof MENTIONS {
  if (!isRelationType(type) && type !== MENTIONS) throw new Error(`not a relationship type of the model: ${type}`);
}

export function upsertEntitiesQuery(label: EntityLabel): string {
  assertLabel(label);
  return `
UNWIND $rows AS row
MERGE (n:${ENTITY} {id: row.id})
ON CREATE SET n:${label}, n += row.props, n.aliases = row.aliases, n.sources = [$source]
ON MATCH SET n:${label}, n += row.props,
    n.aliases = reduce(acc = coalesce(n.aliases, []), alias IN row.aliases | CASE WHEN alias IN acc THEN acc ELSE acc + alias END),
    n.sources = CASE WHEN $source IN coalesce(n.sources, []) THEN n.sources ELSE coalesce(n.sources, []) + $source END`;
}

/**
 * Relationships are merged on (start, type, end, key); evidence is a pair of parallel lists,
 * `evidence` and `sources`, to which a pair is added only if it is not there yet, so that a
 * second article adds its sentences and a second load adds nothing. The map in ON MATCH is
 * evaluated whole before it is set, so both lists are extended from the same old state.
 */
export function upsertRelationsQuery(type: RelationType | typeof MENTIONS): string {
  assertType(type);
  const start = type === MENTIONS ? `(a:${ARTICLE} {id: row.from})` : `(a:${ENTITY} {id: row.from})`;
  const isNew = 'NONE(i IN range(0, size(r.evidence) - 1) WHERE r.evidence[i] = e.quote AND r.sources[i] = e.source)';
  return `
UNWIND $rows AS row
MATCH ${start}
MATCH (b:${ENTITY} {id: row.to})
MERGE (a)-[r:${type} {key: row.key}]->(b)
ON CREATE SET r += row.props, r.dateFrom = date(row.dateFrom), r.dateTo = date(row.dateTo),
    r.evidence = [e IN row.evidence | e.quote], r.sources = [e IN row.evidence | e.source]
ON MATCH SET r += row.props, r.dateFrom = date(row.dateFrom), r.dateTo = date(row.dateTo),
    r += {
      evidence: r.evidence + [e IN row.evidence WHERE ${isNew} | e.quote],
      sources: r.sources + [e IN row.evidence WHERE ${isNew} | e.source]
    }`;
}

export async function ensureSchema(tx: Tx): Promise<void> {
  for (const statement of schemaStatements()) await tx.query(statement);
}

export async function articleState(tx: Tx, id: string): Promise<{ status: string; checksum: string | null } | undefined> {
  const [row] = await tx.query<{ status: string; checksum: string | null }>(
    `MATCH (a:${ARTICLE} {id: $id}) RETURN a.status AS status, a.checksum AS checksum`,
    { id },
  );
  return row;
}

/** Marks the article as loading: until `finishArticle`, a reader can tell it is incomplete. */
export async function beginArticle(
  tx: Tx,
  article: { id: string; title: string; publisher: string; publishedAt: string; path: string; textFile: string },
): Promise<void> {
  await tx.query(
    `MERGE (a:${ARTICLE} {id: $id})
     SET a.title = $title, a.publisher = $publisher, a.publishedAt = date($publishedAt), a.path = $path,
         a.textFile = $textFile, a.status = 'loading', a.checksum = null`,
    article,
  );
}

export async function finishArticle(tx: Tx, id: string, checksum: string): Promise<void> {
  await tx.query(`MATCH (a:${ARTICLE} {id: $id}) SET a.status = 'loaded', a.checksum = $checksum, a.loadedAt = datetime()`, { id, checksum });
}

/**
 * Takes back everything an article contributed: its evidence, the relationships only it stated,
 * and the entities only it named. Reloading a changed or half-loaded article starts from here.
 */
export async function withdrawArticle(tx: Tx, source: string): Promise<void> {
  await tx.query(`MATCH ()-[r]->() WHERE $source IN r.sources AND all(s IN r.sources WHERE s = $source) DELETE r`, { source });
  await tx.query(
    `MATCH ()-[r]->() WHERE $source IN r.sources
     WITH r, [i IN range(0, size(r.sources) - 1) WHERE r.sources[i] <> $source] AS keep
     SET r.evidence = [i IN keep | r.evidence[i]], r.sources = [i IN keep | r.sources[i]]`,
    { source },
  );
  await tx.query(
    `MATCH (n:${ENTITY}) WHERE $source IN n.sources
     SET n.sources = [s IN n.sources WHERE s <> $source]
     WITH n WHERE size(n.sources) = 0
     DETACH DELETE n`,
    { source },
  );
}

export async function writeEntities(tx: Tx, label: EntityLabel, source: string, rows: EntityRow[]): Promise<WriteCount> {
  const { nodesCreated } = await tx.update(upsertEntitiesQuery(label), { rows, source });
  return { created: nodesCreated, total: rows.length };
}

/** Adds the article to the sources of entities it relates but does not define. */
export async function claimEntities(tx: Tx, source: string, ids: string[]): Promise<void> {
  await tx.query(
    `UNWIND $ids AS id
     MATCH (n:${ENTITY} {id: id})
     SET n.sources = CASE WHEN $source IN n.sources THEN n.sources ELSE n.sources + $source END`,
    { ids, source },
  );
}

export async function writeRelations(tx: Tx, type: RelationType | typeof MENTIONS, rows: RelationRow[]): Promise<WriteCount> {
  const { relationshipsCreated } = await tx.update(upsertRelationsQuery(type), { rows });
  return { created: relationshipsCreated, total: rows.length };
}

/** What an article contributed, per label and per relationship type. */
export async function articleContents(tx: Tx, source: string): Promise<{ labels: Record<string, number>; types: Record<string, number> }> {
  const labels = await tx.query<{ label: string; count: number }>(
    `MATCH (n:${ENTITY}) WHERE $source IN n.sources
     UNWIND [l IN labels(n) WHERE l <> '${ENTITY}'] AS label
     RETURN label, count(*) AS count`,
    { source },
  );
  const types = await tx.query<{ type: string; count: number }>(
    `MATCH ()-[r]->() WHERE $source IN r.sources RETURN type(r) AS type, count(*) AS count`,
    { source },
  );
  return {
    labels: Object.fromEntries(labels.map((row) => [row.label, row.count])),
    types: Object.fromEntries(types.map((row) => [row.type, row.count])),
  };
}

/** Removes every node this project writes (entities and articles) and their relationships, in bounded batches. */
export async function deleteProjectDataBatch(tx: Tx, batchSize: number): Promise<number> {
  const [row] = await tx.query<{ deleted: number }>(
    `MATCH (n) WHERE n:${ENTITY} OR n:${ARTICLE}
     WITH n LIMIT toInteger($batchSize)
     DETACH DELETE n
     RETURN count(*) AS deleted`,
    { batchSize },
  );
  return row?.deleted ?? 0;
}

/** Entities defined elsewhere that seed files refer to. */
export async function findEntities(tx: Tx, ids: string[]): Promise<{ id: string; label: string; name: string; aliases: string[] }[]> {
  return tx.query(
    `MATCH (n:${ENTITY}) WHERE n.id IN $ids
     RETURN n.id AS id, [l IN labels(n) WHERE l <> '${ENTITY}'][0] AS label, n.name AS name, coalesce(n.aliases, []) AS aliases`,
    { ids },
  );
}
