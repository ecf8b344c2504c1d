// Writes resources/regulator/summary.schema.json from the zod schema of the summary document.
// `npm run regulator:schema` (then Prettier formats it); test/unit/regulator/json-schema.test.ts fails when it is out of date.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { summaryJsonSchemaText } from '../src-main/core/regulator/json-schema';

const path = join(import.meta.dirname, '..', 'resources', 'regulator', 'summary.schema.json');
writeFileSync(path, summaryJsonSchemaText());
console.log(`wrote ${path}`);
