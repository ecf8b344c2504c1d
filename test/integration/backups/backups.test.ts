import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { checkDatabaseFile } from '../../../src-main/core/backups/verify';
import type { BackupRow } from '../../../src-main/shared/contract/backups';
import { createCore } from '../../../src-main/core/app';
import { silentLogger } from '../../../src-main/core/logger';
import type { Alert } from '../../../src-main/shared/contract/platform';
import { ADMIN, addUser } from '../../support/core';
import { addPhoto, addResident, filesUnder, photo, readJson, setUp, type SetUp } from './support';

let t: SetUp | undefined;
afterEach(() => t?.close());

const HOUR = 3_600_000;

async function alertKinds(token: string) {
  const alerts = await t!.call('alerts.list', {}, token);
  return alerts.filter((a) => a.kind.startsWith('backups.'));
}

describe('backups: create and verify', () => {
  it('writes a verified copy of the database and the attachments, checked in a worker thread', async () => {
    // The real worker: no checkInThread here.
    t = await setUp({ moduleOptions: {} });
    const r = await addResident(t, '张桂兰');
    const attachment = await addPhoto(t, r.id);

    const row = await t.call('backups.create', {}, t.adminToken);
    expect(row).toMatchObject({ reason: 'manual', verified: true, attachments: 1, copiedTo: null });
    expect(row.keptAs).toEqual(['daily', 'weekly', 'monthly']);
    expect(row.verifyDetail).toContain('完整性检查通过');

    const dir = join(t.dir, 'backups', row.fileName);
    // Nothing else in the folder: no -wal or -shm left behind by the checks.
    expect(filesUnder(dir).filter((f) => !f.startsWith('attachments/'))).toEqual([
      'backup.json',
      'caredesk.db',
    ]);
    const copied = filesUnder(join(dir, 'attachments'));
    expect(copied).toHaveLength(1);
    expect(readFileSync(join(dir, 'attachments', copied[0]!))).toEqual(photo);
    expect(attachment.id).toBeGreaterThan(0);

    // The recorded counts are the copy's real counts, and they match the live database at that time.
    const copy = new Database(join(dir, 'caredesk.db'), { readonly: true });
    const count = (table: string) =>
      (copy.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(row.rowCounts.residents).toBe(1);
    expect(row.rowCounts.audit_log).toBe(count('audit_log'));
    expect(row.auditRows).toBe(count('audit_log'));
    expect(row.schemaVersion).toBe(copy.pragma('user_version', { simple: true }));
    copy.close();
    expect(row.bytes).toBeGreaterThan(10_000);

    // The row the list shows is the row stored beside the copy.
    const list = await t.call('backups.list', {}, t.adminToken);
    expect(list.backups).toEqual([row]);
    expect(readJson<BackupRow>(join(dir, 'backup.json'))).toEqual({ ...row, keptAs: undefined });
    // Taking a backup is audited (after the copy, so the copy does not hold its own row).
    const audit = await t.call('audit.list', { module: 'backups' }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({ procedure: 'backups.create', entityId: String(row.id) });
  });

  it('checks a file the same way in the worker and in this thread', async () => {
    t = await setUp();
    const row = await t.call('backups.create', {}, t.adminToken);
    const path = join(t.dir, 'backups', row.fileName, 'caredesk.db');
    const inWorker = await checkDatabaseFile(path);
    expect(inWorker).toEqual(await checkDatabaseFile(path, { inThread: true }));
    expect(inWorker.integrity).toBe('ok');
  });

  it('refuses a copy whose audit chain was tampered with, and says so', async () => {
    t = await setUp();
    const row = await t.call('backups.create', {}, t.adminToken);
    const path = join(t.dir, 'backups', row.fileName, 'caredesk.db');
    const copy = new Database(path);
    copy.exec('DROP TRIGGER audit_log_no_update');
    copy.prepare("UPDATE audit_log SET username = 'mallory' WHERE id = 1").run();
    copy.close();
    const error = await t.fail('backups.restore', { id: row.id, confirm: '恢复' }, t.adminToken);
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain('审计日志在第 1 条断开');
  });

  it('gives two backups in the same millisecond their own folders', async () => {
    t = await setUp();
    const [a, b] = await Promise.all([
      t.call('backups.create', {}, t.adminToken),
      t.call('backups.create', {}, t.adminToken),
    ]);
    expect(a!.id).not.toBe(b!.id);
    expect(a!.fileName).not.toBe(b!.fileName);
    const list = await t.call('backups.list', {}, t.adminToken);
    expect(list.backups).toHaveLength(2);
  });
});

describe('backups: second folder', () => {
  it('copies each backup to the second folder and rotates there too', async () => {
    t = await setUp();
    const second = join(t.dir, 'usb', 'CareDesk备份');
    await t.call('backups.configure', { secondFolder: second }, t.adminToken);
    const row = await t.call('backups.create', {}, t.adminToken);
    expect(row).toMatchObject({ copiedTo: second, copyError: null });
    expect(filesUnder(join(second, row.fileName))).toEqual(filesUnder(join(t.dir, 'backups', row.fileName)));
    expect(readJson<BackupRow>(join(second, row.fileName, 'backup.json')).copiedTo).toBe(second);
    expect(await alertKinds(t.adminToken)).toEqual([]);
  });

  it('reports a missing or unwritable second folder as a copy error and an alert, and keeps the backup', async () => {
    t = await setUp();
    const blocker = join(t.dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the USB disk should be');
    await t.call('backups.configure', { secondFolder: join(blocker, 'CareDesk备份') }, t.adminToken);
    const row = await t.call('backups.create', {}, t.adminToken);
    expect(row.verified).toBe(true);
    expect(row.copiedTo).toBeNull();
    expect(row.copyError).toContain('没有复制到第二个备份位置');
    expect(filesUnder(join(t.dir, 'backups', row.fileName))).toContain('caredesk.db');
    expect(await alertKinds(t.adminToken)).toEqual([
      expect.objectContaining({ kind: 'backups.copyFailed', severity: 'warning', detail: row.copyError }),
    ]);

    // Plugged in again: the next backup is copied and the alert goes away.
    rmSync(blocker);
    t.clock.advance(HOUR);
    const next = await t.call('backups.create', {}, t.adminToken);
    expect(next.copiedTo).toBe(join(blocker, 'CareDesk备份'));
    expect(await alertKinds(t.adminToken)).toEqual([]);
  });

  it('refuses a second folder inside the backup folder or without a full path', async () => {
    t = await setUp();
    const inside = await t.fail(
      'backups.configure',
      { secondFolder: join(t.dir, 'backups', 'copy') },
      t.adminToken,
    );
    expect(inside).toMatchObject({ code: 'VALIDATION' });
    const relative = await t.fail('backups.configure', { secondFolder: 'backups2' }, t.adminToken);
    expect(relative.message).toContain('请填写完整路径');
    const overview = await t.call('backups.configure', { secondFolder: '', dailyAt: '03:30' }, t.adminToken);
    expect(overview).toMatchObject({ secondFolder: '', dailyAt: '03:30' });
  });
});

describe('backups: alerts', () => {
  it('records a failed backup and raises a critical alert for administrators only, until one succeeds', async () => {
    t = await setUp();
    const folder = join(t.dir, 'backups');
    writeFileSync(folder, 'the backup folder is a file');
    const nurse = await addUser(t, 'nurse1', ['nurse']);

    const error = await t.fail('backups.create', {}, t.adminToken);
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toContain('备份没有完成');
    const failing = await alertKinds(t.adminToken);
    expect(failing).toEqual([
      expect.objectContaining({ kind: 'backups.failing', severity: 'critical', link: '/system/backups' }),
    ]);
    expect(await alertKinds(nurse)).toEqual([]);
    const list = await t.call('backups.list', {}, t.adminToken);
    expect(list.lastFailure).toMatchObject({ reason: 'manual', at: t.clock.now().toISOString() });
    // The failure is in the audit log too.
    const audit = await t.call('audit.list', { module: 'backups' }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({ procedure: 'backups.failed' });

    // It survives a restart of the app: it is stored, not only remembered.
    const { dbPath, clock } = t;
    t.core.close();
    const reopened = createCore({ dbPath, clock, logger: silentLogger, moduleOptions: t.options });
    try {
      const login = await reopened.dispatch('auth.login', { username: 'admin', password: ADMIN.password });
      const token = login.sessionToken!;
      const kinds = async () => {
        const { result } = await reopened.dispatch('alerts.list', {}, token);
        if (!result.ok) throw new Error(result.error.message);
        return (result.value as Alert[]).map((a) => a.kind).filter((k) => k.startsWith('backups.'));
      };
      expect(await kinds()).toEqual(['backups.failing']);

      rmSync(folder);
      mkdirSync(folder);
      clock.advance(HOUR);
      expect((await reopened.dispatch('backups.create', {}, token)).result.ok).toBe(true);
      expect(await kinds()).toEqual([]);
    } finally {
      await reopened.close();
      rmSync(t.dir, { recursive: true, force: true });
      t = undefined;
    }
  });

  it('warns when the newest backup is more than 26 hours old', async () => {
    t = await setUp();
    // A new installation has a day for its first backup.
    expect(await alertKinds(t.adminToken)).toEqual([]);
    t.clock.advance(27 * HOUR);
    const nextDay = await t.login('admin', 'admin-password-1');
    expect((await alertKinds(nextDay)).map((a) => a.title)).toEqual(['还没有任何数据备份']);
    await t.call('backups.create', {}, nextDay);
    expect(await alertKinds(nextDay)).toEqual([]);
    t.clock.advance(26 * HOUR);
    const later = await t.login('admin', 'admin-password-1');
    expect(await alertKinds(later)).toEqual([]);
    t.clock.advance(HOUR);
    expect(await alertKinds(later)).toEqual([
      expect.objectContaining({
        kind: 'backups.missing',
        severity: 'warning',
        title: '超过一天没有新的备份',
      }),
    ]);
  });
});
