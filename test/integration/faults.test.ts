/**
 * Neo4j going away under real work: stopped while the API serves steady traffic, and killed while
 * the seeder writes. Both need the throwaway local server these tests start, to stop and restart it.
 */
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { serveApi } from '../../src/api/main.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { freePort } from '../../src/db/local/throwaway.ts';
import { start, stop } from '../../src/db/local/server.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import { validateSeedFiles } from '../../src/seed/validate.ts';
import { articleStates, waitForLoadedArticles, writeSyntheticCorpus } from '../support/corpus.ts';
import { fingerprint } from '../support/graph.ts';
import { startTraffic, type Exchange, type TrafficOperation } from '../support/traffic.ts';
import { testConfig, testDatabase } from '../support/database.ts';
import { scaled } from '../support/scale.ts';

const local = inject('neo4j').local;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const TX_TIMEOUT_MS = 5_000;
/** How long a query's first run after the restart may wait for Neo4j to plan it (the API's NEO4J_PLAN_TIMEOUT_MS here). */
const PLAN_TIMEOUT_MS = 15_000;
/** After its first answer, a restarted Neo4j may still be slow for a moment (caches, indexes, query plans). */
const WARM_UP_MS = 5_000;
/** How late past its deadline an answer may arrive on a busy machine (see the check that nothing hangs). */
const SCHEDULING_ROOM_MS = 5_000;

describe.runIf(local !== undefined)('Neo4j going away under real work', () => {
  const db = testDatabase('test-faults');
  afterAll(async () => {
    await start(local!, () => {});
    await resetProjectData(db);
    await db.close();
  });

  // The kill comes first: its load runs on the plans and the compiled code the files before it left,
  // while after a restart every query would be planned and compiled anew.
  it(
    'when Neo4j is killed while the seeder writes many articles per transaction, then each article is in the graph whole or not at all, and the rerun completes the same graph as a clean load',
    async () => {
      const files = writeSyntheticCorpus(scaled(24, 80), { entitiesPerArticle: 60, relationsPerArticle: 40, pool: 3_000 });
      const plans = await validateSeedFiles(files);
      // The graph of a clean load of the same files, made first, while Neo4j has planned its queries and compiled
      // its code (after the restart below it would do both anew). It also leaves the schema in place, which the reset
      // keeps: indexes coming online one after another while the progress below is read would make Neo4j give up
      // planning that read ("insanely frequent schema changes").
      await seed(db, { reset: true, inputs: files, batchSize: 1_000 });
      const clean = await fingerprint(db);
      await resetProjectData(db);

      const neo4j = inject('neo4j');
      const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
      const cli = (args: string[], settings: Record<string, string> = {}) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'src/seed/cli.ts', '--batch-size', '1000', ...args], { cwd: PROJECT_ROOT, env: { ...env, ...settings } });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        return { child, exited: new Promise<{ code: number | null; output: string }>((resolve) => child.once('exit', (code) => resolve({ code, output }))) };
      };

      // Without retries it reports the lost server at once instead of retrying for NEO4J_RETRY_MS: the same
      // outcome, seconds sooner.
      const first = cli(files, { NEO4J_RETRY_MS: '0' });
      // Kill Neo4j (SIGKILL, no clean shutdown) once some batches are loaded: the next one is under way.
      const loaded = await waitForLoadedArticles(db, 10, 1_200);
      expect(loaded).toBeGreaterThanOrEqual(10);
      await stop(local!, () => {}, 0);
      const crashed = await first.exited;
      expect(crashed.code).toBe(1);
      expect(crashed.output).toMatch(/error: Neo4j is unavailable/);
      expect(crashed.output).toMatch(/The load stopped while writing \d+ articles \(.*\); they are hidden from readers, none half-written, and the \d+ articles before are loaded\. Run the seeder again/);
      expect(crashed.output).not.toMatch(/\n\s+at /);

      await start(local!, () => {});
      const states = await articleStates(db, plans);
      expect(states.partial).toEqual([]);
      expect(states.complete.length).toBeGreaterThanOrEqual(10);
      expect(states.complete.length).toBeLessThan(plans.length);

      const rerun = await cli(files).exited;
      expect(rerun.code, rerun.output).toBe(0);
      // The articles hidden when Neo4j went away were begun: they count as reloaded.
      const written = /Loaded (\d+) new articles? and reloaded (\d+) changed ones?/.exec(rerun.output);
      expect(Number(written?.[1]) + Number(written?.[2])).toBe(plans.length - states.complete.length);
      expect(Number(written?.[2])).toBe(states.hidden.length);
      expect(rerun.output).toContain(`Skipped ${states.complete.length} unchanged articles.`);
      expect(await fingerprint(db)).toEqual(clean);
    },
    180_000,
  );

  it(
    'when Neo4j stops and starts during steady traffic, then requests fail fast and cleanly while it is away and are answered correctly soon after it is back',
    async () => {
      await seed(db, { reset: true });
      const api = await serveApi(
        testConfig({ PORT: String(await freePort()), NEO4J_TX_TIMEOUT_MS: String(TX_TIMEOUT_MS), NEO4J_PLAN_TIMEOUT_MS: String(PLAN_TIMEOUT_MS) }),
        () => {},
      );
      try {
        const ask = async (query: string) =>
          ((await (await fetch(api.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json()) as { data: unknown }).data;
        const queries: Omit<TrafficOperation, 'expected'>[] = [
          { name: 'entity', query: '{ entity(id: "iran") { name relations(types: [FUNDS, ARMS]) { totalCount edges { node { object { name } evidence { nodes { quote } } } } } } }' },
          { name: 'search', query: '{ search(text: "netanyahou") { score entity { id } } }' },
          { name: 'path', query: '{ path(from: "turkey", to: "iran") { hops { type evidence { nodes { quote } } } } }' },
          { name: 'troops', query: '{ entity(id: "civil-military-coordination-center") { ... on Organization { troopContributors { nodes { country { code } } } } } }' },
        ];
        const operations = await Promise.all(queries.map(async (q) => ({ ...q, expected: await ask(q.query) })));

        const traffic = startTraffic(api.url, operations, 20);
        // Steady traffic first: at least two seconds and sixty answers (a busy machine answers fewer a second).
        const began = performance.now();
        await sleep(2_000);
        while (traffic.exchanges.length < 60 && performance.now() - began < 30_000) await sleep(100);
        const stopping = performance.now();
        await stop(local!, () => {});
        const stopped = performance.now();
        expect((await fetch(api.url.replace('/graphql', '/ready'))).status).toBe(503);
        expect((await fetch(api.url.replace('/graphql', '/health'))).status).toBe(200);
        // Long enough for every traffic client to be refused again and again (a refusal takes about a second).
        await sleep(scaled(2_500, 5_000));
        const restarting = performance.now();
        await start(local!, () => {});
        const restarted = performance.now();
        // Traffic goes on until the API has answered correctly for a while again.
        const firstCorrect = () => traffic.exchanges.find((e) => e.startedAt > stopped && e.outcome === 'correct')?.startedAt;
        const settled = () => {
          const since = firstCorrect();
          return since !== undefined && traffic.exchanges.filter((e) => e.startedAt > since + WARM_UP_MS).length >= 40;
        };
        while (performance.now() - restarted < 40_000 && !settled()) await sleep(500);
        const recoveredAt = firstCorrect();
        const exchanges = await traffic.stop();

        const summary = (list: Exchange[]) => `${list.length} requests: ${JSON.stringify(list.slice(0, 3))}`;
        // Whatever the phase, every answer is correct or a clean refusal: SERVICE_UNAVAILABLE, or QUERY_TIMEOUT for
        // a query Neo4j stopped while it was still warming up. Nothing hangs, crashes or leaks a stack.
        const clean = new Set(['SERVICE_UNAVAILABLE', 'QUERY_TIMEOUT']);
        const unclean = exchanges.filter(
          (e) => e.outcome === 'wrong' || e.outcome === 'network' || e.status >= 500 || (e.outcome === 'error' && !e.codes.every((code) => clean.has(code))),
        );
        expect(unclean, summary(unclean)).toEqual([]);
        expect(exchanges.filter((e) => /\.ts:\d+|\n\s+at /.test(e.body))).toEqual([]);
        const slowest = Math.max(...exchanges.map((e) => e.ms));
        // Nothing hangs: the read deadline is the transaction timeout plus three seconds, and the rest is
        // room for scheduling. Neo4j's start-up takes both cores of a small machine for seconds, and this
        // process (API and traffic) waits for them: a fresh-clone run saw 10.9 s. A refusal comes within that.
        const slowestRefusal = Math.max(0, ...exchanges.filter((e) => e.outcome !== 'correct').map((e) => e.ms));
        const slowestExchange = exchanges.find((e) => e.ms === slowest);
        const shown = (e: Exchange | undefined) => JSON.stringify({ ...e, body: e?.body.slice(0, 300) });
        expect(slowestRefusal, `slowest refusal: ${shown(exchanges.find((e) => e.ms === slowestRefusal))}`).toBeLessThan(TX_TIMEOUT_MS + 3_000 + SCHEDULING_ROOM_MS);
        // A correct answer may also have waited for its query to be planned, once, after the restart (the planning
        // budget is part of its deadline, see docs/api.md): a fresh-clone run on a loaded machine saw 14.2 s.
        expect(slowest, `slowest: ${shown(slowestExchange)}`).toBeLessThan(TX_TIMEOUT_MS + 3_000 + PLAN_TIMEOUT_MS + SCHEDULING_ROOM_MS);

        const before = exchanges.filter((e) => e.startedAt + e.ms < stopping);
        const away = exchanges.filter((e) => e.startedAt > stopped && e.startedAt + e.ms < restarting);
        // Neo4j may still refuse a few requests in the moments after its first answer, while it warms up:
        // its plan cache starts empty, and every client asking an operation not yet planned plans it too.
        // Once an operation has been answered correctly again, and the warm-up is over, it must stay so.
        const recoveredOf = (operation: string) => exchanges.find((e) => e.startedAt > stopped && e.operation === operation && e.outcome === 'correct')?.startedAt ?? Infinity;
        const after = exchanges.filter((e) => recoveredAt !== undefined && e.startedAt > Math.max(recoveredAt + WARM_UP_MS, recoveredOf(e.operation)));
        expect(before.length).toBeGreaterThan(50);
        expect(before.filter((e) => e.outcome !== 'correct'), 'answers before the stop').toEqual([]);
        // While Neo4j is down, requests keep coming back, each a refusal.
        expect(away.length).toBeGreaterThan(8);
        expect(away.filter((e) => e.outcome !== 'error'), 'answers while Neo4j was down').toEqual([]);
        // …and fast: one retry after about a second, not the full deadline.
        const slowestAway = Math.max(...away.map((e) => e.ms));
        expect(slowestAway).toBeLessThan(3_000);
        expect(recoveredAt, 'no correct answer after the restart').toBeDefined();
        // Answers come back as soon as Neo4j does (its start-up check polls, so the API may even be first).
        expect(recoveredAt! - restarted).toBeLessThan(5_000);
        for (const { name } of queries) expect(recoveredOf(name), `${name} never answered correctly after the restart`).toBeLessThan(Infinity);
        expect(after.length).toBeGreaterThan(20);
        expect(after.filter((e) => e.outcome !== 'correct'), 'answers after the restart').toEqual([]);
        expect((await fetch(api.url.replace('/graphql', '/ready'))).status).toBe(200);
        console.log(
          `restart under traffic: ${exchanges.length} requests; ${away.length} while Neo4j was down, slowest of those ${Math.round(slowestAway)} ms, ` +
            `slowest overall ${Math.round(slowest)} ms; ` +
            `first correct answer ${Math.round(Math.max(0, recoveredAt! - restarted))} ms after Neo4j was up`,
        );
      } finally {
        await api.stop();
      }
    },
    120_000,
  );
});
