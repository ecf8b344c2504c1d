import type { Migration } from '../../db/migrate';

/** Staff roster, certificates, training, shifts, rota, absences, dated ratio rules and daily snapshots. */
export const createStaff: Migration = {
  version: 7,
  name: '0007-create-staff',
  up(db) {
    db.exec(`
      -- fte_milli: full-time equivalent in thousandths, so the ratio engine adds integers (0.5 → 500).
      -- user_id points into the users table without a foreign key: an account may be removed while
      -- the employment record must stay.
      CREATE TABLE staff (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        id_number TEXT,
        phone TEXT NOT NULL DEFAULT '',
        roles_json TEXT NOT NULL,
        employment TEXT NOT NULL CHECK (employment IN ('fullTime', 'partTime')),
        fte_milli INTEGER NOT NULL CHECK (fte_milli BETWEEN 100 AND 1000),
        hired_on TEXT NOT NULL,
        ended_on TEXT,
        end_reason TEXT,
        areas_json TEXT NOT NULL DEFAULT '[]',
        user_id INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff_certificates (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        kind TEXT NOT NULL,
        number TEXT NOT NULL,
        level INTEGER CHECK (level BETWEEN 1 AND 5),
        issued_on TEXT NOT NULL,
        expires_on TEXT,
        removed_at TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX staff_certificates_staff ON staff_certificates(staff_id);

      CREATE TABLE staff_trainings (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('preJob', 'fireSafety', 'skills', 'other')),
        on_date TEXT NOT NULL,
        hours REAL NOT NULL,
        topic TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE staff_training_attendees (
        training_id INTEGER NOT NULL REFERENCES staff_trainings(id),
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        PRIMARY KEY (training_id, staff_id)
      ) STRICT;
      CREATE INDEX staff_training_attendees_staff ON staff_training_attendees(staff_id);

      CREATE TABLE staff_shifts (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        start TEXT NOT NULL,
        end TEXT NOT NULL,
        minimum INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        sort_order INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff_rota (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        on_date TEXT NOT NULL,
        shift_id INTEGER NOT NULL REFERENCES staff_shifts(id),
        area TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX staff_rota_one ON staff_rota(staff_id, on_date, shift_id);
      CREATE INDEX staff_rota_date ON staff_rota(on_date);

      CREATE TABLE staff_absences (
        id INTEGER PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        kind TEXT NOT NULL CHECK (kind IN ('annual', 'sick', 'other')),
        from_on TEXT NOT NULL,
        to_on TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;

      -- Ratio rules by the date they apply from: a change never rewrites how earlier days were counted.
      CREATE TABLE staffing_config (
        from_on TEXT PRIMARY KEY,
        config_json TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staffing_snapshots (
        on_date TEXT PRIMARY KEY,
        ratio_json TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staffing_overrides (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        user_name TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL,
        required INTEGER NOT NULL,
        available_milli INTEGER NOT NULL
      ) STRICT;
    `);
    // The usual three shifts; homes on 12-hour patterns edit them.
    const add = db.prepare(
      `INSERT INTO staff_shifts (name, start, end, minimum, sort_order, created_at) VALUES (?, ?, ?, ?, ?, '')`,
    );
    add.run('白班', '08:00', '16:00', 0, 1);
    add.run('中班', '16:00', '24:00', 0, 2);
    add.run('夜班', '00:00', '08:00', 0, 3);
  },
};
