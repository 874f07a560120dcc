/** `npm run api`: serves the GraphQL API until SIGTERM or SIGINT, then drains and closes the driver. */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { printError, runCli, VERBOSE_HELP, VERBOSE_OPTION } from '../cli.ts';
import { ConfigError, loadConfig, loadDotEnv, type Config } from '../config.ts';
import { GraphDatabase } from '../db/client.ts';
import { browserAssets } from './browser-assets.ts';
import { createApi, EXAMPLE_OPERATION } from './server.ts';
import { rehearsable } from '../graph/read/visibility.ts';
import { rehearse, warmUp, warmUpOperations, type WarmUpOperation } from './warm-up.ts';

/** GraphiQL's example, the first operation a newcomer runs. */
const EXAMPLE_WARM_UP: WarmUpOperation = { name: 'GraphiQL example', query: EXAMPLE_OPERATION, operationName: 'TroopsAndOffers', variables: {} };
import { BROWSER_ROUTES } from '../routes.ts';

const HELP = `Usage: npm run api

Serves the GraphQL API at http://API_HOST:PORT/graphql (GraphiQL in a browser), with /health and /ready.
Reads NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE, NEO4J_TX_TIMEOUT_MS, NEO4J_PLAN_TIMEOUT_MS,
PORT, API_HOST, API_SOURCE_MAPS, API_WARM_UP and API_WARM_UP_ROUNDS
(see .env.example). Neo4j must be running; npm start brings up everything at once.

Options:
${VERBOSE_HELP}
  -h, --help         this text
`;

export const API_RETRY_MS = 500;

/** At most this many texts are rehearsed: the default warm-up sends 11, and each costs a few hundred milliseconds a round. */
const MAX_REHEARSED_TEXTS = 50;

/** Starts the API; resolves once it listens, with a function that stops it gracefully. */
/** `warmedUp` settles once the warm-up (API_WARM_UP) has run and said how it went, or at once with none. */
export async function serveApi(config: Config, log: (line: string) => void = console.log): Promise<{ url: string; stop: () => Promise<void>; warmedUp: Promise<void> }> {
  // tsx turns source maps on for the whole process; the driver then maps a stack trace on every query.
  process.setSourceMapsEnabled(config.API_SOURCE_MAPS);
  // A failed read is retried once, about a second later, and no more: enough to ride out a blip or a cluster's leader
  // switch, short enough that while Neo4j is down clients hear so at once instead of waiting on retries.
  const warmUpList = config.API_WARM_UP.trim() === '' ? [] : [EXAMPLE_WARM_UP, ...warmUpOperations(config.API_WARM_UP)];
  const db = GraphDatabase.fromConfig(config, 'api', { maxTransactionRetryTime: API_RETRY_MS });
  await db.verifyConnectivity();
  const yoga = createApi(db);
  const assets = browserAssets();
  const server = createServer((request, response) => {
    if (!assets(request, response)) void yoga(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new ConfigError([`PORT: ${config.API_HOST}:${config.PORT} cannot be used (${error.code}); stop what holds it or choose another PORT`])
          : error,
      ),
    );
    server.listen(config.PORT, config.API_HOST, resolve);
  }).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const url = `http://${config.API_HOST}:${config.PORT}/graphql`;
  log(`GraphQL API at ${url} (GraphiQL opens there in a browser); health at /health, readiness at /ready`);
  const origin = `http://${config.API_HOST}:${config.PORT}`;
  const warming = new AbortController();
  let warmedUp = Promise.resolve();
  if (warmUpList.length > 0) {
    // In the background: the API answers meanwhile, and a request for a text being planned waits for that plan.
    // The texts the warm-up sends, to be rehearsed once it is done (a client's reads meanwhile may join them).
    const texts = new Map<string, Record<string, unknown>>();
    const listening = db.onQuery(({ cypher, params, mode }) => {
      if (mode === 'READ' && rehearsable(cypher) && texts.size < MAX_REHEARSED_TEXTS) texts.set(cypher, params);
    });
    warmedUp = warmUp(yoga, warmUpList, warming.signal)
      .then(async ({ ran, ms, failed }) => {
        listening();
        log(`Warm-up: Neo4j has planned the Cypher of ${ran} operations (${config.API_WARM_UP}) in ${(ms / 1000).toFixed(1)} s`);
        for (const { name, message } of failed) log(`Warm-up: ${name} answered with an error: ${message}`);
        if (config.API_WARM_UP_ROUNDS === 0 || warming.signal.aborted) return;
        const rehearsal = await rehearse(db, texts, config.API_WARM_UP_ROUNDS, warming.signal);
        log(`Warm-up: Neo4j has planned copies of its ${rehearsal.texts} texts ${rehearsal.rounds} times over in ${(rehearsal.ms / 1000).toFixed(1)} s (API_WARM_UP_ROUNDS)`);
        for (const message of new Set(rehearsal.failed)) log(`Warm-up: a copy was refused: ${message}`);
      })
      .catch((error: unknown) => log(`Warm-up stopped: ${error instanceof Error ? error.message : String(error)}`))
      .finally(listening);
  }
  log(`Neo4j Browser style and guide at ${origin}${BROWSER_ROUTES.folder} (in Browser: :play ${origin}${BROWSER_ROUTES.guide})`);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      warming.abort();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await db.close();
    })());
  return { url, stop, warmedUp };
}

export function stopOnSignals(stop: () => Promise<void>, log: (line: string) => void = console.log): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log(`${signal}: finishing requests in flight, then closing …`);
      stop().then(
        () => process.exit(0),
        (error) => {
          printError(error, process.argv.slice(2).includes('--verbose'));
          process.exit(1);
        },
      );
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runCli(async () => {
    if (parseArgs({ options: { help: { type: 'boolean', short: 'h' }, ...VERBOSE_OPTION } }).values.help) {
      console.log(HELP);
      return 0;
    }
    loadDotEnv();
    const { stop } = await serveApi(loadConfig());
    stopOnSignals(stop);
    return 'serving';
  });
}
