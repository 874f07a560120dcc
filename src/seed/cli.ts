/** `npm run seed`: validate seed files, then load them into Neo4j. */
import { parseArgs } from 'node:util';
import { runCli, VERBOSE_HELP, VERBOSE_OPTION } from '../cli.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { GraphDatabase } from '../db/client.ts';
import { DEFAULT_BATCH_SIZE } from './load.ts';
import { seed, formatReport, formatPlanSummary } from './run.ts';

const HELP = `Usage: npm run seed -- [options] [file | folder | glob ...]

Loads new and changed articles; an article whose seed file and text are exactly as loaded is
skipped without being parsed. Every new or changed seed file is validated first (shape, ids,
references, the model's rules, dates, and that all evidence is verbatim in the article text), with
every problem reported as "file: path.to.field: message". Only if all is well does it write:
constraints and indexes, then the articles, many per transaction, each one whole (a changed
article replaces what it wrote before in the same transaction). Loading twice changes nothing; an
interrupted load is completed by the next run.

With no file given, loads every *.yaml, *.yml and *.json under seed/.

Options:
  --dry-run          validate and print what would be loaded; write nothing
  --reset            first remove this project's data (entity and article nodes) from the database
  --withdraw <id>... take these articles out of the graph: their evidence, and the facts and
                     entities only they gave (the other arguments are article ids, not files)
  --batch-size <n>   rows per transaction; articles are never split (default ${DEFAULT_BATCH_SIZE})
  --strict           warnings are errors: likely duplicates (two ids whose names or aliases are
                     the same once case, accents and punctuation are folded), and an article's
                     event with no date beside the same event with one; for CI
${VERBOSE_HELP}
  -h, --help         this text

Connection settings come from NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE (see .env.example).
`;

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
      withdraw: { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...VERBOSE_OPTION,
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const batchSize = values['batch-size'] === undefined ? DEFAULT_BATCH_SIZE : Number(values['batch-size']);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 100_000) {
    console.error('error: --batch-size must be a whole number from 1 to 100000');
    return 2;
  }
  if (values['dry-run'] && values.reset) {
    console.error('error: --dry-run and --reset exclude each other (a dry run writes nothing)');
    return 2;
  }
  const withdrawing = values.withdraw ? positionals : [];
  if (values.withdraw && (positionals.length === 0 || values.reset)) {
    console.error('error: --withdraw takes the ids of the articles to withdraw, and no --reset');
    return 2;
  }

  loadDotEnv();
  const db = GraphDatabase.fromConfig(loadConfig(), 'seed');
  try {
    const result = await seed(db, {
      inputs: values.withdraw ? [] : positionals,
      dryRun: values['dry-run'],
      reset: values.reset,
      withdraw: withdrawing,
      batchSize,
      strict: values.strict,
      log: (line) => console.log(line),
      warn: (warning) => console.error(`warning: ${warning}`),
      progress: (line) => console.error(line),
    });
    if (withdrawing.length === 0) console.log(result.dryRun ? formatPlanSummary(result) : formatReport(result));
    return 0;
  } finally {
    await db.close();
  }
});
