/** Regenerates the parts of the documentation that are made from code: the relationship-type, fact-status and error-code tables and the seed JSON Schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { withErrorCodesTable, withFactStatusesTable, withRelationTypesTable } from './model-doc.ts';
import { seedJsonSchemaText } from '../src/seed/schema.ts';

const model = path.join(PROJECT_ROOT, 'docs/model.md');
writeFileSync(model, withFactStatusesTable(withRelationTypesTable(readFileSync(model, 'utf8'))));
console.log('Updated the relationship types and fact statuses in docs/model.md');
const api = path.join(PROJECT_ROOT, 'docs/api.md');
writeFileSync(api, withErrorCodesTable(readFileSync(api, 'utf8')));
console.log('Updated the error codes in docs/api.md');
writeFileSync(path.join(PROJECT_ROOT, 'schema/seed.schema.json'), seedJsonSchemaText());
console.log('Wrote schema/seed.schema.json');
