import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection';
import { migrate } from '../../../src-main/core/db/migrate';
import { allMigrations } from '../../../src-main/core/modules';
const migrations = allMigrations();
import { silentLogger } from '../../../src-main/core/logger';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('migration 0003-create-nursecall', () => {
  it('creates the tables, grants the default permissions and allows one open call per address', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-mig3-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'caredesk.db'));
    const now = new Date('2026-11-25T02:00:00Z');
    migrate(db, { migrations: migrations.slice(0, 2), now, logger: silentLogger });
    migrate(db, {
      migrations: migrations.slice(0, 3),
      now,
      logger: silentLogger,
      backupDir: join(dir, 'backups'),
    });
    expect(migrations[2]!.name).toBe('0003-create-nursecall');

    const grants = db
      .prepare(
        "SELECT role, permission FROM role_permissions WHERE permission LIKE 'nursecall.%' ORDER BY role, permission",
      )
      .all();
    expect(grants).toEqual([
      { role: 'caregiver', permission: 'nursecall.read' },
      { role: 'caregiver', permission: 'nursecall.respond' },
      { role: 'frontDesk', permission: 'nursecall.read' },
      { role: 'frontDesk', permission: 'nursecall.respond' },
      { role: 'headNurse', permission: 'nursecall.configure' },
      { role: 'headNurse', permission: 'nursecall.export' },
      { role: 'headNurse', permission: 'nursecall.read' },
      { role: 'headNurse', permission: 'nursecall.respond' },
      { role: 'nurse', permission: 'nursecall.read' },
      { role: 'nurse', permission: 'nursecall.respond' },
    ]);

    const insert = db.prepare(
      `INSERT INTO nursecall_calls (address, label, mapped, zone, priority, status, raised_at, raised_on, last_seen_at, cleared_at)
       VALUES (?, 'x', 0, 'z', 'normal', ?, 't', '2026-11-25', 't', ?)`,
    );
    insert.run('201', 'raised', null);
    expect(() => insert.run('201', 'raised', null)).toThrow(/UNIQUE/);
    db.prepare(
      "UPDATE nursecall_calls SET status = 'cleared', cleared_at = 't2' WHERE address = '201'",
    ).run();
    insert.run('201', 'raised', null);
    expect(() => insert.run('202', 'acknowledged', null)).toThrow(/CHECK/);
    expect(() => insert.run('203', 'cleared', null)).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO nursecall_addresses (address, area, label, updated_at) VALUES ('9', '', '', 't')",
        )
        .run(),
    ).toThrow(/CHECK/);
    db.close();
  });
});
