/**
 * `npm run bench:api`: requests/s and latency of the GraphQL API for a fixed set of operations,
 * next to the same questions served by @neo4j/graphql (the peer) and to the ceiling: the Cypher our
 * API generates, run straight through neo4j-driver at the same concurrency. All on one throwaway
 * Neo4j seeded with the article, with the load generator (autocannon) on loopback.
 */
import type { ChildProcess } from 'node:child_process';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { createApi } from '../src/api/server.ts';
import { loadConfig } from '../src/config.ts';
import { GraphDatabase, type QueryEvent } from '../src/db/client.ts';
import { freePort, startThrowawayServer } from '../src/db/local/throwaway.ts';
import { fullTextQuery } from '../src/graph/queries.ts';
import { seed } from '../src/seed/run.ts';
import { child, machine, post, waitFor } from './support.ts';

const HELP = `Usage: npm run bench:api -- [--duration S] [--connections C] [--only NAME]

Measures each operation for S seconds (default 10) at C concurrent connections (default 100)
against our API, the @neo4j/graphql peer and the driver-only ceiling, and prints medians and ratios.
`;

const { values } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '100' },
    only: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const duration = Number(values.duration);
const connections = Number(values.connections);

interface Operation {
  name: string;
  ours: string;
  peer: string;
}

const OPERATIONS: Operation[] = [
  {
    name: 'entity with relations and evidence',
    ours: '{ entity(id: "iran") { name relations(direction: OUT, types: [FUNDS, ARMS, HOSTILE_TO, THREATENS], first: 50) { edges { node { type object { name } evidence { quote } } } } } }',
    peer:
      '{ countries(where: {id: {eq: "iran"}}) { name ' +
      ['funds', 'arms', 'hostileTo', 'threatens'].map((f) => `${f}Connection { edges { properties { evidence } node { name } } }`).join(' ') +
      ' } }',
  },
  {
    name: 'search with a typo',
    ours: '{ search(text: "netanyahou", first: 10) { score entity { id name } } }',
    peer: `{ search(text: ${JSON.stringify(fullTextQuery('netanyahou'))}) { id name score } }`,
  },
  {
    name: 'path Turkey → Iran with evidence',
    ours: '{ path(from: "turkey", to: "iran") { hops { type subject { name } object { name } evidence { quote } } } }',
    peer: '{ connection(from: "turkey", to: "iran") { type subject object evidence } }',
  },
  {
    name: 'troop contributors',
    ours: '{ entity(id: "civil-military-coordination-center") { name ... on Organization { troopContributors { country { name code } forces evidence { quote } } } } }',
    peer: '{ organizations(where: {id: {eq: "civil-military-coordination-center"}}) { name troopContributorsConnection { edges { properties { evidence forces } node { name code } } } } }',
  },
  {
    name: '2-level nested selection',
    ours: '{ entity(id: "iran") { name relations(direction: OUT, types: [FUNDS]) { edges { node { object { name relations(direction: OUT, types: [BASED_IN]) { edges { node { object { name } } } } } } } } } }',
    peer: '{ countries(where: {id: {eq: "iran"}}) { name funds { name basedInCountry { name } basedInPlace { name } } } }',
  },
];

interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

async function load(url: string, query: string): Promise<Measure> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    connections,
    duration,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/** The same Cypher and parameters through the driver alone, `connections` at a time. */
async function ceiling(db: GraphDatabase, event: QueryEvent): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + duration * 1000;
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
  return { rps: latencies.length / duration, p50: at(0.5), p99: at(0.99), errors };
}

const log = (line: string) => console.log(line);
log(machine());
const server = await startThrowawayServer('bench-api', { heap: '1g', pageCache: '512m' }, (line) => log(`[bench neo4j] ${line}`));
const env = { NEO4J_URI: server.uri, NEO4J_USERNAME: 'neo4j', NEO4J_PASSWORD: server.options.password, NEO4J_DATABASE: 'neo4j' };
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
  for (const operation of OPERATIONS.filter((o) => !values.only || o.name.includes(values.only))) {
    captured.length = 0;
    const inProcess = (await (await local.fetch('http://local/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: operation.ours }) })).json()) as { errors?: unknown };
    const [ours, peer] = [await post(oursUrl, operation.ours), await post(peerUrl, operation.peer)];
    if (inProcess.errors || ours.errors || peer.errors) throw new Error(`${operation.name}: ${JSON.stringify(inProcess.errors ?? ours.errors ?? peer.errors)}`);
    if (captured.length !== 1) throw new Error(`${operation.name}: expected one query, saw ${captured.length}`);
    const event = captured[0]!;

    // Each target is warmed for a second first, so none pays for first-use compilation.
    for (const url of [oursUrl, peerUrl]) await autocannon({ url, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: url === oursUrl ? operation.ours : operation.peer }), connections: 10, duration: 1 });
    const oursMeasure = await load(oursUrl, operation.ours);
    const peerMeasure = await load(peerUrl, operation.peer);
    const ceilingMeasure = await ceiling(db, event);
    const cell = (m: Measure) => `${Math.round(m.rps)} | ${m.p50} | ${m.p99} | ${m.errors}`;
    rows.push(
      `| ${operation.name} | ${cell(oursMeasure)} | ${cell(peerMeasure)} | ${(oursMeasure.rps / peerMeasure.rps).toFixed(2)} | ${Math.round(ceilingMeasure.rps)} | ${(oursMeasure.rps / ceilingMeasure.rps).toFixed(2)} |`,
    );
    log(`${operation.name}: ours ${Math.round(oursMeasure.rps)}/s, peer ${Math.round(peerMeasure.rps)}/s, ceiling ${Math.round(ceilingMeasure.rps)}/s`);
  }
  log('');
  log(`${connections} connections, ${duration}s per measurement; latencies in ms.`);
  log('| operation | ours req/s | p50 | p99 | errors | peer req/s | p50 | p99 | errors | ours ÷ peer | ceiling req/s | ours ÷ ceiling |');
  log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) log(row);
} finally {
  for (const c of children) c.kill('SIGTERM');
  await db.close();
  await server.dispose();
}
