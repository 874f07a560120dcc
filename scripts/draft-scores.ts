/** `npm run draft:scores`: how good drafts are, against the curated seed files of the article and the test fixture. */
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { formatScores, GRAPH_STATES, measureDrafts } from '../src/draft/measure.ts';

export const SCORED_FILES = [
  path.join(PROJECT_ROOT, 'seed/2025-11-03-international-force-gaza.yaml'),
  path.join(PROJECT_ROOT, 'test/fixtures/follow-up/2026-01-15-gaza-force-follow-up.yaml'),
];

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run draft:scores

Drafts the article of seed/ and the fictional follow-up of test/fixtures/ as \`npm run draft\` would,
in three states of the graph, and scores each draft against the curated seed file:
${Object.entries(GRAPH_STATES).map(([key, meaning]) => `  (${key}) ${meaning}`).join('\n')}
Prints a Markdown table ("How good a draft is" in docs/seeding.md).`);
} else {
  console.log(formatScores(await measureDrafts(SCORED_FILES)));
}
