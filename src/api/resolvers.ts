/** Thin resolvers: read the arguments and the requested selection, ask the graph, shape connections. */
import { GraphQLScalarType, Kind, type GraphQLResolveInfo } from 'graphql';
import { DatabaseError, DatabaseUnavailableError } from '../db/errors.ts';
import { encodeCursor, InvalidArgumentError, isPartialDate, type Position } from '../graph/args.ts';
import { NotFoundError, type GraphQueries } from '../graph/queries.ts';
import { apiError } from './errors.ts';
import { fixedArguments, requestedFields } from '../graph/selection.ts';

export interface ApiContext {
  graph: GraphQueries;
}

type Args = Record<string, unknown>;

/** Expected failures become GraphQL errors with a code; anything else stays masked by Yoga. */
export function toGraphQLError(error: unknown): unknown {
  if (error instanceof InvalidArgumentError) return apiError('BAD_USER_INPUT', error.message);
  if (error instanceof NotFoundError) return apiError('NOT_FOUND', error.message);
  if (error instanceof DatabaseUnavailableError || (error instanceof DatabaseError && (error.kind === 'transient' || error.kind === 'server'))) {
    return apiError('SERVICE_UNAVAILABLE', 'The graph database is unavailable; try again shortly.');
  }
  if (error instanceof DatabaseError && error.kind === 'timeout') return apiError('QUERY_TIMEOUT', 'The query took too long and was stopped.');
  return error;
}

function root<T>(answer: (args: Args, graph: GraphQueries, info: GraphQLResolveInfo) => Promise<T>) {
  return async (_: unknown, args: Args, context: ApiContext, info: GraphQLResolveInfo): Promise<T> => {
    try {
      return await answer(args, context.graph, info);
    } catch (error) {
      throw toGraphQLError(error);
    }
  };
}

interface CompiledRow {
  __key: Position;
  __node?: unknown;
  __item?: unknown;
}

interface CompiledConnection {
  __rows?: CompiledRow[];
  __first?: number;
  __after?: boolean;
}

/** Shapes a compiled connection: one row more than `first` was read, which tells whether there is a next page. */
const connection = {
  edges: (source: CompiledConnection) => (source.__rows ?? []).slice(0, source.__first).map((row) => ({ cursor: encodeCursor(row.__key), node: row.__node })),
  nodes: (source: CompiledConnection) => (source.__rows ?? []).slice(0, source.__first).map((row) => row.__item),
  pageInfo: (source: CompiledConnection) => {
    const rows = (source.__rows ?? []).slice(0, source.__first);
    return {
      hasNextPage: (source.__rows ?? []).length > (source.__first ?? 0),
      hasPreviousPage: source.__after ?? false,
      startCursor: rows.length > 0 ? encodeCursor(rows[0]!.__key) : null,
      endCursor: rows.length > 0 ? encodeCursor(rows.at(-1)!.__key) : null,
    };
  },
};

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isPartialDate(value)) {
    throw apiError('BAD_USER_INPUT', `Date must be YYYY, YYYY-MM or YYYY-MM-DD, a real calendar date (got ${JSON.stringify(value)?.slice(0, 40)})`);
  }
  return value;
}

const DateScalar = new GraphQLScalarType({
  name: 'Date',
  serialize: (value) => String(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const nullable = <T>(value: unknown) => (value === undefined || value === null ? null : (value as T));

export const resolvers = {
  Date: DateScalar,
  Query: {
    entity: root((args, graph, info) => graph.entity(String(args.id), requestedFields(info))),
    entities: root((args, graph, info) => graph.entities(nullable<string>(args.kind), args, requestedFields(info))),
    search: root((args, graph, info) =>
      graph.search(String(args.text), nullable<string[]>(args.kinds), (args.first as number | undefined) ?? 10, requestedFields(info)),
    ),
    relations: root((args, graph, info) => graph.relations(args, requestedFields(info), fixedArguments(info, args))),
    path: root((args, graph, info) => graph.path(String(args.from), String(args.to), args.maxHops as number, requestedFields(info))),
    neighborhood: root((args, graph, info) =>
      graph.neighborhood(String(args.id), args.hops as number, nullable<string[]>(args.types), requestedFields(info)),
    ),
    offers: root((args, graph, info) => graph.offers(nullable<string>(args.by), nullable<string>(args.rejectedBy), args, requestedFields(info))),
    articles: root((args, graph, info) => graph.articles(args, requestedFields(info))),
    article: root((args, graph, info) => graph.article(String(args.id), requestedFields(info))),
  },
  Entity: {
    __resolveType: (source: { __typename: string }) => source.__typename,
  },
  RelationConnection: connection,
  EntityConnection: connection,
  OfferConnection: connection,
  ArticleConnection: connection,
  MentionConnection: connection,
  StatementConnection: connection,
  TroopContributionConnection: connection,
  EvidenceConnection: connection,
};
