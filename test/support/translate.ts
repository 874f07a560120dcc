/**
 * Translates a GraphQL operation to the Cypher the API would send, without a database: the real
 * schema, resolvers, argument checks and compiler, over a reader that records each query and
 * answers it with no rows. For tests of the translation itself (what Cypher, which parameters).
 */
import { execute, parse, type GraphQLError } from 'graphql';
import type { GraphReader } from '../../src/db/client.ts';
import { buildSchema } from '../../src/api/schema.ts';
import { GraphQueries } from '../../src/graph/read/queries.ts';
import { ARGUMENTS } from '../../src/graph/read/cypher.ts';

export interface Translated {
  /** One entry per query sent, in order: the API's operation name, the Cypher and its values. */
  queries: { operation: string; cypher: string; values: Record<string, unknown> }[];
  /** Error codes of the answer (a refused argument is BAD_USER_INPUT, before any query). */
  codes: unknown[];
  errors: readonly GraphQLError[];
}

const schema = buildSchema();

export async function translate(source: string, variables: Record<string, unknown> = {}): Promise<Translated> {
  const queries: Translated['queries'] = [];
  const reader: GraphReader = {
    read: async (operation, work) =>
      work({
        query: async (cypher: string, params?: Record<string, unknown>) => {
          queries.push({ operation, cypher, values: (params?.[ARGUMENTS] ?? {}) as Record<string, unknown> });
          return [];
        },
      } as never),
  };
  const result = await execute({ schema, document: parse(source), variableValues: variables, contextValue: { graph: new GraphQueries(reader) } });
  const errors = result.errors ?? [];
  return { queries, codes: errors.map((error) => error.extensions.code), errors };
}
