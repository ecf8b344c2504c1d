import type { ArrearsRow, IncomeReport, PayerStatementRow, PrepaidRow } from '../../shared/contract/billing';
import type { BillLine, FeeKind, PayerKind, ShareKind } from '../../shared/contract/billing/types';
import type { Accounts } from './accounts';
import type { InvoiceDb, Runs } from './runs';
import { statements, type BillingDeps } from './store';

/** Income by fee kind and payer, arrears with ageing, prepaid balances, payer statements. */
export function createReports(deps: BillingDeps, runs: Runs, accounts: Accounts) {
  const stmt = statements(deps.sql);

  function invoicesOfMonth(month: string): InvoiceDb[] {
    return stmt('SELECT * FROM billing_invoices WHERE month = ? ORDER BY id').all(month) as InvoiceDb[];
  }

  return {
    income(month: string): IncomeReport {
      const invoices = invoicesOfMonth(month);
      const lines = runs.linesOf(invoices.map((i) => i.id));
      const byKind = new Map<FeeKind, number>();
      const byPayer = new Map<string, { kind: ShareKind; name: string; amountFen: number }>();
      for (const inv of invoices) {
        for (const l of lines.get(inv.id) ?? []) {
          byKind.set(l.kind, (byKind.get(l.kind) ?? 0) + l.amountFen);
          for (const s of l.payerShares) {
            const key = `${s.kind}:${s.name}`;
            const e = byPayer.get(key) ?? { kind: s.kind, name: s.name, amountFen: 0 };
            e.amountFen += s.amountFen;
            byPayer.set(key, e);
          }
        }
      }
      const collected = (
        stmt(
          "SELECT COALESCE(SUM(amount_fen), 0) AS s FROM billing_payments WHERE voided_at IS NULL AND substr(paid_on, 1, 7) = ? AND method != 'prepayment' AND method != 'deposit'",
        ).get(month) as { s: number }
      ).s;
      const passThroughFen = byKind.get('passThrough') ?? 0;
      const invoicedFen = invoices.filter((i) => i.kind === 'invoice').reduce((s, i) => s + i.total_fen, 0);
      const creditedFen = invoices.filter((i) => i.kind === 'credit').reduce((s, i) => s + i.total_fen, 0);
      return {
        month,
        byKind: [...byKind].map(([kind, amountFen]) => ({ kind, amountFen })),
        byPayer: [...byPayer.values()],
        revenueFen: invoicedFen + creditedFen - passThroughFen,
        passThroughFen,
        invoicedFen,
        creditedFen,
        collectedFen: collected,
        invoices: invoices.filter((i) => i.kind === 'invoice').length,
      };
    },

    arrears(now: Date): ArrearsRow[] {
      const ids = (
        stmt('SELECT DISTINCT resident_id FROM billing_invoices').all() as Array<{ resident_id: number }>
      ).map((r) => r.resident_id);
      const rows: ArrearsRow[] = [];
      for (const id of ids) {
        const a = accounts.account(id, now);
        if (a.openInvoices.length === 0) continue;
        const last = stmt(
          'SELECT bed_label FROM billing_invoices WHERE resident_id = ? ORDER BY id DESC LIMIT 1',
        ).get(id) as { bed_label: string | null };
        rows.push({
          residentId: id,
          name: a.name,
          bedLabel: last.bed_label,
          openFen: a.openInvoices.reduce((s, i) => s + i.openFen, 0),
          ...a.ageing,
          oldestIssuedOn: a.openInvoices[0]!.issuedOn,
        });
      }
      return rows.sort((x, y) => y.openFen - x.openFen);
    },

    prepaid(): PrepaidRow[] {
      const rows = stmt(
        `SELECT resident_id,
                SUM(CASE WHEN ledger = 'deposit' THEN amount_fen ELSE 0 END) AS deposit,
                SUM(CASE WHEN ledger = 'prepayment' THEN amount_fen ELSE 0 END) AS prepayment,
                SUM(CASE WHEN ledger = 'membership' THEN amount_fen ELSE 0 END) AS membership
         FROM billing_ledger GROUP BY resident_id ORDER BY resident_id`,
      ).all() as Array<{ resident_id: number; deposit: number; prepayment: number; membership: number }>;
      return rows
        .filter((r) => r.deposit !== 0 || r.prepayment !== 0 || r.membership !== 0)
        .map((r) => ({
          residentId: r.resident_id,
          name: deps.residents().records.requireRow(r.resident_id).name,
          depositFen: r.deposit,
          prepaymentFen: r.prepayment,
          membershipFen: r.membership,
        }));
    },

    statement(month: string, payerName?: string): PayerStatementRow[] {
      const invoices = invoicesOfMonth(month);
      const lines = runs.linesOf(invoices.map((i) => i.id));
      const out: PayerStatementRow[] = [];
      for (const inv of invoices) {
        for (const l of lines.get(inv.id) ?? ([] as BillLine[])) {
          for (const s of l.payerShares) {
            if (s.kind === 'resident' || (payerName && s.name !== payerName)) continue;
            out.push({
              payerKind: s.kind as PayerKind,
              payerName: s.name,
              residentId: inv.resident_id,
              residentName: inv.resident_name,
              invoiceNumber: inv.number,
              item: l.name,
              from: l.from,
              to: l.to,
              lineFen: l.amountFen,
              amountFen: s.amountFen,
            });
          }
        }
      }
      return out.sort(
        (a, b) =>
          a.payerName.localeCompare(b.payerName, 'zh-CN') || a.invoiceNumber.localeCompare(b.invoiceNumber),
      );
    },
  };
}
export type Reports = ReturnType<typeof createReports>;
