/**
 * The operations the benchmarks measure: on the one-article graph (`bench:api`) and on a corpus
 * (`bench:corpus`), where they are asked about entities picked from the graph (`profile`).
 * `bench:cold` asks both right after a restart.
 */
import type { GraphDatabase } from '../src/db/client.ts';
import { fullTextQuery } from '../src/graph/read/roots.ts';
import { post } from './support.ts';

/** An operation on the one-article graph (`bench:api`), and the same question to the peer where its schema can ask it. */
export interface ArticleOperation {
  name: string;
  ours: string;
  /** The same question to the peer, where its schema can ask it. */
  peer?: string;
  /** For a time filter (validAt, asOf): the operation it filters, whose cost it is compared with. */
  filters?: string;
}

const ISRAEL_RELATIONS = (filter: string) =>
  `{ entity(id: "israel") { name relations(first: 20${filter}) { totalCount edges { node { type object { name } evidence { nodes { quote } } } } } } }`;

export const ARTICLE_OPERATIONS: ArticleOperation[] = [
  {
    name: 'entity with relations and evidence',
    ours: '{ entity(id: "iran") { name relations(direction: OUT, types: [FUNDS, ARMS, HOSTILE_TO, THREATENS], first: 50) { edges { node { type object { name } evidence { nodes { quote } } } } } } }',
    peer:
      '{ countries(where: {id: {eq: "iran"}}) { name ' +
      ['funds', 'arms', 'hostileTo', 'threatens'].map((f) => `${f}Connection { edges { properties { evidence } node { name } } }`).join(' ') +
      ' } }',
  },
  {
    name: 'search with a typo',
    ours: '{ search(text: "netanyahou", first: 10) { score entity { id name } } }',
    peer: `{ search(text: ${JSON.stringify(fullTextQuery('netanyahou', 1))}) { id name score } }`,
  },
  {
    name: 'path Turkey → Iran with evidence',
    ours: '{ path(from: "turkey", to: "iran") { hops { type subject { name } object { name } evidence { nodes { quote } } } } }',
    peer: '{ connection(from: "turkey", to: "iran") { type subject object evidence } }',
  },
  {
    name: 'troop contributors',
    ours: '{ entity(id: "civil-military-coordination-center") { name ... on Organization { troopContributors { nodes { country { name code } forces evidence { nodes { quote } } } } } } }',
    peer: '{ organizations(where: {id: {eq: "civil-military-coordination-center"}}) { name troopContributorsConnection { edges { properties { evidence forces } node { name code } } } } }',
  },
  {
    name: '2-level nested selection',
    ours: '{ entity(id: "iran") { name relations(direction: OUT, types: [FUNDS]) { edges { node { object { name relations(direction: OUT, types: [BASED_IN]) { edges { node { object { name } } } } } } } } } }',
    peer: '{ countries(where: {id: {eq: "iran"}}) { name funds { name basedInCountry { name } basedInPlace { name } } } }',
  },
  { name: "Israel's relations", ours: ISRAEL_RELATIONS('') },
  { name: "Israel's relations valid on a day", ours: ISRAEL_RELATIONS(', validAt: "2025-06-19"'), filters: "Israel's relations" },
  { name: "Israel's relations as of a day", ours: ISRAEL_RELATIONS(', asOf: "2025-11-03"'), filters: "Israel's relations" },
];

/** The ids and texts the operations are asked about, chosen from the graph they run on. */
export interface Profile {
  hub: string;
  country: string;
  typo: string;
  from: string;
  to: string;
  dated: { type: string; since: string; until: string };
  article: string;
  /** A day facts are asked true on, and a day the news is asked as of (halfway through the corpus). */
  validAt: string;
  asOf: string;
}

/** An operation on a corpus (`bench:corpus`), asked about the entities `profile` picks. */
export interface CorpusOperation {
  name: string;
  ours: (p: Profile) => string;
  peer?: (p: Profile) => string;
  /** For a time filter (validAt, asOf): the operation it filters, whose cost it is compared with. */
  filters?: string;
}

const HUB_RELATIONS = "a hub's relations, first 20, with totalCount";
const hubRelations = (p: Profile, filter = '') =>
  `{ entity(id: "${p.hub}") { name relations(first: 20${filter}) { totalCount edges { node { type subject { name } object { name } } } } } }`;

export const CORPUS_OPERATIONS: CorpusOperation[] = [
  { name: HUB_RELATIONS, ours: (p) => hubRelations(p) },
  { name: "a hub's relations valid on a day", ours: (p) => hubRelations(p, `, validAt: "${p.validAt}"`), filters: HUB_RELATIONS },
  { name: "a hub's relations as of a day", ours: (p) => hubRelations(p, `, asOf: "${p.asOf}"`), filters: HUB_RELATIONS },
  { name: "a hub's timeline", ours: (p) => `{ timeline(entity: "${p.hub}", first: 20) { totalCount edges { node { type date since subject { name } object { name } } } } }` },
  {
    name: "a hub's troop contributions with evidence",
    ours: (p) =>
      `{ entity(id: "${p.country}") { name relations(types: [CONTRIBUTES_TROOPS_TO], direction: OUT, first: 20) { totalCount edges { node { object { name } evidence(first: 3) { nodes { quote } } } } } } }`,
    peer: (p) =>
      `{ countries(where: {id: {eq: "${p.country}"}}) { name contributesTroopsToConnection(first: 20) { totalCount edges { properties { evidence } node { name } } } } }`,
  },
  {
    name: 'search with a typo',
    ours: (p) => `{ search(text: "${p.typo}", first: 10) { score entity { id name } } }`,
    peer: (p) => `{ search(text: ${JSON.stringify(fullTextQuery(p.typo, 1))}) { id name score } }`,
  },
  {
    name: 'path between two mid-degree entities',
    ours: (p) => `{ path(from: "${p.from}", to: "${p.to}") { length hops { type subject { name } object { name } evidence(first: 1) { nodes { quote } } } } }`,
    peer: (p) => `{ connection(from: "${p.from}", to: "${p.to}") { type subject object evidence } }`,
  },
  {
    name: "a hub's neighbourhood",
    ours: (p) => `{ neighborhood(id: "${p.hub}") { nodes { id name } edges { type subject { id } object { id } } } }`,
  },
  {
    name: 'relations filtered by type and date',
    ours: (p) =>
      `{ relations(types: [${p.dated.type}], since: "${p.dated.since}", until: "${p.dated.until}", first: 20) { totalCount edges { node { type date subject { name } object { name } } } } }`,
  },
  {
    name: "a page of an article's mentions",
    ours: (p) => `{ article(id: "${p.article}") { title mentions(first: 20) { totalCount nodes { id name } } } }`,
  },
  {
    name: "a page of a hub's evidence",
    ours: (p) =>
      `{ entity(id: "${p.hub}") { relations(orderBy: CORROBORATION, first: 1) { nodes { type sourceCount evidence(first: 20) { totalCount nodes { quote reported article { title } } } } } } }`,
  },
];

/** Picks what the operations ask about: the most named entity, mid-degree entities joined by a short path, and so on. */
export async function profile(db: GraphDatabase, url: string, article: string): Promise<Profile> {
  const read = <T>(cypher: string) => db.read('bench.profile', (tx) => tx.query<T & Record<string, unknown>>(cypher));
  const [hub] = await read<{ id: string; name: string }>(
    'MATCH (n:Entity) WITH n, COUNT { (n)<-[:MENTIONS]-() } AS m, COUNT { (n)--() } AS d ORDER BY m DESC, d DESC LIMIT 1 RETURN n.id AS id, n.name AS name',
  );
  const [country] = await read<{ id: string }>(
    'MATCH (n:Country) WITH n, COUNT { (n)-[:CONTRIBUTES_TROOPS_TO]->() } AS d ORDER BY d DESC, n.id LIMIT 1 RETURN n.id AS id',
  );
  const ranked = await read<{ id: string }>('MATCH (n:Entity) WITH n, COUNT { (n)--() } AS d WHERE d > 2 ORDER BY d DESC, n.id RETURN n.id AS id');
  // Two entities from the middle of the degree ranking that a short path joins.
  let pair: [string, string] | undefined;
  const middle = Math.floor(ranked.length / 3);
  for (let i = middle; i < ranked.length - 1 && !pair; i += 7) {
    const from = ranked[i]!.id;
    const to = ranked[Math.min(ranked.length - 1, i + Math.floor(ranked.length / 4))]!.id;
    const answer = (await post(url, `{ path(from: "${from}", to: "${to}") { length } }`)) as { data?: { path: { length: number } | null } };
    if (answer.data?.path && answer.data.path.length >= 2) pair = [from, to];
  }
  const [dated] = await read<{ type: string; year: number }>(
    'MATCH ()-[r]->() WHERE r.dateFrom IS NOT NULL WITH type(r) AS type, r.dateFrom.year AS year, count(*) AS n ORDER BY n DESC LIMIT 1 RETURN type, year',
  );
  const [halfway] = await read<{ day: string }>(
    'MATCH (a:Article) WITH a ORDER BY a.listKey WITH collect(a.publishedAt) AS days RETURN toString(days[size(days) / 2]) AS day',
  );
  const name = hub!.name;
  // One letter changed in the middle of the name: a typo that full-text search must tolerate.
  const at = Math.floor(name.length / 2);
  const typo = name.slice(0, at) + (name[at] === 'e' ? 'a' : 'e') + name.slice(at + 1);
  return {
    hub: hub!.id,
    country: country?.id ?? hub!.id,
    typo,
    from: pair?.[0] ?? ranked[0]!.id,
    to: pair?.[1] ?? ranked[1]!.id,
    dated: { type: dated!.type, since: String(dated!.year), until: `${dated!.year}-06` },
    article,
    validAt: `${dated!.year}-06-15`,
    asOf: halfway!.day,
  };
}
