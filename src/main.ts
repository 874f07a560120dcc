/** `npm start`: Neo4j (an existing one, or the local server), then the seed data, then the GraphQL API. */
import { parseArgs } from 'node:util';
import { runCli } from './cli.ts';
import { loadConfig, loadDotEnv } from './config.ts';
import { GraphDatabase } from './db/client.ts';
import { ensureNeo4j } from './db/local/ensure.ts';
import { formatReport, seed } from './seed/run.ts';

const HELP = `Usage: npm start

Brings up the whole of entity-graph:
  1. Neo4j: the server answering at NEO4J_URI, or else a local one started from .neo4j/
  2. the seed data under seed/, loaded idempotently
  3. the GraphQL API on PORT

Configuration comes from the environment or .env (see .env.example). Stop the local Neo4j with npm run db:stop.
`;

await runCli(async () => {
  if (parseArgs({ options: { help: { type: 'boolean', short: 'h' } } }).values.help) {
    console.log(HELP);
    return 0;
  }
  loadDotEnv();
  const config = loadConfig();
  await ensureNeo4j(config);
  const db = GraphDatabase.fromConfig(config, 'seed');
  try {
    const result = await seed(db, { log: console.log });
    console.log(formatReport(result.reports, result.ms));
  } finally {
    await db.close();
  }
  return 0;
});
