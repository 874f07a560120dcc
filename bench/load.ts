/**
 * `npm run bench:load`: the API under sustained load from a mix of real operations, in its own
 * process, with every answer checked for errors and the process's memory (RSS) sampled throughout,
 * so that a leak shows as growth from one round to the next.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.ts';
import { GraphDatabase } from '../src/db/client.ts';
import { freePort, startThrowawayServer } from '../src/db/local/throwaway.ts';
import { seed } from '../src/seed/run.ts';
import { child, machine, post, waitFor } from './support.ts';

const HELP = `Usage: npm run bench:load -- [--duration S] [--connections C] [--rounds N]

Serves the API in its own process over a throwaway Neo4j seeded with the article, warms it up, then
runs N rounds (default 3) of S seconds (default 30) at C concurrent connections (default 100), each
connection cycling through a mix of operations. Prints requests/s, latency percentiles and errors per
round (HTTP errors, timeouts and GraphQL errors in the answers), and the API's RSS before, during and after.
`;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '30' },
    connections: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const [duration, connections, rounds] = [Number(values.duration), Number(values.connections), Number(values.rounds)];
for (const [name, value] of Object.entries({ duration, connections, rounds })) {
  if (!Number.isInteger(value) || value < 1) {
    console.error(`error: --${name} must be a whole number of at least 1`);
    process.exit(2);
  }
}

const MIX = [
  '{ entity(id: "iran") { name relations(direction: OUT, first: 50) { totalCount edges { node { type object { name } evidence { nodes { quote article { title } } } } } } } }',
  '{ search(text: "netanyahou", first: 10) { score entity { id name } } }',
  '{ path(from: "turkey", to: "iran") { hops { type subject { name } object { name } evidence { nodes { quote } } } } }',
  '{ entity(id: "civil-military-coordination-center") { name ... on Organization { troopContributors { nodes { country { name code } forces evidence { nodes { quote } } } } } } }',
  '{ offers(rejectedBy: "israel") { nodes { name by { name } to { name } rejectedBy { name } } } }',
  '{ neighborhood(id: "turkey", hops: 2) { nodes { id name kind } edges { type subject { id } object { id } } } }',
  '{ relations(types: [CONTRIBUTES_TROOPS_TO, FUNDS, ARMS], first: 20) { totalCount edges { cursor node { type subject { name } object { name } date } } } }',
  '{ entities(kind: COUNTRY, first: 20) { totalCount edges { node { name ... on Country { code } } } } }',
];

/** Asks the API process (running bench/memory-probe.ts) to collect garbage, and returns the heap left in use, in MiB. */
function heapAfterGc(api: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the API process did not report its memory')), 10_000);
    let buffer = '';
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('{"memoryProbe"'));
      if (!line) return;
      clearTimeout(timer);
      api.stdout!.off('data', onData);
      resolve(Math.round((JSON.parse(line) as { memoryProbe: { heapUsed: number } }).memoryProbe.heapUsed / 2 ** 20));
    };
    api.stdout!.on('data', onData);
    api.kill('SIGUSR2');
  });
}

/** Resident set size of a process, in MiB, from /proc (Linux). */
function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m);
  if (!line) throw new Error(`no VmRSS for process ${pid}`);
  return Math.round(Number(line[1]) / 1024);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(line);

interface Round {
  rps: number;
  p50: number;
  p99: number;
  max: number;
  requests: number;
  errors: number;
  rssPeak: number;
  rssEnd: number;
  heapAfterGc: number;
}

async function round(url: string, pid: number, seconds: number): Promise<Round> {
  let graphqlErrors = 0;
  let rssPeak = 0;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMiB(pid))), 1_000);
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: MIX.map((query) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      onResponse: (status: number, body: string) => {
        if (status === 200 && body.includes('"errors"')) graphqlErrors++;
      },
    })),
  });
  clearInterval(sampler);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
    rssPeak,
    rssEnd: rssMiB(pid),
    heapAfterGc: await heapAfterGc(api!),
  };
}

log(machine());
const server = await startThrowawayServer('bench-load', { heap: '1g', pageCache: '512m' }, (line) => log(`[bench neo4j] ${line}`));
const env = server.env;
const db = GraphDatabase.fromConfig(loadConfig(env), 'bench');
let api: ChildProcess | undefined;
try {
  await seed(db, {});
  const port = await freePort();
  api = child('src/api/main.ts', { ...env, PORT: String(port), API_HOST: '127.0.0.1' }, ['--expose-gc', '--import', './bench/memory-probe.ts']);
  const url = `http://127.0.0.1:${port}/graphql`;
  await waitFor(url);
  for (const query of MIX) {
    const answer = await post(url, query);
    if (answer.errors) throw new Error(`${query}: ${JSON.stringify(answer.errors)}`);
  }
  const pid = api.pid!;
  const rssStart = rssMiB(pid);
  log(`API process ${pid}: ${rssStart} MiB RSS after start-up. Warming up for 15 s …`);
  await round(url, pid, 15);
  await sleep(2_000);
  const rssWarm = rssMiB(pid);
  const heapWarm = await heapAfterGc(api);
  log(`${rssWarm} MiB RSS after warm-up; ${heapWarm} MiB of heap in use after garbage collection.`);

  const results: Round[] = [];
  for (let i = 1; i <= rounds; i++) {
    log(`Round ${i} of ${rounds}: ${connections} connections for ${duration} s …`);
    const result = await round(url, pid, duration);
    results.push(result);
    log(`  ${Math.round(result.rps)} req/s, p99 ${result.p99} ms, ${result.errors} errors, RSS peak ${result.rssPeak} MiB, heap after GC ${result.heapAfterGc} MiB`);
  }
  await sleep(5_000);
  const rssIdle = rssMiB(pid);

  log('');
  log(`${connections} connections, ${duration} s per round, a mix of ${MIX.length} operations; latencies in ms, RSS in MiB.`);
  log('| round | requests | req/s | p50 | p99 | max | errors | RSS peak | RSS at end | heap after GC |');
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  results.forEach((r, i) =>
    log(`| ${i + 1} | ${r.requests} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.max} | ${r.errors} | ${r.rssPeak} | ${r.rssEnd} | ${r.heapAfterGc} |`),
  );
  log('');
  log(`RSS: ${rssStart} after start-up, ${rssWarm} after warm-up, ${rssIdle} after 5 s idle at the end.`);
  const growth = results.at(-1)!.heapAfterGc - heapWarm;
  log(`Heap in use after garbage collection: ${heapWarm} after warm-up, ${results.at(-1)!.heapAfterGc} after round ${results.length} (${growth >= 0 ? '+' : ''}${growth} MiB).`);
  const errors = results.reduce((sum, r) => sum + r.errors, 0);
  if (errors > 0) {
    log(`${errors} requests failed.`);
    process.exitCode = 1;
  }
} finally {
  api?.kill('SIGTERM');
  await db.close();
  await server.dispose();
}
