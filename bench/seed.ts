/**
 * `npm run bench:seed`: how fast the seeder loads a large synthetic article into a fresh Neo4j,
 * next to a naive loader (one MERGE per transaction, on a slice) and a ceiling (bare UNWIND CREATE
 * of the same rows into an empty database with no constraints), all in one run on one server.
 */
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GraphDatabase } from '../src/db/client.ts';
import { startThrowawayServer } from '../src/db/local/throwaway.ts';
import { loadConfig } from '../src/config.ts';
import { ENTITY, ENTITY_LABELS, MENTIONS, RELATION_TYPE_NAMES, type EntityLabel, type RelationType } from '../src/model.ts';
import { DEFAULT_BATCH_SIZE, entityRow, loadPlans, relationRow } from '../src/seed/load.ts';
import { validateSeedFiles, type ArticlePlan } from '../src/seed/validate.ts';
import { upsertEntitiesQuery, upsertRelationsQuery, ensureSchema } from '../src/graph/seed-repository.ts';
import { writeSyntheticSeed } from './synthetic-seed.ts';

const HELP = `Usage: npm run bench:seed -- [options]

  --entities N          synthetic entities (default 100000)
  --relations M         synthetic relationships (default 500000)
  --naive-relations K   size of the slice the naive loader gets (default 2000 relationships)
  --batch-size B        seeder rows per transaction (default ${DEFAULT_BATCH_SIZE})
  --runs R              repetitions of each measurement; medians are reported (default 1)
  --heap, --pagecache   memory of the throwaway Neo4j (default 2g and 2g)
`;

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '100000' },
    relations: { type: 'string', default: '500000' },
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
const naiveRelations = Number(values['naive-relations']);
const batchSize = Number(values['batch-size']);
const runs = Number(values.runs);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const rate = (rows: number, ms: number) => (rows / ms) * 1000;
const fmt = (perSecond: number) => `${Math.round(perSecond).toLocaleString('en')}/s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Phases {
  entitiesMs: number;
  relationsMs: number;
}

async function wipe(db: GraphDatabase): Promise<void> {
  for (;;) {
    const [row] = await db.write('bench.wipe', (tx) =>
      tx.query<{ n: number }>('MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n'),
    );
    if ((row?.n ?? 0) < 20000) break;
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

async function seeder(db: GraphDatabase, plan: ArticlePlan): Promise<Phases> {
  const started = performance.now();
  let entitiesDone = started;
  const labels = new Set<string>(ENTITY_LABELS);
  await loadPlans(db, [plan], {
    batchSize,
    onProgress: ({ phase }) => {
      if (labels.has(phase)) entitiesDone = performance.now();
    },
  });
  const ended = performance.now();
  return { entitiesMs: entitiesDone - started, relationsMs: ended - entitiesDone };
}

/** One MERGE per transaction: how a loader written without batching behaves. */
async function naive(db: GraphDatabase, plan: ArticlePlan): Promise<Phases & { entities: number; relations: number }> {
  const slice = plan.relations.slice(0, naiveRelations);
  const ids = new Set(slice.flatMap((r) => [r.from, r.to]));
  const sliceEntities = plan.entities.filter((e) => ids.has(e.id));
  await db.write('bench.naive', ensureSchema);
  const started = performance.now();
  for (const entity of sliceEntities) {
    await db.write('bench.naive', (tx) => tx.query(upsertEntitiesQuery(entity.label), { rows: [entityRow(entity)], source: plan.article.id }));
  }
  const entitiesDone = performance.now();
  for (const relation of slice) {
    await db.write('bench.naive', (tx) => tx.query(upsertRelationsQuery(relation.type), { rows: [relationRow(relation)] }));
  }
  const ended = performance.now();
  return { entitiesMs: entitiesDone - started, relationsMs: ended - entitiesDone, entities: sliceEntities.length, relations: slice.length };
}

/** The fastest way to put the same rows in: CREATE into an empty database, endpoints found by element id. */
async function ceiling(db: GraphDatabase, plan: ArticlePlan): Promise<Phases> {
  const elementIds = new Map<string, string>();
  const started = performance.now();
  await db.write('bench.ceiling', (tx) => tx.query(`CREATE (a:Article {id: $id})`, { id: plan.article.id }).then(async () => {
    const [row] = await tx.query<{ e: string }>('MATCH (a:Article {id: $id}) RETURN elementId(a) AS e', { id: plan.article.id });
    elementIds.set(plan.article.id, row!.e);
  }));
  for (const label of ENTITY_LABELS) {
    const rows = plan.entities
      .filter((e) => e.label === label)
      .map((e) => {
        const row = entityRow(e);
        return { id: e.id, props: { ...row.props, id: e.id, aliases: row.aliases, sources: [plan.article.id] } };
      });
    for (let i = 0; i < rows.length; i += batchSize) {
      const created = await db.write('bench.ceiling', (tx) =>
        tx.query<{ id: string; e: string }>(
          `UNWIND $rows AS row CREATE (n:${ENTITY}:${label as EntityLabel}) SET n = row.props RETURN row.id AS id, elementId(n) AS e`,
          { rows: rows.slice(i, i + batchSize) },
        ),
      );
      for (const { id, e } of created) elementIds.set(id, e);
    }
  }
  const entitiesDone = performance.now();
  const relationRows = (type: RelationType | typeof MENTIONS) =>
    type === MENTIONS
      ? plan.mentions.map((m) => ({ a: elementIds.get(plan.article.id), b: elementIds.get(m.id), props: { key: '', evidence: [m.evidence.quote], sources: [m.evidence.source] } }))
      : plan.relations
          .filter((r) => r.type === type)
          .map((r) => ({
            a: elementIds.get(r.from),
            b: elementIds.get(r.to),
            props: { ...relationRow(r).props, key: r.key, evidence: r.evidence.map((e) => e.quote), sources: r.evidence.map((e) => e.source) },
          }));
  for (const type of [...RELATION_TYPE_NAMES, MENTIONS] as const) {
    const rows = relationRows(type);
    for (let i = 0; i < rows.length; i += batchSize) {
      await db.write('bench.ceiling', (tx) =>
        tx.query(
          `UNWIND $rows AS row MATCH (a) WHERE elementId(a) = row.a MATCH (b) WHERE elementId(b) = row.b CREATE (a)-[r:${type}]->(b) SET r = row.props`,
          { rows: rows.slice(i, i + batchSize) },
        ),
      );
    }
  }
  return { entitiesMs: entitiesDone - started, relationsMs: performance.now() - entitiesDone };
}

const log = (line: string) => console.log(line);
const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-bench-'));
log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
log(`Generating ${entities} entities and ${relations} relationships …`);
const file = writeSyntheticSeed(dir, { entities, relations, seed: 1, articleId: 'bench-synthetic' });
let validateMs = performance.now();
const [plan] = await validateSeedFiles([file]);
validateMs = performance.now() - validateMs;
const relationshipRows = plan!.relations.length + plan!.mentions.length;
log(`Validated in ${seconds(validateMs)}: ${plan!.entities.length} entities, ${plan!.relations.length} relationships + ${plan!.mentions.length} mentions.`);

const server = await startThrowawayServer('bench', { heap: values.heap, pageCache: values.pagecache }, (line) => log(`[bench neo4j] ${line}`));
const db = GraphDatabase.fromConfig(
  loadConfig({ NEO4J_URI: server.uri, NEO4J_PASSWORD: server.options.password, NEO4J_TX_TIMEOUT_MS: '600000' }),
  'bench',
  { maxTransactionRetryTime: 0 },
);
try {
  const results: Record<'seeder' | 'naive' | 'ceiling', Phases[]> = { seeder: [], naive: [], ceiling: [] };
  let naiveSize = { entities: 0, relations: 0 };
  // A fresh JVM compiles each query and JIT-compiles the server's code paths on first use; one small
  // unmeasured round of every loader keeps that start-up cost out of all three measurements alike.
  const warmUpFile = writeSyntheticSeed(dir, { entities: 2_000, relations: 5_000, seed: 2, articleId: 'bench-warm-up' });
  const [warmUp] = await validateSeedFiles([warmUpFile]);
  for (const loader of [seeder, naive, ceiling]) {
    await wipe(db);
    await loader(db, warmUp!);
  }
  log('Warmed up.');
  for (let run = 1; run <= runs; run++) {
    await wipe(db);
    const s = await seeder(db, plan!);
    results.seeder.push(s);
    log(`run ${run} seeder:  entities ${seconds(s.entitiesMs)}, relationships ${seconds(s.relationsMs)}`);
    await wipe(db);
    const n = await naive(db, plan!);
    naiveSize = n;
    results.naive.push(n);
    log(`run ${run} naive:   ${n.entities} entities ${seconds(n.entitiesMs)}, ${n.relations} relationships ${seconds(n.relationsMs)}`);
    await wipe(db);
    const c = await ceiling(db, plan!);
    results.ceiling.push(c);
    log(`run ${run} ceiling: entities ${seconds(c.entitiesMs)}, relationships ${seconds(c.relationsMs)}`);
  }
  const m = (kind: keyof typeof results, key: keyof Phases) => median(results[kind].map((r) => r[key]));
  const seederEntities = rate(plan!.entities.length, m('seeder', 'entitiesMs'));
  const seederRelations = rate(relationshipRows, m('seeder', 'relationsMs'));
  const naiveEntities = rate(naiveSize.entities, m('naive', 'entitiesMs'));
  const naiveRelationsRate = rate(naiveSize.relations, m('naive', 'relationsMs'));
  const ceilingEntities = rate(plan!.entities.length, m('ceiling', 'entitiesMs'));
  const ceilingRelations = rate(relationshipRows, m('ceiling', 'relationsMs'));
  const seederTotalMs = m('seeder', 'entitiesMs') + m('seeder', 'relationsMs');

  log('');
  log(`Results (median of ${runs} run${runs === 1 ? '' : 's'}; relationships include the ${plan!.mentions.length} derived mentions):`);
  log(`| loader | entities/s | relationships/s |`);
  log(`| --- | ---: | ---: |`);
  log(`| seeder (UNWIND MERGE, batches of ${batchSize}) | ${fmt(seederEntities)} | ${fmt(seederRelations)} |`);
  log(`| naive (one MERGE per transaction, ${naiveSize.relations}-relationship slice) | ${fmt(naiveEntities)} | ${fmt(naiveRelationsRate)} |`);
  log(`| ceiling (bare UNWIND CREATE, no constraints) | ${fmt(ceilingEntities)} | ${fmt(ceilingRelations)} |`);
  log('');
  log(`seeder total load: ${seconds(seederTotalMs)} for ${plan!.entities.length} entities and ${relationshipRows} relationships (validation ${seconds(validateMs)} before it)`);
  log(`seeder ÷ naive:   entities ×${(seederEntities / naiveEntities).toFixed(1)}, relationships ×${(seederRelations / naiveRelationsRate).toFixed(1)} (target ≥ 20)`);
  log(`seeder ÷ ceiling: entities ${(seederEntities / ceilingEntities).toFixed(2)}, relationships ${(seederRelations / ceilingRelations).toFixed(2)} (target ≥ 0.5)`);
} finally {
  await db.close();
  await server.dispose();
  rmSync(dir, { recursive: true, force: true });
}
