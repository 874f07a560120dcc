/**
 * The read side of the graph: one method per question the API answers, each one Cypher query in
 * one read transaction, returning plain objects shaped like the requested GraphQL selection. Each
 * query is compiled once per selection and arguments (roots.ts builds it), and read again when an
 * article was hidden while it ran.
 */
import type { GraphReader } from '../../db/client.ts';
import { DatabaseUnavailableError } from '../../db/errors.ts';
import { ARTICLE, ARTICLE_STATUS, type EntityLabel } from '../../model.ts';
import { VariantCache } from '../../variant-cache.ts';
import { Cypher } from './cypher.ts';
import type { ArticlesRequest, NeighborhoodRequest, OffersRequest, Page, PathRequest, RequestedField, RootRelationsRequest, SearchRequest, Selection, TimelineRequest } from './request.ts';
import {
  articleRoot,
  articlesRoot,
  entitiesRoot,
  entityRoot,
  fullTextQuery,
  neighborhoodRoot,
  offersRoot,
  pathRoot,
  relationsRoot,
  searchRoot,
  timelineRoot,
  type Expression,
} from './roots.ts';
import { readEpilogue, readPrelude } from './visibility.ts';

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

/** Reads that overlapped an article being hidden, in a row, before the API gives up (each takes milliseconds). */
const CONSISTENT_READ_ATTEMPTS = 5;

/** What a query is compiled from: the requested selection (or fields) and the typed arguments. */
interface CompiledFrom {
  selection: object;
  args: unknown;
}

interface Compiled {
  cypher: string;
  params: Record<string, unknown>;
}

export class GraphQueries {
  /**
   * @param db a reader, not the database: this class cannot open a write transaction, whatever it is asked.
   * @param options.nothingHiddenFirst whether a query is first asked as written for nothing hidden (the
   * default); without it, every query is written with the checks hidden articles need, the one text for
   * every case (what the tests compare the smaller texts with).
   */
  constructor(
    private readonly db: GraphReader,
    private readonly options: { nothingHiddenFirst?: boolean } = {},
  ) {}

  /**
   * Compiled queries by what they were compiled from: a selection (never changed once collected)
   * and the typed arguments (compared by value). The API hands over the same selection each time an
   * operation is asked again, so a repeated request costs no compiling. Up to 16 argument sets per selection
   * (each compiled for nothing hidden, and for some hidden where that was needed).
   */
  private readonly compiled = new VariantCache<object, Compiled>(16);

  /**
   * Runs one compiled expression. The query first reads the publication clock and the articles
   * hidden while they are written (which every part of the answer leaves out), and reads the clock
   * again at its end: if an article was hidden meanwhile, the answer may hold part of what was
   * written after, so it is asked again (see ../write/articles.ts for the protocol). It is first
   * asked as compiled for the usual case, nothing hidden, without the checks hidden articles need
   * (a text a third smaller, which Neo4j plans in half to two thirds of the time); only when the query finds
   * an article hidden is it asked again with them.
   */
  private async one<T = Row>(operation: string, from: CompiledFrom, build: (q: Cypher) => Expression): Promise<T | null> {
    let nothingHidden = this.options.nothingHiddenFirst ?? true;
    for (let attempt = 1; ; ) {
      const { cypher, params } = this.compile(from, build, nothingHidden);
      const rows = await this.db.read(`graphql.${operation}`, (tx) => tx.query<{ result: T | null; nothingHidden: boolean; steady: boolean }>(cypher, params), {
        plans: { cypher },
      });
      const [row] = rows;
      if (!row) return null;
      if (nothingHidden && !row.nothingHidden) {
        nothingHidden = false;
        continue;
      }
      if (row.steady) return row.result ?? null;
      if (attempt++ === CONSISTENT_READ_ATTEMPTS) {
        throw new DatabaseUnavailableError(`articles were hidden during each of ${CONSISTENT_READ_ATTEMPTS} reads; the graph is being rewritten faster than it can be read`);
      }
    }
  }

  private compile({ selection, args }: CompiledFrom, build: (q: Cypher) => Expression, nothingHidden: boolean): Compiled {
    return this.compiled.get(selection, [nothingHidden, args], () => {
      const q = new Cypher(nothingHidden);
      const { expression, prefix = '' } = build(q);
      const cypher = `${readPrelude()}${prefix}${readEpilogue(expression)}`;
      return { cypher, params: q.params };
    });
  }

  async entity(id: string, selection: Selection): Promise<Row | null> {
    const result = await this.one<{ found: boolean; entity: Row }>('entity', { selection, args: id }, (q) => entityRoot(q, selection, id));
    return result?.found ? result.entity : null;
  }

  async entities(label: EntityLabel | null, page: Page, fields: RequestedField[]): Promise<Row> {
    return (await this.one('entities', { selection: fields, args: [label, page] }, (q) => entitiesRoot(q, fields, label, page)))!;
  }

  async search(request: SearchRequest, fields: RequestedField[]): Promise<Row[]> {
    if (!fullTextQuery(request.text, 1) || request.first === 0) return [];
    return (await this.one<Row[]>('search', { selection: fields, args: request }, (q) => searchRoot(q, fields, request))) ?? [];
  }

  async relations(request: RootRelationsRequest, fields: RequestedField[]): Promise<Row> {
    return (await this.one('relations', { selection: fields, args: request }, (q) => relationsRoot(q, fields, request)))!;
  }

  async timeline(request: TimelineRequest, fields: RequestedField[]): Promise<Row> {
    const result = await this.one<{ found: boolean; timeline: Row }>('timeline', { selection: fields, args: request }, (q) => timelineRoot(q, fields, request));
    if (!result?.found) throw new NotFoundError(`no entity with id ${shown(request.entity)}`);
    return result.timeline;
  }

  async path(request: PathRequest, fields: RequestedField[]): Promise<Row | null> {
    const result = await this.one<{ ends: { from: number; to: number }; path: Row | null }>('path', { selection: fields, args: request }, (q) => pathRoot(q, fields, request));
    if (!result?.ends.from) throw new NotFoundError(`no entity with id ${shown(request.from)}`);
    if (!result.ends.to) throw new NotFoundError(`no entity with id ${shown(request.to)}`);
    return result.path;
  }

  async neighborhood(request: NeighborhoodRequest, fields: RequestedField[]): Promise<Row> {
    const result = await this.one('neighborhood', { selection: fields, args: request }, (q) => neighborhoodRoot(q, fields, request));
    if (!result) throw new NotFoundError(`no entity with id ${shown(request.id)}`);
    return result;
  }

  async offers(request: OffersRequest, fields: RequestedField[]): Promise<Row> {
    return (await this.one('offers', { selection: fields, args: request }, (q) => offersRoot(q, fields, request)))!;
  }

  article(id: string, fields: RequestedField[]): Promise<Row | null> {
    return this.one('article', { selection: fields, args: id }, (q) => articleRoot(q, fields, id));
  }

  async articles(request: ArticlesRequest, fields: RequestedField[]): Promise<Row> {
    return (await this.one('articles', { selection: fields, args: request }, (q) => articlesRoot(q, fields, request)))!;
  }

  /** Whether at least one article is completely loaded (the API's readiness). */
  async seeded(): Promise<boolean> {
    const rows = await this.db.read('graphql.ready', (tx) => tx.query<{ ready: boolean }>(`RETURN EXISTS { MATCH (a:${ARTICLE}) WHERE a.status = '${ARTICLE_STATUS.loaded}' } AS ready`));
    return rows[0]?.ready ?? false;
  }
}

