/** Thin resolvers: read the arguments and the requested selection, ask the graph, shape connections. */
import { GraphQLScalarType, Kind, type FieldNode, type GraphQLResolveInfo } from 'graphql';
import { DatabaseError, DatabaseUnavailableError } from '../db/errors.ts';
import { ITEM_PREFIX, NODE_PREFIX } from '../graph/read/contract.ts';
import { NotFoundError, type GraphQueries } from '../graph/read/queries.ts';
import { fieldsOfSelection, type Position, type RequestedField, type Selection } from '../graph/read/request.ts';
import { isPartialDate } from '../model.ts';
import { encodeCursor, InvalidArgumentError, rootArguments, type IsLiteral, type RawArguments } from './arguments.ts';
import { apiError } from './errors.ts';
import { requestedSelection, rootArgumentsOf } from './selection.ts';
import { VariantCache } from '../variant-cache.ts';

export interface ApiContext {
  graph: GraphQueries;
}


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

interface RootRequest {
  args: RawArguments;
  literal: IsLiteral;
  /** The selection, per concrete type of the field's type. */
  selection: Selection;
  /** The selection over the field's one object type. */
  fields: RequestedField[];
}

/** A root field: its arguments checked and its selection collected (arguments.ts, selection.ts), then one query. */
function root<T>(answer: (request: RootRequest, graph: GraphQueries) => Promise<T>) {
  return async (_: unknown, _args: unknown, context: ApiContext, info: GraphQLResolveInfo): Promise<T> => {
    try {
      return await answer(rootRequest(info), context.graph);
    } catch (error) {
      throw toGraphQLError(error);
    }
  };
}

/**
 * Root requests by the operation's field node and the variables: Yoga parses an operation text once
 * and hands over the same nodes each time, so an operation asked again with the same variables is
 * neither collected nor checked again, and the graph, given the very same selection, compiles
 * nothing again either. Up to 16 sets of variables per field are kept, none longer than 1 KB.
 */
const rootRequests = new VariantCache<FieldNode, RootRequest>(16, 1024);

function rootRequest(info: GraphQLResolveInfo): RootRequest {
  return rootRequests.get(info.fieldNodes[0]!, info.variableValues, () => {
    const { raw, literal } = rootArgumentsOf(info);
    const selection = requestedSelection(info);
    return { args: raw, literal, selection, fields: fieldsOfSelection(selection) };
  });
}

type CompiledRow = { __key: Position } & Record<string, unknown>;

interface CompiledConnection {
  __rows?: CompiledRow[];
  __first?: number;
  __after?: boolean;
}

/** Shapes a compiled connection: one row more than `first` was read, which tells whether there is a next page. */
const connection = {
  // Each `edges` and each `nodes` reads the projection compiled for its own response key.
  edges: (source: CompiledConnection, _args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    const rows = (source.__rows ?? []).slice(0, source.__first);
    const prefix = `${NODE_PREFIX}${String(info.path.key)} `;
    // Every row has the same keys: the node projections of this `edges` are found once.
    const nodes = rows.length > 0 ? Object.keys(rows[0]!).filter((key) => key.startsWith(prefix)) : [];
    return rows.map((row) => {
      const edge: Record<string, unknown> = { cursor: encodeCursor(row.__key) };
      for (const key of nodes) edge[key.slice(prefix.length)] = row[key];
      return edge;
    });
  },
  nodes: (source: CompiledConnection, _args: unknown, _context: unknown, info: GraphQLResolveInfo) =>
    (source.__rows ?? []).slice(0, source.__first).map((row) => row[`${ITEM_PREFIX}${String(info.path.key)}`]),
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

export const resolvers = {
  Date: DateScalar,
  Query: {
    entity: root(({ args, selection }, graph) => graph.entity(rootArguments.entity(args), selection)),
    entities: root(({ args, fields }, graph) => {
      const { label, page } = rootArguments.entities(args);
      return graph.entities(label, page, fields);
    }),
    search: root(({ args, fields }, graph) => graph.search(rootArguments.search(args), fields)),
    relations: root(({ args, literal, fields }, graph) => graph.relations(rootArguments.relations(args, literal), fields)),
    timeline: root(({ args, literal, fields }, graph) => graph.timeline(rootArguments.timeline(args, literal), fields)),
    path: root(({ args, fields }, graph) => graph.path(rootArguments.path(args), fields)),
    neighborhood: root(({ args, fields }, graph) => graph.neighborhood(rootArguments.neighborhood(args), fields)),
    offers: root(({ args, fields }, graph) => graph.offers(rootArguments.offers(args), fields)),
    articles: root(({ args, fields }, graph) => graph.articles(rootArguments.articles(args), fields)),
    article: root(({ args, fields }, graph) => graph.article(rootArguments.article(args), fields)),
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
