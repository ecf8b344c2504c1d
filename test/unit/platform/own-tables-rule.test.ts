import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../../..');

async function lint(file: string, code: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.filter((m) => m.ruleId === 'caredesk/own-tables').map((m) => m.message);
}

describe('lint rule: a module uses only its own tables', () => {
  it('fires when nurse call imports the residents module’s table types', async () => {
    const messages = await lint(
      'src-main/core/nursecall/planted.ts',
      "import type { ResidentsTables } from '../residents/tables';\nexport type T = ResidentsTables;\n",
    );
    expect(messages).toEqual([
      'The nursecall module may not use the residents module’s tables; call the residents service instead.',
    ]);
  });

  it('fires when a module reaches for the whole-database schema', async () => {
    const messages = await lint(
      'src-main/core/residents/planted.ts',
      "import type { Database } from '../db/schema';\nexport type T = Database;\n",
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain('whole-database schema');
  });

  it('lets a module use its own tables and another module’s service', async () => {
    expect(
      await lint(
        'src-main/core/nursecall/planted.ts',
        "import type { NurseCallTables } from './tables';\nimport type { ResidentsModule } from '../residents/service';\nexport type T = [NurseCallTables, ResidentsModule];\n",
      ),
    ).toEqual([]);
  });
});
