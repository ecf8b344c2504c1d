import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

async function someHistory(s: TestCore & { adminToken: string }) {
  await s.call('institution.update', { name: '一号' }, s.adminToken);
  await s.call('institution.update', { name: '二号' }, s.adminToken);
  await s.call('settings.update', { 'security.idleLockMinutes': 7 }, s.adminToken);
}

/** What someone with the file and a SQLite tool could do: drop the guard triggers and edit. */
function tamper(path: string, sql: string) {
  const db = new Database(path);
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

describe('audit chain', () => {
  it('verifies intact on a fresh database', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    // The default grants of permissions new since the catalog began, then setup's two rows and three changes.
    expect(await t.call('audit.verify', {}, t.adminToken)).toEqual({ intact: true, rows: 6 });
  });

  it('reports the first altered row', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    const target = t.core.services.auditLog
      .list({ offset: 0, limit: 500 })
      .rows.find((r) => r.procedure === 'institution.update')!;
    tamper(t.dbPath, `UPDATE audit_log SET after_json = '{"name":"篡改"}' WHERE id = ${target.id}`);
    const result = await t.call('audit.verify', {}, t.adminToken);
    expect(result).toMatchObject({ intact: false, firstBrokenId: target.id });
    expect(result.intact === false && result.reason).toContain('修改');
  });

  it('reports a deleted row at the row that follows it', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    tamper(t.dbPath, 'DELETE FROM audit_log WHERE id = 3');
    expect(await t.call('audit.verify', {}, t.adminToken)).toMatchObject({ intact: false, firstBrokenId: 4 });
  });

  it('keeps passwords and tokens out of the log', async () => {
    t = await makeSetUpCore();
    await t.call(
      'users.create',
      { username: 'cg', displayName: '护理员', password: 'very-secret-pw', roles: ['caregiver'] },
      t.adminToken,
    );
    const dump = JSON.stringify(t.core.sql.db.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain('very-secret-pw');
    expect(dump).not.toContain('scrypt$');
  });

  it('filters by user, module and date range', async () => {
    t = await makeSetUpCore();
    t.clock.advance(6 * 3600_000);
    await someHistory(t);
    const all = await t.call('audit.list', { limit: 100 }, t.adminToken);
    expect(all.total).toBe(6);
    expect(all.rows.at(-1)).toMatchObject({ procedure: 'roles.defaultGrants', entity: 'permissionDefaults' });
    expect((await t.call('audit.list', { module: 'settings' }, t.adminToken)).total).toBe(1);
    const since = new Date(t.clock.now().getTime() - 1000).toISOString();
    expect((await t.call('audit.list', { from: since }, t.adminToken)).total).toBe(3);
    expect((await t.call('audit.list', { userId: 999 }, t.adminToken)).total).toBe(0);
  });
});
