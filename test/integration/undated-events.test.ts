/**
 * An undated report of an event joins the one dated event of its type, ends and role that it
 * restates, and stays a fact of its own where there is none, or several, or where a later fact
 * overtakes it: checked against a plain model of that rule over loads, reloads and withdrawals in
 * any order, and against loading the same articles at once.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import type { SeedFileInput } from '../../src/seed/schema.ts';
import { testDatabase } from '../support/database.ts';
import { fingerprint } from '../support/graph.ts';
import { graphqlClient } from '../support/graphql.ts';
import { scaled } from '../support/scale.ts';
import { SMALL_ARTICLE_TEXT, smallSeed, writeSeedFiles } from '../support/seed-fixtures.ts';

const REJECTION = 'an offer Ruritania rejected';
const ACCEPTANCE = 'Ruritania accepted the offer after all.';
const TEXTS = { 'ruritania.txt': SMALL_ARTICLE_TEXT, 'accepted.txt': `${SMALL_ARTICLE_TEXT}${ACCEPTANCE}\n` };
/** The days a report may give the rejection (all before the articles are published), or none. */
const DAYS = [undefined, '2024-12-20', '2024-12-28'] as const;

type Relation = NonNullable<SeedFileInput['relations']>[number];

/** Article `n` (published on day n of January 2025), stating Ruritania's rejection of Elphberg's offer on `date`, or with no date. */
function rejecting(n: number, date: string | undefined, more: Relation[] = [], text = 'ruritania.txt'): SeedFileInput {
  const base = smallSeed();
  return {
    ...base,
    article: { ...base.article, id: `test-undated-${n}`, publishedAt: `2025-01-${String(n).padStart(2, '0')}`, text },
    relations: [{ type: 'REJECTED', from: 'ruritania', to: 'elphberg-money-offer', evidence: REJECTION, ...(date ? { date } : {}) }, ...more],
  };
}

/** The rule in plain words: one fact per date; the undated reports join the only dated one, or else are a fact of their own. */
function expectedRejections(loaded: Map<number, string | undefined>): { key: string; sources: string[] }[] {
  const byKey = new Map<string, string[]>();
  const undated: string[] = [];
  for (const [n, date] of loaded) {
    const id = `test-undated-${n}`;
    if (date === undefined) undated.push(id);
    else byKey.set(`${date}|`, [...(byKey.get(`${date}|`) ?? []), id]);
  }
  if (undated.length > 0) {
    const [only] = byKey.keys();
    if (byKey.size === 1) byKey.get(only!)!.push(...undated);
    else byKey.set('|', undated);
  }
  return [...byKey].map(([key, sources]) => ({ key, sources: sources.sort() })).sort((a, b) => (a.key < b.key ? -1 : 1));
}

const datesAndCounts = (relations: { nodes: { date: string | null; sourceCount: number }[] }) => relations.nodes.map((n) => [n.date, n.sourceCount]);

describe('undated reports of an event', () => {
  const db = testDatabase('test-undated-events');
  const graphql = graphqlClient(createApi(db));

  beforeAll(() => resetProjectData(db));
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  async function storedRejections() {
    const rows = await db.read('test', (tx) =>
      tx.query<{ key: string; sources: string[]; sourceCount: number; times: string[] }>(
        `MATCH (:Entity {id: 'ruritania'})-[r:REJECTED]->(:Entity {id: 'elphberg-money-offer'}) RETURN r.key AS key, r.sources AS sources, r.sourceCount AS sourceCount, r.times AS times ORDER BY key`,
      ),
    );
    for (const row of rows) expect(row.sourceCount).toBe(new Set(row.sources).size);
    return rows.map(({ key, sources }) => ({ key, sources: [...new Set(sources)].sort() }));
  }

  const together = async (files: string[]) => {
    await resetProjectData(db);
    if (files.length > 0) await seed(db, { inputs: files });
    return fingerprint(db);
  };

  it('property: when dated and undated reports are loaded, reloaded with another date and withdrawn in any order, then the facts are what the rule gives, and the graph what loading the same articles at once gives', async () => {
    // Three articles, so that most steps reload or withdraw one already loaded; undated reports half the time.
    const operation = fc.record({ article: fc.integer({ min: 1, max: 3 }), day: fc.constantFrom(undefined, ...DAYS), withdraw: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 4, maxLength: scaled(8, 16) }), async (operations) => {
        await resetProjectData(db);
        const loaded = new Map<number, string | undefined>();
        const files = new Map<number, string>();
        for (const { article, day, withdraw } of operations) {
          if (withdraw && loaded.has(article)) {
            await seed(db, { withdraw: [`test-undated-${article}`] });
            loaded.delete(article);
            files.delete(article);
          } else {
            const [file] = writeSeedFiles({ [`a${article}.yaml`]: rejecting(article, day) }, TEXTS);
            await seed(db, { inputs: [file!] });
            loaded.set(article, day);
            files.set(article, file!);
          }
          expect(await storedRejections()).toEqual(expectedRejections(loaded));
        }
        const reached = await fingerprint(db);
        expect(reached).toEqual(await together([...files.values()]));
      }),
      { numRuns: scaled(3, 20) },
    );
  }, 300_000);

  it('when a dated report comes after an undated one, then they are one event of two sources; a second date splits them again, and withdrawing it joins them', async () => {
    const [undated, dated, other] = writeSeedFiles({ 'u.yaml': rejecting(2, undefined), 'd.yaml': rejecting(3, '2024-12-20'), 'o.yaml': rejecting(4, '2024-12-28') }, TEXTS);
    await resetProjectData(db);
    await seed(db, { inputs: [undated!] });
    await seed(db, { inputs: [dated!] });
    const rejection = async () =>
      (await graphql(`{ relations(subject: "ruritania", types: [REJECTED]) { totalCount nodes { date sourceCount evidence { nodes { article { id } } } } } }`)).data.relations;
    expect(await rejection()).toEqual({
      totalCount: 1,
      nodes: [{ date: '2024-12-20', sourceCount: 2, evidence: { nodes: [{ article: { id: 'test-undated-2' } }, { article: { id: 'test-undated-3' } }] } }],
    });
    await seed(db, { inputs: [other!] });
    expect(datesAndCounts(await rejection())).toEqual([
      ['2024-12-20', 1],
      ['2024-12-28', 1],
      [null, 1],
    ]);
    await seed(db, { withdraw: ['test-undated-4'] });
    expect(datesAndCounts(await rejection())).toEqual([['2024-12-20', 2]]);
  });

  it('when a later fact overtakes an undated event that is joined to a dated one, then the seed file is accepted, the undated event stands apart as overtaken, and withdrawing the later fact joins it again', async () => {
    const accepting = rejecting(5, undefined, [], 'accepted.txt');
    accepting.relations = [{ type: 'ACCEPTED', from: 'ruritania', to: 'elphberg-money-offer', date: '2025-01-04', overtakes: { type: 'REJECTED' }, evidence: ACCEPTANCE }];
    const [undated, dated, accepted] = writeSeedFiles({ 'u.yaml': rejecting(2, undefined), 'd.yaml': rejecting(3, '2024-12-20'), 'acc.yaml': accepting }, TEXTS);
    const joined = await together([undated!, dated!]);
    await seed(db, { inputs: [accepted!] });
    expect(await storedRejections()).toEqual([
      { key: '2024-12-20|', sources: ['test-undated-3'] },
      { key: '|', sources: ['test-undated-2'] },
    ]);
    const { data } = await graphql(`{ relations(subject: "ruritania", types: [REJECTED]) { nodes { date overtaken { by { type date } until } } } }`);
    // In key order: a date sorts before the bar that begins an undated key.
    expect(data.relations.nodes).toEqual([
      { date: '2024-12-20', overtaken: null },
      { date: null, overtaken: { by: { type: 'ACCEPTED', date: '2025-01-04' }, until: '2025-01-04' } },
    ]);
    expect(await fingerprint(db)).toEqual(await together([undated!, dated!, accepted!]));
    await seed(db, { withdraw: ['test-undated-5'] });
    expect(await fingerprint(db)).toEqual(joined);
  });

  it('when the later fact of an overtaking is an undated event joined to a dated one, then the overtaken fact still names it', async () => {
    const accepting = (n: number, date: string | undefined) => {
      const article = rejecting(n, undefined, [], 'accepted.txt');
      article.relations = [
        { type: 'ACCEPTED', from: 'ruritania', to: 'elphberg-money-offer', ...(date ? { date } : {}), ...(date ? {} : { overtakes: { type: 'REJECTED' } }), evidence: ACCEPTANCE },
      ];
      return article;
    };
    const files = writeSeedFiles({ 'u.yaml': rejecting(2, undefined), 'acc.yaml': accepting(5, undefined), 'acc-dated.yaml': accepting(6, '2025-01-04') }, TEXTS);
    await together(files.slice(0, 2));
    await seed(db, { inputs: [files[2]!] });
    const { data, errors } = await graphql(`{
      rejections: relations(subject: "ruritania", types: [REJECTED]) { nodes { overtaken { by { type date sourceCount } } } }
      acceptances: relations(subject: "ruritania", types: [ACCEPTED]) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data).toEqual({ rejections: { nodes: [{ overtaken: { by: { type: 'ACCEPTED', date: '2025-01-04', sourceCount: 2 } } }] }, acceptances: { totalCount: 1 } });
  });
});
