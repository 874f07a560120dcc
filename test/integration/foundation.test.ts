import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { toGraphQLError } from '../../src/api/resolvers.ts';
import { GraphDatabase, type Tx } from '../../src/db/client.ts';
import { testConfig, testDatabase } from '../support/database.ts';

describe('the test Neo4j server', () => {
  const db = testDatabase();
  const probeId = randomUUID();
  afterAll(async () => {
    await db.write('cleanup', (tx) => tx.query('MATCH (p:FoundationProbe) DETACH DELETE p'));
    await db.write('cleanup', (tx) => tx.query('DROP CONSTRAINT foundation_probe_id IF EXISTS'));
    await db.close();
  });

  it('when a constraint and a node are written, then the node reads back and the constraint rejects a duplicate', async () => {
    await db.write('probe', (tx) =>
      tx.query('CREATE CONSTRAINT foundation_probe_id IF NOT EXISTS FOR (p:FoundationProbe) REQUIRE p.id IS UNIQUE'),
    );
    await db.write('probe', (tx) => tx.query('CREATE (:FoundationProbe {id: $id, name: $name})', { id: probeId, name: 'probe' }));

    const rows = await db.read('probe', (tx) =>
      tx.query<{ name: string; count: number }>(
        'MATCH (p:FoundationProbe {id: $id}) RETURN p.name AS name, count { MATCH (:FoundationProbe) } AS count',
        { id: probeId },
      ),
    );
    expect(rows).toEqual([{ name: 'probe', count: 1 }]);

    await expect(
      db.write('probe', (tx) => tx.query('CREATE (:FoundationProbe {id: $id})', { id: probeId })),
    ).rejects.toMatchObject({ name: 'DatabaseError', kind: 'constraint' });
  });

  it('when a read transaction tries to write, then Neo4j refuses it', async () => {
    await expect(db.read('probe', (tx) => tx.query('CREATE (:FoundationProbe {id: $id})', { id: randomUUID() }))).rejects.toMatchObject({
      name: 'DatabaseError',
    });
    const [row] = await db.read('probe', (tx) => tx.query<{ n: number }>('MATCH (p:FoundationProbe) RETURN count(p) AS n'));
    expect(row?.n).toBe(1);
  });

  it('when a read runs longer than the transaction timeout, then Neo4j stops it and it fails as a timeout, before the read deadline', async () => {
    const impatient = GraphDatabase.fromConfig(testConfig({ NEO4J_TX_TIMEOUT_MS: '500' }), 'test');
    const started = performance.now();
    try {
      const error = await impatient.read('probe', (tx) => tx.query('UNWIND range(1, 10000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n')).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'DatabaseError', kind: 'timeout' });
      // Neo4j ends it at its next transaction-monitor check, up to 2 s late; the read deadline is 3 s late.
      expect(performance.now() - started).toBeLessThan(3_200);
      // …and a client of the API hears it as a timeout, not as an outage.
      expect(toGraphQLError(error)).toMatchObject({ message: 'The query took too long and was stopped.', extensions: { code: 'QUERY_TIMEOUT' } });
    } finally {
      await impatient.close();
    }
  });

  it('when a write runs longer than the read timeout, then it has the write timeout: within it, it completes; past it, Neo4j stops it', async () => {
    // Seconds of work inside a write transaction, writing nothing. The one that must be stopped runs far longer than the
    // 2 s between two checks of Neo4j's transaction monitor: a query that ends before the next check is never stopped.
    const work = (n: number) => (tx: Tx) => tx.query<{ n: number }>('UNWIND range(1, $n) AS x WITH x WHERE x % 7 = 0 RETURN count(x) AS n', { n });
    const slow = work(20_000_000);
    const patient = GraphDatabase.fromConfig(testConfig({ NEO4J_TX_TIMEOUT_MS: '200', NEO4J_WRITE_TIMEOUT_MS: '60000' }), 'test');
    const strict = GraphDatabase.fromConfig(testConfig({ NEO4J_TX_TIMEOUT_MS: '60000', NEO4J_WRITE_TIMEOUT_MS: '200' }), 'test');
    try {
      const started = performance.now();
      const [row] = await patient.write('probe', slow);
      expect(row!.n).toBe(Math.floor(20_000_000 / 7));
      expect(performance.now() - started).toBeGreaterThan(200);
      expect(await strict.write('probe', work(200_000_000)).catch((e: unknown) => e)).toMatchObject({ name: 'DatabaseError', kind: 'timeout' });
    } finally {
      await patient.close();
      await strict.close();
    }
  });

  it('when Neo4j Browser is requested over HTTP, then the server serves the Browser app', async () => {
    const response = await fetch(inject('neo4j').browserUrl);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Neo4j Browser</title>');
  });
});
