/**
 * The reads the seeder's validation and the drafter need before anything is written: entities by
 * id or by name, statements by their words, containment chains, articles by file hash, and what
 * stored articles say. Each costs what is asked, never the size of the graph.
 */
import type { Tx } from '../db/client.ts';
import { ARTICLE, ARTICLE_STATUS, ENTITY, FULLTEXT_INDEX, MENTIONS, STATEMENT } from '../model.ts';

export interface StoredArticle {
  id: string;
  fileHash: string | null;
  textFile: string;
  textHash: string | null;
}

/** The loaded articles whose seed file has one of these hashes: one query, whatever their number. */
export async function articlesByFileHash(tx: Tx, hashes: string[]): Promise<StoredArticle[]> {
  return tx.query(
    `UNWIND $batch.hashes AS hash
     MATCH (a:${ARTICLE} {fileHash: hash}) WHERE a.status = '${ARTICLE_STATUS.loaded}'
     RETURN a.id AS id, a.fileHash AS fileHash, a.textFile AS textFile, a.textHash AS textHash`,
    { batch: { hashes } },
  );
}

/** Whether the graph holds an article with this id: one seek of the id's constraint, whatever the size. */
export async function articleStored(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.query<{ stored: boolean }>(`RETURN EXISTS { MATCH (a:${ARTICLE} {id: $id}) } AS stored`, { id });
  return rows[0]?.stored === true;
}

/** Those of these articles the graph holds, with their publication days. */
export async function articlesPublished(tx: Tx, ids: string[]): Promise<{ id: string; publishedAt: string }[]> {
  return tx.query(`UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) RETURN a.id AS id, toString(a.publishedAt) AS publishedAt`, { batch: { ids } });
}

/** What these articles (being replaced) say the entities they define are: read from their own mentions. */
export async function articleDefinitions(tx: Tx, articles: string[]): Promise<{ entity: string; definition: string }[]> {
  if (articles.length === 0) return [];
  return tx.query(
    `UNWIND $batch.articles AS id
     MATCH (:${ARTICLE} {id: id})-[m:${MENTIONS}]->(e) WHERE m.definition IS NOT NULL
     RETURN e.id AS entity, m.definition AS definition`,
    { batch: { articles } },
  );
}

/**
 * Articles (other than `replaced`) whose definition of an entity contains a piece of text, a few
 * each: a definition is a JSON text, so the caller asks for the JSON of one property's value and
 * checks what comes back. Only asked to name who gave a value another article contradicts.
 */
export async function definitionsContaining(
  tx: Tx,
  asks: { id: string; needle: string }[],
  replaced: string[],
): Promise<{ id: string; needle: string; article: string; definition: string }[]> {
  return tx.query(
    `UNWIND $batch.asks AS ask
     MATCH (n:${ENTITY} {id: ask.id})
     CALL (n, ask) {
       MATCH (a:${ARTICLE})-[m:${MENTIONS}]->(n)
       WHERE m.definition CONTAINS ask.needle AND NOT a.id IN $batch.replaced
       RETURN a.id AS article, m.definition AS definition LIMIT 5
     }
     RETURN ask.id AS id, ask.needle AS needle, article, definition`,
    { batch: { asks, replaced } },
  );
}

/**
 * Entities whose name or one of whose aliases is each key once folded (`foldName`). The full-text
 * index finds candidates by phrase (a folded key holds only letters, digits and spaces, so it is a
 * safe phrase), at most 20 a key; the caller keeps those that fold to the key exactly.
 */
export async function lookalikeCandidates(tx: Tx, keys: string[]): Promise<{ key: string; id: string; names: string[] }[]> {
  return (await entitiesNamed(tx, keys)).map((row) => ({ key: row.key, id: row.id, names: [row.name, ...row.aliases] }));
}

/**
 * Entities a name or alias of which folds to one of these keys (`foldName`), as a draft links them:
 * label, name, aliases, code and kind. One full-text phrase query per key, at most 20 entities each;
 * the caller keeps those that fold to the key exactly. Cost: the keys asked, not the graph.
 */
export async function entitiesNamed(
  tx: Tx,
  keys: string[],
): Promise<{ key: string; id: string; label: string; name: string; aliases: string[]; code: string | null; kind: string | null }[]> {
  // Before the first load there is no index yet, and nothing to be found.
  const [index] = await tx.query<{ ready: boolean }>(`SHOW FULLTEXT INDEXES YIELD name, state WHERE name = $name RETURN state = 'ONLINE' AS ready`, { name: FULLTEXT_INDEX });
  if (!index?.ready || keys.length === 0) return [];
  return tx.query(
    `UNWIND $batch.keys AS key
     CALL (key) {
       CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', '"' + key + '"', {limit: 20}) YIELD node
       RETURN node
     }
     RETURN key, node.id AS id, [l IN labels(node) WHERE l <> '${ENTITY}'][0] AS label, node.name AS name, coalesce(node.aliases, []) AS aliases,
            node.code AS code, node.kind AS kind`,
    { batch: { keys } },
  );
}

/**
 * The entities with these ids in the graph: label, name and aliases, and one article outside
 * `replaced` that mentions each (any one: asking for the first would read every mention of a hub).
 */
export async function findEntities(
  tx: Tx,
  ids: string[],
  replaced: string[],
): Promise<{ id: string; label: string; name: string; aliases: string[]; claims: string | null; article: string | null }[]> {
  return tx.query(
    `UNWIND $batch.ids AS id
     MATCH (n:${ENTITY} {id: id})
     RETURN n.id AS id, [l IN labels(n) WHERE l <> '${ENTITY}'][0] AS label, n.name AS name, coalesce(n.aliases, []) AS aliases, n.claims AS claims,
            head(COLLECT { MATCH (a:${ARTICLE})-[:${MENTIONS}]->(n) WHERE NOT a.id IN $batch.replaced RETURN a.id LIMIT 1 }) AS article`,
    { batch: { ids, replaced } },
  );
}

/**
 * Statements in the graph that a speaker said in these words (`quoteKey`, see normalizeQuote), with
 * an article outside `replaced` that defines each: one index seek per words asked.
 */
export async function statementsSaying(
  tx: Tx,
  asks: { speaker: string; key: string }[],
  replaced: string[],
): Promise<{ speaker: string; key: string; id: string; article: string | null }[]> {
  if (asks.length === 0) return [];
  return tx.query(
    `UNWIND $batch.asks AS ask
     MATCH (s:${STATEMENT} {quoteKey: ask.key}) WHERE EXISTS { (:${ENTITY} {id: ask.speaker})-[:SAID]->(s) }
     RETURN ask.speaker AS speaker, ask.key AS key, s.id AS id,
            head(COLLECT { MATCH (a:${ARTICLE})-[:${MENTIONS}]->(s) WHERE NOT a.id IN $batch.replaced RETURN a.id LIMIT 1 }) AS article`,
    { batch: { asks, replaced } },
  );
}

/** The containment relationships (PART_OF, LOCATED_IN) that lead on from these entities, as far as they go, with the articles that state them. */
export async function containmentFrom(
  tx: Tx,
  type: 'PART_OF' | 'LOCATED_IN',
  ids: string[],
  replaced: string[],
): Promise<{ from: string; to: string }[]> {
  // Only the distinct entities reached matter, so Neo4j can expand breadth-first and visit each
  // once; asking for the paths themselves would enumerate every route through the hierarchy.
  return tx.query(
    `UNWIND $batch.ids AS id
     MATCH (:${ENTITY} {id: id})-[:${type}*0..]->(x)
     WITH DISTINCT x
     MATCH (x)-[r:${type}]->(y)
     WHERE any(source IN r.sources WHERE NOT source IN $batch.replaced)
     RETURN x.id AS from, y.id AS to`,
    { batch: { ids, replaced } },
  );
}
