/**
 * The Cypher that writes facts: merging articles' reports into them and taking reports back. Every
 * fact is found by its identity (type and `outKey`) through the unique index on `outKey`, and every
 * write sets the fact's lists and all that is derived from them (see evidence.ts), so a fact never
 * holds a value that its reports do not give.
 */
import type { Tx } from '../../db/client.ts';
import { ENTITY, isRelationType, LISTING, type RelationType } from '../../model.ts';
import { join, KEY_SEPARATOR } from '../keys.ts';
import { byOutKey, byType, FOR_EACH_FACT, type WriteCount } from './batches.ts';
import { ADD_EVIDENCE, derivedProperties, evidenceMerge, keptReports, placesOf, reportLists, STORED_PLACES, type EvidenceEntry, type StoredPlaces } from './evidence.ts';
import { storedFacts, type OvertakingState } from './overtaking.ts';

/** One fact as a batch writes it: its identity, its properties from the text, and the reports the batch's articles give. */
export interface RelationRow {
  from: string;
  to: string;
  key: string;
  outKey: string;
  inKey: string;
  evidence: EvidenceEntry[];
  /** The properties that tell the fact apart (role, share): the same in every report of it. */
  props: Record<string, string | null>;
}

/**
 * Facts are merged on their identity (type and `outKey`: subject, object and key), every type in one
 * query (rows in a map by type, see batches.ts), which returns the reports each already has. A fact
 * is found through its listing (see FOR_EACH_FACT), made with it when it is new; the relationship's
 * type comes from the row's group, which writeRelations checks is one of the closed set, so the
 * text holds no branch per type and plans in tens of milliseconds. A listing whose
 * fact is not the one it names finds nothing, and the write stops with an error.
 */
export const MERGE_FACTS_QUERY = `UNWIND keys($facts) AS type
UNWIND $facts[type] AS row
MERGE (listed:${LISTING} {identity: type + '${KEY_SEPARATOR}' + row.outKey})
WITH type, row, listed
CALL (listed, type, row) {
  MATCH ()-[r]->() WHERE elementId(r) = listed.fact AND type(r) = type AND r.outKey = row.outKey
  RETURN r
  UNION ALL
  WITH listed, type, row WHERE listed.fact IS NULL
  MATCH (a:${ENTITY} {id: row.from})
  MATCH (b:${ENTITY} {id: row.to})
  CREATE (a)-[r:$(type) {outKey: row.outKey}]->(b)
  RETURN r
}
SET r += row.props, listed.fact = elementId(r)
RETURN type(r) AS type, row.outKey AS key, ${STORED_PLACES('r')}, r.overtakenUntil AS overtakenUntil`;

/** Adds facts' new reports, every type in one query, and sets what is derived from all of them. */
const WRITE_FACTS_QUERY = FOR_EACH_FACT('$facts', ADD_EVIDENCE('r', 'row'));

/**
 * Writes the facts of a batch, all types at once; rows must be one per fact. Returns what was
 * created, per type, and the facts written that other articles overtake (as `TYPE outKey`).
 */
export async function writeRelations(tx: Tx, rows: Map<RelationType, RelationRow[]>): Promise<{ counts: Map<string, WriteCount>; overtaken: string[] }> {
  if (rows.size === 0) return { counts: new Map(), overtaken: [] };
  // The type of a relationship the merge creates is a value: only the closed set's ever reaches it.
  for (const type of rows.keys()) if (!isRelationType(type)) throw new Error(`${type}: not a relationship type of the model`);
  // The merge writes what each fact says, which needs nothing read first; its reports follow, once the stored ones are known.
  const facts = Object.fromEntries(
    [...rows].map(([type, typed]) => [type, typed.map((row) => ({ from: row.from, to: row.to, outKey: row.outKey, props: { ...row.props, key: row.key, inKey: row.inKey } }))]),
  );
  const merged = await tx.query<{ type: string; key: string; overtakenUntil: string | null } & StoredPlaces>(MERGE_FACTS_QUERY, { facts });
  const byIdentity = new Map(merged.map((row) => [join(row.type, row.key), row]));
  const counts = new Map<string, WriteCount>();
  const writes: [string, Record<string, unknown>][] = [];
  for (const [type, typed] of rows) {
    const count = { created: 0, total: typed.length };
    counts.set(type, count);
    for (const row of typed) {
      const stored = byIdentity.get(join(type, row.outKey));
      // Validation resolves every end, and entities are written first: a missing one is a bug, never bad input.
      if (!stored) throw new Error(`${type} ${row.outKey}: an end of the fact is not in the graph`);
      if (stored.sources.length === 0) count.created++;
      const { added, order, merged: entries } = evidenceMerge(placesOf(stored), row.evidence);
      writes.push([
        type,
        {
          outKey: row.outKey,
          ...reportLists(added),
          order,
          derived: derivedProperties({ type, subject: row.from, object: row.to, key: row.key }, entries, stored.overtakenUntil),
        },
      ]);
    }
  }
  await tx.query(WRITE_FACTS_QUERY, { facts: byType(writes) });
  return { counts, overtaken: merged.filter((row) => row.overtakenUntil !== null).map((row) => join(row.type, row.key)) };
}

const DELETE_FACTS_QUERY = FOR_EACH_FACT('$facts', 'DELETE listed, r');

/**
 * Takes back the reports articles gave of these facts (each `TYPE outKey`, by article): a fact
 * that keeps some keeps them, by their positions in its lists (no sentence travels, however many
 * articles corroborate it), one that keeps none goes. Returns those that went while others
 * overtook them, so that they are overtaken again if the batch states them again.
 */
export async function takeBackFacts(tx: Tx, stated: { article: string; facts: string[] }[]): Promise<OvertakingState[]> {
  const statements: [string, { outKey: string; source: string }][] = stated.flatMap(({ article, facts }) =>
    facts.map((fact): [string, { outKey: string; source: string }] => {
      const [type, { outKey }] = byOutKey(fact);
      return [type, { outKey, source: article }];
    }),
  );
  if (statements.length === 0) return [];
  // Found through their listings, every type in one query; then taken back in one query for all.
  const found = await storedFacts(tx, statements);
  const facts = new Map<string, { stored: (typeof found)[number]; sources: Set<string> }>();
  for (const row of found) {
    const identity = join(row.type, row.outKey);
    const fact = facts.get(identity) ?? { stored: row, sources: new Set<string>() };
    fact.sources.add(row.source!);
    facts.set(identity, fact);
  }
  const emptied: [string, { outKey: string }][] = [];
  const updates: [string, Record<string, unknown>][] = [];
  const overtaken: OvertakingState[] = [];
  for (const { stored, sources } of facts.values()) {
    const places = placesOf(stored);
    const kept = places.flatMap((place, i) => (sources.has(place.source) ? [] : [i]));
    if (kept.length === 0) {
      emptied.push([stored.type, { outKey: stored.outKey }]);
      if (stored.overtakenBy !== null) overtaken.push(stored);
    } else {
      const identity = { type: stored.type as RelationType, subject: stored.subject, object: stored.object, key: stored.key };
      updates.push([stored.type, { outKey: stored.outKey, ...keptReports(identity, places, kept, stored.overtakenUntil) }]);
    }
  }
  await deleteFacts(tx, emptied);
  await rewriteFacts(tx, updates);
  return overtaken;
}

/** Sets facts' lists whole, and what is derived from them (each row as evidenceProperties or keptReports gives it, with the fact's `outKey`), by type. */
export async function rewriteFacts(tx: Tx, rows: [string, Record<string, unknown>][]): Promise<void> {
  if (rows.length > 0) await tx.query(WRITE_FACTS_QUERY, { facts: byType(rows) });
}

/** Deletes facts by identity, by type. */
export async function deleteFacts(tx: Tx, rows: [string, { outKey: string }][]): Promise<void> {
  if (rows.length > 0) await tx.query(DELETE_FACTS_QUERY, { facts: byType(rows) });
}
