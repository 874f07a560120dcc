/**
 * The `:Tally` nodes: counts of each entity's facts by the year, month and day they begin, end and
 * were first reported (see keys.ts), which let a period's count cost the entity's years, not its
 * degree. Every write that may move a fact's keys changes them by what it moved.
 */
import type { Tx } from '../../db/client.ts';
import { TALLY } from '../../model.ts';
import { join, TALLIED_KEYS, talliesOfKey, type TallyKind } from '../keys.ts';
import { byOutKey, byType, FOR_EACH_FACT } from './batches.ts';

const TALLIED: { kind: TallyKind; property: string }[] = Object.entries(TALLIED_KEYS).flatMap(([kind, properties]) =>
  Object.values(properties).map((property) => ({ kind: kind as TallyKind, property })),
);

/** A fact's tallied keys, every type in one query. */
const TALLIED_KEYS_QUERY = FOR_EACH_FACT('$facts', `RETURN type(r) AS type, row.outKey AS outKey, [${TALLIED.map(({ property }) => `r.${property}`).join(', ')}] AS keys`);

/** A fact's keys that tallies count, in the order of TALLIED (null where it has none), by identity (`TYPE outKey`). */
export type TalliedKeys = Map<string, (string | null)[]>;

/** The tallied keys of those of these facts (`TYPE outKey`) that exist. */
export async function talliedKeys(tx: Tx, identities: readonly string[]): Promise<TalliedKeys> {
  if (identities.length === 0) return new Map();
  const found = await tx.query<{ type: string; outKey: string; keys: (string | null)[] }>(TALLIED_KEYS_QUERY, { facts: byType(identities.map(byOutKey)) });
  return new Map(found.map(({ type, outKey, keys }) => [join(type, outKey), keys]));
}

/** What facts' keys moving from `before` to `after` (a fact missing from one is absent there) adds to each tally, in key order. */
export function tallyChanges(before: TalliedKeys, after: TalliedKeys): { key: string; delta: number }[] {
  const changes = new Map<string, number>();
  const add = (facts: TalliedKeys, sign: number) => {
    for (const keys of facts.values()) {
      keys.forEach((key, i) => {
        if (key === null) return;
        for (const tally of talliesOfKey(TALLIED[i]!.kind, key)) changes.set(tally, (changes.get(tally) ?? 0) + sign);
      });
    }
  };
  add(before, -1);
  add(after, +1);
  // In key order, so that concurrent loads lock shared tallies in the same order.
  return [...changes]
    .filter(([, delta]) => delta !== 0)
    .map(([key, delta]) => ({ key, delta }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Adds the changes to the tallies; one that falls to zero goes, so the tallies of a graph depend only on its facts. */
export async function writeTallies(tx: Tx, changes: { key: string; delta: number }[]): Promise<void> {
  if (changes.length === 0) return;
  await tx.query(
    `UNWIND $batch.changes AS change
     MERGE (t:${TALLY} {key: change.key})
     ON CREATE SET t.count = 0
     SET t.count = t.count + change.delta
     WITH t WHERE t.count = 0
     DELETE t`,
    { batch: { changes } },
  );
}

/**
 * Runs a write that may move the tallied keys of these facts (and of no other), and changes the
 * tallies by what it moved: the keys before and after, read by identity, so the cost is the facts
 * written, whatever the graph holds.
 */
export async function keepingTallies<T>(tx: Tx, facts: Iterable<string>, write: () => Promise<T>): Promise<T> {
  const identities = [...new Set(facts)];
  const before = await talliedKeys(tx, identities);
  const result = await write();
  await writeTallies(tx, tallyChanges(before, await talliedKeys(tx, identities)));
  return result;
}
