import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveApi } from '../../src/api/main.ts';
import { freePort } from '../../src/db/local/throwaway.ts';
import { seed } from '../../src/seed/run.ts';
import { testConfig, testDatabase } from '../support/database.ts';

const QUERY = JSON.stringify({ query: '{ entity(id: "iran") { name } }' });

async function ask(url: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });
  return (await response.json()) as { data?: { entity: { name: string } | null } };
}

// Neo4j stopping and coming back under traffic is covered in faults.test.ts.
describe('the API process over time', () => {
  let api: { url: string; stop: () => Promise<void> };

  beforeAll(async () => {
    const db = testDatabase('test-lifecycle');
    await seed(db, {});
    await db.close();
    api = await serveApi(testConfig({ PORT: String(await freePort()) }), () => {});
  });
  afterAll(() => api.stop());

  it('when it is stopped, then it answers what it was asked before and refuses new connections', async () => {
    expect((await ask(api.url)).data?.entity?.name).toBe('Iran');
    await api.stop();
    await expect(fetch(api.url, { method: 'POST', body: QUERY })).rejects.toThrow();
  });
});
