import type { ArrearsRow, IncomeReport, PayerStatementRow, PrepaidRow } from '../../shared/contract/billing';
import type { BillLine, FeeKind, PayerKind, ShareKind } from '../../shared/contract/billing/types';
import type { Accounts } from './accounts';
import { daysBetween } from '../../shared/contract/billing/dates';
import type { InvoiceDb, Runs } from './runs';
import { statements, todayOf, type BillingDeps } from './store';

/** Income by fee kind and payer, arrears with ageing, prepaid balances, payer statements. */
/** One collator: `localeCompare` with a locale builds a new one for every comparison. */
const collator = new Intl.Collator('zh-CN', { numeric: true });

export function createReports(deps: BillingDeps, runs: Runs, accounts: () => Accounts) {
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

    /** Everyone with an open invoice, aged; two queries for the whole home, as the workbench asks every minute. */
    arrears(now: Date): ArrearsRow[] {
      const today = todayOf(deps, now);
      const rows: ArrearsRow[] = [];
      for (const [residentId, alloc] of accounts().allocations()) {
        // Named as on their latest invoice (credit notes included), like the printed statement.
        const latest = alloc.invoices.reduce((a, b) =>
          b.issued_on > a.issued_on || (b.issued_on === a.issued_on && b.id > a.id) ? b : a,
        );
        const row: ArrearsRow = {
          residentId,
          name: latest.resident_name,
          bedLabel: latest.bed_label,
          openFen: 0,
          d0_30: 0,
          d31_60: 0,
          d61_90: 0,
          over90: 0,
          oldestIssuedOn: '',
        };
        for (const i of alloc.ordered) {
          const open = alloc.due.get(i.id)! - alloc.paid.get(i.id)!;
          if (open <= 0) continue;
          const age = daysBetween(i.issued_on, today);
          row.openFen += open;
          if (age <= 30) row.d0_30 += open;
          else if (age <= 60) row.d31_60 += open;
          else if (age <= 90) row.d61_90 += open;
          else row.over90 += open;
          if (!row.oldestIssuedOn) row.oldestIssuedOn = i.issued_on;
        }
        if (row.openFen > 0) rows.push(row);
      }
      return rows.sort((x, y) => y.openFen - x.openFen || x.residentId - y.residentId);
    },

    prepaid(): PrepaidRow[] {
      const rows = stmt(
        `SELECT resident_id,
                SUM(CASE WHEN ledger = 'deposit' THEN amount_fen ELSE 0 END) AS deposit,
                SUM(CASE WHEN ledger = 'prepayment' THEN amount_fen ELSE 0 END) AS prepayment,
                SUM(CASE WHEN ledger = 'membership' THEN amount_fen ELSE 0 END) AS membership
         FROM billing_ledger GROUP BY resident_id ORDER BY resident_id`,
      ).all() as Array<{ resident_id: number; deposit: number; prepayment: number; membership: number }>;
      const held = rows.filter((r) => r.deposit !== 0 || r.prepayment !== 0 || r.membership !== 0);
      // One read for every name: a row per resident took ~10 ms on a 1,000-bed home.
      const names = deps.residents().records.namesByIds(held.map((r) => r.resident_id));
      return held.map((r) => ({
        residentId: r.resident_id,
        name: names.get(r.resident_id) ?? `（老人 ${r.resident_id}）`,
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
          collator.compare(a.payerName, b.payerName) || a.invoiceNumber.localeCompare(b.invoiceNumber),
      );
    },
  };
}
export type Reports = ReturnType<typeof createReports>;
