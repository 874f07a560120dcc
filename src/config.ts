import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UserFacingError } from './errors.ts';

/** The repository root, so that relative folders mean the same thing whatever the working directory. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The password the repository prints for the local server, which listens on loopback only. Anyone who
 * has read the README knows it, so it is refused for any Neo4j reached over a network.
 */
export const DOCUMENTED_PASSWORD = 'entity-graph-local';

const port = z.coerce.number().int().min(1).max(65535);
const byteSize = z.string().regex(/^\d+[kmg]?$/i, 'expected a size such as 512m or 2g');

/**
 * Every setting the project reads, with its default. The local Neo4j server, the seeder,
 * the API and the tests all read these same variables (see .env.example).
 */
const schema = z.object({
  /** Bolt address of Neo4j. neo4j:// and neo4j+s:// use the driver's routing, so a cluster or Aura works unchanged. */
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/[^\s/]+(:\d+)?\/?$/, 'expected neo4j://host:port or bolt://host:port')
    .default('neo4j://127.0.0.1:7687'),
  NEO4J_USERNAME: z.string().min(1).default('neo4j'),
  /** Neo4j refuses passwords shorter than 8 characters; the default is accepted for a Neo4j on this machine only. */
  NEO4J_PASSWORD: z.string().min(8, 'must be at least 8 characters (Neo4j refuses shorter ones)').default(DOCUMENTED_PASSWORD),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/i, 'expected a Neo4j database name')
    .default('neo4j'),
  /** Upper bound on any one transaction, in milliseconds; the server aborts a transaction that runs longer. */
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * How long Neo4j may take to plan an API query text the first time it meets it, in milliseconds:
   * the first run of a text, in which Neo4j plans it, is allowed this much more than
   * NEO4J_TX_TIMEOUT_MS. Neo4j then keeps the plan, and every later request of that text runs within
   * NEO4J_TX_TIMEOUT_MS. The API's largest texts plan in under a second right after a restart
   * (docs/performance.md), so the budget is no larger than the transaction timeout's default.
   */
  NEO4J_PLAN_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /**
   * Upper bound on one write transaction of the seeder (a batch of articles, a withdrawal), in
   * milliseconds. A batch writes up to --batch-size rows, and on a fresh database its first write also
   * has Neo4j plan the write queries, seconds each; the API never writes.
   */
  NEO4J_WRITE_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(300_000),
  /**
   * How long the driver keeps retrying a transaction that failed for a passing reason (a connection
   * lost, Neo4j not reachable yet, a cluster electing a new leader), in milliseconds; 0 fails at once.
   */
  NEO4J_RETRY_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  /** HTTP port of the local Neo4j server (Neo4j Browser is served there). */
  NEO4J_HTTP_PORT: port.default(7474),
  /** Folder of the local Neo4j server's configuration, data and logs. */
  NEO4J_LOCAL_DIR: z.string().min(1).default('.neo4j/local'),
  /** JVM heap of the local Neo4j server. */
  NEO4J_HEAP: byteSize.default('512m'),
  /** Page cache of the local Neo4j server. */
  NEO4J_PAGECACHE: byteSize.default('256m'),
  /** Port of the GraphQL API. */
  PORT: port.default(4000),
  /** Address the GraphQL API listens on; 0.0.0.0 inside a container. */
  API_HOST: z.string().min(1).default('127.0.0.1'),
  /**
   * Whether the API maps the stack traces in its logs back to TypeScript lines. Off by default:
   * neo4j-driver records a stack trace for every query it runs, and mapping each costs the API
   * about a tenth of its CPU per request.
   */
  API_SOURCE_MAPS: z
    .enum(['true', 'false'], { message: 'expected true or false' })
    .default('false')
    .transform((value) => value === 'true'),
  /**
   * GraphQL files whose named operations the API runs once as it starts, one after another, so that
   * Neo4j has planned their Cypher before clients ask (src/api/warm-up.ts); a glob relative to the
   * repository, empty for none. The API answers meanwhile.
   */
  API_WARM_UP: z.string().default('schema/operations/*.graphql'),
  /**
   * How many times over, once the warm-up operations have run, Neo4j plans a copy of each of their
   * Cypher texts (nothing is run): that has Java compile Neo4j's planner, so that the first request
   * of a selection no client has sent since a restart answers sooner (a fifth sooner with 8 rounds:
   * src/api/warm-up.ts, docs/performance.md). In the background, 3 to 4 s a round; 0 for none.
   */
  API_WARM_UP_ROUNDS: z.coerce.number().int().min(0).max(100).default(8),
  /** Folder of the seed files `npm start` loads (new and changed ones), relative to the repository. */
  SEED_DIR: z.string().min(1).default('seed'),
});

export type Config = z.infer<typeof schema>;

/** The variables the programs read, each documented in .env.example. */
export const CONFIG_KEYS = Object.keys(schema.shape) as (keyof Config)[];

export class ConfigError extends UserFacingError {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the environment once; every problem is reported together, naming its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const config = result.data;
  if (usesDocumentedPassword(config) && !isLocalNeo4j(config)) {
    throw new ConfigError([
      `NEO4J_PASSWORD: the password the README prints is accepted only for a Neo4j on this machine, not for ${boltAddress(config.NEO4J_URI).host}; set a password of your own`,
    ]);
  }
  return config;
}

export function usesDocumentedPassword(config: Config): boolean {
  return config.NEO4J_PASSWORD === DOCUMENTED_PASSWORD;
}

/** Reads `.env` from the repository root when there is one; variables already set win. */
export function loadDotEnv(file = path.join(PROJECT_ROOT, '.env')): void {
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Resolves a configured folder against the repository root. */
export function projectPath(folder: string): string {
  return path.resolve(PROJECT_ROOT, folder);
}

/** Host and port of a Bolt URI, for the local server to listen where the clients will look. */
export function boltAddress(uri: string): { host: string; port: number } {
  const url = new URL(uri.replace(/^[a-z+]+:/i, 'http:'));
  return { host: url.hostname, port: url.port ? Number(url.port) : 7687 };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}

/** Whether NEO4J_URI points at this machine, where the local server may be started and its default password used. */
export function isLocalNeo4j(config: Pick<Config, 'NEO4J_URI'>): boolean {
  return isLoopback(boltAddress(config.NEO4J_URI).host);
}
