/**
 * Time, on the article and its fictional follow-up (test/fixtures/follow-up, published two months
 * later): what was true on a day (validAt), what has not ended (current), and what the news had
 * reported by a day (asOf), on every field that takes them.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { seed } from '../../src/seed/run.ts';
import { testDatabase } from '../support/database.ts';
import { graphqlClient } from '../support/graphql.ts';

const ARTICLE = path.join(PROJECT_ROOT, 'seed/2025-11-03-international-force-gaza.yaml');
const FOLLOW_UP = path.join(PROJECT_ROOT, 'test/fixtures/follow-up/2026-01-15-gaza-force-follow-up.yaml');
const FOLLOW_UP_ID = '2026-01-15-gaza-force-follow-up';

describe('time, on the article and a later article', () => {
  const db = testDatabase('test-time', { NEO4J_TX_TIMEOUT_MS: '30000' });
  const graphql = graphqlClient(createApi(db));

  beforeAll(async () => {
    await seed(db, { reset: true, inputs: [ARTICLE, FOLLOW_UP] });
  });
  afterAll(() => db.close());

  const line = (n: any) => `${n.type} ${n.subject?.id ?? ''}>${n.object.id}`;

  it('when facts true on a day are asked for, then a state holds from its first known day until an end a report gives or a later fact that overtakes it', async () => {
    const { data, errors } = await graphql(`{
      before: relations(types: [CONTROLS], validAt: "2025-11-15") { nodes { type subject { id } object { id } share date since } }
      after: relations(types: [CONTROLS], validAt: "2026-02-01") { nodes { type subject { id } object { id } share date since } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.before.nodes.map((n: any) => `${line(n)} ${n.share ?? ''} ${n.date ?? ''} ${n.since ?? ''}`)).toEqual(['CONTROLS hamas>gaza-strip   2025-11', 'CONTROLS israel>gaza-strip roughly 50%  2025-11']);
    // Hamas's control, reported in November and ended by nothing since, still holds in February; Israel's share changed.
    expect(data.after.nodes).toEqual([
      { type: 'CONTROLS', subject: { id: 'hamas' }, object: { id: 'gaza-strip' }, share: null, date: null, since: '2025-11' },
      { type: 'CONTROLS', subject: { id: 'israel' }, object: { id: 'gaza-strip' }, share: 'roughly 40%', date: null, since: '2025-12' },
    ]);
  });

  it('when only current facts are asked for, then a state a later report ends is left out and one still open stays; the two reports of one state are one fact', async () => {
    const { data, errors } = await graphql(`{
      katz: entity(id: "yaakov-katz") { relations(types: [AFFILIATED_WITH], current: true) { nodes { since until } } all: relations(types: [AFFILIATED_WITH]) { nodes { since until sourceCount } } }
      turkey: entity(id: "turkey") { relations(types: [CONTRIBUTES_TROOPS_TO], current: true) { nodes { object { id } since until } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.katz.all.nodes).toEqual([{ since: '2025-11', until: '2025-12', sourceCount: 2 }]);
    expect(data.katz.relations.nodes).toEqual([]);
    expect(data.turkey.relations.nodes).toEqual([{ object: { id: 'international-stabilization-force-for-gaza' }, since: '2026-01', until: null }]);
  });

  it('when facts are asked as the news stood on a day, then only what articles published by then state is there, with their evidence counted alone', async () => {
    const { data, errors } = await graphql(`{
      then: relations(subject: "iran", types: [FUNDS], asOf: "2025-11-30") { totalCount nodes { object { id } sourceCount firstReported lastReported evidence { totalCount nodes { article { id } } } } }
      now: relations(subject: "iran", types: [FUNDS]) { totalCount nodes { object { id } sourceCount lastReported evidence { totalCount } } }
      answerThen: entity(id: "israel") { relations(types: [ACCEPTED, REJECTED], direction: OUT, asOf: "2025-12") { totalCount nodes { type object { id } } } }
      answerNow: entity(id: "israel") { relations(types: [ACCEPTED, REJECTED], direction: OUT) { totalCount nodes { type object { id } } } }
      before: relations(types: [ACCEPTED], asOf: "2025-11-02") { totalCount }
    }`);
    expect(errors).toBeUndefined();
    const hamasThen = data.then.nodes.find((n: any) => n.object.id === 'hamas');
    expect(hamasThen).toEqual({ object: { id: 'hamas' }, sourceCount: 1, firstReported: '2025-11-03', lastReported: '2025-11-03', evidence: { totalCount: 1, nodes: [{ article: { id: '2025-11-03-international-force-gaza' } }] } });
    expect(data.then.totalCount).toBe(3);
    expect(data.now.nodes.find((n: any) => n.object.id === 'hamas')).toEqual({ object: { id: 'hamas' }, sourceCount: 2, lastReported: '2026-01-15', evidence: { totalCount: 2 } });
    expect(data.answerThen.relations).toEqual({ totalCount: 1, nodes: [{ type: 'REJECTED', object: { id: 'turkey-troops-offer' } }] });
    expect(data.answerNow.relations).toEqual({
      totalCount: 2,
      nodes: [
        { type: 'REJECTED', object: { id: 'turkey-troops-offer' } },
        { type: 'ACCEPTED', object: { id: 'turkey-troops-offer' } },
      ].sort((a, b) => (a.type < b.type ? -1 : 1)),
    });
    expect(data.before.totalCount).toBe(0);
  });

  it('when articles, search, a path and a neighbourhood are asked as of a day or on a day, then what only a later article says, or what did not hold then, is not there', async () => {
    const { data, errors } = await graphql(`{
      articlesThen: articles(asOf: "2025-12-31") { totalCount nodes { id } }
      articlesNow: articles { totalCount nodes { id } }
      searchThen: search(text: "first deployment", asOf: "2025-12-31") { entity { id } }
      searchNow: search(text: "first deployment") { entity { id } }
      pathThen: path(from: "turkey", to: "gaza-force-first-deployment", asOf: "2025-12-31") { length }
      pathNow: path(from: "turkey", to: "gaza-force-first-deployment") { length hops { type sourceCount } }
      turkeyThen: neighborhood(id: "turkey", asOf: "2025-12-31") { nodes { id } edges { type object { id } } }
      turkeyNow: neighborhood(id: "turkey") { nodes { id } }
      iranIn2024: neighborhood(id: "iran", validAt: "2024-06") { nodes { id } edges { type subject { id } object { id } date } }
      pathBefore: path(from: "turkey", to: "gaza-force-first-deployment", validAt: "2025-06") { length }
      pathDuring: path(from: "turkey", to: "gaza-force-first-deployment", validAt: "2026-01-20") { length }
    }`);
    expect(errors).toBeUndefined();
    expect(data.articlesThen).toEqual({ totalCount: 1, nodes: [{ id: '2025-11-03-international-force-gaza' }] });
    expect(data.articlesNow).toEqual({ totalCount: 2, nodes: [{ id: FOLLOW_UP_ID }, { id: '2025-11-03-international-force-gaza' }] });
    expect(data.searchThen.map((hit: any) => hit.entity.id)).not.toContain('gaza-force-first-deployment');
    expect(data.searchNow[0].entity.id).toBe('gaza-force-first-deployment');
    expect(data.pathThen).toBeNull();
    expect(data.pathNow).toEqual({ length: 1, hops: [{ type: 'PARTICIPATED_IN', sourceCount: 1 }] });
    const turkeyThen = data.turkeyThen.nodes.map((n: any) => n.id);
    expect(turkeyThen).not.toContain('international-stabilization-force-for-gaza');
    expect(turkeyThen).not.toContain('gaza-force-first-deployment');
    expect(data.turkeyNow.nodes.map((n: any) => n.id)).toEqual(expect.arrayContaining(['international-stabilization-force-for-gaza', 'gaza-force-first-deployment', ...turkeyThen]));
    expect(data.iranIn2024.edges.map((e: any) => `${e.type} ${e.subject.id}>${e.object.id} ${e.date}`).sort()).toEqual(['ATTACKED iran>israel 2024', 'ATTACKED israel>iran 2024']);
    expect(data.iranIn2024.nodes.map((n: any) => n.id)).toEqual(['iran', 'israel']);
    // Turkey's part in the deployment is dated January 2026: no path through it before.
    expect(data.pathBefore).toBeNull();
    expect(data.pathDuring).toEqual({ length: 1 });
  });

  it('when an entity’s timeline is walked a few facts at a time, then its dated facts come once each, in the order they begin, within the period asked', async () => {
    const [expected] = await db.read('test', (tx) =>
      tx.query<{ facts: string[] }>(
        `MATCH (x:Entity)-[r]->(y:Entity) WHERE 'israel' IN [x.id, y.id] AND r.dateFrom >= date('2025-01-01') AND r.dateFrom <= date('2025-12-31')
         WITH r, CASE WHEN x.id = 'israel' THEN y.id ELSE x.id END AS other
         ORDER BY r.dateFrom, other, r.key, type(r)
         RETURN collect(type(r) + ' ' + startNode(r).id + '>' + endNode(r).id) AS facts`,
      ),
    );
    expect(expected!.facts.length).toBeGreaterThan(6);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 20; pages++) {
      const { data, errors }: { data?: any; errors?: unknown } = await graphql(
        `query ($after: String) { timeline(entity: "israel", since: "2025", until: "2025", first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { type subject { id } object { id } evidence { totalCount } } } }`,
        { after },
      );
      expect(errors).toBeUndefined();
      expect(data.timeline.totalCount).toBe(expected!.facts.length);
      seen.push(...data.timeline.nodes.map((n: any) => `${n.type} ${n.subject.id}>${n.object.id}`));
      for (const node of data.timeline.nodes) expect(node.evidence.totalCount).toBeGreaterThan(0);
      if (!data.timeline.pageInfo.hasNextPage) break;
      after = data.timeline.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected!.facts);
    const unknown = await graphql('{ timeline(entity: "no-such-entity") { totalCount } }');
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('when asOf comes with a ranking by corroboration, or validAt with a period, then each is refused naming what to do instead', async () => {
    const corroboration = await graphql('{ entity(id: "iran") { relations(orderBy: CORROBORATION, asOf: "2025-12") { totalCount } } }');
    expect(corroboration.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(corroboration.errors?.[0]?.message).toMatch(/CORROBORATION ranks facts by the articles the graph holds now, not as of a day/);
    const period = await graphql('{ neighborhood(id: "iran", validAt: "2024", asOf: "2025") { truncated } path(from: "iran", to: "israel", validAt: "2024") { length } }');
    expect(period.errors).toBeUndefined();
    const both = await graphql('{ entity(id: "iran") { relations(validAt: "2024", until: "2025") { totalCount } } }');
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('when a later fact overtakes an earlier one, then the earlier keeps its evidence and shows its end, what overtook it and who says so', async () => {
    const { data, errors } = await graphql(`{
      relations(subject: "israel", object: "gaza-strip", types: [CONTROLS]) { nodes { share date since until sourceCount evidence { totalCount }
        overtaken { until by { type share since } evidence { quote reported article { id } } } } }
      offer: relations(subject: "israel", object: "turkey-troops-offer") { nodes { type until overtaken { until by { type date } } } }
      current: entity(id: "israel") { relations(types: [CONTROLS, REJECTED, ACCEPTED], direction: OUT, current: true) { totalCount nodes { type share } } }
      then: relations(subject: "israel", object: "gaza-strip", types: [CONTROLS], asOf: "2025-12-31") { nodes { share until overtaken { until } } }
    }`);
    expect(errors).toBeUndefined();
    // One object's facts of a type come in the order of what tells them apart: here the share.
    expect(data.relations.nodes).toEqual([
      { share: 'roughly 40%', date: null, since: '2025-12', until: null, sourceCount: 1, evidence: { totalCount: 1 }, overtaken: null },
      {
        share: 'roughly 50%', date: null, since: '2025-11', until: '2025-12', sourceCount: 1, evidence: { totalCount: 1 },
        overtaken: {
          until: '2025-12',
          by: { type: 'CONTROLS', share: 'roughly 40%', since: '2025-12' },
          evidence: [{ quote: 'Israeli forces completed a further withdrawal in December 2025 and now control roughly 40% of the Gaza Strip.', reported: '2026-01-15', article: { id: FOLLOW_UP_ID } }],
        },
      },
    ]);
    expect(data.offer.nodes).toEqual([
      { type: 'ACCEPTED', until: null, overtaken: null },
      { type: 'REJECTED', until: '2026-01-12', overtaken: { until: '2026-01-12', by: { type: 'ACCEPTED', date: '2026-01-12' } } },
    ]);
    expect(data.current.relations).toEqual({ totalCount: 1, nodes: [{ type: 'CONTROLS', share: 'roughly 40%' }] });
    // Before the later article, nothing had overtaken the earlier fact.
    expect(data.then.nodes).toEqual([{ share: 'roughly 50%', until: null, overtaken: null }]);
  });

  it('when the later article is withdrawn, then the facts it overtook are exactly as before it, property by property; loading it again overtakes them again', async () => {
    const facts = async () =>
      db.read('test', (tx) =>
        tx.query<{ fact: string; props: Record<string, unknown> }>(
          `MATCH (s)-[r]->(o) WHERE type(r) <> 'MENTIONS' RETURN type(r) + ' ' + r.outKey AS fact, properties(r) AS props ORDER BY fact`,
        ),
      );
    const overtakenNow = (rows: Awaited<ReturnType<typeof facts>>) => rows.filter((row) => row.props.overtakenBy !== undefined).map((row) => row.fact);
    const overtaken = await facts();
    expect(overtakenNow(overtaken)).toEqual(['CONTROLS israel gaza-strip |roughly 50%', 'REJECTED israel turkey-troops-offer |']);
    // Neo4j Browser's style shows this caption on the relationship.
    expect(overtaken.find((row) => row.fact === 'CONTROLS israel gaza-strip |roughly 50%')!.props.caption).toBe('CONTROLS · overtaken, until 2025-12');
    try {
      await seed(db, { withdraw: [FOLLOW_UP_ID] });
      const without = await facts();
      expect(overtakenNow(without)).toEqual([]);
      expect(without.find((row) => row.fact === 'CONTROLS israel gaza-strip |roughly 50%')!.props.caption).toBe('CONTROLS');
      await seed(db, { reset: true, inputs: [ARTICLE] });
      expect(await facts()).toEqual(without);
    } finally {
      await seed(db, { inputs: [FOLLOW_UP] });
    }
    expect(overtakenNow(await facts())).toEqual(['CONTROLS israel gaza-strip |roughly 50%', 'REJECTED israel turkey-troops-offer |']);
  });

  it('when the article whose facts are overtaken is loaded again changed, then they stay overtaken', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-time-'));
    mkdirSync(path.join(dir, 'articles'));
    copyFileSync(path.join(PROJECT_ROOT, 'seed/articles/2025-11-03-international-force-gaza.txt'), path.join(dir, 'articles/2025-11-03-international-force-gaza.txt'));
    const changed = path.join(dir, 'article.yaml');
    writeFileSync(changed, `${readFileSync(ARTICLE, 'utf8')}\n# changed: loaded again\n`);
    const query = '{ relations(subject: "israel", object: "turkey-troops-offer") { nodes { type until overtaken { by { type } } } } }';
    const before = await graphql(query);
    try {
      const { report } = await seed(db, { inputs: [changed, FOLLOW_UP] });
      expect(report?.reloaded).toEqual(['2025-11-03-international-force-gaza']);
      expect((await graphql(query)).data).toEqual(before.data);
      expect(before.data.relations.nodes[1].overtaken).toEqual({ by: { type: 'ACCEPTED' } });
    } finally {
      await seed(db, { inputs: [ARTICLE, FOLLOW_UP] });
    }
  });

  it.each([
    ['overtakes a fact the graph does not hold', 'overtakes: { share: roughly 50% }', 'overtakes: { share: roughly 60% }', /relations\.0\.overtakes: names no fact in these files or the graph: CONTROLS "israel" → "gaza-strip" \(role or share "roughly 60%"\)/],
    ['gives a period that ends before it begins', 'since: 2026-01,', 'since: 2026-01, until: 2025-12,', /relations\.2\.until: the period ends \(2025-12\) before it begins \(2026-01\)/],
    ['gives an event a period', 'date: 2026-01-12,', 'since: 2026-01-12,', /relations\.1\.since: ACCEPTED is an event, which happens at a point in time: give its date, not a period/],
    ['gives a date and a period', 'since: 2025-12,', 'date: 2025-12, since: 2025-12,', /relations\.0\.since: a fact has a point in time \(date\) or a period \(since, until\), not both/],
  ])('when a seed file %s, then the load names the place and the problem and writes nothing', async (_, from, to, message) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-time-'));
    copyFileSync(path.join(path.dirname(FOLLOW_UP), '2026-01-15-gaza-force-follow-up.txt'), path.join(dir, '2026-01-15-gaza-force-follow-up.txt'));
    const bad = path.join(dir, 'bad.yaml');
    const text = readFileSync(FOLLOW_UP, 'utf8').replace('2026-01-15-gaza-force-follow-up\n', 'fictional-bad-time\n');
    expect(text).toContain(from);
    writeFileSync(bad, text.replace(from, to));
    const snapshot = async () =>
      db.read('test', (tx) =>
        tx.query('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships, sum(size(coalesce(r.evidence, []))) AS sentences, collect(DISTINCT r.caption) AS captions'),
      );
    const before = await snapshot();
    await expect(seed(db, { inputs: [bad] })).rejects.toThrow(message);
    expect(await snapshot()).toEqual(before);
  });

  it('when the later article is withdrawn, then every answer as of any day is what the article alone gives', async () => {
    const query = `{
      relations(subject: "iran", types: [FUNDS]) { totalCount nodes { object { id } sourceCount lastReported } }
      israel: entity(id: "israel") { relations(types: [ACCEPTED, REJECTED, CONTROLS], direction: OUT) { totalCount nodes { type object { id } share date since } } }
      articles { totalCount }
    }`;
    const before = await graphql(query.replace(/\{\s*relations\(subject/, '{ relations(asOf: "2025-12-31", subject').replace('direction: OUT)', 'direction: OUT, asOf: "2025-12-31")').replace('articles {', 'articles(asOf: "2025-12-31") {'));
    expect(before.errors).toBeUndefined();
    try {
      await seed(db, { withdraw: [FOLLOW_UP_ID] });
      const after = await graphql(query);
      expect(after.errors).toBeUndefined();
      expect(after.data).toEqual(before.data);
    } finally {
      await seed(db, { inputs: [FOLLOW_UP] });
    }
  });
});
