/** `npm run seed:generate -- --entities N --relations M --out DIR`: writes a synthetic seed file. */
import { parseArgs } from 'node:util';
import { writeSyntheticSeed } from './synthetic-seed.ts';

const HELP = `Usage: npm run seed:generate -- [--entities N] [--relations M] [--seed S] [--id ARTICLE_ID] --out DIR

Writes DIR/<ARTICLE_ID>.json (a seed file in the same format as seed/*.yaml) and its article text.
Defaults: 1000 entities, 5000 relationships, seed 1, id "synthetic". Load it with: npm run seed -- DIR/<ARTICLE_ID>.json
`;

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000' },
    relations: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    id: { type: 'string', default: 'synthetic' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || !values.out) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const entities = Number(values.entities);
const relations = Number(values.relations);
if (!Number.isInteger(entities) || entities < 2 || !Number.isInteger(relations) || relations < 0) {
  console.error('error: --entities must be a whole number ≥ 2 and --relations a whole number ≥ 0');
  process.exit(2);
}
const started = performance.now();
const file = writeSyntheticSeed(values.out, { entities, relations, seed: Number(values.seed), articleId: values.id });
console.log(`Wrote ${file} (${entities} entities, ${relations} relationships) in ${((performance.now() - started) / 1000).toFixed(1)}s`);
