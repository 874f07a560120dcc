import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { LONG_ONLY_FILES } from './test/long-only.ts';
import { RestartsLastSequencer } from './test/sequencer.ts';

// One seed for every property test of a run (see test/support/property-seed.ts): FC_SEED replays a run.
const propertySeed = process.env.FC_SEED ?? String(Math.floor(Math.random() * 2 ** 31));
process.env.FC_SEED = propertySeed;
// Vitest reads this file more than once in one process; the seed is told once.
const announced = globalThis as { propertySeedAnnounced?: boolean };
if (!announced.propertySeedAnnounced) {
  announced.propertySeedAnnounced = true;
  console.log(`Property tests draw from seed ${propertySeed} (FC_SEED=${propertySeed} replays them)${process.env.TEST_LONG === '1' ? '; long runs' : ''}.`);
}

const shufflingFiles = process.argv.some((arg) => arg.startsWith('--sequence.shuffle'));

export default defineConfig({
  // Node loads the CommonJS build of graphql for graphql-yoga and @graphql-tools; the tests must use that
  // same copy, or the schema's types come from two module instances and graphql-js refuses to mix them.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    // The JSON report lets CI print a plain "N passed, N failed" line, and `npm run test:times` where the time went.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    env: { FC_SEED: propertySeed },
    setupFiles: ['test/support/property-seed.ts'],
    // Files that restart the test Neo4j run last (test/sequencer.ts). Vitest shuffles files (npm run
    // test:isolation) only when no sequencer is set.
    sequence: shufflingFiles ? {} : { sequencer: RestartsLastSequencer },
    projects: [
      {
        extends: true,
        // Unit files need no database, so they run side by side, before the integration files: Vitest's
        // default of one worker less than the cores would run them one at a time on two.
        // Each worker imports the code once for all the files it runs (isolate: false), as the integration files do: a
        // unit file owns no state beyond its own module, and each passes alone (npm run test:isolation).
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], maxWorkers: Math.max(2, os.availableParallelism() - 1), isolate: false },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: process.env.TEST_LONG === '1' ? [] : LONG_ONLY_FILES,
          globalSetup: ['test/global-setup.ts'],
          // The integration suites share one database; one file at a time keeps each suite's data its own.
          fileParallelism: false,
          // One worker runs every file, so Node compiles the API and the seeder once, not once per file;
          // each file still owns its data (it resets the graph) and passes alone (npm run test:isolation).
          isolate: false,
          // After the unit files (Vitest runs projects of different worker counts one group after the other).
          sequence: { groupOrder: 1 },
          testTimeout: 60_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
