/** Regenerates protocol/show.schema.json: `npx tsx protocol/scripts/write-json-schema.ts`. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { showJsonSchemaText } from '../src/show/json-schema';

const target = fileURLToPath(new URL('../show.schema.json', import.meta.url));
writeFileSync(target, showJsonSchemaText());
console.log(`wrote ${target}`);
