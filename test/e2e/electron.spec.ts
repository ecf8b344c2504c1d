import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
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

async function launch(extraArgs: string[] = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'caredesk-electron-'));
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/index.js', ...extraArgs],
    env: { ...process.env, CAREDESK_DATA_DIR: dataDir },
  });
  return { app, dataDir };
}

/** The main window as Electron sees it (the page may be hidden, which Playwright cannot tell). */
function mainWindow(app: ElectronApplication) {
  return app.evaluate(({ BrowserWindow }) => {
    const all = BrowserWindow.getAllWindows();
    return { count: all.length, visible: all[0]?.isVisible() ?? false };
  });
}

/**
 * Ends the app the way a system shutdown does: no question asked. Playwright's own `close()` calls
 * `app.quit()`, which CareDesk answers with its quit question, so it cannot be used here.
 */
async function shutDown(app: ElectronApplication) {
  const closed = app.waitForEvent('close');
  await app.evaluate(({ powerMonitor }) => {
    powerMonitor.emit('shutdown', { preventDefault() {} });
  });
  await closed;
}

test.describe('desktop app', () => {
  test.skip(
    binary === null,
    'No Electron binary on this machine (it cannot be downloaded here); runs where Electron is installed.',
  );
  // One CareDesk per user account: the single-instance lock would stop a second one running alongside.
  test.describe.configure({ mode: 'serial' });

  test('starts, opens first-run setup and talks to the core over IPC', async () => {
    const { app } = await launch();
    const window = await app.firstWindow();
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
      'undefined',
    );
    await window.screenshot({ path: join('test-results', 'screens', 'electron-setup.png') });
    await shutDown(app);
  });

  test('closing the window hides it to the tray; quitting asks first; starting again shows it', async () => {
    const { app } = await launch();
    const window = await app.firstWindow();
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
    await expect.poll(() => mainWindow(app)).toEqual({ count: 1, visible: true });

    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.close());
    await expect.poll(() => mainWindow(app)).toEqual({ count: 1, visible: false });

    // Ctrl+Q, the dock, Playwright's close(): all end in app.quit(), which must ask instead of quitting.
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await expect.poll(() => mainWindow(app)).toEqual({ count: 1, visible: false });

    await app.evaluate(({ app: electronApp }) => electronApp.emit('second-instance'));
    await expect.poll(() => mainWindow(app)).toEqual({ count: 1, visible: true });
    await shutDown(app);
  });

  test('started at login it stays hidden with the page loaded', async () => {
    const { app } = await launch(['--hidden']);
    const window = await app.firstWindow();
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeAttached();
    expect(await mainWindow(app)).toEqual({ count: 1, visible: false });
    await shutDown(app);
  });

  test('a crashed window reloads and the crash is recorded for the workbench', async () => {
    const { app, dataDir } = await launch();
    const window = await app.firstWindow();
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
    await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows()[0]!.webContents.forcefullyCrashRenderer(),
    );
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible({ timeout: 30_000 });
    const restarts = JSON.parse(readFileSync(join(dataDir, 'restarts.json'), 'utf8')) as Array<{
      reason: string;
    }>;
    expect(restarts.map((r) => r.reason)).toEqual(['renderer-crash']);
    await shutDown(app);
  });

  test('the settings page offers start at login in the desktop app', async () => {
    const { app } = await launch();
    const window = await app.firstWindow();
    await expect(window.getByText('欢迎使用 CareDesk — 首次设置')).toBeVisible();
    const setup = await window.evaluate(() =>
      (
        window as unknown as { caredesk: { call(n: string, i: unknown): Promise<{ ok: boolean }> } }
      ).caredesk.call('auth.setup', {
        institution: { name: '幸福里颐养中心' },
        admin: { username: 'admin', password: 'admin-password-1', displayName: '王院长' },
      }),
    );
    expect(setup.ok).toBe(true);
    await window.evaluate(() => (location.hash = '#/system/settings'));
    await window.reload();
    await expect(window.getByText('开机自动启动')).toBeVisible();
    await expect(window.getByRole('radio', { name: '启用了呼叫串口时开机启动' })).toBeChecked();
    await window.screenshot({ path: join('test-results', 'screens', 'electron-settings.png') });
    await shutDown(app);
  });
});
