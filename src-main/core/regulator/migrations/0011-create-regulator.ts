import type { Migration } from '../../db/migrate';

/** The regulator upload's settings (the secret encrypted) and its outbox. */
export const createRegulator: Migration = {
  version: 11,
  name: '0011-create-regulator',
  up(db) {
    db.exec(`
      CREATE TABLE regulator_config (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE regulator_submissions (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('monthly', 'daily')),
        period TEXT NOT NULL,
        revision INTEGER NOT NULL,
        revision_reason TEXT,
        idempotency_key TEXT NOT NULL UNIQUE,
        -- The exact bytes sent on every try: frozen when queued.
        body TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'sending', 'accepted', 'rejected', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        receipt_no TEXT,
        duplicate INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        errors_json TEXT NOT NULL DEFAULT '[]',
        queued_at TEXT NOT NULL,
        queued_by TEXT,
        last_attempt_at TEXT,
        accepted_at TEXT
      ) STRICT;
      CREATE INDEX regulator_submissions_due ON regulator_submissions (status, next_attempt_at);
      CREATE INDEX regulator_submissions_period ON regulator_submissions (kind, period);
    `);
  },
};
