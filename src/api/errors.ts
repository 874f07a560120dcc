/**
 * Every error the API answers with carries one of these codes in `extensions.code`, so that a client
 * can tell "too complex" from a typo without reading English. docs/api.md lists this table.
 */
import { GraphQLError, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const ERROR_CODES = {
  BAD_REQUEST: 'the HTTP request cannot be read: invalid JSON, a body that is not an object, a batch, a body too large or without a declared length, a method other than GET or POST',
  UNSUPPORTED_MEDIA_TYPE: 'the body is neither JSON nor a form (HTTP 415)',
  NOT_ACCEPTABLE: 'the Accept header admits no form the API answers in: JSON, GraphQL response JSON, event stream or multipart (HTTP 406)',
  GRAPHQL_PARSE_FAILED: 'the operation is not valid GraphQL syntax',
  GRAPHQL_VALIDATION_FAILED: 'the operation does not fit the schema: an unknown field, argument or enum value, or a mutation or subscription',
  OPERATION_RESOLUTION_FAILURE: 'the document holds several operations and operationName names none of them',
  QUERY_TOO_COMPLEX: 'the operation exceeds a limit: depth, aliases, tokens, directives or cost',
  BAD_USER_INPUT: 'an argument or variable has a wrong value: a page size, cursor, date, id length, hop count, or a variable of the wrong type',
  NOT_FOUND: 'path or neighborhood names an id that is not in the graph (entity and article answer null instead)',
  QUERY_TIMEOUT: 'Neo4j stopped the query at NEO4J_TX_TIMEOUT_MS',
  SERVICE_UNAVAILABLE: 'Neo4j cannot be reached, is restarting, or failed inside; try again shortly',
  INTERNAL_SERVER_ERROR: 'anything else, masked as "Unexpected error."',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export function apiError(code: ErrorCode, message: string, options: { status?: number; from?: GraphQLError } = {}): GraphQLError {
  const { from, status } = options;
  return new GraphQLError(message, {
    source: from?.source,
    positions: from?.positions,
    path: from?.path,
    extensions: status === undefined ? { code } : { code, http: { status } },
  });
}

/** The errors GraphQL Armor raised: it calls back with each before throwing it. */
const tooComplex = new WeakSet<Error>();

/** For GraphQL Armor's `onReject`: marks the error as a limit exceeded rather than a syntax error. */
export function markTooComplex(_context: unknown, error: GraphQLError): void {
  tooComplex.add(error);
}

const isCode = (code: unknown): code is ErrorCode => typeof code === 'string' && Object.hasOwn(ERROR_CODES, code);

/** The same error with a code from the table: one it has, one its origin implies, or the masked one. */
export function withCode(error: GraphQLError): GraphQLError {
  if (tooComplex.has(error) || (error.originalError && tooComplex.has(error.originalError))) {
    return apiError('QUERY_TOO_COMPLEX', error.message.replace(/^Syntax Error: /, ''), { from: error });
  }
  // Errors made by graphql-jit can come without extensions at all.
  if (isCode(error.extensions?.code)) return error;
  // graphql-js coerces variables before any resolver runs and gives its errors no code.
  if (/^Variable "\$\w+" /.test(error.message)) return apiError('BAD_USER_INPUT', error.message, { from: error });
  return apiError('INTERNAL_SERVER_ERROR', 'Unexpected error.');
}

/** graphql-js 16 leaves an operation of a type the schema lacks to fail during execution. */
function onlyQueries(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'query') {
        context.reportError(new GraphQLError(`This API answers queries only; it has no ${node.operation}s.`, { nodes: node }));
      }
    },
  };
}

/** Puts a code from the table on every error of every answer, and refuses what is not a query while validating. */
export function useErrorCodes(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(onlyQueries);
    },
    onResultProcess({ result, setResult, resultProcessor, setResultProcessor }) {
      if (!resultProcessor) {
        // Yoga would answer an empty 406; the client learns more from a JSON one it can still parse.
        setResultProcessor(
          (_, fetchAPI) =>
            new fetchAPI.Response(JSON.stringify({ errors: [apiError('NOT_ACCEPTABLE', 'Accept application/json (or application/graphql-response+json).').toJSON()] }), {
              status: 406,
              headers: { 'content-type': 'application/json; charset=utf-8' },
            }),
          'application/json',
        );
        return;
      }
      if (Array.isArray(result) || Symbol.asyncIterator in result || !result.errors) return;
      setResult({ ...result, errors: result.errors.map((error) => withCode(error instanceof GraphQLError ? error : apiError('INTERNAL_SERVER_ERROR', 'Unexpected error.'))) });
    },
  };
}
