/**
 * How the seeder's writes travel: rows inside map parameters, facts by type, each fact found again
 * by its identity. Rows travel inside a map parameter (`$batch.rows`, `$facts.TYPE`): Neo4j caches a
 * plan by its parameters' types and, for lists, their size, so a bare list parameter would cost a
 * new plan for each batch size, and a list that is empty in one batch and not in the next a new one.
 */
import { LISTING, RELATION_TYPE_NAMES } from '../../model.ts';
import { factOfListing, KEY_SEPARATOR, parseFactIdentity } from '../keys.ts';

export interface WriteCount {
  created: number;
  total: number;
}

/** `find` for FOR_EACH_FACT: each row's fact by its identity, its type and `row.outKey`. */
export const BY_ROW_KEY = `listed.identity = type + '${KEY_SEPARATOR}' + row.outKey`;

/**
 * A query over the facts of each type that exist, each type's rows from its list in a map parameter
 * (`$facts.TYPE`), each fact found again by its identity through its `:Listing` node (see
 * keys.ts LISTED_KEYS) and bound as `r` with its `row` (and its listing as `listed`), for `then`
 * to read or write. One index holds every type's listings, so the text holds no branch per type:
 * Neo4j plans it in tens of milliseconds rather than in a second. The hint keeps the plan an
 * index seek whatever the statistics say (a plan made while the graph is empty would otherwise
 * scan), and the fact is looked up by its element id (keys.ts factOfListing).
 * `find` is the listing's condition: by default, the identity `TYPE row.outKey`.
 */
export const FOR_EACH_FACT = (param: string, then: string, find: string = BY_ROW_KEY) => `UNWIND keys(${param}) AS type
UNWIND ${param}[type] AS row
MATCH (listed:${LISTING}) USING INDEX listed:${LISTING}(identity) WHERE ${find}
${factOfListing('listed', 'r')}
${then}`;

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
