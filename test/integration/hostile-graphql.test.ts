import path from 'node:path';
import fc from 'fast-check';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../src/api/errors.ts';
import { createApi, LIMITS } from '../../src/api/server.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import type { QueryEvent } from '../../src/db/client.ts';
import { encodeCursor } from '../../src/api/arguments.ts';
import { ENTITY_LABELS, RELATION_TYPE_NAMES } from '../../src/model.ts';
import { seed } from '../../src/seed/run.ts';
import { fingerprint, type GraphFingerprint } from '../support/graph.ts';
import { testDatabase } from '../support/database.ts';
import { likelyAtLeast, scaled } from '../support/scale.ts';

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}
interface Answer {
  status: number;
  body: { data?: any; errors?: GraphQLError[] };
}

/** Marks generated text: if it ever shows up in Cypher text rather than in parameters, input reached the query. */
const MARK = '\u27e6';
const INJECTIONS = [
  '"}) MATCH (n) DETACH DELETE n //',
  "') MATCH (n) DETACH DELETE n //",
  '`) DETACH DELETE n //',
  '$id} RETURN 1 UNION MATCH (n) DETACH DELETE n //',
  '\\u0027 OR 1=1 //',
  'CALL dbms.shutdown()',
  'AND OR NOT TO',
  '*:*',
  '~~~',
  '',
];
const REAL_IDS = ['iran', 'turkey', 'israel', 'jordan', 'civil-military-coordination-center', 'benjamin-netanyahu'];
const KINDS = ENTITY_LABELS.map((label) => label.toUpperCase());

/** Answers the API may give to bad input: refusals with a code that names the input as the fault. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'NOT_FOUND', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'QUERY_TOO_COMPLEX']);
function isExpectedError(error: GraphQLError): boolean {
  return REFUSALS.has(error.extensions?.code ?? '');
}

function problems(answer: Answer): string[] {
  const found: string[] = [];
  if (answer.status >= 500) found.push(`HTTP ${answer.status}`);
  for (const error of answer.body.errors ?? []) {
    if (!isExpectedError(error)) found.push(`unexpected error: ${JSON.stringify(error).slice(0, 300)}`);
    if (/\n\s+at /.test(error.message) || JSON.stringify(error).includes('.ts:')) found.push('stack trace sent to the client');
    if (error.message.length > 400) found.push(`error message of ${error.message.length} characters`);
  }
  return found;
}

describe('the GraphQL API under hostile input', () => {
  const db = testDatabase('test-hostile');
  const yoga = createApi(db);
  const events: QueryEvent[] = [];
  db.onQuery((event) => events.push(event));
  /** Every distinct Cypher text the API sent, with parameters it was sent with. */
  const sent = new Map<string, Record<string, unknown>>();
  let before: GraphFingerprint;

  async function send(body: string, init: { headers?: Record<string, string> } = {}): Promise<Answer> {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...init.headers },
      body,
    });
    return { status: response.status, body: (await response.json()) as Answer['body'] };
  }
  const graphql = (query: string, variables: Record<string, unknown> = {}) => send(JSON.stringify({ query, variables }));

  /** Runs a request and checks what it made the API send to Neo4j. */
  async function probe(query: string, variables: Record<string, unknown>): Promise<Answer> {
    events.length = 0;
    const answer = await graphql(query, variables);
    for (const event of events) {
      expect(event.mode).toBe('READ');
      expect(event.cypher).not.toContain(MARK);
      if (!sent.has(event.cypher)) sent.set(event.cypher, event.params);
    }
    return answer;
  }

  beforeAll(async () => {
    await seed(db, { reset: true, inputs: [path.join(PROJECT_ROOT, 'seed')] });
    before = await fingerprint(db);
  });
  afterAll(() => db.close());

  it('when an operation nests deeper than the limit, then it is refused before any query runs', async () => {
    let selection = 'name';
    for (let i = 0; i < 10; i++) selection = `relations { edges { node { object { ${selection} } } } }`;
    events.length = 0;
    const answer = await graphql(`{ entity(id: "iran") { ${selection} } }`);
    expect(answer.body.errors?.[0]?.message).toMatch(new RegExp(`depth limit of ${LIMITS.maxDepth}`, 'i'));
    expect(answer.body.data ?? null).toBeNull();
    expect(events).toHaveLength(0);
  });

  it('when an operation floods aliases or tokens, then it is refused before any query runs', async () => {
    events.length = 0;
    const aliases = await graphql(`{ ${Array.from({ length: LIMITS.maxAliases + 1 }, (_, i) => `a${i}: entity(id: "iran") { name }`).join(' ')} }`);
    expect(aliases.body.errors?.[0]?.message).toMatch(/aliases limit/i);
    const tokens = await graphql(`{ entity(id: "iran") { ${'name '.repeat(LIMITS.maxTokens)} } }`);
    expect(tokens.body.errors?.[0]?.message).toMatch(/token limit/i);
    expect(events).toHaveLength(0);
  });

  it('when first is huge, then the cost limit, the page cap or Int itself refuses it', async () => {
    const literal = await graphql('{ entities(first: 2000000000) { totalCount } }');
    expect(literal.body.errors?.[0]?.message).toMatch(/cost limit/i);
    const overCap = await graphql('query($first: Int) { entities(first: $first) { totalCount } }', { first: 101 });
    expect(overCap.body.errors?.[0]).toMatchObject({ message: 'first must be a whole number from 0 to 100 (got 101)', extensions: { code: 'BAD_USER_INPUT' } });
    const notInt = await graphql('query($first: Int) { entities(first: $first) { totalCount } }', { first: 2 ** 53 });
    expect(notInt.body.errors?.[0]?.message).toMatch(/^Variable "\$first" got invalid value/);
  });

  it('when strings are huge, then long ids are refused by length and oversized bodies by size, without echoing them', async () => {
    const id = await graphql('query($id: ID!) { entity(id: $id) { name } }', { id: 'x'.repeat(50_000) });
    expect(id.body.errors?.[0]).toMatchObject({ message: 'id must be at most 200 characters (got 50000)', extensions: { code: 'BAD_USER_INPUT' } });
    const body = await graphql('query($t: String!) { search(text: $t) { score } }', { t: 'x'.repeat(10_000_000) });
    expect(body.status).toBe(413);
    expect(body.body.errors?.[0]?.message).toMatch(/at most 100000 bytes/);
    const undeclared = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Blob([JSON.stringify({ query: '{ articles { totalCount } }' })]).stream(),
      duplex: 'half',
    } as RequestInit);
    expect(undeclared.status).toBe(411);
  });

  it('when operations are batched in one request, then the request is refused as a whole', async () => {
    const answer = await send(JSON.stringify([{ query: '{ articles { totalCount } }' }, { query: '{ entity(id: "iran") { name } }' }]));
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]).toMatchObject({ message: 'Batching is not supported.', extensions: { code: 'BAD_REQUEST' } });
  });

  describe('requests the API cannot read', () => {
    /** Sends raw bytes, as a broken client or a scanner would, and reads back whatever comes. */
    async function raw(init: RequestInit, url = 'http://test/graphql') {
      const response = await yoga.fetch(url, init);
      const text = await response.text();
      return { status: response.status, text, body: JSON.parse(text) as Answer['body'] };
    }
    /** A refusal: a 4xx, one error with a short message and a code, and nothing else about the server. */
    function expectTerse(answer: { status: number; text: string; body: Answer['body'] }, status: number, code: string) {
      expect(answer.status).toBe(status);
      expect(answer.body.errors).toHaveLength(1);
      expect(answer.body.errors![0]!.extensions).toEqual({ code });
      expect(answer.body.errors![0]!.message.length).toBeLessThan(120);
      expect(answer.text).not.toMatch(/originalError|stack|SyntaxError|\.ts:|node_modules/);
      expect(answer.text).not.toContain(MARK);
    }

    it('when the body is not JSON, has no type or another type, is too big, batched, or a GET with broken variables, then each gets a short message and a code', async () => {
      const secret = `${MARK}caller data`;
      // A new headers object each time: the fetch layer writes the body's length into the one it is given.
      const json = () => ({ 'content-type': 'application/json' });
      expectTerse(await raw({ method: 'POST', headers: json(), body: `{"query": "${secret}` }), 400, 'BAD_REQUEST');
      expectTerse(await raw({ method: 'POST', headers: json(), body: `{"query": "{ articles { totalCount } }"}` + secret }), 400, 'BAD_REQUEST');
      for (const type of ['text/plain', 'application/xml', 'multipart/form-data; boundary=x', 'application/octet-stream']) {
        expectTerse(await raw({ method: 'POST', headers: { 'content-type': type }, body: secret }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      }
      expectTerse(await raw({ method: 'POST', body: new TextEncoder().encode(secret) }), 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectTerse(await raw({ method: 'POST', headers: json(), body: JSON.stringify({ query: `{ search(text: "${'x'.repeat(LIMITS.maxBodyBytes)}") { score } }` }) }), 413, 'BAD_REQUEST');
      expectTerse(await raw({ method: 'POST', headers: json(), body: JSON.stringify([{ query: '{ articles { totalCount } }' }]) }), 400, 'BAD_REQUEST');
      const brokenVariables = `http://test/graphql?query=${encodeURIComponent('{ articles { totalCount } }')}&variables=${encodeURIComponent(`{${secret}`)}`;
      expectTerse(await raw({ method: 'GET', headers: { accept: 'application/json' } }, brokenVariables), 400, 'BAD_REQUEST');
    });

    it('property: for any bytes under any content type, the answer is an answer or a refusal with a code, never an internal error', async () => {
      const types = fc.constantFrom('application/json', 'application/graphql+json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=b', '');
      const body = fc.oneof(
        fc.string({ maxLength: 200, unit: 'binary' }),
        fc.json().map((j) => j.slice(0, 200)),
        fc.constantFrom('{', '[', 'null', '""', '{"query":', '{"query":null}', '{"query":"{ articles { totalCount } }","variables":"x"}', 'query=%7B'),
      );
      await fc.assert(
        fc.asyncProperty(types, body, async (type, text) => {
          const response = await yoga.fetch('http://test/graphql', {
            method: 'POST',
            headers: { accept: 'application/json', ...(type ? { 'content-type': type } : {}) },
            body: text,
          });
          const raw = await response.text();
          expect(response.status).toBeLessThan(500);
          const answer = JSON.parse(raw) as Answer['body'];
          for (const error of answer.errors ?? []) {
            expect(Object.keys(ERROR_CODES), JSON.stringify(error)).toContain(error.extensions?.code);
            expect(Object.keys(error.extensions ?? {}).filter((key) => key !== 'code')).toEqual([]);
          }
          expect(raw).not.toMatch(/originalError|\n\s+at |\.ts:\d|node_modules/);
        }),
        { numRuns: scaled(80, 300) },
      );
    });
  });

  it('when enum values are unknown, then validation names the value, as a literal or as a variable', async () => {
    const literal = await graphql('{ relations(types: [DROPS_TABLE]) { totalCount } }');
    expect(literal.body.errors?.[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(literal.body.errors?.[0]?.message).toContain('DROPS_TABLE');
    const variable = await graphql('query($k: EntityKind) { entities(kind: $k) { totalCount } }', { k: 'Person) DETACH DELETE (n' });
    expect(variable.body.errors?.[0]?.message).toMatch(/^Variable "\$k" got invalid value/);
    const direction = await graphql('{ entity(id: "iran") { relations(direction: SIDEWAYS) { totalCount } } }');
    expect(direction.body.errors?.[0]?.message).toContain('SIDEWAYS');
  });

  it('when Cypher-looking text is sent in every string argument, then it is only data: an empty answer or NOT_FOUND', async () => {
    for (const text of INJECTIONS.filter((t) => t !== '')) {
      const answer = await probe(
        `query($t: String!, $id: ID!) {
          entity(id: $id) { name relations(after: null) { totalCount } }
          search(text: $t) { entity { id } }
          relations(subject: $id, object: $id) { totalCount edges { node { type } } }
          offers(by: $id, rejectedBy: $id) { nodes { id } }
          entities(after: $t) { totalCount }
        }`,
        { t: text, id: text },
      );
      expect(problems(answer)).toEqual([]);
      expect(answer.body.errors?.map((e) => e.message)).toEqual(['after is not a cursor this API gave out for this list']);
      const paths = await probe('query($id: ID!) { path(from: $id, to: "iran") { length } neighborhood(id: $id) { nodes { id } } }', { id: text });
      expect(paths.body.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    }
    expect(await fingerprint(db)).toEqual(before);
  });

  describe('property: for generated arguments to every root field, every answer is correct or a clean refusal', () => {
    const marked = fc.string({ maxLength: 250, unit: 'binary' }).map((s) => `${MARK}${s}`);
    const text = fc.oneof(marked, fc.constantFrom(...INJECTIONS).map((s) => `${MARK}${s}`), fc.string({ maxLength: 12, unit: 'grapheme-ascii' }));
    // Weighted towards answerable values, so that most runs check an answer rather than a refusal.
    const id = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...REAL_IDS) }, { weight: 1, arbitrary: text });
    const mostlyRealId = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...REAL_IDS) }, { weight: 1, arbitrary: text });
    const int = (min: number, max: number) =>
      fc.oneof({ weight: 6, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: fc.integer() }, { weight: 1, arbitrary: fc.constant(null) });
    const types = fc.option(
      fc.array(fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...RELATION_TYPE_NAMES) }, { weight: 1, arbitrary: fc.constant('NOT_A_TYPE') }), { maxLength: 6 }),
    );
    const kinds = fc.option(fc.array(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...KINDS) }, { weight: 1, arbitrary: fc.constant('ALIEN') }), { maxLength: 4 }));
    const kind = fc.option(fc.oneof({ weight: 20, arbitrary: fc.constantFrom(...KINDS) }, { weight: 1, arbitrary: fc.constant('ALIEN') }));
    const date = fc.option(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('2024', '2025-06', '2025-11-03', '2026') },
        { weight: 1, arbitrary: fc.constantFrom('2025-02-30', '2025-13', '0000', '') },
        { weight: 1, arbitrary: fc.string({ maxLength: 11 }) },
      ),
      { freq: 2 },
    );
    // Cursors of the right shape for each list (a type, a direction and a key, or a key), and text that is none.
    const key = fc.oneof(fc.constantFrom('', 'iran ', 'hamas israel |', '2025-06-01 iran', 'z'), fc.string({ maxLength: 20 }));
    const position = fc.oneof(
      fc.tuple(fc.constantFrom(...RELATION_TYPE_NAMES), fc.constantFrom(0, 1), key),
      fc.tuple(key),
      fc.tuple(key, fc.constantFrom(...RELATION_TYPE_NAMES)),
    );
    const cursor = fc.option(fc.oneof({ weight: 3, arbitrary: position.map((p) => encodeCursor([...p])) }, { weight: 1, arbitrary: text }), { freq: 2 });
    // Most generated cursors are refused (a wrong shape, or text): lists asked mostly from their first page are answered often enough to check.
    const mostlyFirstPage = fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: cursor });
    const direction = fc.option(fc.oneof({ weight: 10, arbitrary: fc.constantFrom('OUT', 'IN', 'BOTH') }, { weight: 1, arbitrary: fc.constant('UP') }));
    const RELATION_FIELDS =
      'totalCount pageInfo { hasNextPage endCursor } edges { cursor node { type date role sourceCount subject { id name } object { id } evidence { totalCount nodes { quote article { id } } } } }';

    // Each case has one request known to be answered, so that its check runs on every run, whatever is generated.
    const cases: {
      field: string;
      query: string;
      variables: fc.Arbitrary<Record<string, unknown>>;
      answerable: Record<string, unknown>;
      check?: (data: any, variables: any) => void;
    }[] = [
      {
        field: 'entity',
        answerable: { id: 'iran', direction: 'BOTH', types: null, since: null, until: null, first: 5, after: null },
        query: `query($id: ID!, $direction: Direction, $types: [RelationType!], $since: Date, $until: Date, $first: Int, $after: String) {
          entity(id: $id) { id name kind aliases mentionedIn { totalCount nodes { quote } } relations(direction: $direction, types: $types, since: $since, until: $until, first: $first, after: $after) { ${RELATION_FIELDS} } }
        }`,
        // Seven arguments that may each refuse: real ids and fewer cursors keep enough runs answered to check them.
        variables: fc.record({ id: mostlyRealId, direction, types, since: date, until: date, first: int(0, 100), after: mostlyFirstPage }),
        check: (data, variables) => {
          if (data.entity) expect(data.entity.id).toBe(variables.id);
        },
      },
      {
        field: 'entities',
        answerable: { kind: 'COUNTRY', first: 5, after: null },
        query: 'query($kind: EntityKind, $first: Int, $after: String) { entities(kind: $kind, first: $first, after: $after) { totalCount edges { cursor node { id kind } } pageInfo { hasNextPage } } }',
        variables: fc.record({ kind, first: int(0, 100), after: mostlyFirstPage }),
        check: (data, variables) => {
          const edges = data.entities.edges;
          expect(edges.length).toBeLessThanOrEqual(variables.first ?? 20);
          expect(data.entities.totalCount).toBeGreaterThanOrEqual(edges.length);
          if (variables.kind) for (const edge of edges) expect(edge.node.kind).toBe(variables.kind);
        },
      },
      {
        field: 'search',
        answerable: { text: 'turky', kinds: null, first: 5 },
        query: 'query($text: String!, $kinds: [EntityKind!], $first: Int) { search(text: $text, kinds: $kinds, first: $first) { score entity { id kind } } }',
        variables: fc.record({ text: fc.oneof(text, fc.constantFrom('netanyahou', 'turky', 'Iran', 'hamas', 'Jordan king', 'gaza force')), kinds, first: int(0, 100) }),
        check: (data, variables) => {
          const scores = data.search.map((hit: { score: number }) => hit.score);
          expect(scores).toEqual([...scores].sort((a, b) => b - a));
          expect(scores.length).toBeLessThanOrEqual(variables.first ?? 10);
          if (variables.kinds?.length) for (const hit of data.search) expect(variables.kinds).toContain(hit.entity.kind);
        },
      },
      {
        field: 'relations',
        answerable: { types: null, subject: 'israel', object: null, since: '2025', until: null, first: 5, after: null },
        query: `query($types: [RelationType!], $subject: ID, $object: ID, $since: Date, $until: Date, $first: Int, $after: String) {
          relations(types: $types, subject: $subject, object: $object, since: $since, until: $until, first: $first, after: $after) { ${RELATION_FIELDS} }
        }`,
        // Dates, types and cursors each refuse a share of runs; fewer cursors keep most runs answered here.
        variables: fc.record({ types, subject: fc.option(id), object: fc.option(id), since: date, until: date, first: int(0, 100), after: fc.oneof(fc.constant(null), cursor) }),
        check: (data, variables) => {
          for (const { node } of data.relations.edges) {
            if (variables.types?.length) expect(variables.types).toContain(node.type);
            if (variables.subject) expect(node.subject.id).toBe(variables.subject);
            if (variables.object) expect(node.object.id).toBe(variables.object);
          }
        },
      },
      {
        field: 'path',
        answerable: { from: 'iran', to: 'israel', maxHops: 3 },
        query: 'query($from: ID!, $to: ID!, $maxHops: Int) { path(from: $from, to: $to, maxHops: $maxHops) { length nodes { id } hops { type evidence { nodes { quote } } } } }',
        // Two ids that must both be real (and differ) to be answered: real ones weigh more here.
        variables: fc.record({ from: mostlyRealId, to: mostlyRealId, maxHops: int(1, 6) }),
        check: (data, variables) => {
          if (!data.path) return;
          expect(data.path.nodes[0].id).toBe(variables.from);
          expect(data.path.nodes.at(-1).id).toBe(variables.to);
          expect(data.path.hops).toHaveLength(data.path.length);
        },
      },
      {
        field: 'neighborhood',
        answerable: { id: 'jordan', hops: 1, types: null },
        query: 'query($id: ID!, $hops: Int, $types: [RelationType!]) { neighborhood(id: $id, hops: $hops, types: $types) { nodes { id } edges { type subject { id } object { id } } } }',
        variables: fc.record({ id, hops: int(1, 3), types }),
        check: (data) => {
          const ids = new Set(data.neighborhood.nodes.map((node: { id: string }) => node.id));
          for (const edge of data.neighborhood.edges) expect(ids.has(edge.subject.id) && ids.has(edge.object.id)).toBe(true);
        },
      },
      {
        field: 'offers',
        answerable: { by: null, rejectedBy: 'israel', first: 5 },
        query: 'query($by: ID, $rejectedBy: ID, $first: Int) { offers(by: $by, rejectedBy: $rejectedBy, first: $first) { totalCount nodes { id by { id } rejectedBy { id } } } }',
        variables: fc.record({ by: fc.option(id), rejectedBy: fc.option(id), first: int(0, 100) }),
        check: (data, variables) => {
          expect(data.offers.nodes.length).toBeLessThanOrEqual(Math.min(data.offers.totalCount, variables.first ?? 20));
          for (const offer of data.offers.nodes) {
            if (variables.by) expect(offer.by.map((e: { id: string }) => e.id)).toContain(variables.by);
            if (variables.rejectedBy) expect(offer.rejectedBy.map((e: { id: string }) => e.id)).toContain(variables.rejectedBy);
          }
        },
      },
      {
        field: 'articles',
        answerable: { first: 5, after: null },
        query: 'query($first: Int, $after: String) { articles(first: $first, after: $after) { totalCount nodes { id title mentions { totalCount nodes { id } } } } }',
        variables: fc.record({ first: int(0, 100), after: mostlyFirstPage }),
        check: (data, variables) => {
          expect(data.articles.totalCount).toBeGreaterThan(0);
          expect(data.articles.nodes.length).toBeLessThanOrEqual(variables.first ?? 20);
        },
      },
    ];

    // Generated arguments make many query shapes, and Neo4j plans each new one once: an entity's
    // relations of a period, with every type in the Cypher, take it seconds. The time allowed is for
    // that planning; the checks themselves are on what comes back.
    const PLANNING_ALLOWANCE_MS = 240_000;
    for (const { field, query, variables, answerable, check } of cases) {
      it(`${field}: no unexpected error, no write, no input in Cypher text, and every Cypher text sent plans as read-only`, async () => {
        const numRuns = field === 'articles' ? scaled(6, 20) : scaled(10, 80);
        sent.clear();
        const known = await probe(query, answerable);
        expect(known.body.errors, JSON.stringify(answerable)).toBeUndefined();
        check?.(known.body.data, answerable);
        let answered = 0;
        await fc.assert(
          fc.asyncProperty(variables, async (vars) => {
            const answer = await probe(query, vars);
            expect(problems(answer)).toEqual([]);
            if (!answer.body.errors) {
              answered++;
              check?.(answer.body.data, vars);
            }
          }),
          { numRuns },
        );
        console.log(`${field}: ${answered} of ${numRuns} generated requests answered and checked; ${sent.size} distinct Cypher texts sent`);
        // Not a vacuous pass: a share of the generated runs were answered and their answers checked. Each case's
        // arguments are answerable about half the time or more; the floor assumes 3 in 10, so chance alone
        // misses it about once in a million runs (with ten runs the floor is 0 and the count only printed).
        expect(answered, `FC_SEED=${fc.readConfigureGlobal().seed} replays these runs`).toBeGreaterThanOrEqual(likelyAtLeast(numRuns, 0.3));
        expect(await fingerprint(db)).toEqual(before);
        expect(sent.size).toBeGreaterThan(0);
        for (const [cypher, params] of sent) {
          const { summary } = await db.driver.executeQuery(`EXPLAIN ${cypher}`, params, { database: db.database, routing: neo4j.routing.READ });
          expect(summary.queryType, cypher).toBe('r');
        }
      }, PLANNING_ALLOWANCE_MS);
    }
  });
});
