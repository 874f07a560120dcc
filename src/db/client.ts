/**
 * The only module that touches neo4j-driver's sessions: every query of the project runs through
 * `read` or `write`, each in a managed transaction on the configured database, with a timeout
 * and metadata naming the operation, and with driver errors mapped to the project's own.
 */
import neo4j, { type Driver, type ManagedTransaction, type RecordShape } from 'neo4j-driver';
import type { Config } from '../config.ts';
import { DatabaseUnavailableError, mapDatabaseError } from './errors.ts';
import { FirstRunGate } from './first-run-gate.ts';

/** The part of a transaction a repository needs: run a parameterised query, get its rows as plain objects. */
export interface Tx {
  query<Row extends RecordShape = RecordShape>(cypher: string, params?: Record<string, unknown>): Promise<Row[]>;
  /** Runs a write and returns what it created, from the result summary rather than from extra work in the query. */
  update(cypher: string, params?: Record<string, unknown>): Promise<{ nodesCreated: number; relationshipsCreated: number }>;
}

/** What a read-only caller gets: read transactions and nothing else (the API's query layer takes only this). */
export type GraphReader = Pick<GraphDatabase, 'read'>;

export interface ReadOptions {
  /**
   * The Cypher text the read runs. Until Neo4j has once run a text, reads that name it run one at a
   * time (see FirstRunGate), and the first, in which Neo4j plans the text, is allowed
   * NEO4J_PLAN_TIMEOUT_MS more than a run: planning is paid once per text and must not be cut short
   * by the timeout meant for running it. Neo4j keeps the plan, and every later run gets
   * NEO4J_TX_TIMEOUT_MS. The waits count against the read's deadline. (Planning it first with an
   * `EXPLAIN` of its own cost the first request 60 to 150 ms more: a transaction more, and Neo4j
   * still builds what runs the plan on the first run.)
   */
  plans?: { cypher: string };
}

export interface QueryEvent {
  operation: string;
  cypher: string;
  params: Record<string, unknown>;
  mode: 'READ' | 'WRITE';
}

export interface ConnectionTarget {
  uri: string;
  username: string;
  password: string;
  database: string;
}

export interface GraphDatabaseOptions {
  database: string;
  txTimeoutMs: number;
  /** How long planning a text on its first run may take (see ReadOptions.plans). */
  planTimeoutMs: number;
  /** Upper bound on a write transaction; txTimeoutMs where not given. */
  writeTimeoutMs?: number;
  /** Names the program in transaction metadata, e.g. `api` or `seed` (visible in query.log and SHOW TRANSACTIONS). */
  app: string;
}

/**
 * Neo4j ends a timed-out transaction when its transaction monitor next looks, every 2 s by default
 * (db.transaction.monitor.check.interval), so a slow query may run that long past its timeout.
 */
const READ_DEADLINE_MARGIN_MS = 3_000;

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError(`Neo4j did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export class GraphDatabase {
  private readonly listeners = new Set<(event: QueryEvent) => void>();
  private readonly gate = new FirstRunGate();

  constructor(
    readonly driver: Driver,
    readonly options: GraphDatabaseOptions,
  ) {}

  static fromConfig(config: Config, app: string, driverConfig: neo4j.Config = {}): GraphDatabase {
    return GraphDatabase.connect(
      { uri: config.NEO4J_URI, username: config.NEO4J_USERNAME, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE },
      { txTimeoutMs: config.NEO4J_TX_TIMEOUT_MS, planTimeoutMs: config.NEO4J_PLAN_TIMEOUT_MS, writeTimeoutMs: config.NEO4J_WRITE_TIMEOUT_MS, app },
      { maxTransactionRetryTime: config.NEO4J_RETRY_MS, ...driverConfig },
    );
  }

  /** A database at an address of its own (a local server being started), not the configured one. */
  static connect(target: ConnectionTarget, options: Omit<GraphDatabaseOptions, 'database'>, driverConfig: neo4j.Config = {}): GraphDatabase {
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), {
      // Plain JS numbers at the boundary: counts and ids here stay far below 2^53.
      disableLosslessIntegers: true,
      userAgent: `entity-graph/${options.app}`,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
      ...driverConfig,
    });
    return new GraphDatabase(driver, { ...options, database: target.database });
  }

  get database(): string {
    return this.options.database;
  }

  /** Calls `listener` for every query run, e.g. to count round trips per GraphQL operation. */
  onQuery(listener: (event: QueryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  read<T>(operation: string, work: (tx: Tx) => Promise<T>, options: ReadOptions = {}): Promise<T> {
    const runDeadlineMs = this.options.txTimeoutMs + READ_DEADLINE_MARGIN_MS;
    if (options.plans === undefined) return withDeadline(this.run('READ', operation, work), runDeadlineMs);
    const { cypher } = options.plans;
    // A text not run yet may first have to be planned, by this read or one before it.
    const deadlineMs = runDeadlineMs + (this.gate.isWarm(cypher) ? 0 : this.options.planTimeoutMs);
    const expires = performance.now() + deadlineMs;
    // Set when this read leads: its run is the text's first, in which Neo4j plans it.
    let leads = false;
    const runTimeoutMs = () => this.options.txTimeoutMs + (leads ? this.options.planTimeoutMs : 0);
    // A read that waited out its deadline behind the gate is abandoned: it must not open a session afterwards.
    const gated = this.gate.run(
      cypher,
      () =>
        // Its caller has heard the deadline already; this error only hands the gate to the next waiter.
        performance.now() < expires ? this.run('READ', operation, work, runTimeoutMs()) : Promise.reject(new Error('abandoned behind the first-run gate')),
      async () => {
        leads = true;
      },
    );
    return withDeadline(gated, deadlineMs);
  }

  write<T>(operation: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.run('WRITE', operation, work, this.options.writeTimeoutMs ?? this.options.txTimeoutMs);
  }

  async verifyConnectivity(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.options.database });
    } catch (error) {
      throw mapDatabaseError(error);
    }
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  private async run<T>(mode: 'READ' | 'WRITE', operation: string, work: (tx: Tx) => Promise<T>, timeoutMs = this.options.txTimeoutMs): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const txConfig = { timeout: timeoutMs, metadata: { app: this.options.app, operation } };
    const unit = (tx: ManagedTransaction) => work(this.wrap(tx, mode, operation));
    const done = mode === 'READ' ? session.executeRead(unit, txConfig) : session.executeWrite(unit, txConfig);
    // Closing can fail only when the connection already has; the work's own outcome is what callers hear.
    const closed = done.then(
      () => session.close(),
      () => session.close(),
    ).catch(() => {});
    try {
      return await done;
    } catch (error) {
      throw mapDatabaseError(error);
    } finally {
      if (mode === 'WRITE') await closed;
    }
  }

  private wrap(tx: ManagedTransaction, mode: 'READ' | 'WRITE', operation: string): Tx {
    return {
      query: async <Row extends RecordShape>(cypher: string, params: Record<string, unknown> = {}) => {
        for (const listener of this.listeners) listener({ operation, cypher, params, mode });
        const result = await tx.run<Row>(cypher, params);
        return result.records.map((record) => record.toObject());
      },
      update: async (cypher: string, params: Record<string, unknown> = {}) => {
        for (const listener of this.listeners) listener({ operation, cypher, params, mode });
        const summary = await tx.run(cypher, params).summary();
        const counters = summary.counters.updates();
        return { nodesCreated: counters.nodesCreated, relationshipsCreated: counters.relationshipsCreated };
      },
    };
  }
}
