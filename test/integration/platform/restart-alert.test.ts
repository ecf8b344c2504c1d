import { afterEach, describe, expect, it } from 'vitest';
import { recordRestart } from '../../../src-main/core/system/restarts';
import { makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('unexpected restarts on the workbench', () => {
  it('tells the head nurse when the desktop app crashed and restarted, in local time', async () => {
    t = await makeSetUpCore();
    // 2026-11-24T19:12Z is 03:12 on the 25th in Shanghai.
    recordRestart(t.dir, {
      at: new Date('2026-11-24T19:12:00.000Z'),
      reason: 'main-crash',
      detail: 'TypeError: x',
    });
    const alerts = (await t.call('alerts.list', { includeHidden: false }, t.adminToken)).filter(
      (a) => a.kind === 'system.unexpectedRestart',
    );
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ severity: 'critical', link: '/nursecall/history' });
    expect(alerts[0]!.title).toMatch(/^CareDesk 在 11\/25 03:12 意外退出并已自动重启$/);
    // Three days later it is no longer news.
    t.clock.advance(4 * 86_400_000);
    const { ADMIN } = await import('../../support/core');
    const token = await t.login(ADMIN.username, ADMIN.password);
    const later = await t.call('alerts.list', { includeHidden: false }, token);
    expect(later.map((a) => a.kind)).not.toContain('system.unexpectedRestart');
  });
});
