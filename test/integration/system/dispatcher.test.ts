import { afterEach, describe, expect, it } from 'vitest';
import { createWritePath } from '../../../src-main/core/api/write-path';
import { createDispatcher } from '../../../src-main/core/api/dispatcher';
import type { Handlers } from '../../../src-main/core/api/context';
import { JsonText } from '../../../src-main/core/api/json-text';
import { AppError } from '../../../src-main/shared/errors';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';

/** A handler map with just the procedures a test exercises. */
const only = (handlers: Partial<Handlers>) => handlers as Handlers;

/** A dispatcher on the test core's parts with just the given handlers. */
const dispatcherWith = (core: TestCore['core'], handlers: Partial<Handlers>) =>
  createDispatcher({
    sql: core.sql,
    sessions: core.services.auth.resolver,
    writes: core.writes,
    clock: core.clock,
    logger: core.logger,
    handlers: only(handlers),
  });

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('dispatcher', () => {
  it('rejects bad input with field paths and Chinese messages, before touching anything', async () => {
    t = await makeSetUpCore();
    const error = await t.fail('auth.login', {});
    expect(error.code).toBe('VALIDATION');
    expect(error.details?.fieldErrors?.map((f) => f.path).sort()).toEqual(['password', 'username']);
    expect(error.message).toMatch(/[\u4e00-\u9fa5]/);

    const nested = await t.fail(
      'users.create',
      { username: 'x', displayName: '', password: 'short', roles: [] },
      t.adminToken,
    );
    const paths = nested.details?.fieldErrors?.map((f) => f.path).sort();
    expect(paths).toEqual(['displayName', 'password', 'roles', 'username']);
    expect(nested.details?.fieldErrors?.find((f) => f.path === 'password')?.message).toBe('密码至少 8 位');
  });

  it('answers an unknown procedure and a missing session as data, never a throw', async () => {
    t = await makeSetUpCore();
    expect((await t.fail('nope.nothing' as never, {})).code).toBe('NOT_FOUND');
    expect((await t.fail('auth.me', {})).code).toBe('UNAUTHENTICATED');
    expect((await t.fail('auth.me', {}, 'forged-token')).code).toBe('UNAUTHENTICATED');
  });

  it('checks permissions per procedure: a caregiver cannot list users', async () => {
    t = await makeSetUpCore();
    const caregiver = await addUser(t, 'cg', ['caregiver']);
    const error = await t.fail('users.list', {}, caregiver);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain('管理用户与角色');
    expect(await t.call('institution.get', {}, caregiver)).toMatchObject({ name: '幸福里颐养中心' });
  });

  it('writes one audit row in the same transaction as the change', async () => {
    t = await makeSetUpCore();
    const before = t.core.services.auditLog.list({ offset: 0, limit: 500 }).total;
    await t.call('institution.update', { name: '新名字养老院', address: '幸福路 1 号' }, t.adminToken);
    const { rows, total } = t.core.services.auditLog.list({ offset: 0, limit: 1 });
    expect(total).toBe(before + 1);
    expect(rows[0]).toMatchObject({
      procedure: 'institution.update',
      entity: 'institution',
      username: 'admin',
    });
    expect(rows[0]!.before).toMatchObject({ name: '幸福里颐养中心' });
    expect(rows[0]!.after).toMatchObject({ name: '新名字养老院' });
  });

  it('rolls back the whole operation when the handler fails half-way', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    const broken = dispatcherWith(core, {
      'institution.update': (input, ctx) => {
        core.services.institution.save(input, ctx.now);
        ctx.audit({ entity: 'institution', entityId: 1, after: input });
        throw new Error('disk full half-way');
      },
    });
    const auditBefore = core.services.auditLog.list({ offset: 0, limit: 1 }).total;
    const { result } = await broken.dispatch('institution.update', { name: '不该保存' }, t.adminToken);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(!result.ok && result.error.message).toContain('数据未被改动');
    expect(core.services.institution.get().name).toBe('幸福里颐养中心');
    expect(core.services.auditLog.list({ offset: 0, limit: 1 }).total).toBe(auditBefore);
  });

  it('rolls back the change when its audit row cannot be written', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    const failingAudit = {
      ...core.services.auditLog,
      append: () => {
        throw new Error('audit write failed');
      },
    };
    const dispatcher = createDispatcher({
      sql: core.sql,
      sessions: core.services.auth.resolver,
      writes: createWritePath({
        sql: core.sql,
        auditLog: failingAudit,
        events: core.events,
        logger: core.logger,
      }),
      clock: core.clock,
      logger: core.logger,
      handlers: only({
        'institution.update': (input, ctx) => core.services.institution.save(input, ctx.now).after,
      }),
    });
    const { result } = await dispatcher.dispatch(
      'institution.update',
      { name: '没有审计就不保存' },
      t.adminToken,
    );
    expect(result.ok).toBe(false);
    expect(core.services.institution.get().name).toBe('幸福里颐养中心');
  });

  it('keeps writes of a committed failure (failed-login counter) and publishes events only after commit', async () => {
    t = await makeSetUpCore();
    const heard: string[] = [];
    t.core.events.subscribe((e) => heard.push(e.name));
    await t.fail('auth.login', { username: 'admin', password: 'wrong' });
    const row = t.core.sql.db
      .prepare('SELECT failed_attempts FROM users WHERE username = ?')
      .get('admin') as {
      failed_attempts: number;
    };
    expect(row.failed_attempts).toBe(1);

    const rejecting = dispatcherWith(t.core, {
      'settings.update': (_input, ctx) => {
        ctx.emit('system.changed', { what: 'settings' });
        throw new AppError('PRECONDITION', '不允许');
      },
    });
    await rejecting.dispatch('settings.update', { 'security.lockoutMinutes': 30 }, t.adminToken);
    expect(heard).toEqual([]);
    await t.call('settings.update', { 'security.lockoutMinutes': 30 }, t.adminToken);
    expect(heard).toEqual(['system.changed']);
  });

  it('hands an answer that is already JSON to a transport that passes it on, and decodes it for others', async () => {
    t = await makeSetUpCore();
    const { core } = t;
    const text = { name: '幸福里', count: 3 };
    const dispatcher = dispatcherWith(core, {
      'institution.get': () => JsonText.answer(Buffer.from(JSON.stringify(text))),
    });
    const http = await dispatcher.dispatch('institution.get', {}, t.adminToken, {
      id: 'http:127.0.0.1',
      local: true,
      passesJsonText: true,
    });
    expect(http.result.ok && http.result.value).toBeInstanceOf(JsonText);
    expect((http.result as { value: JsonText }).value.body.toString()).toBe(
      '{"ok":true,"value":{"name":"幸福里","count":3}}',
    );
    const desktop = await dispatcher.dispatch('institution.get', {}, t.adminToken, {
      id: 'desktop',
      local: true,
    });
    expect(desktop.result).toEqual({ ok: true, value: text });
  });
});
