import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { showJsonSchema, showJsonSchemaText } from './json-schema';

describe('show.schema.json', () => {
  it('is up to date (regenerate: npx tsx protocol/scripts/write-json-schema.ts)', () => {
    const committed = readFileSync(new URL('../../show.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(showJsonSchemaText());
  });

  it('describes the file as written, with named definitions', () => {
    const schema = showJsonSchema() as { required: string[]; $defs: Record<string, unknown> };
    expect(schema.required).toEqual(['version', 'id', 'name', 'site', 'venue']);
    expect(Object.keys(schema.$defs)).toEqual(expect.arrayContaining(['Colour', 'Look', 'Cue', 'Parade', 'Venue']));
    expect(JSON.stringify(schema.$defs.Colour)).toContain('#[0-9a-fA-F]{6}');
  });
});
