/**
 * The read side of the graph: one method per question the API answers, each one Cypher query in
 * one read transaction, returning plain objects shaped like the requested GraphQL selection.
 */
import type { GraphReader } from '../db/client.ts';
import { DatabaseUnavailableError } from '../db/errors.ts';
import { ARTICLE, ENTITY, FULLTEXT_INDEX, PUBLICATION, QUERY_LIMITS, type EntityLabel } from '../model.ts';
import {
  article,
  articleConnection,
  Cypher,
  entity,
  entityConnection,
  entityIsFlat,
  entityVisible,
  FACT_TYPES,
  HIDDEN,
  timelineConnection,
  traversedFacts,
  type AsOf,
  offerConnection,
  relation,
  rootRelations,
} from './compile.ts';
import { fieldsOf, type ArticlesRequest, type TimelineRequest, type NeighborhoodRequest, type OffersRequest, type Page, type PathRequest, type RequestedField, type RootRelationsRequest, type SearchRequest, type Selection } from './request.ts';
import { VariantCache } from '../variant-cache.ts';

export type Row = Record<string, unknown>;

/** A requested id that is not in the graph; the API reports it as NOT_FOUND. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

/** An id in a message, shortened so that a huge one is never echoed back whole. */
function shown(id: string, max = 60): string {
  const text = JSON.stringify(id);
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * A full-text query that finds each word exactly (ranked higher) or within `edits` edits: one for
 * the first try, which is cheap; two for longer words (six letters and more) if that finds nothing,
 * as a Levenshtein automaton of two edits costs Lucene several times more. Lucene scales a fuzzy
 * match's score by how much of the word survives the edits, so short words allow fewer (or none):
 * two edits to a two-letter word match everything, all with score 0.
 */
export function fullTextQuery(text: string, widest: 1 | 2 = 2): string | undefined {
  const words = text
    .split(/\s+/)
    // Lower case, because Lucene reads AND, OR, NOT and TO in capitals as operators.
    .map((word) => word.toLowerCase().replace(LUCENE_SPECIAL, ' ').trim())
    .flatMap((word) => word.split(' '))
    .filter((word) => word.length > 0)
    .slice(0, 10);
  if (words.length === 0) return undefined;
  return words.map((word) => (word.length < 3 ? word : `(${word}^2 OR ${word}~${word.length < 6 ? 1 : widest})`)).join(' ');
}

/**
 * The relationships of a list, in its order, each projected with its two ends. (Unwound in a
 * subquery rather than mapped with a list comprehension: Neo4j 5.26 fails on an index seek, such as
 * an evidence's article, nested in a subquery under a list comprehension.)
 */
function projectRelations(q: Cypher, list: string, fields: RequestedField[], asOf: AsOf): string {
  const [r, s, e] = [q.variable('r'), q.variable('s'), q.variable('e')];
  return `COLLECT { UNWIND ${list} AS ${r} WITH ${r}, startNode(${r}) AS ${s}, endNode(${r}) AS ${e} RETURN ${relation(q, r, s, e, fields, asOf)} }`;
}

/**
 * Entities of a list, in its order, each projected. Flat projections (properties only) map the list
 * directly; others unwind it in a subquery, as Neo4j 5.26 fails on some subqueries (a count over a
 * date range, a short page of related entities) under a list comprehension.
 */
function projectEntities(q: Cypher, list: string, selection: Selection): string {
  const x = q.variable('x');
  if (entityIsFlat(selection)) return `[${x} IN ${list} | ${entity(q, x, selection)}]`;
  return `COLLECT { UNWIND ${list} AS ${x} RETURN ${entity(q, x, selection)} }`;
}

/** Reads that overlapped an article being hidden, in a row, before the API gives up (each takes milliseconds). */
const CONSISTENT_READ_ATTEMPTS = 5;

interface Expression {
  /** What the query returns as its result. */
  expression: string;
  /** Clauses before it, which bind what the expression reads. */
  prefix?: string;
}

/** What a query is compiled from: the requested selection (or fields) and the typed arguments. */
interface CompiledFrom {
  selection: object;
  args: unknown;
}

interface Compiled {
  cypher: string;
  params: Record<string, unknown>;
}

const { neighborhoodEdges: NEIGHBORHOOD_EDGES } = QUERY_LIMITS;

export class GraphQueries {
  // A reader, not the database: this class cannot open a write transaction, whatever it is asked.
  constructor(private readonly db: GraphReader) {}

  /**
   * Compiled queries by what they were compiled from: a selection (never changed once collected)
   * and the typed arguments (compared by value). The API hands over the same selection each time an
   * operation is asked again, so a repeated request costs no compiling. Up to 16 argument sets per selection.
   */
  private readonly compiled = new VariantCache<object, Compiled>(16);

  /**
   * Runs one compiled expression. The query first reads the publication clock and the articles
   * hidden while they are written (which every part of the answer leaves out), and reads the clock
   * again at its end: if an article was hidden meanwhile, the answer may hold part of what was
   * written after, so it is asked again (see seed-repository.ts for the protocol).
   */
  private async one<T = Row>(operation: string, from: CompiledFrom, build: (q: Cypher) => Expression): Promise<T | null> {
    const { cypher, params } = this.compile(from, build);
    for (let attempt = 1; ; attempt++) {
      const rows = await this.db.read(`graphql.${operation}`, (tx) => tx.query<{ result: T | null; steady: boolean }>(cypher, params), {
        plans: { cypher, params },
      });
      const [row] = rows;
      if (!row || row.steady) return row?.result ?? null;
      if (attempt === CONSISTENT_READ_ATTEMPTS) {
        throw new DatabaseUnavailableError(`articles were hidden during each of ${attempt} reads; the graph is being rewritten faster than it can be read`);
      }
    }
  }

  private compile({ selection, args }: CompiledFrom, build: (q: Cypher) => Expression): Compiled {
    return this.compiled.get(selection, args, () => {
      const q = new Cypher();
      const { expression, prefix = '' } = build(q);
      const cypher =
        `OPTIONAL MATCH (clock:${PUBLICATION}) ` +
        `WITH coalesce(clock.epoch, 0) AS epoch, COLLECT { MATCH (h:${ARTICLE}) WHERE h.status = 'loading' RETURN h.id } AS ${HIDDEN} ` +
        `${prefix}WITH epoch, ${expression} AS result ` +
        `OPTIONAL MATCH (after:${PUBLICATION}) RETURN result, epoch = coalesce(after.epoch, 0) AS steady`;
      return { cypher, params: q.params };
    });
  }

  entity(id: string, selection: Selection): Promise<Row | null> {
    return this.one('entity', { selection, args: id }, (q) => {
      const n = q.variable('n');
      return { expression: `COLLECT { MATCH (${n}:${ENTITY} {id: ${q.param(id)}}) WHERE ${entityVisible(q, n)} RETURN ${entity(q, n, selection)} }[0]` };
    });
  }

  async entities(label: EntityLabel | null, page: Page, fields: RequestedField[]): Promise<Row> {
    return (await this.one('entities', { selection: fields, args: [label, page] }, (q) => ({ expression: entityConnection(q, fields, label, page) })))!;
  }

  async search(request: SearchRequest, fields: RequestedField[]): Promise<Row[]> {
    const { text, labels, first, asOf } = request;
    const quick = fullTextQuery(text, 1);
    const thorough = fullTextQuery(text, 2);
    if (!quick || first === 0) return [];
    const rows = await this.one<Row[]>('search', { selection: fields, args: request }, (q) => {
      const where = ` WHERE ${entityVisible(q, 'node', asOf === null ? undefined : q.param(asOf))}${labels ? ` AND any(label IN labels(node) WHERE label IN ${q.param(labels)})` : ''}`;
      // An entity whose name or alias is the text itself comes first: Lucene's score favours short fields, and would
      // rank a statement whose name holds the word above the force whose alias it is.
      const asked = q.param(text.trim().toLowerCase());
      const named = `(toLower(node.name) = ${asked} OR any(alias IN coalesce(node.aliases, []) WHERE toLower(alias) = ${asked}))`;
      const hits = (query: string) =>
        `COLLECT { CALL db.index.fulltext.queryNodes('${FULLTEXT_INDEX}', ${q.param(query)}) YIELD node, score${where} ` +
        `WITH node, score, ${named} AS named ORDER BY named DESC, score DESC, node.id LIMIT toInteger(${q.param(first)}) RETURN {node: node, score: score} }`;
      // Two edits are tried only when one finds nothing (and a word is long enough to allow them).
      const widen = q.param(thorough !== quick);
      // The hits are projected once, whichever search found them: the projection is most of the Cypher Neo4j plans.
      const [hit, node] = [q.variable('hit'), q.variable('node')];
      const entries = fields.map((field) =>
        field.name === 'score'
          ? `\`${field.key}\`: ${hit}.score`
          : field.name === 'entity'
            ? `\`${field.key}\`: ${entity(q, node, field.selection)}`
            : `\`${field.key}\`: null`,
      );
      return {
        expression: `COLLECT { UNWIND found AS ${hit} WITH ${hit}, ${hit}.node AS ${node} RETURN {${entries.join(', ')}} }`,
        prefix:
          `WITH epoch, ${HIDDEN}, ${hits(quick)} AS quick ` +
          `WITH epoch, ${HIDDEN}, CASE WHEN size(quick) > 0 OR NOT ${widen} THEN quick ELSE ${hits(thorough!)} END AS found `,
      };
    });
    return rows ?? [];
  }

  async relations(request: RootRelationsRequest, fields: RequestedField[]): Promise<Row> {
    return (await this.one('relations', { selection: fields, args: request }, (q) => ({ expression: rootRelations(q, fields, request) })))!;
  }

  async timeline(request: TimelineRequest, fields: RequestedField[]): Promise<Row> {
    const result = await this.one<{ found: boolean; timeline: Row }>('timeline', { selection: fields, args: request }, (q) => {
      const n = q.variable('n');
      return {
        expression: `{found: EXISTS { MATCH (${n}:${ENTITY} {id: ${q.param(request.entity)}}) WHERE ${entityVisible(q, n)} }, timeline: ${timelineConnection(q, fields, request)}}`,
      };
    });
    if (!result?.found) throw new NotFoundError(`no entity with id ${shown(request.entity)}`);
    return result.timeline;
  }

  async path(request: PathRequest, fields: RequestedField[]): Promise<Row | null> {
    const { from, to, maxHops, time } = request;
    const result = await this.one<{ ends: { from: number; to: number }; path: Row | null }>('path', { selection: fields, args: request }, (q) => {
      const followed = traversedFacts(q, 'hop', time);
      const entries = fields.map((field) => {
        switch (field.name) {
          case 'length':
            return `\`${field.key}\`: length(p)`;
          case 'nodes':
            return `\`${field.key}\`: ${projectEntities(q, 'nodes(p)', field.selection)}`;
          case 'hops':
            return `\`${field.key}\`: ${projectRelations(q, 'relationships(p)', fieldsOf(field), followed.asOf)}`;
          default:
            return `\`${field.key}\`: null`;
        }
      });
      const [f, t] = [q.variable('f'), q.variable('t')];
      const ends = `{from: COUNT { MATCH (${f}:${ENTITY} {id: ${q.param(from)}}) WHERE ${entityVisible(q, f)} }, to: COUNT { MATCH (${t}:${ENTITY} {id: ${q.param(to)}}) WHERE ${entityVisible(q, t)} }}`;
      // The hop count is a validated integer: Cypher takes no parameter for a path's length bound.
      return {
        expression:
          `{ends: ${ends}, path: COLLECT { MATCH (a:${ENTITY} {id: ${q.param(from)}}), (b:${ENTITY} {id: ${q.param(to)}}) ` +
          `MATCH p = shortestPath((a)-[:${FACT_TYPES}*1..${maxHops}]-(b)) WHERE all(hop IN relationships(p) WHERE ${followed.conditions.join(' AND ')}) ` +
          `RETURN {${entries.join(', ')}} }[0]}`,
      };
    });
    if (!result?.ends.from) throw new NotFoundError(`no entity with id ${shown(from)}`);
    if (!result.ends.to) throw new NotFoundError(`no entity with id ${shown(to)}`);
    return result.path;
  }

  async neighborhood(request: NeighborhoodRequest, fields: RequestedField[]): Promise<Row> {
    const { id, hops, types, first, time } = request;
    const result = await this.one('neighborhood', { selection: fields, args: request }, (q) => {
      // Only fact types, so that a path never leads through an article that mentions two entities.
      const typeFilter = types ? ` AND type(r) IN ${q.param(types)}` : '';
      const followed = traversedFacts(q, 'r', time);
      const limit = q.param(first);
      // Ring by ring, nearest first: each ring reads at most one relationship more than NEIGHBORHOOD_EDGES
      // from the entities the ring before reached, stopping there, so a hub costs what any entity does;
      // the one more says that the ring was cut.
      const step = (from: string) =>
        `COLLECT { UNWIND ${from} AS y MATCH (y)-[r:${FACT_TYPES}]-(z:${ENTITY}) WHERE z <> c AND ${followed.conditions.join(' AND ')}${typeFilter} ` +
        `RETURN r LIMIT ${NEIGHBORHOOD_EDGES + 1} }`;
      const reachedBy = (ring: string, most: string) =>
        `COLLECT { UNWIND ${ring} AS r UNWIND [startNode(r), endNode(r)] AS x WITH DISTINCT x WHERE x <> c RETURN x LIMIT toInteger(${most}) }`;
      const rings: string[] = [];
      const cut: string[] = [];
      let carried = `epoch, ${HIDDEN}, c`;
      let prefix = `MATCH (c:${ENTITY} {id: ${q.param(id)}}) WHERE ${entityVisible(q, 'c')} `;
      for (let ring = 1; ring <= hops; ring++) {
        const from = ring === 1 ? '[c]' : `reached${ring - 1}`;
        prefix += `WITH ${carried}, ${step(from)} AS read${ring} `;
        prefix += `WITH ${carried}, read${ring}[..${NEIGHBORHOOD_EDGES}] AS ring${ring}, size(read${ring}) > ${NEIGHBORHOOD_EDGES} AS cut${ring} `;
        carried += `, ring${ring}, cut${ring}`;
        rings.push(`ring${ring}`);
        cut.push(`cut${ring}`);
        if (ring < hops) {
          prefix += `WITH ${carried}, ${reachedBy(`ring${ring}`, `${limit} - 1`)} AS reached${ring} `;
          carried += `, reached${ring}`;
        }
      }
      const all = rings.join(' + ');
      // One entity and one relationship more than drawn, to tell whether any were left out.
      prefix += `WITH ${carried}, ${reachedBy(all, limit)} AS others `;
      prefix += `WITH ${carried}, ${cut.join(' OR ')} OR size(others) >= ${limit} AS cut, [c] + others[..toInteger(${limit}) - 1] AS reached `;
      const wanted = new Set(fields.map((field) => field.name));
      if (wanted.has('edges') || wanted.has('truncated')) {
        prefix +=
          `WITH ${carried}, cut, reached, COLLECT { UNWIND ${all} AS rel WITH DISTINCT rel WHERE startNode(rel) IN reached AND endNode(rel) IN reached ` +
          `RETURN rel LIMIT ${NEIGHBORHOOD_EDGES + 1} } AS among `;
      }
      const entries = fields.map((field) => {
        switch (field.name) {
          case 'nodes':
            return `\`${field.key}\`: ${projectEntities(q, 'reached', field.selection)}`;
          case 'edges':
            return `\`${field.key}\`: ${projectRelations(q, `among[..${NEIGHBORHOOD_EDGES}]`, fieldsOf(field), followed.asOf)}`;
          case 'truncated':
            return `\`${field.key}\`: cut OR size(among) > ${NEIGHBORHOOD_EDGES}`;
          default:
            return `\`${field.key}\`: null`;
        }
      });
      return { expression: `{${entries.join(', ')}}`, prefix };
    });
    if (!result) throw new NotFoundError(`no entity with id ${shown(id)}`);
    return result;
  }

  async offers(request: OffersRequest, fields: RequestedField[]): Promise<Row> {
    const { by, rejectedBy, page } = request;
    return (await this.one('offers', { selection: fields, args: request }, (q) => ({ expression: offerConnection(q, fields, by, rejectedBy, page) })))!;
  }

  article(id: string, fields: RequestedField[]): Promise<Row | null> {
    return this.one('article', { selection: fields, args: id }, (q) => {
      const a = q.variable('a');
      return { expression: `COLLECT { MATCH (${a}:${ARTICLE} {id: ${q.param(id)}}) WHERE NOT ${a}.id IN ${HIDDEN} RETURN ${article(q, a, fields)} }[0]` };
    });
  }

  async articles(request: ArticlesRequest, fields: RequestedField[]): Promise<Row> {
    return (await this.one('articles', { selection: fields, args: request }, (q) => ({ expression: articleConnection(q, fields, request.page, request.asOf) })))!;
  }

  /** Whether at least one article is completely loaded (the API's readiness). */
  async seeded(): Promise<boolean> {
    const rows = await this.db.read('graphql.ready', (tx) => tx.query<{ ready: boolean }>(`RETURN EXISTS { MATCH (a:${ARTICLE}) WHERE a.status = 'loaded' } AS ready`));
    return rows[0]?.ready ?? false;
  }
}

