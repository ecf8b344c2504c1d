import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/app';
import { FakeClock } from '../../../src-main/core/clock';
import { openDatabase } from '../../../src-main/core/db/connection';
import { migrate, schemaVersion, type Migration } from '../../../src-main/core/db/migrate';
import { allMigrations } from '../../../src-main/core/modules';
const migrations = allMigrations();
import { silentLogger } from '../../../src-main/core/logger';
import { AppError } from '../../../src-main/shared/errors';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caredesk-mig-'));
  dirs.push(dir);
  return join(dir, 'caredesk.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const now = new Date('2026-11-25T02:00:00Z');
const run = (db: Database.Database, list: readonly Migration[], backupDir?: string) =>
  migrate(db, { migrations: list, now, logger: silentLogger, ...(backupDir ? { backupDir } : {}) });

describe('migrations', () => {
  it('are numbered 1..N in file order with zero-padded names', () => {
    migrations.forEach((m, i) => {
      expect(m.version).toBe(i + 1);
      expect(m.name.startsWith(String(i + 1).padStart(4, '0') + '-')).toBe(true);
    });
  });

  it('0001 creates the foundation tables, seeds the roles and makes the audit log append-only', () => {
    const db = openDatabase(tempDb());
    run(db, migrations.slice(0, 1));
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'institution',
        'settings',
        'users',
        'roles',
        'user_roles',
        'role_permissions',
        'sessions',
        'audit_log',
      ]),
    );
    expect(db.prepare('SELECT count(*) AS n FROM roles').get()).toEqual({ n: 7 });
    expect(db.prepare("SELECT permission FROM role_permissions WHERE role = 'administrator'").get()).toEqual({
      permission: '*',
    });
    db.prepare(
      "INSERT INTO audit_log (at, procedure, module, prev_hash, hash) VALUES ('x', 'a.b', 'a', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET hash = 'z'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO users (username, display_name, password_hash, failed_attempts, created_at, updated_at) VALUES ('u', 'd', 'h', 'many', 'x', 'x')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('runs the whole chain on an empty file and is idempotent', () => {
    const path = tempDb();
    const db = openDatabase(path);
    const first = run(db, migrations);
    expect(first).toMatchObject({ from: 0, to: migrations.length, backupPath: null });
    expect(schemaVersion(db)).toBe(migrations.length);
    expect(run(db, migrations)).toMatchObject({ from: migrations.length, to: migrations.length });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    db.close();
  });

  it('backs up the file before migrating an existing database', () => {
    const path = tempDb();
    const backupDir = join(path, '..', 'backups');
    const db = openDatabase(path);
    run(db, migrations.slice(0, 1));
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('marker', '\"kept\"', 'x')").run();
    const extra: Migration = {
      version: 2,
      name: '0002-test-extra',
      up: (d) => d.exec('CREATE TABLE extra (x TEXT) STRICT'),
    };
    const report = run(db, [migrations[0]!, extra], backupDir);
    expect(report.backupPath).not.toBeNull();
    expect(readdirSync(backupDir)).toHaveLength(1);
    const backup = new Database(report.backupPath!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({
      value: '"kept"',
    });
    backup.close();
    db.close();
  });

  it('rolls back a migration that fails half-way and leaves the version unchanged', () => {
    const db = openDatabase(tempDb());
    run(db, migrations.slice(0, 1));
    const failing: Migration = {
      version: 2,
      name: '0002-broken',
      up: (d) => {
        d.exec('CREATE TABLE half (x TEXT) STRICT');
        throw new Error('boom');
      },
    };
    expect(() => run(db, [migrations[0]!, failing])).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('refuses a database written by a newer CareDesk, with a clear message', () => {
    const path = tempDb();
    const db = openDatabase(path);
    run(db, migrations);
    db.pragma(`user_version = ${migrations.length + 5}`);
    db.close();
    let caught: unknown;
    try {
      createCore({ dbPath: path, clock: new FakeClock(), logger: silentLogger });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('DB_TOO_NEW');
    expect((caught as AppError).message).toContain('请安装最新版本');
  });

  it('refuses a corrupt file instead of running on it', () => {
    const path = tempDb();
    writeFileSync(path, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)]));
    let caught: unknown;
    try {
      createCore({ dbPath: path, clock: new FakeClock(), logger: silentLogger });
    } catch (error) {
      caught = error;
    }
    expect((caught as AppError).code).toBe('DB_CORRUPT');
    expect((caught as AppError).message).toContain('备份');
    expect(existsSync(path)).toBe(true);
  });
});
