import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection';
import { migrate } from '../../../src-main/core/db/migrate';
import type { SqliteDb } from '../../../src-main/core/db/sql';
import { silentLogger } from '../../../src-main/core/logger';
import { allMigrations } from '../../../src-main/core/modules';
import { scoresWithTotal } from './support';

const migrations = allMigrations();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const levelOf = (total: number) =>
  total >= 90
    ? 'intact'
    : total >= 66
      ? 'mild'
      : total >= 46
        ? 'moderate'
        : total >= 30
          ? 'severe'
          : 'complete';

function seed(db: SqliteDb) {
  const at = '2026-01-01T00:00:00.000Z';
  db.prepare(
    "INSERT INTO institution (id, name, time_zone, updated_at) VALUES (1, '幸福里', 'Asia/Shanghai', ?)",
  ).run(at);
  // The institution had moved 轻度失能 to 失能 before this version: the backfill uses what is stored.
  db.prepare(
    "INSERT INTO residents_config (key, value, updated_at) VALUES ('careCategoryMapping', ?, ?)",
  ).run(
    JSON.stringify({
      intact: 'selfCare',
      mild: 'dependent',
      moderate: 'partlyDependent',
      severe: 'dependent',
      complete: 'dependent',
    }),
    at,
  );
  db.prepare("INSERT INTO buildings (id, name, created_at, updated_at) VALUES (1, '1号楼', ?, ?)").run(
    at,
    at,
  );
  db.prepare(
    "INSERT INTO rooms (id, building_id, floor, number, sort_no, room_class, created_at) VALUES (1, 1, 3, '301', 301, '双人间', ?)",
  ).run(at);
  let beds = 0;
  const resident = (
    name: string,
    status: string,
    extra: { admittedOn?: string; dischargedOn?: string; override?: string; reason?: string } = {},
  ) => {
    let bedId: number | null = null;
    if (status === 'admitted') {
      beds += 1;
      bedId = Number(
        db
          .prepare(
            "INSERT INTO beds (room_id, number, label, kind, created_at, updated_at) VALUES (1, ?, ?, 'nursing', ?, ?)",
          )
          .run(beds, `301-${beds}`, at, at).lastInsertRowid,
      );
    }
    return Number(
      db
        .prepare(
          `INSERT INTO residents (status, name, pinyin_initials, pinyin_full, id_type, support_type, applied_on,
             bed_id, admitted_on, discharged_on, care_grade_override, care_grade_override_reason, created_at, updated_at)
           VALUES (?, ?, '', '', 'resident', 'social', '2025-01-01', ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          status,
          name,
          bedId,
          extra.admittedOn ?? null,
          extra.dischargedOn ?? null,
          extra.override ?? null,
          extra.reason ?? null,
          at,
          at,
        ).lastInsertRowid,
    );
  };
  const event = (residentId: number, on: string, action: string, from: string | null, to: string) =>
    db
      .prepare(
        'INSERT INTO resident_events (resident_id, at, on_date, action, from_status, to_status) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(residentId, at, on, action, from, to);
  const assess = (residentId: number, on: string, total: number) =>
    Number(
      db
        .prepare(
          `INSERT INTO ability_assessments (resident_id, assessed_on, reason, scores_json, flags_json,
             dimension_totals_json, total, base_level, level, adjustment, adjustment_reasons_json,
             care_risk_events, assessor_ids_json, recorded_at)
           VALUES (?, ?, 'routine', ?, '{}', '{}', ?, ?, ?, 'none', '[]', 0, '[1]', ?)`,
        )
        .run(
          residentId,
          on,
          JSON.stringify(scoresWithTotal(total)),
          total,
          levelOf(total),
          levelOf(total),
          at,
        ).lastInsertRowid,
    );

  // 张: in residence since 02-01 with a leave in May; reassessed in June; set to 特级 by hand.
  const zhang = resident('张桂兰', 'admitted', {
    admittedOn: '2026-02-01',
    override: '特级',
    reason: '鼻饲',
  });
  event(zhang, '2026-01-05', 'create', null, 'waiting');
  event(zhang, '2026-02-01', 'admit', 'waiting', 'admitted');
  event(zhang, '2026-05-01', 'startLeave', 'admitted', 'onLeave');
  event(zhang, '2026-05-10', 'endLeave', 'onLeave', 'admitted');
  const zhangFirst = assess(zhang, '2026-01-20', 90);
  const zhangJune = assess(zhang, '2026-06-01', 70);
  // 18:00 UTC on 07-01 is 02:00 on 07-02 in Shanghai: the override counts from the local date.
  db.prepare(
    `INSERT INTO audit_log (at, procedure, module, entity, entity_id, after_json, prev_hash, hash)
     VALUES ('2026-07-01T18:00:00.000Z', 'residents.setCareGrade', 'residents', 'resident', ?, '{}', 'x', 'y')`,
  ).run(String(zhang));

  // 李: two stays, discharged now; the second stay starts under an assessment made in between.
  const li = resident('李德胜', 'discharged', { admittedOn: '2026-04-01', dischargedOn: '2026-08-01' });
  event(li, '2025-12-01', 'create', null, 'waiting');
  event(li, '2026-01-01', 'admit', 'waiting', 'admitted');
  event(li, '2026-03-01', 'discharge', 'admitted', 'discharged');
  event(li, '2026-04-01', 'admit', 'discharged', 'admitted');
  event(li, '2026-08-01', 'discharge', 'admitted', 'discharged');
  const liFirst = assess(li, '2025-12-20', 40);
  const liSecond = assess(li, '2026-03-20', 90);

  // 王: on the waiting list, assessed but never admitted: no history.
  const wang = resident('王秀英', 'waiting');
  event(wang, '2026-03-01', 'create', null, 'waiting');
  assess(wang, '2026-03-02', 40);

  // 赵: brought in by the ledger import without an assessment, grade set by hand (no audit row).
  const zhao = resident('赵淑芬', 'admitted', {
    admittedOn: '2025-06-01',
    override: '二级',
    reason: '家属要求',
  });
  event(zhao, '2025-06-01', 'import', null, 'admitted');

  return { zhang, zhangFirst, zhangJune, li, liFirst, liSecond, wang, zhao };
}

describe('migration 0005-create-care-history', () => {
  it('reconstructs each stay from the event log, the assessments and the hand-set grade', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-mig5-'));
    dirs.push(dir);
    const db = openDatabase(join(dir, 'caredesk.db'));
    const now = new Date('2026-11-25T02:00:00Z');
    expect(migrations[4]!.name).toBe('0005-create-care-history');
    migrate(db, { migrations: migrations.slice(0, 4), now, logger: silentLogger });
    const ids = seed(db);
    migrate(db, { migrations: migrations.slice(0, 5), now, logger: silentLogger, backupDir: join(dir, 'b') });

    const rows = (residentId: number) =>
      db
        .prepare(
          `SELECT from_on, to_on, category, grade, ability_level, assessment_id, grade_override, override_reason,
                  cause, backfilled
           FROM care_history WHERE resident_id = ? ORDER BY from_on`,
        )
        .all(residentId);

    expect(rows(ids.zhang)).toEqual([
      {
        from_on: '2026-02-01',
        to_on: '2026-06-01',
        category: 'selfCare',
        grade: '三级',
        ability_level: 'intact',
        assessment_id: ids.zhangFirst,
        grade_override: null,
        override_reason: null,
        cause: 'admission',
        backfilled: 1,
      },
      {
        from_on: '2026-06-01',
        to_on: '2026-07-02',
        category: 'dependent',
        grade: '一级',
        ability_level: 'mild',
        assessment_id: ids.zhangJune,
        grade_override: null,
        override_reason: null,
        cause: 'assessment',
        backfilled: 1,
      },
      {
        from_on: '2026-07-02',
        to_on: null,
        category: 'dependent',
        grade: '特级',
        ability_level: 'mild',
        assessment_id: ids.zhangJune,
        grade_override: '特级',
        override_reason: '鼻饲',
        cause: 'override',
        backfilled: 1,
      },
    ]);
    expect(rows(ids.li)).toMatchObject([
      {
        from_on: '2026-01-01',
        to_on: '2026-03-01',
        category: 'dependent',
        grade: '一级',
        assessment_id: ids.liFirst,
      },
      {
        from_on: '2026-04-01',
        to_on: '2026-08-01',
        category: 'selfCare',
        grade: '三级',
        assessment_id: ids.liSecond,
      },
    ]);
    expect(rows(ids.wang)).toEqual([]);
    expect(rows(ids.zhao)).toMatchObject([
      {
        from_on: '2025-06-01',
        to_on: null,
        category: null,
        grade: '二级',
        grade_override: '二级',
        cause: 'admission',
      },
    ]);
    const rules = JSON.parse(
      (db.prepare('SELECT rules_json FROM care_history LIMIT 1').get() as { rules_json: string }).rules_json,
    );
    expect(rules.mapping.mild).toBe('dependent');
    expect(rules.categoryGrade).toEqual({ selfCare: '三级', partlyDependent: '二级', dependent: '一级' });

    // One current period per resident, and no empty or reversed periods.
    const open = db.prepare(
      'INSERT INTO care_history (resident_id, from_on, rules_json, cause) VALUES (?, ?, ?, ?)',
    );
    expect(() => open.run(ids.zhang, '2026-09-01', '{}', 'settings')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare(
          "INSERT INTO care_history (resident_id, from_on, to_on, rules_json, cause) VALUES (?, '2026-09-01', '2026-09-01', '{}', 'settings')",
        )
        .run(ids.wang),
    ).toThrow(/CHECK/);
    db.close();
  });
});
