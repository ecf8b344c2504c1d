import type { Migration } from '../../db/migrate';

/**
 * Billing's tables. Money is integer 分. Issued invoices and their lines are never updated: a
 * correction is a credit note (`kind = 'credit'`, `credit_of`), a payment is voided by setting its
 * void columns once. The three prepaid ledgers share one append-only entry table.
 */
export const createBilling: Migration = {
  version: 8,
  name: '0008-create-billing',
  up(db) {
    db.exec(`
      CREATE TABLE billing_config (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE billing_items (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bed', 'care', 'meal', 'service', 'passThrough')),
        unit TEXT NOT NULL CHECK (unit IN ('month', 'day', 'once')),
        applies_json TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE billing_item_prices (
        id INTEGER PRIMARY KEY,
        item_id INTEGER NOT NULL REFERENCES billing_items(id),
        from_on TEXT NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen >= 0),
        created_at TEXT NOT NULL,
        UNIQUE (item_id, from_on)
      ) STRICT;
      CREATE TABLE billing_charges (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        item_code TEXT,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('bed', 'care', 'meal', 'service', 'passThrough')),
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        invoice_id INTEGER REFERENCES billing_invoices(id),
        created_at TEXT NOT NULL,
        created_by INTEGER
      ) STRICT;
      CREATE INDEX billing_charges_open ON billing_charges (resident_id, on_date) WHERE invoice_id IS NULL;
      CREATE TABLE billing_payers (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('ltcInsurance', 'subsidy', 'other')),
        name TEXT NOT NULL,
        percent REAL,
        cap_fen INTEGER,
        fixed_fen INTEGER,
        item_kinds_json TEXT NOT NULL,
        from_on TEXT NOT NULL,
        to_on TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX billing_payers_resident ON billing_payers (resident_id);
      CREATE TABLE billing_runs (
        month TEXT PRIMARY KEY,
        issued_at TEXT NOT NULL,
        issued_by INTEGER,
        invoice_count INTEGER NOT NULL,
        total_fen INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE billing_sequences (
        key TEXT PRIMARY KEY,
        last INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE billing_invoices (
        id INTEGER PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('invoice', 'credit')),
        resident_id INTEGER NOT NULL,
        resident_name TEXT NOT NULL,
        bed_label TEXT,
        month TEXT NOT NULL,
        issued_on TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        issued_by INTEGER,
        total_fen INTEGER NOT NULL,
        resident_fen INTEGER NOT NULL,
        credit_of INTEGER REFERENCES billing_invoices(id),
        reason TEXT NOT NULL DEFAULT '',
        origin TEXT NOT NULL CHECK (origin IN ('run', 'single', 'settlement', 'correction'))
      ) STRICT;
      CREATE UNIQUE INDEX billing_invoices_one_per_month ON billing_invoices (resident_id, month) WHERE kind = 'invoice' AND origin IN ('run', 'single');
      CREATE INDEX billing_invoices_resident ON billing_invoices (resident_id, issued_on);
      CREATE INDEX billing_invoices_month ON billing_invoices (month);
      CREATE TABLE billing_invoice_lines (
        id INTEGER PRIMARY KEY,
        invoice_id INTEGER NOT NULL REFERENCES billing_invoices(id),
        line_no INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        from_on TEXT NOT NULL,
        to_on TEXT NOT NULL,
        billed_days INTEGER,
        base INTEGER,
        rate_fen INTEGER NOT NULL,
        unit TEXT NOT NULL,
        amount_fen INTEGER NOT NULL,
        shares_json TEXT NOT NULL,
        UNIQUE (invoice_id, line_no)
      ) STRICT;
      CREATE TABLE billing_payments (
        id INTEGER PRIMARY KEY,
        receipt_no TEXT NOT NULL UNIQUE,
        resident_id INTEGER NOT NULL,
        amount_fen INTEGER NOT NULL CHECK (amount_fen > 0),
        method TEXT NOT NULL,
        paid_on TEXT NOT NULL,
        reference TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER,
        voided_at TEXT,
        void_reason TEXT,
        voided_by INTEGER
      ) STRICT;
      CREATE INDEX billing_payments_resident ON billing_payments (resident_id, paid_on);
      CREATE TABLE billing_ledger (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        ledger TEXT NOT NULL CHECK (ledger IN ('deposit', 'prepayment', 'membership')),
        entry TEXT NOT NULL CHECK (entry IN ('receive', 'refund', 'apply', 'offset')),
        amount_fen INTEGER NOT NULL,
        on_date TEXT NOT NULL,
        method TEXT NOT NULL DEFAULT '',
        reference TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        receipt_no TEXT UNIQUE,
        payment_id INTEGER REFERENCES billing_payments(id),
        created_at TEXT NOT NULL,
        created_by INTEGER
      ) STRICT;
      CREATE INDEX billing_ledger_resident ON billing_ledger (resident_id, ledger);
      CREATE TABLE billing_settlements (
        id INTEGER PRIMARY KEY,
        resident_id INTEGER NOT NULL,
        on_date TEXT NOT NULL,
        doc_json TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by INTEGER,
        UNIQUE (resident_id, on_date)
      ) STRICT;
      CREATE TABLE billing_reminders (
        month TEXT PRIMARY KEY,
        at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
