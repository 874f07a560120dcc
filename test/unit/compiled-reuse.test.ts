/**
 * An operation asked again reuses what was collected and compiled for it: the graph gets the very
 * same query, without compiling it again, exactly when the operation and its variables are the same.
 * Checked against a fresh translation (a new parse and a new GraphQueries) of every request.
 */
import fc from 'fast-check';
import { execute, parse, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/api/schema.ts';
import type { GraphReader } from '../../src/db/client.ts';
import { GraphQueries } from '../../src/graph/read/queries.ts';
import { NO_SELECTION, type RequestedField } from '../../src/graph/read/request.ts';

const schema = buildSchema();

interface Sent {
  cypher: string;
  params: Record<string, unknown>;
}

/** A GraphQueries over a reader that records each query and answers it with no rows. */
function recordingGraph(): { graph: GraphQueries; sent: Sent[] } {
  const sent: Sent[] = [];
  const reader: GraphReader = {
    read: async (_operation, work) =>
      work({
        query: async (cypher: string, params?: Record<string, unknown>) => {
          sent.push({ cypher, params: params ?? {} });
          return [];
        },
      } as never),
  };
  return { graph: new GraphQueries(reader), sent };
}

async function ask(graph: GraphQueries, document: DocumentNode, variables: Record<string, unknown>) {
  const result = await execute({ schema, document, variableValues: variables, contextValue: { graph } });
  return (result.errors ?? []).map((error) => error.extensions.code ?? error.message);
}

/** Operations whose Cypher depends on their variables in every place a variable can stand. */
const OPERATIONS = [
  'query ($id: ID!, $n: Int) { entity(id: $id) { name relations(first: $n) { totalCount nodes { type } } } }',
  'query ($id: ID!, $skip: Boolean!) { entity(id: $id) { name description @skip(if: $skip) ... on Country { code @include(if: $skip) } } }',
  'query ($text: String!, $n: Int) { search(text: $text, first: $n) { score entity { id } } }',
  'query ($n: Int, $since: Date) { relations(first: $n, since: $since) { totalCount nodes { type date } } }',
];

const variablesFor = fc.record({
  id: fc.constantFrom('iran', 'turkey', 'israel'),
  n: fc.constantFrom(1, 2, 5, 100, 101),
  skip: fc.boolean(),
  text: fc.constantFrom('netanyahou', 'iran', 'gaza force'),
  since: fc.constantFrom('2025', '2024-03', 'not a date'),
});

describe('reusing compiled queries', () => {
  it('when the same operation text is asked again with the same variables, then the graph sends the very same compiled query', async () => {
    const { graph, sent } = recordingGraph();
    const document = parse(OPERATIONS[0]!);
    await ask(graph, document, { id: 'iran', n: 2 });
    await ask(graph, document, { id: 'iran', n: 2 });
    await ask(graph, document, { id: 'turkey', n: 2 });
    expect(sent).toHaveLength(3);
    // The same parameters object: nothing was compiled the second time.
    expect(sent[1]!.params).toBe(sent[0]!.params);
    expect(sent[2]!.params).not.toBe(sent[0]!.params);
    expect(JSON.stringify(sent[2]!.params)).toContain('turkey');
    expect(JSON.stringify(sent[2]!.params)).not.toContain('iran');
  });

  it('when the graph is handed the same selection with other arguments, then it compiles the query for those arguments', async () => {
    const { graph, sent } = recordingGraph();
    const fields: RequestedField[] = [];
    for (const id of ['iran', 'turkey', 'iran']) await graph.entity(id, NO_SELECTION);
    for (const text of ['gaza', 'force']) await graph.search({ text, labels: null, first: 3, asOf: null }, fields);
    const values = sent.map(({ params }) => JSON.stringify(params));
    expect(values[0]).toContain('"iran"');
    expect(values[1]).toContain('"turkey"');
    expect(sent[2]!.params).toBe(sent[0]!.params);
    expect([values[3], values[4]].map((text) => text!.match(/gaza|force/g))).toEqual([Array(5).fill('gaza'), Array(5).fill('force')]);
  });

  it('when any sequence of variables is asked of one parsed operation, then every query equals a fresh translation of the same request', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...OPERATIONS.keys()), fc.array(variablesFor, { minLength: 1, maxLength: 12 }), async (index, sequence) => {
        const reused = recordingGraph();
        const document = parse(OPERATIONS[index]!);
        for (const variables of sequence) {
          const fresh = recordingGraph();
          const [reusedCodes, freshCodes] = [await ask(reused.graph, document, variables), await ask(fresh.graph, parse(OPERATIONS[index]!), variables)];
          expect(reusedCodes).toEqual(freshCodes);
          expect(reused.sent).toEqual(fresh.sent);
          reused.sent.length = 0;
        }
      }),
      { numRuns: 150 },
    );
    // Under a second alone; the unit files run side by side, and on a busy shared machine one CI run took 5.6 s.
  }, 30_000);
});
