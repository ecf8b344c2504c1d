import type { Migration } from '../../db/migrate';

const tables = ['billing_invoices', 'billing_payments'];

/**
 * A revision of the rows every resident's allocation is computed from (invoices and payments),
 * bumped by triggers on any change to them. The whole home's allocation (ten years of invoices on a
 * large home: ~130 ms, ~30 MB of objects) is then kept until billing's own rows change, instead of
 * until any write: a nurse call or a dose used to make the workbench's next poll compute it again.
 */
export const billingRevision: Migration = {
  version: 13,
  name: '0013-billing-revision',
  up(db) {
    db.exec(`
      CREATE TABLE billing_revision (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        rev INTEGER NOT NULL
      ) STRICT;
      INSERT INTO billing_revision (id, rev) VALUES (1, 0);
    `);
    for (const table of tables)
      for (const change of ['INSERT', 'UPDATE', 'DELETE'])
        db.exec(`
          CREATE TRIGGER ${table}_${change.toLowerCase()}_revision AFTER ${change} ON ${table}
          BEGIN UPDATE billing_revision SET rev = rev + 1 WHERE id = 1; END;
        `);
  },
};
