import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi } from '../../src/api/main.ts';
import { warmUpOperations } from '../../src/api/warm-up.ts';
import { freePort } from '../../src/db/local/throwaway.ts';
import { seed } from '../../src/seed/run.ts';
import { scaled } from '../support/scale.ts';
import { testConfig, testDatabase } from '../support/database.ts';

const QUERY = JSON.stringify({ query: '{ entity(id: "iran") { name } }' });

async function ask(url: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  return (await response.json()) as { data?: { entity: { name: string } | null } };
}

// Neo4j stopping and coming back under traffic is covered in faults.test.ts.
describe('the API process over time', () => {
  let api: { url: string; stop: () => Promise<void> };
  const watcher = testDatabase('test-lifecycle-watch');

  beforeAll(async () => {
    const db = testDatabase('test-lifecycle');
    await seed(db, {});
    await db.close();
    api = await serveApi(testConfig({ PORT: String(await freePort()) }), () => {});
  });
  afterAll(async () => {
    await api.stop();
    await watcher.close();
  });

  it('when it serves with the default configuration, then stack traces are not source-mapped, and API_SOURCE_MAPS=true maps them', async () => {
    const served = async (overrides: Record<string, string>) => {
      const other = await serveApi(testConfig({ PORT: String(await freePort()), ...overrides }), () => {});
      await other.stop();
      return process.sourceMapsEnabled;
    };
    const before = process.sourceMapsEnabled;
    try {
      process.setSourceMapsEnabled(true);
      expect(await served({})).toBe(false);
      expect(await served({ API_SOURCE_MAPS: 'true' })).toBe(true);
    } finally {
      process.setSourceMapsEnabled(before);
    }
  });

  it('when it starts with its warm-up operations, then it answers at once, runs each of them through the API without an error, has Neo4j plan copies of their texts, and says when it is done', async () => {
    // Every default operation in the long runs (test/integration/restart.test.ts warms them all up too);
    // the fast run, which plans them on a cold Neo4j, warms up one file of them.
    const pattern = scaled('schema/operations/graph.graphql', 'schema/operations/*.graphql');
    const lines: string[] = [];
    // One round of copies in the fast run: each copy is a statement Neo4j has to accept and plan.
    const rounds = scaled(1, 4);
    const warming = await serveApi(testConfig({ PORT: String(await freePort()), API_WARM_UP: pattern, API_WARM_UP_ROUNDS: String(rounds) }), (line) => lines.push(line));
    try {
      const operations = warmUpOperations(pattern).length + 1;
      // Served while Neo4j plans the warm-up's texts.
      expect((await ask(warming.url)).data?.entity?.name).toBe('Iran');
      await warming.warmedUp;
      const warmUpLines = lines.filter((line) => line.startsWith('Warm-up'));
      expect(warmUpLines).toEqual([
        expect.stringMatching(new RegExp(`^Warm-up: Neo4j has planned the Cypher of ${operations} operations \\(${pattern.replace(/[.*]/g, '\\$&')}\\) in \\d+\\.\\d s$`)),
        expect.stringMatching(new RegExp(`^Warm-up: Neo4j has planned copies of its ([1-9]\\d*) texts ${rounds} times over in \\d+\\.\\d s \\(API_WARM_UP_ROUNDS\\)$`)),
      ]);
    } finally {
      await warming.stop();
    }
  }, 200_000);

  it('when it is stopped while a request runs in Neo4j, then that request still gets its whole answer, and new connections are refused', async () => {
    expect((await ask(api.url)).data?.entity?.name).toBe('Iran');
    // A selection no request had before: Neo4j takes a few seconds to plan its Cypher, so it is still running at stop().
    const alias = `r${Date.now()}`;
    const slow = JSON.stringify({
      query: `{ entity(id: "iran") { name ${alias}: relations(first: 3) { totalCount edges { node { subject { ... on Country { relations(first: 2) { totalCount } } } } } } } }`,
    });
    const inFlight = fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: slow })
      .then((response) => response.json() as Promise<{ data?: { entity: Record<string, unknown> }; errors?: unknown[] }>);
    const running = async () =>
      (await watcher.read('test.transactions', (tx) => tx.query("SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'api' RETURN 1"))).length > 0;
    const deadline = Date.now() + 10_000;
    while (!(await running())) {
      if (Date.now() > deadline) throw new Error('the request never reached Neo4j');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stopped = api.stop();
    const answer = await inFlight;
    await stopped;
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.entity.name).toBe('Iran');
    expect((answer.data?.entity[alias] as { totalCount: number }).totalCount).toBeGreaterThan(0);
    await expect(fetch(api.url, { method: 'POST', body: QUERY })).rejects.toThrow();
  });
});
