/**
 * Article nodes: hidden while the seeder writes what they state, shown once it is written whole,
 * deleted when withdrawn; the publication clock readers check; and the seeder's write lock.
 */
import type { Tx } from '../../db/client.ts';
import { ARTICLE, ARTICLE_STATUS, PUBLICATION, SEED_LOCK, type ArticleMeta } from '../../model.ts';

/*
 * How readers never see part of an article. Neo4j reads are read-committed: one query may see a
 * transaction that commits while it runs in part. So an article's content is never changed while
 * readers can see it: a load (or reload, or withdrawal) first hides the article (status `loading`)
 * and moves the publication clock, in a transaction of its own; then writes the content; then shows
 * it (status `loaded`), or deletes it. Readers leave out everything of hidden articles, and a read
 * that ran while an article was being hidden sees the clock move and is asked again (see ../read/queries.ts).
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

export interface ArticleRow extends ArticleMeta {
  listKey: string;
  /** The facts the article states, each as `TYPE outKey`. */
  facts: string[];
  /** The earlier facts it says its facts overtake, each as `TYPE outKey`. */
  overtook: string[];
}

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
     SET a.status = '${ARTICLE_STATUS.loading}'
     RETURN article.id AS id, existed`,
    { batch: { articles } },
  );
  await moveClock(tx);
  return new Set(rows.filter((row) => row.existed).map((row) => row.id));
}

/** Shows the articles: their content is complete. */
export async function showArticles(tx: Tx, ids: string[]): Promise<void> {
  await tx.query(`UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) SET a.status = '${ARTICLE_STATUS.loaded}', a.loadedAt = datetime()`, { batch: { ids } });
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
     WITH a, row, a.status = '${ARTICLE_STATUS.loaded}' AS shown
     SET a.title = row.title, a.publisher = row.publisher, a.publishedAt = date(row.publishedAt), a.path = row.path,
         a.textFile = row.textFile, a.fileHash = row.fileHash, a.textHash = row.textHash, a.listKey = row.listKey,
         a.facts = row.facts, a.overtook = row.overtook, a.status = '${ARTICLE_STATUS.loading}'
     RETURN count(CASE WHEN shown THEN 1 END) AS shown`,
    { batch: { rows } },
  );
  if ((shown?.shown ?? 0) > 0) await moveClock(tx);
}

async function moveClock(tx: Tx): Promise<void> {
  await tx.query(`MERGE (c:${PUBLICATION}) SET c.epoch = coalesce(c.epoch, 0) + 1`);
}

/** What a stored article states and overtakes, each fact as `TYPE outKey`. */
export interface StoredStatements {
  id: string;
  facts: string[];
  overtook: string[];
}

/** What the stored articles of these ids state and overtake: all that loading or withdrawing them may change, and what withdrawing them takes back. */
export function storedStatements(tx: Tx, ids: string[]): Promise<StoredStatements[]> {
  return tx.query<StoredStatements>(
    `UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) RETURN a.id AS id, coalesce(a.facts, []) AS facts, coalesce(a.overtook, []) AS overtook`,
    { batch: { ids } },
  );
}

/** Every fact that stored articles state or overtake. */
export const factsOf = (stated: StoredStatements[]): string[] => stated.flatMap((article) => [...article.facts, ...article.overtook]);

export async function deleteArticles(tx: Tx, ids: string[]): Promise<void> {
  await tx.query(`UNWIND $batch.ids AS id MATCH (a:${ARTICLE} {id: id}) DETACH DELETE a`, { batch: { ids } });
}
