/**
 * Gives every integration suite a real Neo4j: the one at NEO4J_TEST_URI (environment or .env) when that is set, otherwise
 * a throwaway local server with its own free ports and data folder, stopped and deleted afterwards.
 */
import type { TestProject } from 'vitest/node';
import { loadDotEnv } from '../src/config.ts';
import type { LocalServerOptions } from '../src/db/local/configuration.ts';
import { freePort, startThrowawayServer } from '../src/db/local/throwaway.ts';
import { localStyleUrl } from '../src/routes.ts';

export interface TestNeo4j {
  uri: string;
  username: string;
  password: string;
  database: string;
  /** Neo4j Browser's address on that server. */
  browserUrl: string;
  /** The throwaway server's options, when the tests started one themselves. */
  local?: LocalServerOptions;
  /** A free port for an API whose style the throwaway server's Browser applies on connect. */
  apiPort: number;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: TestNeo4j;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The same .env the programs read (variables already set win), so that NEO4J_TEST_URI may live there.
  loadDotEnv();
  const env = process.env;
  const apiPort = await freePort();
  if (env.NEO4J_TEST_URI) {
    project.provide('neo4j', {
      uri: env.NEO4J_TEST_URI,
      username: env.NEO4J_TEST_USERNAME ?? env.NEO4J_USERNAME ?? 'neo4j',
      password: env.NEO4J_TEST_PASSWORD ?? env.NEO4J_PASSWORD ?? '',
      database: env.NEO4J_TEST_DATABASE ?? 'neo4j',
      browserUrl: env.NEO4J_TEST_BROWSER_URL ?? `http://${new URL(env.NEO4J_TEST_URI.replace(/^[a-z+]+:/, 'http:')).hostname}:7474/browser/`,
      apiPort,
    });
    return async () => {};
  }
  const server = await startThrowawayServer(
    'test',
    // Checkpointed every ten seconds: the fault test kills this server, which then replays only the transactions since
    // the last checkpoint, not every one of the run, and builds no index again.
    { heap: '1536m', pageCache: '256m', styleUrl: localStyleUrl(apiPort), checkpointInterval: '10s' },
    (line) => console.log(`[test neo4j] ${line}`),
  );
  project.provide('neo4j', {
    uri: server.uri,
    username: server.options.username,
    password: server.options.password,
    database: server.options.database,
    browserUrl: server.browserUrl,
    local: server.options,
    apiPort,
  });
  return server.dispose;
}
