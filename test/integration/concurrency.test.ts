/**
 * Several seed runs writing to one Neo4j at once: a scheduled load meeting a hand-run correction, or
 * two machines pointed at one server. Whatever the interleaving, every run finishes and the graph is
 * the one a single run of the same files gives; a run killed mid-batch leaves nothing half-written.
 * Neo4j's query caches are emptied first, so that the first transactions plan their queries slowly and
 * the runs' transactions overlap.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import type { GraphDatabase } from '../../src/db/client.ts';
import { lockSeedWrites } from '../../src/graph/write/articles.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import { validateSeedFiles } from '../../src/seed/validate.ts';
import { articleStates, waitForLoadedArticles, writeChangedCopy, writeSyntheticCorpus } from '../support/corpus.ts';
import { testDatabase } from '../support/database.ts';
import { fingerprint } from '../support/graph.ts';
import { scaled } from '../support/scale.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('seed runs at once', () => {
  const db = testDatabase('test-concurrency');
  /** Each run its own driver and connections, as separate processes or machines would have. */
  const runners: GraphDatabase[] = Array.from({ length: 4 }, (_, i) => testDatabase(`test-concurrency-${i}`));
  // Articles that share most entities and facts, so that runs meet on the same facts, claims and tallies; each defines
  // every entity it names, so that any subset of them loads on its own.
  const corpus = writeSyntheticCorpus(14, { pool: 30, entitiesPerArticle: 14, relationsPerArticle: 14, repeatShare: 0.9, redefineShare: 1, seed: 41 });
  const [base, fresh] = [corpus.slice(0, 6), corpus.slice(6)];
  /** A changed version of each base article: its last three facts gone, so a reload takes sentences back. */
  const changed = new Map(
    base.map((file) => [file, writeChangedCopy(file, (seed) => ({ ...seed, relations: (seed.relations ?? []).slice(0, -3) }))] as const),
  );
  /** A synthetic seed file is named after its article (`<id>.yaml`, a changed copy `<id>-changed.yaml`). */
  const idOf = (file: string) => path.basename(file, '.yaml').replace(/-changed$/, '');

  /** The fingerprint of one run of these files into an emptied graph. */
  const single = async (files: string[]) => {
    await resetProjectData(db);
    if (files.length > 0) await seed(db, { inputs: [...files].sort() });
    return fingerprint(db);
  };

  beforeAll(async () => {
    await resetProjectData(db);
    // Cold plans: every query of the first transactions is planned anew, which makes them slow enough to overlap.
    // Emptying the caches does that without a restart, which would also throw away the Java code Neo4j has
    // compiled so far and leave every later file to pay for compiling it again.
    await db.write('test.cold-plans', (tx) => tx.query('CALL db.clearQueryCaches()'));
  }, 120_000);
  afterAll(async () => {
    await resetProjectData(db);
    await Promise.all([db, ...runners].map((d) => d.close()));
  });

  it('property: when two or four seed runs load new articles, reload changed ones and withdraw one, all at once, then every run finishes and the graph is what one run of the same files gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          runs: fc.constantFrom(2, 4),
          // Each run's articles: new ones and changed versions of loaded ones, overlapping from run to run.
          loads: fc.array(fc.tuple(fc.subarray(fresh, { minLength: 1 }), fc.subarray(base)), { minLength: 4, maxLength: 4 }),
          // Rows per transaction: a few articles each, so that every run writes many transactions.
          batchSize: fc.constantFrom(40, 90, 200),
          withdrawn: fc.option(fc.constantFrom(...base), { freq: 2 }),
        }),
        async ({ runs, loads, batchSize, withdrawn }) => {
          const work = loads.slice(0, runs).map(([news, reloads]) => [...news, ...reloads.filter((file) => file !== withdrawn).map((file) => changed.get(file)!)]);
          const reloaded = new Set(work.flat().filter((file) => [...changed.values()].includes(file)));
          const expectedFiles = [
            ...base.filter((file) => file !== withdrawn && !reloaded.has(changed.get(file)!)),
            ...new Set(work.flat()),
          ];
          const expected = await single(expectedFiles);

          await single(base);
          const outcomes = await Promise.allSettled([
            ...work.map((files, i) => seed(runners[i]!, { inputs: files, batchSize })),
            ...(withdrawn ? [seed(runners[runs % runners.length]!, { withdraw: [idOf(withdrawn)] })] : []),
          ]);
          const failed = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
          expect(failed, 'runs that did not finish').toEqual([]);
          expect(await fingerprint(db)).toEqual(expected);
        },
      ),
      { numRuns: scaled(3, 12) },
    );
  }, 600_000);

  it('when a seed run is killed mid-batch while another loads, then no article is half-written, the other finishes, and a rerun gives the graph of one clean run', async () => {
    const neo4j = inject('neo4j');
    const files = writeSyntheticCorpus(scaled(24, 60), { pool: 40, entitiesPerArticle: 30, relationsPerArticle: 30, repeatShare: 0.8, redefineShare: 1, seed: 43 });
    const [mine, theirs] = [files.filter((_, i) => i % 2 === 0), files.filter((_, i) => i % 3 === 0)];
    const clean = await single(files);
    const plans = await validateSeedFiles(files);
    await resetProjectData(db);

    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/seed/cli.ts', '--batch-size', '100', ...mine], { cwd: PROJECT_ROOT, env, stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal === null ? _code : null)));
    // Once the process has loaded a few batches, the other run starts; the process is killed while both write.
    const loaded = await waitForLoadedArticles(db, 3, 2_400);
    expect(loaded).toBeGreaterThanOrEqual(3);
    const other = seed(runners[0]!, { inputs: theirs, batchSize: 100 });
    await sleep(150);
    child.kill('SIGKILL');
    expect(await exited).toBeNull();
    await other;

    const states = await articleStates(db, plans);
    expect(states.partial).toEqual([]);
    expect(states.complete).toEqual(expect.arrayContaining(theirs.map(idOf)));
    await seed(db, { inputs: files });
    expect(await fingerprint(db)).toEqual(clean);
  }, 300_000);

  it('when another run holds the write lock, then a run says that it waits and goes on once it is free; held past the write timeout, the run stops, saying another run is writing, and writes nothing', async () => {
    await resetProjectData(db);
    const [first, second] = corpus;
    /** Holds the seeder's write lock until `released` settles. */
    const hold = (released: Promise<unknown>) => db.write('test.hold', async (tx) => {
      await lockSeedWrites(tx);
      await released;
    });

    const holding = hold(sleep(3_000));
    await sleep(300);
    const lines: string[] = [];
    const result = await seed(runners[0]!, { inputs: [first!], progress: (line) => lines.push(line) });
    await holding;
    expect(result.report!.loaded).toEqual([idOf(first!)]);
    expect(lines.filter((line) => /waiting for another seed run to finish its transaction \(\d+ s\)/.test(line)).length).toBeGreaterThanOrEqual(1);
    expect(lines).toContainEqual(expect.stringMatching(/the other seed run's transaction is done after \d+\.\d s; going on/));

    const before = await fingerprint(db);
    const impatient = testDatabase('test-concurrency-impatient', { NEO4J_WRITE_TIMEOUT_MS: '2000' });
    try {
      // Held until the impatient run has given up (at most 10 s): it must not get the lock first.
      let giveUp = () => {};
      const held = hold(Promise.race([new Promise<void>((resolve) => (giveUp = resolve)), sleep(10_000)]));
      await sleep(300);
      const error = await seed(impatient, { inputs: [second!] }).catch((e: unknown) => e);
      giveUp();
      expect(error).toMatchObject({ name: 'SeedBusyError' });
      expect((error as Error).message).toMatch(/^Another seed run is writing to this Neo4j and held the seeder's write lock for longer than a write transaction may wait \(2 s, NEO4J_WRITE_TIMEOUT_MS\); this transaction wrote nothing\./);
      await held;
      expect(await fingerprint(db)).toEqual(before);
    } finally {
      await impatient.close();
    }
  }, 120_000);
});
