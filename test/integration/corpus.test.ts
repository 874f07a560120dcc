/**
 * The graph of many articles: every list the API gives is a page, and walking the pages gives
 * exactly what a plain reference worked out from the seed plans says, in its order; and readers
 * never see part of an article while articles are loaded, reloaded and withdrawn.
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.ts';
import { dateRange, isEventType, keyParts, OPEN_END, OPEN_START, RELATION_TYPE_NAMES, type RelationType } from '../../src/model.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import type { ArticlePlan } from '../../src/seed/plan.ts';
import { validateSeedFiles } from '../../src/seed/validate.ts';
import { writeSyntheticCorpus } from '../support/corpus.ts';
import { plainFactDays, type PlainReport } from '../support/fact-time.ts';
import { writeSeedFiles } from '../support/seed-fixtures.ts';
import { testDatabase } from '../support/database.ts';
import { graphqlClient } from '../support/graphql.ts';
import { scaled } from '../support/scale.ts';

interface ReferenceFact {
  type: string;
  from: string;
  to: string;
  key: string;
  dateFrom: string | null;
  dateTo: string | null;
  endsOn: string | null;
  sources: Set<string>;
}

/** The facts of a set of articles, worked out plainly from their plans: each fact's reports, and when they say it holds. */
function referenceFacts(plans: ArticlePlan[]): ReferenceFact[] {
  const facts = new Map<string, { type: string; from: string; to: string; key: string; reports: PlainReport[]; sources: Set<string> }>();
  for (const plan of plans) {
    for (const r of plan.relations) {
      const id = `${r.type} ${r.from} ${r.to} ${r.key}`;
      const fact = facts.get(id) ?? { type: r.type, from: r.from, to: r.to, key: r.key, reports: [], sources: new Set<string>() };
      fact.reports.push({ reported: plan.article.publishedAt, ...r.report });
      fact.sources.add(plan.article.id);
      facts.set(id, fact);
    }
  }
  // An undated report of an event joins the one dated event of its type, ends and role, where there is exactly one.
  const groupOf = (f: { type: string; from: string; to: string; key: string }) => `${f.type} ${f.from} ${f.to} ${keyParts(f.key).qualifier}`;
  const datedEvents = new Map<string, (typeof facts extends Map<string, infer F> ? F : never)[]>();
  for (const f of facts.values()) {
    if (isEventType(f.type as RelationType) && keyParts(f.key).date !== '') datedEvents.set(groupOf(f), [...(datedEvents.get(groupOf(f)) ?? []), f]);
  }
  for (const [id, undated] of facts) {
    if (!isEventType(undated.type as RelationType) || keyParts(undated.key).date !== '') continue;
    const dated = datedEvents.get(groupOf(undated)) ?? [];
    if (dated.length !== 1) continue;
    dated[0]!.reports.push(...undated.reports);
    for (const source of undated.sources) dated[0]!.sources.add(source);
    facts.delete(id);
  }
  return [...facts.values()].map(({ reports, ...fact }) => {
    const days = plainFactDays(fact.type, reports, null);
    return { ...fact, dateFrom: days ? (days.first ?? OPEN_START) : null, dateTo: days ? (days.last ?? OPEN_END) : null, endsOn: days?.endsOn ?? null };
  });
}

/** The first and last day a date of year, month or day precision covers. */
const firstDay = (date: string) => (date.length === 4 ? `${date}-01-01` : date.length === 7 ? `${date}-01` : date);
function lastDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  if (day) return date;
  if (month) return new Date(Date.UTC(year!, month, 0)).toISOString().slice(0, 10);
  return `${date}-12-31`;
}

const compare = (a: (string | number)[], b: (string | number)[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
};

/** An entity's facts as the API must list them: filtered, then in TYPE or CORROBORATION order. */
function expectedRelations(
  facts: ReferenceFact[],
  id: string,
  args: { order: 'TYPE' | 'CORROBORATION'; types: string[] | null; direction: 'OUT' | 'IN' | 'BOTH'; since: string | null; until: string | null },
): string[] {
  const rows = facts.flatMap((fact) => {
    const directions: [number, string][] = [];
    if (fact.from === id && args.direction !== 'IN') directions.push([0, fact.to]);
    if (fact.to === id && args.direction !== 'OUT') directions.push([1, fact.from]);
    return directions.map(([dir, other]) => ({ fact, dir, other }));
  });
  const kept = rows.filter(({ fact }) => {
    if (args.types && !args.types.includes(fact.type)) return false;
    if (args.since && !(fact.dateTo && fact.dateTo >= args.since)) return false;
    if (args.until && !(fact.dateFrom && fact.dateFrom <= args.until)) return false;
    return true;
  });
  const inverted = (n: number) => String(999_999 - n).padStart(6, '0');
  // Of a period, each type's facts come latest beginning first.
  const byTime = args.order === 'TYPE' && (args.since !== null || args.until !== null);
  const sortKey = ({ fact, dir, other }: (typeof kept)[number]): (string | number)[] =>
    args.order === 'TYPE' ? [fact.type, dir] : [`${inverted(fact.sources.size)} ${other} ${fact.key}`, fact.type, dir];
  const within = ({ fact, other }: (typeof kept)[number]) => (byTime ? `${fact.dateFrom} ${other} ${fact.key}` : `${other} ${fact.key}`);
  return kept
    .sort((a, b) => compare(sortKey(a), sortKey(b)) || (args.order === 'TYPE' ? (byTime ? -1 : 1) * compare([within(a)], [within(b)]) : 0))
    .map(({ fact }) => `${fact.type} ${fact.from} ${fact.to} ${fact.key}`);
}

describe('a corpus of many articles through the API', () => {
  const db = testDatabase('test-corpus');
  const yoga = createApi(db);
  let queries = 0;
  db.onQuery(() => queries++);

  const graphql = graphqlClient(yoga);

  let plans: ArticlePlan[];
  let facts: ReferenceFact[];
  let hubs: string[];

  beforeAll(async () => {
    await resetProjectData(db);
    const files = writeSyntheticCorpus(scaled(16, 40), { pool: scaled(50, 80), entitiesPerArticle: 25, relationsPerArticle: 20, repeatShare: 0.8, seed: 21 });
    plans = await validateSeedFiles(files);
    await seed(db, { inputs: files });
    facts = referenceFacts(plans);
    const degree = new Map<string, number>();
    for (const fact of facts) for (const id of [fact.from, fact.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    hubs = [...degree].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  });
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  /** Walks every page of an entity's relations; returns the facts in order and the totalCount of each page. */
  async function walk(id: string, args: Record<string, unknown>, first: number) {
    const seen: string[] = [];
    const totals = new Set<number>();
    let after: string | null = null;
    for (let pages = 0; pages < 500; pages++) {
      const answer: any = await graphql(
        `query($id: ID!, $first: Int, $after: String, $types: [RelationType!], $direction: Direction, $orderBy: RelationOrder, $since: Date, $until: Date) {
          entity(id: $id) { relations(first: $first, after: $after, types: $types, direction: $direction, orderBy: $orderBy, since: $since, until: $until) {
            totalCount pageInfo { hasNextPage endCursor } edges { cursor node { type subject { id } object { id } sourceCount } } } } }`,
        { id, first, after, ...args },
      );
      expect(answer.errors).toBeUndefined();
      const connection = answer.data.entity.relations;
      totals.add(connection.totalCount);
      expect(connection.edges.length).toBeLessThanOrEqual(first);
      for (const edge of connection.edges) seen.push(`${edge.node.type} ${edge.node.subject.id} ${edge.node.object.id}`);
      if (!connection.pageInfo.hasNextPage) return { seen, totals };
      after = connection.pageInfo.endCursor;
    }
    throw new Error('more than 500 pages');
  }

  it('property: when an entity’s relations are walked page by page, then every fact comes exactly once, in order, and totalCount counts them all', async () => {
    const date = fc.option(fc.constantFrom('2001', '2005-06', '2010', '2015-03-04', '2020'), { freq: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: fc.oneof(fc.constantFrom(...hubs.slice(0, 3)), fc.constantFrom(...hubs)),
          first: fc.integer({ min: 1, max: 12 }),
          order: fc.constantFrom('TYPE' as const, 'CORROBORATION' as const),
          types: fc.option(fc.subarray([...RELATION_TYPE_NAMES], { minLength: 1, maxLength: 6 }), { freq: 2 }),
          direction: fc.constantFrom('OUT' as const, 'IN' as const, 'BOTH' as const),
          since: date,
          until: date,
        }),
        async ({ id, first, order, types, direction, since, until }) => {
          const period = { since: since ? firstDay(since) : null, until: until ? lastDay(until) : null };
          if (period.since && period.until && period.since > period.until) return;
          const expected = expectedRelations(facts, id, { order, types, direction, ...period }).map((fact) => fact.split(' ').slice(0, 3).join(' '));
          const { seen, totals } = await walk(id, { orderBy: order, types, direction, since, until }, first);
          expect(seen).toEqual(expected);
          expect([...totals]).toEqual([expected.length]);
        },
      ),
      { numRuns: scaled(6, 40) },
    );
    // Forty runs ask a few dozen query shapes; Neo4j plans each new one once, which takes seconds for
    // a shape that counts an entity's facts of a period over every type (see docs/performance.md).
  }, 180_000);

  it('when a hub is asked for, then every list in the answer is a page of at most first, with a count of all', async () => {
    const hub = hubs[0]!;
    const { data, errors } = await graphql(
      `query($id: ID!) { entity(id: $id) {
        mentionedIn(first: 3) { totalCount nodes { quote article { id publishedAt } } pageInfo { hasNextPage } }
        relations(first: 2, orderBy: CORROBORATION) { totalCount nodes { sourceCount firstReported lastReported evidence(first: 2) { totalCount nodes { reported article { id } } } } }
      } articles(first: 4) { totalCount nodes { id mentions(first: 2) { totalCount nodes { id } } } } }`,
      { id: hub },
    );
    expect(errors).toBeUndefined();
    const mentions = plans.filter((plan) => plan.mentions.some((m) => m.id === hub));
    expect(data.entity.mentionedIn.totalCount).toBe(mentions.length);
    expect(data.entity.mentionedIn.nodes).toHaveLength(3);
    // Newest first.
    const newest = [...mentions].sort((a, b) => compare([b.article.publishedAt, b.article.id], [a.article.publishedAt, a.article.id])).slice(0, 3);
    expect(data.entity.mentionedIn.nodes.map((n: any) => n.article.id)).toEqual(newest.map((plan) => plan.article.id));

    const [top] = data.entity.relations.nodes;
    const best = Math.max(...facts.filter((f) => f.from === hub || f.to === hub).map((f) => f.sources.size));
    expect(top.sourceCount).toBe(best);
    expect(top.evidence.nodes).toHaveLength(Math.min(2, top.evidence.totalCount));
    expect(top.evidence.totalCount).toBeGreaterThanOrEqual(top.sourceCount);
    expect(top.firstReported <= top.lastReported).toBe(true);
    expect(top.evidence.nodes[0].reported).toBe(top.firstReported);

    expect(data.articles.totalCount).toBe(plans.length);
    expect(data.articles.nodes).toHaveLength(4);
    for (const article of data.articles.nodes) {
      const plan = plans.find((p) => p.article.id === article.id)!;
      expect(article.mentions.totalCount).toBe(plan.mentions.length);
      expect(article.mentions.nodes.map((n: any) => n.id)).toEqual(plan.mentions.map((m) => m.id).sort().slice(0, 2));
    }
  });

  it('when a fact’s evidence is paged, then the pages hold every sentence once, in publication order', async () => {
    const fact = facts.sort((a, b) => b.sources.size - a.sources.size)[0]!;
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data, errors }: any = await graphql(
        `query($s: ID!, $o: ID!, $types: [RelationType!], $after: String) { relations(subject: $s, object: $o, types: $types) { nodes {
          evidence(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { reported article { id } } } } } }`,
        { s: fact.from, o: fact.to, types: [fact.type], after },
      );
      expect(errors).toBeUndefined();
      const evidence = data.relations.nodes.find(() => true).evidence;
      seen.push(...evidence.nodes.map((n: any) => `${n.reported} ${n.article.id}`));
      if (!evidence.pageInfo.hasNextPage) break;
      after = evidence.pageInfo.endCursor;
    }
    // Each report of the fact is a sentence: an article may report one state twice, each time with another time.
    const expected = plans
      .flatMap((plan) =>
        plan.relations
          .filter((r) => `${r.type} ${r.from} ${r.to} ${r.key}` === `${fact.type} ${fact.from} ${fact.to} ${fact.key}`)
          .flatMap((r) => r.evidence.map(() => `${plan.article.publishedAt} ${plan.article.id}`)),
      )
      .sort();
    expect(seen).toEqual(expected);
  });

  it('when a hub’s neighbourhood is drawn, then it holds the nearest first entities, only edges among them, and says it was cut', async () => {
    // A star: 300 groups based in one country, and 50 more entities two hops out, close to the first group.
    const groups = Array.from({ length: 300 }, (_, i) => ({ id: `star-group-${i}`, name: `Star Group ${i}` }));
    const outer = Array.from({ length: 50 }, (_, i) => ({ id: `star-outer-${i}`, name: `Star Outer ${i}` }));
    const lines = [...groups.map((g) => `${g.name} is based in Starland.`), ...outer.map((o) => `Star Group 0 is close to ${o.name}.`)];
    const [file] = writeSeedFiles(
      {
        'star.yaml': {
          article: { id: 'star-article', title: 'Starland', publisher: 'Test Gazette', publishedAt: '2025-02-03', path: '/star', text: 'star.txt' },
          entities: [
            { label: 'Country', id: 'starland', name: 'Starland', code: 'ST' },
            ...[...groups, ...outer].map((e) => ({ label: 'Organization' as const, ...e, kind: 'group' })),
          ],
          relations: [
            ...groups.map((g) => ({ type: 'BASED_IN', from: g.id, to: 'starland', evidence: `${g.name} is based in Starland.` })),
            ...outer.map((o) => ({ type: 'CLOSE_TO', from: 'star-group-0', to: o.id, evidence: `Star Group 0 is close to ${o.name}.` })),
          ],
        },
      },
      { 'star.txt': `${lines.join('\n')}\n` },
    );
    await seed(db, { inputs: [file!] });
    try {
      // The default, the most allowed, and cuts at random sizes.
      const sizes: (number | undefined)[] = [undefined, 200, ...fc.sample(fc.integer({ min: 1, max: 199 }), 4)];
      for (const hops of [1, 2]) {
        for (const first of sizes) {
          const limit = first === undefined ? '' : `, first: ${first}`;
          const { data, errors } = await graphql(`{ neighborhood(id: "starland", hops: ${hops}${limit}) { nodes { id } edges { type subject { id } object { id } } truncated } }`);
          expect(errors).toBeUndefined();
          const size = first ?? 100;
          const ids = data.neighborhood.nodes.map((n: { id: string }) => n.id);
          expect(ids).toHaveLength(size);
          expect(new Set(ids).size).toBe(size);
          expect(ids[0]).toBe('starland');
          // The 300 groups one hop away come before anything two hops away.
          expect(ids.slice(1).every((id: string) => id.startsWith('star-group-'))).toBe(true);
          const returned = new Set(ids);
          for (const edge of data.neighborhood.edges) expect(returned.has(edge.subject.id) && returned.has(edge.object.id)).toBe(true);
          const based = data.neighborhood.edges.filter((edge: { type: string }) => edge.type === 'BASED_IN');
          expect(new Set(based.map((edge: { subject: { id: string } }) => edge.subject.id))).toEqual(new Set(ids.slice(1)));
          expect(data.neighborhood.truncated).toBe(true);
        }
      }
      // An entity at the edge: its one neighbour, the edge between them, nothing left out.
      const { data } = await graphql('{ neighborhood(id: "star-outer-7", first: 2) { nodes { id } edges { type subject { id } object { id } } truncated } }');
      expect(data.neighborhood).toEqual({
        nodes: [{ id: 'star-outer-7' }, { id: 'star-group-0' }],
        edges: [{ type: 'CLOSE_TO', subject: { id: 'star-group-0' }, object: { id: 'star-outer-7' } }],
        truncated: false,
      });
    } finally {
      await seed(db, { withdraw: ['star-article'] });
    }
  });

  it.each([
    ['since: "2008", until: "2012-06"', '2008', '2012-06'],
    // Periods that begin within a year, a month or on a day: facts dated by the year or month they fall in begin earlier and still count.
    ['since: "2010-03-15", until: "2011-02"', '2010-03-15', '2011-02'],
    ['since: "2010-07", until: "2010-07"', '2010-07', '2010-07'],
    ['since: "2011-12-31", until: "2012-01-01"', '2011-12-31', '2012-01-01'],
    // One day: facts dated on it (at their precision) and periods that hold then, however long before they began.
    ['validAt: "2013-06-15"', '2013-06-15', '2013-06-15'],
    ['validAt: "2020"', '2020', '2020'],
  ])('when facts of the whole graph are asked with %s, then they come in date order, each true within the period, and all are counted', async (args, since, until) => {
    const { data, errors } = await graphql(`{ relations(${args}, first: 100) { totalCount nodes { type date since until subject { id } object { id } } } }`);
    expect(errors).toBeUndefined();
    const [from, to] = [dateRange(since).dateFrom, dateRange(until).dateTo];
    const expected = facts.filter((f) => f.dateTo && f.dateFrom && f.dateTo >= from && f.dateFrom <= to);
    expect(expected.length).toBeGreaterThan(0);
    // Among them, facts that began in an earlier year and still hold: the listing reads them from keys of their own.
    expect(expected.some((f) => f.dateFrom!.slice(0, 4) < from.slice(0, 4))).toBe(true);
    expect(data.relations.totalCount).toBe(expected.length);
    const days = data.relations.nodes.map((n: any) =>
      n.date ? dateRange(n.date) : { dateFrom: n.since ? dateRange(n.since).dateFrom : '0001-01-01', dateTo: n.until ? dateRange(n.until).dateTo : '9999-12-31' },
    );
    const starts = days.map((d: { dateFrom: string }) => d.dateFrom);
    expect(starts).toEqual([...starts].sort());
    for (const day of days) expect(day.dateTo >= from && day.dateFrom <= to).toBe(true);
    expect(data.relations.nodes).toHaveLength(Math.min(100, expected.length));
  });

  it('when only current facts are asked of an entity and of the whole graph, then those that ended before today are left out and the rest all counted', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const ended = (f: ReferenceFact) => f.endsOn !== null && f.endsOn < today;
    expect(facts.some(ended)).toBe(true);
    const { data, errors } = await graphql(`{ relations(current: true, first: 100) { totalCount } entity(id: "${hubs[0]}") { relations(current: true, first: 100) { totalCount nodes { type date until } } } }`);
    expect(errors).toBeUndefined();
    expect(data.relations.totalCount).toBe(facts.filter((f) => !ended(f)).length);
    const own = facts.filter((f) => (f.from === hubs[0] || f.to === hubs[0]) && !ended(f));
    expect(own.length).toBeLessThan(facts.filter((f) => f.from === hubs[0] || f.to === hubs[0]).length);
    expect(data.entity.relations.totalCount).toBe(own.length);
    for (const node of data.entity.relations.nodes) {
      const endsOn = node.until ? dateRange(node.until).dateTo : node.date && isEventType(node.type) ? dateRange(node.date).dateTo : null;
      expect(endsOn === null || endsOn >= today).toBe(true);
    }
  });
});

describe('readers while articles are loaded, reloaded and withdrawn', () => {
  const db = testDatabase('test-readers');
  const graphql = graphqlClient(createApi(db));
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  /** An article stating `count` facts about the hub, each sentence marked with the version. */
  function article(i: number, version: 'v1' | 'v2', count: number) {
    const id = `reader-test-${i}`;
    const lines = Array.from({ length: count }, (_, j) => `Hub Group funds Thing ${i}-${version}-${j} (${version}).`);
    return {
      text: `${lines.join('\n')}\n`,
      seed: {
        article: { id, title: `Reader test ${i}`, publisher: 'Test Gazette', publishedAt: `2025-02-${String(1 + i).padStart(2, '0')}`, path: `/test/${id}`, text: `${id}.txt` },
        entities: [
          { label: 'Organization', id: 'hub-group', name: 'Hub Group', kind: 'group' },
          ...lines.map((_, j) => ({ label: 'Organization', id: `thing-${i}-${version}-${j}`, name: `Thing ${i}-${version}-${j}`, kind: 'group' })),
        ],
        relations: lines.map((line, j) => ({ type: 'FUNDS', from: 'hub-group', to: `thing-${i}-${version}-${j}`, evidence: line })),
      },
    };
  }

  it('when articles are loaded many per transaction while the API is read continuously, then no answer ever holds part of an article', async () => {
    await resetProjectData(db);
    const ARTICLES = 12;
    const COUNTS = { v1: 3, v2: 5 } as const;
    const files = (version: 'v1' | 'v2') => {
      const made = Array.from({ length: ARTICLES }, (_, i) => article(i, version, COUNTS[version]));
      const [first] = writeSeedFiles(Object.fromEntries(made.map((a) => [`${a.seed.article.id}.yaml`, a.seed as any])), Object.fromEntries(made.map((a) => [a.seed.article.text, a.text])));
      return made.map((a) => path.join(path.dirname(first!), `${a.seed.article.id}.yaml`));
    };
    const v1 = files('v1');
    const v2 = files('v2');

    const ask = () => graphql('{ entity(id: "hub-group") { relations(first: 100) { nodes { evidence { nodes { quote article { id } } } } } } }');
    // The first load creates the schema (which empties Neo4j's plan cache), and Neo4j plans a query on its
    // first run: both happen here, before the readers start, so that the readers measure only answers.
    await seed(db, { inputs: v1, batchSize: 40 });
    await ask();
    let running = true;
    let answers = 0;
    const partial: string[] = [];
    const reader = async () => {
      while (running) {
        const { data, errors } = await ask();
        expect(errors).toBeUndefined();
        answers++;
        const byArticle = new Map<string, string[]>();
        for (const node of data.entity?.relations.nodes ?? []) {
          for (const e of node.evidence.nodes) byArticle.set(e.article.id, [...(byArticle.get(e.article.id) ?? []), e.quote]);
        }
        for (const [id, quotes] of byArticle) {
          const versions = new Set(quotes.map((quote) => /\((v\d)\)/.exec(quote)![1]));
          const [version] = [...versions] as ('v1' | 'v2')[];
          if (versions.size !== 1 || quotes.length !== COUNTS[version!]) partial.push(`${id}: ${quotes.join(' | ')}`);
        }
      }
    };
    const readers = Array.from({ length: 3 }, reader);
    try {
      for (let round = 0; round < 3; round++) {
        await seed(db, { inputs: v1, batchSize: 40 });
        await seed(db, { inputs: v2, batchSize: 40 });
        await seed(db, { withdraw: [0, 3, 7].map((i) => `reader-test-${i}`) });
      }
    } finally {
      running = false;
      await Promise.all(readers);
    }
    expect(partial).toEqual([]);
    expect(answers).toBeGreaterThan(30);
    console.log(`readers: ${answers} answers during 9 seed runs, none with part of an article`);
  });
});
