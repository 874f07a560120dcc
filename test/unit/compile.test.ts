import { describe, expect, it } from 'vitest';
import { Cypher, entity, rootRelations } from '../../src/graph/compile.ts';
import { encodeCursor, InvalidArgumentError } from '../../src/graph/args.ts';
import type { RequestedField } from '../../src/graph/selection.ts';
import { RELATION_TYPE_NAMES } from '../../src/model.ts';

const field = (name: string, fields: RequestedField[] = [], args: Record<string, unknown> = {}, key = name): RequestedField => ({ key, name, args, fields });

/** How many index sources a page merges. */
const branches = (cypher: string) => cypher.split(' UNION ALL ').length;

/** The key ranges of a page's sources, from its parameters: each source adds its start and end, in order. */
function ranges(params: Record<string, unknown>): [string, string][] {
  const strings = Object.values(params).filter((value): value is string => typeof value === 'string');
  return Array.from({ length: strings.length / 2 }, (_, i) => [strings[2 * i]!, strings[2 * i + 1]!]);
}
const open = (params: Record<string, unknown>) => ranges(params).filter(([low, high]) => low < high);

describe('compiling a selection to Cypher', () => {
  it('when an entity with nested relations and evidence is asked for, then one expression answers it all', () => {
    const q = new Cypher();
    const cypher = entity(q, 'n', [
      field('name'),
      field(
        'relations',
        [field('totalCount'), field('edges', [field('node', [field('type'), field('object', [field('name')]), field('evidence', [field('nodes', [field('quote'), field('article', [field('title')])])])])])],
        { direction: 'OUT', types: ['FUNDS'], first: 5 },
      ),
    ]);
    // A page of FUNDS out of n, read in key order from the index (the other sources' ranges are empty), and its count from n's degree.
    expect(branches(cypher)).toBe(RELATION_TYPE_NAMES.length * 2);
    expect(cypher).toMatch(/MATCH \(s\d+\)-\[(r\d+):FUNDS\]->\(e\d+\) WHERE \1\.outKey >= n\.id \+ ' ' \+ \$a\.p\d+ AND \1\.outKey < n\.id \+ ' ' \+ \$a\.p\d+/);
    expect(cypher).toMatch(/CASE WHEN \$a\.p\d+ THEN COUNT \{ \(n\)-\[:FUNDS\]->\(\) \} ELSE 0 END/);
    // Evidence is a page of the fact's lists; its article is found by id.
    expect(cypher).toMatch(/`quote`: r\d+\.evidence\[i\d+\]/);
    expect(cypher).toMatch(/MATCH \(a\d+:Article \{id: r\d+\.sources\[i\d+\]\}\)/);
    expect(open(q.values)).toHaveLength(1);
  });

  it('when a relation page is asked for, then every type and direction is one index range seek of its own, and the count uses degrees', () => {
    const q = new Cypher();
    const cypher = entity(q, 'n', [field('relations', [field('totalCount'), field('nodes', [field('type')])], { types: ['FUNDS', 'ARMS'], first: 3 })]);
    expect(branches(cypher)).toBe(RELATION_TYPE_NAMES.length * 2);
    expect(cypher).toMatch(/r\d+\.outKey >= n\.id \+ ' ' \+ \$a\.p\d+ AND r\d+\.outKey < n\.id \+ ' ' \+ \$a\.p\d+/);
    expect(cypher).toMatch(/r\d+\.inKey >= n\.id \+ ' ' \+ \$a\.p\d+ AND r\d+\.inKey < n\.id \+ ' ' \+ \$a\.p\d+/);
    expect(cypher).toMatch(/CASE WHEN \$a\.p\d+ THEN COUNT \{ \(n\)-\[:FUNDS\]->\(\) \} ELSE 0 END/);
    // Types left out have empty ranges: the text is the same whatever the arguments, so Neo4j plans it once.
    const other = entity(new Cypher(), 'n', [field('relations', [field('totalCount'), field('nodes', [field('type')])], { types: ['HOSTILE_TO'], direction: 'IN', first: 50 })]);
    expect(other).toBe(cypher);
    expect(open(q.values)).toHaveLength(4);
  });

  it('when a cursor is given, then the sources before it get empty ranges and its own resumes just after its key', () => {
    const q = new Cypher();
    const after = encodeCursor(['FUNDS', 1, 'hamas |']);
    entity(q, 'n', [field('relations', [field('nodes', [field('type')])], { types: ['ARMS', 'FUNDS', 'HOSTILE_TO'], after })]);
    // ARMS (both directions) and FUNDS out sort before the cursor; FUNDS in resumes after it; HOSTILE_TO (both) sort after it, from their start.
    expect(open(q.values).map(([low]) => low)).toEqual(['hamas |\u0000', '', '']);
  });

  it('when arguments hold Cypher-looking text, then the query text holds only parameters', () => {
    const hostile = '"}) MATCH (n) DETACH DELETE n //';
    const q = new Cypher();
    const cypher = rootRelations(q, [field('totalCount'), field('nodes', [field('type')])], { subject: hostile, object: hostile, first: 10 });
    expect(cypher).not.toContain('DETACH');
    expect(Object.values(q.values)).toEqual(expect.arrayContaining([hostile]));
  });

  it('when an alias repeats a field with other arguments, then each alias gets its own key and parameters', () => {
    const q = new Cypher();
    const cypher = entity(q, 'n', [
      field('relations', [field('totalCount')], { types: ['FUNDS'], first: 1 }, 'funding'),
      field('relations', [field('totalCount')], { types: ['ARMS'], first: 1 }, 'arming'),
    ]);
    expect(cypher).toContain('`funding`: ');
    expect(cypher).toContain('`arming`: ');
    expect(cypher).toContain('(n)-[:FUNDS]->()');
    expect(cypher).toContain('(n)-[:ARMS]->()');
  });

  it('when a nested page size or cursor is out of bounds, then compiling stops with an argument error', () => {
    expect(() => entity(new Cypher(), 'n', [field('relations', [field('totalCount')], { first: 101 })])).toThrow(InvalidArgumentError);
    expect(() => entity(new Cypher(), 'n', [field('mentionedIn', [field('totalCount')], { after: encodeCursor(['FUNDS', 0, 'x']) })])).toThrow(/not a cursor/);
    expect(() => rootRelations(new Cypher(), [field('totalCount')], { orderBy: 'CORROBORATION' })).toThrow(/give subject or object/);
  });
});
