/** `npm start`: Neo4j (an existing one, or the local server), then the seed data, then the GraphQL API. */
import { parseArgs } from 'node:util';
import { serveApi, stopOnSignals } from './api/main.ts';
import { runCli, VERBOSE_HELP, VERBOSE_OPTION } from './cli.ts';
import { isLocalNeo4j, loadConfig, loadDotEnv, projectPath, usesDocumentedPassword } from './config.ts';
import { GraphDatabase } from './db/client.ts';
import { ensureNeo4j } from './db/local/ensure.ts';
import { formatReport, seed } from './seed/run.ts';

const HELP = `Usage: npm start

Brings up the whole of entity-graph:
  1. Neo4j: the server answering at NEO4J_URI, or else a local one started from .neo4j/
  2. the seed data under SEED_DIR (default seed/): new and changed articles are loaded, unchanged ones skipped
  3. the GraphQL API on PORT (GraphiQL at http://127.0.0.1:4000/graphql), until Ctrl-C

Configuration comes from the environment or .env (see .env.example).
The local Neo4j keeps running after the API stops: npm run db:stop stops it.

Options:
${VERBOSE_HELP}
  -h, --help         this text
`;

await runCli(async () => {
  if (parseArgs({ options: { help: { type: 'boolean', short: 'h' }, ...VERBOSE_OPTION } }).values.help) {
    console.log(HELP);
    return 0;
  }
  loadDotEnv();
  const config = loadConfig();
  if (usesDocumentedPassword(config)) {
    console.error('Note: NEO4J_PASSWORD is the default printed in the README. Neo4j here listens on this machine only; set your own in .env before anything else can reach it.');
  }
  const phases: string[] = [];
  const started = performance.now();
  let since = started;
  const lap = () => {
    const now = performance.now();
    const seconds = ((now - since) / 1000).toFixed(1);
    since = now;
    return seconds;
  };
  const neo4j = await ensureNeo4j(config);
  phases.push(`Neo4j ${lap()} s (${neo4j === 'started' ? 'started here' : 'already running'})`);
  const db = GraphDatabase.fromConfig(config, 'seed');
  try {
    const result = await seed(db, { inputs: [projectPath(config.SEED_DIR)], log: console.log, progress: console.error });
    console.log(formatReport(result));
    const schema = result.report ? `, of which schema ${(result.report.schemaMs / 1000).toFixed(1)} s` : '';
    phases.push(`seed ${lap()} s${schema}`);
  } finally {
    await db.close();
  }
  const { stop } = await serveApi(config);
  phases.push(`API ${lap()} s`);
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(1)} s: ${phases.join(', ')}.`);
  stopOnSignals(async () => {
    await stop();
    if (isLocalNeo4j(config)) console.log('The API has stopped. Neo4j keeps running, so that the next start is quick: npm run db:stop stops it.');
  });
  return 'serving';
});
