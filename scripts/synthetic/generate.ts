/** `npm run seed:generate`: writes synthetic seed files, one big article or a news-like corpus. */
import { parseArgs } from 'node:util';
import { writeCorpus } from './corpus.ts';
import { writeSyntheticSeed } from './article.ts';

const HELP = `Usage: npm run seed:generate -- [--entities N] [--relations M] [--parts P] [--seed S] [--id ARTICLE_ID] --out DIR
       npm run seed:generate -- --corpus N [--seed S] --out DIR

Writes seed files in the same format as seed/*.yaml, with their article texts.
  --entities, --relations  one article (or --parts articles) of that much synthetic data, as DIR/<ARTICLE_ID>.json
                           (defaults: 1000 entities, 5000 relationships, 1 part, seed 1, id "synthetic")
  --corpus N               N news-like articles as DIR/<id>.yaml: a shared pool of entities with Zipf-like
                           popularity, facts restated across articles, articles dated a few a day
Load them with: npm run seed -- DIR
`;

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000' },
    relations: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    id: { type: 'string', default: 'synthetic' },
    parts: { type: 'string', default: '1' },
    corpus: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || !values.out) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const started = performance.now();
const took = () => `${((performance.now() - started) / 1000).toFixed(1)}s`;
if (values.corpus !== undefined) {
  const articles = Number(values.corpus);
  if (!Number.isInteger(articles) || articles < 1) {
    console.error('error: --corpus must be a whole number ≥ 1');
    process.exit(2);
  }
  const files = writeCorpus(values.out, { articles, seed: Number(values.seed) }, (done) => {
    if (done % 1000 === 0) console.error(`  ${done}/${articles} articles`);
  });
  console.log(`Wrote ${files.length} seed files into ${values.out} in ${took()}`);
} else {
  const entities = Number(values.entities);
  const relations = Number(values.relations);
  const parts = Number(values.parts);
  if (!Number.isInteger(entities) || entities < 2 || !Number.isInteger(relations) || relations < 0 || !Number.isInteger(parts) || parts < 1) {
    console.error('error: --entities must be a whole number ≥ 2, --relations a whole number ≥ 0 and --parts ≥ 1');
    process.exit(2);
  }
  const files = writeSyntheticSeed(values.out, { entities, relations, seed: Number(values.seed), articleId: values.id, parts });
  console.log(`Wrote ${files.length === 1 ? files[0] : `${files.length} seed files into ${values.out}`} (${entities} entities, ${relations} relationships) in ${took()}`);
}
