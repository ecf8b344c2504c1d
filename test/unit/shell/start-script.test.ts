import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('npm start without an Electron binary', () => {
  it('says so in Chinese and English, points to npm run serve, and prints no stack trace', () => {
    // Electron's own launcher honours ELECTRON_OVERRIDE_DIST_PATH; an empty folder is a machine without
    // the binary, on any machine, and the script must not try to download over it.
    const empty = mkdtempSync(join(tmpdir(), 'caredesk-no-electron-'));
    try {
      const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
        encoding: 'utf8',
        env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
        timeout: 15_000,
      });
      const output = result.stdout + result.stderr;
      expect(result.status).toBe(1);
      expect(output).toContain('CareDesk 桌面程序需要 Electron');
      expect(output).toContain('The CareDesk desktop app needs Electron');
      expect(output.match(/npm run serve/g)).toHaveLength(2);
      expect(output).not.toMatch(/^\s+at /m);
      expect(output).not.toContain('Downloading');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
