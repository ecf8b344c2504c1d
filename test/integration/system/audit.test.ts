import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
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

/** Recomputes every hash from `fromId` on, as someone who edited a row would to cover it up. */
function rehash(path: string, fromId: number, key: Buffer | null) {
  const db = new Database(path);
  const rows = db.prepare('SELECT * FROM audit_log WHERE id >= ? ORDER BY id').all(fromId) as Array<
    Record<string, unknown>
  >;
  let prev = (db.prepare('SELECT hash FROM audit_log WHERE id = ?').get(fromId - 1) as { hash: string }).hash;
  for (const r of rows) {
    const material = JSON.stringify([
      prev,
      r.at,
      r.user_id,
      r.username,
      r.procedure,
      r.module,
      r.entity,
      r.entity_id,
      r.before_json,
      r.after_json,
    ]);
    const hash = (key ? createHmac('sha256', key) : createHash('sha256')).update(material).digest('hex');
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
    prev = hash;
  }
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

  it('reports rows cut off the end, which a plain hash chain cannot see', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    const last = t.core.services.auditLog.list({ offset: 0, limit: 1 }).rows[0]!.id;
    tamper(t.dbPath, `DELETE FROM audit_log WHERE id > ${last - 2}`);
    const result = await t.call('audit.verify', {}, t.adminToken);
    expect(result).toMatchObject({ intact: false, firstBrokenId: last - 1 });
    expect(result.intact === false && result.reason).toBe(
      `日志只到第 ${last - 2} 条，但第 ${last} 条曾被记录：末尾的记录被删除了`,
    );
  });

  it('catches an edited row whose later hashes were recomputed without the key', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    const target = t.core.services.auditLog
      .list({ offset: 0, limit: 500 })
      .rows.find((r) => r.procedure === 'institution.update')!;
    tamper(t.dbPath, `UPDATE audit_log SET after_json = '{"name":"篡改"}' WHERE id = ${target.id}`);
    rehash(t.dbPath, target.id, null);
    expect(await t.call('audit.verify', {}, t.adminToken)).toMatchObject({
      intact: false,
      firstBrokenId: target.id,
    });
  });

  it('catches a chain recomputed with the key when the signed anchor was left alone', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    const target = t.core.services.auditLog
      .list({ offset: 0, limit: 500 })
      .rows.find((r) => r.procedure === 'institution.update')!;
    const key = Buffer.from(readFileSync(`${t.dir}.audit-key`, 'utf8'), 'base64');
    tamper(t.dbPath, `UPDATE audit_log SET after_json = '{"name":"篡改"}' WHERE id = ${target.id}`);
    rehash(t.dbPath, target.id, key);
    const result = await t.call('audit.verify', {}, t.adminToken);
    expect(result.intact).toBe(false);
    expect(result.intact === false && result.reason).toContain('与签名锚点不符');
  });

  it('signs the newest row into the anchor once the write is answered, not on its path', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    const anchorPath = `${t.dir}/audit-anchor.json`;
    const last = t.core.services.auditLog.list({ offset: 0, limit: 1 }).rows[0]!.id;
    await new Promise((r) => setImmediate(r));
    expect((JSON.parse(readFileSync(anchorPath, 'utf8')) as { seq: number }).seq).toBe(last);
  });

  it('notices an anchor that was edited or removed', async () => {
    t = await makeSetUpCore();
    await someHistory(t);
    // The anchor is rewritten after the turn in which the last write committed.
    await new Promise((r) => setImmediate(r));
    const anchorPath = `${t.dir}/audit-anchor.json`;
    const anchor = JSON.parse(readFileSync(anchorPath, 'utf8')) as { seq: number };
    writeFileSync(anchorPath, JSON.stringify({ ...anchor, seq: anchor.seq - 1 }));
    const forged = await t.call('audit.verify', {}, t.adminToken);
    expect(forged.intact === false && forged.reason).toContain('签名锚点被改动过');
  });

  it('keeps the key out of the database file and the data folder', async () => {
    t = await makeSetUpCore();
    const key = readFileSync(`${t.dir}.audit-key`, 'utf8');
    expect(Buffer.from(key, 'base64')).toHaveLength(32);
    expect(readFileSync(t.dbPath).includes(Buffer.from(key))).toBe(false);
  });
});
