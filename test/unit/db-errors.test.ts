import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toGraphQLError } from '../../src/api/resolvers.ts';
import { mapDatabaseError } from '../../src/db/errors.ts';

/** What the API's client is told for an error Neo4j reports with `code`. */
function clientSees(code: string, message = 'from Neo4j') {
  return toGraphQLError(mapDatabaseError(new Neo4jError(message, code, code.startsWith('Neo.') ? '50N42' : 'N/A', 'error: general processing exception')));
}

describe("Neo4j's errors as the API's clients see them", () => {
  it('when Neo4j fails inside (a commit during a restart) or is still failing after retries, then the client is told to try again shortly', () => {
    const unavailable = { message: 'The graph database is unavailable; try again shortly.', extensions: { code: 'SERVICE_UNAVAILABLE' } };
    expect(clientSees('Neo.DatabaseError.General.UnknownError', 'Failed to commit transaction "bolt-4"')).toMatchObject(unavailable);
    expect(clientSees('Neo.TransientError.Transaction.Terminated')).toMatchObject(unavailable);
    expect(clientSees('ServiceUnavailable')).toMatchObject(unavailable);
    expect(clientSees('Neo.TransientError.General.DatabaseUnavailable')).toMatchObject(unavailable);
  });

  it('when Neo4j stops a transaction for running past its timeout, then the client hears QUERY_TIMEOUT', () => {
    expect(clientSees('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration')).toMatchObject({ extensions: { code: 'QUERY_TIMEOUT' } });
  });

  it('when Neo4j refuses the query itself, then the error stays unexpected, for Yoga to mask', () => {
    const error = clientSees('Neo.ClientError.Statement.SyntaxError');
    expect(error).toMatchObject({ name: 'DatabaseError', kind: 'client' });
    expect(error).not.toHaveProperty('extensions');
  });
});
