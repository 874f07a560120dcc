/**
 * `npm run bench:seed`: how fast the seeder loads a large synthetic corpus (100 articles of
 * synthetic data by default) into a fresh Neo4j, next to a naive loader (one row per transaction,
 * on a slice, with the seeder's own queries) and a ceiling (bare UNWIND CREATE of the same rows into
 * an empty database with no constraints or indexes), all in one run on one server.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GraphDatabase } from '../src/db/client.ts';
import { startThrowawayServer } from '../src/db/local/throwaway.ts';
import { loadConfig } from '../src/config.ts';
import { ENTITY, ENTITY_LABELS, MENTIONS, RELATION_TYPE_NAMES, type EntityLabel, type RelationType } from '../src/model.ts';
import { articleRow, DEFAULT_BATCH_SIZE, entityRow, loadPlans, prepareSchema, relationRow } from '../src/seed/load.ts';
import type { ArticlePlan } from '../src/seed/plan.ts';
import { validateSeedFiles } from '../src/seed/validate.ts';
import { writeArticles } from '../src/graph/write/articles.ts';
import { writeEntities } from '../src/graph/write/entities.ts';
import { writeRelations } from '../src/graph/write/facts.ts';
import { writeSyntheticSeed } from '../scripts/synthetic/article.ts';

const HELP = `Usage: npm run bench:seed -- [options]

  --entities N          synthetic entities (default 100000)
  --relations M         synthetic relationships (default 500000)
  --articles A          articles they are split into (default 100; an article is written in one transaction)
  --naive-relations K   size of the slice the naive loader gets (default 2000 relationships)
  --batch-size B        seeder rows per transaction (default ${DEFAULT_BATCH_SIZE})
  --runs R              repetitions of each measurement; medians are reported (default 1)
  --heap, --pagecache   memory of the throwaway Neo4j (default 2g and 2g)
`;

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    relations: { type: 'string', default: '500000' },
    articles: { type: 'string', default: '100' },
    'naive-relations': { type: 'string', default: '2000' },
    'batch-size': { type: 'string', default: String(DEFAULT_BATCH_SIZE) },
    runs: { type: 'string', default: '1' },
    heap: { type: 'string', default: '2g' },
    pagecache: { type: 'string', default: '2g' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const entities = Number(values.entities);
const relations = Number(values.relations);
const articles = Number(values.articles);
const naiveRelations = Number(values['naive-relations']);
const batchSize = Number(values['batch-size']);
const runs = Number(values.runs);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const fmt = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en')}/s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Rows a set of plans writes: entities (defined and related), relationships and mentions. */
function rowsOf(plans: ArticlePlan[]): number {
  return plans.reduce((sum, plan) => sum + plan.entities.length + plan.references.length + plan.relations.length + plan.mentions.length, 0);
}

/** Rows deleted per transaction: a node's relationships are deleted with it, so relationships go first, in batches of their own. */
const WIPE_BATCH = 20_000;

async function wipe(db: GraphDatabase): Promise<void> {
  for (const pattern of ['()-[x]->()', '(x)']) {
    for (;;) {
      const [row] = await db.write('bench.wipe', (tx) =>
        tx.query<{ n: number }>(`MATCH ${pattern} WITH x LIMIT ${WIPE_BATCH} DELETE x RETURN count(*) AS n`),
      );
      if ((row?.n ?? 0) < WIPE_BATCH) break;
    }
  }
  const constraints = await db.read('bench.wipe', (tx) => tx.query<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name'));
  const indexes = await db.read('bench.wipe', (tx) =>
    tx.query<{ name: string; owned: boolean }>(
      "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' RETURN name, owningConstraint IS NOT NULL AS owned",
    ),
  );
  const schema = [
    ...constraints.map(({ name }) => ({ name, kind: 'CONSTRAINT' })),
    ...indexes.filter((index) => !index.owned).map(({ name }) => ({ name, kind: 'INDEX' })),
  ];
  for (const { name, kind } of schema) {
    await db.write('bench.wipe', (tx) => tx.query(`DROP ${kind} \`${name.replaceAll('`', '')}\` IF EXISTS`));
  }
}

async function seeder(db: GraphDatabase, plans: ArticlePlan[]): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  await loadPlans(db, plans, { batchSize });
  return { ms: performance.now() - started, rows: rowsOf(plans) };
}

/** One row per transaction: how a loader written without batching behaves, with the seeder's own queries and rows. */
async function naive(db: GraphDatabase, plans: ArticlePlan[]): Promise<{ ms: number; rows: number }> {
  const plan = plans[0]!;
  const slice = plans.flatMap((p) => p.relations.map((relation) => ({ relation, publishedAt: p.article.publishedAt }))).slice(0, naiveRelations);
  const ids = new Set(slice.flatMap(({ relation }) => [relation.from, relation.to]));
  const sliceEntities = plans.flatMap((p) => p.entities).filter((e) => ids.has(e.id));
  await prepareSchema(db);
  await db.write('bench.naive', (tx) => writeArticles(tx, [articleRow(plan)]));
  const started = performance.now();
  for (const entity of sliceEntities) {
    await db.write('bench.naive', (tx) => writeEntities(tx, new Map<EntityLabel, ReturnType<typeof entityRow>[]>([[entity.label, [entityRow(entity, plan.article.publishedAt)]]])));
  }
  for (const { relation, publishedAt } of slice) {
    await db.write('bench.naive', (tx) => writeRelations(tx, new Map([[relation.type, [relationRow(relation, publishedAt)]]])));
  }
  return { ms: performance.now() - started, rows: sliceEntities.length + slice.length };
}

/** The fastest way to put the same rows in: CREATE into an empty database, endpoints found by element id. */
async function ceiling(db: GraphDatabase, plans: ArticlePlan[]): Promise<{ ms: number; rows: number }> {
  const elementIds = new Map<string, string>();
  const started = performance.now();
  const create = async (label: string, rows: { id: string; props: Record<string, unknown> }[]) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      const created = await db.write('bench.ceiling', (tx) =>
        tx.query<{ id: string; e: string }>(`UNWIND $rows AS row CREATE (n:${label}) SET n = row.props RETURN row.id AS id, elementId(n) AS e`, {
          rows: rows.slice(i, i + batchSize),
        }),
      );
      for (const { id, e } of created) elementIds.set(id, e);
    }
  };
  await create('Article', plans.map((plan) => ({ id: plan.article.id, props: { ...articleRow(plan) } })));
  for (const label of ENTITY_LABELS) {
    const rows = plans
      .flatMap((plan) => plan.entities)
      .filter((e) => e.label === label)
      .map((e) => ({ id: e.id, props: { ...entityRow(e, '').props, id: e.id, aliases: e.aliases } }));
    await create(`${ENTITY}:${label as EntityLabel}`, rows);
  }
  const link = async (type: RelationType | typeof MENTIONS, rows: { a: string; b: string; props: Record<string, unknown> }[]) => {
    for (let i = 0; i < rows.length; i += batchSize) {
      await db.write('bench.ceiling', (tx) =>
        tx.query(`UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b CREATE (a)-[r:${type}]->(b) SET r = row.props`, {
          rows: rows.slice(i, i + batchSize),
        }),
      );
    }
  };
  for (const type of RELATION_TYPE_NAMES) {
    const rows = plans.flatMap((plan) =>
      plan.relations
        .filter((r) => r.type === type)
        .map((r) => {
          const row = relationRow(r, plan.article.publishedAt);
          return {
            a: elementIds.get(r.from)!,
            b: elementIds.get(r.to)!,
            props: { ...row.props, key: r.key, outKey: row.outKey, inKey: row.inKey, evidence: r.evidence.map((e) => e.quote), sources: r.evidence.map((e) => e.source) },
          };
        }),
    );
    await link(type, rows);
  }
  await link(
    MENTIONS,
    plans.flatMap((plan) => plan.mentions.map((m) => ({ a: elementIds.get(plan.article.id)!, b: elementIds.get(m.id)!, props: { evidence: [m.evidence.quote] } }))),
  );
  return { ms: performance.now() - started, rows: rowsOf(plans) - plans.reduce((sum, plan) => sum + plan.references.length, 0) };
}

const log = (line: string) => console.log(line);
const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-bench-'));
log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
log(`Generating ${entities} entities and ${relations} relationships in ${articles} articles …`);
const files = writeSyntheticSeed(dir, { entities, relations, seed: 1, articleId: 'bench-synthetic', parts: articles });
let validateMs = performance.now();
const plans = await validateSeedFiles(files);
validateMs = performance.now() - validateMs;
const count = (pick: (plan: ArticlePlan) => unknown[]) => plans.reduce((sum, plan) => sum + pick(plan).length, 0);
log(
  `Validated in ${seconds(validateMs)}: ${count((p) => p.entities)} entities (and ${count((p) => p.references)} related from other articles), ` +
    `${count((p) => p.relations)} relationships, ${count((p) => p.mentions)} mentions: ${rowsOf(plans)} rows.`,
);

const server = await startThrowawayServer('bench', { heap: values.heap, pageCache: values.pagecache }, (line) => log(`[bench neo4j] ${line}`));
const db = GraphDatabase.fromConfig(
  loadConfig({ ...server.env, NEO4J_TX_TIMEOUT_MS: '600000' }),
  'bench',
  { maxTransactionRetryTime: 0 },
);
try {
  const results: Record<'seeder' | 'naive' | 'ceiling', { ms: number; rows: number }[]> = { seeder: [], naive: [], ceiling: [] };
  // A fresh JVM compiles each query and JIT-compiles the server's code paths on first use; one small
  // unmeasured round of every loader keeps that start-up cost out of all three measurements alike.
  const warmUpFiles = writeSyntheticSeed(path.join(dir, 'warm-up'), { entities: 2_000, relations: 5_000, seed: 2, articleId: 'bench-warm-up', parts: 4 });
  const warmUp = await validateSeedFiles(warmUpFiles);
  for (const loader of [seeder, naive, ceiling]) {
    await wipe(db);
    await loader(db, warmUp);
  }
  log('Warmed up.');
  for (let run = 1; run <= runs; run++) {
    for (const [name, loader] of [['seeder', seeder], ['naive', naive], ['ceiling', ceiling]] as const) {
      await wipe(db);
      const result = await loader(db, plans);
      results[name].push(result);
      log(`run ${run} ${name.padEnd(8)} ${result.rows} rows in ${seconds(result.ms)}: ${fmt(rate(result.rows, result.ms))}`);
    }
  }
  const perSecond = (kind: keyof typeof results) => median(results[kind].map((r) => rate(r.rows, r.ms)));
  const [seederRate, naiveRate, ceilingRate] = [perSecond('seeder'), perSecond('naive'), perSecond('ceiling')];
  const seederMs = median(results.seeder.map((r) => r.ms));

  log('');
  log(`Results (median of ${runs} run${runs === 1 ? '' : 's'}; rows are entities, relationships and mentions):`);
  log(`| loader | rows/s |`);
  log(`| --- | ---: |`);
  log(`| seeder (${articles} articles, many per transaction of up to ${batchSize} rows) | ${fmt(seederRate)} |`);
  log(`| naive (one row per transaction, a ${naiveRelations}-relationship slice) | ${fmt(naiveRate)} |`);
  log(`| ceiling (bare UNWIND CREATE, no constraints or indexes) | ${fmt(ceilingRate)} |`);
  log('');
  log(`seeder total load: ${seconds(seederMs)} for ${rowsOf(plans)} rows (validation ${seconds(validateMs)} before it)`);
  log(`seeder ÷ naive:   ×${(seederRate / naiveRate).toFixed(1)} (target ≥ 20)`);
  log(`seeder ÷ ceiling: ${(seederRate / ceilingRate).toFixed(2)} (target ≥ 0.5)`);
} finally {
  await db.close();
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
}
