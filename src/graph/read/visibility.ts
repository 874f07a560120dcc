/**
 * What a reader sees: the articles hidden while the seeder writes them, and the news as it stood
 * on a day (`asOf`). Every fact, entity, count and evidence list a query reads passes through these
 * rules; usually nothing is hidden and no day asked, and each rule is then one comparison.
 */
import { ARTICLE, ARTICLE_STATUS, MENTIONS, PUBLICATION } from '../../model.ts';
import { ALWAYS, KEY_END_LITERAL, SEPARATOR_LITERAL, type Cypher } from './cypher.ts';

/**
 * The ids of the articles hidden from readers while they are written (see ../write/articles.ts),
 * bound at the start of every query (see readPrelude). Usually none: then every check below is one
 * comparison, and counts come from what Neo4j keeps; while articles load, they are counted out.
 */
export const HIDDEN = '__hidden';
export const NONE_HIDDEN = `size(${HIDDEN}) = 0`;

/**
 * `exact` only while some article is hidden, `fast` otherwise. A query compiled for the usual case,
 * nothing hidden (see queries.ts), is `fast` alone: Neo4j plans no text it would not run. Written as
 * CASE, not OR: the planner may reorder the operands of an OR and read every candidate's properties
 * to decide what one comparison already has.
 */
export function unlessHidden(q: Cypher, fast: string, exact: () => string): string {
  return q.nothingHidden ? fast : `CASE WHEN ${NONE_HIDDEN} THEN ${fast} ELSE ${exact()} END`;
}

/** `condition` only while some article is hidden. */
const whileHidden = (q: Cypher, condition: () => string) => unlessHidden(q, ALWAYS, condition);

/**
 * How the news stood on a day: the parameter holding its last day (YYYY-MM-DD), for a field asked
 * `asOf`. Evidence from articles published after it is left out as hidden articles' is; a fact or
 * an entity none of whose articles is left is left out too.
 */
export type AsOf = string | undefined;

/** Evidence is kept in publication order, so the news as of a day holds a fact when its first report is no later. */
export const reportedBy = (asOf: AsOf, reported: string) => (asOf === undefined ? ALWAYS : `${reported} <= date(${asOf})`);

/** Whether the query is written so that nothing can be left out: nothing hidden, and no day asked. */
const nothingLeftOut = (q: Cypher, asOf: AsOf) => q.nothingHidden && asOf === undefined;

/** The condition that nothing is left out (no article hidden, no day asked), where it may not hold. */
function leaveOutNothing(q: Cypher, asOf: AsOf): string {
  const conditions = [...(q.nothingHidden ? [] : [NONE_HIDDEN]), ...(asOf === undefined ? [] : [`${asOf} IS NULL`])];
  return conditions.join(' AND ');
}

/** `whole` when nothing is left out (no article hidden, no day asked), else `part`. */
function unlessLeftOut(q: Cypher, asOf: AsOf, whole: string, part: () => string): string {
  return nothingLeftOut(q, asOf) ? whole : `CASE WHEN ${leaveOutNothing(q, asOf)} THEN ${whole} ELSE ${part()} END`;
}

/** The condition that an article `a` is not hidden, where one may be. */
const articleShown = (q: Cypher, a: string) => (q.nothingHidden ? [] : [`NOT ${a} IN ${HIDDEN}`]);

/** A fact is visible when at least one article that states it is (and, as of a day, was published by then). */
export function factVisible(q: Cypher, r: string, asOf?: AsOf): string {
  if (asOf === undefined) return whileHidden(q, () => `any(source IN ${r}.sources WHERE NOT source IN ${HIDDEN})`);
  if (q.nothingHidden) return `(${asOf} IS NULL OR ${reportedBy(asOf, `${r}.firstReported`)})`;
  return (
    `CASE WHEN ${NONE_HIDDEN} THEN ${asOf} IS NULL OR ${reportedBy(asOf, `${r}.firstReported`)} ` +
    `ELSE any(i IN range(0, size(${r}.sources) - 1) WHERE NOT ${r}.sources[i] IN ${HIDDEN} AND (${asOf} IS NULL OR ${reportedBy(asOf, `${r}.reported[i]`)})) END`
  );
}

/**
 * An entity is visible when at least one article that names it is. As of a day, one of them must be
 * published by then: its mentions' keys run in publication order (see keys.ts), so that is one index
 * seek however many articles name it.
 */
export function entityVisible(q: Cypher, n: string, asOf?: AsOf): string {
  const a = q.variable('m');
  if (asOf === undefined) return whileHidden(q, () => `EXISTS { MATCH (${a}:${ARTICLE})-[:${MENTIONS}]->(${n}) WHERE NOT ${a}.id IN ${HIDDEN} }`);
  const m = q.variable('m');
  const byThen = [`${m}.inKey >= ${n}.id + ${SEPARATOR_LITERAL}`, `${m}.inKey < ${n}.id + ${SEPARATOR_LITERAL} + ${asOf} + ${KEY_END_LITERAL}`, ...articleShown(q, `${a}.id`)];
  return `CASE WHEN ${asOf} IS NULL THEN ${entityVisible(q, n)} ELSE EXISTS { MATCH (${a}:${ARTICLE})-[${m}:${MENTIONS}]->() WHERE ${byThen.join(' AND ')} } END`;
}

/** The positions in a fact's evidence lists of the sentences whose articles are visible (and published by the day asked). */
export function visibleEvidence(q: Cypher, r: string, asOf?: AsOf): string {
  const all = `range(0, size(coalesce(${r}.evidence, [])) - 1)`;
  const kept = [...articleShown(q, `${r}.sources[i]`), ...(asOf === undefined ? [] : [`(${asOf} IS NULL OR ${reportedBy(asOf, `${r}.reported[i]`)})`])];
  return kept.length === 0 ? all : `[i IN ${all} WHERE ${kept.join(' AND ')}]`;
}

/** Every position in a fact's evidence lists where nothing is left out, else those of `visibleEvidence`. */
export const shownEvidence = (q: Cypher, r: string, asOf?: AsOf) => unlessLeftOut(q, asOf, `range(0, size(coalesce(${r}.evidence, [])) - 1)`, () => visibleEvidence(q, r, asOf));

/** What is derived from a fact's evidence, as stored, or (while articles are hidden, or as of a day) from the visible part of it. */
export function evidenceDerived(q: Cypher, r: string, field: 'sourceCount' | 'firstReported' | 'lastReported', asOf?: AsOf): string {
  const computed = () => {
    const visible = visibleEvidence(q, r, asOf);
    return field === 'sourceCount'
      ? `size([j IN range(0, size(${visible}) - 1) WHERE j = 0 OR ${r}.sources[(${visible})[j]] <> ${r}.sources[(${visible})[j - 1]]])`
      : `${r}.reported[(${visible})[${field === 'firstReported' ? '0' : '-1'}]]`;
  };
  const value = unlessLeftOut(q, asOf, `${r}.${field}`, computed);
  return field === 'sourceCount' ? value : `toString(${value})`;
}

/**
 * A fact's status as stored (its latest report's), or, while articles are hidden or as of a day, the
 * status of its latest visible report (reports are kept in publication order).
 */
export function factStatus(q: Cypher, r: string, asOf?: AsOf): string {
  return unlessLeftOut(q, asOf, `${r}.status`, () => `${r}.statuses[(${visibleEvidence(q, r, asOf)})[-1]]`);
}

/** Keeps a fact whose status is one of those asked (`statuses`: a parameter holding a list, or null for all). */
export const statusAsked = (q: Cypher, r: string, statuses: string, asOf?: AsOf) => `(${statuses} IS NULL OR ${factStatus(q, r, asOf)} IN ${statuses})`;

/** Whether a visible article (published by the day asked, if one is) says a later fact overtakes `r`. */
export function overtakingVisible(q: Cypher, r: string, asOf?: AsOf): string {
  if (nothingLeftOut(q, asOf)) return `${r}.overtakenBy IS NOT NULL`;
  const kept = [...articleShown(q, 'a.id'), ...(asOf === undefined ? [] : [`(${asOf} IS NULL OR ${reportedBy(asOf, 'a.publishedAt')})`])];
  return `${r}.overtakenBy IS NOT NULL AND (${leaveOutNothing(q, asOf)} OR any(id IN ${r}.overtakenIn WHERE EXISTS { MATCH (a:${ARTICLE} {id: id}) WHERE ${kept.join(' AND ')} }))`;
}

/** How many entities of a label only hidden articles name: they are left out of counts while those articles load. */
export function hiddenOnly(q: Cypher, label: string): string {
  if (q.nothingHidden) return '0';
  const [h, e] = [q.variable('h'), q.variable('e')];
  return `CASE WHEN ${NONE_HIDDEN} THEN 0 ELSE COUNT { MATCH (${h}:${ARTICLE})-[:${MENTIONS}]->(${e}:${label}) WHERE ${h}.id IN ${HIDDEN} AND NOT ${entityVisible(q, e)} RETURN DISTINCT ${e} } END`;
}

/**
 * What every query reads first: the publication clock, and the ids of the articles hidden while
 * they are written. It reads the clock again at its end (see readEpilogue): a clock that moved
 * means an article was hidden meanwhile, and the answer is read again (see queries.ts).
 */
export const readPrelude = () =>
  `OPTIONAL MATCH (clock:${PUBLICATION}) ` +
  `WITH coalesce(clock.epoch, 0) AS epoch, COLLECT { MATCH (h:${ARTICLE}) WHERE h.status = '${ARTICLE_STATUS.loading}' RETURN h.id } AS ${HIDDEN} `;

/** Whether a text is one of the API's reads of the graph, which begin with the prelude (not, say, its readiness probe). */
export const rehearsable = (cypher: string) => cypher.startsWith(readPrelude());

/**
 * The same read as another statement to Neo4j: a leading `WITH` of a variable named after `round`,
 * which nothing reads. Neo4j keys its plans by the statement (a comment would not do: it plans a text
 * that differs only by one from the plan it has), so it plans this one from the start, running the
 * same code of its planner as the read does. The API's warm-up plans such copies to have Java compile
 * that code before clients send texts nobody has sent yet (src/api/warm-up.ts).
 */
export function rehearsalOf(cypher: string, round: number): string {
  if (!rehearsable(cypher)) throw new Error('only a read that begins with the read prelude can be rehearsed');
  return `WITH 0 AS rehearsal${round} ${cypher}`;
}

/** Returns the answer with whether nothing was hidden, and whether the clock stood still while it was read. */
export const readEpilogue = (expression: string) =>
  `WITH epoch, ${NONE_HIDDEN} AS nothingHidden, ${expression} AS result OPTIONAL MATCH (after:${PUBLICATION}) RETURN result, nothingHidden, epoch = coalesce(after.epoch, 0) AS steady`;
