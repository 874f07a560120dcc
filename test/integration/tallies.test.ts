/**
 * The counts the seeder keeps (`:Tally` nodes, see src/graph/keys.ts), against the facts they count:
 * after any sequence of loads, reloads with other dates, withdrawals, and an article that overtakes
 * facts of another, every tally equals the number of fact keys it stands for, counted plainly from
 * the relationships; and every count the API gives of an entity's facts on a day, in a period or as
 * of a day equals the count of those facts read one by one.
 */
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { isEventType, RELATION_TYPE_NAMES, type RelationType } from '../../src/model.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import { SeedValidationError } from '../../src/seed/validate.ts';
import type { SeedFileInput } from '../../src/seed/schema.ts';
import { writeChangedCopy, writeSyntheticCorpus } from '../support/corpus.ts';
import { testDatabase } from '../support/database.ts';
import { graphqlClient } from '../support/graphql.ts';
import { scaled } from '../support/scale.ts';

const ARTICLE = path.join(PROJECT_ROOT, 'seed/2025-11-03-international-force-gaza.yaml');
const ARTICLE_ID = '2025-11-03-international-force-gaza';
const FOLLOW_UP = path.join(PROJECT_ROOT, 'test/fixtures/follow-up/2026-01-15-gaza-force-follow-up.yaml');
const FOLLOW_UP_ID = '2026-01-15-gaza-force-follow-up';

/** Which tally each tallied key property feeds. */
const TALLIED = [
  ['outTimeKey', 'begins'],
  ['inTimeKey', 'begins'],
  ['outEndKey', 'ends'],
  ['inEndKey', 'ends'],
] as const;

/** Shifts a date (YYYY, YYYY-MM or YYYY-MM-DD) by whole years, keeping its precision. */
const shifted = (date: string, years: number) => String(Number(date.slice(0, 4)) + years).padStart(4, '0') + date.slice(4);

/** A version of a synthetic article whose facts hold at other times: some later, some as periods, some with no time at all. */
function retimed(input: SeedFileInput, years: number): SeedFileInput {
  const relations = (input.relations ?? []).map((relation, i) => {
    const { date, since, until, ...rest } = relation as typeof relation & { date?: string; since?: string; until?: string };
    const time = date ?? since ?? until;
    if (time === undefined) return relation;
    if (i % 5 === 0) return rest;
    if (date !== undefined && i % 3 === 0 && !isEventType(relation.type as RelationType)) {
      return { ...rest, since: shifted(date, years) };
    }
    return { ...rest, ...(date ? { date: shifted(date, years) } : {}), ...(since ? { since: shifted(since, years) } : {}), ...(until ? { until: shifted(until, years) } : {}) };
  });
  return { ...input, relations: relations as SeedFileInput['relations'] };
}

describe('the counts the seeder keeps', () => {
  const db = testDatabase('test-tallies', { NEO4J_TX_TIMEOUT_MS: '60000' });
  const graphql = graphqlClient(createApi(db));
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  /** Tallies that differ from a plain count of the fact keys, as `key: kept ≠ counted`. */
  async function tallyMismatches(): Promise<string[]> {
    const { tallies, facts } = await db.read('test.tallies', async (tx) => ({
      tallies: await tx.query<{ key: string; count: number }>('MATCH (t:Tally) RETURN t.key AS key, t.count AS count'),
      facts: await tx.query<{ keys: (string | null)[] }>(`MATCH (:Entity)-[r]->(:Entity) RETURN [${TALLIED.map(([property]) => `r.${property}`).join(', ')}] AS keys`),
    }));
    const counted = new Map<string, number>();
    const add = (key: string) => counted.set(key, (counted.get(key) ?? 0) + 1);
    for (const { keys } of facts) {
      keys.forEach((key, i) => {
        if (key === null) return;
        const [, kind] = TALLIED[i]!;
        const [entity, day] = key.split(' ') as [string, string];
        add(`${entity} ${kind} y ${day.slice(0, 4)}`);
        add(`${entity} ${kind} m ${day.slice(0, 7)}`);
        add(`${entity} ${kind} d ${day}`);
      });
    }
    const kept = new Map(tallies.map((tally) => [tally.key, tally.count]));
    const mismatches: string[] = [];
    for (const key of new Set([...kept.keys(), ...counted.keys()])) {
      if (kept.get(key) !== counted.get(key)) mismatches.push(`${key}: kept ${kept.get(key) ?? 'none'} ≠ counted ${counted.get(key) ?? 'none'}`);
    }
    return mismatches.sort();
  }

  /** An entity's facts that a filter keeps, read one by one (each direction apart, as the API counts a fact that links an entity to itself). */
  async function countedOneByOne(id: string, filter: Filter): Promise<number> {
    const conditions = [
      'type(r) IN $types',
      ...(filter.validAt ? ['r.dateFrom <= date($filter.validAt) AND r.dateTo >= date($filter.validAt)'] : []),
      ...(filter.since ? ['r.dateTo >= date($filter.since)'] : []),
      ...(filter.until ? ['r.dateFrom <= date($filter.until)'] : []),
      ...(filter.asOf ? ['r.firstReported <= date($filter.asOf)'] : []),
    ].join(' AND ');
    const [row] = await db.read('test.count', (tx) =>
      tx.query<{ n: number }>(
        `MATCH (n:Entity {id: $id})
         RETURN CASE WHEN $out THEN COUNT { MATCH (n)-[r]->(:Entity) WHERE ${conditions} } ELSE 0 END
              + CASE WHEN $in THEN COUNT { MATCH (n)<-[r]-(:Entity) WHERE ${conditions} } ELSE 0 END AS n`,
        { id, filter, types: filter.types ?? RELATION_TYPE_NAMES, out: filter.direction !== 'IN', in: filter.direction !== 'OUT' },
      ),
    );
    return row?.n ?? 0;
  }

  interface Filter {
    validAt?: string;
    since?: string;
    until?: string;
    asOf?: string;
    types?: string[];
    direction?: 'OUT' | 'IN' | 'BOTH';
  }

  async function apiCount(id: string, filter: Filter): Promise<number> {
    const answer: any = await graphql(
      `query($id: ID!, $validAt: Date, $since: Date, $until: Date, $asOf: Date, $types: [RelationType!], $direction: Direction) {
        entity(id: $id) { relations(validAt: $validAt, since: $since, until: $until, asOf: $asOf, types: $types, direction: $direction, first: 1) { totalCount } } }`,
      { id, ...filter },
    );
    expect(answer.errors).toBeUndefined();
    return answer.data.entity.relations.totalCount;
  }

  const synthetic = writeSyntheticCorpus(6, { pool: 40, entitiesPerArticle: 20, relationsPerArticle: 30, repeatShare: 0.6, seed: 33, firstDate: '2024-12-20' });
  const retimedCopies = synthetic.map((file, i) => writeChangedCopy(file, (input) => retimed(input, i % 2 === 0 ? 1 : -3)));

  type Step = { kind: 'load'; files: number[] } | { kind: 'reload'; file: number; retimed: boolean } | { kind: 'article' } | { kind: 'follow-up' } | { kind: 'withdraw'; pick: number };
  const step: fc.Arbitrary<Step> = fc.oneof(
    fc.record({ kind: fc.constant('load' as const), files: fc.uniqueArray(fc.nat({ max: synthetic.length - 1 }), { minLength: 1, maxLength: 3 }) }),
    fc.record({ kind: fc.constant('reload' as const), file: fc.nat({ max: synthetic.length - 1 }), retimed: fc.boolean() }),
    fc.record({ kind: fc.constant('article' as const) }),
    fc.record({ kind: fc.constant('follow-up' as const) }),
    fc.record({ kind: fc.constant('withdraw' as const), pick: fc.nat() }),
  );
  const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  const near = fc.constantFrom('2024-12-31', '2025-01-01', '2025-10-10', '2025-11-03', '2025-11-30', '2025-12-01', '2026-01-12', '2026-01-15', '2026-02-01');
  const filter: fc.Arbitrary<Filter> = fc.record(
    {
      time: fc.oneof(
        fc.record({ validAt: fc.oneof(day, near) }),
        fc.record({ asOf: fc.oneof(day, near) }),
        fc.record({ since: fc.oneof(day, near) }),
        fc.record({ until: fc.oneof(day, near) }),
        fc.tuple(fc.oneof(day, near), fc.oneof(day, near)).map(([a, b]) => ({ since: a < b ? a : b, until: a < b ? b : a })),
      ),
      types: fc.option(fc.subarray([...RELATION_TYPE_NAMES], { minLength: 1, maxLength: 8 }), { freq: 3, nil: undefined }),
      direction: fc.constantFrom('OUT' as const, 'IN' as const, 'BOTH' as const),
    },
    { requiredKeys: ['time', 'direction'] },
  ).map(({ time, types, direction }) => ({ ...time, direction, ...(types ? { types } : {}) }));

  it(
    'property: when articles are loaded, reloaded with other dates, overtaken and withdrawn in any order, then every tally equals a plain count of the fact keys, and every count on a day, in a period or as of a day equals the facts read one by one',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 7 }), fc.array(fc.tuple(fc.nat(), filter), { minLength: 6, maxLength: 6 }), async (steps, asks) => {
          await resetProjectData(db);
          const loaded = new Set<string>();
          for (const s of steps) {
            try {
              // Articles of the corpus relate entities that earlier ones define: a load takes those before it along (unchanged ones are skipped).
              if (s.kind === 'load') await seed(db, { inputs: synthetic.slice(0, Math.max(...s.files) + 1) });
              if (s.kind === 'reload') await seed(db, { inputs: [(s.retimed ? retimedCopies : synthetic)[s.file]!] });
              if (s.kind === 'article') await seed(db, { inputs: [ARTICLE] });
              if (s.kind === 'follow-up') await seed(db, { inputs: [FOLLOW_UP] });
              if (s.kind === 'withdraw' && loaded.size > 0) await seed(db, { withdraw: [[...loaded].sort()[s.pick % loaded.size]!] });
            } catch (error) {
              // An article that relates entities no loaded article defines is refused whole, before writing: a step that does nothing.
              if (!(error instanceof SeedValidationError)) throw error;
            }
            const ids = await db.read('test.loaded', (tx) => tx.query<{ id: string }>("MATCH (a:Article) WHERE a.status = 'loaded' RETURN a.id AS id"));
            loaded.clear();
            for (const { id } of ids) loaded.add(id);
            expect(await tallyMismatches(), `after ${JSON.stringify(s)}`).toEqual([]);
          }
          const entities = (
            await db.read('test.entities', (tx) =>
              tx.query<{ id: string }>('MATCH (n:Entity) RETURN n.id AS id ORDER BY COUNT { (n)--() } DESC, n.id LIMIT 40'),
            )
          ).map((row) => row.id);
          if (entities.length === 0) return;
          // Days on, just before and just after the days the facts begin, end and were first reported, where an off-by-one shows.
          const [{ days }] = (await db.read('test.days', (tx) =>
            tx.query<{ days: string[] }>(
              `MATCH (:Entity)-[r]->(:Entity) UNWIND [r.dateFrom, r.dateTo, r.firstReported] AS d WITH d WHERE d IS NOT NULL
               UNWIND [d - duration('P1D'), d, d + duration('P1D')] AS day WITH day WHERE 1 <= day.year <= 9999
               RETURN collect(DISTINCT toString(day)) AS days`,
            ),
          )) as [{ days: string[] }];
          for (const [pick, drawn] of asks) {
            const ask = { ...drawn };
            // Hubs most often, since they are what the tallies are for.
            const id = entities[pick % 3 === 0 ? pick % entities.length : pick % Math.min(4, entities.length)]!;
            if (pick % 2 === 0 && days.length > 0) {
              const at = (k: number) => days[(pick + k * 7919) % days.length]!;
              for (const [k, name] of (['validAt', 'asOf', 'since', 'until'] as const).entries()) if (ask[name]) ask[name] = at(k);
              if (ask.since && ask.until && ask.since > ask.until) [ask.since, ask.until] = [ask.until, ask.since];
            }
            expect(await apiCount(id, ask), `${id} ${JSON.stringify(ask)} after ${JSON.stringify(steps)}`).toBe(await countedOneByOne(id, ask));
          }
        }),
        { numRuns: scaled(4, 12) },
      );
    },
    15 * 60_000,
  );

  it('when the follow-up overtakes facts of the article and is then withdrawn, then the tallies follow the overtaken ends there and back', async () => {
    await resetProjectData(db);
    await seed(db, { inputs: [ARTICLE] });
    const alone = await db.read('test.tallies', (tx) => tx.query<{ key: string; count: number }>('MATCH (t:Tally) RETURN t.key AS key, t.count AS count ORDER BY key'));
    await seed(db, { inputs: [FOLLOW_UP] });
    expect(await tallyMismatches()).toEqual([]);
    const overtaken = await db.read('test.tallies', (tx) => tx.query<{ key: string; count: number }>('MATCH (t:Tally) RETURN t.key AS key, t.count AS count ORDER BY key'));
    expect(overtaken).not.toEqual(alone);
    await seed(db, { withdraw: [FOLLOW_UP_ID] });
    const after = await db.read('test.tallies', (tx) => tx.query<{ key: string; count: number }>('MATCH (t:Tally) RETURN t.key AS key, t.count AS count ORDER BY key'));
    expect(after).toEqual(alone);
    await seed(db, { withdraw: [ARTICLE_ID] });
    expect(await db.read('test.tallies', (tx) => tx.query('MATCH (t:Tally) RETURN t'))).toEqual([]);
  });
});
