/**
 * Overtaking: a later fact that ends an earlier one (an office held until a successor took it). The
 * earlier fact keeps its reports and gets an end, the later fact's identity, and the articles and
 * sentences that say so; withdrawing those articles gives it its own time back.
 */
import type { Tx } from '../../db/client.ts';
import type { RelationType } from '../../model.ts';
import { join } from '../keys.ts';
import { byOutKey, byType, FOR_EACH_FACT } from './batches.ts';
import { derivedProperties, placesOf, SET_DERIVED, SET_LISTING, STORED_PLACES, type Placed, type StoredPlaces } from './evidence.ts';

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

/** A fact as the seeder reads it back: what overtaking reads, and the row's `source` (the article taking it back), if any. */
export type StoredFact = OvertakingState & { source: string | null };

/**
 * Everything the seeder reads back of facts, without their sentences: one text, whether it takes
 * reports back or overtakes, so that Neo4j plans one query where it planned two (a withdrawal
 * right after a restart pays for each text it sends first).
 */
const FIND_STORED_QUERY = FOR_EACH_FACT(
  '$facts',
  `RETURN type(r) AS type, row.outKey AS outKey, row.source AS source, startNode(r).id AS subject, endNode(r).id AS object, r.key AS key, ${STORED_PLACES('r')},
  r.overtakenBy AS overtakenBy, coalesce(r.overtakenIn, []) AS overtakenIn, coalesce(r.overtakenEvidence, []) AS overtakenEvidence, r.overtakenUntil AS overtakenUntil`,
);

/** The facts of these rows (`outKey`, and the `source` taking them back) that exist, by type; a fact comes once per row naming it. */
export function storedFacts(tx: Tx, rows: [string, { outKey: string; source?: string }][]): Promise<StoredFact[]> {
  return tx.query<StoredFact>(FIND_STORED_QUERY, { facts: byType(rows) });
}

/** The facts of these identities (`TYPE outKey`) that exist, with what overtaking reads of them. */
export async function overtakingStates(tx: Tx, identities: string[]): Promise<OvertakingState[]> {
  if (identities.length === 0) return [];
  return storedFacts(tx, identities.map(byOutKey));
}

/** Sets the links of an overtaken fact (or, with nulls, takes them away) and what is derived from its reports and them. */
const WRITE_OVERTAKING_QUERY = FOR_EACH_FACT(
  '$facts',
  `SET r.overtakenBy = row.overtakenBy, r.overtakenIn = row.overtakenIn, r.overtakenEvidence = row.overtakenEvidence,
  r.overtakenUntil = row.overtakenUntil, ${SET_DERIVED('r', 'row')} ${SET_LISTING('r', 'row')}`,
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
