/**
 * `npm run bench:corpus`: the whole product at corpus scale, in one run on a throwaway Neo4j.
 * Generates a news-like corpus (scripts/synthetic/corpus.ts) and measures: the load rate over its
 * first and last tenth, reloading one changed article when a tenth and when all of it is loaded,
 * seeding the unchanged corpus again, `npm start` from stopped to ready on it, and the API's
 * latency and throughput for a set of operations, next to the same operations on the one-article
 * graph and, where it can express them, the @neo4j/graphql peer over the same corpus.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { dump, load } from 'js-yaml';
import { loadConfig, PROJECT_ROOT } from '../src/config.ts';
import { GraphDatabase } from '../src/db/client.ts';
import { freePort, startThrowawayServer } from '../src/db/local/throwaway.ts';
import { resetProjectData } from '../src/seed/load.ts';
import { seed, type SeedResult } from '../src/seed/run.ts';
import type { SeedFileInput } from '../src/seed/schema.ts';
import { CORPUS_OPERATIONS, profile, type Profile } from './operations.ts';
import { child, drive, machine, median, post, waitFor, type Drive } from './support.ts';
import { writeCorpus } from '../scripts/synthetic/corpus.ts';

const HELP = `Usage: npm run bench:corpus -- [options]

  --articles N      articles in the synthetic corpus (default 10000)
  --duration S      seconds of each API measurement (default 10)
  --warmup S        seconds each operation runs at full load, all of them in turn, before any is measured (default 10)
  --connections C   connections of the throughput measurement (default 100; latency is also taken at 10)
  --reloads R       reloads of one changed article measured at 10% and at 100% (default 5; medians)
  --rounds R        rounds of ours and the peer in turns, at full load, for the throughput ratio (default 3; medians)
  --heap, --pagecache   memory of the throwaway Neo4j (default 2g and 2g)
  --no-peer         leave out the @neo4j/graphql peer
`;

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    reloads: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    heap: { type: 'string', default: '2g' },
    pagecache: { type: 'string', default: '2g' },
    'no-peer': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const [articles, duration, warmup, connections, reloads, rounds] = [values.articles, values.duration, values.warmup, values.connections, values.reloads, values.rounds].map(Number) as [
  number,
  number,
  number,
  number,
  number,
  number,
];
for (const [name, value] of Object.entries({ articles, duration, warmup, connections, reloads, rounds })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`error: --${name} must be a whole number of at least 1`);
    process.exit(2);
  }
}
if (articles < 20) {
  console.error('error: --articles must be at least 20 (the first and last tenth are measured)');
  process.exit(2);
}

const log = (line: string) => console.log(line);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perSecond = (count: number, ms: number) => Math.round((count / ms) * 1000).toLocaleString('en');
const rowsOf = (result: SeedResult) => result.plans.reduce((sum, plan) => sum + plan.entities.length + plan.relations.length + plan.mentions.length, 0);

interface OperationResult {
  at10: Drive;
  at100: Drive;
}

async function measureApi(url: string, operations: { name: string; query: string }[]): Promise<Map<string, OperationResult>> {
  for (const { name, query } of operations) {
    const answer = await post(url, query);
    if (answer.errors || !answer.data) throw new Error(`${name}: ${JSON.stringify(answer.errors).slice(0, 500)}`);
  }
  // Every operation runs at full load before any is measured: the operations share Neo4j's and
  // Node's compiled code, which goes on compiling for a minute or more after a server starts
  // serving reads, and a measurement taken meanwhile says more about its place in the queue than
  // about the operation.
  for (const { query } of operations) await drive(url, query, connections, warmup);
  const results = new Map<string, OperationResult>();
  for (const { name, query } of operations) {
    const at10 = await drive(url, query, 10, duration);
    const at100 = await drive(url, query, connections, duration);
    results.set(name, { at10, at100 });
    log(`  ${name}: ${Math.round(at100.rps)} req/s at ${connections}; p50 ${at10.p50} ms, p99 ${at10.p99} ms at 10`);
  }
  return results;
}

/** A copy of an article's seed file with its last relationship dropped, or restored: a changed article, twice over. */
function toggleArticle(file: string, original: string): void {
  const current = readFileSync(file, 'utf8');
  if (current !== original) {
    writeFileSync(file, original);
    return;
  }
  const seedFile = load(original) as SeedFileInput;
  writeFileSync(file, dump({ ...seedFile, relations: seedFile.relations!.slice(0, -1) }, { lineWidth: -1 }));
}

async function measureReloads(db: GraphDatabase, file: string): Promise<number> {
  const original = readFileSync(file, 'utf8');
  const times: number[] = [];
  for (let i = 0; i < reloads; i++) {
    toggleArticle(file, original);
    const result = await seed(db, { inputs: [file] });
    if (result.report?.reloaded.length !== 1) throw new Error(`${file}: expected one reloaded article`);
    times.push(result.ms);
  }
  writeFileSync(file, original);
  await seed(db, { inputs: [file] });
  return median(times);
}

async function timeToReady(env: Record<string, string>, corpus: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const process_: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...env, SEED_DIR: corpus, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    for (;;) {
      if (process_.exitCode !== null) throw new Error(`npm start exited with ${process_.exitCode}`);
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    process_.kill('SIGTERM');
  }
}

log(machine());
const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-corpus-'));
const server = await startThrowawayServer('bench-corpus', { heap: values.heap, pageCache: values.pagecache }, (line) => log(`[bench neo4j] ${line}`));
const env = { ...server.env, NEO4J_TX_TIMEOUT_MS: '600000' };
const db = GraphDatabase.fromConfig(loadConfig(env), 'bench');
const children: ChildProcess[] = [];
try {
  let generated = performance.now();
  const files = writeCorpus(dir, { articles }, (done) => {
    if (done % 2000 === 0) log(`  generated ${done}/${articles} articles`);
  });
  generated = performance.now() - generated;
  log(`Generated ${articles} articles in ${seconds(generated)} into ${dir}`);

  const tenth = Math.floor(articles / 10);
  const firstTenth = await seed(db, { inputs: files.slice(0, tenth) });
  log(`First 10%: ${tenth} articles, ${rowsOf(firstTenth)} rows in ${seconds(firstTenth.ms)}`);
  const reloadAt10 = await measureReloads(db, files[Math.floor(tenth / 2)]!);
  log(`Reloading one changed article at 10%: ${Math.round(reloadAt10)} ms (median of ${reloads})`);
  const middle = await seed(db, { inputs: files.slice(tenth, articles - tenth), progress: log });
  log(`Next 80%: ${middle.plans.length} articles in ${seconds(middle.ms)}`);
  const lastTenth = await seed(db, { inputs: files.slice(articles - tenth) });
  log(`Last 10%: ${tenth} articles, ${rowsOf(lastTenth)} rows in ${seconds(lastTenth.ms)}`);
  const reloadAt100 = await measureReloads(db, files[articles - Math.floor(tenth / 2)]!);
  log(`Reloading one changed article at 100%: ${Math.round(reloadAt100)} ms (median of ${reloads})`);
  const loadMs = firstTenth.ms + middle.ms + lastTenth.ms;
  const allRows = rowsOf(firstTenth) + rowsOf(middle) + rowsOf(lastTenth);
  const [size] = await db.read('bench.size', (tx) =>
    tx.query<{ entities: number; facts: number; mentions: number }>(
      'RETURN COUNT { (:Entity) } AS entities, COUNT { (:Entity)-->(:Entity) } AS facts, COUNT { ()-[:MENTIONS]->() } AS mentions',
    ),
  );
  const reseed = await seed(db, { inputs: [dir] });
  log(`Re-seeding the unchanged corpus: ${seconds(reseed.ms)} (${reseed.unchanged.length} skipped)`);
  const startToReady = await timeToReady(env, dir);
  log(`npm start to ready with Neo4j running: ${seconds(startToReady)}`);

  const [oursPort, peerPort] = [await freePort(), await freePort()];
  children.push(child('src/api/main.ts', { ...env, NEO4J_TX_TIMEOUT_MS: '10000', PORT: String(oursPort), API_HOST: '127.0.0.1' }));
  if (!values['no-peer']) children.push(child('bench/peer-server.ts', { ...env, PORT: String(peerPort) }));
  const oursUrl = `http://127.0.0.1:${oursPort}/graphql`;
  const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
  await Promise.all([waitFor(oursUrl), ...(values['no-peer'] ? [] : [waitFor(peerUrl)])]);

  const corpusProfile = await profile(db, oursUrl, path.basename(files[Math.floor(articles / 2)]!, '.yaml'));
  log(`Corpus graph: ${JSON.stringify(corpusProfile)}`);
  log('Our API on the corpus:');
  const ours = await measureApi(oursUrl, CORPUS_OPERATIONS.map((op) => ({ name: op.name, query: op.ours(corpusProfile) })));
  // The peer measured as ours was (its warm-up, and its latency in the log); the throughput ratio
  // then comes from both servers driven in turns: measured minutes apart, each would see other
  // moments of a shared machine.
  const inTurns = new Map<string, { ours: number; peer: number; errors: number }>();
  if (!values['no-peer']) {
    log('The peer on the corpus:');
    await measureApi(peerUrl, CORPUS_OPERATIONS.filter((op) => op.peer).map((op) => ({ name: op.name, query: op.peer!(corpusProfile) })));
    log(`Ours and the peer in turns, ${rounds} rounds of ${duration} s each at ${connections} connections:`);
    for (const op of CORPUS_OPERATIONS.filter((op) => op.peer)) {
      const [oursRps, peerRps] = [[], []] as [number[], number[]];
      let errors = 0;
      for (let round = 0; round < rounds; round++) {
        const turns = [
          { url: oursUrl, query: op.ours(corpusProfile), into: oursRps },
          { url: peerUrl, query: op.peer!(corpusProfile), into: peerRps },
        ];
        // Each goes first every other round.
        for (const turn of round % 2 ? turns.reverse() : turns) {
          const result = await drive(turn.url, turn.query, connections, duration);
          turn.into.push(result.rps);
          errors += result.errors;
        }
      }
      inTurns.set(op.name, { ours: median(oursRps), peer: median(peerRps), errors });
      const list = (values: number[]) => values.map((v) => Math.round(v)).join(', ');
      log(`  ${op.name}: ours ${list(oursRps)}, peer ${list(peerRps)} req/s; medians ${(median(oursRps) / median(peerRps)).toFixed(2)}`);
    }
  }

  // The same operations on the one-article graph, on the same server.
  await resetProjectData(db);
  await seed(db, {});
  const articleProfile: Profile = {
    hub: 'iran',
    country: 'united-states',
    typo: 'netanyahou',
    from: 'turkey',
    to: 'iran',
    dated: { type: 'ATTACKED', since: '2025', until: '2025-06' },
    article: '2025-11-03-international-force-gaza',
    validAt: '2025-06-19',
    asOf: '2025-11-03',
  };
  log('Our API on the one-article graph:');
  const single = await measureApi(oursUrl, CORPUS_OPERATIONS.map((op) => ({ name: op.name, query: op.ours(articleProfile) })));

  const rate = (count: number, ms: number) => `${perSecond(count, ms)}`;
  log('');
  log(`Corpus: ${articles} articles; ${size!.entities} entities, ${size!.facts} relationships between them, ${size!.mentions} mentions; ${allRows} rows loaded.`);
  log('| load | articles | rows | time | articles/s | rows/s |');
  log('| --- | ---: | ---: | ---: | ---: | ---: |');
  log(`| first 10% | ${tenth} | ${rowsOf(firstTenth)} | ${seconds(firstTenth.ms)} | ${rate(tenth, firstTenth.ms)} | ${rate(rowsOf(firstTenth), firstTenth.ms)} |`);
  log(`| last 10% | ${tenth} | ${rowsOf(lastTenth)} | ${seconds(lastTenth.ms)} | ${rate(tenth, lastTenth.ms)} | ${rate(rowsOf(lastTenth), lastTenth.ms)} |`);
  log(`| all | ${articles} | ${allRows} | ${seconds(loadMs)} | ${rate(articles, loadMs)} | ${rate(allRows, loadMs)} |`);
  log(`Last 10% ÷ first 10% (articles/s): ${((tenth / lastTenth.ms) / (tenth / firstTenth.ms)).toFixed(2)}`);
  log(`Re-seeding the unchanged corpus: ${seconds(reseed.ms)}; npm start to ready (Neo4j running): ${seconds(startToReady)}`);
  log(`Reloading one changed article: ${Math.round(reloadAt10)} ms at 10%, ${Math.round(reloadAt100)} ms at 100%`);
  log('');
  log(`API, ${duration} s per measurement after ${warmup} s of each operation at full load; latency in ms; throughput at ${connections} connections; the peer's, and ours ÷ the peer's, as medians of ${rounds} rounds in turns.`);
  log(`| operation | p50 at 10 | p99 at 10 | req/s at ${connections} | p99 at ${connections} | errors | one-article req/s | corpus ÷ one-article | peer req/s | ours ÷ peer |`);
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const op of CORPUS_OPERATIONS) {
    const o = ours.get(op.name)!;
    const s = single.get(op.name)!;
    const p = inTurns.get(op.name);
    const errors = o.at10.errors + o.at100.errors + (p?.errors ?? 0);
    log(
      `| ${op.name} | ${o.at10.p50} | ${o.at10.p99} | ${Math.round(o.at100.rps)} | ${o.at100.p99} | ${errors} | ${Math.round(s.at100.rps)} | ${(o.at100.rps / s.at100.rps).toFixed(2)} | ` +
        `${p ? Math.round(p.peer) : '—'} | ${p ? (p.ours / p.peer).toFixed(2) : '—'} |`,
    );
  }
  log('');
  log('Time filters: the cost of each (1 ÷ req/s at 100 connections) against the same operation without it (target ≤ 1.2):');
  log('| operation | req/s | without the filter | cost ratio | one-article cost ratio |');
  log('| --- | ---: | ---: | ---: | ---: |');
  for (const op of CORPUS_OPERATIONS.filter((o) => o.filters)) {
    const [o, base, s, sBase] = [ours.get(op.name)!, ours.get(op.filters!)!, single.get(op.name)!, single.get(op.filters!)!];
    log(`| ${op.name} | ${Math.round(o.at100.rps)} | ${Math.round(base.at100.rps)} | ${(base.at100.rps / o.at100.rps).toFixed(2)} | ${(sBase.at100.rps / s.at100.rps).toFixed(2)} |`);
  }
} finally {
  for (const c of children) c.kill('SIGTERM');
  await db.close();
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
}
