/**
 * What a reader sees: the articles hidden while the seeder writes them, and the news as it stood
 * on a day (`asOf`). Every fact, entity, count and evidence list a query reads passes through these
 * rules; usually nothing is hidden and no day asked, and each rule is then one comparison.
 */
import { ARTICLE, ARTICLE_STATUS, MENTIONS, PUBLICATION } from '../../model.ts';
import { KEY_END_LITERAL, SEPARATOR_LITERAL, type Cypher } from './cypher.ts';

/**
 * The ids of the articles hidden from readers while they are written (see ../write/articles.ts),
 * bound at the start of every query (see readPrelude). Usually none: then every check below is one
 * comparison, and counts come from what Neo4j keeps; while articles load, they are counted out.
 */
export const HIDDEN = '__hidden';
export const NONE_HIDDEN = `size(${HIDDEN}) = 0`;

/**
 * `condition` only while some article is hidden. Written as CASE, not OR: the planner may reorder the
 * operands of an OR and read every candidate's properties to decide what one comparison already has.
 */
const whileHidden = (condition: string) => `CASE WHEN ${NONE_HIDDEN} THEN true ELSE ${condition} END`;

/**
 * How the news stood on a day: the parameter holding its last day (YYYY-MM-DD), for a field asked
 * `asOf`. Evidence from articles published after it is left out as hidden articles' is; a fact or
 * an entity none of whose articles is left is left out too.
 */
export type AsOf = string | undefined;

/** Evidence is kept in publication order, so the news as of a day holds a fact when its first report is no later. */
export const reportedBy = (asOf: AsOf, reported: string) => (asOf === undefined ? 'true' : `${reported} <= date(${asOf})`);
/** Nothing to leave out: no article hidden and no day asked. */
export const leaveOutNothing = (asOf: AsOf) => (asOf === undefined ? NONE_HIDDEN : `${NONE_HIDDEN} AND ${asOf} IS NULL`);

/** A fact is visible when at least one article that states it is (and, as of a day, was published by then). */
export function factVisible(r: string, asOf?: AsOf): string {
  if (asOf === undefined) return whileHidden(`any(source IN ${r}.sources WHERE NOT source IN ${HIDDEN})`);
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
  if (asOf === undefined) return whileHidden(`EXISTS { MATCH (${a}:${ARTICLE})-[:${MENTIONS}]->(${n}) WHERE NOT ${a}.id IN ${HIDDEN} }`);
  const m = q.variable('m');
  const byThen = `${m}.inKey >= ${n}.id + ${SEPARATOR_LITERAL} AND ${m}.inKey < ${n}.id + ${SEPARATOR_LITERAL} + ${asOf} + ${KEY_END_LITERAL}`;
  return `CASE WHEN ${asOf} IS NULL THEN ${entityVisible(q, n)} ELSE EXISTS { MATCH (${a}:${ARTICLE})-[${m}:${MENTIONS}]->() WHERE ${byThen} AND NOT ${a}.id IN ${HIDDEN} } END`;
}

/** The positions in a fact's evidence lists of the sentences whose articles are visible (and published by the day asked). */
export const visibleEvidence = (r: string, asOf?: AsOf) =>
  `[i IN range(0, size(coalesce(${r}.evidence, [])) - 1) WHERE NOT ${r}.sources[i] IN ${HIDDEN}${asOf === undefined ? '' : ` AND (${asOf} IS NULL OR ${reportedBy(asOf, `${r}.reported[i]`)})`}]`;

/** What is derived from a fact's evidence, as stored, or (while articles are hidden, or as of a day) from the visible part of it. */
export function evidenceDerived(r: string, field: 'sourceCount' | 'firstReported' | 'lastReported', asOf?: AsOf): string {
  const visible = visibleEvidence(r, asOf);
  const computed =
    field === 'sourceCount'
      ? `size([j IN range(0, size(${visible}) - 1) WHERE j = 0 OR ${r}.sources[(${visible})[j]] <> ${r}.sources[(${visible})[j - 1]]])`
      : `${r}.reported[(${visible})[${field === 'firstReported' ? '0' : '-1'}]]`;
  const stored = `${r}.${field}`;
  const value = `CASE WHEN ${leaveOutNothing(asOf)} THEN ${stored} ELSE ${computed} END`;
  return field === 'sourceCount' ? value : `toString(${value})`;
}

/**
 * A fact's status as stored (its latest report's), or, while articles are hidden or as of a day, the
 * status of its latest visible report (reports are kept in publication order).
 */
export function factStatus(r: string, asOf?: AsOf): string {
  return `CASE WHEN ${leaveOutNothing(asOf)} THEN ${r}.status ELSE ${r}.statuses[(${visibleEvidence(r, asOf)})[-1]] END`;
}

/** Keeps a fact whose status is one of those asked (`statuses`: a parameter holding a list, or null for all). */
export const statusAsked = (r: string, statuses: string, asOf?: AsOf) => `(${statuses} IS NULL OR ${factStatus(r, asOf)} IN ${statuses})`;

/** Whether a visible article (published by the day asked, if one is) says a later fact overtakes `r`. */
export function overtakingVisible(r: string, asOf?: AsOf): string {
  const asked = asOf === undefined ? '' : ` AND (${asOf} IS NULL OR ${reportedBy(asOf, `a.publishedAt`)})`;
  return `${r}.overtakenBy IS NOT NULL AND (${NONE_HIDDEN}${asOf === undefined ? '' : ` AND ${asOf} IS NULL`} OR any(id IN ${r}.overtakenIn WHERE EXISTS { MATCH (a:${ARTICLE} {id: id}) WHERE NOT a.id IN ${HIDDEN}${asked} }))`;
}

/** How many entities of a label only hidden articles name: they are left out of counts while those articles load. */
export function hiddenOnly(q: Cypher, label: string): string {
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

/** Returns the answer with whether the clock stood still while it was read. */
export const readEpilogue = (expression: string) =>
  `WITH epoch, ${expression} AS result OPTIONAL MATCH (after:${PUBLICATION}) RETURN result, epoch = coalesce(after.epoch, 0) AS steady`;
