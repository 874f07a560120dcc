import { createHash } from 'node:crypto';
import type { GraphDatabase } from '../../src/db/client.ts';

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
    relationships: await tx.query<{ from: string; type: string; to: string; props: Record<string, unknown> }>(
      `MATCH (a)-[r]->(b)
       RETURN coalesce(a.id, elementId(a)) AS from, type(r) AS type, coalesce(b.id, elementId(b)) AS to, properties(r) AS props`,
    ),
  }));
  const lines = [
    ...nodes.map(({ labels, props }) => {
      // When an article was loaded, and how often articles were hidden for writing (the publication clock), differ from run to run.
      const { loadedAt: _loadedAt, epoch: _epoch, ...rest } = props;
      return `${[...labels].sort().join(':')} ${canonical(rest)}`;
    }),
    ...relationships.map(({ from, type, to, props }) => `${from} ${type} ${to} ${canonical(props)}`),
  ].sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return { nodes: nodes.length, relationships: relationships.length, hash: hash.digest('hex') };
}
