/**
 * When a starting server is ready: it answers a read on the clients' database. Asked through
 * GraphDatabase, so that Neo4j's error codes are read in one place (src/db/errors.ts).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { GraphDatabase } from '../client.ts';
import { DatabaseError } from '../errors.ts';
import { LocalServerError, serverPaths, type LocalServerOptions } from './configuration.ts';
import { tail, type ServerProcess } from './process.ts';

const POLL_MS = 500;

export async function waitUntilReady(options: LocalServerOptions, server: ServerProcess, timeoutMs: number): Promise<void> {
  const p = serverPaths(options);
  const started = Date.now();
  const db = GraphDatabase.connect(
    { uri: `bolt://127.0.0.1:${options.boltPort}`, username: options.username, password: options.password, database: options.database },
    { txTimeoutMs: 2_000, planTimeoutMs: 2_000, app: 'local-server' },
    { connectionAcquisitionTimeout: 2_000, connectionTimeout: 2_000, maxTransactionRetryTime: 0 },
  );
  try {
    for (;;) {
      const exitCode = server.exitCode();
      if (exitCode !== null) {
        throw new LocalServerError(`Neo4j exited with code ${exitCode} while starting. Last lines of ${p.console}:\n${tail(p.console)}\n${tail(`${p.logs}/neo4j.log`)}`);
      }
      try {
        await db.read('local.ready', (tx) => tx.query('RETURN 1'));
        return;
      } catch (error) {
        if (error instanceof DatabaseError && error.kind === 'auth') throw refusedCredentials(options);
        if (Date.now() - started > timeoutMs) throw new LocalServerError(`Neo4j did not answer within ${timeoutMs / 1000}s. See ${p.logs}.`);
        await sleep(POLL_MS);
      }
    }
  } finally {
    await db.close();
  }
}

/** Waiting cannot mend this: the password was set when the server's data folder was created. */
function refusedCredentials(options: LocalServerOptions): LocalServerError {
  return new LocalServerError(
    `Neo4j in ${serverPaths(options).dir} is running but refuses NEO4J_USERNAME/NEO4J_PASSWORD: its password was set when its data ` +
      'folder was created. Use that password, or stop the server and delete the folder to start afresh.',
  );
}
