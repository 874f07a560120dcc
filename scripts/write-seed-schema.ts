/** Writes schema/seed.schema.json from the seed file schema in src/seed/schema.ts (a test checks it is current). */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../src/config.ts';
import { seedJsonSchemaText } from '../src/seed/schema.ts';

const target = path.join(PROJECT_ROOT, 'schema', 'seed.schema.json');
writeFileSync(target, seedJsonSchemaText());
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
