import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../src/api/errors.ts';
import { createApi, LIMITS } from '../../src/api/server.ts';
import { loadConfig, PROJECT_ROOT } from '../../src/config.ts';
import { GraphDatabase } from '../../src/db/client.ts';
import { RELATION_TYPE_NAMES } from '../../src/model.ts';
import { seed } from '../../src/seed/run.ts';
import { testDatabase } from '../support/database.ts';

type Api = ReturnType<typeof createApi>;
interface Sent {
  status: number;
  errors: { message: string; extensions?: Record<string, unknown> }[];
}

async function send(api: Api, init: RequestInit & { url?: string }): Promise<Sent> {
  const response = await api.fetch(init.url ?? 'http://test/graphql', { ...init, headers: { accept: 'application/json', ...(init.headers as Record<string, string>) } });
  const body = (await response.json()) as { errors?: Sent['errors'] };
  return { status: response.status, errors: body.errors ?? [] };
}
const post = (api: Api, query: string, variables: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  send(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables, ...extra }) });

describe('error codes', () => {
  const db = testDatabase('test-error-codes');
  // The API reads, and plans a query it has not run before, with 1 s timeouts, so that one operation below can run past them.
  const reader = testDatabase('test-error-codes', { NEO4J_TX_TIMEOUT_MS: '1000', NEO4J_PLAN_TIMEOUT_MS: '1000' });
  const api = createApi(reader);
  // The same 1 s for running a query, but the default time to plan one.
  const planner = testDatabase('test-error-codes', { NEO4J_TX_TIMEOUT_MS: '1000' });
  // The least time to run and to plan (0.1 s each): Neo4j's monitor, which looks every 2 s, stops the
  // slow text below by 2.2 s at the latest, and it takes over 3 s to plan even on a warmed-up server.
  const hurried = testDatabase('test-error-codes', { NEO4J_TX_TIMEOUT_MS: '100', NEO4J_PLAN_TIMEOUT_MS: '100' });
  const impatient = createApi(hurried);
  const unreachable = GraphDatabase.fromConfig(loadConfig({ NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_RETRY_MS: '0' }), 'test-error-codes');
  // A reader whose failure is none the API expects: what a bug would look like from the outside.
  const broken = createApi({ read: () => Promise.reject(new Error('internal detail: /srv/secret.ts:42')) } as unknown as GraphDatabase);

  beforeAll(() => seed(db, { reset: true, inputs: [path.join(PROJECT_ROOT, 'seed')] }));
  afterAll(async () => {
    await db.close();
    await reader.close();
    await planner.close();
    await hurried.close();
    await unreachable.close();
  });

  const coldNested = () => `{ entity(id: "iran") { relations { edges { node { object { r${randomUUID().slice(0, 8)}: relations { totalCount } } } } } } }`;
  // Pages that name four types each are read from each type's own index (see src/graph/read/listed.ts): every type both ways, nested in another page, is 72 subqueries to plan.
  const slowToPlan = () => {
    const alias = `r${randomUUID().slice(0, 8)}`;
    const groups = Array.from({ length: Math.ceil(RELATION_TYPE_NAMES.length / 4) }, (_, i) => RELATION_TYPE_NAMES.slice(4 * i, 4 * i + 4));
    const pages = groups.flatMap((types, i) =>
      (['OUT', 'IN'] as const).map((direction) => `${alias}${direction}${i}: relations(first: 2, direction: ${direction}, types: [${types.join(', ')}]) { edges { node { type } } }`),
    );
    return `{ entity(id: "iran") { relations { edges { node { object { ${pages.join(' ')} } } } } } }`;
  };
  let nesting = 'name';
  for (let i = 0; i < 10; i++) nesting = `relations { edges { node { object { ${nesting} } } } }`;

  // One request for each code in the table, sent to the API that would answer it so.
  const cases: [ErrorCode, () => Promise<Sent>][] = [
    ['BAD_REQUEST', () => send(api, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' })],
    ['UNSUPPORTED_MEDIA_TYPE', () => send(api, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{ articles { totalCount } }' })],
    ['NOT_ACCEPTABLE', () => send(api, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/xml' }, body: '{"query":"{ __typename }"}' })],
    ['GRAPHQL_PARSE_FAILED', () => post(api, '{ entity(')],
    ['GRAPHQL_VALIDATION_FAILED', () => post(api, 'mutation { deleteEverything }')],
    ['OPERATION_RESOLUTION_FAILURE', () => post(api, 'query A { __typename } query B { __typename }')],
    ['QUERY_TOO_COMPLEX', () => post(api, `{ entity(id: "iran") { ${nesting} } }`)],
    ['BAD_USER_INPUT', () => post(api, 'query($first: Int) { entities(first: $first) { totalCount } }', { first: 'ten' })],
    ['NOT_FOUND', () => post(api, '{ path(from: "iran", to: "atlantis") { length } }')],
    // Pages of every type, each read from its own index, nested in another page, take Neo4j 3 to 5 s to plan the first time
    // (a fresh alias makes a fresh Cypher text), even on a warmed-up server: past what the impatient API allows
    // however late Neo4j looks for transactions past their timeout (every 2 s, db.transaction.monitor.check.interval).
    ['QUERY_TIMEOUT', () => post(impatient, slowToPlan())],
    ['SERVICE_UNAVAILABLE', () => post(createApi(unreachable), '{ articles { totalCount } }')],
    ['INTERNAL_SERVER_ERROR', () => post(broken, '{ articles { totalCount } }')],
  ];

  it('when every code in the table is provoked by a request, then that request answers with exactly it, and the table has no other code', async () => {
    expect(cases.map(([code]) => code).sort()).toEqual(Object.keys(ERROR_CODES).sort());
    for (const [code, request] of cases) {
      const { errors } = await request();
      expect(errors.map((e) => e.extensions?.code), `${code}: ${JSON.stringify(errors).slice(0, 300)}`).toEqual([code]);
    }
  });

  it('when Neo4j takes longer to plan a new query than the transaction timeout allows a run, then its first request is still answered, and later ones run on the plan', async () => {
    const query = coldNested();
    const planned = createApi(planner);
    const first = await (await planned.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
    expect(first.errors).toBeUndefined();
    expect(first.data.entity.relations.edges.length).toBeGreaterThan(0);
    const again = await (await planned.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })).json();
    expect(again).toEqual(first);
  });

  it('when the first run of a new text outlasts the run timeout but not the planning budget, then it answers, and a later run as long is stopped with a timeout', async () => {
    // A query that only counts, sized to run about 5 s on this machine: far past the 1 s run
    // timeout, well within the default 60 s planning budget.
    const slow = 'UNWIND range(1, $n) AS i UNWIND range(1, 1000) AS j WITH i + j AS k WHERE k % 7 = 3 RETURN count(k) AS hits';
    // Timed on its second run, when Neo4j has planned it.
    const probeN = 5_000;
    let probeMs = 0;
    for (let round = 0; round < 2; round++) {
      const started = performance.now();
      await db.read('calibrate', (tx) => tx.query(slow, { n: probeN }));
      probeMs = performance.now() - started;
    }
    const n = Math.round((probeN * 5_000) / Math.max(1, probeMs));
    const plans = { cypher: `${slow} // ${randomUUID()}`, params: { n } };
    const first = await planner.read('slow', (tx) => tx.query<{ hits: number }>(slow, { n }), { plans });
    let hits = 0;
    for (let i = 1; i <= n; i++) for (let j = 1; j <= 1000; j++) if ((i + j) % 7 === 3) hits++;
    expect(first[0]!.hits).toBe(hits);
    const again = planner.read('slow', (tx) => tx.query(slow, { n }), { plans });
    await expect(again).rejects.toMatchObject({ kind: 'timeout' });
  }, 60_000);

  it('when a limit is exceeded, then the code says so and the message is not called a syntax error', async () => {
    const limits = [
      `{ entity(id: "iran") { ${nesting} } }`,
      `{ ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: entity(id: "iran") { name }`).join(' ')} }`,
      `{ entity(id: "iran") { ${'name '.repeat(LIMITS.maxTokens)} } }`,
      `{ entity(id: "iran") { name ${'@skip(if: false) '.repeat(LIMITS.maxDirectives + 1)} } }`,
      '{ entities(first: 2000000000) { totalCount } }',
    ];
    for (const query of limits) {
      const { errors } = await post(api, query);
      expect(errors).toHaveLength(1);
      expect(errors[0]!.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX' });
      expect(errors[0]!.message).toMatch(/limit of \d+ exceeded/i);
      expect(errors[0]!.message).not.toMatch(/syntax/i);
    }
  });

  it('when something unexpected fails inside, then the answer says only "Unexpected error."', async () => {
    const { status, errors } = await post(broken, '{ articles { totalCount } }');
    expect(status).toBeLessThan(600);
    expect(errors).toEqual([expect.objectContaining({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
  });
});
