/**
 * A fact's reports as the seeder stores them, and everything derived from them, in one place. The
 * reports are parallel lists on the relationship, in publication order (then by article): the
 * sentence (`evidence`), its article (`sources`), that article's day (`reported`), the status it
 * gives (`statuses`) and the time it gives (`times`, see encodeTime). From them come the fact's
 * corroboration (`sourceCount`, first and last report, rank keys), its status, when it holds, and
 * the index keys that follow its time. Every write of a fact sets all of them from its whole list,
 * so they never depend on the order articles were loaded in.
 */
import { decodeTime, factTime, latestStatus, type FactStatus, type FactTime, type Report } from '../../facts.ts';
import { LISTING, REPORTED_PROPERTIES, SINGLE_VALUED_RELATION_PROPERTIES, type RelationType, type ReportedProperty } from '../../model.ts';
import { factKeys, invertedCount, join, listedKeysOf, reportKeys } from '../keys.ts';

/** One report of a fact: a sentence, the article it is from, that article's publication day, and what the article says of the fact. */
export interface EvidenceEntry {
  quote: string;
  source: string;
  reported: string;
  status: FactStatus;
  /** The time the article gives, encoded (see encodeTime). */
  time: string;
  /** The properties the article gives the fact that do not tell it apart (forces, tenure), as JSON; '{}' for none. */
  details: string;
  /** The id of the agency or outlet the article attributes the report to; '' for none. */
  attributedTo: string;
}

/** What a report is without its sentence: enough to order reports and derive the fact. */
export type Placed = Omit<EvidenceEntry, 'quote'>;

const identityOf = (e: Pick<EvidenceEntry, 'source' | 'quote' | 'status' | 'time' | 'details' | 'attributedTo'>) => join(e.source, e.status, e.time, e.details, e.attributedTo, e.quote);

/**
 * Adds evidence to a fact's: an entry already there (same sentence, article, status and time) is not
 * added twice, so loading an article again adds nothing. Evidence is kept in publication order, then
 * by article; an article's sentences stay in the order its seed file gives them (the sort is stable).
 */
export function mergeEvidence(old: readonly EvidenceEntry[], added: readonly EvidenceEntry[]): EvidenceEntry[] {
  const present = new Set(old.map(identityOf));
  const merged = [...old];
  for (const entry of added) {
    const identity = identityOf(entry);
    if (present.has(identity)) continue;
    present.add(identity);
    merged.push(entry);
  }
  return merged.sort(inPublicationOrder);
}

/** Evidence order: by publication date, then by article. */
function inPublicationOrder(a: Pick<Placed, 'source' | 'reported'>, b: Pick<Placed, 'source' | 'reported'>): number {
  return a.reported < b.reported ? -1 : a.reported > b.reported ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0;
}

/**
 * A fact's evidence once `added` joins what is stored, without the stored sentences: the added
 * entries (repeats taken out, in order) and, per position of the merged evidence, where its entry
 * comes from (`i ≥ 0`: the stored entry i; `-1 - j`: added entry j). The stored entries are never
 * from the articles adding: their earlier evidence was withdrawn first.
 */
export function evidenceMerge(stored: readonly Placed[], added: readonly EvidenceEntry[]): { added: EvidenceEntry[]; order: number[]; merged: Placed[] } {
  const fresh = mergeEvidence([], added);
  const adding = new Set(fresh.map((e) => e.source));
  const clash = stored.find((e) => adding.has(e.source));
  if (clash) throw new Error(`evidence of article ${clash.source} is added to a fact that still holds its earlier evidence`);
  const placed = [...stored.map((e, i) => ({ ...e, at: i })), ...fresh.map(({ quote: _quote, ...e }, j) => ({ ...e, at: -1 - j }))];
  placed.sort(inPublicationOrder);
  return { added: fresh, order: placed.map((e) => e.at), merged: placed.map(({ at: _at, ...e }) => e) };
}

/** The parallel lists a fact stores, as a query returns them (dates as ISO strings). */
export interface StoredPlaces {
  sources: string[];
  reported: string[];
  statuses: string[];
  times: string[];
  details: string[];
  attributions: string[];
}

export const placesOf = ({ sources, reported, statuses, times, details, attributions }: StoredPlaces): Placed[] =>
  sources.map((source, i) => ({
    source,
    reported: reported[i]!,
    status: (statuses[i] ?? 'asserted') as FactStatus,
    time: times[i] ?? '',
    details: details[i] ?? '{}',
    attributedTo: attributions[i] ?? '',
  }));

/** A fact's reports with their sentences, from its stored lists (as STORED_EVIDENCE returns them). */
export const entriesOf = (stored: StoredPlaces & { quotes: string[] }): EvidenceEntry[] => placesOf(stored).map((place, i) => ({ ...place, quote: stored.quotes[i]! }));

/**
 * The properties of a fact that its reports give each in their own words (forces, tenure): each the
 * latest report's that gives one, so no article erases what another said by leaving it out, and
 * each report keeps its own with its sentence.
 */
function reportedProperties(entries: readonly Placed[]): Record<ReportedProperty, string | null> {
  const found = Object.fromEntries(REPORTED_PROPERTIES.map((property) => [property, null])) as Record<ReportedProperty, string | null>;
  const single = new Set<ReportedProperty>(SINGLE_VALUED_RELATION_PROPERTIES);
  for (const entry of entries) {
    const given = JSON.parse(entry.details) as Partial<Record<ReportedProperty, string>> & { corrects?: ReportedProperty[] };
    for (const property of REPORTED_PROPERTIES) {
      const value = given[property];
      if (value === undefined) continue;
      // A single value is the first report's, until a later one corrects it: the latest correction stands.
      if (!single.has(property) || found[property] === null || given.corrects?.includes(property)) found[property] = value;
    }
  }
  return found;
}

/** A fact's identity, as derivation needs it. */
export interface FactIdentity {
  type: RelationType;
  subject: string;
  object: string;
  key: string;
}

/** A fact's caption in Neo4j Browser: its type, its status where it is not plain, and for an overtaken fact until when it held. */
export function factCaption(type: string, status: FactStatus, overtakenUntil: string | null): string {
  return [type, ...(status === 'asserted' ? [] : [status]), ...(overtakenUntil === null ? [] : [`overtaken, until ${overtakenUntil}`])].join(' · ');
}

/** Everything derived from a fact's reports (and from when a later fact overtook it), as stored on it. */
export function derivedProperties(fact: FactIdentity, entries: readonly Placed[], overtakenUntil: string | null) {
  const { type, subject, object, key } = fact;
  const sourceCount = new Set(entries.map((e) => e.source)).size;
  const inverted = invertedCount(sourceCount);
  const reports: Report[] = entries.map((e) => ({ reported: e.reported, status: e.status, ...decodeTime(e.time) }));
  const time: FactTime = factTime(type, reports, overtakenUntil);
  const status = latestStatus(reports);
  const span = time.dateFrom !== null && time.dateTo !== null ? { dateFrom: time.dateFrom, dateTo: time.dateTo } : null;
  const { outKey, inKey, ...timeKeys } = factKeys(subject, object, key, span);
  const ranks = { outRank: join(subject, inverted, object, key), inRank: join(object, inverted, subject, key) };
  const reported = reportKeys(subject, object, key, entries[0]?.reported ?? null);
  return {
    sourceCount,
    firstReported: entries[0]?.reported ?? null,
    lastReported: entries.at(-1)?.reported ?? null,
    ...ranks,
    ...reported,
    status,
    ...reportedProperties(entries),
    ...time,
    ...timeKeys,
    caption: factCaption(type, status, overtakenUntil),
    /** What the fact's `:Listing` node holds (see SET_LISTING); not a property of the fact. */
    listing: listedKeysOf(type, { outKey, inKey, ...ranks, ...timeKeys, ...reported }),
  };
}

export type DerivedProperties = ReturnType<typeof derivedProperties>;

/** Sets what derivedProperties gives, from `row.derived` (dates travel as ISO strings and are stored as Neo4j DATEs). */
export const SET_DERIVED = (r: string, row: string) => {
  const d = `${row}.derived`;
  return (
    `${r}.sourceCount = ${d}.sourceCount, ${r}.firstReported = date(${d}.firstReported), ${r}.lastReported = date(${d}.lastReported), ` +
    `${r}.outRank = ${d}.outRank, ${r}.inRank = ${d}.inRank, ${r}.outReportKey = ${d}.outReportKey, ${r}.inReportKey = ${d}.inReportKey, ` +
    `${r}.status = ${d}.status, ${REPORTED_PROPERTIES.map((p) => `${r}.${p} = ${d}.${p}`).join(', ')}, ${r}.date = ${d}.date, ${r}.datePrecision = ${d}.datePrecision, ${r}.since = ${d}.since, ${r}.until = ${d}.until, ` +
    `${r}.dateFrom = date(${d}.dateFrom), ${r}.dateTo = date(${d}.dateTo), ${r}.endsOn = date(${d}.endsOn), ` +
    `${r}.dateKey = ${d}.dateKey, ${r}.spanKey = ${d}.spanKey, ${r}.outTimeKey = ${d}.outTimeKey, ${r}.inTimeKey = ${d}.inTimeKey, ` +
    `${r}.outEndKey = ${d}.outEndKey, ${r}.inEndKey = ${d}.inEndKey, ${r}.caption = ${d}.caption`
  );
};

/** The stored lists of a fact, as a query returns them: its reports without their sentences (STORED_PLACES), or with them (STORED_EVIDENCE). */
export const STORED_PLACES = (r: string) =>
  `coalesce(${r}.sources, []) AS sources, [d IN coalesce(${r}.reported, []) | toString(d)] AS reported, coalesce(${r}.statuses, []) AS statuses, ` +
  `coalesce(${r}.times, []) AS times, coalesce(${r}.details, []) AS details, coalesce(${r}.attributions, []) AS attributions`;

export const STORED_EVIDENCE = (r: string) => `coalesce(${r}.evidence, []) AS quotes, ${STORED_PLACES(r)}`;

/**
 * Writes a fact's `:Listing` node (see keys.ts LISTED_KEYS) from `row.derived.listing`, after
 * every SET_DERIVED: whatever moved its keys moved them in the same transaction.
 * `fact` is the relationship's element id, by which a list finds the fact in one lookup.
 */
export const SET_LISTING = (r: string, row: string) =>
  `WITH ${r}, ${row} MERGE (listing:${LISTING} {identity: ${row}.derived.listing.identity}) SET listing += ${row}.derived.listing, listing.fact = elementId(${r})`;

/**
 * Merges added reports into what a fact holds, in the order `evidenceMerge` gave: only the added
 * ones travel, however many articles already corroborate the fact. (Positions arrive as floats,
 * JavaScript's numbers, hence toInteger.)
 */
export const ADD_EVIDENCE = (r: string, row: string) => {
  const pick = (list: string, own: string, wrap = (x: string) => x) =>
    `[i IN ${row}.order | CASE WHEN i >= 0 THEN ${list}[toInteger(i)] ELSE ${wrap(`${row}.${own}[toInteger(-1 - i)]`)} END]`;
  return (
    `WITH ${r}, ${row}, coalesce(${r}.evidence, []) AS q0, coalesce(${r}.sources, []) AS s0, coalesce(${r}.reported, []) AS d0, ` +
    `coalesce(${r}.statuses, []) AS t0, coalesce(${r}.times, []) AS w0, coalesce(${r}.details, []) AS p0, coalesce(${r}.attributions, []) AS a0 ` +
    `SET ${r}.evidence = ${pick('q0', 'evidence')}, ${r}.sources = ${pick('s0', 'sources')}, ${r}.reported = ${pick('d0', 'reported', (x) => `date(${x})`)}, ` +
    `${r}.statuses = ${pick('t0', 'statuses')}, ${r}.times = ${pick('w0', 'times')}, ${r}.details = ${pick('p0', 'details')}, ` +
    `${r}.attributions = ${pick('a0', 'attributions')}, ${SET_DERIVED(r, row)} ` +
    SET_LISTING(r, row)
  );
};

/**
 * A fact's lists cut down to the stored reports at positions `kept` (in order), as ADD_EVIDENCE
 * takes them: every position from what is stored, so no sentence travels either way.
 */
export function keptReports(fact: FactIdentity, stored: readonly Placed[], kept: readonly number[], overtakenUntil: string | null) {
  return { ...reportLists([]), order: kept, derived: derivedProperties(fact, kept.map((i) => stored[i]!), overtakenUntil) };
}

/** Reports as the parallel lists a fact stores them in (all of them, or those a write adds). */
export function reportLists(entries: readonly EvidenceEntry[]) {
  return {
    evidence: entries.map((e) => e.quote),
    sources: entries.map((e) => e.source),
    reported: entries.map((e) => e.reported),
    statuses: entries.map((e) => e.status),
    times: entries.map((e) => e.time),
    details: entries.map((e) => e.details),
    attributions: entries.map((e) => e.attributedTo),
  };
}

/**
 * A fact's lists set whole from its entries (when undated reports join it or leave it, see
 * joining.ts), as ADD_EVIDENCE takes them: every position from the row, none from what is stored.
 * Rewriting a fact is the same text as adding to it, one plan for Neo4j to make rather than two.
 */
export function evidenceProperties(fact: FactIdentity, entries: readonly EvidenceEntry[], overtakenUntil: string | null) {
  return { ...reportLists(entries), order: entries.map((_, j) => -1 - j), derived: derivedProperties(fact, entries, overtakenUntil) };
}
