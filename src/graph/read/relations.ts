/**
 * Which facts a listing holds, in what order, and how many: the filters of `relations` (types,
 * direction, period, current, statuses, as of a day), the index keys each order reads (see
 * keys.ts), and the counts, taken from what Neo4j keeps (degrees, the count store, the seeder's
 * tallies) wherever the filter allows. What is shown of each fact is fields.ts's, handed in.
 */
import { ENTITY, LISTING, MENTIONS, RELATION_TYPE_NAMES, TALLY, type RelationType } from '../../model.ts';
import { factOfListing, KEY_END, TALLIED_KEYS, tallyRanges, type TallyKind } from '../keys.ts';
import { allOf, SEPARATOR_LITERAL, whereAll, type Cypher } from './cypher.ts';
import { LISTED_FROM } from './listed.ts';
import { BEYOND, connection, entityPrefix, pageRows, paramPrefix, type Listing, type Prefix, type Source } from './pages.ts';
import { fieldsOf, type RelationFilter, type RequestedField, type TimeFilter } from './request.ts';
import { factVisible, statusAsked, unlessHidden, type AsOf } from './visibility.ts';

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

/** Which facts a count reads: the types written in the operation, or (`asked`) the parameter holding those its arguments ask. */
export interface CountedTypes {
  types: readonly RelationType[];
  asked: string | null;
}

/**
 * The range of keys a count reads: those that begin with `entity`'s id (a Cypher expression), or
 * every key where it is null, from `low` to `high` after it (Cypher expressions of strings).
 */
export interface KeyRange {
  entity: string | null;
  low: string;
  high: string;
}

/**
 * How many facts of some types have their `key` in a range. Of a few types written in the operation,
 * one subquery whose pattern names each: Neo4j plans it as one index range seek per type, united,
 * and counts what they read (the hints keep each type a seek: left to itself, the planner scans a
 * type's whole index when it holds few facts). Of more, or of the types the arguments ask, one range
 * of the listings' index per type (see listed.ts), each a value the subquery runs over: a type in a
 * pattern costs the planner a few milliseconds, dozens of them hundreds. `where` keeps a fact by
 * what it holds, which the listing count reads through the fact's element id.
 */
export function keyRangeCount(q: Cypher, counted: CountedTypes, key: string, range: KeyRange, where: (c: string) => string[] = () => []): string {
  const { types, asked } = counted;
  if (types.length === 0) return '0';
  const c = q.variable('r');
  const conditions = where(c);
  const from = (rest: string, type: string | null) =>
    [...(range.entity === null ? [] : [range.entity, SEPARATOR_LITERAL]), ...(type === null ? [] : [type, SEPARATOR_LITERAL]), rest].join(' + ');
  if (asked === null && types.length < LISTED_FROM) {
    const hints = types.map((type) => `USING INDEX SEEK ${c}:${type}(${key})`).join(' ');
    const bounds = [`${c}.${key} >= ${from(range.low, null)}`, `${c}.${key} < ${from(range.high, null)}`];
    return `COUNT { MATCH ()-[${c}:${types.join('|')}]->() ${hints} WHERE ${allOf([...bounds, ...conditions])} }`;
  }
  const [t, x] = [q.variable('t'), q.variable('x')];
  const seek = `MATCH (${x}:${LISTING}) USING INDEX ${x}:${LISTING}(${key}) WHERE ${x}.${key} >= ${from(range.low, t)} AND ${x}.${key} < ${from(range.high, t)}`;
  const filter = whereAll(conditions);
  const kept = filter === '' ? '' : ` ${factOfListing(x, c)} WITH *${filter}`;
  return `COUNT { UNWIND ${asked ?? q.param(types)} AS ${t} ${seek}${kept} }`;
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
  readonly fixedTime: boolean;
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
    this.fixedTime = filter.fixedTime ?? false;
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
    return [statusAsked(this.q, r, (this.statusesParam ??= this.q.param(this.statuses)), this.asOfDay)];
  }

  /** The parameter of the day the news is asked as of, where one is given. */
  get asOfDay(): AsOf {
    return this.asOf === null ? undefined : (this.asOfParam ??= this.q.param(this.asOf));
  }

  /** A fact is kept when an article that states it is visible, and published by the day asked. */
  visible(r: string): string {
    return factVisible(this.q, r, this.asOfDay);
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
    if (this.fixedTime) {
      // The operation gives the same bounds on every request: only those given are tested.
      return [
        ...(this.since === null ? [] : [`${r}.dateTo >= date(${since})`]),
        ...(this.until === null ? [] : [`${r}.dateFrom <= date(${until})`]),
        ...(this.current ? [this.currentCondition(r)] : []),
      ];
    }
    return [`(${since} IS NULL OR ${r}.dateTo >= date(${since}))`, `(${until} IS NULL OR ${r}.dateFrom <= date(${until}))`, this.currentCondition(r)];
  }

  /** When only current facts are asked for, keeps a fact not overtaken and not ended before today. */
  currentCondition(r: string): string {
    const current = (this.currentParam ??= this.q.param(this.current));
    const holds = `(${r}.overtakenBy IS NULL AND (${r}.endsOn IS NULL OR ${r}.endsOn >= date()))`;
    return this.fixedTime ? holds : `(NOT ${current} OR ${holds})`;
  }
}

/**
 * The conditions a traversal (a path, a neighbourhood) puts on each fact `r` it follows, for the time
 * it was asked (none when it was asked none), and the day its evidence is shown as of.
 */
export function traversedFacts(q: Cypher, r: string, time: TimeFilter): { conditions: string[]; asOf: AsOf } {
  const asked = time.since !== null || time.until !== null || time.current || time.asOf !== null;
  if (!asked) return { conditions: [factVisible(q, r)], asOf: undefined };
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
    // The whole graph's facts in type order are their identities' order.
    listed: { type, key: prefix === null && key(direction) === 'outKey' ? 'identity' : key(direction) },
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
      sources.push({ ...fact(type, 'OUT', null), key: `${r}.spanKey`, low: '', listed: { type, key: 'spanKey' } });
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
 * The types a count reads in one direction, what else keeps a fact of them, and whether the
 * direction is counted at all: with types and direction written in the operation, exactly those
 * (nothing is left to decide); otherwise every type, kept by the arguments.
 */
interface Counted extends CountedTypes {
  /** The count of the direction, or 0 where the arguments leave the direction out. */
  wrap: (count: string) => string;
}

/** `types`: the parameter holding the types asked. */
function countedTypes(q: Cypher, filter: RelationArgs, pruned: boolean, types: string): (direction: 'OUT' | 'IN') => Counted {
  if (pruned) {
    return (direction) => ({ types: RELATION_TYPE_NAMES.filter((type) => filter.includes(type, direction)), asked: null, wrap: (count) => count });
  }
  const on = { OUT: q.param(filter.direction !== 'IN'), IN: q.param(filter.direction !== 'OUT') };
  return (direction) => ({ types: RELATION_TYPE_NAMES, asked: types, wrap: (count) => `CASE WHEN ${on[direction]} THEN ${count} ELSE 0 END` });
}

/**
 * An entity's facts of every type one way, from its degrees: every relationship an entity has is a
 * fact, but for the mentions that articles make of it (see ../write/), so its whole degree less its
 * mentions. Neo4j keeps these numbers as it does each type's, and a text that names no type plans
 * faster than one that names them all.
 */
function everyDegree(n: string, direction: 'OUT' | 'IN'): string {
  return direction === 'OUT' ? `COUNT { (${n})-->() }` : `(COUNT { (${n})<--() } - COUNT { (${n})<-[:${MENTIONS}]-() })`;
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
  const types = q.param([...filter.types]);
  const counted = countedTypes(q, filter, pruned, types);
  const typePattern = (pruned ? RELATION_TYPE_NAMES.filter((type) => filter.types.has(type)) : RELATION_TYPE_NAMES).join('|');
  const kept = allOf([`type(${r}) IN ${types}`, ...filter.dateConditions(r), ...filter.statusConditions(r), filter.visible(r)]);
  const directed = (pattern: string) => `COUNT { MATCH ${pattern} WHERE ${kept} }`;
  // Undated counts come from what Neo4j keeps, unless articles are hidden: then they are counted one by one.
  const kept_ = (fast: string, exact: () => string) => (filter.filtered ? exact() : unlessHidden(q, fast, exact));
  if ('entity' in anchor) {
    const n = anchor.entity;
    // Degrees Neo4j keeps per type and direction: with the types written in the operation, one sum of them each way.
    const degree = (direction: 'OUT' | 'IN', type: string) => (direction === 'OUT' ? `COUNT { (${n})-[:${type}]->() }` : `COUNT { (${n})<-[:${type}]-() }`);
    const degrees = (['OUT', 'IN'] as const).flatMap((direction) => {
      const listed = counted(direction).types;
      if (listed.length === 0) return [];
      if (pruned) return [listed.length === RELATION_TYPE_NAMES.length ? everyDegree(n, direction) : degree(direction, listed.join('|'))];
      return listed.map((type) => `CASE WHEN ${q.param(filter.includes(type, direction))} THEN ${degree(direction, type)} ELSE 0 END`);
    });
    const exact = () => {
      const [out, inn] = [q.param(filter.direction !== 'IN'), q.param(filter.direction !== 'OUT')];
      return `(CASE WHEN ${out} THEN ${directed(`(${n})-[${r}:${typePattern}]->()`)} ELSE 0 END + CASE WHEN ${inn} THEN ${directed(`(${n})<-[${r}:${typePattern}]-()`)} ELSE 0 END)`;
    };
    const keyed = keyedCount(q, n, filter, pruned, counted);
    if (keyed) return unlessHidden(q, keyed, exact);
    return kept_(`(${degrees.join(' + ') || '0'})`, exact);
  }
  const { subject, object } = anchor;
  if (subject && object) return directed(`(:${ENTITY} {id: ${q.param(subject)}})-[${r}:${typePattern}]->(:${ENTITY} {id: ${q.param(object)}})`);
  if (subject) return directed(`(:${ENTITY} {id: ${q.param(subject)}})-[${r}:${typePattern}]->()`);
  if (object) return directed(`(:${ENTITY} {id: ${q.param(object)}})<-[${r}:${typePattern}]-()`);
  const outgoing = counted('OUT');
  // In date order only dated facts are listed, so only they are counted, even with no period given.
  if (!filter.dated && !datedOnly) {
    const stored = pruned
      ? outgoing.types.map((type) => `COUNT { ()-[:${type}]->() }`)
      : RELATION_TYPE_NAMES.map((type) => `CASE WHEN ${q.param(filter.includes(type, 'OUT'))} THEN COUNT { ()-[:${type}]->() } ELSE 0 END`);
    return kept_(`(${stored.join(' + ') || '0'})`, () => directed(`()-[${r}:${typePattern}]->()`));
  }
  // Through the date index of each type. A key starts with the day its fact begins, so the range up to
  // the end of the period holds exactly the facts that begin by then: those that begin on or after
  // `since` are counted from the index alone; those that begin earlier in its year only if they reach into it.
  const to = q.param(filter.until ? filter.until + KEY_END : BEYOND);
  const since = filter.since ? { day: q.param(filter.since), year: q.param(yearOf(filter.since)) } : null;
  const start = q.param('');
  const reaches = (c: string) => (since ? [`${c}.dateTo >= date(${since.day})`] : []);
  const inRange = (key: string, low: string, high: string, where: (c: string) => string[] = () => []) =>
    keyRangeCount(q, outgoing, key, { entity: null, low, high }, (c) => [
      ...where(c),
      ...(filter.current ? [filter.currentCondition(c)] : []),
      ...filter.statusConditions(c),
      filter.visible(c),
    ]);
  // Facts that cross the turn of a year are counted if they reach into the period.
  const long = inRange('spanKey', start, to, reaches);
  const short = since ? `${inRange('dateKey', since.day, to)} + ${inRange('dateKey', since.year, since.day, reaches)}` : inRange('dateKey', start, to);
  return outgoing.wrap(`(${short} + ${long})`);
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
function keyedCount(q: Cypher, n: string, filter: RelationArgs, pruned: boolean, counted: (direction: 'OUT' | 'IN') => Counted): string | undefined {
  if (filter.current || filter.statuses !== null || (filter.dated && filter.asOf !== null) || !filter.filtered) return undefined;
  // Each direction's range of its own key after the entity's id, over the types counted that way.
  const each = (range: (direction: 'OUT' | 'IN') => { key: string; low: string; high: string }) =>
    `(${(['OUT', 'IN'] as const)
      .map((direction) => {
        const { key, low, high } = range(direction);
        const counting = counted(direction);
        return counting.wrap(keyRangeCount(q, counting, key, { entity: `${n}.id`, low: q.param(low), high: q.param(high) }));
      })
      .join(' + ')})`;
  if (filter.asOf !== null) {
    return each((direction) => ({ key: direction === 'OUT' ? 'outReportKey' : 'inReportKey', low: '', high: filter.asOf + KEY_END }));
  }
  const everything = RELATION_TYPE_NAMES.every((type) => filter.includes(type, 'OUT') && filter.includes(type, 'IN'));
  // The facts that begin by the end of the period, less those that end before its start; with no end, those that end from its start on.
  const sides: { kind: TallyKind; which: 'before' | 'from'; bound: string; sign: 1 | -1 }[] =
    filter.since === null
      ? [{ kind: 'begins', which: 'before', bound: filter.until! + KEY_END, sign: 1 }]
      : filter.until === null
        ? [{ kind: 'ends', which: 'from', bound: filter.since, sign: 1 }]
        : [
            { kind: 'begins', which: 'before', bound: filter.until + KEY_END, sign: 1 },
            { kind: 'ends', which: 'before', bound: filter.since, sign: -1 },
          ];
  // Tallies count every type both ways: their signed ranges summed in one subquery over a list parameter
  // (a branch per range planned in about a third more time).
  const tallied = () => {
    const [t, k, sum, tally] = [q.variable('t'), q.variable('k'), q.variable('sum'), q.variable('tally')];
    const ranges = q.param(sides.flatMap(({ kind, which, bound, sign }) => tallyRanges(kind, which, bound).map(({ low, high }) => ({ low, high, sign }))));
    return (
      `reduce(${sum} = 0, ${tally} IN COLLECT { UNWIND ${ranges} AS ${k} MATCH (${t}:${TALLY}) USING INDEX ${t}:${TALLY}(key) ` +
      `WHERE ${t}.key >= ${n}.id + ${k}.low AND ${t}.key < ${n}.id + ${k}.high RETURN ${t}.count * toInteger(${k}.sign) AS ${tally} } | ${sum} + ${tally})`
    );
  };
  const indexed = () =>
    sides
      .map(({ kind, which, bound }) => {
        const key = TALLIED_KEYS[kind];
        return each((direction) => (which === 'before' ? { key: key[direction], low: '', high: bound } : { key: key[direction], low: bound, high: BEYOND }));
      })
      .join(' - ');
  // With the types written in the operation, the choice is made here; otherwise in the Cypher.
  if (pruned) return everything ? tallied() : `(${indexed()})`;
  return `CASE WHEN ${q.param(everything)} THEN ${tallied()} ELSE (${indexed()}) END`;
}
