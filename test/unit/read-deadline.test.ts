import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { GraphDatabase } from '../../src/db/client.ts';
import { DatabaseUnavailableError } from '../../src/db/errors.ts';

/** Accepts connections and stays silent, as a hung server or a half-open network path does. */
async function silentServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

// Each test waits only on timers and a silent server of its own: they wait at the same time.
describe.concurrent('a read against a database that never answers', () => {
  it('when the driver would wait its whole connection timeout, then the read gives up at the transaction timeout plus three seconds', async () => {
    const silent = await silentServer();
    const { port, sockets } = silent;
    const db = GraphDatabase.fromConfig(loadConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_TX_TIMEOUT_MS: '1000' }), 'test', {
      connectionTimeout: 20_000,
      connectionAcquisitionTimeout: 20_000,
    });
    const started = performance.now();
    try {
      await expect(db.read('probe', (tx) => tx.query('RETURN 1'))).rejects.toBeInstanceOf(DatabaseUnavailableError);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(3_900);
      expect(waited).toBeLessThan(7_000);
      expect(sockets.size).toBeGreaterThan(0);
    } finally {
      silent.close();
      await db.close();
    }
  });

  it('when reads of a text not yet run wait behind the first, which has it planned, then the wait counts against their deadline: the planning timeout plus the transaction timeout plus three seconds', async () => {
    const silent = await silentServer();
    const { port } = silent;
    const db = GraphDatabase.fromConfig(loadConfig({ NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_TX_TIMEOUT_MS: '1000', NEO4J_PLAN_TIMEOUT_MS: '2000' }), 'test', {
      connectionTimeout: 20_000,
      connectionAcquisitionTimeout: 20_000,
    });
    const started = performance.now();
    const settled = (read: Promise<unknown>) =>
      read.then(
        () => ({ ms: performance.now() - started, error: undefined }),
        (error: unknown) => ({ ms: performance.now() - started, error }),
      );
    try {
      const reads = Array.from({ length: 3 }, () => settled(db.read('probe', (tx) => tx.query('RETURN 1'), { plans: { cypher: 'RETURN 1' } })));
      for (const { ms, error } of await Promise.all(reads)) {
        expect(error).toBeInstanceOf(DatabaseUnavailableError);
        expect(ms).toBeGreaterThanOrEqual(5_900);
        expect(ms).toBeLessThan(9_000);
      }
    } finally {
      silent.close();
      await db.close();
    }
  }, 15_000);
});
