import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../../src-main');
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

describe('exceljs is loaded on first use', () => {
  it('no main-process file imports it at start (only types, or through loadExcel)', () => {
    const eager = sources(root).filter((file) =>
      /^import\s+(?!type\b)[^;]*from\s+'exceljs'/m.test(readFileSync(file, 'utf8')),
    );
    // Importing exceljs costs ~0.3 s of every start; export/excel.ts loads it when a file is made.
    expect(eager).toEqual([]);
  });
});
