/**
 * Pages read straight from an index in order (see keys.ts): every list that grows with the corpus
 * is one or more ranges of an index, merged, and stopped after one row more than the page asks.
 * A page of a hub's list costs what a page of a leaf's does, and page 1,000 what page 1 does.
 */
import type { RelationType } from '../../model.ts';
import { prefixRange, type ListedKey } from '../keys.ts';
import { listedCall } from './listed.ts';
import { ITEM_PREFIX, NODE_PREFIX } from './contract.ts';
import { allOf, ALWAYS, KEY_END_LITERAL, map, SEPARATOR_LITERAL, whereAll, type Cypher } from './cypher.ts';
import { fieldsOf, type Page, type RequestedField } from './request.ts';
import { HIDDEN } from './visibility.ts';

/**
 * The range of keys that begin with an entity's id: from `id + ' '` (exclusive) to `id + '!'`
 * (see keys.ts), as Cypher strings; `low` is also what is cut off a key to leave its rest.
 */
export interface Prefix {
  low: string;
  high: string;
  /** The parts the prefix is made of, where they are values rather than Cypher (see paramPrefix). */
  parts?: string[];
}

/** The keys that begin with the id of the entity bound to `v`. */
export const entityPrefix = (v: string): Prefix => ({ low: `${v}.id + ${SEPARATOR_LITERAL}`, high: `${v}.id + ${KEY_END_LITERAL}` });

/** The keys that begin with `parts` (ids and the like, given as parameters). */
export function paramPrefix(q: Cypher, ...parts: string[]): Prefix {
  const { low, high } = prefixRange(...parts);
  return { low: q.param(low), high: q.param(high), parts };
}

/**
 * One ordered source of a list: a pattern whose relationship (or node) carries the key an index
 * holds in order. `prefix` bounds the keys of this list (an entity's), or is null for a list over
 * the whole index; `tag` orders the sources among themselves.
 */
export interface Source {
  pattern: string;
  key: string;
  prefix: Prefix | null;
  tag: (string | number)[];
  where?: string[];
  /** False for a source the arguments leave out (its range is then empty). */
  enabled?: boolean;
  /** Where this source's range begins, where it differs from the listing's. */
  low?: string;
  /** For a source of facts: its type, and the listing key that holds its key with the type written in (see keys.ts LISTED_KEYS). */
  listed?: { type: RelationType; key: ListedKey };
}

export interface Listing {
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

export function compareTags(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    return (a[i] ?? '') < (b[i] ?? '') ? -1 : 1;
  }
  return 0;
}

/** Sorts after every key; a range that starts there is empty. */
export const BEYOND = '\uffff';
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
export function pageRows(q: Cypher, listing: Listing, project: [string, string][]): string {
  const { page, tagsFirst } = listing;
  const descending = listing.descending ? ' DESC' : '';
  // The driver sends numbers as floats; LIMIT takes only integers.
  const limit = `toInteger(${q.param(page.first + (listing.exact ? 0 : 1))})`;
  const sources = tagsFirst ? [...listing.sources].sort((a, b) => compareTags(a.tag, b.tag)) : listing.sources;
  const concatenated = tagsFirst && sources.length > 1;
  const listed = listedCall(q, { ...listing, sources }, limit, (source) => sourceRange(listing, source));
  // Concatenated sources that share their conditions are filtered once, after the union, rather than in
  // each branch: Neo4j plans each branch's conditions anew, and a union of every type pays for them
  // many times over. The union is read lazily in order, so the filter stops once the page is full,
  // and no branch needs a limit of its own (each would be one more clause to plan).
  const sharing = !listed && concatenated && sources.every((source) => sameConditions(source.where, sources[0]!.where));
  const shared = sharing ? mayFail(sources[0]!.where) : [];
  // Each source returns only its rows; where a row sits in the list (its cursor) is worked out for the rows kept.
  const branches = (listed ? [] : sources).map((source) => {
    const { key, prefix } = source;
    const range = sourceRange(listing, source);
    const at = (value: string) => (prefix ? `${prefix.low} + ${q.param(value)}` : q.param(value));
    const own = sharing ? [] : mayFail(source.where);
    const conditions = [`${key} >= ${at(range.low)}`, `${key} < ${at(range.high)}`, ...own];
    return `MATCH ${source.pattern} WHERE ${allOf(conditions)} RETURN ${listing.bind.join(', ')} ORDER BY ${key}${descending}${sharing ? '' : ` LIMIT ${limit}`}`;
  });
  const only = listing.sources[0]!;
  const position = listing.position ?? { tags: [], rest: only.prefix ? `substring(${only.key}, size(${only.prefix.low}))` : only.key };
  const parts = tagsFirst ? [...position.tags, position.rest] : [position.rest, ...position.tags];
  const call = listed ?? `CALL (${[...listing.imports, HIDDEN].join(', ')}) { ${unionTree(branches, listing)} }`;
  if (concatenated) {
    // Concatenated in tag order, each source in key order: the first rows are the page, read lazily.
    const filter = whereAll(shared);
    return `COLLECT { ${call} WITH *${filter} LIMIT ${limit} RETURN ${map([['__key', `[${parts.join(', ')}]`], ...project])} }`;
  }
  const vars = parts.map(() => q.variable('k'));
  return (
    `COLLECT { ${call} WITH *, ${parts.map((part, i) => `${part} AS ${vars[i]}`).join(', ')} ` +
    `ORDER BY ${vars.map((v) => `${v}${descending}`).join(', ')} LIMIT ${limit} RETURN ${map([['__key', `[${vars.join(', ')}]`], ...project])} }`
  );
}

/** A source's conditions without those that always hold. */
export const mayFail = (conditions: string[] | undefined): string[] => (conditions ?? []).filter((condition) => condition !== ALWAYS);

export function sameConditions(a: string[] | undefined, b: string[] | undefined): boolean {
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

/**
 * What a connection's fields ask of each row: each `edges { node }` and each `nodes`, under its own
 * response key, so that two aliases of the same field may ask for different things.
 */
export function connectionParts(fields: RequestedField[]) {
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
export function connection(
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
