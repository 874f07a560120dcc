/**
 * Gives every suite a real Neo4j: the one at NEO4J_TEST_URI when that is set, otherwise a throwaway
 * local server with its own free ports and data folder, started here and stopped (and deleted) afterwards.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { PROJECT_ROOT } from '../src/config.ts';
import { start, stop, type LocalServerOptions } from '../src/db/local/server.ts';

export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** Neo4j Browser's address on that server. */
  browserUrl: string;
  /** The throwaway server's options, when the tests started one themselves. */
  local?: LocalServerOptions;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const env = process.env;
  if (env.NEO4J_TEST_URI) {
    project.provide('neo4j', {
      uri: env.NEO4J_TEST_URI,
      username: env.NEO4J_TEST_USERNAME ?? env.NEO4J_USERNAME ?? 'neo4j',
      password: env.NEO4J_TEST_PASSWORD ?? env.NEO4J_PASSWORD ?? '',
      database: env.NEO4J_TEST_DATABASE ?? 'neo4j',
      browserUrl: env.NEO4J_TEST_BROWSER_URL ?? `http://${new URL(env.NEO4J_TEST_URI.replace(/^[a-z+]+:/, 'http:')).hostname}:7474/browser/`,
    });
    return async () => {};
  }

  const local: LocalServerOptions = {
    dir: path.join(PROJECT_ROOT, '.neo4j', `test-${process.pid}`),
    boltPort: await freePort(),
    httpPort: await freePort(),
    username: 'neo4j',
    password: randomBytes(12).toString('hex'),
    heap: '768m',
    pageCache: '256m',
  };
  rmSync(local.dir, { recursive: true, force: true });
  const log = (line: string) => console.log(`[test neo4j] ${line}`);
  try {
    await start(local, log);
  } catch (error) {
    await stop(local, log);
    throw error;
  }
  project.provide('neo4j', {
    uri: `neo4j://127.0.0.1:${local.boltPort}`,
    username: local.username,
    password: local.password,
    database: 'neo4j',
    browserUrl: `http://127.0.0.1:${local.httpPort}/browser/`,
    local,
  });
  return async () => {
    await stop(local, log);
    rmSync(local.dir, { recursive: true, force: true });
  };
}
