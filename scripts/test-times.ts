/**
 * `npm run test:times`: where the last test run's time went, from Vitest's JSON report
 * (test-results/vitest.json): the ten slowest test files, each with its time and its share of the
 * run's wall time, and the run's pass/fail line.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PROJECT_ROOT } from '../src/config.ts';

const HELP = `Usage: npm run test:times -- [--report <file>] [--top <n>]

Prints the slowest test files of the last Vitest run and the share of the run each took.
  --report <file>  Vitest's JSON report (default test-results/vitest.json)
  --top <n>        how many files (default 10)
  -h, --help       this text
`;

interface FileResult {
  name: string;
  startTime: number;
  endTime: number;
  status: string;
  assertionResults: { status: string }[];
}

interface Report {
  startTime: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTotalTests: number;
  testResults: FileResult[];
}

const { values } = parseArgs({
  options: { report: { type: 'string', default: 'test-results/vitest.json' }, top: { type: 'string', default: '10' }, help: { type: 'boolean', short: 'h', default: false } },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const top = Number(values.top);
if (!Number.isInteger(top) || top < 1) {
  console.error('error: --top must be a whole number of at least 1 (see --help)');
  process.exit(2);
}
const file = path.resolve(values.report);
let report: Report;
try {
  report = JSON.parse(readFileSync(file, 'utf8')) as Report;
} catch (error) {
  console.error(`error: ${path.relative(process.cwd(), file)}: cannot read the test report (${(error as Error).message}); run the tests first`);
  process.exit(1);
}

const files = report.testResults.map((result) => ({ name: path.relative(PROJECT_ROOT, result.name), ms: Math.max(0, result.endTime - result.startTime) }));
const wall = Math.max(1, Math.max(...report.testResults.map((r) => r.endTime)) - report.startTime);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const slowest = [...files].sort((a, b) => b.ms - a.ms).slice(0, top);
const width = Math.max(...slowest.map((f) => f.name.length));
console.log(`The ${slowest.length} slowest of ${files.length} test files (the run took ${seconds(wall)}; the unit files run side by side, then the integration files one at a time):`);
for (const f of slowest) console.log(`  ${f.name.padEnd(width)}  ${seconds(f.ms).padStart(8)}  ${((100 * f.ms) / wall).toFixed(0).padStart(3)}%`);
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`);
