/** `npm run draft`: a draft seed file from an article's text. */
import { parseArgs } from 'node:util';
import { runCli, VERBOSE_HELP, VERBOSE_OPTION } from '../cli.ts';
import { loadConfig, loadDotEnv } from '../config.ts';
import { GraphDatabase } from '../db/client.ts';
import { DEFAULT_SEED_DIR } from '../seed/run.ts';
import { draft, draftAsJson, formatDraftReport } from './run.ts';

const HELP = `Usage: npm run draft -- <article.txt> [options]

Drafts seed/<id>.yaml from an article's plain text and copies the text to seed/articles/<id>.txt.
Works offline, from the seed files the graph is loaded from (or, with --graph, from the graph):

  - every entity they define that the text names (by name or alias, also "Israel’s", "U.S.-led",
    "Egyptian-Israeli"), and every state the text names from the table of states
    (assets/draft/countries.tsv: names, short and dotted forms, adjectives, plurals), is defined in
    the draft, with the sentence where the article first names it;
  - new entities (runs of capitalised words, typed where a cue says what they are) are written as
    comments, for you to un-comment;
  - facts (from patterns of news wording: troops sent, expected, offered, declined or undecided,
    oppositions, backing, talks, mandates, offices; each with its status and verbatim clause) are
    written as relationships where both ends are defined, for you to delete what is wrong, and as
    comments where an end is only proposed;
  - sentences that name two or more known entities but gave no relationship are listed at the end.

The draft as written passes \`npm run seed -- --dry-run\`; it is checked before anything is written.

Options:
  --id <id>            the article's id (default: the file's name as a slug)
  --title <text>       (default: the text's first line of four words or more)
  --publisher <text>   (default: "unknown")
  --published <date>   YYYY-MM-DD (default: the date the file's name begins with)
  --path <text>        where the publisher has it (default: the file's name)
  --seed-dir <folder>  where the seed files are and the draft goes (default: seed/)
  --force              replace the seed file and text of an article that has this id already
                       (a draft nobody has edited is replaced without it: drafting again loses nothing)
  --json               print every proposal as JSON on stdout (entities and facts, confirmed or
                       not, with type, ends by id and name, status, evidence and pattern) and
                       write nothing; the draft is still checked as the seeder would
  --graph              read the entities the graph knows from Neo4j (NEO4J_URI, NEO4J_USERNAME,
                       NEO4J_PASSWORD, NEO4J_DATABASE; see .env.example) rather than from the seed
                       files: only the names the text may hold are looked up, so a large graph
                       costs no more than a small one
${VERBOSE_HELP}
  -h, --help           this text
`;

await runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      id: { type: 'string' },
      title: { type: 'string' },
      publisher: { type: 'string' },
      published: { type: 'string' },
      path: { type: 'string' },
      'seed-dir': { type: 'string' },
      force: { type: 'boolean', default: false },
      graph: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      ...VERBOSE_OPTION,
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error('error: give exactly one article text file (see --help)');
    return 2;
  }
  loadDotEnv();
  const db = values.graph ? GraphDatabase.fromConfig(loadConfig(), 'draft') : undefined;
  const result = await draft({
    ...(db ? { graph: db } : {}),
    textFile: positionals[0]!,
    seedDir: values['seed-dir'] ?? DEFAULT_SEED_DIR,
    ...(values.id !== undefined ? { id: values.id } : {}),
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.publisher !== undefined ? { publisher: values.publisher } : {}),
    ...(values.published !== undefined ? { publishedAt: values.published } : {}),
    ...(values.path !== undefined ? { path: values.path } : {}),
    force: values.force,
    write: !values.json,
    warn: (message) => console.error(`warning: ${message}`),
  }).finally(() => db?.close());
  console.log(values.json ? JSON.stringify(draftAsJson(result), null, 2) : formatDraftReport(result));
  return 0;
});
