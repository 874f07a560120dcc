/** The GraphQL server: Yoga with the schema, abuse limits, health and readiness, and GraphiQL with a ready example. */
import { costLimitPlugin } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { GraphQLError, visit, BREAK, type DocumentNode } from 'graphql';
import { createYoga, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { GraphDatabase } from '../db/client.ts';
import { GraphQueries } from '../graph/read/queries.ts';
import { apiError, markTooComplex, useErrorCodes } from './errors.ts';
import type { ApiContext } from './resolvers.ts';
import { buildSchema } from './schema.ts';

/** Limits against abusive operations (docs/api.md lists them). */
export const LIMITS = {
  maxDepth: 12,
  maxAliases: 20,
  maxTokens: 2_000,
  maxDirectives: 20,
  maxCost: 100_000,
  /** Bytes of a request body; the largest useful operation with its variables is a few kilobytes. */
  maxBodyBytes: 100_000,
} as const;

/**
 * Refuses a body larger than the limit before Yoga reads it, judged by its declared length: a body
 * without one (chunked) cannot be bounded before it is read, so it must declare it.
 */
function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const declared = request.headers.get('content-length');
      const refuse = (status: number, message: string) =>
        endResponse(
          new fetchAPI.Response(JSON.stringify({ errors: [apiError('BAD_REQUEST', message).toJSON()] }), {
            status,
            headers: { 'content-type': 'application/json' },
          }),
        );
      if (declared === null) refuse(411, 'A request body must declare its Content-Length.');
      else if (Number(declared) > maxBytes) refuse(413, `A request body may have at most ${maxBytes} bytes (this one has ${declared}).`);
    },
  };
}

/**
 * A request the API cannot read gets a short message and a code, never the parser's own error (a
 * JSON parser's message quotes the body back) and never an empty 415: clients and proxies alike
 * learn what to send instead.
 */
function useTerseRequestErrors(): Plugin {
  return {
    onRequestParse({ requestParser, setRequestParser }) {
      if (!requestParser) {
        setRequestParser(() => {
          throw apiError('UNSUPPORTED_MEDIA_TYPE', 'Send a POST with Content-Type application/json, or a GET with the operation in ?query=.', { status: 415 });
        });
        return;
      }
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'BAD_REQUEST') {
            const status = (error.extensions.http as { status?: number } | undefined)?.status ?? 400;
            throw apiError('BAD_REQUEST', error.message, { status });
          }
          throw apiError('BAD_REQUEST', error instanceof SyntaxError ? 'The request holds invalid JSON.' : 'The request could not be read.', { status: 400 });
        }
      });
    },
  };
}

export const EXAMPLE_OPERATION = `# Who contributes troops to what, and who rejected which offer — with the sentences that say so.
query TroopsAndOffers {
  force: entity(id: "civil-military-coordination-center") {
    name
    ... on Organization {
      troopContributors {
        totalCount
        nodes {
          country { name code }
          forces
          evidence { nodes { quote article { title publishedAt } } }
        }
      }
    }
  }
  offers(rejectedBy: "israel") {
    nodes {
      name
      ... on Offer {
        by { name }
        to { name }
        rejectedBy { name }
        relations(types: [REJECTED, MADE]) {
          edges { node { type subject { name } object { name } evidence { nodes { quote } } } }
        }
      }
    }
  }
}
`;

const conditional = new WeakMap<DocumentNode, boolean>();

/** Whether an operation uses @skip or @include anywhere (documents are parsed once and cached, so this is too). */
export function hasConditionalDirectives(document: DocumentNode): boolean {
  let found = conditional.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      Directive(node) {
        if (node.name.value === 'skip' || node.name.value === 'include') {
          found = true;
          return BREAK;
        }
        return undefined;
      },
    });
    conditional.set(document, found);
  }
  return found;
}

export function createApi(db: GraphDatabase): YogaServerInstance<Record<string, unknown>, ApiContext> {
  const graph = new GraphQueries(db);
  return createYoga<Record<string, unknown>, ApiContext>({
    schema: buildSchema(),
    context: () => ({ graph }),
    graphiql: { defaultQuery: EXAMPLE_OPERATION, title: 'entity-graph' },
    // GraphiQL's script and styles from the installed package, not a CDN: it works offline.
    renderGraphiQL,
    landingPage: false,
    // No file uploads here: a multipart body is refused like any other unsupported type.
    multipart: false,
    plugins: [
      useBodyLimit(LIMITS.maxBodyBytes),
      useTerseRequestErrors(),
      maxDepthPlugin({ n: LIMITS.maxDepth, ignoreIntrospection: true, onReject: [markTooComplex] }),
      maxAliasesPlugin({ n: LIMITS.maxAliases, onReject: [markTooComplex] }),
      maxTokensPlugin({ n: LIMITS.maxTokens, onReject: [markTooComplex] }),
      maxDirectivesPlugin({ n: LIMITS.maxDirectives, onReject: [markTooComplex] }),
      costLimitPlugin({ maxCost: LIMITS.maxCost, ignoreIntrospection: true, onReject: [markTooComplex] }),
      useErrorCodes(),
      // Compiles each operation's execution once and reuses it: results here are wide trees of
      // plain fields, where graphql-js's generic executor costs more than the query behind them.
      // graphql-jit answers wrongly when a field excluded by @skip/@include is merged with the
      // same field elsewhere, so operations with those directives run on graphql-js.
      useGraphQlJit({}, { enableIf: ({ document }) => !hasConditionalDirectives(document) }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            return await graph.seeded();
          } catch {
            return false;
          }
        },
      }),
    ],
  });
}
