import type { createApi } from '../../src/api/server.ts';

export interface GraphqlAnswer {
  data?: any;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Sends operations to the API in the test's own process, as a client would over HTTP. */
export function graphqlClient(yoga: ReturnType<typeof createApi>) {
  return async (query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer> => {
    const response = await yoga.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlAnswer;
  };
}
