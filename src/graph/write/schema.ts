/**
 * The graph's constraints and indexes, each by name, created where missing; whether a graph was
 * written by an earlier version of the seeder; and clearing this project's data in batches.
 */
import type { Tx } from '../../db/client.ts';
import { ARTICLE, ENTITY, ENTITY_LABELS, FULLTEXT_INDEX, LISTING, MENTIONS, RELATION_TYPE_NAMES, SEED_LOCK, STATEMENT, TALLY } from '../../model.ts';
import { LISTED_KEYS } from '../keys.ts';

/** Name of the index (or constraint) on a key property of a relationship type. */
export function relationIndexName(type: string, property: string): string {
  return `${type.toLowerCase()}_${property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** The key properties every fact carries, each with a range index per relationship type (see keys.ts). */
export const FACT_KEY_PROPERTIES = ['outKey', 'inKey', 'outRank', 'inRank', 'dateKey', 'spanKey', 'outTimeKey', 'inTimeKey', 'outEndKey', 'inEndKey', 'outReportKey', 'inReportKey'] as const;
/** An article's own mentions are few and found from its node; an entity's may be thousands, and are paged through `inKey`. */
export const MENTION_KEY_PROPERTIES = ['inKey'] as const;

interface SchemaItem {
  name: string;
  kind: 'CONSTRAINT' | 'INDEX';
  statement: string;
}

/** Constraints and indexes of the graph, each by name. */
export function schemaItems(): SchemaItem[] {
  const constraint = (name: string, pattern: string, property: string): SchemaItem => ({
    name,
    kind: 'CONSTRAINT',
    statement: `CREATE CONSTRAINT ${name} IF NOT EXISTS FOR ${pattern} REQUIRE ${property} IS UNIQUE`,
  });
  const index = (name: string, pattern: string, property: string): SchemaItem => ({
    name,
    kind: 'INDEX',
    statement: `CREATE INDEX ${name} IF NOT EXISTS FOR ${pattern} ON (${property})`,
  });
  const relationKeys = (type: string, properties: readonly string[]) =>
    properties.map((property) =>
      property === 'outKey'
        ? constraint(relationIndexName(type, property), `()-[r:${type}]-()`, `r.${property}`)
        : index(relationIndexName(type, property), `()-[r:${type}]-()`, `r.${property}`),
    );
  return [
    constraint('entity_id', `(n:${ENTITY})`, 'n.id'),
    ...ENTITY_LABELS.map((label) => constraint(`${label.toLowerCase()}_id`, `(n:${label})`, 'n.id')),
    constraint('article_id', `(a:${ARTICLE})`, 'a.id'),
    constraint(TALLY_KEY_INDEX, `(t:${TALLY})`, 't.key'),
    constraint('seed_lock_id', `(l:${SEED_LOCK})`, 'l.id'),
    constraint(LISTING_IDENTITY_INDEX, `(l:${LISTING})`, 'l.identity'),
    ...LISTED_KEYS.map((key) => index(`listing_${relationIndexName('', key).slice(1)}`, `(l:${LISTING})`, `l.${key}`)),
    index('article_file_hash', `(a:${ARTICLE})`, 'a.fileHash'),
    index('article_list_key', `(a:${ARTICLE})`, 'a.listKey'),
    index('article_status', `(a:${ARTICLE})`, 'a.status'),
    index('entity_name', `(n:${ENTITY})`, 'n.name'),
    index('statement_quote_key', `(n:${STATEMENT})`, 'n.quoteKey'),
    index('entity_list_key', `(n:${ENTITY})`, 'n.listKey'),
    ...ENTITY_LABELS.map((label) => index(`${label.toLowerCase()}_list_key`, `(n:${label})`, 'n.listKey')),
    ...RELATION_TYPE_NAMES.flatMap((type) => relationKeys(type, FACT_KEY_PROPERTIES)),
    ...relationKeys(MENTIONS, MENTION_KEY_PROPERTIES),
    {
      name: FULLTEXT_INDEX,
      kind: 'INDEX',
      // ASCII folding makes "Zoe" find "Zoë"; fuzzy terms (netanyahou~) tolerate small typos.
      statement:
        `CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} IF NOT EXISTS FOR (n:${ENTITY}) ON EACH [n.name, n.aliases] ` +
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-folding'}}",
    },
  ];
}

/** Creates what is missing of the schema, after one look at what exists, and waits until every index is online. */
export async function ensureSchema(tx: Tx): Promise<number> {
  const existing = await indexNames(tx);
  const missing = schemaItems().filter((item) => !existing.has(item.name));
  for (const item of missing) await tx.query(item.statement);
  return missing.length;
}

/**
 * The names of the graph's indexes. Constraints own an index of the same name, so they cover the
 * constraints too. One text for every look at the schema: Neo4j plans it once after a restart.
 */
async function indexNames(tx: Tx): Promise<Set<string>> {
  return new Set((await tx.query<{ name: string }>('SHOW INDEXES YIELD name RETURN name')).map((row) => row.name));
}

export async function awaitIndexes(tx: Tx, seconds = 300): Promise<void> {
  await tx.query('CALL db.awaitIndexes($seconds)', { seconds });
}

export const TALLY_KEY_INDEX = 'tally_key';
export const LISTING_IDENTITY_INDEX = 'listing_identity';

/**
 * Whether the graph was written by an earlier version of the seeder, whose provenance this one
 * cannot take back article by article, or which kept no tallies or listings: it holds articles, but not the
 * indexes this version's articles, tallies and listings are found by. Both are answered from the schema and the count store, whatever the size.
 */
export async function isLegacyGraph(tx: Tx): Promise<boolean> {
  const [articles] = await tx.query<{ n: number }>(`MATCH (a:${ARTICLE}) RETURN count(a) AS n`);
  if (!articles?.n) return false;
  const indexed = await indexNames(tx);
  return !['article_file_hash', TALLY_KEY_INDEX, LISTING_IDENTITY_INDEX].every((name) => indexed.has(name));
}

/**
 * Removes up to `batchSize` of this project's data: the relationships of its nodes (entities and
 * articles) while there are any, then the nodes, the tallies and the listings. Relationships go first, a batch at a time, since
 * deleting a hub with its relationships at once would hold all of them in one transaction's memory.
 */
export async function deleteProjectDataBatch(tx: Tx, batchSize: number): Promise<{ relationships: number; nodes: number }> {
  const [rels] = await tx.query<{ deleted: number }>(
    `MATCH (n)-[r]-() WHERE n:${ENTITY} OR n:${ARTICLE}
     WITH DISTINCT r LIMIT toInteger($batchSize)
     DELETE r
     RETURN count(*) AS deleted`,
    { batchSize },
  );
  if (rels!.deleted > 0) return { relationships: rels!.deleted, nodes: 0 };
  const [nodes] = await tx.query<{ deleted: number }>(
    `MATCH (n) WHERE n:${ENTITY} OR n:${ARTICLE} OR n:${TALLY} OR n:${LISTING}
     WITH n LIMIT toInteger($batchSize)
     DELETE n
     RETURN count(*) AS deleted`,
    { batchSize },
  );
  return { relationships: 0, nodes: nodes!.deleted };
}
