import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../../src-main/http/app';
import type { BackupRow } from '../../../src-main/shared/contract/backups';
import { makeIdNumber } from '../../../src-main/shared/id-number';
import { ADMIN, addUser } from '../../support/core';
import { photo, setUp, type SetUp } from './support';

let t: SetUp | undefined;
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
  t?.close();
});

interface Reply<T = unknown> {
  ok: boolean;
  value: T;
  error?: { code: string; message: string };
}

function client(base: string) {
  let cookie = '';
  async function post<T>(name: string, body: unknown, as = cookie): Promise<Reply<T>> {
    const response = await fetch(`${base}/api/call/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(as ? { cookie: as } : {}) },
      body: JSON.stringify(body),
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie && as === cookie) cookie = setCookie.split(';')[0]!;
    return (await response.json()) as Reply<T>;
  }
  return {
    post,
    async ok<T>(name: string, body: unknown): Promise<T> {
      const reply = await post<T>(name, body);
      if (!reply.ok) throw new Error(`${name}: ${reply.error?.code} ${reply.error?.message}`);
      return reply.value;
    },
    get cookie() {
      return cookie;
    },
    async login(username: string, password: string) {
      cookie = '';
      const reply = await post('auth.login', { username, password });
      if (!reply.ok) throw new Error(`login: ${reply.error?.message}`);
      return cookie;
    },
  };
}

/** Every row of every table, as sorted JSON lines, but the tables a restore itself writes. */
function contents(path: string, skip: string[]): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    const tables = (
      db
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .all() as Array<{ name: string }>
    )
      .map((r) => r.name)
      .filter((n) => !skip.includes(n));
    return Object.fromEntries(
      tables.map((name) => [
        name,
        db
          .prepare(`SELECT * FROM "${name}"`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

describe('backups: restore end to end over HTTP', () => {
  it('brings back the data and attachments of the backup, keeps a safety copy and the audit chain, and keeps serving', async () => {
    // The app's own configuration: the integrity check runs in a worker thread.
    t = await setUp({ moduleOptions: {} });
    app = await buildHttpApp(t.core);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const admin = client(base);
    await admin.login(ADMIN.username, ADMIN.password);
    const nurseToken = await addUser(t, 'nurse1', ['nurse']);

    type Resident = { id: number; name: string };
    const before = await admin.ok<Resident>('residents.create', {
      name: '张桂兰',
      idNumber: makeIdNumber('110101', '1940-05-12', 11),
    });
    const beforePhoto = await admin.ok<{ id: number }>('residents.addAttachment', {
      residentId: before.id,
      kind: 'photo',
      fileName: '照片.png',
      mimeType: 'image/png',
      base64: photo.toString('base64'),
    });
    const backup = await admin.ok<BackupRow>('backups.create', {});
    expect(backup.verified).toBe(true);

    // After the backup: a new resident with a photo, and the first photo removed.
    t.clock.advance(60_000);
    const after = await admin.ok<Resident>('residents.create', {
      name: '李秀英',
      idNumber: makeIdNumber('110101', '1938-02-03', 22),
    });
    await admin.ok('residents.addAttachment', {
      residentId: after.id,
      kind: 'photo',
      fileName: '新照片.png',
      mimeType: 'image/png',
      base64: Buffer.from('after the backup').toString('base64'),
    });
    await admin.ok('residents.removeAttachment', { id: beforePhoto.id });

    // Only an administrator restores, and only after typing the word.
    const nurse = client(base);
    const forbidden = await nurse.post(
      'backups.restore',
      { id: backup.id, confirm: '恢复' },
      `caredesk_session=${nurseToken}`,
    );
    expect(forbidden.error?.code).toBe('FORBIDDEN');
    const wrongWord = await admin.post('backups.restore', { id: backup.id, confirm: '确定' });
    expect(wrongWord.error).toMatchObject({ code: 'VALIDATION' });
    expect(wrongWord.error?.message).toContain('请输入“恢复”两个字以确认');
    expect(await admin.ok<Resident[]>('residents.list', {})).toMatchObject({ total: 2 });

    // Everyone's event stream ends with the restore: their sessions are gone.
    const stream = await fetch(`${base}/api/events`, { headers: { cookie: admin.cookie } });
    const streamEnded = (async () => {
      const reader = stream.body!.getReader();
      while (!(await reader.read()).done) {
        /* drain until the server ends it */
      }
    })();

    const oldCookie = admin.cookie;
    t.clock.advance(60_000);
    const restored = await admin.post<{ restored: BackupRow; safetyCopy: BackupRow }>('backups.restore', {
      id: backup.id,
      confirm: '恢复',
    });
    expect(restored.ok).toBe(true);
    await streamEnded;
    expect(restored.value.restored.id).toBe(backup.id);
    const safety = restored.value.safetyCopy;
    expect(safety).toMatchObject({ reason: 'safety', verified: true });
    // The safety copy holds what was there just before: both residents, one photo.
    expect(safety.rowCounts.residents).toBe(2);
    expect(existsSync(join(t.dir, 'backups', safety.fileName, 'caredesk.db'))).toBe(true);

    // Nothing else changed: every table is exactly as in the backup, but the audit log (one row
    // for the restore) and the sessions.
    const skip = ['audit_log', 'sessions'];
    expect(contents(t.dbPath, skip)).toEqual(
      contents(join(t.dir, 'backups', backup.fileName, 'caredesk.db'), skip),
    );

    // Everyone signs in again, the restorer too; the same server answers.
    expect((await admin.post('auth.me', {}, oldCookie)).error?.code).toBe('UNAUTHENTICATED');
    expect((await nurse.post('auth.me', {}, `caredesk_session=${nurseToken}`)).error?.code).toBe(
      'UNAUTHENTICATED',
    );
    await admin.login(ADMIN.username, ADMIN.password);
    const verify = await admin.ok<{ intact: boolean; rows: number }>('audit.verify', {});
    expect(verify.intact).toBe(true);
    const audit = await admin.ok<{ rows: Array<{ procedure: string; username: string; after: unknown }> }>(
      'audit.list',
      { limit: 5 },
    );
    const newest = audit.rows.find((r) => r.procedure !== 'auth.login')!;
    expect(newest).toMatchObject({
      procedure: 'backups.restore',
      username: 'admin',
      after: { restoredFrom: backup.fileName, safetyCopy: safety.fileName },
    });
    // The restore row directly follows the backup's own last row.
    expect(verify.rows).toBe(backup.auditRows + 2);

    // The data from before the backup, with its photo file, is back; the later resident is gone.
    const residents = await admin.ok<{ rows: Resident[]; total: number }>('residents.list', {});
    expect(residents.rows.map((r) => r.name)).toEqual(['张桂兰']);
    const file = await admin.ok<{ base64: string }>('residents.getAttachment', { id: beforePhoto.id });
    expect(Buffer.from(file.base64, 'base64')).toEqual(photo);
  });
});
