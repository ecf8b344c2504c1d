import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/core/logger';
import { wireUpdater, type UpdaterLike } from '../../../src-main/electron/updater';

function fakeUpdater() {
  const calls: string[] = [];
  const listeners = new Map<string, (arg: unknown) => void>();
  const updater: UpdaterLike = {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    setFeedURL: (o) => void calls.push(`feed ${o.provider} ${o.url}`),
    checkForUpdates: async () => void calls.push('check'),
    on: (event, listener) => listeners.set(event, listener),
    quitAndInstall: () => void calls.push('install'),
  };
  return { updater, calls, listeners };
}

describe('updater wiring', () => {
  it('never installs on quit, stays off without a feed, and checks the generic feed when one is set', async () => {
    const { updater, calls, listeners } = fakeUpdater();
    let ready = 0;
    const wiring = wireUpdater(updater, silentLogger, () => ready++);
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(await wiring.configure('')).toBe('off');
    expect(calls).toEqual([]);
    expect(await wiring.configure('https://updates.example.com/caredesk/')).toBe('checking');
    expect(calls).toEqual(['feed generic https://updates.example.com/caredesk/', 'check']);
    expect(wiring.installNow()).toBe(false);
    listeners.get('update-downloaded')?.(undefined);
    expect(ready).toBe(1);
    expect(calls).not.toContain('install');
    expect(wiring.installNow()).toBe(true);
    expect(calls.at(-1)).toBe('install');
  });

  it('a failing check does not throw into the app', async () => {
    const { updater } = fakeUpdater();
    updater.checkForUpdates = async () => {
      throw new Error('offline');
    };
    const wiring = wireUpdater(updater, silentLogger, () => {});
    await expect(wiring.configure('https://updates.example.com/')).resolves.toBe('checking');
  });
});
