import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeClock } from '../../../src-main/core/clock';
import { silentLogger } from '../../../src-main/core/logger';
import { readRestarts } from '../../../src-main/core/system/restarts';
import { makeSetUpCore, type TestCore } from '../../support/core';

/**
 * The thin Electron wiring, driven through the events Electron would emit. The window is a stand-in
 * with BrowserWindow's method names; the decisions behind it are the real ones.
 */
class FakeContents extends EventEmitter {
  reloads = 0;
  killed = 0;
  scripts: string[] = [];
  reload() {
    this.reloads += 1;
  }
  forcefullyCrashRenderer() {
    this.killed += 1;
  }
  executeJavaScript(code: string) {
    this.scripts.push(code);
    return Promise.resolve();
  }
}

class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  visible: boolean;
  destroyed = false;
  minimized = false;
  log: string[] = [];
  constructor(readonly hidden: boolean) {
    super();
    this.visible = !hidden;
  }
  hide() {
    this.visible = false;
    this.log.push('hide');
  }
  show() {
    this.visible = true;
    this.log.push('show');
  }
  focus() {
    this.log.push('focus');
  }
  restore() {
    this.minimized = false;
  }
  moveTop() {
    this.log.push('moveTop');
  }
  flashFrame(on: boolean) {
    this.log.push(`flash ${on}`);
  }
  isVisible() {
    return this.visible;
  }
  isMinimized() {
    return this.minimized;
  }
  isDestroyed() {
    return this.destroyed;
  }
  /** What Electron does on a close nobody prevented. */
  tryClose() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (!prevented) {
      this.destroyed = true;
      this.emit('closed');
    }
    return !prevented;
  }
}

const created = vi.hoisted(() => [] as unknown[]);
vi.mock('../../../src-main/electron/window', () => ({
  createMainWindow: (options: { hidden?: boolean } = {}) => {
    const w = new FakeWindow(options.hidden ?? false);
    created.push(w);
    return w;
  },
}));
vi.mock('electron', () => ({
  dialog: { showMessageBox: vi.fn(() => Promise.resolve({ response: 0 })) },
}));

const { createWindowController } = await import('../../../src-main/electron/main-window');
const { createQuitGuard } = await import('../../../src-main/electron/lifecycle');
const { createRendererRecovery, HANG_GRACE_MS } = await import('../../../src-main/electron/crash-guard');
const { wireCallAttention } = await import('../../../src-main/electron/attention');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-window-'));
  created.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dir, { recursive: true, force: true });
});

function controller() {
  const guard = createQuitGuard();
  const clock = new FakeClock();
  const recovery = createRendererRecovery({ dataDir: dir, now: () => clock.now(), log: () => {} });
  const seen = { hints: 0, sessionEnds: 0, relaunches: 0 };
  const windows = createWindowController({
    guard,
    recovery,
    logger: silentLogger,
    onFirstHide: () => (seen.hints += 1),
    onSessionEnd: () => (seen.sessionEnds += 1),
    onRelaunchRequested: () => (seen.relaunches += 1),
  });
  return { guard, windows, seen };
}

describe('main window', () => {
  it('closing hides it to the tray, with the hint only the first time', () => {
    const { windows, seen } = controller();
    const w = windows.ensure() as unknown as FakeWindow;
    expect(w.tryClose()).toBe(false);
    expect(w.tryClose()).toBe(false);
    expect(w.log).toEqual(['hide', 'hide']);
    expect(windows.isHidden()).toBe(true);
    expect(seen.hints).toBe(1);
  });

  it('closes for real once a quit was allowed', () => {
    const { windows, guard } = controller();
    const w = windows.ensure() as unknown as FakeWindow;
    guard.allow('user');
    expect(w.tryClose()).toBe(true);
    // A new window is made on demand afterwards, so a call can still bring one up.
    expect(windows.ensure()).not.toBe(w);
  });

  it('starts hidden at login and the tray brings it back on the alarm board', async () => {
    const { windows } = controller();
    const w = windows.ensure(true) as unknown as FakeWindow;
    expect(w.visible).toBe(false);
    windows.showCalls();
    expect(w.visible).toBe(true);
    expect(w.webContents.scripts).toEqual(['location.hash = "#/nursecall"']);
  });

  it('a Windows session end quits without asking', () => {
    const { windows, seen } = controller();
    (windows.ensure() as unknown as FakeWindow).emit('session-end');
    expect(seen.sessionEnds).toBe(1);
  });

  it('a crashed page reloads and is recorded; a clean exit at quit is not', () => {
    const { windows } = controller();
    const w = windows.ensure() as unknown as FakeWindow;
    w.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 11 });
    expect(w.webContents.reloads).toBe(1);
    w.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(w.webContents.reloads).toBe(1);
    expect(readRestarts(dir).map((e) => e.reason)).toEqual(['renderer-crash']);
  });

  it('a page that stays unresponsive is killed and reloaded; one that recovers is left alone', () => {
    vi.useFakeTimers();
    const { windows } = controller();
    const w = windows.ensure() as unknown as FakeWindow;
    w.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS - 1);
    w.emit('responsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(w.webContents.killed).toBe(0);

    w.emit('unresponsive');
    w.emit('unresponsive');
    vi.advanceTimersByTime(HANG_GRACE_MS);
    expect(w.webContents.killed).toBe(1);
    w.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(w.webContents.reloads).toBe(1);
    expect(readRestarts(dir).map((e) => e.reason)).toEqual(['renderer-hang']);
  });

  describe('with the core', () => {
    let t: TestCore | undefined;
    afterEach(() => t?.close());

    it('a new call brings the hidden window forward; a repeat does not', async () => {
      t = await makeSetUpCore();
      const { windows } = controller();
      const w = windows.ensure(true) as unknown as FakeWindow;
      wireCallAttention(t.core.events, () => windows.ensure() as never);
      t.core.services.nurseCall.calls.receive(1, [{ kind: 'raise', address: '201', priority: 'normal' }]);
      expect(w.log).toEqual(['show', 'moveTop', 'flash true']);
      w.hide();
      t.core.services.nurseCall.calls.receive(1, [{ kind: 'raise', address: '201', priority: 'normal' }]);
      expect(w.visible).toBe(false);
    });
  });
});
