/**
 * The seeder's write transactions, each of which first takes the seeder's write lock (see
 * lockSeedWrites), so that any number of seed runs, on one machine or many, can write to one Neo4j
 * at once and lose nothing. A transaction that has to wait for another run's says so, and one that
 * waits longer than a write transaction may run stops with what to do.
 */
import type { GraphDatabase, Tx } from '../db/client.ts';
import { DatabaseError } from '../db/errors.ts';
import { UserFacingError } from '../errors.ts';
import { lockSeedWrites } from '../graph/write/articles.ts';

/** Hears, while a transaction waits for another seed run's, a line saying so, then one every few seconds. */
export type WaitListener = (line: string) => void;

/** How long a wait goes unremarked, and how often a long one is remarked on again. */
const FIRST_NOTICE_MS = 1_000;
const NOTICE_EVERY_MS = 5_000;

/** Another seed run held the write lock for longer than this run's transaction could wait. */
export class SeedBusyError extends UserFacingError {
  override name = 'SeedBusyError';
}

/** Runs `work` in a write transaction that holds the seeder's write lock; `onWait` hears a wait for it. */
export async function lockedWrite<T>(db: GraphDatabase, operation: string, work: (tx: Tx) => Promise<T>, onWait?: WaitListener): Promise<T> {
  let locking = false;
  let waitedMs = 0;
  try {
    return await db.write(operation, async (tx) => {
      locking = true;
      const since = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const notice = () => {
        onWait?.(`  waiting for another seed run to finish its transaction (${Math.round((performance.now() - since) / 1000)} s) …`);
        timer = setTimeout(notice, NOTICE_EVERY_MS);
      };
      timer = setTimeout(notice, FIRST_NOTICE_MS);
      try {
        await lockSeedWrites(tx);
      } finally {
        clearTimeout(timer);
        waitedMs = performance.now() - since;
      }
      locking = false;
      if (waitedMs >= FIRST_NOTICE_MS) onWait?.(`  the other seed run's transaction is done after ${(waitedMs / 1000).toFixed(1)} s; going on`);
      return work(tx);
    });
  } catch (error) {
    if (locking && error instanceof DatabaseError && error.kind === 'timeout') {
      const limit = db.options.writeTimeoutMs ?? db.options.txTimeoutMs;
      throw new SeedBusyError(
        `Another seed run is writing to this Neo4j and held the seeder's write lock for longer than a write transaction may wait ` +
          `(${Math.round(limit / 1000)} s, NEO4J_WRITE_TIMEOUT_MS); this transaction wrote nothing. ` +
          'Run the seeder again once the other run is done (what this run wrote before is whole, and the rerun completes the rest), or allow a longer wait with NEO4J_WRITE_TIMEOUT_MS.',
        { cause: error },
      );
    }
    throw error;
  }
}
