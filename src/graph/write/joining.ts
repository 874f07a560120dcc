/**
 * Undated reports of an event. "Vadim met Bordurian officials", with no date, restates the meeting
 * of Jan. 12 when that is the one meeting between them the graph knows: its reports join that
 * event's, which they corroborate. With no dated event of its type, ends and role, or with two or
 * more (which one it restates is not known), the undated reports are a fact of their own, whose key
 * has no date; so too while a later fact is said to overtake that undated fact, since the overtaking
 * names it.
 *
 * The graph stays a function of the loaded articles alone, whatever order they came in: before a
 * write or a withdrawal, the undated reports of every event it touches leave the dated event for
 * the undated fact, so that each report is found under the identity its article states; after it,
 * they join again wherever the rule says. Neither move changes a tally: an undated fact has no time,
 * and undated reports never change a dated event's.
 */
import type { Tx } from '../../db/client.ts';
import { IDENTIFYING_PROPERTIES, isEventType, keyParts, KEY_DATE_END, type RelationType } from '../../model.ts';
import { factKeys, join, KEY_SEPARATOR, parseFactIdentity } from '../keys.ts';
import { byType, FOR_EACH_FACT } from './batches.ts';
import { entriesOf, evidenceProperties, mergeEvidence, reportLists, STORED_EVIDENCE, type EvidenceEntry, type StoredPlaces } from './evidence.ts';
import { deleteFacts, rewriteFacts, writeRelations, type RelationRow } from './facts.ts';

/** The events of one type between two entities with one role or share: the dated ones and the undated one. */
interface EventGroup {
  type: RelationType;
  subject: string;
  object: string;
  /** The key's part after the date, with the bar that leads it (`|role`): the undated fact's whole key. */
  qualifier: string;
}

/** A fact of a group as stored. */
interface GroupFact extends StoredPlaces {
  outKey: string;
  key: string;
  quotes: string[];
  overtakenBy: string | null;
  overtakenUntil: string | null;
  props: Record<string, string | null>;
}

/** The undated reports of an event have no time: their `time` is empty (see encodeTime). */
const UNDATED = '';

/**
 * Every fact of each group: the pair's facts of the type, through the unique index on listings'
 * identities (its type, subject and object lead it), narrowed to the role or share; the key's date is checked exactly here.
 */
const GROUP_QUERY = FOR_EACH_FACT(
  '$groups',
  `WITH * WHERE r.key ENDS WITH row.qualifier
  RETURN row.group AS group, r.outKey AS outKey, r.key AS key, r.overtakenBy AS overtakenBy, r.overtakenUntil AS overtakenUntil,
  r {${IDENTIFYING_PROPERTIES.map((p) => `.${p}`).join(', ')}} AS props, ${STORED_EVIDENCE('r')}`,
  `listed.identity STARTS WITH type + '${KEY_SEPARATOR}' + row.prefix`,
);

/** The event groups of these facts (`TYPE outKey`), by a name of their own. */
function groupsOf(identities: Iterable<string>): Map<string, EventGroup> {
  const groups = new Map<string, EventGroup>();
  for (const identity of identities) {
    const { type, subject, object, key } = parseFactIdentity(identity);
    if (!isEventType(type as RelationType)) continue;
    const qualifier = KEY_DATE_END + keyParts(key).qualifier;
    groups.set(join(type, subject, object, qualifier), { type: type as RelationType, subject, object, qualifier });
  }
  return groups;
}

/** Each group with its facts: the undated one (if any) and the dated ones. */
async function readGroups(tx: Tx, groups: Map<string, EventGroup>): Promise<{ group: EventGroup; undated: GroupFact | undefined; dated: GroupFact[] }[]> {
  if (groups.size === 0) return [];
  const rows = [...groups].map(([name, g]): [string, Record<string, string>] => [g.type, { group: name, prefix: join(g.subject, g.object, ''), qualifier: g.qualifier }]);
  const found = await tx.query<GroupFact & { group: string }>(GROUP_QUERY, { groups: byType(rows) });
  const byGroup = new Map<string, GroupFact[]>();
  for (const fact of found) byGroup.set(fact.group, [...(byGroup.get(fact.group) ?? []), fact]);
  return [...groups].map(([name, group]) => {
    const facts = (byGroup.get(name) ?? []).filter((fact) => KEY_DATE_END + keyParts(fact.key).qualifier === group.qualifier);
    return { group, undated: facts.find((fact) => fact.key === group.qualifier), dated: facts.filter((fact) => fact.key !== group.qualifier) };
  });
}

const identityOf = (group: EventGroup, key: string) => ({ type: group.type, subject: group.subject, object: group.object, key });

/** Runs a write of these facts with every undated report they restate under its own identity, and joins them again after. */
export async function joiningUndatedReports<T>(tx: Tx, facts: Iterable<string>, write: () => Promise<T>): Promise<T> {
  const groups = groupsOf(facts);
  await separateUndated(tx, groups);
  const result = await write();
  await joinUndated(tx, groups);
  return result;
}

/** Takes the undated reports out of the dated events that hold them, into the undated fact. */
async function separateUndated(tx: Tx, groups: Map<string, EventGroup>): Promise<void> {
  const rewrites: [string, Record<string, unknown>][] = [];
  const undatedRows = new Map<RelationType, RelationRow[]>();
  for (const { group, dated } of await readGroups(tx, groups)) {
    const moved: EvidenceEntry[] = [];
    for (const fact of dated) {
      const entries = entriesOf(fact);
      const kept = entries.filter((entry) => entry.time !== UNDATED);
      if (kept.length === entries.length) continue;
      moved.push(...entries.filter((entry) => entry.time === UNDATED));
      rewrites.push([group.type, { outKey: fact.outKey, ...evidenceProperties(identityOf(group, fact.key), kept, fact.overtakenUntil) }]);
    }
    if (moved.length === 0) continue;
    const { outKey, inKey } = factKeys(group.subject, group.object, group.qualifier, null);
    const props = Object.fromEntries(IDENTIFYING_PROPERTIES.map((p) => [p, dated[0]!.props[p] ?? null]));
    const rows = undatedRows.get(group.type) ?? [];
    rows.push({ from: group.subject, to: group.object, key: group.qualifier, outKey, inKey, evidence: moved, props });
    undatedRows.set(group.type, rows);
  }
  await rewriteFacts(tx, rewrites);
  await writeRelations(tx, undatedRows);
}

/** Joins each undated fact that is not overtaken to the one dated event of its group, where there is exactly one. */
async function joinUndated(tx: Tx, groups: Map<string, EventGroup>): Promise<void> {
  const rewrites: [string, Record<string, unknown>][] = [];
  const joined: [string, { outKey: string }][] = [];
  for (const { group, undated, dated } of await readGroups(tx, groups)) {
    if (!undated || undated.overtakenBy !== null || dated.length !== 1) continue;
    const [event] = dated as [GroupFact];
    const entries = mergeEvidence(entriesOf(event), entriesOf(undated));
    rewrites.push([group.type, { outKey: event.outKey, ...evidenceProperties(identityOf(group, event.key), entries, event.overtakenUntil) }]);
    joined.push([group.type, { outKey: undated.outKey }]);
  }
  await deleteFacts(tx, joined);
  await rewriteFacts(tx, rewrites);
}

/**
 * The undated facts among these identities that are joined to a dated event, each as it would be
 * on its own: its reports (those of the event with no time), never overtaken. For validation, which
 * asks for facts by the identity a seed file names.
 */
export async function joinedUndated(tx: Tx, identities: string[]): Promise<{ identity: string; fact: StoredPlaces }[]> {
  const undated = identities.filter((identity) => {
    const { type, key } = parseFactIdentity(identity);
    return isEventType(type as RelationType) && keyParts(key).date === '';
  });
  const result: { identity: string; fact: StoredPlaces }[] = [];
  for (const { group, undated: own, dated } of await readGroups(tx, groupsOf(undated))) {
    if (own || dated.length !== 1) continue;
    const entries = entriesOf(dated[0]!).filter((entry) => entry.time === UNDATED);
    if (entries.length === 0) continue;
    const { evidence: _evidence, ...lists } = reportLists(entries);
    result.push({ identity: join(group.type, group.subject, group.object, group.qualifier), fact: lists });
  }
  return result;
}
