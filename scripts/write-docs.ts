/** Regenerates the parts of the documentation that are made from code: the relationship-type, fact-status and error-code tables and the seed JSON Schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { withErrorCodesTable, withFactStatusesTable, withRelationTypesTable } from './model-doc.ts';
import { seedJsonSchemaText } from '../src/seed/schema.ts';

for (const file of ['docs/model.md', 'README.md']) {
  const target = path.join(PROJECT_ROOT, file);
  writeFileSync(target, withRelationTypesTable(readFileSync(target, 'utf8')));
  console.log(`Updated the relationship types in ${file}`);
}
const model = path.join(PROJECT_ROOT, 'docs/model.md');
writeFileSync(model, withFactStatusesTable(readFileSync(model, 'utf8')));
console.log('Updated the fact statuses in docs/model.md');
const readme = path.join(PROJECT_ROOT, 'README.md');
writeFileSync(readme, withErrorCodesTable(readFileSync(readme, 'utf8')));
console.log('Updated the error codes in README.md');
writeFileSync(path.join(PROJECT_ROOT, 'schema/seed.schema.json'), seedJsonSchemaText());
console.log('Wrote schema/seed.schema.json');
