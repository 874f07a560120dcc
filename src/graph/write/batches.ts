/**
 * How the seeder's writes travel: rows inside map parameters, facts by type, each fact found again
 * by its identity. Rows travel inside a map parameter (`$batch.rows`, `$facts.TYPE`): Neo4j caches a
 * plan by its parameters' types and, for lists, their size, so a bare list parameter would cost a
 * new plan for each batch size, and a list that is empty in one batch and not in the next a new one.
 */
import { RELATION_TYPE_NAMES } from '../../model.ts';
import { parseFactIdentity } from '../keys.ts';

export interface WriteCount {
  created: number;
  total: number;
}

/**
 * A fact found again by its identity, through the unique index on `outKey`. The hint keeps the plan
 * an index seek whatever the statistics say: a plan made while the graph is empty would otherwise
 * scan every relationship, and Neo4j keeps a plan for as long as its cache does.
 */
export const FACT_BY_KEY = (type: string, r: string, key: string) => `MATCH ()-[${r}:${type} {outKey: ${key}}]->() USING INDEX ${r}:${type}(outKey)`;

/**
 * A query over facts of every type (or those given), each type's rows from its list in a map
 * parameter: `find(type)` binds the fact as `r` for each `row` (a type with no rows costs an empty
 * UNWIND, and the plan is the same whatever types a batch holds), and `then` reads or writes `r`
 * and `row` once, after the union, for all types. Neo4j plans a text in time that grows with it
 * (see docs/performance.md): written once rather than once per type, `then` is planned once.
 */
export const FOR_EACH_FACT = (param: string, find: (type: string) => string, then: string, types: readonly string[] = RELATION_TYPE_NAMES) => `CALL {
${types.map((type) => `  UNWIND ${param}.${type} AS row\n  ${find(type)}\n  RETURN r, row`).join('\n  UNION ALL\n')}
}
${then}`;

/** `find` for FOR_EACH_FACT: each row's fact by its identity, `row.outKey`. */
export const BY_ROW_KEY = (type: string) => FACT_BY_KEY(type, 'r', 'row.outKey');

/** Rows grouped by type, as the queries here take them. */
export function byType<Row>(rows: Iterable<[string, Row]>): Record<string, Row[]> {
  const grouped: Record<string, Row[]> = Object.fromEntries(RELATION_TYPE_NAMES.map((type) => [type, []]));
  for (const [type, row] of rows) grouped[type]!.push(row);
  return grouped;
}

/** A fact's identity (`TYPE outKey`) as a row of the queries that take rows by type. */
export const byOutKey = (identity: string): [string, { outKey: string }] => {
  const { type, outKey } = parseFactIdentity(identity);
  return [type, { outKey }];
};
