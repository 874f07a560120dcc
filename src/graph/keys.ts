/**
 * The index keys that let every list be read a page at a time, in order, straight from an index.
 *
 * Neo4j keeps no order among a node's relationships, so a hub's relationships could only be paged
 * by reading and sorting all of them. Instead every relationship carries a few string keys that
 * begin with one of its ends: range indexes on them hold each entity's relationships of a type in
 * order, and a page is a range seek that stops after `first + 1` entries, whatever the degree.
 * Cursors are the last key read, so page 1,000 costs what page 1 does.
 *
 * Parts are joined by a space, which sorts before every character an id may hold (ids are slugs:
 * lower-case letters, digits and hyphens), so the keys of "iran" never mix with those of "iran-x".
 */

export const KEY_SEPARATOR = ' ';
/** The next character after the separator: `prefix + KEY_END` bounds a prefix range from above. */
export const KEY_END = '!';
/**
 * Joins an entity's name to its id in its name-order key: a control character sorts before every
 * character a name may hold, so "Iran" and its id sort before "Iran Air".
 */
export const NAME_ORDER_SEPARATOR = '\u0001';

/** Corroboration counts are stored inverted and zero-padded, so that ascending key order is "most sources first". */
export const MAX_SOURCE_COUNT = 999_999;
const RANK_WIDTH = 6;

export const join = (...parts: string[]) => parts.join(KEY_SEPARATOR);

/** The range [low, high) holding exactly the keys that begin with `parts`. */
export function prefixRange(...parts: string[]): { low: string; high: string } {
  const prefix = join(...parts);
  return { low: prefix + KEY_SEPARATOR, high: prefix + KEY_END };
}

export function invertedCount(count: number): string {
  return String(MAX_SOURCE_COUNT - Math.min(Math.max(count, 0), MAX_SOURCE_COUNT)).padStart(RANK_WIDTH, '0');
}

/** Keys of a fact `(subject)-[:TYPE {key}]->(object)`, all but the ranks (which follow its evidence, see the Cypher). */
export function factKeys(subject: string, object: string, key: string, span: { dateFrom: string; dateTo: string } | null) {
  const dated = span === null ? null : join(span.dateFrom, subject, object, key);
  // A date filter reads a fact that lies within one calendar year from the year the period asked for
  // begins in; one that crosses the turn of a year (a long period, an open end) has a key of its own.
  const short = span !== null && span.dateFrom.slice(0, 4) === span.dateTo.slice(0, 4);
  return {
    /** Unique per type: the fact's identity, and the subject's facts in object order. */
    outKey: join(subject, object, key),
    /** The object's facts in subject order. */
    inKey: join(object, subject, key),
    /** Dated facts within one year, in date order, for date filters. */
    dateKey: short ? dated : null,
    /** Dated facts that cross the turn of a year, in date order. */
    spanKey: short ? null : dated,
    /** A subject's dated facts in the order they begin (its timeline), and an object's. */
    outTimeKey: span === null ? null : join(subject, span.dateFrom, object, key),
    inTimeKey: span === null ? null : join(object, span.dateFrom, subject, key),
    /**
     * A subject's dated facts in the order they end, and an object's. A fact begins no later than it
     * ends, so the facts that overlap a period are those that begin by its end less those that end
     * before it begins: two counts of index ranges, whatever the entity's degree.
     */
    outEndKey: span === null ? null : join(subject, span.dateTo, object, key),
    inEndKey: span === null ? null : join(object, span.dateTo, subject, key),
  };
}

/**
 * The list keys a fact's `:Listing` node holds: the fact's own keys with its type written in,
 * after the entity a key begins with (or first, in a key that begins with none). Neo4j keeps a
 * range index per relationship type, so a list of an entity's facts of every type read from the
 * facts' own keys is one index range per type and direction, and Neo4j plans each range anew (tens
 * of milliseconds each, seconds for all of them). One label's index holds every type: a list of any
 * types is a range of it per type, each a value of the query rather than a part of its text.
 * `identity` is the fact's identity (`TYPE outKey`): the whole graph's facts in type order.
 */
export const LISTED_KEYS = ['outKey', 'inKey', 'outRank', 'inRank', 'outTimeKey', 'inTimeKey', 'outEndKey', 'inEndKey', 'outReportKey', 'inReportKey', 'dateKey', 'spanKey'] as const;
export type ListedKey = (typeof LISTED_KEYS)[number] | 'identity';
/** The listing keys that begin with an entity's id, as the fact keys they come from do. */
const ENTITY_FIRST: ReadonlySet<ListedKey> = new Set(['outKey', 'inKey', 'outRank', 'inRank', 'outTimeKey', 'inTimeKey', 'outEndKey', 'inEndKey', 'outReportKey', 'inReportKey']);

/** A fact key of this kind with the fact's type written in (see LISTED_KEYS); also a range's bound, given the part of a key it begins with. */
export function listedKey(kind: ListedKey, type: string, key: string): string {
  if (!ENTITY_FIRST.has(kind)) return join(type, key);
  const at = key.indexOf(KEY_SEPARATOR);
  return at < 0 ? join(key, type) : join(key.slice(0, at), type, key.slice(at + 1));
}

/** What a fact's `:Listing` node holds: its identity and its list keys (null where the fact has none). */
export function listedKeysOf(type: string, keys: Record<(typeof LISTED_KEYS)[number], string | null>): Record<ListedKey, string | null> {
  const listed = Object.fromEntries(LISTED_KEYS.map((kind) => [kind, keys[kind] === null ? null : listedKey(kind, type, keys[kind])]));
  return { ...listed, identity: join(type, keys.outKey!) } as Record<ListedKey, string | null>;
}

/**
 * The Cypher that finds the fact of the listing bound to `listing`, as `r` (and its ends as `s` and
 * `e`, where named): one lookup by element id, in a subquery of its own so that Neo4j makes it for
 * each listing as the index yields them, in their order; left to choose, it may scan every
 * relationship to join them by hash.
 */
export function factOfListing(listing: string, r: string, ends?: { s: string; e: string }): string {
  const [s, e] = ends ? [ends.s, ends.e] : ['', ''];
  const bound = ends ? `${s}, ${r}, ${e}` : r;
  return `CALL (${listing}) { MATCH (${s})-[${r}]->(${e}) WHERE elementId(${r}) = ${listing}.fact RETURN ${bound} }`;
}

/** Keys of a fact by the day its first evidence was published: an entity's facts the news had reported by a day are a range of them. */
export function reportKeys(subject: string, object: string, key: string, firstReported: string | null) {
  return {
    outReportKey: firstReported === null ? null : join(subject, firstReported, object, key),
    inReportKey: firstReported === null ? null : join(object, firstReported, subject, key),
  };
}

/**
 * Counts kept by the seeder, so that how many of an entity's facts begin (or end) before a day
 * needs no reading of those facts: Neo4j counts an index range by reading its entries, which for a
 * hub is thousands. Each `:Tally` node counts the fact keys of one kind that begin with one entity
 * and one year, one month or one day, of every type and direction together. How many begin before
 * a day is then the entity's year tallies before its year, its month tallies before its month in
 * that year, and its day tallies before the day in that month: a few dozen numbers, whatever its degree.
 */
export const TALLIED_KEYS = {
  begins: { OUT: 'outTimeKey', IN: 'inTimeKey' },
  ends: { OUT: 'outEndKey', IN: 'inEndKey' },
} as const;
export type TallyKind = keyof typeof TALLIED_KEYS;

/** The tallies a fact key of this kind adds one to (a key begins with its entity and a day, see factKeys). */
export function talliesOfKey(kind: TallyKind, key: string): string[] {
  const [entity, day] = key.split(KEY_SEPARATOR, 2) as [string, string];
  return [join(entity, kind, 'y', day.slice(0, 4)), join(entity, kind, 'm', day.slice(0, 7)), join(entity, kind, 'd', day.slice(0, 10))];
}

/**
 * The ranges of tally keys (each as what follows the entity's id) that hold how many of an entity's
 * keys of a kind lie before `bound` (a day, or a day and `!` to take the day in), or from it on:
 * its year tallies on that side of the bound's year, its month tallies in that year, its day tallies in that month.
 */
export function tallyRanges(kind: TallyKind, side: 'before' | 'from', bound: string): { low: string; high: string }[] {
  const [year, month] = [bound.slice(0, 4), bound.slice(0, 7)];
  const at = (level: 'y' | 'm' | 'd', ...rest: string[]) => KEY_SEPARATOR + join(kind, level, ...rest);
  // A character after every digit and '-' ends a year's months, or a month's days, from above.
  const AFTER = '~';
  return side === 'before'
    ? [
        { low: at('y', ''), high: at('y', year) },
        { low: at('m', year), high: at('m', month) },
        { low: at('d', month), high: at('d', bound) },
      ]
    : [
        { low: at('y', year) + KEY_END, high: at('y') + KEY_END },
        { low: at('m', month) + KEY_END, high: at('m', year) + AFTER },
        { low: at('d', bound), high: at('d', month) + AFTER },
      ];
}

/** A fact's identity across types: its type and the key unique within it (`TYPE subject object key`). */
export function factIdentity(type: string, subject: string, object: string, key: string): string {
  return join(type, subject, object, key);
}

/** A fact's identity read back: its type, ends and key, and its `outKey` (all but the type). Ids hold no separator; a key may. */
export function parseFactIdentity(identity: string): { type: string; subject: string; object: string; key: string; outKey: string } {
  const [type = '', subject = '', object = '', ...key] = identity.split(KEY_SEPARATOR);
  return { type, subject, object, key: join(...key), outKey: join(subject, object, ...key) };
}

/** Key of a mention `(article)-[:MENTIONS]->(entity)`: the entity's mentions in publication order. */
export function mentionKey(entity: string, publishedAt: string, article: string): string {
  return join(entity, publishedAt, article);
}

/** Sort key of an entity in name order (the id breaks ties between equal names). */
export function entityListKey(name: string, id: string): string {
  return `${name}${NAME_ORDER_SEPARATOR}${id}`;
}

/** Sort key of an article in publication order. */
export function articleListKey(publishedAt: string, id: string): string {
  return join(publishedAt, id);
}
