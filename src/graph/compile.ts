/**
 * Compiles a GraphQL selection into one Cypher expression per root field, so that a whole
 * operation, however nested, costs one round trip per root field. Nested lists become COLLECT
 * subqueries, counts COUNT subqueries, and every value supplied by the client becomes a parameter.
 * The only names written into the Cypher text are labels and relationship types of the model.
 *
 * Every list that grows with the corpus is a page read straight from an index in its order (see
 * keys.ts): a page of a hub's relationships costs what a page of a leaf's does. Counts come from
 * the degrees and counts Neo4j keeps, wherever the filter allows.
 */
import {
  ARTICLE,
  ENTITY,
  ENTITY_PROPERTIES,
  ENTITY_SINGLE_VALUED,
  entityPropertyField,
  MENTIONS,
  RELATION_TYPE_NAMES,
  TALLY,
  type EntityPropertySpec,
  type EntitySingleValued,
  type RelationType,
} from '../model.ts';
import { KEY_SEPARATOR, TALLIED_KEYS, tallyRanges, type TallyKind } from './keys.ts';
import { fieldsOf, type Page, type RelationFilter, type RelationOrder, type RequestedField, type RootRelationsRequest, type Selection, type TimeFilter, type TimelineRequest } from './request.ts';

export class CompileError extends Error {
  override name = 'CompileError';
}

/**
 * Parameters and fresh variable names for one query. All values travel in one map parameter: Neo4j
 * caches a plan by its parameters' types and, for strings and lists, their size, so separate
 * parameters would make each new length of an id cost a new plan; a map's size is its key count,
 * which the query text fixes.
 */
export class Cypher {
  /** The values by name, as the query text reads them (`$a.p0` is `values.p0`). */
  readonly values: Record<string, unknown> = {};
  private count = 0;

  get params(): Record<string, unknown> {
    return { [ARGUMENTS]: this.values };
  }

  param(value: unknown): string {
    const name = `p${this.count++}`;
    this.values[name] = value;
    return `$${ARGUMENTS}.${name}`;
  }

  variable(prefix: string): string {
    return `${prefix}${this.count++}`;
  }
}

/** The name of the one parameter that holds every value of a query. */
export const ARGUMENTS = 'a';

/**
 * The ids of the articles hidden from readers while they are written (see seed-repository.ts),
 * bound at the start of every query (see GraphQueries). Usually none: then every check below is one
 * comparison, and counts come from what Neo4j keeps; while articles load, they are counted out.
 */
export const HIDDEN = '__hidden';
const NONE_HIDDEN = `size(${HIDDEN}) = 0`;

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
const reportedBy = (asOf: AsOf, reported: string) => (asOf === undefined ? 'true' : `${reported} <= date(${asOf})`);
/** Nothing to leave out: no article hidden and no day asked. */
const leaveOutNothing = (asOf: AsOf) => (asOf === undefined ? NONE_HIDDEN : `${NONE_HIDDEN} AND ${asOf} IS NULL`);

/** A fact is visible when at least one article that states it is (and, as of a day, was published by then). */
function factVisible(r: string, asOf?: AsOf): string {
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
function entityVisible(q: Cypher, n: string, asOf?: AsOf): string {
  const a = q.variable('m');
  if (asOf === undefined) return whileHidden(`EXISTS { MATCH (${a}:${ARTICLE})-[:${MENTIONS}]->(${n}) WHERE NOT ${a}.id IN ${HIDDEN} }`);
  const m = q.variable('m');
  const byThen = `${m}.inKey >= ${n}.id + ${SEP} AND ${m}.inKey < ${n}.id + ${SEP} + ${asOf} + ${KEY_END}`;
  return `CASE WHEN ${asOf} IS NULL THEN ${entityVisible(q, n)} ELSE EXISTS { MATCH (${a}:${ARTICLE})-[${m}:${MENTIONS}]->() WHERE ${byThen} AND NOT ${a}.id IN ${HIDDEN} } END`;
}

/** The positions in a fact's evidence lists of the sentences whose articles are visible (and published by the day asked). */
const visibleEvidence = (r: string, asOf?: AsOf) =>
  `[i IN range(0, size(coalesce(${r}.evidence, [])) - 1) WHERE NOT ${r}.sources[i] IN ${HIDDEN}${asOf === undefined ? '' : ` AND (${asOf} IS NULL OR ${reportedBy(asOf, `${r}.reported[i]`)})`}]`;

/** What is derived from a fact's evidence, as stored, or (while articles are hidden, or as of a day) from the visible part of it. */
function evidenceDerived(r: string, field: 'sourceCount' | 'firstReported' | 'lastReported', asOf?: AsOf): string {
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
function factStatus(r: string, asOf?: AsOf): string {
  return `CASE WHEN ${leaveOutNothing(asOf)} THEN ${r}.status ELSE ${r}.statuses[(${visibleEvidence(r, asOf)})[-1]] END`;
}

/** Keeps a fact whose status is one of those asked (`statuses`: a parameter holding a list, or null for all). */
const statusAsked = (r: string, statuses: string, asOf?: AsOf) => `(${statuses} IS NULL OR ${factStatus(r, asOf)} IN ${statuses})`;

const TYPENAME = (v: string) => `head([l IN labels(${v}) WHERE l <> '${ENTITY}'])`;
const SEP = `'${KEY_SEPARATOR}'`;
const KEY_END_CHAR = '!';
const KEY_END = `'${KEY_END_CHAR}'`;
/** Every fact type: patterns that list them never follow MENTIONS to an article. */
const FACT_TYPES = RELATION_TYPE_NAMES.join('|');

/** The API fields that show an entity's stored properties (the model's table), each with the property it reads. */
const PROPERTY_BY_FIELD = new Map<string, EntitySingleValued>(ENTITY_SINGLE_VALUED.map((property) => [entityPropertyField(property), property]));
/** Fields read straight from the entity node. */
const ENTITY_SCALARS = new Set(['__typename', 'id', 'aliases', 'kind', ...PROPERTY_BY_FIELD.keys()]);

function entityProperty(v: string, property: EntitySingleValued): string {
  const spec: EntityPropertySpec = ENTITY_PROPERTIES[property];
  return spec.enumeration ? `toUpper(${v}.${property})` : `${v}.${property}`;
}

/** Whether an entity's projection is plain property access, with no subquery that needs a bound variable. */
export function entityIsFlat(selection: Selection): boolean {
  return [...selection.values()].every((fields) => fields.every((f) => ENTITY_SCALARS.has(f.name)));
}

export function map(entries: [string, string][]): string {
  return `{${entries.map(([key, value]) => `\`${key.replaceAll('`', '')}\`: ${value}`).join(', ')}}`;
}

// ---------------------------------------------------------------------------------------------
// Pages read from an index in order

/**
 * The range of keys that begin with an entity's id: from `id + ' '` (exclusive) to `id + '!'`
 * (see keys.ts), as Cypher strings; `low` is also what is cut off a key to leave its rest.
 */
interface Prefix {
  low: string;
  high: string;
}

const entityPrefix = (v: string): Prefix => ({ low: `${v}.id + ${SEP}`, high: `${v}.id + ${KEY_END}` });

function paramPrefix(q: Cypher, ...parts: string[]): Prefix {
  const prefix = parts.join(KEY_SEPARATOR);
  return { low: q.param(prefix + KEY_SEPARATOR), high: q.param(prefix + '!') };
}

/**
 * One ordered source of a list: a pattern whose relationship (or node) carries the key an index
 * holds in order. `prefix` bounds the keys of this list (an entity's), or is null for a list over
 * the whole index; `tag` orders the sources among themselves.
 */
interface Source {
  pattern: string;
  key: string;
  prefix: Prefix | null;
  tag: (string | number)[];
  where?: string[];
  /** False for a source the arguments leave out (its range is then empty). */
  enabled?: boolean;
  /** Where this source's range begins, where it differs from the listing's. */
  low?: string;
}

interface Listing {
  sources: Source[];
  /** Variables every source binds, carried to the projection. */
  bind: string[];
  /** Merged order: by the sources' tags first (each source whole), or by the key after the prefix first. */
  tagsFirst: boolean;
  descending?: boolean;
  page: Page;
  /** Bounds on the key beyond the prefix (for date ranges). */
  low?: string;
  high?: string;
  /** Variables of the enclosing query the sources refer to. */
  imports: string[];
  /** A plain list rather than a page: exactly `first` rows, none more to tell whether there is a next page. */
  exact?: boolean;
  /** Where a row sits in the list, from its variables: the sources' tags and its key after the prefix (default: one source's). */
  position?: { tags: string[]; rest: string };
}

function compareTags(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return (a[i] ?? '') < (b[i] ?? '') ? -1 : 1;
  }
  return 0;
}

/** Sorts after every key; a range that starts there is empty. */
const BEYOND = '\uffff';
/** Appended to a key, the least string after it: a range from there starts just after the key. */
const JUST_AFTER = '\u0000';

/**
 * Where a source's range starts and ends, after the prefix: the page starts after the cursor (or
 * at the beginning of a source that sorts after it), and a source left out by the arguments, or one
 * that sorts wholly before the cursor, gets an empty range. These are values, never Cypher text, so
 * one operation's Cypher is the same whatever its arguments, and Neo4j plans it once.
 */
function sourceRange(listing: Listing, source: Source): { low: string; high: string } {
  const { page, tagsFirst } = listing;
  const none = { low: BEYOND, high: '' };
  if (source.enabled === false) return none;
  const cursorTag = page.after ? (tagsFirst ? page.after.slice(0, -1) : page.after.slice(1)) : null;
  const rest = page.after ? String(tagsFirst ? page.after.at(-1) : page.after[0]) : null;
  const order = cursorTag ? compareTags(source.tag, cursorTag) : 1;
  if (listing.descending) {
    const top = listing.high ?? BEYOND;
    if (rest === null || (tagsFirst && order > 0)) return { low: '', high: top };
    return tagsFirst && order < 0 ? none : { low: '', high: rest < top ? rest : top };
  }
  const start = source.low ?? listing.low ?? '';
  const high = listing.high ?? BEYOND;
  if (rest === null || (tagsFirst && order > 0)) return { low: start, high };
  if (tagsFirst && order < 0) return none;
  // Merged by key first: a source that sorts after the cursor's may hold an equal key that comes after it.
  const after = !tagsFirst && order > 0 ? rest : rest + JUST_AFTER;
  return { low: after > start ? after : start, high };
}

/**
 * The rows of one page, as a Cypher list expression: each source is an index range seek in key
 * order that stops after `first + 1` entries. Sources merged by tag first are concatenated in tag
 * order and read lazily, so a page reads little more than its own rows however many sources there
 * are; sources merged by key are sorted together. Each row is `{__key, …projection}`; one row more
 * than asked for tells whether there is a next page.
 */
function pageRows(q: Cypher, listing: Listing, project: [string, string][]): string {
  const { page, tagsFirst } = listing;
  const descending = listing.descending ? ' DESC' : '';
  // The driver sends numbers as floats; LIMIT takes only integers.
  const limit = `toInteger(${q.param(page.first + (listing.exact ? 0 : 1))})`;
  const sources = tagsFirst ? [...listing.sources].sort((a, b) => compareTags(a.tag, b.tag)) : listing.sources;
  const concatenated = tagsFirst && sources.length > 1;
  // Concatenated sources that share their conditions are filtered once, after the union, rather than in
  // each branch: Neo4j plans each branch's conditions anew, and a union of every type pays for them
  // many times over. The union is read lazily in order, so the filter stops once the page is full.
  const shared = concatenated && sources.every((source) => sameConditions(source.where, sources[0]!.where)) ? (sources[0]!.where ?? []) : [];
  // Each source returns only its rows; where a row sits in the list (its cursor) is worked out for the rows kept.
  const branches = sources.map((source) => {
    const { key, prefix } = source;
    const range = sourceRange(listing, source);
    const at = (value: string) => (prefix ? `${prefix.low} + ${q.param(value)}` : q.param(value));
    const own = shared.length > 0 ? [] : (source.where ?? []);
    const conditions = [`${key} >= ${at(range.low)}`, `${key} < ${at(range.high)}`, ...own];
    return `MATCH ${source.pattern} WHERE ${conditions.join(' AND ')} RETURN ${listing.bind.join(', ')} ORDER BY ${key}${descending}${shared.length > 0 ? '' : ` LIMIT ${limit}`}`;
  });
  const only = listing.sources[0]!;
  const position = listing.position ?? { tags: [], rest: only.prefix ? `substring(${only.key}, size(${only.prefix.low}))` : only.key };
  const parts = tagsFirst ? [...position.tags, position.rest] : [position.rest, ...position.tags];
  const call = `CALL (${[...listing.imports, HIDDEN].join(', ')}) { ${unionTree(branches, listing)} }`;
  if (concatenated) {
    // Concatenated in tag order, each source in key order: the first rows are the page, read lazily.
    const filter = shared.length > 0 ? ` WHERE ${shared.join(' AND ')}` : '';
    return `COLLECT { ${call} WITH *${filter} LIMIT ${limit} RETURN ${map([['__key', `[${parts.join(', ')}]`], ...project])} }`;
  }
  const vars = parts.map(() => q.variable('k'));
  return (
    `COLLECT { ${call} WITH *, ${parts.map((part, i) => `${part} AS ${vars[i]}`).join(', ')} ` +
    `ORDER BY ${vars.map((v) => `${v}${descending}`).join(', ')} LIMIT ${limit} RETURN ${map([['__key', `[${vars.join(', ')}]`], ...project])} }`
  );
}

function sameConditions(a: string[] | undefined, b: string[] | undefined): boolean {
  return (a ?? []).join(' AND ') === (b ?? []).join(' AND ');
}

/** How many sources (or subtrees) one UNION of the tree joins (see unionTree). */
const UNION_FAN_OUT = 8;

/**
 * The sources' union as a shallow tree of subqueries: a row passes through a few unions on its way
 * out, not one for every source after its own (as a flat UNION ALL chain would have it), and the
 * tree stays shallow, which Neo4j plans faster than a deep one.
 */
function unionTree(branches: string[], listing: Listing): string {
  if (branches.length <= UNION_FAN_OUT) return branches.join(' UNION ALL ');
  const size = Math.ceil(branches.length / UNION_FAN_OUT);
  const parts: string[] = [];
  for (let i = 0; i < branches.length; i += size) {
    parts.push(`CALL (${[...listing.imports, HIDDEN].join(', ')}) { ${unionTree(branches.slice(i, i + size), listing)} } RETURN ${listing.bind.join(', ')}`);
  }
  return parts.join(' UNION ALL ');
}

export type CursorShape = readonly ('string' | 'number')[];

/**
 * The parts of each list's cursor, in the order of its merged sort (see pageRows): one key for a
 * list of one source; for facts, the type (and, in TYPE order, the direction) of the source too.
 */
export const CURSOR_SHAPES = {
  list: ['string'],
  evidence: ['number'],
  relations: { TYPE: ['string', 'number', 'string'], CORROBORATION: ['string', 'string', 'number'], DATE: ['string', 'string'] },
  timeline: ['string', 'string', 'number'],
} as const satisfies { list: CursorShape; evidence: CursorShape; relations: Record<RelationOrder, CursorShape>; timeline: CursorShape };

/** Row keys of a connection's projections: per response key of `nodes`, and of `node` under each `edges`. */
export const ITEM_PREFIX = '__item ';
export const NODE_PREFIX = '__node ';

/**
 * What a connection's fields ask of each row: each `edges { node }` and each `nodes`, under its own
 * response key, so that two aliases of the same field may ask for different things.
 */
function connectionParts(fields: RequestedField[]) {
  const projections: { key: string; field: RequestedField }[] = [];
  for (const f of fields) {
    if (f.name === 'nodes') projections.push({ key: `${ITEM_PREFIX}${f.key}`, field: f });
    if (f.name === 'edges') for (const n of fieldsOf(f)) if (n.name === 'node') projections.push({ key: `${NODE_PREFIX}${f.key} ${n.key}`, field: n });
  }
  return { wantsRows: fields.some((f) => f.name === 'edges' || f.name === 'pageInfo' || f.name === 'nodes'), projections };
}

/**
 * A connection is compiled to `{__rows, __first, __after, totalCount}`: rows carry their sort key
 * (the cursor) and the projections asked for the edge's node and for `nodes`.
 */
function connection(
  q: Cypher,
  fields: RequestedField[],
  page: Page,
  rows: (project: [string, string][]) => string,
  projectNode: (field: RequestedField) => string,
  totalCount: () => string,
): string {
  const parts = connectionParts(fields);
  const entries: [string, string][] = [];
  if (parts.wantsRows) {
    const project = parts.projections.map(({ key, field }): [string, string] => [key, projectNode(field)]);
    entries.push(['__rows', rows(project)], ['__first', q.param(page.first)], ['__after', q.param(page.after !== null)]);
  }
  for (const field of fields) if (field.name === 'totalCount') entries.push([field.key, totalCount()]);
  return map(entries);
}

// ---------------------------------------------------------------------------------------------
// Entities

/** Entities related to `v` one hop away through one relationship type, in id order, at most `first`. */
function relatedList(q: Cypher, v: string, type: RelationType, direction: 'OUT' | 'IN', selection: Selection, first: number, single = false): string {
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  const key = direction === 'OUT' ? 'outKey' : 'inKey';
  const where = [factVisible(r), firstOfPair(q, r, s, e, type, key)];
  const source = { pattern: `(${s})-[${r}:${type}]->(${e})`, key: `${r}.${key}`, prefix: entityPrefix(v), tag: [], where };
  const rows = pageRows(q, { sources: [source], bind: [r, s, e], tagsFirst: true, page: { first, after: null }, imports: [v], exact: true }, [
    ['__node', entity(q, direction === 'OUT' ? e : s, selection)],
  ]);
  const list = `[row IN ${rows} | row.__node]`;
  return single ? `${list}[0]` : list;
}

/**
 * Keeps only the first visible fact of a type between two entities, in key order: two facts of one
 * type between them (an offer made twice, on two days) list the other entity once. The key of every
 * fact between the two begins with their ids, so the earlier ones are a short range of it.
 */
function firstOfPair(q: Cypher, r: string, s: string, e: string, type: RelationType, key: 'outKey' | 'inKey'): string {
  const x = q.variable('x');
  return `NOT EXISTS { MATCH (${s})-[${x}:${type}]->(${e}) WHERE ${x}.${key} < ${r}.${key} AND ${factVisible(x)} }`;
}

function listSize(field: RequestedField): number {
  return field.args.page!.first;
}

/** Where one response key holds different requests for different types: `key@` names the one for a node's label, `key@i` holds it. */
export const VARIANT_SEPARATOR = '@';

/**
 * An entity's projection: one map whose keys are every response key any type asks for. A field
 * asked of every type alike, or of some types only, is projected once (GraphQL reads only the keys
 * each type selected). Where type conditions ask different things under one key, each request is
 * projected under a key of its own and a cheap label test says which one is the node's: subqueries
 * stay out of CASE expressions, where Neo4j 5.26 fails on some of them inside a neighbourhood.
 */
export function entity(q: Cypher, v: string, selection: Selection): string {
  const byKey = new Map<string, Map<RequestedField, string[]>>();
  for (const [type, fields] of selection) {
    for (const field of fields) {
      const variants = byKey.get(field.key) ?? new Map<RequestedField, string[]>();
      variants.set(field, [...(variants.get(field) ?? []), type]);
      byKey.set(field.key, variants);
    }
  }
  const entries: [string, string][] = [['__typename', TYPENAME(v)]];
  for (const [key, variants] of byKey) {
    if (key === '__typename') continue;
    if (variants.size === 1) {
      entries.push([key, entityField(q, v, [...variants.keys()][0]!)]);
      continue;
    }
    const which = [...variants.values()].map((types, i) => `WHEN ${types.map((type) => `${v}:${type}`).join(' OR ')} THEN ${i}`);
    entries.push([`${key}${VARIANT_SEPARATOR}`, `CASE ${which.join(' ')} END`]);
    [...variants.keys()].forEach((field, i) => entries.push([`${key}${VARIANT_SEPARATOR}${i}`, entityField(q, v, field)]));
  }
  return map(entries);
}

function entityField(q: Cypher, v: string, field: RequestedField): string {
  switch (field.name) {
    case '__typename':
      return TYPENAME(v);
    case 'id':
      return `${v}.id`;
    case 'aliases':
      return `coalesce(${v}.aliases, [])`;
    case 'kind':
      return `toUpper(${TYPENAME(v)})`;
    case 'relations':
      return entityRelations(q, v, field);
    case 'mentionedIn':
      return mentionedIn(q, v, field);
    case 'statements':
      return factConnection(q, v, field, 'SAID', 'OUT', ({ e }, node) => entity(q, e, node.selection));
    case 'troopsContributedTo':
      return factConnection(q, v, field, 'CONTRIBUTES_TROOPS_TO', 'OUT', (vars, node) => troopContribution(q, vars, fieldsOf(node)));
    case 'troopContributors':
      return factConnection(q, v, field, 'CONTRIBUTES_TROOPS_TO', 'IN', (vars, node) => troopContribution(q, vars, fieldsOf(node)));
    case 'by':
      return relatedList(q, v, 'MADE', 'IN', field.selection, listSize(field));
    case 'to':
      return relatedList(q, v, 'TO', 'OUT', field.selection, listSize(field));
    case 'rejectedBy':
      return relatedList(q, v, 'REJECTED', 'IN', field.selection, listSize(field));
    case 'acceptedBy':
      return relatedList(q, v, 'ACCEPTED', 'IN', field.selection, listSize(field));
    case 'speaker':
      return relatedList(q, v, 'SAID', 'IN', field.selection, 1, true);
    case 'about':
      return relatedList(q, v, 'ABOUT', 'OUT', field.selection, listSize(field));
    case 'authors':
      return relatedList(q, v, 'AUTHORED', 'IN', field.selection, listSize(field));
    default: {
      const property = PROPERTY_BY_FIELD.get(field.name);
      if (property) return entityProperty(v, property);
      throw new CompileError(`no Cypher for Entity field ${field.name}`);
    }
  }
}

interface FactVars {
  r: string;
  s: string;
  e: string;
}

/** A connection over one type of fact of `v` in one direction, in the order of the other end's id. */
function factConnection(
  q: Cypher,
  v: string,
  field: RequestedField,
  type: RelationType,
  direction: 'OUT' | 'IN',
  project: (vars: FactVars, node: RequestedField) => string,
): string {
  const page = field.args.page!;
  const vars = { r: q.variable('r'), s: q.variable('s'), e: q.variable('e') };
  // A list that takes statuses (troop contributions) keeps the facts of those asked; with none asked, every fact.
  const statuses = field.args.statuses === undefined ? [] : [statusAsked(vars.r, q.param(field.args.statuses))];
  const where = [factVisible(vars.r), ...statuses];
  const source = {
    pattern: `(${vars.s})-[${vars.r}:${type}]->(${vars.e})`,
    key: `${vars.r}.${direction === 'OUT' ? 'outKey' : 'inKey'}`,
    prefix: entityPrefix(v),
    tag: [],
    where,
  };
  const pattern = direction === 'OUT' ? `(${v})-[${vars.r}:${type}]->()` : `(${v})<-[${vars.r}:${type}]-()`;
  const exact = `COUNT { MATCH ${pattern} WHERE ${where.join(' AND ')} }`;
  return connection(
    q,
    fieldsOf(field),
    page,
    (projection) => pageRows(q, { sources: [source], bind: [vars.r, vars.s, vars.e], tagsFirst: true, page, imports: [v] }, projection),
    (node) => project(vars, node),
    () => (field.args.statuses ? exact : `CASE WHEN ${NONE_HIDDEN} THEN COUNT { ${pattern.replace(vars.r, '')} } ELSE ${exact} END`),
  );
}

function troopContribution(q: Cypher, { r, s: country, e: force }: FactVars, fields: RequestedField[]): string {
  return map(
    fields.map((field): [string, string] => {
      switch (field.name) {
        case 'country':
          return [field.key, entity(q, country, field.selection)];
        case 'force':
          return [field.key, entity(q, force, field.selection)];
        case 'forces':
        case 'since':
          return [field.key, `${r}.${field.name}`];
        case 'troops':
          return [field.key, `toInteger(${r}.troops)`];
        case 'until':
          return [field.key, `coalesce(${r}.until, CASE WHEN ${overtakingVisible(r)} THEN ${r}.overtakenUntil END)`];
        case 'overtaken':
          return [field.key, overtaking(q, r, field)];
        case 'status':
          return [field.key, `toUpper(${factStatus(r)})`];
        case 'sourceCount':
        case 'lastReported':
          return [field.key, evidenceDerived(r, field.name)];
        case 'evidence':
          return [field.key, evidenceConnection(q, r, field)];
        case '__typename':
          return [field.key, `'TroopContribution'`];
        default:
          throw new CompileError(`no Cypher for TroopContribution field ${field.name}`);
      }
    }),
  );
}

/** The articles that name an entity, newest first, each with the sentence where it first does. */
function mentionedIn(q: Cypher, v: string, field: RequestedField): string {
  const page = field.args.page!;
  const [m, a, e] = [q.variable('m'), q.variable('a'), q.variable('e')];
  const source = { pattern: `(${a}:${ARTICLE})-[${m}:${MENTIONS}]->(${e})`, key: `${m}.inKey`, prefix: entityPrefix(v), tag: [], where: [`NOT ${a}.id IN ${HIDDEN}`] };
  return connection(
    q,
    fieldsOf(field),
    page,
    (projection) => pageRows(q, { sources: [source], bind: [m, a], tagsFirst: true, descending: true, page, imports: [v] }, projection),
    (node) =>
      map(
        fieldsOf(node).map((f): [string, string] => {
          if (f.name === 'article') return [f.key, article(q, a, fieldsOf(f))];
          if (f.name === 'quote') return [f.key, `${m}.evidence[0]`];
          if (f.name === '__typename') return [f.key, `'Mention'`];
          throw new CompileError(`no Cypher for Mention field ${f.name}`);
        }),
      ),
    () => `COUNT { (${v})<-[:${MENTIONS}]-() } - size([h IN ${HIDDEN} WHERE EXISTS { (:${ARTICLE} {id: h})-[:${MENTIONS}]->(${v}) }])`,
  );
}

// ---------------------------------------------------------------------------------------------
// Articles

export function article(q: Cypher, a: string, fields: RequestedField[]): string {
  const entries = fields.map((field): [string, string] => {
    switch (field.name) {
      case 'id':
      case 'title':
      case 'publisher':
      case 'path':
        return [field.key, `${a}.${field.name}`];
      case 'publishedAt':
        return [field.key, `toString(${a}.publishedAt)`];
      case 'mentions':
        return [field.key, articleMentions(q, a, field)];
      case '__typename':
        return [field.key, `'Article'`];
      default:
        throw new CompileError(`no Cypher for Article field ${field.name}`);
    }
  });
  return map(entries);
}

/** The entities an article names, in id order: read from the article's own relationships, as many as it has. */
function articleMentions(q: Cypher, a: string, field: RequestedField): string {
  const page = field.args.page!;
  const [m, e] = [q.variable('m'), q.variable('e')];
  const source = { pattern: `(${a})-[${m}:${MENTIONS}]->(${e}:${ENTITY})`, key: `${e}.id`, prefix: null, tag: [] };
  return connection(
    q,
    fieldsOf(field),
    page,
    (projection) => pageRows(q, { sources: [source], bind: [e], tagsFirst: true, page, imports: [a] }, projection),
    (node) => entity(q, e, node.selection),
    () => `COUNT { (${a})-[:${MENTIONS}]->() }`,
  );
}

/** The articles, newest first; as of a day, only those published by then (a range of the publication-order index). */
export function articleConnection(q: Cypher, fields: RequestedField[], page: Page, asOf: string | null): string {
  const a = q.variable('a');
  const source = { pattern: `(${a}:${ARTICLE})`, key: `${a}.listKey`, prefix: null, tag: [], where: [`NOT ${a}.id IN ${HIDDEN}`] };
  const before = asOf === null ? {} : { high: asOf + KEY_END_CHAR };
  return connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, { sources: [source], bind: [a], tagsFirst: true, descending: true, page, imports: [], ...before }, projection),
    (node) => article(q, a, fieldsOf(node)),
    () =>
      asOf === null
        ? `COUNT { (:${ARTICLE}) } - size(${HIDDEN})`
        : `COUNT { MATCH (${a}:${ARTICLE}) WHERE ${a}.listKey < ${q.param(before.high)} AND NOT ${a}.id IN ${HIDDEN} }`,
  );
}


// ---------------------------------------------------------------------------------------------
// Facts

/** `evidence` and `sources` are parallel lists on the relationship: a page of them, each with its article. */
function evidenceConnection(q: Cypher, r: string, field: RequestedField, asOf?: AsOf): string {
  const page = field.args.page!;
  const offset = page.after ? Number(page.after[0]) + 1 : 0;
  const fields = fieldsOf(field);
  const parts = connectionParts(fields);
  // Positions in the visible evidence (all of it, unless articles are hidden), then in the lists.
  const [j, i] = [q.variable('j'), q.variable('i')];
  const visible = `CASE WHEN ${leaveOutNothing(asOf)} THEN range(0, size(coalesce(${r}.evidence, [])) - 1) ELSE ${visibleEvidence(r, asOf)} END`;
  const project = (node: RequestedField) =>
    map(
      fieldsOf(node).map((f): [string, string] => {
        if (f.name === 'quote') return [f.key, `${r}.evidence[${i}]`];
        if (f.name === 'reported') return [f.key, `toString(${r}.reported[${i}])`];
        if (f.name === 'status') return [f.key, `toUpper(${r}.statuses[${i}])`];
        if (f.name === 'attributedTo') {
          const x = q.variable('x');
          return [f.key, `COLLECT { MATCH (${x}:${ENTITY} {id: ${r}.attributions[${i}]}) RETURN ${entity(q, x, f.selection)} }[0]`];
        }
        if (f.name === 'article') {
          const a = q.variable('a');
          return [f.key, `COLLECT { MATCH (${a}:${ARTICLE} {id: ${r}.sources[${i}]}) RETURN ${article(q, a, fieldsOf(f))} }[0]`];
        }
        if (f.name === '__typename') return [f.key, `'Evidence'`];
        throw new CompileError(`no Cypher for Evidence field ${f.name}`);
      }),
    );
  const entries: [string, string][] = [];
  if (parts.wantsRows) {
    const from = `toInteger(${q.param(offset)})`;
    const until = `${from} + toInteger(${q.param(page.first + 1)})`;
    const row: [string, string][] = [['__key', `[${j}]`], ...parts.projections.map(({ key, field: node }): [string, string] => [key, project(node)])];
    const v = q.variable('v');
    entries.push(
      [
        '__rows',
        `COLLECT { WITH ${visible} AS ${v} UNWIND range(${from}, CASE WHEN size(${v}) < ${until} THEN size(${v}) ELSE ${until} END - 1) AS ${j} ` +
          `WITH ${j}, ${v}[${j}] AS ${i} RETURN ${map(row)} }`,
      ],
      ['__first', q.param(page.first)],
      ['__after', q.param(page.after !== null)],
    );
  }
  for (const f of fields) if (f.name === 'totalCount') entries.push([f.key, `size(${visible})`]);
  return map(entries);
}

/** Whether a visible article (published by the day asked, if one is) says a later fact overtakes `r`. */
function overtakingVisible(r: string, asOf?: AsOf): string {
  const asked = asOf === undefined ? '' : ` AND (${asOf} IS NULL OR ${reportedBy(asOf, `a.publishedAt`)})`;
  return `${r}.overtakenBy IS NOT NULL AND (${NONE_HIDDEN}${asOf === undefined ? '' : ` AND ${asOf} IS NULL`} OR any(id IN ${r}.overtakenIn WHERE EXISTS { MATCH (a:${ARTICLE} {id: id}) WHERE NOT a.id IN ${HIDDEN}${asked} }))`;
}

/**
 * What overtook a fact: the later fact (found from its subject, by its type and key, which the
 * earlier fact keeps as `TYPE outKey`), when the earlier one ended, and the sentences that say so.
 */
function overtaking(q: Cypher, r: string, field: RequestedField, asOf?: AsOf): string {
  const [x, s, e, a, i] = [q.variable('x'), q.variable('s'), q.variable('e'), q.variable('a'), q.variable('i')];
  const parts = `split(${r}.overtakenBy, ${SEP})`;
  const key = `substring(${r}.overtakenBy, size((${parts})[0]) + size((${parts})[1]) + size((${parts})[2]) + 3)`;
  const entries = fieldsOf(field).map((f): [string, string] => {
    switch (f.name) {
      case 'by':
        return [
          f.key,
          `COLLECT { MATCH (${s}:${ENTITY} {id: (${parts})[1]})-[${x}:${FACT_TYPES}]->(${e}:${ENTITY} {id: (${parts})[2]}) WHERE type(${x}) = (${parts})[0] AND ${x}.key = ${key} RETURN ${relation(q, x, s, e, fieldsOf(f), asOf)} }[0]`,
        ];
      case 'until':
        return [f.key, `${r}.overtakenUntil`];
      case 'evidence': {
        const project = map(
          fieldsOf(f).map((g): [string, string] => {
            if (g.name === 'quote') return [g.key, `${r}.overtakenEvidence[${i}]`];
            if (g.name === 'reported') return [g.key, `toString(${a}.publishedAt)`];
            if (g.name === 'article') return [g.key, article(q, a, fieldsOf(g))];
            if (g.name === '__typename') return [g.key, `'Evidence'`];
            throw new CompileError(`no Cypher for Evidence field ${g.name}`);
          }),
        );
        const asked = asOf === undefined ? '' : ` AND (${asOf} IS NULL OR ${reportedBy(asOf, `${a}.publishedAt`)})`;
        return [f.key, `COLLECT { UNWIND range(0, size(${r}.overtakenIn) - 1) AS ${i} MATCH (${a}:${ARTICLE} {id: ${r}.overtakenIn[${i}]}) WHERE NOT ${a}.id IN ${HIDDEN}${asked} RETURN ${project} LIMIT toInteger(${q.param(listSize(f))}) }`];
      }
      case '__typename':
        return [f.key, `'Overtaking'`];
      default:
        throw new CompileError(`no Cypher for Overtaking field ${f.name}`);
    }
  });
  // Subqueries stay out of CASE expressions (see entity): the condition picks the rows of one that yields at most one.
  return `COLLECT { UNWIND CASE WHEN ${overtakingVisible(r, asOf)} THEN [1] ELSE [] END AS ${q.variable('one')} RETURN ${map(entries)} }[0]`;
}

/** A relationship `r` from `s` to `e` (all three bound variables); its evidence as the news stood on the day `asOf` holds, if given. */
export function relation(q: Cypher, r: string, s: string, e: string, fields: RequestedField[], asOf?: AsOf): string {
  const entries: [string, string][] = fields.map((field) => {
    switch (field.name) {
      case 'type':
        return [field.key, `type(${r})`];
      case 'subject':
        return [field.key, entity(q, s, field.selection)];
      case 'object':
        return [field.key, entity(q, e, field.selection)];
      case 'until':
        return [field.key, `coalesce(${r}.until, CASE WHEN ${overtakingVisible(r, asOf)} THEN ${r}.overtakenUntil END)`];
      case 'overtaken':
        return [field.key, overtaking(q, r, field, asOf)];
      case 'date':
      case 'since':
      case 'role':
      case 'share':
      case 'regarding':
      case 'forces':
      case 'tenure':
        return [field.key, `${r}.${field.name}`];
      case 'troops':
        return [field.key, `toInteger(${r}.troops)`];
      case 'status':
        return [field.key, `toUpper(${factStatus(r, asOf)})`];
      case 'sourceCount':
      case 'firstReported':
      case 'lastReported':
        return [field.key, evidenceDerived(r, field.name, asOf)];
      case 'datePrecision':
        return [field.key, `toUpper(${r}.datePrecision)`];
      case 'evidence':
        return [field.key, evidenceConnection(q, r, field, asOf)];
      case '__typename':
        return [field.key, `'Relation'`];
      default:
        throw new CompileError(`no Cypher for Relation field ${field.name}`);
    }
  });
  return map(entries);
}


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
const LISTING_KEYS = {
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
function relationsConnection(
  q: Cypher,
  fields: RequestedField[],
  request: RelationFilter,
  anchor: { entity: string } | { subject: string | null; object: string | null },
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
    if (byTime && filter.until) high = filter.until + KEY_END_CHAR;
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
    if (filter.until) high = filter.until + '!';
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
    (node) => relation(q, r, s, e, fieldsOf(node), filter.asOfDay),
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
  anchor: { entity: string } | { subject: string | null; object: string | null },
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
  const to = q.param(filter.until ? filter.until + '!' : BEYOND);
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
    const reportedBy = at(filter.asOf + KEY_END_CHAR);
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
  if (filter.since === null) return side('begins', 'before', filter.until! + KEY_END_CHAR);
  if (filter.until === null) return side('ends', 'from', filter.since);
  return `(${side('begins', 'before', filter.until + KEY_END_CHAR)} - ${side('ends', 'before', filter.since)})`;
}

function entityRelations(q: Cypher, v: string, field: RequestedField): string {
  return relationsConnection(q, fieldsOf(field), field.args.relations!, { entity: v });
}

/**
 * An entity's timeline: its dated facts in the order they begin (then by the other end's id), those
 * that begin from `since` to `until`. Each type and direction is a range of the keys that begin with
 * the entity's id and the first day a fact covers (see keys.ts), merged by key: a hub's page costs a
 * leaf's.
 */
export function timelineConnection(q: Cypher, fields: RequestedField[], request: TimelineRequest): string {
  const { entity: id, page } = request;
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  const prefix = paramPrefix(q, id);
  const types = new Set(request.types);
  // Types the operation itself leaves out need no source in its Cypher: a plan of 62 sources takes Neo4j seconds to make.
  const listed = request.literal ? RELATION_TYPE_NAMES.filter((type) => types.has(type)) : RELATION_TYPE_NAMES;
  const sources: Source[] = listed.flatMap((type) =>
    (['OUT', 'IN'] as const).map((direction) => ({
      pattern: `(${s})-[${r}:${type}]->(${e})`,
      key: `${r}.${LISTING_KEYS.TIME[direction]}`,
      prefix,
      tag: [type, direction === 'OUT' ? 0 : 1],
      where: [factVisible(r)],
      enabled: types.has(type),
    })),
  );
  const low = request.since ?? '';
  const high = request.until === null ? BEYOND : request.until + KEY_END_CHAR;
  const outgoing = `${s}.id = ${q.param(id)}`;
  const position = {
    tags: [`type(${r})`, `CASE WHEN ${outgoing} THEN 0 ELSE 1 END`],
    rest: `substring(CASE WHEN ${outgoing} THEN ${r}.outTimeKey ELSE ${r}.inTimeKey END, size(${prefix.low}))`,
  };
  const listing: Listing = { sources, bind: [r, s, e], tagsFirst: false, page, imports: [], position, low, high };
  const c = q.variable('r');
  const count = (type: RelationType, key: 'outTimeKey' | 'inTimeKey') =>
    `COUNT { MATCH ()-[${c}:${type}]->() WHERE ${c}.${key} >= ${prefix.low} + ${q.param(low)} AND ${c}.${key} < ${prefix.low} + ${q.param(high)} AND ${factVisible(c)} }`;
  return connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, listing, projection),
    (node) => relation(q, r, s, e, fieldsOf(node)),
    () => `(${RELATION_TYPE_NAMES.filter((type) => types.has(type)).flatMap((type) => [count(type, 'outTimeKey'), count(type, 'inTimeKey')]).join(' + ') || '0'})`,
  );
}

export function rootRelations(q: Cypher, fields: RequestedField[], { subject, object, filter }: RootRelationsRequest): string {
  return relationsConnection(q, fields, filter, { subject, object });
}

// ---------------------------------------------------------------------------------------------
// Entity lists


/** Entities in name order (of one label, or all): a range of the label's name-order index. */
export function entityConnection(q: Cypher, fields: RequestedField[], label: string | null, page: Page): string {
  const n = q.variable('n');
  const target = label ?? ENTITY;
  const source = { pattern: `(${n}:${target})`, key: `${n}.listKey`, prefix: null, tag: [], where: [entityVisible(q, n)] };
  return connection(
    q,
    fields,
    page,
    (projection) => pageRows(q, { sources: [source], bind: [n], tagsFirst: true, page, imports: [] }, projection),
    (node) => entity(q, n, node.selection),
    () => `COUNT { (:${target}) } - ${hiddenOnly(q, target)}`,
  );
}

/** How many entities of a label only hidden articles name: they are left out of counts while those articles load. */
function hiddenOnly(q: Cypher, label: string): string {
  const [h, e] = [q.variable('h'), q.variable('e')];
  return `CASE WHEN ${NONE_HIDDEN} THEN 0 ELSE COUNT { MATCH (${h}:${ARTICLE})-[:${MENTIONS}]->(${e}:${label}) WHERE ${h}.id IN ${HIDDEN} AND NOT ${entityVisible(q, e)} RETURN DISTINCT ${e} } END`;
}

/** Offers in name order, or those one entity made (or rejected), in id order. */
export function offerConnection(q: Cypher, fields: RequestedField[], by: string | null, rejectedBy: string | null, page: Page): string {
  const [r, s, o] = [q.variable('r'), q.variable('s'), q.variable('o')];
  const maker = by ?? rejectedBy;
  if (!maker) {
    const source = { pattern: `(${o}:Offer)`, key: `${o}.listKey`, prefix: null, tag: [], where: [entityVisible(q, o)] };
    return connection(
      q,
      fields,
      page,
      (projection) => pageRows(q, { sources: [source], bind: [o], tagsFirst: true, page, imports: [] }, projection),
      (node) => entity(q, o, node.selection),
      () => `COUNT { (:Offer) } - ${hiddenOnly(q, 'Offer')}`,
    );
  }
  const type = by ? 'MADE' : 'REJECTED';
  const x = q.variable('x');
  const also = by && rejectedBy ? [`EXISTS { MATCH (:${ENTITY} {id: ${q.param(rejectedBy)}})-[${x}:REJECTED]->(${o}) WHERE ${factVisible(x)} }`] : [];
  // An offer made (or rejected) twice by the same entity is listed and counted once.
  const where = [factVisible(r), ...also, firstOfPair(q, r, s, o, type, 'outKey')];
  const prefix = paramPrefix(q, maker);
  return connection(
    q,
    fields,
    page,
    (projection) =>
      pageRows(q, { sources: [{ pattern: `(${s})-[${r}:${type}]->(${o}:Offer)`, key: `${r}.outKey`, prefix, tag: [], where }], bind: [r, o], tagsFirst: true, page, imports: [] }, projection),
    (node) => entity(q, o, node.selection),
    () => `COUNT { MATCH (${s}:${ENTITY} {id: ${q.param(maker)}})-[${r}:${type}]->(${o}:Offer) WHERE ${where.join(' AND ')} }`,
  );
}

export { entityVisible, FACT_TYPES, factVisible };
