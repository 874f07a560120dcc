/** The one place where Neo4j's error codes become the project's typed errors. */
import { Neo4jError } from 'neo4j-driver';
import { UserFacingError } from '../errors.ts';

/** Neo4j cannot be reached (down, restarting, wrong address): worth retrying later. */
export class DatabaseUnavailableError extends UserFacingError {
  override name = 'DatabaseUnavailableError';
}

/**
 * Neo4j answered with an error; `code` is Neo4j's own status code. `transient` (still failing after the
 * driver's retries) and `server` (Neo.DatabaseError: a failure inside Neo4j, e.g. a commit that fails
 * while it restarts) are worth retrying later; `client` means the query itself is at fault.
 */
export class DatabaseError extends UserFacingError {
  override name = 'DatabaseError';
  constructor(
    message: string,
    readonly code: string,
    readonly kind: 'auth' | 'timeout' | 'constraint' | 'client' | 'transient' | 'server',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

export function mapDatabaseError(error: unknown): Error {
  if (error instanceof DatabaseUnavailableError || error instanceof DatabaseError) return error;
  if (!(error instanceof Neo4jError)) return error instanceof Error ? error : new Error(String(error));
  const code = error.code;
  if (UNAVAILABLE.has(code) || code === 'Neo.TransientError.General.DatabaseUnavailable') {
    return new DatabaseUnavailableError(`Neo4j is unavailable: ${error.message}`, { cause: error });
  }
  if (code.startsWith('Neo.ClientError.Security.')) {
    return new DatabaseError(`Neo4j refused the credentials (${code}): check NEO4J_USERNAME and NEO4J_PASSWORD.`, code, 'auth', { cause: error });
  }
  if (code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || code === 'Neo.TransientError.Transaction.LockAcquisitionTimeout') {
    return new DatabaseError(`The query took longer than the transaction timeout (${code}).`, code, 'timeout', { cause: error });
  }
  // A transaction whose timeout runs out while it waits for a lock is stopped with this code.
  if (code === 'Neo.ClientError.Transaction.LockClientStopped') {
    return new DatabaseError(`The transaction was stopped while it waited for a lock, past its timeout (${code}).`, code, 'timeout', { cause: error });
  }
  if (code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
    return new DatabaseError(error.message, code, 'constraint', { cause: error });
  }
  if (code === 'Neo.ClientError.Database.DatabaseNotFound') {
    return new DatabaseError(`${error.message} (check NEO4J_DATABASE)`, code, 'client', { cause: error });
  }
  const kind = code.startsWith('Neo.TransientError.') ? 'transient' : code.startsWith('Neo.ClientError.') ? 'client' : 'server';
  return new DatabaseError(error.message, code, kind, { cause: error });
}
