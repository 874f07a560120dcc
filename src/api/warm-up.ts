/**
 * Operations the API runs once as it starts, so that Neo4j has planned their Cypher before a client
 * asks. Neo4j plans a query text the first time it meets it and keeps the plan until it restarts; a
 * page of every type of fact with its counts takes it half a second or more right after a restart
 * (docs/model.md, "What a query costs to plan"). The Cypher of an operation depends on its selection and on which arguments it writes out,
 * never on the values of its variables: one run plans the text for every entity, page and day.
 *
 * The operations are GraphQL files (API_WARM_UP, default schema/operations/*.graphql), each named
 * operation run once, one after another, with a placeholder for each variable that must have a value
 * (an id that is not in the graph is as good as one that is: the query is planned and run all the same).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, type GraphQLError, type TypeNode } from 'graphql';
import { globSync } from 'tinyglobby';
import { ConfigError, PROJECT_ROOT } from '../config.ts';
import type { GraphReader } from '../db/client.ts';
import { rehearsalOf } from '../graph/read/visibility.ts';

export interface WarmUpOperation {
  /** `file#OperationName`, as logs name it. */
  name: string;
  query: string;
  operationName: string;
  variables: Record<string, unknown>;
}

/** A value of each scalar a variable may take, for a run whose answer nobody reads. */
const PLACEHOLDERS: Record<string, unknown> = { ID: 'warm-up', String: 'warm-up', Date: '2000-01-01', Int: 1, Boolean: false };

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

/**
 * The named operations of the files `pattern` matches (relative to the repository), each with a
 * placeholder for every variable. A file that does not parse, or an operation without a name or
 * with a variable of a type that has no placeholder, is refused at start-up, naming the file.
 */
export function warmUpOperations(pattern: string): WarmUpOperation[] {
  if (pattern.trim() === '') return [];
  const files = globSync(pattern, { cwd: PROJECT_ROOT, absolute: true }).sort();
  return files.flatMap((file) => {
    const shown = path.relative(PROJECT_ROOT, file);
    const query = readFileSync(file, 'utf8');
    let document;
    try {
      document = parse(query);
    } catch (error) {
      throw new ConfigError([`API_WARM_UP: ${shown}: ${(error as GraphQLError).message}`]);
    }
    // Each operation is sent alone, with the file's fragments: the rest of the file is not its to validate.
    const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => query.slice(d.loc!.start, d.loc!.end));
    return document.definitions.flatMap((definition) => {
      if (definition.kind !== Kind.OPERATION_DEFINITION) return [];
      const operationName = definition.name?.value;
      if (!operationName) throw new ConfigError([`API_WARM_UP: ${shown}: every operation needs a name, so that it can be run alone`]);
      const variables: Record<string, unknown> = {};
      for (const variable of definition.variableDefinitions ?? []) {
        // A variable that may be left out is: null is a value like any other, for the Cypher.
        if (variable.defaultValue || variable.type.kind !== Kind.NON_NULL_TYPE) continue;
        const type = namedType(variable.type);
        if (!(type in PLACEHOLDERS)) {
          throw new ConfigError([`API_WARM_UP: ${shown}: ${operationName}: $${variable.variable.name.value} (${type}) has no placeholder value; give it a default`]);
        }
        const name = variable.variable.name.value;
        // Ids differ from one another (a path's ends must), and name no entity.
        variables[name] = type === 'ID' ? `warm-up-${name.toLowerCase()}` : PLACEHOLDERS[type];
      }
      const text = [query.slice(definition.loc!.start, definition.loc!.end), ...fragments].join('\n');
      return [{ name: `${shown}#${operationName}`, query: text, operationName, variables }];
    });
  });
}

/** The operation's variables as a client would send them: each taken by name from `values`. */
export function variablesFrom(operation: WarmUpOperation, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(operation.variables).map((name) => [name, values[name]]));
}

interface Fetcher {
  fetch: (url: string, init: RequestInit) => Promise<Response> | Response;
}

export interface WarmUpReport {
  ran: number;
  ms: number;
  /** Operations that answered with an error other than an id not found, each with its first message. */
  failed: { name: string; message: string }[];
}

/** Runs each operation once through the API itself (its own limits, compilation and first-run gate), one after another. */
export async function warmUp(api: Fetcher, operations: readonly WarmUpOperation[], signal?: AbortSignal): Promise<WarmUpReport> {
  const started = performance.now();
  const failed: WarmUpReport['failed'] = [];
  let ran = 0;
  for (const operation of operations) {
    // A server that stops stops warming up: what is left would only fail on a closed driver.
    if (signal?.aborted) break;
    ran++;
    const response = await api.fetch('http://warm-up/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: operation.query, operationName: operation.operationName, variables: operation.variables }),
    });
    const answer = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    const error = answer.errors?.find((e) => e.extensions?.code !== 'NOT_FOUND');
    if (error) failed.push({ name: operation.name, message: error.message });
  }
  return { ran, ms: performance.now() - started, failed };
}

export interface RehearsalReport {
  texts: number;
  rounds: number;
  ms: number;
  /** Copies Neo4j refused to plan, each with its message (none is expected: a copy is the read it copies). */
  failed: string[];
}

/**
 * Has Neo4j plan a copy of each read text `rounds` times over, each a new statement to it
 * (rehearsalOf), one at a time. After the warm-up's one run of each operation, the first request
 * of a selection nobody has sent yet still took about 1.6 times as long as Neo4j takes to plan its
 * text once Java has compiled the planner; planning copies of the same texts runs the same code of
 * the planner until Java has compiled it (docs/performance.md, "A rehearsed planner"). Nothing is read or run.
 */
export async function rehearse(db: GraphReader, texts: ReadonlyMap<string, Record<string, unknown>>, rounds: number, signal?: AbortSignal): Promise<RehearsalReport> {
  const started = performance.now();
  const failed: string[] = [];
  let done = 0;
  for (let round = 1; round <= rounds && !signal?.aborted; round++, done++) {
    for (const [cypher, params] of texts) {
      if (signal?.aborted) break;
      try {
        await db.read('warm-up.rehearsal', (tx) => tx.query(`EXPLAIN ${rehearsalOf(cypher, round)}`, params));
      } catch (error) {
        failed.push(error instanceof Error ? error.message : String(error));
      }
    }
  }
  return { texts: texts.size, rounds: done, ms: performance.now() - started, failed };
}
