/**
 * `npm run bench:api`: requests/s and latency of the GraphQL API for a fixed set of operations,
 * next to the same questions served by @neo4j/graphql (the peer) and to the ceiling: the Cypher our
 * API generates, run straight through neo4j-driver at the same concurrency. All on one throwaway
 * Neo4j seeded with the article, with the load generator (autocannon) on loopback.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createApi } from '../src/api/server.ts';
import { loadConfig } from '../src/config.ts';
import { GraphDatabase, type QueryEvent } from '../src/db/client.ts';
import { status } from '../src/db/local/server.ts';
import { freePort, startThrowawayServer } from '../src/db/local/throwaway.ts';
import { seed } from '../src/seed/run.ts';
import { ARTICLE_OPERATIONS } from './operations.ts';
import { child, drive, machine, post, waitFor } from './support.ts';

const HELP = `Usage: npm run bench:api -- [--duration S] [--connections C] [--runs N] [--only NAME]

Measures each operation for S seconds (default 10) at C concurrent connections (default 100)
against our API, the @neo4j/graphql peer and the driver-only ceiling, after warming each up. The
three take turns, N times (default 3); it prints the medians and their ratios, and the CPU time
that Neo4j, the GraphQL server and the load generator each spent per request.
`;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    only: { type: 'string' },
    runs: { type: 'string', default: '3' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
for (const name of ['duration', 'connections', 'runs'] as const) {
  if (!/^[1-9]\d*$/.test(values[name])) {
    console.error(`error: --${name} must be a whole number of at least 1`);
    process.exit(2);
  }
}
// The ceiling's driver runs in this process: it maps no stack traces, like both servers.
process.setSourceMapsEnabled(false);
const duration = Number(values.duration);
const connections = Number(values.connections);
const runs = Number(values.runs);

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU milliseconds per request spent by Neo4j, by the GraphQL server (none for the ceiling), and by this process (load generator, or driver for the ceiling). */
  cpu: { neo4j: number; server: number; bench: number };
}

type Run = Omit<Measure, 'cpu'> & { requests: number };

const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

/** CPU time a process has used so far, in ms, from /proc (Linux). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

async function measure(neo4jPid: number, serverPid: number | undefined, run: () => Promise<Run>): Promise<Measure> {
  const before = { neo4j: cpuMs(neo4jPid), server: serverPid ? cpuMs(serverPid) : 0, bench: process.cpuUsage() };
  const { requests, ...result } = await run();
  const bench = process.cpuUsage(before.bench);
  const perRequest = (ms: number) => ms / Math.max(1, requests);
  return {
    ...result,
    cpu: {
      neo4j: perRequest(cpuMs(neo4jPid) - before.neo4j),
      server: serverPid ? perRequest(cpuMs(serverPid) - before.server) : 0,
      bench: perRequest((bench.user + bench.system) / 1000),
    },
  };
}

/** One operation at the configured concurrency; answers with GraphQL errors count as errors. */
const load = (url: string, query: string, seconds = duration): Promise<Run> => drive(url, query, connections, seconds);

/** The same Cypher and parameters through the driver alone, `connections` at a time. */
async function ceiling(db: GraphDatabase, event: QueryEvent, seconds = duration): Promise<Run> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        await db.driver.executeQuery(event.cypher, event.params, { database: db.database, routing: 'READ' });
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
  return { rps: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors, requests: latencies.length };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOf(measures: Measure[]): Measure {
  const of = (pick: (m: Measure) => number) => median(measures.map(pick));
  return {
    rps: of((m) => m.rps),
    p50: of((m) => m.p50),
    p99: of((m) => m.p99),
    errors: measures.reduce((sum, m) => sum + m.errors, 0),
    cpu: { neo4j: of((m) => m.cpu.neo4j), server: of((m) => m.cpu.server), bench: of((m) => m.cpu.bench) },
  };
}

const log = (line: string) => console.log(line);
log(machine());
const server = await startThrowawayServer('bench-api', { heap: '1g', pageCache: '512m' }, (line) => log(`[bench neo4j] ${line}`));
const env = server.env;
const db = GraphDatabase.fromConfig(loadConfig(env), 'bench', { maxConnectionPoolSize: connections });
const children: ChildProcess[] = [];
try {
  await seed(db, {});
  const [oursPort, peerPort] = [await freePort(), await freePort()];
  children.push(child('src/api/main.ts', { ...env, PORT: String(oursPort), API_HOST: '127.0.0.1' }));
  children.push(child('bench/peer-server.ts', { ...env, PORT: String(peerPort) }));
  const oursUrl = `http://127.0.0.1:${oursPort}/graphql`;
  const peerUrl = `http://127.0.0.1:${peerPort}/graphql`;
  await Promise.all([waitFor(oursUrl), waitFor(peerUrl)]);

  // The Cypher our API sends for each operation, captured from an in-process instance.
  const captured: QueryEvent[] = [];
  db.onQuery((event) => captured.push(event));
  const local = createApi(db);

  const rows: string[] = [];
  const cpuRows: string[] = [];
  const oursRps = new Map<string, number>();
  const neo4jPid = status(server.options).pid!;
  for (const operation of ARTICLE_OPERATIONS.filter((o) => !values.only || o.name.includes(values.only))) {
    captured.length = 0;
    const inProcess = (await (await local.fetch('http://local/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: operation.ours }) })).json()) as { errors?: unknown };
    const [oursAnswer, peerAnswer] = [await post(oursUrl, operation.ours), operation.peer ? await post(peerUrl, operation.peer) : {}];
    if (inProcess.errors || oursAnswer.errors || peerAnswer.errors) {
      throw new Error(`${operation.name}: ${JSON.stringify(inProcess.errors ?? oursAnswer.errors ?? peerAnswer.errors)}`);
    }
    if (captured.length !== 1) throw new Error(`${operation.name}: expected one query, saw ${captured.length}`);
    const event = captured[0]!;

    // Each is warmed up at full load first, so that none pays for first-use compilation (Neo4j's or V8's).
    await load(oursUrl, operation.ours, 3);
    if (operation.peer) await load(peerUrl, operation.peer, 3);
    await ceiling(db, event, 3);
    const measures: Record<'ours' | 'peer' | 'ceiling', Measure[]> = { ours: [], peer: [], ceiling: [] };
    for (let run = 0; run < runs; run++) {
      measures.ours.push(await measure(neo4jPid, children[0]!.pid, () => load(oursUrl, operation.ours)));
      if (operation.peer) measures.peer.push(await measure(neo4jPid, children[1]!.pid, () => load(peerUrl, operation.peer!)));
      measures.ceiling.push(await measure(neo4jPid, undefined, () => ceiling(db, event)));
    }
    const [ours, peer, top] = [medianOf(measures.ours), measures.peer.length > 0 ? medianOf(measures.peer) : undefined, medianOf(measures.ceiling)];
    oursRps.set(operation.name, ours.rps);
    const cell = (m: Measure | undefined) => (m ? `${Math.round(m.rps)} | ${Math.round(m.p50)} | ${Math.round(m.p99)} | ${m.errors}` : '— | — | — | —');
    rows.push(`| ${operation.name} | ${cell(ours)} | ${cell(peer)} | ${peer ? (ours.rps / peer.rps).toFixed(2) : '—'} | ${Math.round(top.rps)} | ${(ours.rps / top.rps).toFixed(2)} |`);
    const ms = (value: number | undefined) => (value === undefined ? '—' : value.toFixed(2));
    cpuRows.push(
      `| ${operation.name} | ${ms(ours.cpu.neo4j)} | ${ms(ours.cpu.server)} | ${ms(ours.cpu.bench)} | ${ms(peer?.cpu.neo4j)} | ${ms(peer?.cpu.server)} | ${ms(peer?.cpu.bench)} | ${ms(top.cpu.neo4j)} | ${ms(top.cpu.bench)} |`,
    );
    log(`${operation.name}: ours ${Math.round(ours.rps)}/s, peer ${peer ? `${Math.round(peer.rps)}/s` : '—'}, ceiling ${Math.round(top.rps)}/s (medians of ${runs})`);
  }
  log('');
  log(`${connections} connections, ${duration}s per measurement; latencies in ms.`);
  log('| operation | ours req/s | p50 | p99 | errors | peer req/s | p50 | p99 | errors | ours ÷ peer | ceiling req/s | ours ÷ ceiling |');
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) log(row);
  log('');
  const timed = ARTICLE_OPERATIONS.filter((o) => o.filters && oursRps.has(o.name) && oursRps.has(o.filters));
  if (timed.length > 0) {
    log('Time filters: the cost of each (1 ÷ req/s) against the same operation without it (target ≤ 1.2):');
    log('| operation | req/s | without the filter | cost ratio |');
    log('| --- | ---: | ---: | ---: |');
    for (const o of timed) log(`| ${o.name} | ${Math.round(oursRps.get(o.name)!)} | ${Math.round(oursRps.get(o.filters!)!)} | ${(oursRps.get(o.filters!)! / oursRps.get(o.name)!).toFixed(2)} |`);
    log('');
  }
  log('CPU ms per request, by process (Neo4j; the GraphQL server; this process: load generator, or the driver for the ceiling):');
  log('| operation | ours: Neo4j | API | load gen. | peer: Neo4j | server | load gen. | ceiling: Neo4j | driver |');
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of cpuRows) log(row);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await db.close();
  await server.dispose();
}
