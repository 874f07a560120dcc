/**
 * How names are compared and turned into ids, for the seeder's look-alike check and the drafter's
 * linking alike: case and accents are set aside first, so "Hamas", "HAMAS" and "Ḥamās" meet.
 */

/** Lower case, with accents and other combining marks taken off. */
function unaccented(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A name as it is compared for likely duplicates: punctuation folded away too, so "U.S." meets "U S". */
export function foldName(name: string): string {
  return unaccented(name)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A name as an id: lower-case ASCII letters and digits joined by single hyphens ("Côte d’Ivoire" → "cote-d-ivoire"). */
export function slugOf(name: string): string {
  return unaccented(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120)
    .replace(/-+$/, '');
}
