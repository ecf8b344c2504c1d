import type { Migration } from '../../db/migrate';

/**
 * Medication: drug catalog, orders with versions, the administration record, PRN effects and the
 * medicines kept for residents. Quantities are INTEGER ten-thousandths (`*_e4`) so stock never
 * drifts. Administration records, corrections and stock moves are only ever inserted: a mistake is
 * corrected by a new row that points at the old one.
 *
 * resident_id and user ids point into other modules without foreign keys: those modules own them.
 */
export const createMeds: Migration = {
  version: 10,
  name: '0010-create-meds',
  up(db) {
    db.exec(`
      CREATE TABLE meds_drugs (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        generic_name TEXT NOT NULL DEFAULT '',
        spec TEXT NOT NULL,
        form TEXT NOT NULL,
        unit TEXT NOT NULL,
        high_alert INTEGER NOT NULL CHECK (high_alert IN (0, 1)),
        controlled TEXT NOT NULL CHECK (controlled IN ('none', 'psychotropic', 'narcotic')),
        pinyin_initials TEXT NOT NULL DEFAULT '',
        pinyin_full TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE meds_orders (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        drug_id INTEGER NOT NULL REFERENCES meds_drugs(id),
        source TEXT NOT NULL CHECK (source IN ('hospital', 'clinic', 'family')),
        start_on TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by INTEGER,
        stopped_at TEXT,
        stopped_by INTEGER,
        stop_reason TEXT
      ) STRICT;
      CREATE INDEX meds_orders_resident ON meds_orders(resident_id);

      -- effective_from NULL: the first version, in force from the order's start date.
      CREATE TABLE meds_order_versions (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES meds_orders(id),
        version INTEGER NOT NULL,
        effective_from TEXT,
        dose_e4 INTEGER NOT NULL CHECK (dose_e4 > 0),
        route TEXT NOT NULL,
        schedule_json TEXT NOT NULL,
        end_on TEXT,
        prescriber TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        created_by INTEGER,
        checked_by INTEGER,
        UNIQUE (order_id, version)
      ) STRICT;

      -- dose_key: '<order>@<local date>T<HH:mm>' for a scheduled dose, 'prn-<id>' style for PRN.
      CREATE TABLE meds_records (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'prn')),
        dose_key TEXT,
        order_id INTEGER NOT NULL REFERENCES meds_orders(id),
        order_version INTEGER NOT NULL,
        resident_id INTEGER NOT NULL,
        drug_id INTEGER NOT NULL,
        due_on TEXT NOT NULL,
        due_at TEXT,
        outcome TEXT NOT NULL CHECK (outcome IN ('given', 'late', 'refused', 'held')),
        dose_e4 INTEGER NOT NULL,
        at TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        by_user INTEGER NOT NULL,
        witness_id INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        indication TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX meds_records_due_on ON meds_records(due_on);
      CREATE INDEX meds_records_key ON meds_records(dose_key);
      CREATE INDEX meds_records_order ON meds_records(order_id, at);

      CREATE TABLE meds_corrections (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL UNIQUE REFERENCES meds_records(id),
        reason TEXT NOT NULL,
        at TEXT NOT NULL,
        by_user INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE meds_prn_effects (
        id INTEGER PRIMARY KEY,
        record_id INTEGER NOT NULL UNIQUE REFERENCES meds_records(id),
        effect TEXT NOT NULL,
        at TEXT NOT NULL,
        by_user INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE meds_stock_batches (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        drug_id INTEGER NOT NULL REFERENCES meds_drugs(id),
        batch_no TEXT NOT NULL DEFAULT '',
        expires_on TEXT NOT NULL,
        UNIQUE (resident_id, drug_id, batch_no, expires_on)
      ) STRICT;

      -- The balance of a batch is the sum of its moves; a move is never changed.
      CREATE TABLE meds_stock_moves (
        id INTEGER PRIMARY KEY,
        batch_id INTEGER NOT NULL REFERENCES meds_stock_batches(id),
        kind TEXT NOT NULL CHECK (kind IN ('receive', 'give', 'return', 'adjust', 'dispose')),
        qty_e4 INTEGER NOT NULL,
        at TEXT NOT NULL,
        by_user INTEGER,
        witness_id INTEGER,
        reason TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        entrusted_by TEXT NOT NULL DEFAULT '',
        record_id INTEGER REFERENCES meds_records(id),
        count_id INTEGER
      ) STRICT;
      CREATE INDEX meds_stock_moves_batch ON meds_stock_moves(batch_id);

      CREATE TABLE meds_stock_counts (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        drug_id INTEGER NOT NULL,
        expected_e4 INTEGER NOT NULL,
        counted_e4 INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL,
        by_user INTEGER NOT NULL,
        witness_id INTEGER NOT NULL
      ) STRICT;
    `);
  },
};
