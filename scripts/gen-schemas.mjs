// Writes schema/*.schema.json from the zod schemas in src (via dist), for editors and other tools.
import { mkdirSync, writeFileSync } from 'node:fs';
import { jsonSchemas } from '../dist/schemas.js';

mkdirSync(new URL('../schema/', import.meta.url), { recursive: true });
for (const [name, schema] of Object.entries(jsonSchemas())) {
  writeFileSync(new URL(`../schema/${name}.schema.json`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
}
