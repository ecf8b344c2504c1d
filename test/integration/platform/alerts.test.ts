import { afterEach, describe, expect, it } from 'vitest';
import { JsonText } from '../../../src-main/core/api/json-text';
import { defineCoreModule, type CoreModule } from '../../../src-main/core/module';
import { coreModules } from '../../../src-main/core/modules';
import type { Alert } from '../../../src-main/shared/contract/platform';
import { defineSharedModule } from '../../../src-main/shared/module';
import { ADMIN, addUser as makeUser, makeSetUpCore, type TestCore } from '../../support/core';
import { admit, createResident, setUp, TODAY } from '../residents/support';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

/** A module whose alerts are whatever the test puts in `state`. */
function alertsModule(state: { alerts: Alert[]; broken: boolean }): CoreModule {
  return defineCoreModule({
    shared: defineSharedModule({
      name: 'testalerts',
      label: { zh: '测试', en: 'Test' },
      procedures: {},
      permissions: {},
      events: {},
    }),
    create: () => ({
      handlers: {},
      alerts: [
        // These read `state` in memory, not the database: asked on every list.
        { kind: 'test.forNurses', access: 'assessments.write', live: true, list: () => state.alerts },
        {
          kind: 'test.broken',
          access: 'authenticated',
          live: true,
          list: () => {
            if (state.broken) throw new Error('bug');
            return [];
          },
        },
      ],
    }),
  }) as unknown as CoreModule;
}

const alert = (id: number, patch: Partial<Alert> = {}): Alert => ({
  kind: 'test.forNurses',
  severity: 'warning',
  title: `张三 ${id}`,
  detail: '',
  dueAt: '2026-11-20',
  subject: { type: 'resident', id },
  link: `/residents?resident=${id}`,
  ...patch,
});

/** A module with one alert read "from the database": each computation shows the next number. */
function countingModule(): CoreModule {
  let asked = 0;
  return {
    shared: { name: 'counting', procedures: {}, permissions: {}, events: {} },
    create: () => ({
      handlers: {},
      alerts: [
        {
          kind: 'test.counting',
          access: 'authenticated',
          list: () => {
            asked += 1;
            return [alert(asked, { kind: 'test.counting' })];
          },
        },
      ],
    }),
  } as unknown as CoreModule;
}

describe('alerts', () => {
  it('shows each user only the alerts their permissions allow, most urgent first', async () => {
    const state = {
      alerts: [
        alert(1),
        alert(2, { severity: 'critical', dueAt: '2026-11-30' }),
        alert(3, { severity: 'info' }),
      ],
      broken: false,
    };
    t = await makeSetUpCore({ modules: [...coreModules, alertsModule(state)] });
    const nurse = await makeUser(t, 'nurse1', ['nurse']);
    const finance = await makeUser(t, 'money', ['finance']);
    const forNurse = (await t.call('alerts.list', { includeHidden: false }, nurse)).filter((a) =>
      a.kind.startsWith('test.'),
    );
    expect(forNurse.map((a) => a.subject.id)).toEqual([2, 1, 3]);
    expect(
      (await t.call('alerts.list', { includeHidden: false }, finance)).filter((a) =>
        a.kind.startsWith('test.'),
      ),
    ).toEqual([]);
  });

  it('snoozes per user until the time comes, and acknowledges until the alert changes', async () => {
    const state = { alerts: [alert(1), alert(2)], broken: false };
    t = await makeSetUpCore({ modules: [...coreModules, alertsModule(state)] });
    const nurse = await makeUser(t, 'nurse1', ['nurse']);
    const other = await makeUser(t, 'nurse2', ['nurse']);
    const ids = async (token: string) =>
      (await t!.call('alerts.list', { includeHidden: false }, token))
        .filter((a) => a.kind === 'test.forNurses')
        .map((a) => a.subject.id);

    const snoozed = await t.call(
      'alerts.snooze',
      { kind: 'test.forNurses', subject: { type: 'resident', id: 1 }, minutes: 60 },
      nurse,
    );
    expect(snoozed.snoozedUntil).toBe('2026-11-25T03:00:00.000Z');
    await t.call(
      'alerts.acknowledge',
      { kind: 'test.forNurses', subject: { type: 'resident', id: 2 } },
      nurse,
    );
    expect(await ids(nurse)).toEqual([]);
    expect(await ids(other)).toEqual([1, 2]);
    const hidden = await t.call('alerts.list', { includeHidden: true }, nurse);
    expect(hidden.filter((a) => a.kind === 'test.forNurses').map((a) => a.state)).toEqual([
      'snoozed',
      'acknowledged',
    ]);

    t.clock.advance(61 * 60_000);
    expect(await ids(nurse)).toEqual([1]);
    // The acknowledged alert comes back once it turns critical.
    state.alerts = [alert(1), alert(2, { severity: 'critical' })];
    expect(await ids(nurse)).toEqual([2, 1]);
    await t.call('alerts.restore', { kind: 'test.forNurses', subject: { type: 'resident', id: 2 } }, nurse);
    expect(await ids(nurse)).toEqual([2, 1]);
    const audit = t.core.services.auditLog.list({ offset: 0, limit: 20, module: 'alerts' }).rows;
    expect(audit.map((r) => r.procedure).sort()).toEqual([
      'alerts.acknowledge',
      'alerts.restore',
      'alerts.snooze',
    ]);
  });

  it('keeps alerts read from the database until the next write or the next minute', async () => {
    t = await makeSetUpCore({ modules: [...coreModules, countingModule()] });
    const shown = async () =>
      (await t!.call('alerts.list', {}, t!.adminToken))
        .filter((a) => a.kind === 'test.counting')
        .map((a) => a.subject.id);
    expect(await shown()).toEqual([1]);
    expect(await shown()).toEqual([1]);
    await t.call('institution.update', { name: '幸福里颐养中心（新址）' }, t.adminToken);
    expect(await shown()).toEqual([2]);
    t.clock.advance(30_000);
    expect(await shown()).toEqual([2]);
    t.clock.advance(60_000);
    expect(await shown()).toEqual([3]);
  });

  it('answers each poll from one encoding until a write, the minute, a live alert or a snooze ending changes it', async () => {
    const state = { alerts: [alert(1)], broken: false };
    t = await makeSetUpCore({ modules: [...coreModules, alertsModule(state)] });
    const nurse = await makeUser(t, 'nurse1', ['nurse']);
    // As the HTTP shell asks: it sends an answer that is already JSON as it is.
    const http = { id: 'http:127.0.0.1', local: true, passesJsonText: true };
    const poll = async () => {
      const { result } = await t!.core.dispatch('alerts.list', {}, nurse, http);
      if (!result.ok) throw new Error(result.error.message);
      expect(result.value).toBeInstanceOf(JsonText);
      return result.value as unknown as JsonText;
    };
    const ids = (answer: JsonText) =>
      (answer.parse() as Alert[]).filter((a) => a.kind === 'test.forNurses').map((a) => a.subject.id);

    const first = await poll();
    expect(ids(first)).toEqual([1]);
    expect(await poll()).toBe(first);
    t.clock.advance(20_000);
    expect(await poll()).toBe(first);

    // A live alert is asked on every poll; a new one is a new answer.
    state.alerts = [alert(1), alert(2)];
    const two = await poll();
    expect(ids(two)).toEqual([1, 2]);

    // 02:00:30: alert 1 snoozed for five minutes, until 02:05:30.
    t.clock.advance(10_000);
    await t.call(
      'alerts.snooze',
      { kind: 'test.forNurses', subject: { type: 'resident', id: 1 }, minutes: 5 },
      nurse,
    );
    expect(ids(await poll())).toEqual([2]);
    t.clock.advance(290_000);
    const snoozed = await poll();
    expect(ids(snoozed)).toEqual([2]);
    expect(await poll()).toBe(snoozed);
    // 02:05:40, the same minute as the last poll: the snooze has ended, and the alert is back.
    t.clock.advance(20_000);
    expect(ids(await poll())).toEqual([1, 2]);

    // Any write starts afresh.
    const before = await poll();
    await t.call('institution.update', { name: '幸福里颐养中心（新址）' }, t.adminToken);
    const after = await poll();
    expect(after).not.toBe(before);
    expect(ids(after)).toEqual([1, 2]);
  });

  it('does not keep an answer computed across a write that landed meanwhile', async () => {
    t = await makeSetUpCore({ modules: [...coreModules, countingModule()] });
    await t.call('institution.update', { name: '幸福里颐养中心（新址）' }, t.adminToken);
    const shown = (alerts: Alert[]) =>
      alerts.filter((a) => a.kind === 'test.counting').map((a) => a.subject.id);
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

    // A poll computes the providers a turn at a time; a write lands while it does.
    const polling = t.call('alerts.list', {}, t.adminToken);
    for (let i = 0; i < 3; i += 1) await turn();
    await t.call('institution.update', { name: '幸福里颐养中心' }, t.adminToken);
    expect(shown(await polling)).toEqual([1]);
    // The next poll, in the same minute, computes them again instead of keeping that answer.
    expect(shown(await t.call('alerts.list', {}, t.adminToken))).toEqual([2]);
  });

  it('gives the event loop back between providers while it computes them, so a call is not held up', async () => {
    t = await makeSetUpCore();
    // Any write (here the institution's name) makes the next list compute every provider again.
    await t.call('institution.update', { name: '幸福里颐养中心（新址）' }, t.adminToken);
    let turns = 0;
    let done = false;
    const count = () => {
      turns += 1;
      if (!done) setImmediate(count);
    };
    setImmediate(count);
    await t.call('alerts.list', {}, t.adminToken);
    done = true;
    // One provider per turn: the event loop ran between them, not once at the end.
    expect(turns).toBeGreaterThan(5);
  });

  it('turns a failing provider into an alert of its own instead of hiding everything', async () => {
    const state = { alerts: [alert(1)], broken: true };
    t = await makeSetUpCore({ modules: [...coreModules, alertsModule(state)] });
    const list = await t.call('alerts.list', { includeHidden: false }, t.adminToken);
    expect(list.map((a) => a.kind)).toEqual(
      expect.arrayContaining(['system.alertProviderFailed', 'test.forNurses']),
    );
  });

  it('lists leave past its expected return from the residents data, until the return is recorded', async () => {
    const r = await setUp();
    t = r;
    const resident = await createResident(r, '李秀英');
    await admit(r, resident.id, '301-1', '2026-11-01');
    await r.call(
      'residents.startLeave',
      { id: resident.id, kind: 'hospital', startOn: '2026-11-20', expectedReturnOn: '2026-11-24' },
      r.adminToken,
    );
    const leaveAlerts = async () =>
      (await r.call('alerts.list', { includeHidden: false }, r.adminToken)).filter(
        (a) => a.kind === 'residents.leaveReturnDue',
      );
    expect(await leaveAlerts()).toEqual([
      expect.objectContaining({
        severity: 'warning',
        subject: { type: 'resident', id: resident.id },
        action: '登记返院',
      }),
    ]);
    r.clock.advance(3 * 86_400_000); // two days past the expected return: critical
    r.adminToken = await r.login(ADMIN.username, ADMIN.password);
    expect((await leaveAlerts())[0]!.severity).toBe('critical');
    await r.call('residents.endLeave', { id: resident.id, returnedOn: TODAY }, r.adminToken);
    expect(await leaveAlerts()).toEqual([]);
  });
});
