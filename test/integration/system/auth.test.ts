import { execFileSync } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from '../../../src-main/core/auth/passwords';
import { ADMIN, addUser, makeCore, makeSetUpCore, type TestCore } from '../../support/core';

let t: TestCore | undefined;
afterEach(() => t?.close());
const MINUTE = 60_000;

describe('passwords', () => {
  it('are stored as salted scrypt hashes and verified in constant form', () => {
    const a = hashPassword('护理员密码123');
    const b = hashPassword('护理员密码123');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(verifyPassword('护理员密码123', a)).toBe(true);
    expect(verifyPassword('护理员密码124', a)).toBe(false);
    expect(verifyPassword('x', 'garbage')).toBe(false);
  });
});

/** A hash as accounts made before the cost went up to N=32768 have it. */
function oldHash(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFKC'), salt, 64, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

describe('password hashing cost', () => {
  it('leaves no memory behind in the thread pool, however many logins it has hashed', () => {
    // Each thread-pool thread that hashed with a 16 MB block kept it for good (glibc reuses the
    // freed block instead of returning it): +64 MB after a few logins, measured in a fresh process.
    const script = `
      const { createPasswordHasher, hashPassword } = require(${JSON.stringify(new URL('../../../src-main/core/auth/passwords.ts', import.meta.url).pathname)});
      const anonKb = () => Number(/RssAnon:\\s+(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]);
      (async () => {
        const hasher = createPasswordHasher({ concurrency: 4, spacingMs: 0 });
        const stored = hashPassword('护理员密码123');
        const before = anonKb();
        for (let round = 0; round < 3; round++)
          await Promise.all([1, 2, 3, 4].map(() => hasher.verify('护理员密码123', stored)));
        process.stdout.write(String(anonKb() - before));
      })();`;
    const grownKb = Number(
      execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' }),
    );
    expect(grownKb).toBeLessThan(8 * 1024);
  });

  it('checks an unknown username against a fixed hash at today’s cost: nothing is hashed on the event loop', () => {
    // The same cost as a real account's hash, so the refusal takes as long as for a real username.
    expect(needsRehash(dummyHash())).toBe(false);
    expect(verifyPassword('caredesk-dummy-password', dummyHash())).toBe(false);
    // Fixed, not made on first use: another process has the very same one.
    const path = new URL('../../../src-main/core/auth/passwords.ts', import.meta.url).pathname;
    const elsewhere = execFileSync(
      process.execPath,
      ['--import', 'tsx', '-e', `process.stdout.write(require(${JSON.stringify(path)}).dummyHash())`],
      { encoding: 'utf8' },
    );
    expect(elsewhere).toBe(dummyHash());
  });

  it('moves an account made at the old cost to the new one at its next successful login', async () => {
    const s = await makeSetUpCore();
    t = s;
    await addUser(s, 'nurse1', ['nurse']);
    const db = s.core.sql.db;
    const stored = () =>
      (db.prepare('SELECT password_hash AS h FROM users WHERE username = ?').get('nurse1') as { h: string })
        .h;
    db.prepare('UPDATE users SET password_hash = ? WHERE username = ?').run(
      oldHash('nurse1-password'),
      'nurse1',
    );
    expect(needsRehash(stored())).toBe(true);

    // A wrong password changes nothing.
    expect((await s.fail('auth.login', { username: 'nurse1', password: 'wrong' })).code).toBe(
      'BAD_CREDENTIALS',
    );
    expect(stored()).toMatch(/^scrypt\$16384\$/);

    await s.login('nurse1', 'nurse1-password');
    expect(stored()).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(needsRehash(stored())).toBe(false);
    expect(verifyPassword('nurse1-password', stored())).toBe(true);
    const login = s.core.services.auditLog
      .list({ offset: 0, limit: 5 })
      .rows.find((r) => r.procedure === 'auth.login');
    expect(login?.after).toMatchObject({ event: 'login', hashUpgraded: true });

    // Already at today's cost: the next login leaves the hash as it is.
    const upgraded = stored();
    await s.login('nurse1', 'nurse1-password');
    expect(stored()).toBe(upgraded);
  });
});

describe('first-run setup', () => {
  it('works only while no user exists', async () => {
    t = makeCore();
    expect(await t.call('auth.status', {})).toEqual({
      setupRequired: true,
      setupCodeRequired: false,
      institutionName: null,
    });
    expect((await t.fail('auth.me', {})).code).toBe('UNAUTHENTICATED');
    const outcome = await t.core.dispatch('auth.setup', {
      institution: { name: '幸福里颐养中心', nature: 'public' },
      admin: ADMIN,
    });
    expect(outcome.result).toMatchObject({
      ok: true,
      value: { user: { username: 'admin', roles: ['administrator'] } },
    });
    expect(outcome.sessionToken).toBeTruthy();
    expect(await t.call('auth.status', {})).toEqual({
      setupRequired: false,
      setupCodeRequired: false,
      institutionName: '幸福里颐养中心',
    });
    const again = await t.fail('auth.setup', {
      institution: { name: 'x' },
      admin: { ...ADMIN, username: 'other' },
    });
    expect(again.code).toBe('ALREADY_SET_UP');
  });
});

describe('login and lockout', () => {
  it('locks the account after 5 wrong passwords for 15 minutes; then the right one works again', async () => {
    t = await makeSetUpCore();
    for (let i = 1; i <= 4; i++) {
      const e = await t.fail('auth.login', { username: 'admin', password: 'wrong' });
      expect(e.code).toBe('BAD_CREDENTIALS');
      expect(e.message).toContain(`还可以再试 ${5 - i} 次`);
    }
    const locked = await t.fail('auth.login', { username: 'admin', password: 'wrong' });
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    const stillLocked = await t.fail('auth.login', { username: 'admin', password: ADMIN.password });
    expect(stillLocked.code).toBe('ACCOUNT_LOCKED');
    expect(stillLocked.message).toContain('锁定');
    t.clock.advance(14 * MINUTE);
    expect((await t.fail('auth.login', { username: 'admin', password: ADMIN.password })).code).toBe(
      'ACCOUNT_LOCKED',
    );
    t.clock.advance(1 * MINUTE + 1000);
    expect(await t.login('admin', ADMIN.password)).toBeTruthy();
  });

  it('follows the configured threshold and duration', async () => {
    const s = await makeSetUpCore();
    t = s;
    await t.call(
      'settings.update',
      { 'security.lockoutThreshold': 3, 'security.lockoutMinutes': 2 },
      s.adminToken,
    );
    await t.fail('auth.login', { username: 'admin', password: 'x' });
    await t.fail('auth.login', { username: 'admin', password: 'x' });
    expect((await t.fail('auth.login', { username: 'admin', password: 'x' })).code).toBe('ACCOUNT_LOCKED');
    t.clock.advance(2 * MINUTE + 1);
    expect(await t.login('admin', ADMIN.password)).toBeTruthy();
  });

  it('does not say whether an unknown username exists, and records failures in the audit log', async () => {
    const s = await makeSetUpCore();
    t = s;
    const e = await t.fail('auth.login', { username: 'ghost', password: 'whatever' });
    expect(e).toEqual({ code: 'BAD_CREDENTIALS', message: '用户名或密码不正确，请重新输入。' });
    const { rows } = t.core.services.auditLog.list({ offset: 0, limit: 1 });
    expect(rows[0]).toMatchObject({
      procedure: 'auth.login',
      after: { event: 'loginFailed', username: 'ghost' },
    });
  });

  it('an administrator can unlock a locked account', async () => {
    const s = await makeSetUpCore();
    t = s;
    await addUser(s, 'cg', ['caregiver']);
    for (let i = 0; i < 5; i++) await t.fail('auth.login', { username: 'cg', password: 'bad' });
    const id = (await t.call('users.list', {}, s.adminToken)).find((u) => u.username === 'cg')!.id;
    await t.call('users.unlock', { id }, s.adminToken);
    expect(await t.login('cg', 'cg-password')).toBeTruthy();
  });
});

describe('sessions', () => {
  it('expire after the configured hours without activity, and slide while used', async () => {
    const s = await makeSetUpCore();
    t = s;
    t.clock.advance(11 * 60 * MINUTE);
    await t.call('auth.me', {}, s.adminToken);
    t.clock.advance(11 * 60 * MINUTE);
    await t.call('auth.me', {}, s.adminToken);
    t.clock.advance(12 * 60 * MINUTE + 1000);
    const e = await t.fail('auth.me', {}, s.adminToken);
    expect(e.code).toBe('UNAUTHENTICATED');
    expect(e.message).toContain('过期');
  });

  it('end at logout', async () => {
    const s = await makeSetUpCore();
    t = s;
    const outcome = await t.core.dispatch('auth.logout', {}, s.adminToken);
    expect(outcome.sessionToken).toBeNull();
    expect((await t.fail('auth.me', {}, s.adminToken)).code).toBe('UNAUTHENTICATED');
  });

  it('idle lock blocks everything but unlock and logout until the password is given', async () => {
    const s = await makeSetUpCore();
    t = s;
    await t.call('auth.lock', {}, s.adminToken);
    expect((await t.fail('institution.get', {}, s.adminToken)).code).toBe('SESSION_LOCKED');
    expect(await t.call('auth.me', {}, s.adminToken)).toMatchObject({ locked: true });
    const wrong = await t.fail('auth.unlock', { password: 'nope' }, s.adminToken);
    expect(wrong.details?.fieldErrors?.[0]).toEqual({
      path: 'password',
      message: '密码不正确，还可以再试 4 次。',
    });
    await t.call('auth.unlock', { password: ADMIN.password }, s.adminToken);
    expect(await t.call('institution.get', {}, s.adminToken)).toMatchObject({ name: '幸福里颐养中心' });
  });

  it('wrong passwords at the lock screen count toward the lockout and end the session', async () => {
    const s = await makeSetUpCore();
    t = s;
    await t.call('auth.lock', {}, s.adminToken);
    for (let i = 0; i < 4; i++) await t.fail('auth.unlock', { password: 'guess' }, s.adminToken);
    const locked = await t.fail('auth.unlock', { password: 'guess' }, s.adminToken);
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    expect((await t.fail('auth.unlock', { password: ADMIN.password }, s.adminToken)).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await t.fail('auth.login', { username: 'admin', password: ADMIN.password })).code).toBe(
      'ACCOUNT_LOCKED',
    );
    const audit = await t.core.services.auditLog.list({ module: 'auth', offset: 0, limit: 10 });
    expect(audit.rows.filter((r) => (r.after as { event?: string }).event === 'unlockFailed')).toHaveLength(
      5,
    );
  });

  it('a right password at the lock screen resets the count', async () => {
    const s = await makeSetUpCore();
    t = s;
    await t.call('auth.lock', {}, s.adminToken);
    for (let i = 0; i < 4; i++) await t.fail('auth.unlock', { password: 'guess' }, s.adminToken);
    await t.call('auth.unlock', { password: ADMIN.password }, s.adminToken);
    await t.call('auth.lock', {}, s.adminToken);
    expect((await t.fail('auth.unlock', { password: 'guess' }, s.adminToken)).code).toBe('VALIDATION');
  });

  it('a user with a temporary password must change it before doing anything else', async () => {
    const s = await makeSetUpCore();
    t = s;
    await t.call(
      'users.create',
      { username: 'nurse1', displayName: '张护士', password: 'temp-pass-1', roles: ['nurse'] },
      s.adminToken,
    );
    const token = await t.login('nurse1', 'temp-pass-1');
    expect((await t.fail('institution.get', {}, token)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const same = await t.fail(
      'auth.changePassword',
      { currentPassword: 'temp-pass-1', newPassword: 'temp-pass-1' },
      token,
    );
    expect(same.details?.fieldErrors?.[0]).toEqual({
      path: 'newPassword',
      message: '新密码不能与当前密码相同',
    });
    await t.call(
      'auth.changePassword',
      { currentPassword: 'temp-pass-1', newPassword: 'my-own-pass' },
      token,
    );
    expect(await t.call('institution.get', {}, token)).toBeTruthy();
    expect(await t.login('nurse1', 'my-own-pass')).toBeTruthy();
  });

  it('disabling a user ends their sessions; the last administrator cannot be disabled or demoted', async () => {
    const s = await makeSetUpCore();
    t = s;
    const token = await addUser(s, 'cg', ['caregiver']);
    const users = await t.call('users.list', {}, s.adminToken);
    const cg = users.find((u) => u.username === 'cg')!;
    const admin = users.find((u) => u.username === 'admin')!;
    await t.call('users.update', { id: cg.id, disabled: true }, s.adminToken);
    expect((await t.fail('auth.me', {}, token)).code).toBe('UNAUTHENTICATED');
    expect((await t.fail('auth.login', { username: 'cg', password: 'cg-password' })).message).toContain(
      '停用',
    );
    const demote = await t.fail('users.update', { id: admin.id, roles: ['nurse'] }, s.adminToken);
    expect(demote.code).toBe('PRECONDITION');
  });

  it('a user may hold several roles and gets the union of their permissions', async () => {
    const s = await makeSetUpCore();
    t = s;
    await t.call('roles.setPermissions', { role: 'finance', permissions: ['settings.manage'] }, s.adminToken);
    const token = await addUser(s, 'multi', ['caregiver', 'finance', 'headNurse']);
    const me = await t.call('auth.me', {}, token);
    expect(me.user.roles).toEqual(['caregiver', 'finance', 'headNurse']);
    // Later modules grant the head nurse more; the union must hold these two at least.
    expect(me.user.permissions).toEqual(expect.arrayContaining(['audit.read', 'settings.manage']));
    expect(me.user.permissions).not.toContain('users.manage');
    await t.call('settings.update', { 'security.idleLockMinutes': 5 }, token);
    expect((await t.fail('users.list', {}, token)).code).toBe('FORBIDDEN');
  });
});
