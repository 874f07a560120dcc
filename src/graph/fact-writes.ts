/**
 * The Cypher that writes facts: merging articles' reports into them, taking reports back, and
 * overtaking. Every fact is found by its identity (type and `outKey`) through the unique index on
 * `outKey`, and every write sets the fact's lists and all that is derived from them (see
 * fact-derived.ts), so a fact never holds a value that its reports do not give.
 */
import type { Tx } from '../db/client.ts';
import { ENTITY, RELATION_TYPE_NAMES, type RelationType } from '../model.ts';
import {
  ADD_EVIDENCE,
  derivedProperties,
  evidenceMerge,
  evidenceProperties,
  placesOf,
  reportLists,
  SET_DERIVED,
  SET_EVIDENCE,
  STORED_EVIDENCE,
  STORED_PLACES,
  type EvidenceEntry,
  type Placed,
  type StoredPlaces,
} from './fact-derived.ts';
import { join, KEY_SEPARATOR } from './keys.ts';

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

/** One unit subquery per type, each over its own rows of a map parameter (see UPSERT_ENTITIES_QUERY). */
export const EACH_TYPE = (param: string, body: (type: string) => string) =>
  RELATION_TYPE_NAMES.map((type) => `CALL { UNWIND ${param}.${type} AS row ${body(type)} }`).join('\n');

/** A query over facts by identity, every type in one query, returning `columns` for each found. */
const EACH_TYPE_RETURNING = (param: string, body: (type: string) => string, columns: string) => `
CALL {${RELATION_TYPE_NAMES.map(
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
  const at = identity.indexOf(KEY_SEPARATOR);
  return [identity.slice(0, at), { outKey: identity.slice(at + 1) }];
};

/**
 * Facts are merged on their identity (type and `outKey`: subject, object and key), every type in one
 * query (rows in a map by type, see UPSERT_ENTITIES_QUERY), which returns the reports each already has.
 */
export const MERGE_FACTS_QUERY = EACH_TYPE_RETURNING(
  '$facts',
  (type) => `MATCH (a:${ENTITY} {id: row.from})
  MATCH (b:${ENTITY} {id: row.to})
  MERGE (a)-[r:${type} {outKey: row.outKey}]->(b)
  SET r += row.props
  RETURN '${type}' AS type, row.outKey AS key, ${STORED_PLACES('r')}, r.overtakenUntil AS overtakenUntil`,
  'type, key, sources, reported, statuses, times, details, attributions, overtakenUntil',
);

/** Adds facts' new reports, every type in one query, and sets what is derived from all of them. */
const WRITE_FACTS_QUERY = EACH_TYPE('$facts', (type) => `${FACT_BY_KEY(type, 'r', 'row.outKey')} ${ADD_EVIDENCE('r', 'row')}`);

/**
 * Writes the facts of a batch, all types at once; rows must be one per fact. Returns what was
 * created, per type, and the facts written that other articles overtake (as `TYPE outKey`).
 */
export async function writeRelations(tx: Tx, rows: Map<RelationType, RelationRow[]>): Promise<{ counts: Map<string, WriteCount>; overtaken: string[] }> {
  if (rows.size === 0) return { counts: new Map(), overtaken: [] };
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

/** Finds facts by type and outKey, every type in one query, with their reports. */
const FIND_FACTS_QUERY = EACH_TYPE_RETURNING(
  '$facts',
  (type) => `${FACT_BY_KEY(type, 'r', 'row.key')}
  RETURN '${type}' AS type, row.key AS outKey, row.source AS source, startNode(r).id AS subject, endNode(r).id AS object, r.key AS key,
    r.overtakenUntil AS overtakenUntil, ${STORED_EVIDENCE('r')}`,
  'type, outKey, source, subject, object, key, overtakenUntil, quotes, sources, reported, statuses, times, details, attributions',
);

const TAKE_BACK_QUERY = EACH_TYPE('$facts', (type) => `${FACT_BY_KEY(type, 'r', 'row.outKey')} ${SET_EVIDENCE('r', 'row')}`);

const DELETE_FACTS_QUERY = EACH_TYPE('$facts', (type) => `${FACT_BY_KEY(type, 'r', 'row.outKey')} DELETE r`);

/**
 * Takes back the reports articles gave of these facts (each `TYPE outKey`, by article): a fact
 * that keeps some is rewritten from them, one that keeps none goes. Returns those that went while
 * others overtook them, so that they are overtaken again if the batch states them again.
 */
export async function takeBackFacts(tx: Tx, stated: { article: string; facts: string[] }[]): Promise<OvertakingState[]> {
  const statements: [string, { key: string; source: string }][] = stated.flatMap(({ article, facts }) =>
    facts.map((fact): [string, { key: string; source: string }] => {
      const [type, { outKey }] = byOutKey(fact);
      return [type, { key: outKey, source: article }];
    }),
  );
  if (statements.length === 0) return [];
  // Found through the unique index on outKey, every type in one query; then taken back in one query for all.
  const found = await tx.query<
    { type: string; outKey: string; source: string; subject: string; object: string; key: string; overtakenUntil: string | null; quotes: string[] } & StoredPlaces
  >(FIND_FACTS_QUERY, { facts: byType(statements) });
  const facts = new Map<string, { stored: (typeof found)[number]; sources: Set<string> }>();
  for (const row of found) {
    const identity = join(row.type, row.outKey);
    const fact = facts.get(identity) ?? { stored: row, sources: new Set<string>() };
    fact.sources.add(row.source);
    facts.set(identity, fact);
  }
  const emptied: [string, { outKey: string }][] = [];
  const updates: [string, Record<string, unknown>][] = [];
  for (const { stored, sources } of facts.values()) {
    const entries = placesOf(stored)
      .map((place, i) => ({ ...place, quote: stored.quotes[i]! }))
      .filter((entry) => !sources.has(entry.source));
    if (entries.length === 0) emptied.push([stored.type, { outKey: stored.outKey }]);
    else {
      const identity = { type: stored.type as RelationType, subject: stored.subject, object: stored.object, key: stored.key };
      updates.push([stored.type, { outKey: stored.outKey, ...evidenceProperties(identity, entries, stored.overtakenUntil) }]);
    }
  }
  const overtaken: OvertakingState[] = [];
  if (emptied.length > 0) {
    overtaken.push(...(await overtakingStates(tx, emptied.map(([type, { outKey }]) => join(type, outKey)))).filter((state) => state.overtakenBy !== null));
    await tx.query(DELETE_FACTS_QUERY, { facts: byType(emptied) });
  }
  if (updates.length > 0) await tx.query(TAKE_BACK_QUERY, { facts: byType(updates) });
  return overtaken;
}

/** What overtaking reads of a fact: its identity, its reports (without their sentences), and what overtakes it. */
export interface OvertakingState extends StoredPlaces {
  type: string;
  outKey: string;
  subject: string;
  object: string;
  key: string;
  overtakenBy: string | null;
  overtakenIn: string[];
  overtakenEvidence: string[];
  overtakenUntil: string | null;
}

const FIND_OVERTAKING_QUERY = EACH_TYPE_RETURNING(
  '$facts',
  (type) => `${FACT_BY_KEY(type, 'r', 'row.outKey')}
  RETURN '${type}' AS type, row.outKey AS outKey, startNode(r).id AS subject, endNode(r).id AS object, r.key AS key, ${STORED_PLACES('r')},
    r.overtakenBy AS overtakenBy, coalesce(r.overtakenIn, []) AS overtakenIn, coalesce(r.overtakenEvidence, []) AS overtakenEvidence, r.overtakenUntil AS overtakenUntil`,
  'type, outKey, subject, object, key, sources, reported, statuses, times, details, attributions, overtakenBy, overtakenIn, overtakenEvidence, overtakenUntil',
);

/** The facts of these identities (`TYPE outKey`) that exist, with what overtaking reads of them. */
export async function overtakingStates(tx: Tx, identities: string[]): Promise<OvertakingState[]> {
  if (identities.length === 0) return [];
  return tx.query<OvertakingState>(FIND_OVERTAKING_QUERY, { facts: byType(identities.map(byOutKey)) });
}

/** Sets the links of an overtaken fact (or, with nulls, takes them away) and what is derived from its reports and them. */
const WRITE_OVERTAKING_QUERY = EACH_TYPE(
  '$facts',
  (type) =>
    `${FACT_BY_KEY(type, 'r', 'row.outKey')} SET r.overtakenBy = row.overtakenBy, r.overtakenIn = row.overtakenIn, r.overtakenEvidence = row.overtakenEvidence,
      r.overtakenUntil = row.overtakenUntil, ${SET_DERIVED('r', 'row')}`,
);

type OvertakingLinks = { by: string; articles: string[]; evidence: string[]; until: string } | null;

function overtakingWrite(state: OvertakingState, links: OvertakingLinks): [string, Record<string, unknown>] {
  const identity = { type: state.type as RelationType, subject: state.subject, object: state.object, key: state.key };
  const entries: Placed[] = placesOf(state);
  return [
    state.type,
    {
      outKey: state.outKey,
      overtakenBy: links?.by ?? null,
      overtakenIn: links?.articles ?? null,
      overtakenEvidence: links?.evidence ?? null,
      overtakenUntil: links?.until ?? null,
      derived: derivedProperties(identity, entries, links?.until ?? null),
    },
  ];
}

async function writeOvertakings(tx: Tx, writes: [string, Record<string, unknown>][]): Promise<void> {
  if (writes.length > 0) await tx.query(WRITE_OVERTAKING_QUERY, { facts: byType(writes) });
}

/** An overtaking as one article states it: the earlier fact, the later one that overtakes it, the sentence, and when the earlier one ended. */
export interface Overtaking {
  earlier: string;
  later: string;
  article: string;
  quote: string;
  until: string;
}

/** Marks earlier facts overtaken by the articles' later facts: each keeps its reports and gets an end, the later fact, and the articles and sentences that say so. */
export async function applyOvertakings(tx: Tx, overtakings: Overtaking[]): Promise<void> {
  if (overtakings.length === 0) return;
  const states = new Map((await overtakingStates(tx, [...new Set(overtakings.map((o) => o.earlier))])).map((state) => [join(state.type, state.outKey), state]));
  const writes = new Map<string, [string, Record<string, unknown>]>();
  const links = new Map<string, NonNullable<OvertakingLinks>>();
  for (const o of overtakings) {
    const state = states.get(o.earlier);
    // Validation found every earlier fact; one missing now is a bug, never bad input.
    if (!state) throw new Error(`${o.earlier}: the fact a fact overtakes is not in the graph`);
    const link = links.get(o.earlier) ?? { by: o.later, articles: [...state.overtakenIn], evidence: [...state.overtakenEvidence], until: state.overtakenUntil ?? o.until };
    link.articles.push(o.article);
    link.evidence.push(o.quote);
    if (o.until < link.until) link.until = o.until;
    links.set(o.earlier, link);
    writes.set(o.earlier, overtakingWrite(state, link));
  }
  await writeOvertakings(tx, [...writes.values()]);
}

/**
 * Keeps written facts overtaken: a fact that others overtake, found on it or carried from its
 * withdrawn version, gets its links and its overtaken end again.
 */
export async function keepOvertakings(tx: Tx, written: string[], carried: OvertakingState[]): Promise<void> {
  const before = new Map(carried.map((state) => [join(state.type, state.outKey), state]));
  const states = await overtakingStates(tx, [...new Set([...written, ...before.keys()])]);
  const writes: [string, Record<string, unknown>][] = [];
  for (const state of states) {
    const links = before.get(join(state.type, state.outKey)) ?? state;
    if (!links.overtakenBy || !links.overtakenUntil) continue;
    writes.push(overtakingWrite(state, { by: links.overtakenBy, articles: links.overtakenIn, evidence: links.overtakenEvidence, until: links.overtakenUntil }));
  }
  await writeOvertakings(tx, writes);
}

/** Takes back what articles overtook: an earlier fact no other article overtakes any more gets its own time back. */
export async function takeBackOvertakings(tx: Tx, taken: { identity: string; article: string }[]): Promise<void> {
  if (taken.length === 0) return;
  const states = await overtakingStates(tx, [...new Set(taken.map((t) => t.identity))]);
  const writes: [string, Record<string, unknown>][] = [];
  for (const state of states) {
    const leaving = new Set(taken.filter((t) => t.identity === join(state.type, state.outKey)).map((t) => t.article));
    const kept = state.overtakenIn.map((article, i) => ({ article, quote: state.overtakenEvidence[i]! })).filter((entry) => !leaving.has(entry.article));
    const links =
      kept.length > 0 && state.overtakenBy && state.overtakenUntil
        ? { by: state.overtakenBy, articles: kept.map((k) => k.article), evidence: kept.map((k) => k.quote), until: state.overtakenUntil }
        : null;
    writes.push(overtakingWrite(state, links));
  }
  await writeOvertakings(tx, writes);
}
