import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { warmUpOperations } from '../../src/api/warm-up.ts';
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
