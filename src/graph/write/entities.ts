/**
 * Entity nodes and the mentions that keep them: merged on their id, every label in one query; an
 * entity lives while at least one article mentions it.
 */
import type { Tx } from '../../db/client.ts';
import { ARTICLE, ENTITY, isEntityLabel, MENTIONS, type EntityLabel } from '../../model.ts';
import { NAME_ORDER_SEPARATOR } from '../keys.ts';
import type { WriteCount } from './batches.ts';

export interface EntityRow {
  id: string;
  aliases: string[];
  /** Scalar properties; null removes a property an earlier load set. */
  props: Record<string, string | null>;
  /** The claims of what the articles that define it say (see src/seed/claims.ts); absent on a related entity. */
  claims: string | null;
  /** False for an entity the article relates but another defines: it is created if missing, never changed. */
  defines: boolean;
}

export interface MentionRow {
  entity: string;
  quote: string;
  inKey: string;
  /** What the article says the entity is, where it defines it (see src/seed/claims.ts). */
  definition: string | null;
}

function assertLabel(label: string): asserts label is EntityLabel {
  if (!isEntityLabel(label)) throw new Error(`not a label of the model: ${label}`);
}

const LIST_KEY = `n.name + '${NAME_ORDER_SEPARATOR}' + n.id`;

/**
 * Entities are merged on their id, every label in one query; only definitions are counted. A
 * definition row carries the entity's properties as its articles' claims give them, whole; an
 * entity the article relates but does not define is created if missing, never changed. The rows
 * come as maps from label to rows: Neo4j caches plans by the parameters' types, which a map keeps the
 * same whatever labels a batch holds (a list that is empty in one batch and not in the next would not).
 * A new entity's label is the value its rows are grouped under, which writeEntities checks is one of
 * the closed set: the text holds no branch per label, and Neo4j plans it in tens of milliseconds.
 */
const UPSERT_ENTITIES_QUERY = `
CALL {
  UNWIND keys($defined) AS label
  UNWIND $defined[label] AS row
  MERGE (n:${ENTITY} {id: row.id})
  ON CREATE SET n:$(label)
  SET n += row.props, n.aliases = row.aliases, n.claims = row.claims
  WITH label, n, n.listKey IS NULL AS created
  FOREACH (_ IN CASE WHEN n.listKey IS NULL OR n.listKey <> ${LIST_KEY} THEN [1] ELSE [] END | SET n.listKey = ${LIST_KEY})
  RETURN label, created
  UNION ALL
  UNWIND keys($related) AS label
  UNWIND $related[label] AS row
  MERGE (n:${ENTITY} {id: row.id})
  ON CREATE SET n:$(label), n += row.props, n.aliases = row.aliases, n.listKey = row.props.name + '${NAME_ORDER_SEPARATOR}' + row.id
  RETURN label, null AS created
}
WITH label, created WHERE created IS NOT NULL
RETURN label, count(CASE WHEN created THEN 1 END) AS created, count(*) AS total`;

export async function writeEntities(tx: Tx, rows: Map<EntityLabel, EntityRow[]>): Promise<Map<string, WriteCount>> {
  const defined: Record<string, EntityRow[]> = {};
  const related: Record<string, EntityRow[]> = {};
  for (const [label, labelled] of rows) {
    assertLabel(label);
    defined[label] = labelled.filter((row) => row.defines);
    related[label] = labelled.filter((row) => !row.defines);
  }
  const counts = await tx.query<{ label: string; created: number; total: number }>(UPSERT_ENTITIES_QUERY, { defined, related });
  return new Map(counts.map(({ label, created, total }) => [label, { created, total }]));
}

/** The claims of what their articles say these entities are, with their labels (missing ids are left out). */
export async function entityClaims(tx: Tx, ids: string[]): Promise<{ id: string; label: string; claims: string | null }[]> {
  if (ids.length === 0) return [];
  return tx.query(
    `UNWIND $batch.ids AS id
     MATCH (n:${ENTITY} {id: id})
     RETURN n.id AS id, [l IN labels(n) WHERE l <> '${ENTITY}'][0] AS label, n.claims AS claims`,
    { batch: { ids } },
  );
}

/** Entities no loaded article defines any more, which only relationships keep: they keep their last definition's properties. */
export async function releaseEntities(tx: Tx, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(`UNWIND $batch.ids AS id MATCH (n:${ENTITY} {id: id}) REMOVE n.claims`, { batch: { ids } });
}

/**
 * An article's mentions are written only after its earlier ones were withdrawn, so they are created,
 * not merged. Each distinct quote travels once per article, and its mentions name it by position:
 * many entities are first named in one sentence, which would otherwise cross the wire once for each.
 * (JavaScript numbers arrive as floats, hence toInteger.)
 */
export async function writeMentions(tx: Tx, articles: { id: string; mentions: MentionRow[] }[]): Promise<WriteCount> {
  const rows = articles.map(({ id, mentions }) => {
    const quotes = new Map<string, number>();
    const at = (quote: string) => {
      let index = quotes.get(quote);
      if (index === undefined) quotes.set(quote, (index = quotes.size));
      return index;
    };
    const compact = mentions.map(({ entity, quote, inKey, definition }) => ({ entity, quote: at(quote), inKey, definition }));
    return { id, quotes: [...quotes.keys()], mentions: compact };
  });
  const { relationshipsCreated } = await tx.update(
    `UNWIND $batch.articles AS article
     MATCH (a:${ARTICLE} {id: article.id})
     UNWIND article.mentions AS row
     MATCH (b:${ENTITY} {id: row.entity})
     CREATE (a)-[:${MENTIONS} {inKey: row.inKey, evidence: [article.quotes[toInteger(row.quote)]], definition: row.definition}]->(b)`,
    { batch: { articles: rows } },
  );
  return { created: relationshipsCreated, total: articles.reduce((sum, article) => sum + article.mentions.length, 0) };
}

/** Deletes those of the entities that no article mentions any more (an entity lives while an article mentions it); returns their ids. */
export async function removeOrphans(tx: Tx, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const [row] = await tx.query<{ removed: string[] }>(
    `UNWIND $batch.ids AS id
     MATCH (n:${ENTITY} {id: id}) WHERE NOT EXISTS { (n)<-[:${MENTIONS}]-() }
     WITH n, n.id AS removed
     DETACH DELETE n
     RETURN collect(removed) AS removed`,
    { batch: { ids } },
  );
  return row?.removed ?? [];
}
