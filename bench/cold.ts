/**
 * `npm run bench:cold`: what the first request costs right after Neo4j restarts (every deploy,
 * reboot or `db:stop`/`db:start` does), when no query plan is cached. On a throwaway Neo4j holding
 * a synthetic corpus and the curated article, it restarts Neo4j, starts the API, waits for its
 * warm-up (API_WARM_UP) and times the first and second request of every operation `bench:api` and
 * `bench:corpus` measure, of a sample of the differential test's generated operations and of the
 * warm-up's own operations as a client sends them; then a first load, a reload and a withdrawal of
 * one article, cold and again warm. For every Cypher text those sent, it then reports the time
 * Neo4j takes to plan it (an EXPLAIN with the query caches cleared) and its size.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import { dump, load } from 'js-yaml';
import { createApi } from '../src/api/server.ts';
import { loadConfig, PROJECT_ROOT } from '../src/config.ts';
import { GraphDatabase, type QueryEvent } from '../src/db/client.ts';
import { start, stop } from '../src/db/local/server.ts';
import { freePort, startThrowawayServer } from '../src/db/local/throwaway.ts';
import { seed } from '../src/seed/run.ts';
import type { SeedFileInput } from '../src/seed/schema.ts';
import { writeCorpus } from '../scripts/synthetic/corpus.ts';
import { operationText, rootOperation, variablesOf, type Pools } from '../test/support/operations.ts';
import { variablesFrom, warmUpOperations } from '../src/api/warm-up.ts';
import { ARTICLE_OPERATIONS, CORPUS_OPERATIONS, profile, type Profile } from './operations.ts';
import { child, machine, median, waitFor } from './support.ts';

const HELP = `Usage: npm run bench:cold -- [options]

  --articles N        articles in the synthetic corpus (default 1000)
  --generated G       generated operations of the differential test to time too (default 12)
  --warm-up-rounds R  the API's API_WARM_UP_ROUNDS (default: the API's own, 8; 0 to compare without)
  --heap, --pagecache memory of the throwaway Neo4j (default 2g and 2g)
`;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '1000' },
    generated: { type: 'string', default: '12' },
    'warm-up-rounds': { type: 'string' },
    heap: { type: 'string', default: '2g' },
    pagecache: { type: 'string', default: '2g' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const [articles, generated] = [Number(values.articles), Number(values.generated)];
const rounds = values['warm-up-rounds'];
if (!Number.isInteger(articles) || articles < 2 || !Number.isInteger(generated) || generated < 0 || (rounds !== undefined && !/^\d+$/.test(rounds))) {
  console.error('error: --articles must be a whole number of at least 2, --generated and --warm-up-rounds whole numbers');
  process.exit(2);
}

const log = (line: string) => console.log(line);
const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;

interface Asked {
  name: string;
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

async function timedPost(url: string, asked: Asked): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: asked.query, operationName: asked.operationName, variables: asked.variables ?? {} }) });
  const answer = (await response.json()) as { data?: unknown; errors?: unknown[] };
  return { ms: performance.now() - started, ok: answer.errors === undefined && answer.data !== undefined };
}

/** A corpus article as a new one (another id), for a first load. */
function newArticle(file: string, dir: string): string {
  const seedFile = load(readFileSync(file, 'utf8')) as SeedFileInput;
  const copy = path.join(dir, 'bench-cold-new.yaml');
  writeFileSync(copy, dump({ ...seedFile, article: { ...seedFile.article, id: 'bench-cold-new' } }, { lineWidth: -1 }));
  return copy;
}

/** The article again, changed (its last relationship left out, or given back), so that a seed run reloads it. */
function toggled(file: string, original: string): void {
  const current = readFileSync(file, 'utf8');
  if (current !== original) return writeFileSync(file, original);
  const seedFile = load(original) as SeedFileInput;
  writeFileSync(file, dump({ ...seedFile, relations: seedFile.relations!.slice(0, -1) }, { lineWidth: -1 }));
}

/** The generated operations of the differential test, drawn with one seed from what the graph holds. */
async function generatedOperations(db: GraphDatabase): Promise<Asked[]> {
  if (generated === 0) return [];
  const [ids] = await db.read('bench.pools', (tx) =>
    tx.query<{ entities: string[]; articles: string[]; types: string[]; published: string[] }>(
      `RETURN COLLECT { MATCH (n:Entity) WITH n ORDER BY COUNT { (n)--() } DESC LIMIT 20 RETURN n.id } AS entities,
              COLLECT { MATCH (a:Article) RETURN a.id LIMIT 20 } AS articles,
              COLLECT { MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' RETURN DISTINCT type(r) } AS types,
              COLLECT { MATCH (a:Article) RETURN DISTINCT toString(a.publishedAt) AS d ORDER BY d LIMIT 20 } AS published`,
    ),
  );
  const pools: Pools = { entityIds: ids!.entities, articleIds: ids!.articles, relationTypes: ids!.types.sort(), dates: ['2001', '2010-05', '2023-10-07', '2025'], reported: ids!.published };
  return fc.sample(rootOperation(pools), { seed: 36, numRuns: generated }).map((operation, i) => ({
    name: `generated ${i + 1}: ${operation.root.slice(0, 48)}…`,
    query: operationText(operation),
    variables: variablesOf(operation),
  }));
}

/** The operations the API warms up as it starts (API_WARM_UP's default), as a client sends them, about what `p` picks. */
function warmedUpOperations(p: Profile): Asked[] {
  const values: Record<string, unknown> = { id: p.hub, from: p.from, to: p.to, day: p.validAt, since: p.dated.since, until: p.dated.until, text: p.typo };
  return warmUpOperations(loadConfig({}).API_WARM_UP).map((operation) => ({
    name: `warmed up: ${operation.operationName}`,
    query: operation.query,
    operationName: operation.operationName,
    variables: variablesFrom(operation, values),
  }));
}

/** How long Neo4j takes to plan each text, with nothing cached: the median of three EXPLAINs, each after the caches are cleared. */
async function planningTimes(db: GraphDatabase, events: QueryEvent[]): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  for (const event of events) {
    if (times.has(event.cypher)) continue;
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      await db.write('bench.clear', (tx) => tx.query('CALL db.clearQueryCaches()'));
      const started = performance.now();
      const explain = (tx: { query: (cypher: string, params: Record<string, unknown>) => Promise<unknown> }) => tx.query(`EXPLAIN ${event.cypher}`, event.params);
      await (event.mode === 'READ' ? db.read('bench.explain', explain) : db.write('bench.explain', explain));
      runs.push(performance.now() - started);
    }
    times.set(event.cypher, median(runs));
  }
  return times;
}

log(machine());
const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-cold-'));
const server = await startThrowawayServer('bench-cold', { heap: values.heap, pageCache: values.pagecache }, (line) => log(`[bench neo4j] ${line}`));
const env = { ...server.env, NEO4J_TX_TIMEOUT_MS: '600000', ...(rounds === undefined ? {} : { API_WARM_UP_ROUNDS: rounds }) };
let db = GraphDatabase.fromConfig(loadConfig(env), 'bench');
let api: ChildProcess | undefined;
try {
  const files = writeCorpus(dir, { articles });
  const curated = readdirSync(path.join(PROJECT_ROOT, 'seed'))
    .filter((name) => /\.ya?ml$/.test(name))
    .map((name) => path.join(PROJECT_ROOT, 'seed', name));
  const loaded = await seed(db, { inputs: [...files, ...curated], progress: log });
  log(`Loaded ${loaded.plans.length} articles (${articles} synthetic and the curated one) in ${(loaded.ms / 1000).toFixed(1)} s`);

  // What the corpus operations ask about, picked through an API of its own before the restart.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  api = child('src/api/main.ts', { ...env, PORT: String(port), API_HOST: '127.0.0.1' });
  await waitFor(url);
  const corpusProfile = await profile(db, url, path.basename(files[Math.floor(articles / 2)]!, '.yaml'));
  const asked: Asked[] = [
    ...ARTICLE_OPERATIONS.map((op) => ({ name: `article: ${op.name}`, query: op.ours })),
    ...CORPUS_OPERATIONS.map((op) => ({ name: `corpus: ${op.name}`, query: op.ours(corpusProfile) })),
    ...(await generatedOperations(db)),
    ...warmedUpOperations(corpusProfile),
  ];
  api.kill('SIGTERM');
  const fresh = newArticle(files[0]!, dir);
  const reloaded = files[articles - 1]!;
  const original = readFileSync(reloaded, 'utf8');

  log('Restarting Neo4j …');
  await db.close();
  await stop(server.options, (line) => log(`[bench neo4j] ${line}`));
  await start(server.options, (line) => log(`[bench neo4j] ${line}`));
  db = GraphDatabase.fromConfig(loadConfig(env), 'bench');

  const readyFrom = performance.now();
  api = child('src/api/main.ts', { ...env, PORT: String(port), API_HOST: '127.0.0.1' });
  let said = '';
  api.stdout!.on('data', (chunk: Buffer) => (said += chunk.toString()));
  await waitFor(url);
  log(`API ready ${ms(performance.now() - readyFrom)} after it was started`);
  // Its warm-up (API_WARM_UP) plans the operations it is given in the background, then copies of
  // their texts (API_WARM_UP_ROUNDS); the requests below are timed once it is done.
  const done = rounds === '0' ? /^Warm-up: Neo4j has planned the Cypher/m : /^Warm-up: Neo4j has planned copies|^Warm-up stopped/m;
  for (const deadline = performance.now() + 600_000; !done.test(said); ) {
    if (performance.now() > deadline) throw new Error('the API never finished its warm-up');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  log(`API warmed up ${ms(performance.now() - readyFrom)} after it was started: ${said.split('\n').filter((line) => line.startsWith('Warm-up')).join('; ')}`);

  const requests: { name: string; first: number; second: number; ok: boolean }[] = [];
  for (const operation of asked) {
    const first = await timedPost(url, operation);
    const second = await timedPost(url, operation);
    requests.push({ name: operation.name, first: first.ms, second: second.ms, ok: first.ok && second.ok });
  }
  api.kill('SIGTERM');

  // The seeder's queries, heard as they are sent, for their planning times below.
  const seederEvents: QueryEvent[] = [];
  const stopListening = db.onQuery((event) => seederEvents.push(event));
  const seeding: { name: string; cold: number; warm: number }[] = [];
  const round = async () => {
    const load = await seed(db, { inputs: [fresh] });
    toggled(reloaded, original);
    const reload = await seed(db, { inputs: [reloaded] });
    const withdrawStarted = performance.now();
    await seed(db, { withdraw: ['bench-cold-new'] });
    return [load.ms, reload.ms, performance.now() - withdrawStarted];
  };
  const cold = await round();
  const warm = await round();
  ['first load of one article', 'reload of one changed article', 'withdrawal of one article'].forEach((name, i) => seeding.push({ name, cold: cold[i]!, warm: warm[i]! }));
  stopListening();
  writeFileSync(reloaded, original);

  // The API's queries, heard in this process, for their planning times.
  const apiEvents: { name: string; event: QueryEvent }[] = [];
  const yoga = createApi(db);
  let current = '';
  const stopApi = db.onQuery((event) => apiEvents.push({ name: current, event }));
  for (const operation of asked) {
    current = operation.name;
    await yoga.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.query, operationName: operation.operationName, variables: operation.variables ?? {} }),
    });
  }
  stopApi();
  const planned = await planningTimes(db, [...apiEvents.map((e) => e.event), ...seederEvents]);

  log('');
  log('| operation (right after a restart) | first request | second | planning | Cypher characters |');
  log('| --- | ---: | ---: | ---: | ---: |');
  for (const request of requests) {
    const texts = [...new Set(apiEvents.filter((e) => e.name === request.name).map((e) => e.event.cypher))];
    const planning = texts.reduce((sum, text) => sum + (planned.get(text) ?? 0), 0);
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    log(`| ${request.name}${request.ok ? '' : ' (answered with errors)'} | ${ms(request.first)} | ${ms(request.second)} | ${ms(planning)} | ${chars.toLocaleString('en')} |`);
  }
  log('');
  log('| seeder | cold | warm |');
  log('| --- | ---: | ---: |');
  for (const row of seeding) log(`| ${row.name} | ${ms(row.cold)} | ${ms(row.warm)} |`);
  const seederTexts = [...new Set(seederEvents.map((e) => e.cypher))].map((text) => ({ text, planning: planned.get(text) ?? 0 })).sort((a, b) => b.planning - a.planning);
  log('');
  log(`The seeder sent ${seederTexts.length} distinct Cypher texts; planning all of them takes ${ms(seederTexts.reduce((sum, t) => sum + t.planning, 0))}. The slowest to plan:`);
  for (const { text, planning } of seederTexts.slice(0, 5)) log(`  ${ms(planning)}, ${text.length.toLocaleString('en')} characters: ${text.replace(/\s+/g, ' ').slice(0, 90)}…`);
  const slowest = [...planned.values()].sort((a, b) => b - a)[0] ?? 0;
  log('');
  log(`Slowest text to plan: ${ms(slowest)}; texts over 200 ms: ${[...planned.values()].filter((t) => t > 200).length} of ${planned.size}`);
} finally {
  api?.kill('SIGTERM');
  await db.close();
  await server.dispose();
}
