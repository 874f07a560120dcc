/**
 * The read side of the graph: one method per question the API answers, each one Cypher query in
 * one read transaction, returning plain objects shaped like the requested GraphQL selection.
 */
import type { GraphReader } from '../db/client.ts';
import { ENTITY, ENTITY_LABELS, type EntityLabel } from '../model.ts';
import { InvalidArgumentError, quoted, readId, readInt, readPage } from './args.ts';
import {
  ARTICLE_CURSOR,
  articleConnection,
  Cypher,
  entity,
  ENTITY_CURSOR,
  entityConnection,
  entityIsFlat,
  FACT_TYPES,
  offerConnection,
  projectExpression,
  relation,
  relationIsFlat,
  rootRelations,
} from './compile.ts';
import { FULLTEXT_INDEX } from './seed-repository.ts';
import type { RequestedField } from './selection.ts';

export type Row = Record<string, unknown>;

/** A requested id that is not in the graph; the API reports it as NOT_FOUND. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export function labelOfKind(kind: string): EntityLabel {
  const label = ENTITY_LABELS.find((l) => l.toUpperCase() === kind);
  if (!label) throw new InvalidArgumentError(`unknown entity kind ${kind}`);
  return label;
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** A full-text query that finds each word exactly (ranked higher) or within a small edit distance. */
export function fullTextQuery(text: string): string | undefined {
  const words = text
    .split(/\s+/)
    // Lower case, because Lucene reads AND, OR, NOT and TO in capitals as operators.
    .map((word) => word.toLowerCase().replace(LUCENE_SPECIAL, ' ').trim())
    .flatMap((word) => word.split(' '))
    .filter((word) => word.length > 0)
    .slice(0, 10);
  if (words.length === 0) return undefined;
  // Lucene scales a fuzzy match's score by how much of the word survives the edits, so short words allow
  // fewer (or none): two edits to a two-letter word match everything, all with score 0.
  return words.map((word) => (word.length < 3 ? word : `(${word}^2 OR ${word}~${word.length < 6 ? 1 : 2})`)).join(' ');
}

/** A relationship held in a list variable, with its two ends. */
function projectRelation(q: Cypher, rel: string, fields: RequestedField[]): string {
  if (relationIsFlat(fields)) return relation(q, rel, `startNode(${rel})`, `endNode(${rel})`, fields);
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  return `COLLECT { WITH ${rel} AS ${r}, startNode(${rel}) AS ${s}, endNode(${rel}) AS ${e} RETURN ${relation(q, r, s, e, fields)} }[0]`;
}

export class GraphQueries {
  // A reader, not the database: this class cannot open a write transaction, whatever it is asked.
  constructor(private readonly db: GraphReader) {}

  private async one<T = Row>(operation: string, q: Cypher, expression: string, prefix = ''): Promise<T | null> {
    const rows = await this.db.read(`graphql.${operation}`, (tx) =>
      tx.query<{ result: T | null }>(`${prefix}RETURN ${expression} AS result`, q.params),
    );
    return rows[0]?.result ?? null;
  }

  entity(id: string, fields: RequestedField[]): Promise<Row | null> {
    readId('id', id);
    const q = new Cypher();
    const n = q.variable('n');
    return this.one('entity', q, `COLLECT { MATCH (${n}:${ENTITY} {id: ${q.param(id)}}) RETURN ${entity(q, n, fields)} }[0]`);
  }

  async entities(kind: string | null, args: Record<string, unknown>, fields: RequestedField[]): Promise<Row> {
    const q = new Cypher();
    const page = readPage(args.first, args.after, ENTITY_CURSOR);
    return (await this.one('entities', q, entityConnection(q, fields, kind ? labelOfKind(kind) : null, page)))!;
  }

  async search(text: string, kinds: string[] | null, first: number, fields: RequestedField[]): Promise<Row[]> {
    if (text.length > 200) throw new InvalidArgumentError('text must be at most 200 characters');
    readInt('first', first, 0, 100);
    const query = fullTextQuery(text);
    if (!query || first === 0) return [];
    const q = new Cypher();
    const labels = kinds && kinds.length > 0 ? kinds.map(labelOfKind) : null;
    const entries = fields.map((field) =>
      field.name === 'score' ? `\`${field.key}\`: score` : field.name === 'entity' ? `\`${field.key}\`: ${entity(q, 'node', field.fields)}` : `\`${field.key}\`: null`,
    );
    const where = labels ? ` WHERE any(label IN labels(node) WHERE label IN ${q.param(labels)})` : '';
    const rows = await this.one<Row[]>(
      'search',
      q,
      `COLLECT { CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', ${q.param(query)}) YIELD node, score${where} ` +
        `WITH node, score ORDER BY score DESC, node.id LIMIT toInteger(${q.param(first)}) RETURN {${entries.join(', ')}} }`,
    );
    return rows ?? [];
  }

  async relations(args: Record<string, unknown>, fields: RequestedField[], fixed?: ReadonlySet<string>): Promise<Row> {
    readId('subject', args.subject as string | null | undefined);
    readId('object', args.object as string | null | undefined);
    const q = new Cypher();
    return (await this.one('relations', q, rootRelations(q, fields, args, fixed)))!;
  }

  async path(from: string, to: string, maxHops: number, fields: RequestedField[]): Promise<Row | null> {
    readId('from', from);
    readId('to', to);
    readInt('maxHops', maxHops, 1, 6);
    if (from === to) throw new InvalidArgumentError('from and to must be different entities');
    const q = new Cypher();
    const entries = fields.map((field) => {
      switch (field.name) {
        case 'length':
          return `\`${field.key}\`: length(p)`;
        case 'nodes':
          return `\`${field.key}\`: [x IN nodes(p) | ${projectExpression(q, 'x', (v) => entity(q, v, field.fields), entityIsFlat(field.fields))}]`;
        case 'hops':
          return `\`${field.key}\`: [hop IN relationships(p) | ${projectRelation(q, 'hop', field.fields)}]`;
        default:
          return `\`${field.key}\`: null`;
      }
    });
    const ends = `{from: COUNT { MATCH (:${ENTITY} {id: ${q.param(from)}}) }, to: COUNT { MATCH (:${ENTITY} {id: ${q.param(to)}}) }}`;
    // The hop count is a validated integer: Cypher takes no parameter for a path's length bound.
    const result = await this.one<{ ends: { from: number; to: number }; path: Row | null }>(
      'path',
      q,
      `{ends: ${ends}, path: COLLECT { MATCH (a:${ENTITY} {id: ${q.param(from)}}), (b:${ENTITY} {id: ${q.param(to)}}) ` +
        `MATCH p = shortestPath((a)-[:${FACT_TYPES}*1..${maxHops}]-(b)) RETURN {${entries.join(', ')}} }[0]}`,
    );
    if (!result?.ends.from) throw new NotFoundError(`no entity with id ${quoted(from)}`);
    if (!result.ends.to) throw new NotFoundError(`no entity with id ${quoted(to)}`);
    return result.path;
  }

  async neighborhood(id: string, hops: number, types: string[] | null, fields: RequestedField[]): Promise<Row> {
    readId('id', id);
    readInt('hops', hops, 1, 3);
    const q = new Cypher();
    // Only fact types, so that a path never leads through an article that mentions two entities.
    const typeFilter = types && types.length > 0 ? ` WHERE all(rel IN relationships(p) WHERE type(rel) IN ${q.param(types)})` : '';
    const paths = `MATCH p = (c)-[:${FACT_TYPES}*1..${hops}]-(:${ENTITY})${typeFilter}`;
    const entries = fields.map((field) => {
      if (field.name === 'nodes') {
        return `\`${field.key}\`: [x IN [c] + COLLECT { ${paths} UNWIND nodes(p) AS x WITH DISTINCT x WHERE x <> c RETURN x LIMIT 199 } | ${projectExpression(q, 'x', (v) => entity(q, v, field.fields), entityIsFlat(field.fields))}]`;
      }
      if (field.name === 'edges') {
        return `\`${field.key}\`: [rel IN COLLECT { ${paths} UNWIND relationships(p) AS rel RETURN DISTINCT rel LIMIT 500 } | ${projectRelation(q, 'rel', field.fields)}]`;
      }
      return `\`${field.key}\`: null`;
    });
    const result = await this.one('neighborhood', q, `{${entries.join(', ')}}`, `MATCH (c:${ENTITY} {id: ${q.param(id)}}) `);
    if (!result) throw new NotFoundError(`no entity with id ${quoted(id)}`);
    return result;
  }

  async offers(by: string | null, rejectedBy: string | null, args: Record<string, unknown>, fields: RequestedField[]): Promise<Row> {
    readId('by', by);
    readId('rejectedBy', rejectedBy);
    const q = new Cypher();
    const page = readPage(args.first, args.after, ENTITY_CURSOR);
    return (await this.one('offers', q, offerConnection(q, fields, by, rejectedBy, page)))!;
  }

  async articles(args: Record<string, unknown>, fields: RequestedField[]): Promise<Row> {
    const q = new Cypher();
    const page = readPage(args.first, args.after, ARTICLE_CURSOR);
    return (await this.one('articles', q, articleConnection(q, fields, page)))!;
  }

  /** Whether at least one article is completely loaded (the API's readiness). */
  async seeded(): Promise<boolean> {
    const rows = await this.db.read('graphql.ready', (tx) => tx.query<{ n: number }>(`MATCH (a:Article) RETURN count(a) AS n`));
    return (rows[0]?.n ?? 0) > 0;
  }
}

