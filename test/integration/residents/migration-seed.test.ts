import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seedDemo } from '../../../src-main/core/demo/seed';
import { openDatabase } from '../../../src-main/core/db/connection';
import { migrate } from '../../../src-main/core/db/migrate';
import { allMigrations } from '../../../src-main/core/modules';
const migrations = allMigrations();
import { silentLogger } from '../../../src-main/core/logger';
import { sortWaitingList } from '../../../src-main/shared/residents/lifecycle';
import { makeCore, type TestCore } from '../../support/core';

const dirs: string[] = [];
let t: TestCore | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('0002-create-residents', () => {
  it('migrates a foundation database, keeps its data and grants the default permissions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-mig2-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'caredesk.db'));
    const now = new Date('2026-11-25T02:00:00Z');
    migrate(db, { migrations: migrations.slice(0, 1), now, logger: silentLogger });
    db.prepare("INSERT INTO role_permissions (role, permission) VALUES ('nurse', 'residents.read')").run();
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', 'x')").run();
    migrate(db, { migrations: migrations.slice(0, 2), now, logger: silentLogger });

    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'buildings',
        'rooms',
        'beds',
        'residents',
        'resident_events',
        'ability_assessments',
        'risk_assessments',
        'incidents',
        'resident_attachments',
      ]),
    );
    expect(db.prepare('SELECT count(*) AS n FROM settings').get()).toEqual({ n: 1 });
    const granted = (role: string) =>
      (
        db
          .prepare('SELECT permission FROM role_permissions WHERE role = ? ORDER BY permission')
          .all(role) as { permission: string }[]
      )
        .map((r) => r.permission)
        .filter((p) => /^(residents|assessments|facilities)\./.test(p));
    expect(granted('caregiver')).toEqual(['residents.read']);
    expect(granted('nurse')).toEqual(['assessments.write', 'residents.read']);
    expect(granted('headNurse')).toEqual([
      'assessments.write',
      'facilities.manage',
      'residents.discharge',
      'residents.export',
      'residents.read',
      'residents.viewIdNumber',
      'residents.write',
    ]);
    expect(granted('frontDesk')).toEqual([
      'facilities.manage',
      'residents.export',
      'residents.read',
      'residents.viewIdNumber',
      'residents.write',
    ]);
    expect(granted('finance')).toEqual(['residents.export', 'residents.read']);
    expect(granted('fireOfficer')).toEqual(['residents.read']);
    // STRICT tables and the checks hold.
    db.prepare("INSERT INTO buildings (id, name, created_at, updated_at) VALUES (1, 'A', 'x', 'x')").run();
    expect(() =>
      db
        .prepare(
          "INSERT INTO rooms (building_id, floor, number, sort_no, room_class, created_at) VALUES (1, 'three', '301', 301, 'x', 'x')",
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO residents (status, name, pinyin_initials, pinyin_full, id_type, support_type, applied_on, created_at, updated_at) VALUES ('admitted', 'x', 'x', 'x', 'resident', 'social', '2026-01-01', 'x', 'x')",
        )
        .run(),
    ).toThrow(/CHECK/);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});

describe('demo seed', () => {
  it('creates about 120 beds and 90 residents spread over the categories, deterministically', async () => {
    t = makeCore();
    expect(seedDemo(t.core, { seed: 7 })).toHaveLength(7);
    const { residents } = t.core.services;
    const now = { now: t.clock.now() };
    const board = residents.facilities.board(undefined, now);
    expect(board.buildings.map((b) => b.name)).toEqual(['1号楼', '2号楼']);
    expect(board.counts.total).toBe(120);
    expect(board.counts.nursingBeds).toBe(66);
    expect(board.counts.outOfService).toBe(1);
    expect(board.counts.reserved).toBe(2);
    expect(board.counts.onLeave).toBeGreaterThanOrEqual(3);
    expect(board.counts.occupied + board.counts.onLeave).toBe(90);

    const inResidence = residents.records.list(
      { statuses: ['admitted', 'onLeave'], offset: 0, limit: 500 },
      now,
    );
    expect(inResidence.total).toBe(90);
    const byCategory = residents.careCategoryCounts();
    for (const c of ['selfCare', 'partlyDependent', 'dependent'] as const) {
      expect(byCategory[c].admitted + byCategory[c].onLeave).toBeGreaterThanOrEqual(8);
    }
    expect(byCategory.unassessed.admitted).toBe(0);
    expect(inResidence.rows.every((r) => r.riskBadges !== undefined && r.careGrade !== null)).toBe(true);
    expect(inResidence.rows.some((r) => r.riskBadges.length > 0)).toBe(true);
    const waiting = residents.records.waitingList(now);
    expect(waiting.length).toBeGreaterThanOrEqual(5);
    // The SQL ordering of the list agrees with the shared comparator the UI and tests use.
    expect(waiting.map((w) => w.id)).toEqual(sortWaitingList(waiting).map((w) => w.id));
    expect(
      residents.records.list({ statuses: ['discharged', 'archived'], offset: 0, limit: 50 }, now).total,
    ).toBe(5);
    expect(residents.assessments.due(now).some((d) => d.why === 'flagged')).toBe(true);

    // Nurse-call addresses 201… ring real beds, so the simulator demo shows a resident.
    const addresses = t.core.services.nurseCall.addresses.list(t.clock.now());
    expect(addresses).toHaveLength(21);
    expect(addresses.find((a) => a.address === '201')).toMatchObject({ label: '1号楼 101-1床' });
    expect(addresses.find((a) => a.address === '301')).toMatchObject({ area: '1号楼 1层 公共卫生间' });

    // Every change went through the services with its audit row, and the chain is intact.
    expect(await t.call('auth.status', {})).toMatchObject({ setupRequired: false });
    expect(t.core.services.auditLog.verify()).toMatchObject({ intact: true });
    const audited = t.core.sql.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE procedure = 'demo.seed' AND entity = 'resident'")
      .get() as { n: number };
    expect(audited.n).toBeGreaterThan(200);

    const again = makeCore();
    seedDemo(again.core, { seed: 7 });
    const names = (c: TestCore) =>
      c.core.sql.db
        .prepare('SELECT name, bed_id, care_category FROM residents ORDER BY id')
        .all() as unknown[];
    expect(names(again)).toEqual(names(t));
    again.close();
  }, 60_000);
});
