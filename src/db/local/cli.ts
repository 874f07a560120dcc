/** `npm run db:start | db:stop | db:status | db:fetch`: the local Neo4j server for machines without Docker. */
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv } from '../../config.ts';
import { runCli, VERBOSE_HELP, VERBOSE_OPTION } from '../../cli.ts';
import { localServerOptions } from './configuration.ts';
import { fetchJars } from './install.ts';
import { start, status, stop } from './server.ts';

const HELP = `Usage: npm run db:<command>   (or: tsx src/db/local/cli.ts <command>)

Runs a Neo4j Community server from jars fetched from Maven Central (JDK 17+ and Maven needed).

Commands:
  start    start the server unless it already runs, and wait until it answers
  stop     stop it with SIGTERM and wait for a clean shutdown
  status   say whether it runs, where, and with which pid
  fetch    only fetch the jars into .neo4j/lib (done by start when needed)

Reads NEO4J_URI (its port is the Bolt port), NEO4J_HTTP_PORT, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_LOCAL_DIR, NEO4J_HEAP and NEO4J_PAGECACHE from the environment or .env (see .env.example).

Options:
${VERBOSE_HELP}
  -h, --help         this text
`;

await runCli(async () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: 'boolean', short: 'h' }, ...VERBOSE_OPTION } });
  const command = positionals[0];
  if (values.help || !command) {
    console.log(HELP);
    return values.help ? 0 : 2;
  }
  loadDotEnv();
  const options = localServerOptions(loadConfig());
  switch (command) {
    case 'fetch':
      fetchJars();
      console.log('Neo4j jars are in place.');
      return 0;
    case 'start': {
      const result = await start(options);
      console.log(result.alreadyRunning ? `Neo4j is already running (pid ${result.pid}).` : 'Neo4j started.');
      console.log(`  Bolt:    ${result.boltUri}\n  Browser: ${result.browserUrl} (user ${options.username})\n  Data:    ${result.dir}`);
      return 0;
    }
    case 'stop': {
      const result = await stop(options);
      console.log(!result.wasRunning ? 'Neo4j was not running.' : result.forced ? 'Neo4j was killed.' : 'Neo4j stopped cleanly.');
      return 0;
    }
    case 'status': {
      const current = status(options);
      console.log(
        current.running
          ? `Neo4j is running (pid ${current.pid}).\n  Bolt:    ${current.boltUri}\n  Browser: ${current.browserUrl}\n  Data:    ${current.dir}`
          : `Neo4j is not running (data folder ${current.dir}).`,
      );
      return current.running ? 0 : 3;
    }
    default:
      console.error(`Unknown command "${command}".\n\n${HELP}`);
      return 2;
  }
});
