/** `npm run draft:scores`: how good drafts are, against the curated seed files of the article, the test fixture and the measurement set. */
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { formatScores, GRAPH_STATES, measureDrafts } from '../src/draft/measure.ts';

const wire = (id: string) => path.join(PROJECT_ROOT, `test/fixtures/wire/${id}.yaml`);

/** The measurement set's reports that no pattern was ever tuned on: their scores say how drafts do on text nobody tuned for. */
export const HELD_OUT = new Set(['2027-03-01-gulf-of-guinea-patrol-force', '2027-03-08-caucasus-ministers-meet', '2027-03-15-ukraine-demining-aid', '2027-03-22-haiti-force-police']);

export const SCORED_FILES = [
  path.join(PROJECT_ROOT, 'seed/2025-11-03-international-force-gaza.yaml'),
  path.join(PROJECT_ROOT, 'test/fixtures/follow-up/2026-01-15-gaza-force-follow-up.yaml'),
  ...[
    '2026-02-02-gaza-force-pledges',
    '2026-02-09-sahel-security-summit',
    '2026-02-16-eu-sanctions-package',
    '2026-02-23-lebanon-mission-mandate',
    '2026-03-02-gaza-force-delays',
    '2026-03-09-sudan-ceasefire-talks',
    '2026-03-16-ukraine-air-defence-aid',
    '2026-03-23-haiti-mission-mandate',
    '2026-04-06-red-sea-escort-mission',
    '2026-04-13-gaza-donor-conference',
    '2026-04-20-congo-mission-drawdown',
    '2026-04-27-caucasus-border-talks',
    '2026-05-04-baltic-air-policing',
    '2026-05-11-hodeidah-truce-monitors',
    '2026-05-18-myanmar-arms-embargo',
    '2026-05-25-kosovo-force-rotation',
    '2026-06-01-somalia-mission-funding',
    '2026-06-09-arctic-naval-exercise',
    '2026-06-15-cyprus-talks-resume',
    '2026-06-22-car-peacekeepers-attack',
    '2026-07-06-libya-election-delay',
    '2026-07-14-south-sudan-battalion',
    '2026-07-20-nato-spending-summit',
    '2026-07-27-ethiopia-eritrea-border',
    '2026-08-03-mozambique-insurgency',
    '2026-08-10-venezuela-guyana-dispute',
    '2026-08-17-sahel-junta-russia',
    '2026-08-24-baltic-cable-damage',
    '2026-09-07-lebanon-ceasefire-monitors',
    '2026-09-14-yemen-prisoner-swap',
    '2026-09-21-kenya-haiti-rotation',
    '2026-09-28-serbia-kosovo-talks',
    '2026-10-05-hormuz-escort-mission',
    '2026-10-12-asean-code-of-conduct',
    '2026-10-19-bosnia-force-mandate',
    '2026-10-26-belarus-sanctions-adopted',
    '2026-11-02-darfur-aid-corridor',
    '2026-11-09-korea-missile-launch',
    '2026-11-16-black-sea-talks',
    '2026-11-23-somalia-airstrike',
    '2026-12-07-haiti-police-mission',
    '2026-12-14-red-sea-shipping-talks',
    '2026-12-21-niger-election-observers',
    '2026-12-28-baltic-drone-incursion',
    '2027-01-04-mali-mission-exit',
    '2027-01-11-guyana-venezuela-ruling',
    '2027-01-18-philippines-shoal-standoff',
    '2027-01-25-ukraine-energy-aid',
    '2027-02-01-chad-sudan-border',
    '2027-02-08-kosovo-election-observers',
    '2027-02-15-mozambique-gas-security',
    '2027-02-22-taiwan-strait-transit',
    ...HELD_OUT,
  ].map(wire),
];

// The test of drafts imports the lists above; only `npm run draft:scores` measures and prints.
const run = import.meta.url === `file://${process.argv[1]}`;
if (run && (process.argv.includes('--help') || process.argv.includes('-h'))) {
  console.log(`Usage: npm run draft:scores

Drafts the article of seed/, the fictional follow-up of test/fixtures/follow-up/ and the fifty-two
fictional wire reports of test/fixtures/wire/ as \`npm run draft\` would, in four states of the
graph, and scores each draft against the curated seed file:
${Object.entries(GRAPH_STATES).map(([key, meaning]) => `  (${key}) ${meaning}`).join('\n')}
Prints Markdown tables ("How good a draft is" in docs/seeding.md): the entities linked and
proposed; the facts found (type and both ends), their status, the quotations found with their
speaker, per article, for the reports the patterns were tuned on and for the four held out
(${[...HELD_OUT].join(', ')}), and per pattern.`);
} else if (run) {
  console.log(formatScores(await measureDrafts(SCORED_FILES), HELD_OUT));
}
