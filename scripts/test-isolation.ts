/**
 * `npm run test:isolation`: every test file passes alone, and the files pass in any order. Each file
 * runs in a Vitest of its own (its own throwaway Neo4j, as `npm test` starts one), then the whole
 * integration project runs once with its files shuffled. Slow (a Neo4j start per file): for a
 * schedule or before a release, not for every change.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { globSync } from 'tinyglobby';
import { PROJECT_ROOT } from '../src/config.ts';
import { LONG_ONLY_FILES } from '../test/long-only.ts';

const HELP = `Usage: npm run test:isolation -- [options] [file ...]

Runs each test file alone (default: every file under test/), then the integration files together in
a shuffled order, and says which failed.
  --order-seed <n>  the seed of the shuffled order (default: a new one, printed)
  --no-shuffle      only the files alone
  -h, --help        this text
`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'order-seed': { type: 'string' },
    'no-shuffle': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const orderSeed = values['order-seed'] ?? String(Math.floor(Math.random() * 1_000_000));
if (!/^\d+$/.test(orderSeed)) {
  console.error('error: --order-seed must be a whole number (see --help)');
  process.exit(2);
}

const files = positionals.length > 0 ? positionals : globSync('test/**/*.test.ts', { cwd: PROJECT_ROOT }).sort();
const vitest = (args: string[], env: Record<string, string> = {}) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } });
  return { ok: run.status === 0, seconds: (performance.now() - started) / 1000, output: `${run.stdout}${run.stderr}` };
};

const failed: string[] = [];
for (const [i, file] of files.entries()) {
  // A file only the long runs run is run as they run it.
  const { ok, seconds, output } = vitest([file], LONG_ONLY_FILES.includes(file) ? { TEST_LONG: '1' } : {});
  console.log(`${String(i + 1).padStart(3)}/${files.length} ${ok ? 'passed' : 'FAILED'} alone in ${seconds.toFixed(0)} s: ${file}`);
  if (!ok) {
    failed.push(`${file} (alone)`);
    console.log(output.split('\n').slice(-40).join('\n'));
  }
}
if (!values['no-shuffle'] && positionals.length === 0) {
  const { ok, seconds, output } = vitest(['--project', 'integration', '--sequence.shuffle.files', `--sequence.seed=${orderSeed}`]);
  console.log(`integration files in a shuffled order (--order-seed ${orderSeed}): ${ok ? 'passed' : 'FAILED'} in ${seconds.toFixed(0)} s`);
  if (!ok) {
    failed.push(`the integration files in the order of seed ${orderSeed}`);
    console.log(output.split('\n').slice(-60).join('\n'));
  }
}
console.log(failed.length === 0 ? 'Every file passed alone and in a shuffled order.' : `Failed: ${failed.join(', ')}`);
process.exit(failed.length === 0 ? 0 : 1);
