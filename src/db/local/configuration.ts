/**
 * What a local Neo4j server is asked to be (ports, credentials, memory, its folder) and the neo4j.conf
 * that says so. The options come from the project's configuration (src/config.ts) or, for a
 * throwaway server, from its caller; nothing else reads settings.
 */
import path from 'node:path';
import { boltAddress, isLoopback, projectPath, type Config } from '../../config.ts';
import { UserFacingError } from '../../errors.ts';
import { localStyleUrl } from '../../routes.ts';

export interface LocalServerOptions {
  /** Folder of this server's neo4j.conf, data, logs and pid file. */
  dir: string;
  boltPort: number;
  httpPort: number;
  username: string;
  password: string;
  /** The database the clients use: the server's default database, created under this name. */
  database: string;
  heap: string;
  pageCache: string;
  /** Folder the server's jars are fetched into (shared by every local server). */
  jarsDir?: string;
  /** The GraSS file Neo4j Browser applies when it connects (served by the API). */
  styleUrl?: string;
  /**
   * How often the stores are checkpointed (a Neo4j duration, "10s"); Neo4j's default of 15 minutes
   * when unset. A server killed without a clean stop replays every transaction since its last
   * checkpoint, and builds again each index created since then, when it starts.
   */
  checkpointInterval?: string;
  /** Options for Java after Neo4j's own, such as "-XX:TieredStopAtLevel=1" for a server that lives for seconds. */
  javaOptions?: string[];
}

export class LocalServerError extends UserFacingError {
  override name = 'LocalServerError';
}

/** The local server that serves the configured NEO4J_URI, which must then point at this machine. */
export function localServerOptions(config: Config): LocalServerOptions {
  const { host, port } = boltAddress(config.NEO4J_URI);
  if (!isLoopback(host)) {
    throw new LocalServerError(`NEO4J_URI points at ${host}; a local server can only serve 127.0.0.1. Point NEO4J_URI at neo4j://127.0.0.1:<port>.`);
  }
  return {
    dir: projectPath(config.NEO4J_LOCAL_DIR),
    boltPort: port,
    httpPort: config.NEO4J_HTTP_PORT,
    username: config.NEO4J_USERNAME,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    styleUrl: localStyleUrl(config.PORT),
  };
}

/** Where a local server keeps each of its things, inside its folder. */
export function serverPaths(options: Pick<LocalServerOptions, 'dir'>) {
  const dir = path.resolve(options.dir);
  return {
    dir,
    conf: path.join(dir, 'conf'),
    data: path.join(dir, 'data'),
    logs: path.join(dir, 'logs'),
    pidFile: path.join(dir, 'server.pid'),
    console: path.join(dir, 'logs', 'console.log'),
  };
}

/** The generated neo4j.conf: loopback only, no HTTPS, no usage reports, memory sized for a small machine. */
export function renderConfig(options: LocalServerOptions): string {
  const p = serverPaths(options);
  const settings: Record<string, string> = {
    'server.directories.data': p.data,
    'server.directories.logs': p.logs,
    'server.directories.run': path.join(p.dir, 'run'),
    'server.directories.plugins': path.join(p.dir, 'plugins'),
    'server.directories.import': path.join(p.dir, 'import'),
    'server.default_listen_address': '127.0.0.1',
    'server.default_advertised_address': '127.0.0.1',
    'server.bolt.enabled': 'true',
    'server.bolt.listen_address': `127.0.0.1:${options.boltPort}`,
    'server.bolt.advertised_address': `127.0.0.1:${options.boltPort}`,
    'server.http.enabled': 'true',
    'server.http.listen_address': `127.0.0.1:${options.httpPort}`,
    'server.http.advertised_address': `127.0.0.1:${options.httpPort}`,
    'server.https.enabled': 'false',
    'dbms.security.auth_enabled': 'true',
    'dbms.usage_report.enabled': 'false',
    // Read when the data folder is created: Community has one user database, named as NEO4J_DATABASE says.
    'initial.dbms.default_database': options.database,
    'server.memory.heap.initial_size': options.heap,
    'server.memory.heap.max_size': options.heap,
    'server.memory.pagecache.size': options.pageCache,
    // A 2-core machine gains nothing from more transaction-log history than a day's.
    'db.tx_log.rotation.retention_policy': '1 days',
    // The API's queries read ranges of indexes whatever the data; planning one again as the graph grows
    // gains nothing and costs seconds of CPU, so a plan is reconsidered at most hourly.
    'dbms.cypher.min_replan_interval': '1h',
    // On stop, Bolt's network threads wait for a quiet period with no new work before they end: that
    // made every db:stop (and every restart in the tests) take ten seconds on a server only this
    // machine's programs use. Its transactions still end cleanly first, and its stores are checkpointed.
    'internal.dbms.bolt.netty_server_shutdown_quiet_period': '0',
    // Browser may fetch styles and guides from these hosts (5.26 still names the setting "whitelist"); the style is applied at every connect.
    'browser.remote_content_hostname_whitelist': 'localhost,127.0.0.1',
    ...(options.styleUrl ? { 'browser.post_connect_cmd': `style ${options.styleUrl}` } : {}),
    ...(options.checkpointInterval ? { 'db.checkpoint.interval.time': options.checkpointInterval } : {}),
  };
  return [
    '# Generated by entity-graph (src/db/local/configuration.ts) at every start; edits are overwritten.',
    ...Object.entries(settings).map(([key, value]) => `${key}=${value}`),
    '',
  ].join('\n');
}
