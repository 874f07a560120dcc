/**
 * Lists of facts of many types read from the `:Listing` nodes (see keys.ts LISTED_KEYS) rather
 * than from each type's own index: one index range per type and direction, each a row of a
 * parameter, so the Cypher holds one subquery per kind of key however many types the list reads.
 * Neo4j plans a subquery in tens of milliseconds; a list of every type both ways read from the
 * facts' own indexes holds 72 of them and takes seconds to plan; read from the listings, a tenth
 * of a second or two. Each range still stops after `first + 1` facts that pass the filter, so a
 * page of a hub costs what a page of a leaf does.
 */
import { LISTING } from '../../model.ts';
import { factOfListing, join, listedKey } from '../keys.ts';
import type { Cypher } from './cypher.ts';
import { mayFail, sameConditions, type Listing, type Source } from './pages.ts';
import { HIDDEN } from './visibility.ts';

/** From how many sources a list reads the listings: below it, the sources' own indexes plan as fast and need no lookup of each fact. */
export const LISTED_FROM = 5;

/**
 * The subquery that yields a page's candidate rows (bound as the listing's `[r, s, e]`) in the
 * listing's order, read from the listings; undefined where the listing is not one of facts of many
 * types, or its sources differ in what else they keep. `sources` come in the order they are read
 * (by tag, for a listing concatenated by tag); `rangeOf` gives each source's range after its prefix.
 */
export function listedCall(q: Cypher, listing: Listing, limit: string, rangeOf: (source: Source) => { low: string; high: string }): string | undefined {
  const { sources } = listing;
  const [first] = sources;
  const eligible =
    first !== undefined &&
    sources.length >= LISTED_FROM &&
    listing.bind.length === 3 &&
    sources.every((source) => source.listed && sameConditions(source.where, first.where) && source.prefix?.low === first.prefix?.low);
  if (!eligible) return undefined;
  const [r, s, e] = listing.bind as [string, string, string];
  const [x, src] = [q.variable('x'), q.variable('src')];
  const kinds = [...new Set(sources.map((source) => source.listed!.key))];
  // An entity bound in the query begins every key with its id, in Cypher; a prefix of values is written into each bound here.
  const bound = entityBound(first.prefix) ? (field: string) => `${first.prefix!.low} + ${src}.${field}` : (field: string) => `${src}.${field}`;
  const ranges: Record<string, string>[] = [];
  for (const source of sources) {
    const { low, high } = rangeOf(source);
    if (low >= high) continue;
    const branch = kinds.indexOf(source.listed!.key);
    const at = (value: string) => listedBound(source, value);
    // Only the source's own kind of key gets bounds; the other branches compare with null and read nothing.
    ranges.push({ [`l${branch}`]: at(low), [`h${branch}`]: at(high) });
  }
  const descending = listing.descending ? ' DESC' : '';
  const kept = mayFail(first.where);
  const seek = (kind: string, i: number) => `MATCH (${x}:${LISTING}) USING INDEX ${x}:${LISTING}(${kind}) WHERE ${x}.${kind} >= ${bound(`l${i}`)} AND ${x}.${kind} < ${bound(`h${i}`)} `;
  const imports = [...listing.imports, HIDDEN, src].join(', ');
  if (kept.length === 0) {
    // Nothing to filter by: each branch yields listings only, and each fact is found once, after the
    // union, as the page takes its row (one lookup in the text rather than one per kind of key).
    const listings = kinds.map((kind, i) => `${seek(kind, i)}RETURN ${x} ORDER BY ${x}.${kind}${descending} LIMIT ${limit}`);
    return `UNWIND ${q.param(ranges)} AS ${src} CALL (${imports}) { ${listings.join(' UNION ALL ')} } ${factOfListing(x, r, { s, e })}`;
  }
  // Each fact is found as the index yields its listing, in the index's order, so the page stops at the limit.
  const branches = kinds.map(
    (kind, i) =>
      `${seek(kind, i)}${factOfListing(x, r, { s, e })} ` +
      `WITH ${[r, s, e, x, ...listing.imports, HIDDEN].join(', ')} WHERE ${kept.join(' AND ')} ` +
      `WITH ${r}, ${s}, ${e}, ${x} ORDER BY ${x}.${kind}${descending} LIMIT ${limit} RETURN ${r}, ${s}, ${e}`,
  );
  return `UNWIND ${q.param(ranges)} AS ${src} CALL (${imports}) { ${branches.join(' UNION ALL ')} }`;
}

/** A prefix that is an entity's id in the query (see pages.ts entityPrefix), rather than values. */
function entityBound(prefix: Source['prefix']): boolean {
  return prefix !== null && prefix.parts === undefined;
}

/** A bound of a source's range (what follows its prefix), as the listing key it compares with: the whole key, or what follows an entity's id bound in the query. */
function listedBound(source: Source, value: string): string {
  const { type, key } = source.listed!;
  const { prefix } = source;
  if (prefix === null) return listedKey(key, type, value);
  if (prefix.parts === undefined) return join(type, value);
  return listedKey(key, type, join(...prefix.parts, value));
}
