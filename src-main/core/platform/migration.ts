import type { Migration } from '../db/migrate';

/**
 * Permissions that existed before modules declared their own: their grants were written by
 * migrations 0001–0003, so the catalog starts with them and never re-grants what an
 * administrator has since taken away.
 */
const permissionsBeforeCatalog = [
  'institution.manage',
  'settings.manage',
  'users.manage',
  'audit.read',
  'residents.read',
  'residents.write',
  'residents.discharge',
  'residents.viewIdNumber',
  'residents.export',
  'residents.purge',
  'residents.configure',
  'facilities.manage',
  'assessments.write',
  'incidents.write',
  'nursecall.read',
  'nursecall.respond',
  'nursecall.configure',
  'nursecall.export',
];

export const createPlatform: Migration = {
  version: 4,
  name: '0004-create-platform',
  up(db) {
    db.exec(`
      -- Every permission a module has declared, with when its default grants were written.
      CREATE TABLE permission_catalog (
        permission TEXT PRIMARY KEY,
        granted_at TEXT NOT NULL
      ) STRICT;

      -- Per-user state of computed alerts: acknowledged (until the alert changes) or snoozed.
      CREATE TABLE alert_states (
        user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        subject_key TEXT NOT NULL,
        acknowledged_fingerprint TEXT,
        snoozed_until TEXT,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (user_id, kind, subject_key)
      ) STRICT;

      -- The last run of each scheduled job, so a restart catches up once instead of per missed slot.
      CREATE TABLE scheduler_jobs (
        name TEXT PRIMARY KEY,
        last_slot TEXT,
        last_run_at TEXT,
        last_ok_at TEXT,
        last_error TEXT,
        last_duration_ms INTEGER,
        runs INTEGER NOT NULL DEFAULT 0
      ) STRICT;
    `);
    const insert = db.prepare('INSERT INTO permission_catalog (permission, granted_at) VALUES (?, ?)');
    for (const permission of permissionsBeforeCatalog) insert.run(permission, 'migration');
  },
};
