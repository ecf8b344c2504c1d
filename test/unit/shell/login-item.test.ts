import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  autostartEntry,
  createKeepAwake,
  quoteExecArg,
  startsHidden,
  syncLinuxAutostart,
  wantsKeepAwake,
  wantsStartAtLogin,
} from '../../../src-main/electron/login-item';
import { makeSetUpCore, type TestCore } from '../../support/core';

describe('start at login', () => {
  it('follows the nurse-call ports by default and the setting otherwise', () => {
    expect(wantsStartAtLogin('auto', 0)).toBe(false);
    expect(wantsStartAtLogin('auto', 1)).toBe(true);
    expect(wantsStartAtLogin('on', 0)).toBe(true);
    expect(wantsStartAtLogin('off', 2)).toBe(false);
  });

  it('starts hidden when the system passes --hidden', () => {
    expect(startsHidden(['/opt/CareDesk/caredesk', '--hidden'])).toBe(true);
    expect(startsHidden(['/opt/CareDesk/caredesk'])).toBe(false);
  });

  describe('the setting in the core', () => {
    let t: (TestCore & { adminToken: string }) | undefined;
    afterEach(() => t?.close());

    it('defaults to auto, saves on/off, and refuses anything else in Chinese', async () => {
      t = await makeSetUpCore();
      expect((await t.call('settings.get', {}, t.adminToken))['desktop.startAtLogin']).toBe('auto');
      await t.call('settings.update', { 'desktop.startAtLogin': 'off' }, t.adminToken);
      expect(t.core.services.settings.get('desktop.startAtLogin')).toBe('off');
      const error = await t.fail('settings.update', { 'desktop.startAtLogin': 'sometimes' }, t.adminToken);
      expect(error.code).toBe('VALIDATION');
      expect(JSON.stringify(error)).toContain('请选择开机启动方式');
    });

    it('is on by default once a nurse-call port is enabled', async () => {
      t = await makeSetUpCore();
      const enabledPorts = () =>
        t!.core.services.nurseCall.portConfigs.list().filter((p) => p.enabled).length;
      const wanted = () =>
        wantsStartAtLogin(t!.core.services.settings.get('desktop.startAtLogin'), enabledPorts());
      expect(wanted()).toBe(false);
      await t.call(
        'nursecall.ports.save',
        { name: '一楼呼叫主机', path: '/dev/ttyCAREDESK-none', protocol: 'espa444', baudRate: 9600 },
        t.adminToken,
      );
      expect(wanted()).toBe(true);
      expect(wantsKeepAwake(t.core.services.nurseCall.portConfigs.list())).toBe(true);
    });
  });
});

describe('keeping the app awake', () => {
  it('wants it while any port is enabled', () => {
    expect(wantsKeepAwake([])).toBe(false);
    expect(wantsKeepAwake([{ enabled: false }])).toBe(false);
    expect(wantsKeepAwake([{ enabled: false }, { enabled: true }])).toBe(true);
  });

  it('starts one blocker and stops that same one', () => {
    const calls: string[] = [];
    let next = 7;
    const keep = createKeepAwake({
      start: () => {
        calls.push('start');
        return next++;
      },
      stop: (id) => calls.push(`stop ${id}`),
    });
    expect([keep.set(true), keep.set(true), keep.set(false), keep.set(false), keep.set(true)]).toEqual([
      'started',
      'unchanged',
      'stopped',
      'unchanged',
      'started',
    ]);
    expect(calls).toEqual(['start', 'stop 7', 'start']);
    expect(keep.active).toBe(true);
  });
});

describe('Linux autostart entry', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'caredesk-autostart-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('quotes Exec arguments the way the Desktop Entry Specification asks', () => {
    expect(quoteExecArg('/opt/CareDesk/caredesk')).toBe('/opt/CareDesk/caredesk');
    expect(quoteExecArg('--hidden')).toBe('--hidden');
    expect(quoteExecArg('/home/王/下载/CareDesk 1.0.AppImage')).toBe('"/home/王/下载/CareDesk 1.0.AppImage"');
    expect(quoteExecArg('a"b$c')).toBe('"a\\\\"b\\\\$c"');
    expect(quoteExecArg('50%')).toBe('50%%');
    expect(autostartEntry('/opt/CareDesk/caredesk', ['--hidden'])).toContain(
      'Exec=/opt/CareDesk/caredesk --hidden\n',
    );
  });

  it('writes, keeps and removes ~/.config/autostart/caredesk.desktop', () => {
    const file = join(dir, 'autostart', 'caredesk.desktop');
    const sync = (enabled: boolean) =>
      syncLinuxAutostart({ configDir: dir, enabled, exec: '/opt/CareDesk/caredesk', args: ['--hidden'] });
    expect(sync(false)).toBe('unchanged');
    expect(sync(true)).toBe('written');
    expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\nName=CareDesk\n/);
    expect(sync(true)).toBe('unchanged');
    expect(
      syncLinuxAutostart({ configDir: dir, enabled: true, exec: '/new/place/caredesk', args: ['--hidden'] }),
    ).toBe('written');
    expect(sync(false)).toBe('removed');
    expect(existsSync(file)).toBe(false);
  });
});
