import { isLocalNeo4j, type Config } from '../../config.ts';
import { GraphDatabase } from '../client.ts';
import { DatabaseUnavailableError } from '../errors.ts';
import { localServerOptions } from './configuration.ts';
import { start } from './server.ts';

/**
 * Uses the Neo4j that answers at NEO4J_URI; when none does and the address is on this machine,
 * starts the local server there. A remote server that does not answer is an error, never replaced.
 */
export async function ensureNeo4j(config: Config, log: (line: string) => void = console.log): Promise<'existing' | 'started'> {
  const probe = GraphDatabase.fromConfig(config, 'start', { connectionTimeout: 3_000 });
  try {
    await probe.verifyConnectivity();
    log(`Using the Neo4j that answers at ${config.NEO4J_URI}.`);
    return 'existing';
  } catch (error) {
    if (!(error instanceof DatabaseUnavailableError) || !isLocalNeo4j(config)) throw error;
  } finally {
    await probe.close();
  }
  log(`No Neo4j answers at ${config.NEO4J_URI}; starting the local server.`);
  const result = await start(localServerOptions(config), log);
  log(`Neo4j Browser: ${result.browserUrl} (user ${config.NEO4J_USERNAME}, password from NEO4J_PASSWORD)`);
  return 'started';
}
