import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../src/schemas.js';

describe('shipped JSON Schemas', () => {
  it.each(Object.entries(jsonSchemas()))('schema/%s.schema.json is generated from the zod schema (run npm run schemas)', (name, schema) => {
    const file = JSON.parse(readFileSync(new URL(`../schema/${name}.schema.json`, import.meta.url), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(schema)));
  });
});

describe('snapshot constants', () => {
  it('name the same tables as the snapshot schema', async () => {
    const { TABLES } = await import('../src/snapshot/schema.js');
    const { TABLE_NAMES } = await import('../src/snapshot/constants.js');
    expect([...TABLE_NAMES].sort()).toEqual(Object.keys(TABLES).sort());
  });
});
