/**
 * Small synthetic corpora written to a temporary folder, and a plain reference of what the graph
 * must hold for a set of articles, to compare the database with after loads, reloads and withdrawals.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dump, load } from 'js-yaml';
import { writeCorpus, type CorpusOptions } from '../../scripts/synthetic/corpus.ts';
import type { GraphDatabase } from '../../src/db/client.ts';
import type { SeedFileInput } from '../../src/seed/schema.ts';
import type { ArticlePlan } from '../../src/seed/plan.ts';

export function writeSyntheticCorpus(articles: number, options: Partial<CorpusOptions> = {}): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-corpus-'));
  return writeCorpus(dir, { articles, pool: 200, entitiesPerArticle: 30, relationsPerArticle: 25, seed: 5, ...options });
}

/** A copy of a seed file, changed, beside it (so that its article text is found the same way). */
export function writeChangedCopy(file: string, change: (seed: SeedFileInput) => SeedFileInput): string {
  const copy = file.replace(/\.yaml$/, '-changed.yaml');
  writeFileSync(copy, dump(change(load(readFileSync(file, 'utf8')) as SeedFileInput)));
  return copy;
}

export interface StoredFact {
  evidence: string[];
  sources: string[];
  reported: string[];
  sourceCount: number;
  firstReported: string;
  lastReported: string;
}

/** Every fact in the graph by `TYPE from to key`, with its evidence and what is derived from it. */
export async function storedFacts(db: GraphDatabase): Promise<Map<string, StoredFact>> {
  const rows = await db.read('test.facts', (tx) =>
    tx.query<StoredFact & { fact: string }>(
      `MATCH (a:Entity)-[r]->(b:Entity)
       RETURN type(r) + ' ' + a.id + ' ' + b.id + ' ' + r.key AS fact, r.evidence AS evidence, r.sources AS sources,
              [d IN r.reported | toString(d)] AS reported, r.sourceCount AS sourceCount,
              toString(r.firstReported) AS firstReported, toString(r.lastReported) AS lastReported`,
    ),
  );
  return new Map(rows.map(({ fact, ...rest }) => [fact, rest]));
}

/**
 * What the facts of these articles must hold, worked out plainly: every article's sentences, in
 * publication order, then by article, each article's in the order its file gives them.
 */
export function expectedFacts(plans: ArticlePlan[]): Map<string, StoredFact> {
  const entries = new Map<string, { quote: string; source: string; reported: string }[]>();
  const ordered = [...plans].sort((a, b) => a.article.publishedAt.localeCompare(b.article.publishedAt) || (a.article.id < b.article.id ? -1 : 1));
  for (const plan of ordered) {
    for (const relation of plan.relations) {
      const fact = `${relation.type} ${relation.from} ${relation.to} ${relation.key}`;
      const list = entries.get(fact) ?? [];
      for (const e of relation.evidence) list.push({ quote: e.quote, source: plan.article.id, reported: plan.article.publishedAt });
      entries.set(fact, list);
    }
  }
  return new Map(
    [...entries].map(([fact, list]) => [
      fact,
      {
        evidence: list.map((e) => e.quote),
        sources: list.map((e) => e.source),
        reported: list.map((e) => e.reported),
        sourceCount: new Set(list.map((e) => e.source)).size,
        firstReported: list[0]!.reported,
        lastReported: list.at(-1)!.reported,
      },
    ]),
  );
}

export async function mentionedEntities(db: GraphDatabase): Promise<Set<string>> {
  const rows = await db.read('test.entities', (tx) => tx.query<{ id: string }>('MATCH (n:Entity) RETURN n.id AS id'));
  return new Set(rows.map((row) => row.id));
}

/**
 * Which articles are in the graph whole and shown, which are hidden (written in part or not at all,
 * which readers never see), and which are shown but not whole (which must never happen).
 */
/**
 * How many articles are loaded (shown to readers) once at least `atLeast` are, asking every 25 ms,
 * or after `tries` asks: for a test that acts while a load is under way.
 */
export async function waitForLoadedArticles(db: GraphDatabase, atLeast: number, tries: number): Promise<number> {
  let loaded = 0;
  for (let i = 0; i < tries && loaded < atLeast; i++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    const [row] = await db.read('test.progress', (tx) => tx.query<{ n: number }>("MATCH (a:Article {status: 'loaded'}) RETURN count(a) AS n"));
    loaded = row?.n ?? 0;
  }
  return loaded;
}

export async function articleStates(db: GraphDatabase, plans: ArticlePlan[]): Promise<{ complete: string[]; hidden: string[]; partial: string[] }> {
  const complete: string[] = [];
  const hidden: string[] = [];
  const partial: string[] = [];
  for (const plan of plans) {
    const [row] = await db.read('test.article', (tx) =>
      tx.query<{ status: string | null; mentions: number; facts: number }>(
        `OPTIONAL MATCH (a:Article {id: $id})
         RETURN a.status AS status, COUNT { (:Article {id: $id})-[:MENTIONS]->() } AS mentions,
                COUNT { MATCH (:Entity)-[r]->(:Entity) WHERE $id IN r.sources } AS facts`,
        { id: plan.article.id },
      ),
    );
    // One article may report one fact twice (a state at two times): it is one fact of the graph.
    const facts = new Set(plan.relations.map((r) => `${r.type} ${r.from} ${r.to} ${r.key}`)).size;
    const whole = row!.mentions === plan.mentions.length && row!.facts === facts;
    if (row!.status === 'loading') hidden.push(plan.article.id);
    else if (row!.status === 'loaded' && whole) complete.push(plan.article.id);
    else if (row!.status !== null || row!.mentions + row!.facts > 0) partial.push(plan.article.id);
  }
  return { complete, hidden, partial };
}
