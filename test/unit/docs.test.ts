import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.ts';
import { ERROR_CODES } from '../../src/api/errors.ts';
import { withErrorCodesTable, withFactStatusesTable, withRelationTypesTable } from '../../scripts/model-doc.ts';
import { FACT_STATUS_NAMES } from '../../src/facts.ts';
import { RELATION_TYPE_NAMES } from '../../src/model.ts';
import { seedJsonSchemaText } from '../../src/seed/schema.ts';

const read = (file: string) => readFileSync(path.join(PROJECT_ROOT, file), 'utf8');

describe('the generated documentation', () => {
  it('when the relationship types of docs/model.md are regenerated, then nothing changes (run npm run docs after changing the model)', () => {
    const text = read('docs/model.md');
    expect(withRelationTypesTable(text)).toBe(text);
    for (const type of RELATION_TYPE_NAMES) expect(text).toContain(`| \`${type}\` |`);
  });

  it('when the statuses of docs/model.md are regenerated, then nothing changes: it lists every status with its signals', () => {
    const text = read('docs/model.md');
    expect(withFactStatusesTable(text)).toBe(text);
    for (const status of FACT_STATUS_NAMES) expect(text).toContain(`| \`${status}\` |`);
  });

  it('when the error codes of docs/api.md are regenerated, then nothing changes: it lists every code the API answers with', () => {
    const text = read('docs/api.md');
    expect(withErrorCodesTable(text)).toBe(text);
    for (const code of Object.keys(ERROR_CODES)) expect(text).toContain(`| \`${code}\` |`);
  });

  it('when the README is read, then it is short (at most 250 lines) and every page of docs/ is one click away', () => {
    const text = read('README.md');
    expect(text.split('\n').length).toBeLessThanOrEqual(250);
    for (const page of readdirSync(path.join(PROJECT_ROOT, 'docs')).filter((file) => file.endsWith('.md'))) expect(text).toContain(`](docs/${page})`);
  });

  it('when the seed JSON Schema is regenerated, then it equals the committed schema/seed.schema.json', () => {
    expect(read('schema/seed.schema.json')).toBe(seedJsonSchemaText());
  });
});
