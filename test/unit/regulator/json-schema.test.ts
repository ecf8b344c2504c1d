import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryJsonSchemaText } from '../../../src-main/core/regulator/json-schema';

describe('summary JSON Schema', () => {
  it('shipped in resources/ matches the zod schema (regenerate: npm run regulator:schema)', () => {
    const shipped = readFileSync(
      join(import.meta.dirname, '../../../resources/regulator/summary.schema.json'),
      'utf8',
    );
    // Compared as data: the file is kept in Prettier's layout.
    expect(JSON.parse(shipped)).toEqual(JSON.parse(summaryJsonSchemaText()));
    const schema = JSON.parse(shipped) as { required: string[]; properties: Record<string, unknown> };
    expect(schema.required).toEqual(
      expect.arrayContaining([
        'schema',
        'kind',
        'period',
        'institution',
        'beds',
        'residents',
        'staff',
        'fire',
        'finance',
        'audit',
      ]),
    );
  });
});
