/** A local Neo4j server that exists only for one run of the tests or a benchmark: free ports, own folder, random password. */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../config.ts';
import type { LocalServerOptions } from './configuration.ts';
import { start, stop } from './server.ts';

export interface ThrowawayServer {
  options: LocalServerOptions;
  uri: string;
  browserUrl: string;
  /** The settings (src/config.ts) that point a program at this server. */
  env: Record<'NEO4J_URI' | 'NEO4J_USERNAME' | 'NEO4J_PASSWORD' | 'NEO4J_DATABASE', string>;
  /** Stops the server and deletes its folder. */
  dispose(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export async function startThrowawayServer(
  name: string,
  settings: Pick<LocalServerOptions, 'heap' | 'pageCache' | 'styleUrl' | 'checkpointInterval'>,
  log: (line: string) => void,
): Promise<ThrowawayServer> {
  const options: LocalServerOptions = {
    dir: path.join(PROJECT_ROOT, '.neo4j', `${name}-${process.pid}`),
    boltPort: await freePort(),
    httpPort: await freePort(),
    username: 'neo4j',
    password: randomBytes(12).toString('hex'),
    // The database every program uses unless NEO4J_DATABASE names another.
    database: loadConfig({}).NEO4J_DATABASE,
    ...settings,
  };
  rmSync(options.dir, { recursive: true, force: true });
  const dispose = async () => {
    await stop(options, log);
    rmSync(options.dir, { recursive: true, force: true });
  };
  try {
    await start(options, log);
  } catch (error) {
    await dispose();
    throw error;
  }
  const uri = `neo4j://127.0.0.1:${options.boltPort}`;
  return {
    options,
    uri,
    env: { NEO4J_URI: uri, NEO4J_USERNAME: options.username, NEO4J_PASSWORD: options.password, NEO4J_DATABASE: options.database },
    browserUrl: `http://127.0.0.1:${options.httpPort}/browser/`,
    dispose,
  };
}
