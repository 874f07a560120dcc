/**
 * Facts as follow-up reporting gives them, on a fictional corpus of four wire reports a month apart
 * (test/fixtures/lake-vessa): countries expected, offered, undecided, declined and denied for a
 * force, each report with its own status; an office restated in four months as one fact that holds
 * after its last report; a number of troops corrected; a remark quoted twice in other quotation marks
 * as one statement; who opposed whose participation, as another outlet reported it; a meeting and a
 * mandate; and the same graph whatever order the reports are loaded in.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { resetProjectData } from '../../src/seed/load.ts';
import { seed } from '../../src/seed/run.ts';
import { testDatabase } from '../support/database.ts';
import { fingerprint } from '../support/graph.ts';
import { graphqlClient } from '../support/graphql.ts';
import { scaled } from '../support/scale.ts';

const CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/lake-vessa');
const FILES = [
  '2025-10-20-vessa-force-takes-shape',
  '2025-11-18-syldavia-weighs-vessa-role',
  '2025-12-09-graustark-rules-out-vessa',
  '2026-01-14-vessa-mission-gets-mandate',
].map((id) => path.join(CORPUS, `${id}.yaml`));

describe('statuses and persistence, on four follow-up reports', () => {
  const db = testDatabase('test-statuses');
  const graphql = graphqlClient(createApi(db));

  beforeAll(async () => {
    await resetProjectData(db);
    await seed(db, { inputs: FILES });
  });
  afterAll(async () => {
    await resetProjectData(db);
    await db.close();
  });

  /** The force's troop contributors as the news stood at the end of a month: each country with its status. */
  async function contributorsAsOf(asOf: string | null, statuses?: string[]) {
    const args = [asOf ? `asOf: "${asOf}"` : '', statuses ? `statuses: [${statuses.join(', ')}]` : ''].filter(Boolean).join(', ');
    const { data, errors } = await graphql(`{
      entity(id: "lake-vessa-monitoring-mission") { relations(types: [CONTRIBUTES_TROOPS_TO], direction: IN${args ? `, ${args}` : ''}) { totalCount nodes { subject { id } status } } }
    }`);
    expect(errors).toBeUndefined();
    const { totalCount, nodes } = data.entity.relations;
    expect(totalCount).toBe(nodes.length);
    return Object.fromEntries(nodes.map((n: any) => [n.subject.id, n.status]));
  }

  it('when the troop contributors are asked as of each month, then each country comes with the status its latest report then gave', async () => {
    expect(await contributorsAsOf('2025-10')).toEqual({ borduria: 'EXPECTED', freedonia: 'DECLINED', graustark: 'OFFERED', syldavia: 'EXPECTED' });
    expect(await contributorsAsOf('2025-11')).toEqual({ borduria: 'ASSERTED', freedonia: 'DECLINED', graustark: 'OFFERED', syldavia: 'UNDECIDED' });
    expect(await contributorsAsOf('2025-12')).toEqual({ borduria: 'ASSERTED', freedonia: 'DECLINED', graustark: 'DENIED', syldavia: 'UNDECIDED' });
    expect(await contributorsAsOf('2026-01')).toEqual(await contributorsAsOf('2025-12'));
    expect(await contributorsAsOf(null)).toEqual(await contributorsAsOf('2025-12'));
  });

  it('when only some statuses are asked for, then only the facts whose status (as of the day asked) is one of them come, and are counted', async () => {
    expect(await contributorsAsOf('2025-10', ['ASSERTED'])).toEqual({});
    expect(await contributorsAsOf('2025-11', ['ASSERTED'])).toEqual({ borduria: 'ASSERTED' });
    expect(await contributorsAsOf('2025-11', ['EXPECTED', 'OFFERED', 'UNDECIDED'])).toEqual({ graustark: 'OFFERED', syldavia: 'UNDECIDED' });
    expect(await contributorsAsOf(null, ['DECLINED', 'DENIED'])).toEqual({ freedonia: 'DECLINED', graustark: 'DENIED' });
    const { data, errors } = await graphql(`{
      entity(id: "lake-vessa-monitoring-mission") { ... on Organization { all: troopContributors { totalCount nodes { country { id } status forces } } sent: troopContributors(statuses: [ASSERTED]) { totalCount nodes { country { id } forces since lastReported } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.entity.all.totalCount).toBe(4);
    expect(data.entity.all.nodes).toContainEqual({ country: { id: 'graustark' }, status: 'DENIED', forces: '2,000 troops' });
    expect(data.entity.sent).toEqual({ totalCount: 1, nodes: [{ country: { id: 'borduria' }, forces: '650 soldiers', since: '2025-10-20', lastReported: '2026-01-14' }] });
  });

  it('when a country’s part is asked for, then its reports come in order, each with its status and sentence', async () => {
    const { data, errors } = await graphql(`{
      relations(subject: "graustark", object: "lake-vessa-monitoring-mission") { nodes { status sourceCount evidence { nodes { status reported quote } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.relations.nodes).toEqual([
      {
        status: 'DENIED',
        sourceCount: 2,
        evidence: {
          nodes: [
            { status: 'OFFERED', reported: '2025-10-20', quote: 'Graustark is prepared to dispatch 2,000 troops to the mission' },
            { status: 'DENIED', reported: '2025-12-09', quote: "his country's troops will not join the Lake Vessa Monitoring Mission" },
          ],
        },
      },
    ]);
  });

  it('when an office is reported in four months, then it is one fact of four sources that still holds after its last report', async () => {
    const { data, errors } = await graphql(`{
      office: relations(subject: "ottokar-vadim", types: [HOLDS_OFFICE]) { totalCount nodes { role since until sourceCount firstReported lastReported status } }
      later: relations(subject: "ottokar-vadim", validAt: "2026-03-01") { totalCount }
      before: relations(subject: "ottokar-vadim", validAt: "2025-10-19") { totalCount }
      current: relations(subject: "ottokar-vadim", current: true) { totalCount }
    }`);
    expect(errors).toBeUndefined();
    expect(data.office).toEqual({
      totalCount: 1,
      nodes: [{ role: 'Prime Minister', since: '2025-10-20', until: null, sourceCount: 4, firstReported: '2025-10-20', lastReported: '2026-01-14', status: 'ASSERTED' }],
    });
    expect(data.later.totalCount).toBe(1);
    expect(data.before.totalCount).toBe(0);
    expect(data.current.totalCount).toBe(1);
  });

  it('when an article names an entity by its id alone, then the entity is as its defining article says, and the article mentions it', async () => {
    const { data, errors } = await graphql(`{
      article(id: "2025-12-09-graustark-rules-out-vessa") { mentions { nodes { id } } }
      entity(id: "borduria") { name ... on Country { code } mentionedIn { totalCount } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.article.mentions.nodes.map((n: any) => n.id)).toEqual(['borduria', 'graustark', 'lake-vessa-monitoring-mission', 'ottokar-vadim', 'syldavia']);
    expect(data.entity).toEqual({ name: 'Borduria', code: 'XB', mentionedIn: { totalCount: 4 } });
  });

  it('when a later article corrects a number of troops, then the fact has the corrected number and each report keeps its own words; another number without corrects is refused, naming both articles', async () => {
    const { data, errors } = await graphql(`{
      relations(subject: "borduria", types: [CONTRIBUTES_TROOPS_TO]) { nodes { troops forces sourceCount evidence { nodes { reported quote } } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.relations.nodes).toEqual([
      {
        troops: 650,
        forces: '650 soldiers',
        sourceCount: 3,
        evidence: {
          nodes: [
            { reported: '2025-10-20', quote: 'Troops from Borduria and Syldavia are expected to form the core of the Lake Vessa Monitoring Mission' },
            { reported: '2025-11-18', quote: 'Borduria has sent 500 soldiers to the Lake Vessa Monitoring Mission' },
            { reported: '2026-01-14', quote: 'Borduria now has 650 soldiers in the mission, correcting an earlier figure of 500.' },
          ],
        },
      },
    ]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-troops-'));
    cpSync(path.join(CORPUS, 'articles'), path.join(dir, 'articles'), { recursive: true });
    const other = path.join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(FILES[3]!, 'utf8').replace('2026-01-14-vessa-mission-gets-mandate\n', 'fictional-other-number\n').replace('troops: 650, corrects: [troops]', 'troops: 700'));
    await expect(seed(db, { inputs: [other] })).rejects.toThrow(
      /other\.yaml: relations\.1\.troops: CONTRIBUTES_TROOPS_TO "borduria" → "lake-vessa-monitoring-mission" has 650 troops from article "2026-01-14-vessa-mission-gets-mandate" in the graph, but 700 here; if this article corrects it, add corrects: \[troops\]/,
    );
  });

  it('when two articles quote one remark in other quotation marks and dashes, the later with no date, then it is one statement, said once on the earlier one\'s date, that both corroborate; under another id it is refused, naming the statement', async () => {
    const { data, errors } = await graphql(`{
      entity(id: "anna-kral") { ... on Person { statements { totalCount nodes { id ... on Statement { quote } } } } relations(types: [SAID]) { nodes { date sourceCount } } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.entity.statements.totalCount).toBe(1);
    expect(data.entity.statements.nodes[0].id).toBe('kral-cannot-decide-yet');
    expect(data.entity.relations.nodes).toEqual([{ date: '2025-11', sourceCount: 2 }]);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'entity-graph-remark-'));
    cpSync(path.join(CORPUS, 'articles'), path.join(dir, 'articles'), { recursive: true });
    const other = path.join(dir, 'other.yaml');
    writeFileSync(other, readFileSync(FILES[3]!, 'utf8').replace('2026-01-14-vessa-mission-gets-mandate\n', 'fictional-other-id\n').replaceAll('kral-cannot-decide-yet', 'kral-undecided-remark'));
    await expect(seed(db, { inputs: [other] })).rejects.toThrow(
      /other\.yaml: entities\.3: statement "kral-undecided-remark" says what "anna-kral" said in statement "kral-cannot-decide-yet" \(in the graph, article "[^"]+"\), once quotation marks and dashes are set aside: give it the id "kral-cannot-decide-yet"/,
    );
  });

  it('when one country opposed another’s participation, as an outlet reported, then the opposition is one fact from the first to the second, a path to the force runs through it, and its report names the outlet', async () => {
    const { data, errors } = await graphql(`{
      relations(subject: "syldavia", types: [OPPOSED]) { totalCount nodes { object { id } regarding sourceCount evidence { nodes { quote attributedTo { id name } } } } }
      path(from: "syldavia", to: "lake-vessa-monitoring-mission", maxHops: 2) { length }
      meetings: relations(types: [MET]) { nodes { subject { id } object { id } date } }
      mandates: relations(types: [MANDATED]) { nodes { subject { id } object { id } date } }
    }`);
    expect(errors).toBeUndefined();
    expect(data.relations).toEqual({
      totalCount: 1,
      nodes: [
        {
          object: { id: 'graustark' },
          regarding: 'participation in the Lake Vessa Monitoring Mission',
          sourceCount: 1,
          evidence: { nodes: [{ quote: "Syldavia opposed Graustark's participation in the mission, the Klow Courier reported.", attributedTo: { id: 'klow-courier', name: 'Klow Courier' } }] },
        },
      ],
    });
    // Syldavia's own part in the force is one hop; the opposition leads through Graustark's part to it, as Browser draws it.
    expect(data.path).toEqual({ length: 1 });
    const [through] = await db.read('test', (tx) =>
      tx.query<{ paths: number }>(
        `MATCH p = (:Entity {id: 'syldavia'})-[:OPPOSED]->(:Entity {id: 'graustark'})-[:CONTRIBUTES_TROOPS_TO]->(:Entity {id: 'lake-vessa-monitoring-mission'}) RETURN count(p) AS paths`,
      ),
    );
    expect(through!.paths).toBe(1);
    const hops = await graphql(`{ path(from: "union-of-lake-states", to: "graustark") { length hops { type } } }`);
    expect(hops.data.path).toEqual({ length: 2, hops: [{ type: 'MANDATED' }, { type: 'CONTRIBUTES_TROOPS_TO' }] });
    expect(data.meetings.nodes).toEqual([{ subject: { id: 'ottokar-vadim' }, object: { id: 'borduria' }, date: '2026-01-12' }]);
    expect(data.mandates.nodes).toEqual([{ subject: { id: 'union-of-lake-states' }, object: { id: 'lake-vessa-monitoring-mission' }, date: '2026-01-09' }]);
  });

  it('when a fact’s status is not plain, then Neo4j Browser’s caption says it', async () => {
    const captions = await db.read('test', (tx) =>
      tx.query<{ country: string; caption: string }>(`MATCH (c:Country)-[r:CONTRIBUTES_TROOPS_TO]->() RETURN c.id AS country, r.caption AS caption ORDER BY country`),
    );
    expect(captions).toEqual([
      { country: 'borduria', caption: 'CONTRIBUTES_TROOPS_TO' },
      { country: 'freedonia', caption: 'CONTRIBUTES_TROOPS_TO · declined' },
      { country: 'graustark', caption: 'CONTRIBUTES_TROOPS_TO · denied' },
      { country: 'syldavia', caption: 'CONTRIBUTES_TROOPS_TO · undecided' },
    ]);
  });

  it('property: when the reports are loaded one by one in any order, reloaded or withdrawn, then the graph is what loading that set at once gives', async () => {
    const together = async (files: string[]) => {
      await resetProjectData(db);
      if (files.length > 0) await seed(db, { inputs: files });
      return fingerprint(db);
    };
    // The first report defines the countries and the force that the others relate: it is loaded first; the later ones in any order.
    const [first, ...rest] = FILES;
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(rest), fc.boolean(), async (later, withdrawFirstLater) => {
        const order = [first!, ...later];
        const expected = await together(order);
        await resetProjectData(db);
        for (const file of order) await seed(db, { inputs: [file] });
        expect(await fingerprint(db)).toEqual(expected);
        if (later.length > 0 && withdrawFirstLater) {
          await seed(db, { withdraw: [path.basename(later[0]!, '.yaml')] });
          expect(await fingerprint(db)).toEqual(await together(order.filter((file) => file !== later[0])));
        }
      }),
      { numRuns: scaled(4, 12) },
    );
    await together(FILES);
  }, 300_000);
});
