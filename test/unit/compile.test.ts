import { describe, expect, it } from 'vitest';
import { Cypher, entity, relationConnectionWith } from '../../src/graph/compile.ts';
import { InvalidArgumentError } from '../../src/graph/args.ts';
import type { RequestedField } from '../../src/graph/selection.ts';

const field = (name: string, fields: RequestedField[] = [], args: Record<string, unknown> = {}, key = name): RequestedField => ({ key, name, args, fields });

describe('compiling a selection to Cypher', () => {
  it('when an entity with nested relations and evidence is asked for, then one expression answers it all', () => {
    const q = new Cypher();
    const cypher = entity(q, 'n', [
      field('name'),
      field('relations', [field('totalCount'), field('edges', [field('node', [field('type'), field('object', [field('name')]), field('evidence', [field('quote'), field('article', [field('title')])])])])], {
        direction: 'OUT',
        types: ['FUNDS'],
        first: 5,
      }),
    ]);
    expect(cypher).toMatchSnapshot();
    expect(q.params).toEqual({ p4: ['FUNDS'], p5: 0, p6: 6, p9: 0, p10: 5 });
  });

  it('when arguments hold Cypher-looking text, then the query text holds only parameters', () => {
    const hostile = '"}) MATCH (n) DETACH DELETE n //';
    const q = new Cypher();
    const cypher = relationConnectionWith(q, [field('totalCount')], { subject: hostile, object: hostile, page: { offset: 0, first: 10 } });
    expect(cypher).not.toContain('DETACH');
    expect(Object.values(q.params)).toContain(hostile);
  });

  it('when an alias repeats a field with other arguments, then each alias gets its own key and parameters', () => {
    const q = new Cypher();
    const cypher = entity(q, 'n', [
      field('relations', [field('totalCount')], { types: ['FUNDS'], first: 1 }, 'funding'),
      field('relations', [field('totalCount')], { types: ['ARMS'], first: 1 }, 'arming'),
    ]);
    expect(cypher).toContain('`funding`: ');
    expect(cypher).toContain('`arming`: ');
    expect(Object.values(q.params)).toEqual(expect.arrayContaining([['FUNDS'], ['ARMS']]));
  });

  it('when a nested page size is out of bounds, then compiling stops with an argument error', () => {
    expect(() => entity(new Cypher(), 'n', [field('relations', [field('totalCount')], { first: 101 })])).toThrow(InvalidArgumentError);
  });
});
