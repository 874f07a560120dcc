import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import fc from 'fast-check';
import { dump as stringify } from 'js-yaml';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { freePort } from '../../src/db/local/throwaway.ts';
import { loadPlans, resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import { SeedValidationError, validateSeedFiles } from '../../src/seed/validate.ts';
import { articleStates, expectedFacts, mentionedEntities, storedFacts, writeChangedCopy, writeSyntheticCorpus } from '../support/corpus.ts';
import { fingerprint } from '../support/graph.ts';
import { type Json, wrongTypeMutation } from '../support/mutations.ts';
import { runProgram } from '../support/program.ts';
import { SMALL_ARTICLE_TEXT, smallSeed, writeSeedFiles } from '../support/seed-fixtures.ts';
import { testDatabase } from '../support/database.ts';
import { scaled } from '../support/scale.ts';

const ARTICLE_SEED = path.join(PROJECT_ROOT, 'seed/2025-11-03-international-force-gaza.yaml');
const SEED_CLI = 'src/seed/cli.ts';

describe('the seeder against a real Neo4j', () => {
  const db = testDatabase('test-seed');
  beforeEach(async () => {
    await resetProjectData(db);
    await db.write('test.cleanup', (tx) => tx.query('MATCH (n:Bystander) DETACH DELETE n'));
  });
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  it('when the article is seeded into an empty database, then every planned node and relationship is there with its evidence', async () => {
    const [plan] = await validateSeedFiles([ARTICLE_SEED]);
    const result = await seed(db, { inputs: [ARTICLE_SEED] });
    expect(result.report!.loaded).toEqual([plan!.article.id]);

    const [counts] = await db.read('test', (tx) =>
      tx.query<{ entities: number; relations: number; mentions: number; withoutEvidence: number; wrongCounts: number }>(
        `MATCH (n:Entity) WITH count(n) AS entities
         MATCH (:Entity)-[r]->(:Entity) WITH entities, count(r) AS relations
         MATCH (:Article)-[m:MENTIONS]->(:Entity) WITH entities, relations, count(m) AS mentions
         OPTIONAL MATCH (:Entity)-[bare]->(:Entity)
           WHERE size(coalesce(bare.evidence, [])) = 0 OR size(bare.evidence) <> size(bare.sources) OR size(bare.evidence) <> size(bare.reported)
         WITH entities, relations, mentions, count(bare) AS withoutEvidence
         OPTIONAL MATCH (:Entity)-[wrong]->(:Entity)
           WHERE wrong.sourceCount <> 1 OR wrong.firstReported <> date('2025-11-03') OR wrong.lastReported <> date('2025-11-03')
         RETURN entities, relations, mentions, withoutEvidence, count(wrong) AS wrongCounts`,
      ),
    );
    expect(counts).toEqual({
      entities: plan!.entities.length,
      relations: plan!.relations.length,
      mentions: plan!.mentions.length,
      withoutEvidence: 0,
      wrongCounts: 0,
    });

    const contributors = await db.read('test', (tx) =>
      tx.query<{ country: string; evidence: string[]; sources: string[] }>(
        `MATCH (c:Country)-[r:CONTRIBUTES_TROOPS_TO]->(:Organization {id: 'civil-military-coordination-center'})
         RETURN c.name AS country, r.evidence AS evidence, r.sources AS sources ORDER BY country`,
      ),
    );
    expect(contributors.map((c) => c.country)).toEqual(['Australia', 'Canada', 'France', 'Germany', 'Jordan', 'United Arab Emirates', 'United States']);
    expect(contributors[0]!.sources).toEqual(['2025-11-03-international-force-gaza']);

    const [rejection] = await db.read('test', (tx) =>
      tx.query<{ by: string; to: string; rejectedBy: string; date: unknown }>(
        `MATCH (by)-[:MADE]->(o:Offer)-[:TO]->(to), (x)-[:REJECTED]->(o) RETURN by.name AS by, to.name AS to, x.name AS rejectedBy`,
      ),
    );
    expect(rejection).toEqual({ by: 'Turkey', to: 'International Stabilization Force for Gaza', rejectedBy: 'Israel' });

    const [visit] = await db.read('test', (tx) =>
      tx.query<{ date: string; precision: string; from: string }>(
        `MATCH (:Person {id: 'marco-rubio'})-[r:VISITED]->(:Organization) RETURN r.date AS date, r.datePrecision AS precision, toString(r.dateFrom) AS from`,
      ),
    );
    expect(visit).toEqual({ date: '2025-10-24', precision: 'day', from: '2025-10-24' });
  });

  it('when the article is seeded twice, or reset and seeded again, then the graph is identical', async () => {
    await seed(db, { inputs: [ARTICLE_SEED] });
    const first = await fingerprint(db);
    const again = await seed(db, { inputs: [ARTICLE_SEED] });
    expect(again.unchanged).toEqual(['2025-11-03-international-force-gaza']);
    expect(again.plans).toEqual([]);
    expect(await fingerprint(db)).toEqual(first);
    await seed(db, { inputs: [ARTICLE_SEED], reset: true });
    expect(await fingerprint(db)).toEqual(first);
  });

  it('when a seed file is invalid, then nothing at all is written', async () => {
    await seed(db, { inputs: [ARTICLE_SEED] });
    await db.write('test', (tx) => tx.query('CREATE (:Bystander {id: "keep-me"})'));
    const before = await fingerprint(db);
    const broken = smallSeed();
    broken.relations![0]!.evidence = 'Ruritania sends tanks to the Northern Watch.';
    await expect(seed(db, { inputs: writeSeedFiles({ 'broken.yaml': broken }), reset: true })).rejects.toBeInstanceOf(SeedValidationError);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('property: when a seed file is damaged anywhere, then seeding it fails before writing anything', async () => {
    await seed(db, { inputs: [ARTICLE_SEED] });
    const before = await fingerprint(db);
    await fc.assert(
      fc.asyncProperty(wrongTypeMutation(smallSeed() as unknown as Json), async ({ document }) => {
        const [file] = writeSeedFiles({ 'damaged.yaml': stringify(document) });
        await expect(seed(db, { inputs: [file!] })).rejects.toBeInstanceOf(SeedValidationError);
        expect(await fingerprint(db)).toEqual(before);
      }),
      { numRuns: scaled(6, 25) },
    );
  });

  it('when --reset runs, then only this project’s nodes are removed', async () => {
    await seed(db, { inputs: [ARTICLE_SEED] });
    await db.write('test', (tx) => tx.query('CREATE (:Bystander {id: "keep-me"})'));
    await seed(db, { inputs: writeSeedFiles({ 'a.yaml': smallSeed() }), reset: true });
    const rows = await db.read('test', (tx) =>
      tx.query<{ articles: string[]; bystanders: number }>(
        `MATCH (a:Article) WITH collect(a.id) AS articles MATCH (b:Bystander) RETURN articles, count(b) AS bystanders`,
      ),
    );
    expect(rows).toEqual([{ articles: ['test-ruritania'], bystanders: 1 }]);
  });

  it('when the project’s data is removed in batches smaller than a hub’s relationships, then all of it goes, and only it', async () => {
    await seed(db, { inputs: [ARTICLE_SEED] });
    await db.write('test', (tx) => tx.query('MATCH (iran:Entity {id: "iran"}) CREATE (:Bystander)-[:WATCHES]->(iran), (:Bystander)-[:WATCHES]->(:Bystander)'));
    const [before] = await db.read('test', (tx) => tx.query<{ nodes: number; hub: number }>('MATCH (n) WHERE n:Entity OR n:Article OR n:Tally OR n:Listing RETURN count(n) AS nodes, COUNT { (:Entity {id: "iran"})--() } AS hub'));
    expect(before!.hub).toBeGreaterThan(7);
    expect(await resetProjectData(db, 7)).toBe(before!.nodes);
    const [after] = await db.read('test', (tx) =>
      tx.query<{ project: number; bystanders: number; watches: number }>(
        'RETURN COUNT { MATCH (n) WHERE n:Entity OR n:Article OR n:Tally } AS project, COUNT { (:Bystander) } AS bystanders, COUNT { ()-[:WATCHES]->() } AS watches',
      ),
    );
    expect(after).toEqual({ project: 0, bystanders: 3, watches: 1 });
  });

  it('when two articles share an entity and a fact, then there is one node and one relationship carrying both articles’ evidence', async () => {
    const secondText = 'Ruritania, a small kingdom, keeps soldiers with the Northern Watch.\n';
    const second = smallSeed({
      article: { ...smallSeed().article, id: 'test-ruritania-follow-up', text: 'follow-up.txt', publishedAt: '2025-03-04' },
      entities: [],
      relations: [
        {
          type: 'CONTRIBUTES_TROOPS_TO',
          from: 'ruritania',
          to: 'northern-watch',
          date: '2025-01',
          evidence: 'Ruritania, a small kingdom, keeps soldiers with the Northern Watch.',
        },
      ],
    });
    const files = writeSeedFiles({ 'a.yaml': smallSeed(), 'b.yaml': second }, { 'ruritania.txt': SMALL_ARTICLE_TEXT, 'follow-up.txt': secondText });
    await seed(db, { inputs: files });

    const rows = await db.read('test', (tx) =>
      tx.query<{ nodes: number; rels: number; evidence: string[]; sources: string[]; count: number; first: string; last: string; mentionedBy: string[] }>(
        `MATCH (c:Entity {id: 'ruritania'}) WITH count(c) AS nodes, head(collect(c)) AS c
         MATCH (c)-[r:CONTRIBUTES_TROOPS_TO]->(:Entity {id: 'northern-watch'})
         RETURN nodes, count(r) AS rels, head(collect(r.evidence)) AS evidence, head(collect(r.sources)) AS sources,
                head(collect(r.sourceCount)) AS count, toString(head(collect(r.firstReported))) AS first, toString(head(collect(r.lastReported))) AS last,
                COLLECT { MATCH (a:Article)-[:MENTIONS]->(c) RETURN a.id ORDER BY a.id } AS mentionedBy`,
      ),
    );
    expect(rows).toEqual([
      {
        nodes: 1,
        rels: 1,
        evidence: ['Ruritania sends troops to the Northern Watch.', 'Ruritania, a small kingdom, keeps soldiers with the Northern Watch.'],
        sources: ['test-ruritania', 'test-ruritania-follow-up'],
        count: 2,
        first: '2025-01-02',
        last: '2025-03-04',
        mentionedBy: ['test-ruritania', 'test-ruritania-follow-up'],
      },
    ]);

    // Loading the second article alone finds it unchanged without reading what it refers to.
    const again = await seed(db, { inputs: [files[1]!] });
    expect(again.unchanged).toEqual(['test-ruritania-follow-up']);
  });

  it('when an article changes and is loaded again, then its old evidence goes and other articles’ evidence stays', async () => {
    const followUp = smallSeed({
      article: { ...smallSeed().article, id: 'test-ruritania-follow-up', text: 'follow-up.txt' },
      entities: [],
      relations: [{ type: 'CONTRIBUTES_TROOPS_TO', from: 'ruritania', to: 'northern-watch', date: '2025-01', evidence: 'Ruritania keeps soldiers with the Northern Watch.' }],
    });
    const texts = { 'ruritania.txt': SMALL_ARTICLE_TEXT, 'follow-up.txt': 'Ruritania keeps soldiers with the Northern Watch.\n' };
    const [first, second] = writeSeedFiles({ 'a.yaml': smallSeed(), 'b.yaml': followUp }, texts);
    await seed(db, { inputs: [first!, second!] });

    const changed = smallSeed();
    changed.relations = changed.relations!.filter((r) => r.type !== 'CONTRIBUTES_TROOPS_TO' && r.type !== 'REJECTED');
    const [changedFile] = writeSeedFiles({ 'a.yaml': changed });
    const result = await seed(db, { inputs: [changedFile!] });
    expect(result.report!.reloaded).toEqual(['test-ruritania']);

    const rows = await db.read('test', (tx) =>
      tx.query<{ type: string; evidence: string[]; sources: string[] }>(
        `MATCH (:Entity {id: 'ruritania'})-[r]->() WHERE type(r) IN ['CONTRIBUTES_TROOPS_TO', 'REJECTED']
         RETURN type(r) AS type, r.evidence AS evidence, r.sources AS sources`,
      ),
    );
    expect(rows).toEqual([
      { type: 'CONTRIBUTES_TROOPS_TO', evidence: ['Ruritania keeps soldiers with the Northern Watch.'], sources: ['test-ruritania-follow-up'] },
    ]);
  });

  it('when a load stops between transactions, then the articles before are loaded, the rest untouched, and the rerun loads the rest to the full graph', async () => {
    const files = writeSyntheticCorpus(12);
    await seed(db, { inputs: files });
    const complete = await fingerprint(db);
    await resetProjectData(db);

    const plans = await validateSeedFiles(files);
    let transactions = 0;
    await expect(
      loadPlans(db, plans, {
        batchSize: 600,
        onProgress: () => {
          if (++transactions === 2) throw new Error('simulated crash after 2 transactions');
        },
      }),
    ).rejects.toThrow('simulated crash');
    const loaded = await articleStates(db, plans);
    expect(loaded.complete.length).toBeGreaterThan(1);
    expect(loaded.complete.length).toBeLessThan(plans.length);
    expect(loaded.partial).toEqual([]);

    const rerun = await seed(db, { inputs: files });
    expect(rerun.unchanged.sort()).toEqual(loaded.complete.sort());
    expect(rerun.report!.loaded).toHaveLength(plans.length - loaded.complete.length);
    expect(await fingerprint(db)).toEqual(complete);
  });

  it('when a transaction fails inside, then nothing of its articles is written and the rerun loads them', async () => {
    const files = writeSyntheticCorpus(6);
    await seed(db, { inputs: files });
    const complete = await fingerprint(db);
    await resetProjectData(db);

    const plans = await validateSeedFiles(files);
    // A fact whose end is not in the graph fails the one transaction from within, after most of its writes.
    const broken = structuredClone(plans);
    broken[broken.length - 1]!.relations.at(-1)!.to = 'nowhere-at-all';
    await expect(loadPlans(db, broken, { batchSize: 10_000_000 })).rejects.toThrow(/not in the graph/);
    // Nothing of the content is there; the articles are only marked hidden, for the rerun to load.
    const states = await articleStates(db, plans);
    expect(states.hidden.sort()).toEqual(plans.map((plan) => plan.article.id).sort());
    const [left] = await db.read('test', (tx) => tx.query<{ entities: number; relationships: number }>('RETURN COUNT { (:Entity) } AS entities, COUNT { ()-[]->() } AS relationships'));
    expect(left).toEqual({ entities: 0, relationships: 0 });

    await seed(db, { inputs: files });
    expect(await fingerprint(db)).toEqual(complete);
  });

  it('when many articles are loaded, then several share each transaction, and an unchanged re-seed runs the same few queries whatever their number', async () => {
    const queriesFor = async (articles: number) => {
      await resetProjectData(db);
      const files = writeSyntheticCorpus(articles);
      const first = await seed(db, { inputs: files });
      expect(first.report!.loaded).toHaveLength(articles);
      expect(first.report!.transactions).toBeLessThan(articles / 2);
      let queries = 0;
      const stop = db.onQuery(() => queries++);
      const again = await seed(db, { inputs: files });
      stop();
      expect(again.unchanged).toHaveLength(articles);
      expect(again.report!.transactions).toBe(0);
      return queries;
    };
    const few = await queriesFor(4);
    const many = await queriesFor(24);
    expect(many).toBe(few);
    expect(many).toBeLessThanOrEqual(6);
  });

  it('when an article is withdrawn or reloaded, then every fact keeps exactly the evidence, count and dates of the articles that state it', async () => {
    const files = writeSyntheticCorpus(10, { repeatShare: 0.9, pool: 60 });
    const plans = await validateSeedFiles(files);
    await seed(db, { inputs: files });
    expect(await storedFacts(db)).toEqual(expectedFacts(plans));

    const withdrawn = [plans[3]!.article.id, plans[7]!.article.id];
    const result = await seed(db, { withdraw: withdrawn });
    expect(result.withdrawn.sort()).toEqual(withdrawn.sort());
    const remaining = plans.filter((plan) => !withdrawn.includes(plan.article.id));
    expect(await storedFacts(db)).toEqual(expectedFacts(remaining));
    expect(await mentionedEntities(db)).toEqual(new Set(remaining.flatMap((plan) => plan.mentions.map((m) => m.id))));

    // Back again, then one reloaded with its second half of facts dropped.
    await seed(db, { inputs: files });
    expect(await storedFacts(db)).toEqual(expectedFacts(plans));
    const changed = writeChangedCopy(files[5]!, (seed) => ({ ...seed, relations: seed.relations!.slice(0, 20) }));
    await seed(db, { inputs: [changed] });
    const reloaded = await validateSeedFiles([...files.filter((_, i) => i !== 5), changed]);
    expect(await storedFacts(db)).toEqual(expectedFacts(reloaded));
  });

  it('when an article closes a circle through a stored hierarchy of 2^30 routes, then the seeder names it, and a new version of the hierarchy replaces the old', async () => {
    // 30 levels of two places, each inside both places of the next level: 2^30 routes from bottom to top.
    const levels = 31;
    const place = (level: number, side: string) => ({ id: `ladder-${level}-${side}`, name: `Ladder ${level}${side}` });
    const places = Array.from({ length: levels }, (_, level) => [place(level, 'a'), place(level, 'b')]).flat();
    const edges = Array.from({ length: levels - 1 }, (_, level) =>
      ['a', 'b'].flatMap((from) => ['a', 'b'].map((to) => ({ from: place(level, from), to: place(level + 1, to) }))),
    ).flat();
    const ladder = (links: typeof edges) => ({
      article: { id: 'ladder', title: 'The ladder', publisher: 'Test Gazette', publishedAt: '2025-03-01', path: '/ladder', text: 'ladder.txt' },
      entities: places.map((p) => ({ label: 'Place' as const, ...p, kind: 'town' })),
      relations: links.map(({ from, to }) => ({ type: 'LOCATED_IN', from: from.id, to: to.id, evidence: `${from.name} lies in ${to.name}.` })),
    });
    const sentence = ({ from, to }: (typeof edges)[number]) => `${from.name} lies in ${to.name}.`;
    const reversed = [{ from: edges[0]!.to, to: edges[0]!.from }, ...edges.slice(1)];
    const closing = { from: place(levels - 1, 'a'), to: place(0, 'a') };
    const [first, circle, changed] = writeSeedFiles(
      {
        'ladder.yaml': ladder(edges),
        'circle.yaml': {
          article: { id: 'circle', title: 'The circle', publisher: 'Test Gazette', publishedAt: '2025-03-02', path: '/circle', text: 'ladder.txt' },
          entities: [],
          relations: [{ type: 'LOCATED_IN', from: closing.from.id, to: closing.to.id, evidence: sentence(closing) }],
        },
        'ladder-changed.yaml': ladder(reversed),
      },
      { 'ladder.txt': [...edges, ...reversed, closing].map(sentence).join('\n') + '\n' },
    );
    await seed(db, { inputs: [first!] });

    const error = await seed(db, { inputs: [circle!] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SeedValidationError);
    const problems = (error as SeedValidationError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toMatch(/circle\.yaml: relations\.0: LOCATED_IN goes round in a circle: "ladder-30-a" → "ladder-0-a" → .* → "ladder-30-a"$/);
    }

    // Against its own old version the reversed link would close a circle; the new version replaces the old.
    const reloaded = await seed(db, { inputs: [changed!] });
    expect(reloaded.report!.reloaded).toEqual(['ladder']);
  });

  it('when the graph is empty, then every query of a load, a reload and a withdrawal still plans index seeks, never a scan', async () => {
    // Neo4j plans a query once and keeps the plan; one made while the graph is empty must not scan
    // what the graph will later hold (a load stuck with such a plan slows down as the graph grows).
    const sent = new Map<string, Record<string, unknown>>();
    const stop = db.onQuery(({ cypher, params }) => {
      if (!/^\s*(SHOW|CREATE)\b/i.test(cypher) && !sent.has(cypher)) sent.set(cypher, params);
    });
    const files = writeSyntheticCorpus(6, { repeatShare: 0.9, pool: 60 });
    await seed(db, { inputs: files });
    await seed(db, { inputs: [writeChangedCopy(files[2]!, (seed) => ({ ...seed, relations: seed.relations!.slice(1) }))] });
    await seed(db, { withdraw: [path.basename(files[4]!, '.yaml')] });
    stop();
    await resetProjectData(db);

    const scans: string[] = [];
    const session = db.driver.session({ database: db.database });
    try {
      for (const [cypher, params] of sent) {
        const { summary } = await session.run(`CYPHER replan=force EXPLAIN ${cypher}`, params);
        const visit = (plan: { operatorType: string; arguments: Record<string, unknown>; children: unknown[] }) => {
          const details = String(plan.arguments.Details ?? '');
          // The publication clock is a single node: finding it by its label reads one node.
          if (/Scan/.test(plan.operatorType) && !details.includes(':Publication')) scans.push(`${plan.operatorType} ${details} in: ${cypher.slice(0, 120)}`);
          for (const child of plan.children) visit(child as typeof plan);
        };
        visit(summary.plan as never);
      }
    } finally {
      await session.close();
    }
    expect(sent.size).toBeGreaterThan(10);
    expect(scans).toEqual([]);
  });

  it('when a second article gives an id in the graph another label, then --dry-run and a load refuse it, naming both, and write nothing', async () => {
    const neo4j = inject('neo4j');
    await seed(db, { inputs: [ARTICLE_SEED] });
    const before = await fingerprint(db);
    const person = smallSeed({
      article: { ...smallSeed().article!, id: 'test-jordan-person', text: 'jordan.txt' },
      entities: [{ label: 'Person', id: 'jordan', name: 'Jordan' }],
      relations: [],
    });
    const [file] = writeSeedFiles({ 'jordan.yaml': person }, { 'jordan.txt': 'Jordan, a carpenter, spoke on Tuesday.\n' });
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    for (const run of await Promise.all([['--dry-run', file!], [file!]].map((args) => runProgram(SEED_CLI, args, env)))) {
      expect(run.status, run.stdout).toBe(1);
      expect(run.stderr).toMatch(
        /jordan\.yaml: entities\.0\.label: "jordan" is a Person here but a Country in the graph, where article "2025-11-03-international-force-gaza" uses it; .*e\.g\. "jordan-person"/,
      );
    }
    expect(await fingerprint(db)).toEqual(before);

    // With its own id, the person is loaded beside the country, which keeps its label and code.
    const renamed = { ...person, entities: [{ label: 'Person' as const, id: 'jordan-person', name: 'Jordan' }] };
    const [ok] = writeSeedFiles({ 'jordan.yaml': renamed }, { 'jordan.txt': 'Jordan, a carpenter, spoke on Tuesday.\n' });
    await seed(db, { inputs: [ok!] });
    const [country] = await db.read('test', (tx) => tx.query<{ labels: string[]; code: string }>("MATCH (n:Entity {id: 'jordan'}) RETURN labels(n) AS labels, n.code AS code"));
    expect(country).toEqual({ labels: expect.arrayContaining(['Country', 'Entity']), code: 'JO' });
    expect(country!.labels).toHaveLength(2);
  });

  it('when a second article defines an entity of the first, then it adds to it and erases nothing; another value is refused unless it says it corrects it; withdrawing it restores the graph exactly', async () => {
    const neo4j = inject('neo4j');
    await seed(db, { inputs: [ARTICLE_SEED] });
    const before = await fingerprint(db);
    const jordanOf = async () =>
      (await db.read('test', (tx) => tx.query<{ code: string; description: string | null; aliases: string[] }>("MATCH (n:Entity {id: 'jordan'}) RETURN n.code AS code, n.description AS description, n.aliases AS aliases")))[0];
    const second = (entity: Record<string, unknown>) =>
      writeSeedFiles(
        {
          'jordan.yaml': smallSeed({
            article: { ...smallSeed().article!, id: 'test-jordan-2', publishedAt: '2025-11-20', text: 'jordan.txt' },
            entities: [{ label: 'Country', id: 'jordan', name: 'Jordan', ...entity } as never],
            relations: [],
          }),
        },
        { 'jordan.txt': 'Jordan, the Hashemite Kingdom, said nothing.\n' },
      )[0]!;

    // Another description and alias: added; the code it also gives stays; withdrawn, all is as before.
    await seed(db, { inputs: [second({ code: 'JO', description: 'A kingdom.', aliases: ['Hashemite Kingdom'] })] });
    expect(await jordanOf()).toEqual({ code: 'JO', description: 'A kingdom.', aliases: ['Hashemite Kingdom', 'Jordanian'] });
    await seed(db, { withdraw: ['test-jordan-2'] });
    expect(await fingerprint(db)).toEqual(before);

    // Another code: refused by --dry-run and by a load, naming both values and both articles.
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    const other = second({ code: 'JD' });
    for (const run of await Promise.all([['--dry-run', other], [other]].map((args) => runProgram(SEED_CLI, args, env)))) {
      expect(run.status, run.stdout).toBe(1);
      expect(run.stderr).toMatch(
        /jordan\.yaml: entities\.0\.code: "jordan" has code "JO" from article "2025-11-03-international-force-gaza" in the graph, but "JD" here; if this article corrects it, add corrects: \[code\]/,
      );
    }
    expect(await fingerprint(db)).toEqual(before);

    // Said to be a correction: it stands while its article is loaded, a reload of either article keeps it, and withdrawal brings the first value back.
    const correction = second({ code: 'JD', corrects: ['code'] });
    await seed(db, { inputs: [correction] });
    expect((await jordanOf())!.code).toBe('JD');
    const retitled = path.join(mkdtempSync(path.join(os.tmpdir(), 'entity-graph-seed-')), 'article.yaml');
    cpSync(path.join(PROJECT_ROOT, 'seed/articles'), path.join(path.dirname(retitled), 'articles'), { recursive: true });
    writeFileSync(retitled, readFileSync(ARTICLE_SEED, 'utf8').replace(/^  title: .*$/m, '  title: Retitled'));
    await seed(db, { inputs: [retitled] });
    expect((await jordanOf())!.code).toBe('JD');
    await seed(db, { inputs: [ARTICLE_SEED] });
    await seed(db, { withdraw: ['test-jordan-2'] });
    expect(await fingerprint(db)).toEqual(before);
  });

  it('property: when articles that define the same entities are loaded one by one in any order or together, one is reloaded changed, or one is withdrawn, then the graph is what loading that set from the start gives', async () => {
    const later = (id: string, publishedAt: string, entities: NonNullable<ReturnType<typeof smallSeed>['entities']>, relations: ReturnType<typeof smallSeed>['relations'] = []) =>
      smallSeed({ article: { ...smallSeed().article, id, publishedAt }, entities, relations });
    const first = smallSeed();
    first.entities![2] = { label: 'Organization', id: 'northern-watch', name: 'Northern Watch', kind: 'multinational force', description: 'A force.' };
    const articles = writeSeedFiles({
      'a1.yaml': first,
      'a2.yaml': later(
        'test-a2',
        '2025-01-10',
        [
          { label: 'Country', id: 'ruritania', name: 'Ruritania', code: 'RU', aliases: ['Kingdom of Ruritania'] },
          { label: 'Organization', id: 'northern-watch', name: 'Northern Watch', kind: 'multinational force', aliases: ['the Watch'] },
        ],
        [{ type: 'CONTRIBUTES_TROOPS_TO', from: 'ruritania', to: 'northern-watch', evidence: 'Ruritania sends troops to the Northern Watch.', date: '2025-01' }],
      ),
      'a3.yaml': later('test-a3', '2025-02-01', [{ label: 'Country', id: 'elphberg', name: 'Elphberg', code: 'EB', corrects: ['code'], aliases: ['Ruritania'] }]),
      'a4.yaml': later('test-a4', '2025-01-20', [
        { label: 'Country', id: 'elphberg', name: 'Elphberg', code: 'EL' },
        { label: 'Person', id: 'rudolf-rassendyll', name: 'Rudolf Rassendyll', aliases: ['Rassendyll'] },
      ]),
    });
    const together = async (files: string[]) => {
      await resetProjectData(db);
      if (files.length > 0) await seed(db, { inputs: files });
      return fingerprint(db);
    };
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(articles, { minLength: 2 }), fc.nat(), async (order, pick) => {
        const expected = await together([...order].sort());
        await resetProjectData(db);
        for (const file of order) await seed(db, { inputs: [file] });
        expect(await fingerprint(db)).toEqual(expected);

        // One article reloaded in a version that drops its descriptions and the aliases the text does not need, then
        // another withdrawn: each time, the graph is what loading that set from the start gives.
        const changing = order[pick % order.length]!;
        const changed = writeChangedCopy(changing, (seed) => ({
          ...seed,
          entities: seed.entities!.map(({ aliases, description: _description, ...entity }) =>
            (SMALL_ARTICLE_TEXT.includes(entity.name) ? entity : { ...entity, aliases }) as NonNullable<typeof seed.entities>[number],
          ),
        }));
        await seed(db, { inputs: [changed] });
        const reloaded = await fingerprint(db);
        const current = order.map((file) => (file === changing ? changed : file));
        const gone = current[(pick + 1) % current.length]!;
        const [plan] = await validateSeedFiles([gone]);
        await seed(db, { withdraw: [plan!.article.id] });
        const withdrawn = await fingerprint(db);
        expect(reloaded).toEqual(await together([...current].sort()));
        expect(withdrawn).toEqual(await together(current.filter((file) => file !== gone).sort()));
      }),
      { numRuns: scaled(3, 8) },
    );
  });

  it('when a new id is called what an entity in the graph is called, then the load warns, naming both, and --strict refuses it', async () => {
    const neo4j = inject('neo4j');
    await seed(db, { inputs: [ARTICLE_SEED] });
    const kingdom = smallSeed({
      article: { ...smallSeed().article!, id: 'test-hashemite', text: 'hashemite.txt' },
      entities: [{ label: 'Country', id: 'hashemite-kingdom', name: 'Hashemite Kingdom', code: 'HK', aliases: ['JORDAN'] }],
      relations: [],
    });
    const [file] = writeSeedFiles({ 'hashemite.yaml': kingdom }, { 'hashemite.txt': 'The Hashemite Kingdom, JORDAN to most, said nothing.\n' });
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    const cli = (...args: string[]) => runProgram(SEED_CLI, args, env);
    const warning = /hashemite\.yaml: entities\.0: likely duplicate: "hashemite-kingdom" is called "JORDAN", as "jordan" \("Jordan"\) in the graph is/;

    const before = await fingerprint(db);
    const [strict, dry] = await Promise.all([cli('--strict', file!), cli('--dry-run', file!)]);
    expect(strict.status, strict.stdout).toBe(1);
    expect(strict.stderr).toMatch(warning);
    expect(await fingerprint(db)).toEqual(before);

    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stderr).toMatch(new RegExp(`warning: \\S*${warning.source}`));
    const load = await cli(file!);
    expect(load.status, load.stderr).toBe(0);
    expect(load.stderr).toMatch(warning);
    expect(load.stdout).toMatch(/Article test-hashemite: loaded/);
  });

  it('when another article defines an entity again, then the graph is asked only about the names it does not already give that entity, and a new name that clashes still warns', async () => {
    await seed(db, { inputs: writeSeedFiles({ 'a.yaml': smallSeed() }) });
    const again = smallSeed({
      article: { ...smallSeed().article!, id: 'test-ruritania-again' },
      entities: [{ label: 'Country', id: 'ruritania', name: 'Ruritania', code: 'RU', aliases: ['Ruritanian', 'ELPHBERG'] }],
      relations: [],
    });
    const asked: unknown[] = [];
    const stop = db.onQuery((event) => {
      if (event.operation === 'seed.lookalikes' && event.cypher.includes('queryNodes')) asked.push(...(event.params.batch as { keys: string[] }).keys);
    });
    const warnings: string[] = [];
    try {
      await seed(db, { inputs: writeSeedFiles({ 'again.yaml': again }), warn: (w) => warnings.push(w) });
    } finally {
      stop();
    }
    expect(asked).toEqual(['elphberg']);
    expect(warnings).toEqual([expect.stringMatching(/again\.yaml: entities\.0: likely duplicate: "ruritania" is called "ELPHBERG", as "elphberg" \("Elphberg"\) in the graph is/)]);
  });

  it('when the only article that uses an id is reloaded with another label for it, then it is told to withdraw first, and then it may', async () => {
    const first = smallSeed();
    const [v1] = writeSeedFiles({ 'a.yaml': first });
    await seed(db, { inputs: [v1!] });
    const changed = smallSeed({ entities: first.entities!.map((e) => (e.id === 'northern-watch' ? { label: 'Event' as const, id: 'northern-watch', name: 'Northern Watch', kind: 'patrol' } : e)) });
    changed.relations = first.relations!.filter((r) => r.from !== 'northern-watch' && r.to !== 'northern-watch');
    const [v2] = writeSeedFiles({ 'a.yaml': changed });
    await expect(seed(db, { inputs: [v2!] })).rejects.toThrow(/"northern-watch" is an Organization in the graph, used only by the articles being loaded; a label does not change in place: withdraw them first/);
    await seed(db, { withdraw: ['test-ruritania'] });
    await seed(db, { inputs: [v2!] });
    const [watch] = await db.read('test', (tx) => tx.query<{ labels: string[] }>("MATCH (n:Entity {id: 'northern-watch'}) RETURN labels(n) AS labels"));
    expect(watch!.labels.sort()).toEqual(['Entity', 'Event']);
  });

  it('when a seed file points its article text outside its folder, then --dry-run and a load refuse it, read nothing there and write nothing', async () => {
    const neo4j = inject('neo4j');
    await seed(db, { inputs: [ARTICLE_SEED] });
    const before = await fingerprint(db);
    const seedFile = smallSeed();
    const [file] = writeSeedFiles({ 'passwd.yaml': { ...seedFile, article: { ...seedFile.article!, text: '../../../../../../etc/passwd' } } });
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    for (const run of await Promise.all([['--dry-run', file!], [file!]].map((args) => runProgram(SEED_CLI, args, env)))) {
      expect(run.status, run.stdout).toBe(1);
      expect(run.stderr).toMatch(/passwd\.yaml: article\.text: \.\.\/(\.\.\/)+etc\/passwd leads outside the seed file's folder/);
      expect(run.stdout + run.stderr).not.toMatch(/root:/);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  it('when the graph holds articles but not the index this seeder finds them by, then a load refuses it before writing and says how to rebuild, a dry run still checks the files, and --reset rebuilds it', async () => {
    const other = writeSeedFiles({ 'other.yaml': smallSeed() });
    await seed(db, { inputs: [ARTICLE_SEED] });
    const loaded = await fingerprint(db);
    // What an earlier seeder left: articles, and no index by seed-file hash.
    await db.write('test.legacy', (tx) => tx.query('DROP INDEX article_file_hash'));
    await expect(seed(db, { inputs: [ARTICLE_SEED, ...other] })).rejects.toThrow(/earlier version of the seeder[\s\S]*npm run seed -- --reset/);
    expect(await fingerprint(db)).toEqual(loaded);

    const dry = await seed(db, { inputs: [ARTICLE_SEED, ...other], dryRun: true });
    expect(dry.unchanged).toEqual(['2025-11-03-international-force-gaza']);
    expect(dry.plans.map((plan) => plan.article.id)).toEqual([smallSeed().article.id]);
    expect(await fingerprint(db)).toEqual(loaded);

    const rebuilt = await seed(db, { inputs: [ARTICLE_SEED], reset: true });
    expect(rebuilt.report!.loaded).toEqual(['2025-11-03-international-force-gaza']);
    expect(await fingerprint(db)).toEqual(loaded);
    const again = await seed(db, { inputs: [ARTICLE_SEED] });
    expect(again.unchanged).toEqual(['2025-11-03-international-force-gaza']);
  });

  it('when Neo4j cannot be reached, then a dry run checks the files on their own and a load fails before writing', async () => {
    // Nothing listens there: retrying would only wait longer for the same answer.
    const down = testDatabase('test-seed-down', { NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`, NEO4J_RETRY_MS: '0' });
    try {
      const dry = await seed(down, { inputs: [ARTICLE_SEED], dryRun: true });
      expect(dry.plans.map((plan) => plan.article.id)).toEqual(['2025-11-03-international-force-gaza']);
      expect(dry.unchanged).toEqual([]);
      await expect(seed(down, { inputs: [ARTICLE_SEED] })).rejects.toThrow(/unavailable/i);
    } finally {
      await down.close();
    }
  });

  it('when the CLI is run with bad input or without Neo4j, then it exits non-zero, says why and writes nothing', async () => {
    const neo4j = inject('neo4j');
    const broken = smallSeed();
    broken.relations![1]!.to = 'nowhere';
    broken.relations![2]!.evidence = 'not in the text';
    const [file] = writeSeedFiles({ 'broken.yaml': broken });
    const env = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username, NEO4J_PASSWORD: neo4j.password, NEO4J_DATABASE: neo4j.database };
    // Three runs that write nothing, side by side; then one that loads.
    const [run, help, down] = await Promise.all([
      runProgram(SEED_CLI, [file!], env),
      runProgram(SEED_CLI, ['--help'], env),
      runProgram(SEED_CLI, [ARTICLE_SEED], { ...env, NEO4J_URI: `bolt://127.0.0.1:${await freePort()}`, NEO4J_RETRY_MS: '0' }),
    ]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/2 problems in the seed data:/);
    expect(run.stderr).toMatch(/broken\.yaml: relations\.1\.to: unknown entity "nowhere"/);
    expect(run.stderr).toMatch(/broken\.yaml: relations\.2\.evidence: not found verbatim in the article text: "not in the text"/);

    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/--dry-run/);

    expect(down.status).toBe(1);
    expect(down.stderr).toMatch(/^error: Neo4j is unavailable: /m);
    expect(down.stderr).not.toMatch(/stopped midway|\n\s+at /);

    const ok = await runProgram(SEED_CLI, [ARTICLE_SEED], env);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Article 2025-11-03-international-force-gaza: loaded\n/);
    expect(ok.stdout).toMatch(/CONTRIBUTES_TROOPS_TO\s+11\s+0/);
  });
});
