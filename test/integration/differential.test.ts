/**
 * Every valid operation gets the right answer: random operations (test/support/operations.ts) go to
 * the API and to a reference executor over the same Neo4j (test/support/reference.ts: plain
 * resolvers, one naive query per field). Their data must be identical and their error codes the
 * same. Connections whose pages are walked follow each side's own cursors.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { execute, parse, validate, type ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/api/schema.ts';
import { GraphQueries } from '../../src/graph/read/queries.ts';
import { ARTICLE_STATUS } from '../../src/model.ts';
import { createApi } from '../../src/api/server.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import { testDatabase } from '../support/database.ts';
import { writeSyntheticCorpus } from '../support/corpus.ts';
import { graphqlClient, type GraphqlAnswer } from '../support/graphql.ts';
import { operationText, rootOperation, variablesOf, type GeneratedOperation, type Pools } from '../support/operations.ts';
import { referenceSchema } from '../support/reference.ts';
import { scaled } from '../support/scale.ts';

/** How many generated operations a run checks: a few hundred in `npm test`, thousands in `npm run test:long`. */
const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? scaled(150, 2000));
const PAGES_WALKED = 3;

/** A cursor of either side: the reference's position, or the API's base64url JSON array (whatever the alias). */
function isCursor(value: string): boolean {
  if (/^ref:\d+$/.test(value)) return true;
  if (!/^[A-Za-z0-9_-]+$/.test(value)) return false;
  try {
    return Array.isArray(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
  } catch {
    return false;
  }
}

/** JSON with keys in order, so that two equal answers print alike whatever order their keys came in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

/** Cursors differ by design (each side has its own); whether there is one does not. Neighbourhoods are sets. */
function normalise(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => normalise(item));
    if (key !== 'neighborhood-list') return items;
    return items.map((item) => [canonical(item), item] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, item]) => item);
  }
  if (typeof value === 'string') return isCursor(value) ? 'a cursor' : value;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).map(([k, v]) => {
    if (key === 'neighborhood' && Array.isArray(v)) return [k, normalise(v, 'neighborhood-list')];
    return [k, normalise(v, k)];
  });
  return Object.fromEntries(entries);
}

const codes = (errors: readonly { extensions?: Record<string, unknown> }[] | undefined) => [...new Set((errors ?? []).map((error) => String(error.extensions?.code)))].sort();

/** The cursor to continue a walk from, in a walked root connection's answer. */
function endCursor(data: any): string | null {
  const root = data && Object.values(data)[0];
  return root?.pageInfo?.hasNextPage ? (root.pageInfo.endCursor ?? null) : null;
}

describe('the API against a reference executor', () => {
  const db = testDatabase('test-differential');
  const yoga = createApi(db);
  const ours = graphqlClient(yoga);
  const apiSchema = buildSchema();
  const reference = referenceSchema(db);
  let pools: Pools;

  beforeAll(async () => {
    await resetProjectData(db);
    const article = readdirSync(path.join(PROJECT_ROOT, 'seed'))
      .filter((name) => /\.ya?ml$/.test(name))
      .map((name) => path.join(PROJECT_ROOT, 'seed', name));
    const corpus = writeSyntheticCorpus(12, { pool: 40, entitiesPerArticle: 14, relationsPerArticle: 12, repeatShare: 0.7, seed: 11 });
    // Follow-up reports whose facts have every status, some of them changing from report to report.
    const followUps = path.join(PROJECT_ROOT, 'test/fixtures/lake-vessa');
    await seed(db, { inputs: [...article, ...corpus, followUps] });
    const [ids] = await db.read('test', (tx) =>
      tx.query<{ entities: string[]; articles: string[]; types: string[]; dates: string[]; published: string[] }>(
        `RETURN COLLECT { MATCH (n:Entity) RETURN n.id ORDER BY COUNT { (n)--() } DESC } AS entities,
                COLLECT { MATCH (a:Article) RETURN a.id } AS articles,
                COLLECT { MATCH ()-[r]->() WHERE type(r) <> 'MENTIONS' RETURN DISTINCT type(r) } AS types,
                COLLECT { MATCH ()-[r]->() UNWIND [r.date, r.since, r.until] AS d WITH d WHERE d IS NOT NULL RETURN DISTINCT d } AS dates,
                COLLECT { MATCH (a:Article) RETURN DISTINCT toString(a.publishedAt) AS d ORDER BY d } AS published`,
      ),
    );
    // Hubs first and a spread of the rest: answers with much in them, and leaves.
    const entities = ids!.entities;
    pools = {
      entityIds: [...entities.slice(0, 8), ...entities.filter((_, i) => i % 9 === 0), 'lake-vessa-monitoring-mission', 'graustark'],
      articleIds: ids!.articles,
      relationTypes: ids!.types.sort(),
      dates: [...new Set([...ids!.dates.map(String).slice(0, 10), '2001', '2010-05', '2023-10-07', '2025', '2026-01'])],
      // Each publication day, the day before the first, and a month and a year that hold several.
      reported: [...new Set([...ids!.published, '2019-12-31', ids!.published[0]!.slice(0, 7), ids!.published[0]!.slice(0, 4), '2025-11'])],
    };
  }, 240_000);
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  async function referenceAnswer(source: string, variables: Record<string, unknown>): Promise<ExecutionResult> {
    return execute({ schema: reference, document: parse(source), variableValues: variables });
  }

  /** Runs one operation on both sides, walking pages where it asks; returns what differs, or null. */
  async function compare(operation: GeneratedOperation): Promise<{ skipped: boolean }> {
    const source = operationText(operation);
    const errors = validate(apiSchema, parse(source));
    if (errors.length > 0) return { skipped: true };
    let [ourAfter, theirAfter]: (string | null)[] = [null, null];
    for (let pageNumber = 0; pageNumber < PAGES_WALKED; pageNumber++) {
      const mine: GraphqlAnswer = await ours(source, variablesOf(operation, ourAfter));
      const theirs = await referenceAnswer(source, variablesOf(operation, theirAfter));
      if (codes(mine.errors).includes('QUERY_TOO_COMPLEX')) return { skipped: true };
      const context = `${source}\nvariables: ${JSON.stringify(variablesOf(operation, ourAfter))}\npage ${pageNumber + 1}`;
      expect(codes(mine.errors), `error codes of\n${context}\nours: ${JSON.stringify(mine.errors)}\nreference: ${JSON.stringify(theirs.errors)}`).toEqual(codes(theirs.errors));
      expect(normalise(mine.data ?? null), `data of\n${context}`).toEqual(normalise(JSON.parse(JSON.stringify(theirs.data ?? null))));
      if (!operation.walks) break;
      [ourAfter, theirAfter] = [endCursor(mine.data), endCursor(theirs.data)];
      expect(ourAfter === null, `whether there is a next page, ${context}`).toBe(theirAfter === null);
      if (ourAfter === null) break;
    }
    return { skipped: false };
  }

  it('when an entity is asked for with the same response key under different type conditions, then each type answers its own field', async () => {
    const answer = await ours(`{ entity(id: "iran") { ... on Statement { x: quote } ... on Country { x: name } } }`);
    expect(answer).toEqual({ data: { entity: { x: 'Iran' } } });
  });

  it('when a field is skipped with a variable, then its arguments are not checked and it costs nothing', async () => {
    const operation = `query ($s: Boolean!) { entity(id: "iran") { name relations(first: 1000) @skip(if: $s) { totalCount } } }`;
    expect(await ours(operation, { s: true })).toEqual({ data: { entity: { name: 'Iran' } } });
    expect(codes((await ours(operation, { s: false })).errors)).toEqual(['BAD_USER_INPUT']);
  });

  /** Operations the property once found answered wrongly, shrunk: each stays a regular test. */
  const FOUND: { root: string; walks?: boolean }[] = [
    // The whole graph's facts, walked page by page: the cursor named the incoming key and direction, and page 2 skipped the rest of a type.
    { root: 'relations(after: $after) { moreEdges: edges { node { type firstReported } } pageInfo { endCursor hasNextPage } }', walks: true },
    // The neighbourhood's edges are the relationships its entities were reached by, as the schema says.
    { root: 'neighborhood(id: "israel") { edges { ...RelationBasics } }' },
    // A relations page asked of one type only was written twice in a per-label projection, and took too long to plan.
    { root: 'neighborhood(id: "israel") { nodes { relations { moreEdges: edges { node { status } } } ... on Organization { x: category } ...EntityBasics } edges { ...RelationBasics } }' },
    { root: 'entity(id: "iran") { ... on Statement { x: quote } ... on Country { x: name } }' },
    // statements, a field of three entity types but not of Entity, had no entry in the arguments table.
    { root: 'entities { edges { node { ... on Person { statements { moreNodes: nodes { ... { id } } } } ... on Country { ...CountryCode } ...EntityBasics } } }' },
    // A page asked of one type only, inside a label test, failed in Neo4j 5.26 in a neighbourhood ("expected a map but was null").
    { root: 'neighborhood(id: "israel") { nodes { ... on Person { statements { moreEdges: edges { node { ... on Statement { ...StatementWords } } } } } ... on Statement { ...StatementWords } ... { id } } edges { date } }' },
    { root: 'neighborhood(id: "israel") { nodes { ... on Person { x: mentionedIn { totalCount } } ... on Country { x: relations { totalCount } } } }' },
    // A short list of related entities (authors, by, to, about) held one more than `first`.
    { root: 'entities(first: 100) { nodes { ... on Work { category x: category authors(first: 0) { aliases } } } }' },
    { root: 'offers { nodes { by(first: 1) { id } to(first: 0) { id } } }' },
    // Cutting the short list's extra row with a slice made Neo4j 5.26 fail (a NullPointerException) inside a neighbourhood.
    { root: 'neighborhood(id: "israel") { nodes { ... on Organization { troopContributors @skip(if: true) { edges { cursor } } } ... on Work { authors { ... { id } } } } edges { forces } }' },
    { root: 'neighborhood(id: "israel") { nodes { ... on Offer { by { id } } } }' },
    // A count over a date range under a list comprehension made Neo4j 5.26 fail; entity lists are unwound instead.
    { root: 'neighborhood(id: "israel") { nodes { relations(since: "2024", until: "2024") { totalCount nodes @skip(if: true) { status } } mentionedIn { totalCount } } }' },
    // graphql-jit resolved the fragment inside a field that @include left out, when the same field came again from a fragment.
    { root: 'relations(subject: "israel") { pageInfo { startCursor } nodes { ...RelationBasics } moreNodes: nodes { object @include(if: $no) { ... on Place { x: category } ... on Offer { category } } ...RelationBasics } moreEdges: edges { node { __typename } } }' },
    // In date order, only dated facts are listed, and so only they may be counted.
    { root: 'relations(orderBy: DATE) { totalCount }' },
    // The articles as of a day ended just before that day's keys, which continue past the date with the article id.
    { root: 'articles(asOf: "2020-01-01") { totalCount moreEdges: edges { node { mentions { edges { node { ...EntityBasics } } } } } }' },
  ];

  it('when operations once found answered wrongly are asked, then they match the reference', async () => {
    for (const found of FOUND) expect((await compare({ root: found.root, variables: [], walks: found.walks ?? false })).skipped).toBe(false);
  });

  it('property: when nothing is hidden, and when an article is hidden as a stopped load leaves it, then the queries written for nothing hidden answer as those with every check', async () => {
    const [smaller, checked] = [new GraphQueries(db), new GraphQueries(db, { nothingHiddenFirst: false })];
    const compareBoth = async (operation: GeneratedOperation) => {
      const [source, variableValues] = [operationText(operation), variablesOf(operation)];
      const document = parse(source);
      if (validate(apiSchema, document).length > 0) return;
      const answer = (graph: GraphQueries) => execute({ schema: apiSchema, document, variableValues, contextValue: { graph } });
      const [mine, full] = await Promise.all([answer(smaller), answer(checked)]);
      const context = `${source}\nvariables: ${JSON.stringify(variableValues)}`;
      expect(codes(mine.errors), context).toEqual(codes(full.errors));
      expect(JSON.parse(JSON.stringify(mine.data ?? null)), context).toEqual(JSON.parse(JSON.stringify(full.data ?? null)));
    };
    const runs = scaled(8, 100);
    // Counts of the whole graph and of a hub come from what Neo4j keeps where nothing is hidden, and count each fact where something is.
    const examples: [GeneratedOperation][] = ['relations { totalCount }', `entity(id: "${pools.entityIds[0]}") { relations { totalCount } mentionedIn { totalCount } }`].map((root) => [
      { root, variables: [], walks: false },
    ]);
    await fc.assert(fc.asyncProperty(rootOperation(pools), compareBoth), { numRuns: runs, examples });
    // The article that names the most entities, hidden as the seeder hides one while it writes it.
    const setStatus = (status: string) =>
      db.write('test.hide', (tx) =>
        tx.query(`MATCH (a:Article) WITH a ORDER BY COUNT { (a)-[:MENTIONS]->() } DESC, a.id LIMIT 1 SET a.status = $status RETURN a.id`, { status }),
      );
    await setStatus(ARTICLE_STATUS.loading);
    try {
      await fc.assert(fc.asyncProperty(rootOperation(pools), compareBoth), { numRuns: runs, examples });
    } finally {
      await setStatus(ARTICLE_STATUS.loaded);
    }
  });

  it(`property: when ${RUNS} random valid operations are asked of the API and of the reference, then data and error codes are the same`, async () => {
    let [checked, skipped] = [0, 0];
    await fc.assert(
      fc.asyncProperty(rootOperation(pools), async (operation) => {
        const { skipped: wasSkipped } = await compare(operation);
        if (wasSkipped) skipped++;
        else checked++;
      }),
      { numRuns: RUNS, endOnFailure: false },
    );
    console.log(`differential: ${checked} operations compared, ${skipped} generated operations were left out (not valid GraphQL, or over the API complexity limits)`);
    expect(checked).toBeGreaterThan(RUNS * 0.8);
  }, Math.max(3_600_000, RUNS * 1_000));
});
