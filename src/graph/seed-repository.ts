/**
 * All Cypher that writes the graph. Labels and relationship types come only from src/model.ts;
 * every value is a parameter.
 *
 * Provenance is reached from the article, never by scanning the graph: an article's node lists the
 * facts it stated (`facts`, each its type and `outKey`), found again through the unique index on
 * `outKey`; its `MENTIONS` relationships lead to every entity it defines or relates. An entity
 * lives while at least one article mentions it. Every cost here therefore follows the size of the
 * articles being written, and of the facts they touch, never the size of the graph.
 */
import type { Tx } from '../db/client.ts';
import { ARTICLE, ENTITY, ENTITY_LABELS, FULLTEXT_INDEX, MENTIONS, PUBLICATION, RELATION_TYPE_NAMES, SEED_LOCK, TALLY, isEntityLabel, type ArticleMeta, type EntityLabel } from '../model.ts';
import { byOutKey, byType, FACT_BY_KEY, takeBackFacts, takeBackOvertakings, type OvertakingState, type WriteCount } from './fact-writes.ts';
import { join, TALLIED_KEYS, talliesOfKey, type TallyKind } from './keys.ts';

/** Name of the index (or constraint) on a key property of a relationship type. */
export function relationIndexName(type: string, property: string): string {
  return `${type.toLowerCase()}_${property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
}

/** The key properties every fact carries, each with a range index per relationship type (see keys.ts). */
/*
 * Rows travel inside a map parameter (`$batch.rows`): Neo4j caches a plan by its parameters' types
 * and, for lists, their size, so a bare list parameter would cost a new plan for each batch size.
 */

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
  // Constraints own an index of the same name, so the index names cover the constraints too.
  const existing = new Set((await tx.query<{ name: string }>('SHOW INDEXES YIELD name RETURN name')).map((row) => row.name));
  const missing = schemaItems().filter((item) => !existing.has(item.name));
  for (const item of missing) await tx.query(item.statement);
  return missing.length;
}

export async function awaitIndexes(tx: Tx, seconds = 300): Promise<void> {
  await tx.query('CALL db.awaitIndexes($seconds)', { seconds });
}

export interface ArticleRow extends ArticleMeta {
  listKey: string;
  /** The facts the article states, each as `TYPE outKey`. */
  facts: string[];
  /** The earlier facts it says its facts overtake, each as `TYPE outKey`. */
  overtook: string[];
}

export interface EntityRow {
  id: string;
  aliases: string[];
  /** Scalar properties; null removes a property an earlier load set. */
  props: Record<string, string | null>;
  /** The tally of what the articles that define it say (see src/seed/claims.ts); absent on a related entity. */
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

/*
 * How readers never see part of an article. Neo4j reads are read-committed: one query may see a
 * transaction that commits while it runs in part. So an article's content is never changed while
 * readers can see it: a load (or reload, or withdrawal) first hides the article (status `loading`)
 * and moves the publication clock, in a transaction of its own; then writes the content; then shows
 * it (status `loaded`), or deletes it. Readers leave out everything of hidden articles, and a read
 * that ran while an article was being hidden sees the clock move and is asked again (GraphQueries).
 */


/*
 * How seed runs at once stay correct. Loading merges evidence, claims and tallies by reading what is
 * stored and writing it back; Neo4j's reads take no lock, so two transactions that merge into one fact
 * at once would each write back what it read, and one's sentences would be lost. Every write
 * transaction of the seeder therefore first takes the write lock of one `:SeedLock` node: its writes
 * then run one transaction at a time, each reading what the last committed. Runs still interleave
 * between transactions (a batch of one, then a batch of another), which the hide / write / show steps
 * allow: each batch is whole whenever it is shown.
 */

/** Takes the seeder's write lock, held until the transaction ends (a property set and removed: the node stays as it was). */
export async function lockSeedWrites(tx: Tx): Promise<void> {
  await tx.query(`MERGE (l:${SEED_LOCK} {id: 'seed'}) SET l.held = true REMOVE l.held`);
}

/** Hides the articles (creating their nodes if new) and moves the publication clock. */
export async function hideArticles(tx: Tx, articles: { id: string; publishedAt: string }[]): Promise<Set<string>> {
  // Whether each was in the graph before (a reload, or the rerun of an interrupted load) comes back with the same query.
  const rows = await tx.query<{ id: string; existed: boolean }>(
    `UNWIND $batch.articles AS article
     OPTIONAL MATCH (old:${ARTICLE} {id: article.id})
     WITH article, old IS NOT NULL AS existed
     MERGE (a:${ARTICLE} {id: article.id})
     ON CREATE SET a.publishedAt = date(article.publishedAt)
     SET a.status = 'loading'
     RETURN article.id AS id, existed`,
    { batch: { articles } },
  );
  await moveClock(tx);
  return new Set(rows.filter((row) => row.existed).map((row) => row.id));
}

/** Shows the articles: their content is complete. */
export async function showArticles(tx: Tx, ids: string[]): Promise<void> {
  await tx.query(`UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) SET a.status = 'loaded', a.loadedAt = datetime()`, { batch: { ids } });
}

/**
 * Writes the articles' nodes with their content's hashes and the facts they state; they stay hidden
 * until shown. Another seed run may have shown one of them since this run hid it (it loaded the same
 * article meanwhile): then the clock moves again, so that a reader who saw it shown reads again.
 */
export async function writeArticles(tx: Tx, rows: ArticleRow[]): Promise<void> {
  const [shown] = await tx.query<{ shown: number }>(
    `UNWIND $batch.rows AS row
     MERGE (a:${ARTICLE} {id: row.id})
     WITH a, row, a.status = 'loaded' AS shown
     SET a.title = row.title, a.publisher = row.publisher, a.publishedAt = date(row.publishedAt), a.path = row.path,
         a.textFile = row.textFile, a.fileHash = row.fileHash, a.textHash = row.textHash, a.listKey = row.listKey,
         a.facts = row.facts, a.overtook = row.overtook, a.status = 'loading'
     RETURN count(CASE WHEN shown THEN 1 END) AS shown`,
    { batch: { rows } },
  );
  if ((shown?.shown ?? 0) > 0) await moveClock(tx);
}

async function moveClock(tx: Tx): Promise<void> {
  await tx.query(`MERGE (c:${PUBLICATION}) SET c.epoch = coalesce(c.epoch, 0) + 1`);
}

/** The entity upserts for one label: branches of the query that writes every label at once. */
function upsertEntitiesBranches(label: EntityLabel): string[] {
  assertLabel(label);
  const listKey = `n.name + '\u0001' + n.id`;
  return [
    `
  UNWIND $defined.${label} AS row
  MERGE (n:${ENTITY} {id: row.id})
  ON CREATE SET n:${label}
  SET n += row.props, n.aliases = row.aliases, n.claims = row.claims
  WITH n, n.listKey IS NULL AS created
  FOREACH (_ IN CASE WHEN n.listKey IS NULL OR n.listKey <> ${listKey} THEN [1] ELSE [] END | SET n.listKey = ${listKey})
  RETURN '${label}' AS label, created`,
    // An entity the article relates but does not define: created if missing, never changed.
    `
  UNWIND $related.${label} AS row
  MERGE (n:${ENTITY} {id: row.id})
  ON CREATE SET n:${label}, n += row.props, n.aliases = row.aliases, n.listKey = row.props.name + '\u0001' + row.id
  RETURN '${label}' AS label, null AS created`,
  ];
}

/**
 * Entities are merged on their id, every label in one query; only definitions are counted. A
 * definition row carries the entity's properties as its articles' tally gives them, whole. The rows
 * come as maps from label to rows: Neo4j caches plans by the parameters' types, which a map keeps the
 * same whatever labels a batch holds (a list that is empty in one batch and not in the next would not).
 */
export const UPSERT_ENTITIES_QUERY = `
CALL {${ENTITY_LABELS.flatMap(upsertEntitiesBranches).join('\n  UNION ALL')}
}
WITH label, created WHERE created IS NOT NULL
RETURN label, count(CASE WHEN created THEN 1 END) AS created, count(*) AS total`;

export async function writeEntities(tx: Tx, rows: Map<EntityLabel, EntityRow[]>): Promise<Map<string, WriteCount>> {
  const defined: Record<string, EntityRow[]> = {};
  const related: Record<string, EntityRow[]> = {};
  for (const [label, labelled] of rows) {
    defined[label] = labelled.filter((row) => row.defines);
    related[label] = labelled.filter((row) => !row.defines);
  }
  const counts = await tx.query<{ label: string; created: number; total: number }>(UPSERT_ENTITIES_QUERY, { defined, related });
  return new Map(counts.map(({ label, created, total }) => [label, { created, total }]));
}

/** The tallies of what their articles say these entities are, with their labels (missing ids are left out). */
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

/** What withdrawing articles took back: the entities they mentioned, and their definitions of those they defined. */
export interface Withdrawn {
  mentioned: string[];
  definitions: { entity: string; definition: string }[];
  /** Facts that went with the articles while other articles overtook them: if the batch states them again, they are overtaken again. */
  overtaken: OvertakingState[];
}

/**
 * Takes back everything the articles contributed: their evidence, the facts only they stated, their
 * mentions, and (once the batch is written, see `removeOrphans`) the entities no article mentions
 * any more. Returns the entities they mentioned and the definitions their mentions carried, which
 * the caller takes out of those entities' tallies.
 */
export async function withdrawArticles(tx: Tx, ids: string[]): Promise<Withdrawn> {
  const stated = await tx.query<{ id: string; facts: string[]; overtook: string[] }>(
    `UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) RETURN a.id AS id, coalesce(a.facts, []) AS facts, coalesce(a.overtook, []) AS overtook`,
    { batch: { ids } },
  );
  // What they overtook is given back first: the earlier facts as they were, unless another article overtakes them too.
  await takeBackOvertakings(tx, stated.flatMap(({ id, overtook }) => overtook.map((identity) => ({ identity, article: id }))));
  const overtaken = await takeBackFacts(tx, stated.map(({ id, facts }) => ({ article: id, facts })));
  const rows = await tx.query<{ entity: string; definition: string | null }>(
    `UNWIND $batch.ids AS id
     MATCH (:${ARTICLE} {id: id})-[m:${MENTIONS}]->(e)
     WITH m, e.id AS entity, m.definition AS definition DELETE m
     RETURN entity, definition`,
    { batch: { ids } },
  );
  return {
    mentioned: [...new Set(rows.map((row) => row.entity))],
    definitions: rows.flatMap(({ entity, definition }) => (definition === null ? [] : [{ entity, definition }])),
    overtaken,
  };
}

export const TALLY_KEY_INDEX = 'tally_key';

/** The label statements are found again by their words under (see statementsSaying). */
const STATEMENT: EntityLabel = 'Statement';

const TALLIED: { kind: TallyKind; property: string }[] = Object.entries(TALLIED_KEYS).flatMap(([kind, properties]) =>
  Object.values(properties).map((property) => ({ kind: kind as TallyKind, property })),
);

const TALLIED_KEYS_QUERY = `
CALL {${RELATION_TYPE_NAMES.map(
  (type) => `
  UNWIND $facts.${type} AS row
  ${FACT_BY_KEY(type, 'r', 'row.outKey')}
  RETURN '${type}' AS type, row.outKey AS outKey, [${TALLIED.map(({ property }) => `r.${property}`).join(', ')}] AS keys`,
).join('\n  UNION ALL')}
}
RETURN type, outKey, keys`;

/** A fact's keys that tallies count, in the order of TALLIED (null where it has none), by identity (`TYPE outKey`). */
export type TalliedKeys = Map<string, (string | null)[]>;

/** The tallied keys of those of these facts (`TYPE outKey`) that exist. */
export async function talliedKeys(tx: Tx, identities: readonly string[]): Promise<TalliedKeys> {
  if (identities.length === 0) return new Map();
  const found = await tx.query<{ type: string; outKey: string; keys: (string | null)[] }>(TALLIED_KEYS_QUERY, { facts: byType(identities.map(byOutKey)) });
  return new Map(found.map(({ type, outKey, keys }) => [join(type, outKey), keys]));
}

/** What facts' keys moving from `before` to `after` (a fact missing from one is absent there) adds to each tally, in key order. */
export function tallyChanges(before: TalliedKeys, after: TalliedKeys): { key: string; delta: number }[] {
  const changes = new Map<string, number>();
  const add = (facts: TalliedKeys, sign: number) => {
    for (const keys of facts.values()) {
      keys.forEach((key, i) => {
        if (key === null) return;
        for (const tally of talliesOfKey(TALLIED[i]!.kind, key)) changes.set(tally, (changes.get(tally) ?? 0) + sign);
      });
    }
  };
  add(before, -1);
  add(after, +1);
  // In key order, so that concurrent loads lock shared tallies in the same order.
  return [...changes]
    .filter(([, delta]) => delta !== 0)
    .map(([key, delta]) => ({ key, delta }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Adds the changes to the tallies; one that falls to zero goes, so the tallies of a graph depend only on its facts. */
export async function writeTallies(tx: Tx, changes: { key: string; delta: number }[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `UNWIND $batch.changes AS change
     MERGE (t:${TALLY} {key: change.key})
     ON CREATE SET t.count = 0
     SET t.count = t.count + change.delta
     WITH t WHERE t.count = 0
     DELETE t`,
    { batch: { changes } },
  );
}

/** The facts the stored articles state and those they overtake (`TYPE outKey`): all that loading or withdrawing them may change. */
export async function articleFacts(tx: Tx, ids: string[]): Promise<string[]> {
  const rows = await tx.query<{ facts: string[] }>(
    `UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) RETURN coalesce(a.facts, []) + coalesce(a.overtook, []) AS facts`,
    { batch: { ids } },
  );
  return rows.flatMap((row) => row.facts);
}

/**
 * Runs a write that may move the tallied keys of these facts (and of no other), and changes the
 * tallies by what it moved: the keys before and after, read by identity, so the cost is the facts
 * written, whatever the graph holds.
 */
export async function keepingTallies<T>(tx: Tx, facts: Iterable<string>, write: () => Promise<T>): Promise<T> {
  const identities = [...new Set(facts)];
  const before = await talliedKeys(tx, identities);
  const result = await write();
  await writeTallies(tx, tallyChanges(before, await talliedKeys(tx, identities)));
  return result;
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

export async function deleteArticles(tx: Tx, ids: string[]): Promise<void> {
  await tx.query(`UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) DETACH DELETE a`, { batch: { ids } });
}

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
     MATCH (a:${ARTICLE} {fileHash: hash}) WHERE a.status = 'loaded'
     RETURN a.id AS id, a.fileHash AS fileHash, a.textFile AS textFile, a.textHash AS textHash`,
    { batch: { hashes } },
  );
}

/** Whether the graph holds an article with this id: one seek of the id's constraint, whatever the size. */
export async function articleStored(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx.query<{ stored: boolean }>(`RETURN EXISTS { MATCH (a:${ARTICLE} {id: $id}) } AS stored`, { id });
  return rows[0]?.stored === true;
}

/**
 * Whether the graph was written by an earlier version of the seeder, whose provenance this one
 * cannot take back article by article, or which kept no tallies: it holds articles, but not the
 * indexes this version's articles and tallies are found by. Both are answered from the schema and the count store, whatever the size.
 */
export async function isLegacyGraph(tx: Tx): Promise<boolean> {
  const [articles] = await tx.query<{ n: number }>(`MATCH (a:${ARTICLE}) RETURN count(a) AS n`);
  if (!articles?.n) return false;
  const indexed = await tx.query<{ name: string }>('SHOW INDEXES YIELD name WHERE name IN $names RETURN name', { names: ['article_file_hash', TALLY_KEY_INDEX] });
  return indexed.length < 2;
}

/**
 * Removes up to `batchSize` of this project's data: the relationships of its nodes (entities and
 * articles) while there are any, then the nodes and the tallies. Relationships go first, a batch at a time, since
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
    `MATCH (n) WHERE n:${ENTITY} OR n:${ARTICLE} OR n:${TALLY}
     WITH n LIMIT toInteger($batchSize)
     DELETE n
     RETURN count(*) AS deleted`,
    { batchSize },
  );
  return { relationships: 0, nodes: nodes!.deleted };
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
