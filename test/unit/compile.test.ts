/**
 * Translation cases: a GraphQL operation in, the Cypher and parameters the API sends out. They go
 * through the real schema, argument checks, field collection and compiler, with no database (see
 * test/support/translate.ts), and read as documentation of what each kind of request costs.
 */
import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/api/arguments.ts';
import { translate } from '../support/translate.ts';

/** How many index sources a page merges. */
const branches = (cypher: string) => cypher.split(' UNION ALL ').length;

/** The key ranges of a page's sources, from its parameters: each source adds its start and end, in order (after the entity's id). */
function ranges(values: Record<string, unknown>): [string, string][] {
  const strings = Object.values(values).filter((value): value is string => typeof value === 'string' && value !== 'iran');
  return Array.from({ length: strings.length / 2 }, (_, i) => [strings[2 * i]!, strings[2 * i + 1]!]);
}
const open = (values: Record<string, unknown>) => ranges(values).filter(([low, high]) => low < high);

/** The ranges a page reads from the listings (see src/graph/read/listed.ts): one row per type and direction it opens, in the order read, as [low, high] after the entity's id. */
function listedRanges(values: Record<string, unknown>): [string, string][] {
  const rows = Object.values(values).find((value): value is Record<string, string>[] => Array.isArray(value) && value.every((row) => typeof row === 'object' && row !== null));
  return (rows ?? []).map((row) => [row.l0 ?? row.l1!, row.h0 ?? row.h1!]);
}

async function only(source: string, variables?: Record<string, unknown>) {
  const { queries, errors } = await translate(source, variables);
  // The recording reader answers with no rows, so a non-null root field may fail after its query; the query is what is checked.
  expect(errors.filter((error) => error.extensions.code !== undefined)).toEqual([]);
  expect(queries).toHaveLength(1);
  return queries[0]!;
}

describe('translating GraphQL to Cypher', () => {
  it('when an entity with nested relations and evidence is asked for, then one query answers it all', async () => {
    const { cypher, values } = await only(`{ entity(id: "iran") { name relations(direction: OUT, types: [FUNDS], first: 5) {
      totalCount edges { node { type object { name } evidence { nodes { quote article { title } } } } } } } }`);
    // Types and direction written in the operation: only FUNDS out of the entity is a source, read in key order from its index.
    expect(branches(cypher)).toBe(1);
    expect(cypher).toMatch(/MATCH \(s\d+\)-\[(r\d+):FUNDS\]->\(e\d+\) WHERE \1\.outKey >= (n\d+)\.id \+ ' ' \+ \$a\.p\d+ AND \1\.outKey < \2\.id \+ ' ' \+ \$a\.p\d+/);
    expect(cypher).toMatch(/COUNT \{ \(n\d+\)-\[:FUNDS\]->\(\) \}/);
    // Evidence is a page of the fact's lists, read by position (a list comprehension, not a subquery); its article is found by id.
    expect(cypher).toMatch(/`quote`: r\d+\.evidence\[v\d+\[j\d+\]\]/);
    expect(cypher).toMatch(/MATCH \(a\d+:Article \{id: r\d+\.sources\[v\d+\[j\d+\]\]\}\)/);
    expect(cypher).not.toMatch(/\bWHERE true\b|\bAND true\b/);
    expect(Object.values(values)).toContain('iran');
  });

  it('when types come in variables, then the page reads the listings, the text is the same for any values, and the values are the ranges of the types asked', async () => {
    const operation = `query ($types: [RelationType!], $direction: Direction) { entity(id: "iran") {
      relations(types: $types, direction: $direction, first: 3) { totalCount nodes { type } } } }`;
    const funding = await only(operation, { types: ['FUNDS', 'ARMS'] });
    const hostile = await only(operation, { types: ['HOSTILE_TO'], direction: 'IN' });
    // One subquery per key read (outKey, inKey), whatever the types: not one per type and direction.
    expect(branches(funding.cypher)).toBe(2);
    expect(funding.cypher).toMatch(/MATCH \(x\d+:Listing\) USING INDEX x\d+:Listing\(outKey\)/);
    expect(funding.cypher).not.toMatch(/\[r\d+:FUNDS\]/);
    expect(hostile.cypher).toBe(funding.cypher);
    expect(funding.cypher).toMatch(/CASE WHEN \$a\.p\d+ THEN COUNT \{ \(n\d+\)-\[:FUNDS\]->\(\) \} ELSE 0 END/);
    // In type order, then outgoing before incoming; each range begins with its type.
    expect(listedRanges(funding.values)).toEqual([
      ['ARMS ', 'ARMS \uffff'],
      ['ARMS ', 'ARMS \uffff'],
      ['FUNDS ', 'FUNDS \uffff'],
      ['FUNDS ', 'FUNDS \uffff'],
    ]);
    expect(listedRanges(hostile.values)).toEqual([['HOSTILE_TO ', 'HOSTILE_TO \uffff']]);
  });

  it('when a cursor is given, then the sources before it are not read and its own resumes just after its key', async () => {
    const after = encodeCursor(['FUNDS', 1, 'hamas |']);
    const { values } = await only(`query ($after: String) { entity(id: "iran") { relations(types: [ARMS, FUNDS, HOSTILE_TO], after: $after) { nodes { type } } } }`, { after });
    // ARMS (both directions) and FUNDS out sort before the cursor; FUNDS in resumes after it; HOSTILE_TO (both) sort after it, from their start.
    expect(listedRanges(values).map(([low]) => low)).toEqual(['FUNDS hamas |\u0000', 'HOSTILE_TO ', 'HOSTILE_TO ']);
  });

  it('when an operation names fewer types than a listing is worth, then each is read from its own index', async () => {
    const { cypher, values } = await only(`{ entity(id: "iran") { relations(types: [ARMS, FUNDS], first: 3) { nodes { type } } } }`);
    expect(branches(cypher)).toBe(4);
    expect(cypher).not.toContain(':Listing');
    expect(open(values)).toHaveLength(4);
  });

  it('when arguments hold Cypher-looking text, then the query text holds only parameters', async () => {
    const hostile = '"}) MATCH (n) DETACH DELETE n //';
    const { cypher, values } = await only(`query ($id: ID) { relations(subject: $id, object: $id, first: 10) { totalCount nodes { type } } }`, { id: hostile });
    expect(cypher).not.toContain('DETACH');
    expect(Object.values(values)).toEqual(expect.arrayContaining([hostile]));
  });

  it('when an alias repeats a field with other arguments, then each alias gets its own key and parameters', async () => {
    const { cypher } = await only(`{ entity(id: "iran") {
      funding: relations(types: [FUNDS], first: 1) { totalCount }
      arming: relations(types: [ARMS], first: 1) { totalCount } } }`);
    expect(cypher).toContain('`funding`: ');
    expect(cypher).toContain('`arming`: ');
    expect(cypher).toMatch(/\(n\d+\)-\[:FUNDS\]->\(\)/);
    expect(cypher).toMatch(/\(n\d+\)-\[:ARMS\]->\(\)/);
  });

  it('when an entity’s facts of every type are counted, then the count is its degrees less its mentions, naming no type', async () => {
    const { cypher } = await only(`{ entity(id: "iran") { relations(first: 5) { totalCount } } }`);
    expect(cypher).toMatch(/COUNT \{ \((n\d+)\)-->\(\) \} \+ \(COUNT \{ \(\1\)<--\(\) \} - COUNT \{ \(\1\)<-\[:MENTIONS\]-\(\) \}\)/);
    expect(cypher).not.toContain('CONTRIBUTES_TROOPS_TO|');
  });

  it('when two aliases of edges ask different things under the same key, then each gets a projection of its own', async () => {
    const { cypher } = await only(`{ relations(first: 2) { a: edges { node { x: type } } b: edges { node { x: date } } } }`);
    expect(cypher).toMatch(/`__node a node`: \{`x`: type\(r\d+\)\}/);
    expect(cypher).toMatch(/`__node b node`: \{`x`: r\d+\.date\}/);
  });

  it('when a nested page size or cursor is out of bounds, then the API refuses it before any query', async () => {
    for (const operation of [
      `{ entity(id: "iran") { relations(first: 101) { totalCount } } }`,
      `{ entity(id: "iran") { mentionedIn(after: "${encodeCursor(['FUNDS', 0, 'x'])}") { totalCount } } }`,
      `{ relations(orderBy: CORROBORATION) { totalCount } }`,
      `{ entity(id: "iran") { relations(orderBy: DATE) { totalCount } } }`,
      `{ relations(since: "2025", until: "2024") { totalCount } }`,
    ]) {
      const { queries, codes } = await translate(operation);
      expect(codes, operation).toEqual(['BAD_USER_INPUT']);
      expect(queries, operation).toEqual([]);
    }
  });

  it('when fragments ask different fields of different types under one response key, then each is projected apart and the label says which one a node reads', async () => {
    const { cypher } = await only(`{ entity(id: "iran") { ... on Statement { x: quote } ... on Country { x: name } } }`);
    expect(cypher).toMatch(/`x@`: CASE WHEN n\d+:(Statement|Country) THEN 0 WHEN n\d+:(Statement|Country) THEN 1 END/);
    expect(cypher).toMatch(/`x@\d`: n\d+\.quote/);
    expect(cypher).toMatch(/`x@\d`: n\d+\.name/);
  });

  it('when a costly field is asked of one type only, then it is written once, outside any CASE, and the shared fields once for all', async () => {
    const { cypher } = await only(`{ entity(id: "iran") { name ... on Country { relations { totalCount } } ... on Person { mentionedIn { totalCount } } } }`);
    expect(cypher).toMatch(/`relations`: \{`totalCount`: /);
    expect(cypher).toMatch(/`mentionedIn`: \{`totalCount`: /);
    expect(cypher.match(/`name`:/g)).toHaveLength(1);
    expect(cypher).not.toContain('CASE WHEN n0:');
  });

  it('when no fragment tells the types apart, then every label shares one projection', async () => {
    const { cypher } = await only(`{ entity(id: "iran") { name ...Named ... on Entity { id } } } fragment Named on Entity { aliases }`);
    expect(cypher).not.toContain('CASE WHEN n');
    expect(cypher).toMatch(/`name`: n\d+\.name, `aliases`: coalesce\(n\d+\.aliases, \[\]\), `id`: n\d+\.id/);
  });

  it('when a field is skipped or not included, then it is neither checked nor compiled', async () => {
    const operation = `query ($s: Boolean!) { entity(id: "iran") { name relations(first: 1000) @skip(if: $s) { totalCount } mentionedIn @include(if: $s) { totalCount } } }`;
    const skipped = await only(operation, { s: true });
    expect(skipped.cypher).not.toContain('FUNDS');
    expect(skipped.cypher).toContain('`mentionedIn`');
    const asked = await translate(operation, { s: false });
    expect(asked.codes).toEqual(['BAD_USER_INPUT']);
    expect(asked.queries).toEqual([]);
  });

  it('when an entity’s relations are counted on a day, then the count reads its year, month and day tallies when every type is asked, and index ranges otherwise', async () => {
    const operation = `query ($types: [RelationType!], $day: Date) { entity(id: "iran") { relations(types: $types, validAt: $day, first: 3) { totalCount } } }`;
    const every = await only(operation, { day: '2025-11-15' });
    const some = await only(operation, { types: ['FUNDS'], day: '2025-11-15' });
    expect(some.cypher).toBe(every.cypher);
    // The tallies of every range, signed, in one subquery over a parameter of the ranges.
    const tallied = /COLLECT \{ UNWIND \$a\.(p\d+) AS (k\d+) MATCH \((t\d+):Tally\) USING INDEX \3:Tally\(key\) WHERE \3\.key >= n\d+\.id \+ \2\.low AND \3\.key < n\d+\.id \+ \2\.high RETURN \3\.count \* toInteger\(\2\.sign\)/.exec(every.cypher);
    expect(tallied).not.toBeNull();
    // Otherwise a range of the listings' index for each type asked, each way: one subquery over the parameter of the types asked, not one per type.
    expect(every.cypher).toMatch(/COUNT \{ UNWIND \$a\.p\d+ AS (t\d+) MATCH \((x\d+):Listing\) USING INDEX \2:Listing\(outTimeKey\) WHERE \2\.outTimeKey >= n\d+\.id \+ ' ' \+ \1 \+ ' ' \+ \$a\.p\d+ AND/);
    expect(every.cypher).not.toContain('USING INDEX SEEK');
    // Begun by the day (years before its year, months before its month, days up to it), less ended before it.
    expect(every.values[tallied![1]!]).toEqual([
      { low: ' begins y ', high: ' begins y 2025', sign: 1 },
      { low: ' begins m 2025', high: ' begins m 2025-11', sign: 1 },
      { low: ' begins d 2025-11', high: ' begins d 2025-11-15!', sign: 1 },
      { low: ' ends y ', high: ' ends y 2025', sign: -1 },
      { low: ' ends m 2025', high: ' ends m 2025-11', sign: -1 },
      { low: ' ends d 2025-11', high: ' ends d 2025-11-15', sign: -1 },
    ]);
    // Whether the tallies answer is a parameter: true only when every type is asked both ways.
    const switchOf = (query: { cypher: string; values: Record<string, unknown> }) => query.values[/CASE WHEN \$a\.(p\d+) THEN reduce\(/.exec(query.cypher)![1]!];
    expect(switchOf(every)).toBe(true);
    expect(switchOf(some)).toBe(false);
  });

  it('when the operation itself leaves out the types or names them, then the count on a day is chosen in the Cypher: tallies, or the named types’ index ranges', async () => {
    const every = await only(`{ entity(id: "iran") { relations(validAt: "2025-11-15", first: 3) { totalCount } } }`);
    expect(every.cypher).toContain(':Tally');
    expect(every.cypher).not.toContain('USING INDEX SEEK');
    const some = await only(`{ entity(id: "iran") { relations(types: [FUNDS, ARMS], validAt: "2025-11-15", first: 3) { totalCount } } }`);
    expect(some.cypher).not.toContain(':Tally');
    expect(some.cypher).toMatch(/COUNT \{ MATCH \(\)-\[r\d+:FUNDS\|ARMS\]->\(\) USING INDEX SEEK r\d+:FUNDS\(outTimeKey\) USING INDEX SEEK r\d+:ARMS\(outTimeKey\) WHERE/);
  });

  it('when the operation spells out when the facts hold, then only the bounds it gives are tested; with variables, every bound is, each switched by its value', async () => {
    const open = await only(`{ entity(id: "iran") { relations(orderBy: CORROBORATION, first: 3) { nodes { type } } } }`);
    expect(open.cypher).not.toContain('dateTo');
    expect(open.cypher).not.toContain('overtakenBy');
    const since = await only(`{ entity(id: "iran") { relations(orderBy: CORROBORATION, since: "2024", current: true, first: 3) { nodes { type } } } }`);
    expect(since.cypher).toMatch(/r\d+\.dateTo >= date\(\$a\.p\d+\) AND \(r\d+\.overtakenBy IS NULL/);
    expect(since.cypher).not.toContain('dateFrom <=');
    const variable = `query ($since: Date) { entity(id: "iran") { relations(orderBy: CORROBORATION, since: $since, first: 3) { nodes { type } } } }`;
    const [none, some] = [await only(variable, {}), await only(variable, { since: '2024' })];
    expect(some.cypher).toBe(none.cypher);
    expect(none.cypher).toMatch(/\(\$a\.p\d+ IS NULL OR r\d+\.dateTo >= date\(\$a\.p\d+\)\)/);
  });
});
