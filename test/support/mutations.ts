/** Generated damage to a valid seed document, for property tests of the validator and the seeder. */
import fc from 'fast-check';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside `value`, e.g. ['relations', 2, 'evidence']. */
export function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}

/** The kind of value the seed format sees at `path`: a relation's evidence is one sentence or a list of them, so there either is the same kind. */
function kindAt(path: (string | number)[], value: unknown): string {
  const sentences = typeof value === 'string' || (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string'));
  return path[0] === 'relations' && path.length === 3 && path[2] === 'evidence' && sentences ? 'evidence' : kindOf(value);
}

/** A copy of `document` with the value at `path` replaced. */
export function replaceAt(document: Json, path: (string | number)[], replacement: Json): Json {
  const copy = structuredClone(document);
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path.at(-1)!] = replacement;
  return copy;
}

export interface WrongTypeMutation {
  path: (string | number)[];
  document: Json;
}

/** `document` with one value somewhere inside it replaced by a value of another JSON type, one the seed format does not accept there. */
export function wrongTypeMutation(document: Json): fc.Arbitrary<WrongTypeMutation> {
  const paths = pathsOf(document);
  return fc
    .record({ path: fc.constantFrom(...paths), replacement: fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json> })
    .filter(({ path, replacement }) => {
      const original = path.reduce<unknown>((value, key) => (value as Record<string | number, unknown>)[key], document);
      return kindAt(path, original) !== kindAt(path, replacement);
    })
    .map(({ path, replacement }) => ({ path, document: replaceAt(document, path, replacement) }));
}
