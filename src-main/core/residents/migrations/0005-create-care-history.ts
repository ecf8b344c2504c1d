import { localDate } from '../../clock';
import type { Migration } from '../../db/migrate';
import type { SqliteDb } from '../../db/sql';

// Frozen with this migration: the defaults of version 5, so a later change to the app's defaults
// cannot change what this backfill produced on an older database.
const levels = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
const categories = ['selfCare', 'partlyDependent', 'dependent'] as const;
type Level = (typeof levels)[number];
type Category = (typeof categories)[number];
const defaultMapping: Record<Level, Category> = {
  intact: 'selfCare',
  mild: 'partlyDependent',
  moderate: 'partlyDependent',
  severe: 'dependent',
  complete: 'dependent',
};
const defaultCategoryGrade: Record<Category, string> = {
  selfCare: '三级',
  partlyDependent: '二级',
  dependent: '一级',
};
const inResidence = new Set(['admitted', 'onLeave']);

interface Rules {
  mapping: Record<Level, Category>;
  categoryGrade: Record<Category, string>;
}

function parseStored(db: SqliteDb, key: string): unknown {
  const row = db.prepare('SELECT value FROM residents_config WHERE key = ?').get(key) as
    { value: string } | undefined;
  if (!row) return undefined;
  try {
    return JSON.parse(row.value);
  } catch {
    return undefined;
  }
}

/** The mapping and grade table stored now; anything unreadable falls back to the defaults. */
function currentRules(db: SqliteDb): Rules {
  const mapping = { ...defaultMapping };
  const storedMapping = parseStored(db, 'careCategoryMapping') as Record<string, unknown> | undefined;
  for (const level of levels) {
    const c = storedMapping?.[level];
    if (typeof c === 'string' && (categories as readonly string[]).includes(c))
      mapping[level] = c as Category;
  }
  const categoryGrade = { ...defaultCategoryGrade };
  const storedGrades = parseStored(db, 'categoryGrade') as Record<string, unknown> | undefined;
  for (const category of categories) {
    const g = storedGrades?.[category];
    if (typeof g === 'string' && g !== '') categoryGrade[category] = g;
  }
  return { mapping, categoryGrade };
}

/** Periods in residence from the resident's event log: an entry into admitted/onLeave opens one, leaving closes it. */
function staysOf(
  events: Array<{ on_date: string; from_status: string | null; to_status: string }>,
  resident: { status: string; admitted_on: string | null; discharged_on: string | null },
): Array<{ from: string; to: string | null }> {
  const stays: Array<{ from: string; to: string | null }> = [];
  let open: string | null = null;
  for (const e of events) {
    const was = e.from_status !== null && inResidence.has(e.from_status);
    const is = inResidence.has(e.to_status);
    if (open === null && is && !was) open = e.on_date;
    else if (open !== null && !is) {
      if (e.on_date > open) stays.push({ from: open, to: e.on_date });
      open = null;
    }
  }
  const living = inResidence.has(resident.status);
  if (open !== null) {
    if (living) stays.push({ from: open, to: null });
    else if (resident.discharged_on !== null && resident.discharged_on > open)
      stays.push({ from: open, to: resident.discharged_on });
  } else if (living && stays.length === 0 && resident.admitted_on !== null) {
    stays.push({ from: resident.admitted_on, to: null });
  }
  return stays;
}

/**
 * Creates the dated care history and reconstructs it for the residents already in the file:
 * their stays from the event log, the category of each ability assessment from its date under the
 * mapping stored now (earlier mappings were not kept), and the hand-set grade from the day the
 * audit log shows it was last set (the whole latest stay when the log has no such row).
 */
export const createCareHistory: Migration = {
  version: 5,
  name: '0005-create-care-history',
  up(db) {
    db.exec(`
      CREATE TABLE care_history (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL REFERENCES residents(id),
        from_on TEXT NOT NULL,
        to_on TEXT,
        category TEXT CHECK (category IN ('selfCare', 'partlyDependent', 'dependent')),
        grade TEXT,
        ability_level TEXT,
        assessment_id INTEGER REFERENCES ability_assessments(id),
        grade_override TEXT,
        override_reason TEXT,
        rules_json TEXT NOT NULL,
        cause TEXT NOT NULL CHECK (cause IN ('admission', 'assessment', 'override', 'settings')),
        backfilled INTEGER NOT NULL DEFAULT 0 CHECK (backfilled IN (0, 1)),
        CHECK (to_on IS NULL OR to_on > from_on)
      ) STRICT;
      CREATE UNIQUE INDEX care_history_resident ON care_history(resident_id, from_on);
      -- At most one current period per resident.
      CREATE UNIQUE INDEX care_history_current ON care_history(resident_id) WHERE to_on IS NULL;
      CREATE INDEX care_history_from ON care_history(from_on);
    `);

    const rules = currentRules(db);
    const rulesJson = JSON.stringify(rules);
    const institution = db.prepare('SELECT time_zone FROM institution WHERE id = 1').get() as
      { time_zone: string } | undefined;
    const timeZone = institution?.time_zone || 'Asia/Shanghai';
    const overrideSetOn = new Map<string, string>();
    const setRows = db
      .prepare(
        `SELECT entity_id, at FROM audit_log WHERE id IN (
           SELECT MAX(id) FROM audit_log WHERE procedure = 'residents.setCareGrade' GROUP BY entity_id)`,
      )
      .all() as Array<{ entity_id: string | null; at: string }>;
    for (const r of setRows) {
      if (r.entity_id !== null) overrideSetOn.set(r.entity_id, localDate(new Date(r.at), timeZone));
    }

    const residents = db
      .prepare(
        'SELECT id, status, admitted_on, discharged_on, care_grade_override, care_grade_override_reason FROM residents ORDER BY id',
      )
      .all() as Array<{
      id: number;
      status: string;
      admitted_on: string | null;
      discharged_on: string | null;
      care_grade_override: string | null;
      care_grade_override_reason: string | null;
    }>;
    const eventsOf = db.prepare(
      'SELECT on_date, from_status, to_status FROM resident_events WHERE resident_id = ? ORDER BY on_date, id',
    );
    const assessmentsOf = db.prepare(
      'SELECT id, assessed_on, level FROM ability_assessments WHERE resident_id = ? ORDER BY assessed_on, id',
    );
    const insert = db.prepare(
      `INSERT INTO care_history (resident_id, from_on, to_on, category, grade, ability_level, assessment_id,
         grade_override, override_reason, rules_json, cause, backfilled)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );

    for (const resident of residents) {
      const stays = staysOf(
        eventsOf.all(resident.id) as Array<{
          on_date: string;
          from_status: string | null;
          to_status: string;
        }>,
        resident,
      );
      if (stays.length === 0) continue;
      const assessments = assessmentsOf.all(resident.id) as Array<{
        id: number;
        assessed_on: string;
        level: string;
      }>;
      const override = resident.care_grade_override;
      const knownFrom = overrideSetOn.get(String(resident.id)) ?? null;
      // Without a dated record, the hand-set grade is taken to hold for the whole latest stay.
      const overrideFrom = override === null ? null : (knownFrom ?? stays[stays.length - 1]!.from);

      for (const stay of stays) {
        const inside = (d: string) => d > stay.from && (stay.to === null || d < stay.to);
        const starts = new Map<string, 'admission' | 'assessment' | 'override'>([[stay.from, 'admission']]);
        for (const a of assessments) if (inside(a.assessed_on)) starts.set(a.assessed_on, 'assessment');
        if (overrideFrom !== null && inside(overrideFrom) && !starts.has(overrideFrom))
          starts.set(overrideFrom, 'override');
        const dates = [...starts.keys()].sort();
        dates.forEach((from, i) => {
          const to = dates[i + 1] ?? stay.to;
          let inForce: (typeof assessments)[number] | undefined;
          for (const a of assessments) if (a.assessed_on <= from) inForce = a;
          const level =
            inForce && (levels as readonly string[]).includes(inForce.level) ? inForce.level : null;
          const category = level === null ? null : rules.mapping[level as Level];
          const overridden = override !== null && overrideFrom !== null && from >= overrideFrom;
          const grade = overridden ? override : category === null ? null : rules.categoryGrade[category];
          insert.run(
            resident.id,
            from,
            to,
            category,
            grade,
            level,
            inForce?.id ?? null,
            overridden ? override : null,
            overridden ? resident.care_grade_override_reason : null,
            rulesJson,
            starts.get(from)!,
          );
        });
      }
    }
  },
};
