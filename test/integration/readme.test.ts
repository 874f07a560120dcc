import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/server.ts';
import { PROJECT_ROOT } from '../../src/config.ts';
import { seed } from '../../src/seed/run.ts';
import { testDatabase } from '../support/database.ts';

interface Block {
  lang: string;
  code: string;
  /** What follows the block up to the next heading: the documented answer, when there is one. */
  after: string;
}

/** The documents whose examples are run: the README and the pages of docs/ that hold Cypher or GraphQL examples. */
const DOCUMENTS = ['README.md', 'docs/api.md', 'docs/neo4j-browser.md'];

function blocks(markdown: string): Block[] {
  const found: Block[] = [];
  const pattern = /^```(\w+)\n([\s\S]*?)^```$/gm;
  for (let m = pattern.exec(markdown); m; m = pattern.exec(markdown)) {
    const rest = markdown.slice(pattern.lastIndex);
    const nextHeading = rest.search(/^#/m);
    found.push({ lang: m[1]!, code: m[2]!.trim(), after: nextHeading === -1 ? rest : rest.slice(0, nextHeading) });
  }
  return found;
}

/** The Markdown table right after a block (blank lines between allowed), as header and rows of cells. */
function tableAfter(text: string): string[][] | undefined {
  const lines = text.replace(/^\s*\n/, '').split('\n');
  const table: string[] = [];
  for (const line of lines) {
    if (!line.startsWith('|')) break;
    table.push(line);
  }
  if (table.length < 2) return undefined;
  const cells = (line: string) => line.slice(1, -1).split(' | ').map((cell) => cell.trim());
  return [cells(table[0]!), ...table.slice(2).map(cells)];
}

/** The JSON block right after a block, when the next block is one. */
function jsonAfter(text: string): unknown {
  const m = /^\s*```json\n([\s\S]*?)^```$/m.exec(text);
  return m && text.slice(0, m.index).trim() === '' ? JSON.parse(m[1]!) : undefined;
}

const cell = (value: unknown): string => (Array.isArray(value) ? value.map(cell).join(', ') : value === null ? '' : String(value));

const all = DOCUMENTS.flatMap((file) => blocks(readFileSync(path.join(PROJECT_ROOT, file), 'utf8')));
const cypherExamples = all.filter((b) => b.lang === 'cypher').map((b) => ({ cypher: b.code, table: tableAfter(b.after) }));
const graphqlExamples = all.filter((b) => b.lang === 'graphql').map((b) => ({ query: b.code, response: jsonAfter(b.after) }));

describe('the documentation’s examples (README and docs/), run against the seeded article', () => {
  const db = testDatabase('test-readme');
  const api = createApi(db);
  beforeAll(() => seed(db, { reset: true, inputs: [path.join(PROJECT_ROOT, 'seed')] }));
  afterAll(() => db.close());

  it('when the README and docs/ are read, then every Cypher and GraphQL example documents its answer', () => {
    expect(cypherExamples.length).toBeGreaterThanOrEqual(2);
    expect(graphqlExamples.length).toBeGreaterThanOrEqual(6);
    for (const { cypher, table } of cypherExamples) expect(table, cypher).toBeDefined();
    for (const { query, response } of graphqlExamples) expect(response, query).toBeDefined();
  });

  it.each(cypherExamples)('when the Cypher example $cypher runs, then it gives the documented table, in order', async ({ cypher, table }) => {
    const [header, ...rows] = table!;
    const records = await db.read('readme', (tx) => tx.query(cypher));
    expect(records.map((record) => Object.keys(record))[0]).toEqual(header);
    expect(records.map((record) => header!.map((column) => cell(record[column])))).toEqual(rows);
    // An answer of several rows has a documented order only if the query sets one.
    if (rows.length > 1) expect(cypher).toMatch(/ORDER BY/);
    // …and a collected list only if its rows were ordered before collecting.
    if (/collect\(/.test(cypher)) expect(cypher).toMatch(/ORDER BY[\s\S]*collect\(/);
  });

  it.each(graphqlExamples)('when the GraphQL example $query is sent, then the answer is the documented one', async ({ query, response }) => {
    const answer = await api.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query }),
    });
    expect(await answer.json()).toEqual(response);
  });
});
