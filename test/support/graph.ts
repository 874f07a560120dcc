import { createHash } from 'node:crypto';
import type { GraphDatabase } from '../../src/db/client.ts';
import { listedKeysOf, LISTED_KEYS } from '../../src/graph/keys.ts';
import { isRelationType, LISTING } from '../../src/model.ts';

export interface GraphFingerprint {
  nodes: number;
  relationships: number;
  /** Hash of every node and relationship with all their properties, independent of internal ids and load times. */
  hash: string;
}

/** Stable text of a property map: sorted keys, temporals as ISO strings. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && value.constructor === Object) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${key}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(typeof value === 'object' && value !== null ? String(value) : value);
}

/** A summary of everything in the database (not only this project's data), to prove what a step did or did not change. */
export async function fingerprint(db: GraphDatabase): Promise<GraphFingerprint> {
  const { nodes, relationships } = await db.read('test.fingerprint', async (tx) => ({
    nodes: await tx.query<{ labels: string[]; props: Record<string, unknown> }>('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props'),
    relationships: await tx.query<{ id: string; from: string; type: string; to: string; props: Record<string, unknown> }>(
      `MATCH (a)-[r]->(b)
       RETURN elementId(r) AS id, coalesce(a.id, elementId(a)) AS from, type(r) AS type, coalesce(b.id, elementId(b)) AS to, properties(r) AS props`,
    ),
  }));
  // A listing points at its fact by element id, which differs from run to run: it is shown as the fact it finds.
  const found = new Map(relationships.map(({ id, type, props }) => [id, `${type} ${String(props.outKey)}`]));
  checkListings(
    nodes.filter(({ labels }) => labels.includes(LISTING)).map(({ props }) => props),
    relationships.filter(({ type }) => isRelationType(type)),
  );
  const lines = [
    ...nodes.map(({ labels, props }) => {
      // When an article was loaded, and how often articles were hidden for writing (the publication clock), differ from run to run.
      const { loadedAt: _loadedAt, epoch: _epoch, ...rest } = props;
      if (labels.includes(LISTING)) rest.fact = found.get(String(rest.fact)) ?? 'no such fact';
      return `${[...labels].sort().join(':')} ${canonical(rest)}`;
    }),
    ...relationships.map(({ from, type, to, props }) => `${from} ${type} ${to} ${canonical(props)}`),
  ].sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { nodes: nodes.length, relationships: relationships.length, hash: hash.digest('hex') };
}

/**
 * Every fact has one listing, which finds it and holds its keys with its type written in, and every
 * listing is a fact's (see src/graph/keys.ts LISTED_KEYS): throws on the first that is not.
 */
function checkListings(listings: Record<string, unknown>[], facts: { id: string; type: string; props: Record<string, unknown> }[]): void {
  const byIdentity = new Map(listings.map((listing) => [String(listing.identity), listing]));
  for (const { id, type, props } of facts) {
    const keys = Object.fromEntries(LISTED_KEYS.map((key) => [key, (props[key] as string | undefined) ?? null])) as Parameters<typeof listedKeysOf>[1];
    const expected = { ...listedKeysOf(type, keys), fact: id };
    const listing = byIdentity.get(expected.identity!);
    const held = listing && Object.fromEntries(Object.keys(expected).map((key) => [key, listing[key] ?? null]));
    if (JSON.stringify(held) !== JSON.stringify(expected)) throw new Error(`the listing of ${expected.identity} is ${JSON.stringify(held)}, not ${JSON.stringify(expected)}`);
    byIdentity.delete(expected.identity!);
  }
  if (byIdentity.size > 0) throw new Error(`listings of no fact: ${[...byIdentity.keys()].slice(0, 5).join('; ')}`);
}
