import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { serveApi } from '../../src/api/main.ts';
import { freePort } from '../../src/db/local/throwaway.ts';
import { start, stop } from '../../src/db/local/server.ts';
import { seed } from '../../src/seed/run.ts';
import { testConfig, testDatabase } from '../helpers.ts';

const QUERY = JSON.stringify({ query: '{ entity(id: "iran") { name } }' });

async function ask(url: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  return (await response.json()) as { data?: { entity: { name: string } | null }; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('the API process over time', () => {
  let api: { url: string; stop: () => Promise<void> };

  beforeAll(async () => {
    const db = testDatabase('test-lifecycle');
    await seed(db, {});
    await db.close();
    api = await serveApi(testConfig({ PORT: String(await freePort()), NEO4J_TX_TIMEOUT_MS: '5000' }), () => {});
  });
  afterAll(() => api.stop());

  it.runIf(inject('neo4j').local !== undefined)(
    'when Neo4j stops and comes back, then requests fail cleanly while it is away and succeed again without a restart',
    async () => {
      const local = inject('neo4j').local!;
      const ready = api.url.replace('/graphql', '/ready');
      expect((await ask(api.url)).data?.entity?.name).toBe('Iran');

      await stop(local, () => {});
      const started = performance.now();
      const during = await ask(api.url);
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(during.errors?.[0]).toMatchObject({ message: 'The graph database is unavailable; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(JSON.stringify(during)).not.toMatch(/at .*\.ts:\d+/);
      expect((await fetch(ready)).status).toBe(503);

      await start(local, () => {});
      let after = await ask(api.url);
      for (let i = 0; i < 20 && after.errors; i++) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        after = await ask(api.url);
      }
      expect(after.data?.entity?.name).toBe('Iran');
      expect((await fetch(ready)).status).toBe(200);
    },
  );

  it('when it is stopped, then it answers what it was asked before and refuses new connections', async () => {
    expect((await ask(api.url)).data?.entity?.name).toBe('Iran');
    await api.stop();
    await expect(fetch(api.url, { method: 'POST', body: QUERY })).rejects.toThrow();
  });
});
