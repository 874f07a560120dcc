import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { rehearse, warmUpOperations } from '../../src/api/warm-up.ts';
import type { GraphReader } from '../../src/db/client.ts';
import { rehearsable, rehearsalOf } from '../../src/graph/read/visibility.ts';
import { translate } from '../support/translate.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';

function filesOf(contents: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'warm-up-'));
  for (const [name, text] of Object.entries(contents)) writeFileSync(path.join(dir, name), text);
  return path.join(dir, '*.graphql');
}

describe('the operations the API warms up', () => {
  it('when the default files are read, then each named operation is sent alone, with a value for every variable that must have one', () => {
    const operations = warmUpOperations(loadConfig({}).API_WARM_UP);
    expect(operations.length).toBeGreaterThanOrEqual(8);
    for (const operation of operations) {
      const definitions = parse(operation.query).definitions;
      expect(definitions.filter((d) => d.kind === 'OperationDefinition')).toHaveLength(1);
      expect(operation.name).toMatch(/^schema\/operations\/\w+\.graphql#\w+$/);
    }
    const path_ = operations.find((o) => o.operationName === 'Path')!;
    // A path's two ends must differ, and neither names an entity.
    expect(path_.variables.from).not.toBe(path_.variables.to);
    const relations = operations.find((o) => o.operationName === 'EntityRelations')!;
    // A variable that may be left out is left out, a default is the operation's own.
    expect(Object.keys(relations.variables)).toEqual(['id']);
  });

  it('when a file has fragments, then each operation is sent with them', () => {
    const pattern = filesOf({ 'a.graphql': 'query One($id: ID!) { entity(id: $id) { ...Named } }\nquery Two { entities { nodes { ...Named } } }\nfragment Named on Entity { name }' });
    const [one, two] = warmUpOperations(pattern);
    expect(one!.query).toContain('fragment Named on Entity');
    expect(one!.query).not.toContain('query Two');
    expect(two!.variables).toEqual({});
  });

  it('when a file does not parse, names no operation, or has a variable no placeholder fits, then start-up is refused naming the file and the operation', () => {
    const refusal = (text: string) => {
      try {
        warmUpOperations(filesOf({ 'bad.graphql': text }));
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as ConfigError).problems.join('\n');
      }
      throw new Error('not refused');
    };
    expect(refusal('query { entity(id: "x") { name }')).toMatch(/^API_WARM_UP: .*bad\.graphql: Syntax Error/);
    expect(refusal('{ entity(id: "x") { name } }')).toMatch(/bad\.graphql: every operation needs a name/);
    expect(refusal('query ByKind($kind: EntityKind!) { entities(kind: $kind) { nodes { name } } }')).toMatch(/bad\.graphql: ByKind: \$kind \(EntityKind\) has no placeholder value; give it a default/);
  });

  it('when API_WARM_UP is empty, then nothing is warmed up', () => {
    expect(warmUpOperations('')).toEqual([]);
  });
});

describe('the planner rehearsal after the warm-up', () => {
  it('when a read of the API is rehearsed, then each round is another statement that ends with the read itself, and other texts are refused', async () => {
    const { queries } = await translate('{ entity(id: "iran") { name relations(first: 2) { totalCount } } }');
    const [read] = queries.map((query) => query.cypher);
    expect(rehearsable(read!)).toBe(true);
    const copies = [1, 2, 3].map((round) => rehearsalOf(read!, round));
    expect(new Set(copies).size).toBe(3);
    for (const copy of copies) expect(copy.endsWith(read!)).toBe(true);
    expect(copies[0]!.replace(read!, '')).toMatch(/^WITH 0 AS \w+ $/);
    // The readiness probe is no read of the graph's answers: it has no prelude to copy.
    expect(rehearsable('RETURN EXISTS { MATCH (a:Article) } AS ready')).toBe(false);
    expect(() => rehearsalOf('RETURN 1 AS one', 1)).toThrow(/read prelude/);
  });

  it('when the rehearsal runs, then it plans every text each round with EXPLAIN, keeps going past a refusal, and stops when aborted', async () => {
    const { queries } = await translate('{ search(text: "iran") { entity { name } } timeline(entity: "iran") { totalCount } }');
    const texts = new Map(queries.map((query) => [query.cypher, {}] as const));
    expect(texts.size).toBe(2);
    const sent: string[] = [];
    const reader: GraphReader = {
      read: async (_operation, work) =>
        work({
          query: async (cypher: string) => {
            sent.push(cypher);
            if (sent.length === 2) throw new Error('refused');
            return [];
          },
        } as never),
    };
    const report = await rehearse(reader, texts, 3);
    expect(report).toMatchObject({ texts: 2, rounds: 3, failed: ['refused'] });
    expect(sent).toHaveLength(6);
    for (const cypher of sent) expect(cypher).toMatch(/^EXPLAIN WITH 0 AS rehearsal[123] OPTIONAL MATCH/);
    const aborted = new AbortController();
    aborted.abort();
    expect((await rehearse(reader, texts, 3, aborted.signal)).rounds).toBe(0);
    expect(sent).toHaveLength(6);
  });
});
