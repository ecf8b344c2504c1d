import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSetUpCore, type TestCore } from '../../support/core';

/**
 * background.ts against a real core, with Electron's tray, dialogs, power APIs and login items
 * replaced by recorders: what the wiring hands to Electron is what is checked.
 */
const fx = vi.hoisted(() => {
  type Item = { label?: string; type?: string; click?: () => void };
  const state = {
    tray: null as null | {
      image: { png: Buffer };
      tooltip: string;
      menu: Item[];
      destroyed: boolean;
    },
    dialogs: [] as Array<{ message: string; detail: string; buttons: string[] }>,
    answers: [] as number[],
    blockers: [] as string[],
    nextBlocker: 1,
    shutdownListeners: [] as Array<() => void>,
    quits: 0,
    loginItems: [] as unknown[],
    appData: '',
    packaged: true,
  };
  return state;
});

vi.mock('electron', () => ({
  app: {
    quit: () => (fx.quits += 1),
    get isPackaged() {
      return fx.packaged;
    },
    getPath: () => fx.appData,
    setLoginItemSettings: (settings: unknown) => fx.loginItems.push(settings),
  },
  dialog: {
    showMessageBox: async (options: { message: string; detail: string; buttons: string[] }) => {
      fx.dialogs.push(options);
      return { response: fx.answers.shift() ?? 1 };
    },
  },
  powerMonitor: {
    on: (_name: string, listener: () => void) => fx.shutdownListeners.push(listener),
    removeListener: (_name: string, listener: () => void) =>
      (fx.shutdownListeners = fx.shutdownListeners.filter((l) => l !== listener)),
  },
  powerSaveBlocker: {
    start: (type: string) => {
      fx.blockers.push(`start ${type}`);
      return fx.nextBlocker++;
    },
    stop: (id: number) => fx.blockers.push(`stop ${id}`),
  },
  Menu: { buildFromTemplate: (items: unknown[]) => items },
  nativeImage: {
    createFromBuffer: (png: Buffer) => ({ png, addRepresentation: () => {} }),
  },
  Notification: { isSupported: () => false },
  Tray: class {
    constructor(image: { png: Buffer }) {
      fx.tray = { image, tooltip: '', menu: [], destroyed: false };
    }
    setContextMenu(menu: never[]) {
      fx.tray!.menu = menu;
    }
    on() {}
    setImage(image: { png: Buffer }) {
      fx.tray!.image = image;
    }
    setToolTip(text: string) {
      fx.tray!.tooltip = text;
    }
    displayBalloon() {}
    destroy() {
      fx.tray!.destroyed = true;
    }
  },
}));

const { wireBackground } = await import('../../../src-main/electron/background');
const { createQuitGuard } = await import('../../../src-main/electron/lifecycle');

/** The colour of the icon's left edge, from the PNG the tray was given. */
function iconColour(png: Buffer): number[] {
  const width = png.readUInt32BE(16);
  const idat = png.subarray(33 + 8, png.length - 12 - 4);
  const raw = inflateSync(idat);
  const row = Math.floor(width / 2) * (width * 4 + 1);
  return [...raw.subarray(row + 1 + 4, row + 1 + 7)];
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 250));

let t: (TestCore & { adminToken: string }) | undefined;
let background: ReturnType<typeof wireBackground> | undefined;
const seen: string[] = [];
const windows = {
  show: () => seen.push('show'),
  showCalls: () => seen.push('showCalls'),
  ensure: () => null as never,
  isHidden: () => true,
};

beforeEach(() => {
  fx.appData = mkdtempSync(join(tmpdir(), 'caredesk-appdata-'));
  Object.assign(fx, {
    dialogs: [],
    answers: [],
    blockers: [],
    quits: 0,
    loginItems: [],
    shutdownListeners: [],
  });
  seen.length = 0;
});
afterEach(() => {
  background?.dispose();
  background = undefined;
  t?.close();
  t = undefined;
  rmSync(fx.appData, { recursive: true, force: true });
});

async function wire(onShutdown = () => {}) {
  t = await makeSetUpCore();
  const guard = createQuitGuard();
  background = wireBackground({ core: t.core, guard, windows: windows as never, onShutdown });
  return { guard, core: t };
}

const raise = (address: string) =>
  t!.core.services.nurseCall.calls.receive(1, [{ kind: 'raise', address, priority: 'normal' }]);

describe('tray', () => {
  it('has the menu 打开 CareDesk, 呼叫看板, 退出, which open the window and the alarm board', async () => {
    await wire();
    const labels = fx.tray!.menu.filter((i) => i.label).map((i) => i.label);
    expect(labels).toEqual(['打开 CareDesk', '呼叫看板', '退出']);
    fx.tray!.menu.find((i) => i.label === '打开 CareDesk')!.click!();
    fx.tray!.menu.find((i) => i.label === '呼叫看板')!.click!();
    expect(seen).toEqual(['show', 'showCalls']);
  });

  it('turns red with the tooltip counting ringing calls, and calm again once they are handled', async () => {
    await wire();
    expect(iconColour(fx.tray!.image.png)).toEqual([22, 119, 255]);
    expect(fx.tray!.tooltip).toBe('CareDesk — 未启用呼叫串口');
    raise('201');
    raise('202');
    await settle();
    expect(iconColour(fx.tray!.image.png)).toEqual([245, 34, 45]);
    expect(fx.tray!.tooltip).toContain('2 条呼叫正在响铃');
    for (const address of ['201', '202']) {
      t!.core.services.nurseCall.calls.receive(1, [{ kind: 'cancel', address, priority: 'normal' }]);
    }
    await settle();
    expect(iconColour(fx.tray!.image.png)).toEqual([22, 119, 255]);
    expect(fx.tray!.tooltip).not.toContain('响铃');
  });
});

describe('退出 from the tray', () => {
  it('asks once when nothing rings and quits on yes', async () => {
    const { guard } = await wire();
    fx.answers = [0];
    fx.tray!.menu.find((i) => i.label === '退出')!.click!();
    await vi.waitFor(() => expect(fx.quits).toBe(1));
    expect(fx.dialogs.map((d) => d.message)).toEqual(['退出 CareDesk 吗？']);
    expect(fx.dialogs[0]!.detail).toContain('退出后将收不到呼叫');
    expect(guard.reason).toBe('user');
  });

  it('asks again with the count while calls ring; "back" opens the alarm board and keeps running', async () => {
    const { guard } = await wire();
    raise('201');
    raise('305');
    fx.answers = [0, 1];
    await background!.askToQuit();
    expect(fx.dialogs.map((d) => d.message)).toEqual([
      '退出 CareDesk 吗？',
      '还有 2 条呼叫正在响铃，尚未确认。',
    ]);
    expect(fx.dialogs[1]!.buttons).toEqual(['仍要退出', '返回呼叫看板']);
    expect(fx.quits).toBe(0);
    expect(guard.reason).toBeNull();
    expect(seen).toEqual(['showCalls']);

    fx.answers = [0, 0];
    await background!.askToQuit();
    expect(fx.quits).toBe(1);
  });
});

describe('start at login and staying awake', () => {
  const savePort = (enabled: boolean, id?: number) =>
    t!.call(
      'nursecall.ports.save',
      { ...(id ? { id } : {}), name: '一楼', path: '/dev/ttyCAREDESK-none', protocol: 'espa444', enabled },
      t!.adminToken,
    );
  const autostartFile = () => join(fx.appData, 'autostart', 'caredesk.desktop');
  const loginItemOn = () =>
    process.platform === 'linux'
      ? existsSync(autostartFile())
      : (fx.loginItems.at(-1) as { openAtLogin: boolean } | undefined)?.openAtLogin === true;

  it('follow the enabled nurse-call ports, and the setting can override them', async () => {
    await wire();
    expect(fx.blockers).toEqual([]);
    expect(loginItemOn()).toBe(false);

    const port = await savePort(true);
    // Saving a port on a core whose ports are not running emits nothing; a settings change re-checks.
    await t!.call('settings.update', { 'desktop.startAtLogin': 'auto' }, t!.adminToken);
    await settle();
    expect(fx.blockers).toEqual(['start prevent-app-suspension']);
    expect(loginItemOn()).toBe(true);
    if (process.platform === 'linux') {
      expect(readFileSync(autostartFile(), 'utf8')).toContain(' --hidden\n');
    }

    await t!.call('settings.update', { 'desktop.startAtLogin': 'off' }, t!.adminToken);
    await settle();
    expect(loginItemOn()).toBe(false);

    await savePort(false, port.id);
    await t!.call('settings.update', { 'desktop.startAtLogin': 'on' }, t!.adminToken);
    await settle();
    expect(fx.blockers).toEqual(['start prevent-app-suspension', 'stop 1']);
    expect(loginItemOn()).toBe(true);
  });

  it('never registers a development build at login', async () => {
    fx.packaged = false;
    try {
      await wire();
      await t!.call('settings.update', { 'desktop.startAtLogin': 'on' }, t!.adminToken);
      await settle();
      expect(loginItemOn()).toBe(false);
    } finally {
      fx.packaged = true;
    }
  });
});

describe('system shutdown', () => {
  it('is handed to the shutdown path without any question', async () => {
    const onShutdown = vi.fn();
    await wire(onShutdown);
    for (const listener of fx.shutdownListeners) listener();
    expect(onShutdown).toHaveBeenCalledTimes(1);
    expect(fx.dialogs).toEqual([]);
  });
});
