/**
 * Compiles a GraphQL selection into one Cypher expression per root field, so that a whole
 * operation, however nested, costs one round trip per root field. Nested lists become COLLECT
 * subqueries, counts COUNT subqueries, and every value supplied by the client becomes a parameter.
 * The only names written into the Cypher text are labels and relationship types of the model.
 */
import { ARTICLE, ENTITY, MENTIONS } from '../model.ts';
import { readPage, readPeriod, type Page } from './args.ts';
import type { RequestedField } from './selection.ts';

export class CompileError extends Error {
  override name = 'CompileError';
}


/** Parameters and fresh variable names for one query. */
export class Cypher {
  readonly params: Record<string, unknown> = {};
  private count = 0;

  param(value: unknown): string {
    const name = `p${this.count++}`;
    this.params[name] = value;
    return `$${name}`;
  }

  variable(prefix: string): string {
    return `${prefix}${this.count++}`;
  }
}

const TYPENAME = (v: string) => `head([l IN labels(${v}) WHERE l <> '${ENTITY}'])`;

const ENTITY_SCALARS = new Set(['__typename', 'id', 'name', 'description', 'code', 'quote', 'date', 'aliases', 'kind', 'category', 'form']);
const RELATION_SCALARS = new Set(['__typename', 'type', 'date', 'datePrecision', 'role', 'share', 'forces', 'status']);

/** Whether an entity's projection is plain property access, with no subquery that needs a bound variable. */
export function entityIsFlat(fields: RequestedField[]): boolean {
  return fields.every((f) => ENTITY_SCALARS.has(f.name));
}

export function relationIsFlat(fields: RequestedField[]): boolean {
  return fields.every(
    (f) =>
      RELATION_SCALARS.has(f.name) ||
      ((f.name === 'subject' || f.name === 'object') && entityIsFlat(f.fields)) ||
      (f.name === 'evidence' && f.fields.every((e) => e.name === 'quote')),
  );
}

/**
 * Projects an expression such as `startNode(r)`: directly when the projection is plain property
 * access, else bound to a variable first so that its subqueries can start from it.
 */
export function projectExpression(q: Cypher, expression: string, project: (v: string) => string, flat = false): string {
  if (flat) return project(expression);
  const v = q.variable('x');
  return `COLLECT { WITH ${expression} AS ${v} RETURN ${project(v)} }[0]`;
}

function map(entries: [string, string][]): string {
  return `{${entries.map(([key, value]) => `\`${key.replaceAll('`', '')}\`: ${value}`).join(', ')}}`;
}

/** Entities related to `v` one hop away, by a fixed pattern, projected and ordered by name. */
function related(q: Cypher, v: string, pattern: (self: string, other: string) => string, fields: RequestedField[], single = false): string {
  const other = q.variable('o');
  const list = `COLLECT { MATCH ${pattern(v, other)} WITH DISTINCT ${other} ORDER BY ${other}.name, ${other}.id RETURN ${entity(q, other, fields)} }`;
  return single ? `${list}[0]` : list;
}

export function entity(q: Cypher, v: string, fields: RequestedField[]): string {
  const entries: [string, string][] = [['__typename', TYPENAME(v)]];
  for (const field of fields) {
    entries.push([field.key, entityField(q, v, field)]);
  }
  return map(entries);
}

function entityField(q: Cypher, v: string, field: RequestedField): string {
  switch (field.name) {
    case '__typename':
      return TYPENAME(v);
    case 'id':
    case 'name':
    case 'description':
    case 'code':
    case 'quote':
    case 'date':
      return `${v}.${field.name}`;
    case 'aliases':
      return `coalesce(${v}.aliases, [])`;
    case 'kind':
      return `toUpper(${TYPENAME(v)})`;
    case 'category':
      return `${v}.kind`;
    case 'form':
      return `toUpper(${v}.form)`;
    case 'relations':
      return relationConnection(q, field, { around: v });
    case 'mentionedIn': {
      const a = q.variable('a');
      const m = q.variable('m');
      const entries = field.fields.map((f): [string, string] =>
        f.name === 'article' ? [f.key, article(q, a, f.fields)] : f.name === 'quote' ? [f.key, `${m}.evidence[0]`] : [f.key, 'null'],
      );
      return `COLLECT { MATCH (${a}:${ARTICLE})-[${m}:${MENTIONS}]->(${v}) WITH ${a}, ${m} ORDER BY ${a}.publishedAt, ${a}.id RETURN ${map(entries)} }`;
    }
    case 'statements':
      return related(q, v, (self, o) => `(${self})-[:SAID]->(${o}:Statement)`, field.fields);
    case 'troopsContributedTo':
      return troopContributions(q, field.fields, (r, c, f) => `(${v})-[${r}:CONTRIBUTES_TROOPS_TO]->(${f}:Organization) WITH ${r}, ${v} AS ${c}, ${f}`);
    case 'troopContributors':
      return troopContributions(q, field.fields, (r, c, f) => `(${c}:Country)-[${r}:CONTRIBUTES_TROOPS_TO]->(${v}) WITH ${r}, ${c}, ${v} AS ${f}`);
    case 'by':
      return related(q, v, (self, o) => `(${o}:${ENTITY})-[:MADE]->(${self})`, field.fields);
    case 'to':
      return related(q, v, (self, o) => `(${self})-[:TO]->(${o}:${ENTITY})`, field.fields);
    case 'rejectedBy':
      return related(q, v, (self, o) => `(${o}:${ENTITY})-[:REJECTED]->(${self})`, field.fields);
    case 'acceptedBy':
      return related(q, v, (self, o) => `(${o}:${ENTITY})-[:ACCEPTED]->(${self})`, field.fields);
    case 'speaker':
      return related(q, v, (self, o) => `(${o}:${ENTITY})-[:SAID]->(${self})`, field.fields, true);
    case 'about':
      return related(q, v, (self, o) => `(${self})-[:ABOUT]->(${o}:${ENTITY})`, field.fields);
    case 'authors':
      return related(q, v, (self, o) => `(${o}:Person)-[:AUTHORED]->(${self})`, field.fields);
    default:
      throw new CompileError(`no Cypher for Entity field ${field.name}`);
  }
}

function troopContributions(q: Cypher, fields: RequestedField[], pattern: (r: string, country: string, force: string) => string): string {
  const r = q.variable('r');
  const c = q.variable('c');
  const f = q.variable('f');
  const entries = fields.map((field): [string, string] => {
    switch (field.name) {
      case 'country':
        return [field.key, entity(q, c, field.fields)];
      case 'force':
        return [field.key, entity(q, f, field.fields)];
      case 'forces':
      case 'date':
        return [field.key, `${r}.${field.name}`];
      case 'evidence':
        return [field.key, evidence(q, r, field.fields)];
      default:
        return [field.key, 'null'];
    }
  });
  return `COLLECT { MATCH ${pattern(r, c, f)} ORDER BY ${f}.name, ${c}.name RETURN ${map(entries)} }`;
}

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
        return [field.key, related(q, a, (self, o) => `(${self})-[:${MENTIONS}]->(${o}:${ENTITY})`, field.fields)];
      case '__typename':
        return [field.key, `'Article'`];
      default:
        throw new CompileError(`no Cypher for Article field ${field.name}`);
    }
  });
  return map(entries);
}

/** `evidence` and `sources` are parallel lists on the relationship: pair them, each with its article. */
function evidence(q: Cypher, r: string, fields: RequestedField[]): string {
  const i = q.variable('i');
  const a = q.variable('a');
  const entries = fields.map((field): [string, string] => {
    if (field.name === 'quote') return [field.key, `${r}.evidence[${i}]`];
    if (field.name === 'article') return [field.key, `COLLECT { MATCH (${a}:${ARTICLE} {id: ${r}.sources[${i}]}) RETURN ${article(q, a, field.fields)} }[0]`];
    return [field.key, 'null'];
  });
  return `[${i} IN range(0, size(coalesce(${r}.evidence, [])) - 1) | ${map(entries)}]`;
}

/** A relationship `r` from `s` to `e` (all three bound variables). */
export function relation(q: Cypher, r: string, s: string, e: string, fields: RequestedField[]): string {
  const entries: [string, string][] = fields.map((field) => {
    switch (field.name) {
      case 'type':
        return [field.key, `type(${r})`];
      case 'subject':
        return [field.key, entity(q, s, field.fields)];
      case 'object':
        return [field.key, entity(q, e, field.fields)];
      case 'date':
      case 'role':
      case 'share':
      case 'forces':
      case 'status':
        return [field.key, `${r}.${field.name}`];
      case 'datePrecision':
        return [field.key, `toUpper(${r}.datePrecision)`];
      case 'evidence':
        return [field.key, evidence(q, r, field.fields)];
      case '__typename':
        return [field.key, `'Relation'`];
      default:
        throw new CompileError(`no Cypher for Relation field ${field.name}`);
    }
  });
  return map(entries);
}

export interface RelationFilter {
  /** Relationships of this entity (variable), in the direction given; or else all relationships. */
  around?: string;
  direction?: 'OUT' | 'IN' | 'BOTH';
  types?: string[] | null;
  subject?: string | null;
  object?: string | null;
  /** First and last day of the period asked about; a dated relationship is kept when its period overlaps it. */
  since?: string | null;
  until?: string | null;
}

export interface ConnectionArgs extends RelationFilter {
  page: Page;
}

/**
 * A connection is compiled to `{__rows, __offset, __first, totalCount}`: one more row than asked
 * for tells whether there is a next page, and the edges are shaped from the rows without another query.
 */
function relationConnection(q: Cypher, field: RequestedField, base: Pick<RelationFilter, 'around'>): string {
  const { direction, types, since, until, first, after } = field.args;
  return relationConnectionWith(q, field.fields, {
    ...base,
    direction: (direction as RelationFilter['direction']) ?? 'BOTH',
    types: (types as string[] | null | undefined) ?? null,
    ...readPeriod(since, until),
    page: readPage(first, after),
  });
}

/**
 * The page of a connection, when its edges or pageInfo are asked for: the rows (one more than
 * `first`, which tells whether there is a next page), projected with the fields asked of `edges.node`.
 */
function pageEntries(
  q: Cypher,
  fields: RequestedField[],
  page: Page,
  rows: (nodeFields: RequestedField[], skip: string, limit: string) => string,
): [string, string][] {
  if (!fields.some((f) => f.name === 'edges' || f.name === 'pageInfo')) return [];
  const nodeFields = fields
    .filter((f) => f.name === 'edges')
    .flatMap((f) => f.fields)
    .filter((f) => f.name === 'node')
    .flatMap((f) => f.fields);
  const skip = `toInteger(${q.param(page.offset)})`;
  const limit = `toInteger(${q.param(page.first + 1)})`;
  return [
    ['__rows', rows(nodeFields, skip, limit)],
    ['__offset', q.param(page.offset)],
    ['__first', q.param(page.first)],
  ];
}

export function relationConnectionWith(q: Cypher, fields: RequestedField[], filter: ConnectionArgs): string {
  const r = q.variable('r');
  const s = q.variable('s');
  const e = q.variable('e');
  const o = q.variable('o');
  let pattern: string;
  let bind: string;
  if (filter.around) {
    const n = filter.around;
    pattern =
      filter.direction === 'OUT'
        ? `(${n})-[${r}]->(${o}:${ENTITY})`
        : filter.direction === 'IN'
          ? `(${n})<-[${r}]-(${o}:${ENTITY})`
          : `(${n})-[${r}]-(${o}:${ENTITY})`;
    bind = `${r}, startNode(${r}) AS ${s}, endNode(${r}) AS ${e}, ${o}`;
  } else {
    const subject = filter.subject ? ` {id: ${q.param(filter.subject)}}` : '';
    const object = filter.object ? ` {id: ${q.param(filter.object)}}` : '';
    pattern = `(${s}:${ENTITY}${subject})-[${r}]->(${e}:${ENTITY}${object})`;
    bind = `${r}, ${s}, ${e}, ${e} AS ${o}`;
  }
  const where: string[] = [];
  if (filter.types && filter.types.length > 0) where.push(`type(${r}) IN ${q.param(filter.types)}`);
  if (filter.since) where.push(`${r}.dateTo >= date(${q.param(filter.since)})`);
  if (filter.until) where.push(`${r}.dateFrom <= date(${q.param(filter.until)})`);
  const filtered = `MATCH ${pattern}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`;

  const entries = pageEntries(q, fields, filter.page, (nodeFields, skip, limit) =>
    `COLLECT { ${filtered} WITH ${bind} ORDER BY type(${r}), ${o}.name, ${o}.id, ${r}.key SKIP ${skip} LIMIT ${limit} ` +
      `RETURN ${relation(q, r, s, e, nodeFields)} }`,
  );
  for (const field of fields) {
    if (field.name === 'totalCount') entries.push([field.key, `COUNT { ${filtered} RETURN ${r} }`]);
  }
  return map(entries);
}

export function entityConnection(q: Cypher, fields: RequestedField[], label: string | null, page: Page): string {
  const n = q.variable('n');
  const match = `MATCH (${n}:${ENTITY})${label ? ` WHERE ${q.param(label)} IN labels(${n})` : ''}`;
  const entries = pageEntries(q, fields, page, (nodeFields, skip, limit) =>
    `COLLECT { ${match} WITH ${n} ORDER BY ${n}.name, ${n}.id SKIP ${skip} LIMIT ${limit} RETURN ${entity(q, n, nodeFields)} }`,
  );
  for (const field of fields) if (field.name === 'totalCount') entries.push([field.key, `COUNT { ${match} RETURN ${n} }`]);
  return map(entries);
}
