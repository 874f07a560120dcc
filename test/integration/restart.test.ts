/**
 * Right after Neo4j restarts it has planned nothing: every query text is planned on its first run,
 * and a listing of every type of fact takes seconds. This test restarts a Neo4j of its own under a
 * small corpus, starts the API and, once its warm-up is done, asks each root field once: through the
 * operations it warmed up, as a client sends them, and the rest as written here. It times nothing
 * finer than "seconds, or not": a regression to plans of seconds fails it.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveApi } from '../../src/api/main.ts';
import { variablesFrom, warmUpOperations } from '../../src/api/warm-up.ts';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { GraphDatabase } from '../../src/db/client.ts';
import { start, stop } from '../../src/db/local/server.ts';
import { freePort, startThrowawayServer } from '../../src/db/local/throwaway.ts';
import { seed } from '../../src/seed/run.ts';
import { writeCorpus } from '../../scripts/synthetic/corpus.ts';

/** Far above a planned query's tens of milliseconds, far below the seconds of planning a listing of every type. */
const FIRST_REQUEST_BOUND_MS = 2_500;

async function timed(url: string, request: { query: string; operationName?: string; variables?: Record<string, unknown> }): Promise<{ ms: number; errors: unknown[] }> {
  const started = performance.now();
  const { query, operationName, variables } = request;
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, operationName, variables }) });
  const answer = (await response.json()) as { errors?: unknown[] };
  return { ms: performance.now() - started, errors: answer.errors ?? [] };
}

describe('the API right after Neo4j restarts', () => {
  it('when Neo4j restarts under a corpus and the API starts and warms up, then the first request of each root field answers within a few seconds', async () => {
    const log = (line: string) => console.log(`[restart neo4j] ${line}`);
    const server = await startThrowawayServer('test-restart', { heap: '1g', pageCache: '256m' }, log);
    let api: Awaited<ReturnType<typeof serveApi>> | undefined;
    try {
      const env = { ...server.env, NEO4J_TX_TIMEOUT_MS: '60000' };
      const db = GraphDatabase.fromConfig(loadConfig(env), 'test-restart');
      const files = writeCorpus(mkdtempSync(path.join(os.tmpdir(), 'restart-corpus-')), { articles: 60 });
      await seed(db, { inputs: [...files, path.join(PROJECT_ROOT, 'seed')] });
      const [hub] = await db.read('test.hub', (tx) =>
        tx.query<{ id: string; other: string }>(
          'MATCH (n:Entity) WITH n ORDER BY COUNT { (n)--() } DESC LIMIT 2 WITH collect(n.id) AS ids RETURN ids[0] AS id, ids[1] AS other',
        ),
      );
      await db.close();
      await stop(server.options, log);
      await start(server.options, log);

      api = await serveApi(loadConfig({ ...env, PORT: String(await freePort()), API_WARM_UP: 'schema/operations/*.graphql' }), () => {});
      await api.warmedUp;
      const { id, other } = hub!;
      // The operations the API warmed up, as a client sends them (the same text, its own variables), and the other root fields.
      const values: Record<string, unknown> = { id, from: id, to: other, day: '2025-06-01', since: '2024-01-01', until: '2025-12-31', text: 'israel' };
      const asked: { name: string; query: string; operationName?: string; variables?: Record<string, unknown> }[] = [
        ...warmUpOperations('schema/operations/*.graphql').map((operation) => ({
          name: operation.operationName,
          query: operation.query,
          operationName: operation.operationName,
          variables: variablesFrom(operation, values),
        })),
        { name: 'entities', query: '{ entities(first: 20) { totalCount nodes { id name kind } } }' },
        { name: 'offers', query: '{ offers(first: 20) { totalCount nodes { name } } }' },
        { name: 'articles', query: '{ articles(first: 20) { totalCount nodes { id title publishedAt } } }' },
        { name: 'article', query: '{ article(id: "2025-11-03-international-force-gaza") { title publishedAt } }' },
      ];
      // Every root field is asked.
      const roots = new Set(asked.flatMap(({ query }) => [...query.matchAll(/^\s*(?:query[^{]*)?\{\s*(\w+)/gm)].map((match) => match[1])));
      expect([...roots].sort()).toEqual(['article', 'articles', 'entities', 'entity', 'neighborhood', 'offers', 'path', 'relations', 'search', 'timeline']);
      const times: Record<string, number> = {};
      for (const operation of asked) {
        const { ms, errors } = await timed(api.url, operation);
        expect(errors, operation.name).toEqual([]);
        times[operation.name] = Math.round(ms);
      }
      console.log(`first requests after the restart (ms): ${JSON.stringify(times)}`);
      for (const [field, ms] of Object.entries(times)) expect(ms, field).toBeLessThan(FIRST_REQUEST_BOUND_MS);
    } finally {
      await api?.stop();
      await server.dispose();
    }
  }, 900_000);
});
