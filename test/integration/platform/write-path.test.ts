import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../src-main/core/api/dispatcher';
import type { Handlers } from '../../../src-main/core/api/context';
import type { Logger } from '../../../src-main/core/logger';
import { makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

function dispatcherWith(core: TestCore['core'], handlers: Partial<Handlers>) {
  return createDispatcher({
    sql: core.sql,
    sessions: core.services.auth.resolver,
    writes: core.writes,
    clock: core.clock,
    logger: core.logger,
    handlers: handlers as Handlers,
  });
}

const auditRows = (t: TestCore) =>
  (t.core.sql.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

describe('the one write path', () => {
  it('refuses a write from a procedure declared write: false, and leaves the data as it was', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    // institution.get is declared write: false; this handler tries to change the institution anyway.
    const sneaky = dispatcherWith(core, {
      'institution.get': (_input, ctx) => core.services.institution.save({ name: '偷偷改名' }, ctx.now).after,
    });
    const before = auditRows(t);
    const { result } = await sneaky.dispatch('institution.get', {}, t.adminToken);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(core.services.institution.get().name).toBe('幸福里颐养中心');
    expect(auditRows(t)).toBe(before);
    // The connection is writable again for the next write.
    await t.call('institution.update', { name: '改名成功' }, t.adminToken);
    expect(core.services.institution.get().name).toBe('改名成功');
  });

  it('gives a read procedure no way to audit or publish', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    const reader = dispatcherWith(core, {
      'settings.get': (_input, ctx) => {
        ctx.audit({ entity: 'x' });
        return core.services.settings.all();
      },
    });
    const { result } = await reader.dispatch('settings.get', {}, t.adminToken);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('refuses a write started inside another write', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    expect(() =>
      core.writes.run({ procedure: 'test.outer', now: core.clock.now(), user: null }, () =>
        core.writes.run({ procedure: 'test.inner', now: core.clock.now(), user: null }, () => 1),
      ),
    ).toThrow(/inside another write/);
  });

  it('writes audit rows once, publishes after the commit, and publishes nothing on rollback', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    const heard: string[] = [];
    core.events.subscribe((e) => heard.push(`${e.name}:${auditRows(t!)}`));
    const before = auditRows(t);
    core.writes.run({ procedure: 'test.change', now: core.clock.now(), user: null }, (ctx) => {
      ctx.audit({ entity: 'thing', entityId: 1, after: { a: 1 } });
      ctx.emit('system.changed', { what: 'settings' });
      expect(heard).toEqual([]);
    });
    // The listener saw the event after the row had committed.
    expect(heard).toEqual([`system.changed:${before + 1}`]);
    expect(() =>
      core.writes.run({ procedure: 'test.fail', now: core.clock.now(), user: null }, (ctx) => {
        ctx.emit('system.changed', { what: 'users' });
        throw new Error('no');
      }),
    ).toThrow('no');
    expect(heard).toHaveLength(1);
    expect(auditRows(t)).toBe(before + 1);
  });

  it('writes a fallback audit row for a write that records none, except bookkeeping', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    const before = auditRows(t);
    core.writes.run(
      { procedure: 'test.plain', now: core.clock.now(), user: null, fallbackAudit: { x: 1 } },
      () => 0,
    );
    core.writes.run(
      { procedure: 'test.bookkeeping', now: core.clock.now(), user: null, bookkeeping: true },
      () => 0,
    );
    const rows = core.services.auditLog.list({ offset: 0, limit: 5 }).rows;
    expect(auditRows(t)).toBe(before + 1);
    expect(rows[0]).toMatchObject({ procedure: 'test.plain', after: { x: 1 } });
  });

  it('logs a listener error and surfaces it as an alert instead of swallowing it', async () => {
    const errors: string[] = [];
    const logger: Logger = { info: () => {}, warn: () => {}, error: (m) => errors.push(m) };
    t = await makeSetUpCore({ logger });
    const { core } = t;
    const heardBy: string[] = [];
    core.events.subscribe(() => {
      throw new Error('a broken screen');
    });
    core.events.subscribe((e) => heardBy.push(e.name));
    await t.call('settings.update', { 'security.idleLockMinutes': 9 }, t.adminToken);
    expect(heardBy).toContain('system.changed');
    expect(errors).toContain('event listener failed');
    const alerts = await t.call('alerts.list', { includeHidden: false }, t.adminToken);
    expect(alerts.find((a) => a.kind === 'system.listenerFailed')).toMatchObject({
      severity: 'warning',
      subject: { type: 'event', id: 'system.changed' },
    });
  });
});
