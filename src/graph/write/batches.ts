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

/** One unit subquery per type (of all, or those given), each over its own rows of a map parameter: a type with no rows costs an empty UNWIND, and the plan is the same whatever types a batch holds. */
export const EACH_TYPE = (param: string, body: (type: string) => string, types: readonly string[] = RELATION_TYPE_NAMES) =>
  types.map((type) => `CALL { UNWIND ${param}.${type} AS row ${body(type)} }`).join('\n');

/** A query over facts by identity, every type (or those given) in one query, returning `columns` for each found. */
export const EACH_TYPE_RETURNING = (param: string, body: (type: string) => string, columns: string, types: readonly string[] = RELATION_TYPE_NAMES) => `
CALL {${types.map(
  (type) => `
  UNWIND ${param}.${type} AS row
  ${body(type)}`,
).join('\n  UNION ALL')}
}
RETURN ${columns}`;

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
