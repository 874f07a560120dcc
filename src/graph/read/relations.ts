/**
 * Which facts a listing holds, in what order, and how many: the filters of `relations` (types,
 * direction, period, current, statuses, as of a day), the index keys each order reads (see
 * keys.ts), and the counts, taken from what Neo4j keeps (degrees, the count store, the seeder's
 * tallies) wherever the filter allows. What is shown of each fact is fields.ts's, handed in.
 */
import { ENTITY, RELATION_TYPE_NAMES, TALLY, type RelationType } from '../../model.ts';
import { KEY_END, TALLIED_KEYS, tallyRanges, type TallyKind } from '../keys.ts';
import type { Cypher } from './cypher.ts';
import { BEYOND, connection, entityPrefix, pageRows, paramPrefix, type Listing, type Prefix, type Source } from './pages.ts';
import { fieldsOf, type RelationFilter, type RequestedField, type TimeFilter } from './request.ts';
import { factVisible, NONE_HIDDEN, statusAsked, type AsOf } from './visibility.ts';

/** What is shown of a fact `r` from `s` to `e`: fields.ts's `relation`. */
export type RelationProjection = (q: Cypher, r: string, s: string, e: string, fields: RequestedField[], asOf?: AsOf) => string;

/** Where a listing of facts starts: at an entity bound in the query, or (at the root) at a subject or object id, or nowhere. */
export type Anchor = { entity: string } | { subject: string | null; object: string | null };

/**
 * Where the date keys of facts that may overlap a period from `since` begin. A date spans at most
 * its year, so such a fact begins no earlier than the first day of the year `since` falls in; its
 * key starts with the day it begins (see keys.ts), and the year alone sorts before all of them.
 */
function yearOf(since: string): string {
  return since.slice(0, 4);
}

/** The parameters of a relation filter, each a value (never Cypher text), with the conditions that read them. */
class RelationArgs {
  readonly types: ReadonlySet<string>;
  readonly direction: 'OUT' | 'IN' | 'BOTH';
  readonly since: string | null;
  readonly until: string | null;
  readonly current: boolean;
  readonly asOf: string | null;
  readonly statuses: readonly string[] | null;
  private sinceParam?: string;
  private untilParam?: string;
  private currentParam?: string;
  private asOfParam?: string;
  private statusesParam?: string;

  constructor(
    private readonly q: Cypher,
    filter: Pick<RelationFilter, 'types' | 'direction'> & TimeFilter & Partial<Pick<RelationFilter, 'statuses'>>,
  ) {
    this.types = new Set(filter.types);
    this.direction = filter.direction;
    this.since = filter.since;
    this.until = filter.until;
    this.current = filter.current;
    this.asOf = filter.asOf;
    this.statuses = filter.statuses ?? null;
  }

  get dated(): boolean {
    return this.since !== null || this.until !== null;
  }

  /** Whether facts are kept by what they hold, or by when they were reported, so that counts have to look at each. */
  get filtered(): boolean {
    return this.dated || this.current || this.asOf !== null || this.statuses !== null;
  }

  /** Keeps a fact whose status, as the news stood on the day asked, is one of those asked (all, with none asked). */
  statusConditions(r: string): string[] {
    if (this.statuses === null) return [];
    return [statusAsked(r, (this.statusesParam ??= this.q.param(this.statuses)), this.asOfDay)];
  }

  /** The parameter of the day the news is asked as of, where one is given. */
  get asOfDay(): AsOf {
    return this.asOf === null ? undefined : (this.asOfParam ??= this.q.param(this.asOf));
  }

  /** A fact is kept when an article that states it is visible, and published by the day asked. */
  visible(r: string): string {
    return factVisible(r, this.asOfDay);
  }

  includes(type: string, direction: 'OUT' | 'IN'): boolean {
    return this.types.has(type) && (this.direction === 'BOTH' || this.direction === direction);
  }

  /**
   * Keeps a dated relationship when the days it covers overlap [since, until] (with neither, keeps
   * all), and, when only current facts are asked for, one that has not ended before today.
   */
  dateConditions(r: string): string[] {
    const since = (this.sinceParam ??= this.q.param(this.since));
    const until = (this.untilParam ??= this.q.param(this.until));
    const current = (this.currentParam ??= this.q.param(this.current));
    return [
      `(${since} IS NULL OR ${r}.dateTo >= date(${since}))`,
      `(${until} IS NULL OR ${r}.dateFrom <= date(${until}))`,
      `(NOT ${current} OR (${r}.overtakenBy IS NULL AND (${r}.endsOn IS NULL OR ${r}.endsOn >= date())))`,
    ];
  }
}

/**
 * The conditions a traversal (a path, a neighbourhood) puts on each fact `r` it follows, for the time
 * it was asked (none when it was asked none), and the day its evidence is shown as of.
 */
export function traversedFacts(q: Cypher, r: string, time: TimeFilter): { conditions: string[]; asOf: AsOf } {
  const asked = time.since !== null || time.until !== null || time.current || time.asOf !== null;
  if (!asked) return { conditions: [factVisible(r)], asOf: undefined };
  const filter = new RelationArgs(q, { types: [], direction: 'BOTH', ...time });
  return { conditions: [...filter.dateConditions(r), filter.visible(r)], asOf: filter.asOfDay };
}

/** The key a listing of facts reads, by order, from the end it starts at (see keys.ts). */
export const LISTING_KEYS = {
  TYPE: { OUT: 'outKey', IN: 'inKey' },
  CORROBORATION: { OUT: 'outRank', IN: 'inRank' },
  TIME: { OUT: 'outTimeKey', IN: 'inTimeKey' },
  DATE: { OUT: 'dateKey', IN: 'dateKey' },
} as const;

/**
 * The relationships of an entity (or, at the root, of the graph), as a connection. In TYPE order a
 * source is one (type, direction) of the entity, merged by type, direction, then the other end's id;
 * in CORROBORATION order, by the number of articles stating each fact, most first; in DATE order
 * (root only, without subject or object), by date. Every type and direction is a source in the
 * Cypher; the arguments only open or close their ranges.
 */
export function relationsConnection(
  q: Cypher,
  fields: RequestedField[],
  request: RelationFilter,
  anchor: Anchor,
  project: RelationProjection,
): string {
  const filter = new RelationArgs(q, request);
  const rooted = !('entity' in anchor);
  const unanchored = rooted && !anchor.subject && !anchor.object;
  const { order, page } = request;

  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  const dates = [...filter.dateConditions(r), ...filter.statusConditions(r), filter.visible(r)];
  const sources: Source[] = [];
  let imports: string[] = [];
  let low: string | undefined;
  let high: string | undefined;
  // An entity's facts of a period come, within each type and direction, latest beginning first: read
  // from the keys that begin with the day a fact begins (see keys.ts), from the period's end down,
  // so a page stops among the facts that began just before it, which mostly still hold.
  const byTime = 'entity' in anchor && order === 'TYPE' && filter.dated;
  const keys = order === 'DATE' ? LISTING_KEYS.DATE : order === 'CORROBORATION' ? LISTING_KEYS.CORROBORATION : byTime ? LISTING_KEYS.TIME : LISTING_KEYS.TYPE;
  const key = (direction: 'OUT' | 'IN') => keys[direction];
  const fact = (type: RelationType, direction: 'OUT' | 'IN', prefix: Prefix | null, where: string[] = dates): Source => ({
    pattern: `(${s})-[${r}:${type}]->(${e})`,
    key: `${r}.${key(direction)}`,
    prefix,
    tag: order === 'DATE' ? [type] : [type, direction === 'OUT' ? 0 : 1],
    where,
    enabled: filter.includes(type, direction),
  });

  if ('entity' in anchor) {
    const n = anchor.entity;
    imports = [n];
    if (byTime && filter.until) high = filter.until + KEY_END;
    for (const type of RELATION_TYPE_NAMES) for (const direction of ['OUT', 'IN'] as const) sources.push(fact(type, direction, entityPrefix(n)));
  } else if (!unanchored) {
    // Facts from a subject (to an object): the subject's outgoing keys; facts to an object only: its incoming keys.
    const { subject, object } = anchor;
    const direction = subject ? 'OUT' : 'IN';
    const prefix = subject ? (object && order === 'TYPE' ? paramPrefix(q, subject, object) : paramPrefix(q, subject)) : paramPrefix(q, object!);
    const pair = subject && object && order === 'CORROBORATION' ? [`${e}.id = ${q.param(object)}`] : [];
    for (const type of RELATION_TYPE_NAMES) sources.push(fact(type, direction, prefix, [...dates, ...pair]));
  } else if (order === 'DATE') {
    // Facts within one year, from the year the period begins in to its end; facts that cross the
    // turn of a year (read from their own keys, from the first) may begin long before the period.
    low = filter.since ? yearOf(filter.since) : '';
    if (filter.until) high = filter.until + KEY_END;
    for (const type of RELATION_TYPE_NAMES) {
      sources.push(fact(type, 'OUT', null));
      sources.push({ ...fact(type, 'OUT', null), key: `${r}.spanKey`, low: '' });
    }
  } else {
    for (const type of RELATION_TYPE_NAMES) sources.push(fact(type, 'OUT', null));
  }

  // Types and directions the operation itself leaves out need no source in its Cypher (fewer to plan and read).
  const pruned = request.literal && sources.some((source) => source.enabled);
  if (pruned) sources.splice(0, sources.length, ...sources.filter((source) => source.enabled));
  const tagsFirst = order === 'TYPE';
  // A row's direction is the end the listing starts from; its key is the one its source is ordered by.
  // Only a listing of one object's facts reads incoming keys; the whole graph's facts are read by their outgoing keys.
  const outgoing = 'entity' in anchor ? `${s} = ${anchor.entity}` : anchor.object && !anchor.subject ? 'false' : 'true';
  const keyOf = order === 'DATE' ? `coalesce(${r}.dateKey, ${r}.spanKey)` : `CASE WHEN ${outgoing} THEN ${r}.${key('OUT')} ELSE ${r}.${key('IN')} END`;
  const prefixLow = sources[0]!.prefix?.low;
  const position = {
    tags: order === 'DATE' ? [`type(${r})`] : [`type(${r})`, `CASE WHEN ${outgoing} THEN 0 ELSE 1 END`],
    rest: prefixLow ? `substring(${keyOf}, size(${prefixLow}))` : keyOf,
  };
  const listing: Listing = {
    sources,
    bind: [r, s, e],
    tagsFirst,
    page,
    imports,
    position,
    ...(byTime ? { descending: true } : {}),
    ...(low !== undefined ? { low } : {}),
    ...(high !== undefined ? { high } : {}),
  };
  return connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, listing, projection),
    (node) => project(q, r, s, e, fieldsOf(node), filter.asOfDay),
    () => relationCount(q, anchor, filter, pruned, order === 'DATE'),
  );
}

/**
 * How many relationships a filter matches, without reading them wherever Neo4j keeps the number: an
 * entity's degrees by type and direction, or the count store for the whole graph. A date filter
 * has to look at each candidate: the entity's relationships, or a date range of the index.
 */
function relationCount(
  q: Cypher,
  anchor: Anchor,
  filter: RelationArgs,
  pruned: boolean,
  datedOnly: boolean,
): string {
  const r = q.variable('r');
  // With types and direction written in the operation itself, only theirs are counted; otherwise
  // every type is in the Cypher and the arguments switch each on or off.
  const countedTypes = pruned ? RELATION_TYPE_NAMES.filter((type) => filter.types.has(type)) : RELATION_TYPE_NAMES;
  const typePattern = countedTypes.join('|');
  const counted = (type: RelationType, direction: 'OUT' | 'IN', count: string) =>
    pruned ? (filter.includes(type, direction) ? [count] : []) : [`CASE WHEN ${q.param(filter.includes(type, direction))} THEN ${count} ELSE 0 END`];
  const types = q.param([...filter.types]);
  const kept = [`type(${r}) IN ${types}`, ...filter.dateConditions(r), ...filter.statusConditions(r), filter.visible(r)].join(' AND ');
  const directed = (pattern: string) => `COUNT { MATCH ${pattern} WHERE ${kept} }`;
  // Undated counts come from what Neo4j keeps, unless articles are hidden: then they are counted one by one.
  const kept_ = (fast: string, exact: string) => (filter.filtered ? exact : `CASE WHEN ${NONE_HIDDEN} THEN ${fast} ELSE ${exact} END`);
  if ('entity' in anchor) {
    const n = anchor.entity;
    const degrees = countedTypes.flatMap((type) => [
      ...counted(type, 'OUT', `COUNT { (${n})-[:${type}]->() }`),
      ...counted(type, 'IN', `COUNT { (${n})<-[:${type}]-() }`),
    ]);
    const out = q.param(filter.direction !== 'IN');
    const inn = q.param(filter.direction !== 'OUT');
    const exact = `(CASE WHEN ${out} THEN ${directed(`(${n})-[${r}:${typePattern}]->()`)} ELSE 0 END + CASE WHEN ${inn} THEN ${directed(`(${n})<-[${r}:${typePattern}]-()`)} ELSE 0 END)`;
    const keyed = keyedCount(q, n, filter, countedTypes, counted);
    if (keyed) return `CASE WHEN ${NONE_HIDDEN} THEN ${keyed} ELSE ${exact} END`;
    return kept_(`(${degrees.join(' + ')})`, exact);
  }
  const { subject, object } = anchor;
  if (subject && object) return directed(`(:${ENTITY} {id: ${q.param(subject)}})-[${r}:${typePattern}]->(:${ENTITY} {id: ${q.param(object)}})`);
  if (subject) return directed(`(:${ENTITY} {id: ${q.param(subject)}})-[${r}:${typePattern}]->()`);
  if (object) return directed(`(:${ENTITY} {id: ${q.param(object)}})<-[${r}:${typePattern}]-()`);
  // In date order only dated facts are listed, so only they are counted, even with no period given.
  if (!filter.dated && !datedOnly) {
    const stored = countedTypes.flatMap((type) => counted(type, 'OUT', `COUNT { ()-[:${type}]->() }`)).join(' + ');
    return kept_(`(${stored})`, directed(`()-[${r}:${typePattern}]->()`));
  }
  // Through the date index of each type. A key starts with the day its fact begins, so the range up to
  // the end of the period holds exactly the facts that begin by then: those that begin on or after
  // `since` are counted from the index alone; those that begin earlier in its year only if they reach into it.
  const to = q.param(filter.until ? filter.until + KEY_END : BEYOND);
  const current = filter.current ? [filter.dateConditions(r)[2]!] : [];
  const inRange = (type: RelationType, key: string, low: string, high: string, where: string[] = []) =>
    `COUNT { MATCH ()-[${r}:${type}]->() WHERE ${[`${r}.${key} >= ${low}`, `${r}.${key} < ${high}`, ...where, ...current, ...filter.statusConditions(r), filter.visible(r)].join(' AND ')} }`;
  const since = filter.since ? { day: q.param(filter.since), year: q.param(yearOf(filter.since)) } : null;
  const start = q.param('');
  // Facts that cross the turn of a year are counted if they reach into the period.
  const long = (type: RelationType) => inRange(type, 'spanKey', start, to, since ? [`${r}.dateTo >= date(${since.day})`] : []);
  const perType = (type: RelationType) =>
    since
      ? `${inRange(type, 'dateKey', since.day, to)} + ${inRange(type, 'dateKey', since.year, since.day, [`${r}.dateTo >= date(${since.day})`])} + ${long(type)}`
      : `${inRange(type, 'dateKey', start, to)} + ${long(type)}`;
  return `(${countedTypes.flatMap((type) => counted(type, 'OUT', perType(type))).join(' + ')})`;
}

/**
 * An entity's facts of a period, or as the news stood on a day, counted without reading them (see
 * keys.ts): those of a period [since, until] are the facts that begin by `until` less those that
 * end before `since` (with no `until`, the facts that end from `since` on); those reported by a day
 * are a range of the keys of first publication. Of every type both ways, each "before a day" (or
 * "from a day on") is a few dozen of the tallies the seeder keeps: the count costs the entity's
 * years, not its degree. Of some types, or as of a day, it is an index range per type and direction,
 * which Neo4j counts by reading its entries: the entity's facts of those types in the range.
 * Undefined where the filter asks more than one of these, or current facts: those are counted one by one.
 */
function keyedCount(
  q: Cypher,
  n: string,
  filter: RelationArgs,
  types: readonly RelationType[],
  counted: (type: RelationType, direction: 'OUT' | 'IN', count: string) => string[],
): string | undefined {
  if (filter.current || filter.statuses !== null || (filter.dated && filter.asOf !== null) || !filter.filtered) return undefined;
  const [c, t, sum, tally] = [q.variable('r'), q.variable('t'), q.variable('sum'), q.variable('tally')];
  const prefix = entityPrefix(n);
  const at = (day: string) => `${prefix.low} + ${q.param(day)}`;
  // The bounds depend on the entity, so the planner cannot weigh the range: without the hint it may scan every fact of the type.
  const range = (type: RelationType, key: string, low: string, high: string) =>
    `COUNT { MATCH ()-[${c}:${type}]->() USING INDEX ${c}:${type}(${key}) WHERE ${c}.${key} >= ${low} AND ${c}.${key} < ${high} }`;
  // A type the entity has none of in a direction is not sought in the index: its degree, which Neo4j keeps, says so.
  const held = (type: RelationType, direction: 'OUT' | 'IN', count: string) =>
    `CASE WHEN ${direction === 'OUT' ? `EXISTS { (${n})-[:${type}]->() }` : `EXISTS { (${n})<-[:${type}]-() }`} THEN ${count} ELSE 0 END`;
  const each = (count: (type: RelationType, direction: 'OUT' | 'IN') => string) =>
    `(${types.flatMap((type) => [...counted(type, 'OUT', held(type, 'OUT', count(type, 'OUT'))), ...counted(type, 'IN', held(type, 'IN', count(type, 'IN')))]).join(' + ') || '0'})`;
  if (filter.asOf !== null) {
    const reportedBy = at(filter.asOf + KEY_END);
    return each((type, direction) => range(type, direction === 'OUT' ? 'outReportKey' : 'inReportKey', prefix.low, reportedBy));
  }
  const everything = types.length === RELATION_TYPE_NAMES.length && types.every((type) => filter.includes(type, 'OUT') && filter.includes(type, 'IN'));
  // Tallies count every type both ways: which types are asked is a parameter, so the choice is made in the Cypher.
  const all = q.param(everything);
  const side = (kind: TallyKind, which: 'before' | 'from', bound: string) => {
    const tallies = tallyRanges(kind, which, bound).map(
      ({ low, high }) =>
        `MATCH (${t}:${TALLY}) USING INDEX ${t}:${TALLY}(key) WHERE ${t}.key >= ${n}.id + ${q.param(low)} AND ${t}.key < ${n}.id + ${q.param(high)} RETURN ${t}.count AS ${tally}`,
    );
    const kept = `reduce(${sum} = 0, ${tally} IN COLLECT { ${tallies.join(' UNION ALL ')} } | ${sum} + ${tally})`;
    const key = TALLIED_KEYS[kind];
    const indexed = each((type, direction) =>
      which === 'before' ? range(type, key[direction], prefix.low, at(bound)) : range(type, key[direction], at(bound), prefix.high),
    );
    return `CASE WHEN ${all} THEN ${kept} ELSE ${indexed} END`;
  };
  if (filter.since === null) return side('begins', 'before', filter.until! + KEY_END);
  if (filter.until === null) return side('ends', 'from', filter.since);
  return `(${side('begins', 'before', filter.until + KEY_END)} - ${side('ends', 'before', filter.since)})`;
}
