import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Path of the Electron binary if this machine has downloaded one; null where it cannot exist. */
function electronBinary(): string | null {
  // Reading electron/index.js would start a download where none exists; look at its files instead.
  const dir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();

test.describe('desktop app', () => {
  test.skip(
    binary === null,
    'No Electron binary on this machine (it cannot be downloaded here); runs where Electron is installed.',
  );

  test('starts, opens first-run setup and talks to the core over IPC', async () => {
    const app = await electron.launch({
      executablePath: binary!,
      args: ['out/main/index.js'],
      env: { ...process.env, CAREDESK_DATA_DIR: mkdtempSync(join(tmpdir(), 'caredesk-electron-')) },
    });
    const window = await app.firstWindow();
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    await window.screenshot({ path: join('test-results', 'screens', 'electron-setup.png') });
    await app.close();
  });
});
