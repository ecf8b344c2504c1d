import type { InvoiceDetail, RunPreview } from '../../shared/contract/billing';
import { addDays, firstOfMonth, nextMonthStart } from '../../shared/contract/billing/dates';
import type { BillLine, ResidentBill, RunTotals, ShareKind } from '../../shared/contract/billing/types';
import { AppError } from '../../shared/errors';
import type { BillingConfigService } from './config';
import { splitPayers } from './payers';
import { monthLines, residenceDays, type ResidenceFacts } from './prorate';
import type { Schedule } from './schedule';
import {
  nextNumber,
  notFound,
  precondition,
  statements,
  todayOf,
  type BillingDeps,
  type OpContext,
} from './store';

interface ChargeDb {
  id: number;
  resident_id: number;
  name: string;
  kind: BillLine['kind'];
  amount_fen: number;
  on_date: string;
  item_code: string | null;
}

export interface InvoiceDb {
  id: number;
  number: string;
  kind: 'invoice' | 'credit';
  resident_id: number;
  resident_name: string;
  bed_label: string | null;
  month: string;
  issued_on: string;
  issued_at: string;
  total_fen: number;
  resident_fen: number;
  credit_of: number | null;
  reason: string;
  origin: InvoiceDetail['origin'];
}

interface LineDb {
  invoice_id: number;
  item_code: string;
  name: string;
  kind: BillLine['kind'];
  from_on: string;
  to_on: string;
  billed_days: number | null;
  base: number | null;
  rate_fen: number;
  unit: BillLine['unit'];
  amount_fen: number;
  shares_json: string;
}

export interface RunOptions {
  /** Tests only: throw while writing the n-th invoice of a run, to prove the run is all or none. */
  failAtInvoice?: number;
}

/** The monthly run: bills computed from the residents module's facts, issued as numbered invoices. */
/** One collator: `localeCompare` with a locale builds a new one for every comparison. */
const collator = new Intl.Collator('zh-CN', { numeric: true });

export function createRuns(
  deps: BillingDeps,
  config: BillingConfigService,
  schedule: Schedule,
  options: RunOptions = {},
) {
  const stmt = statements(deps.sql);

  /** Every resident who held a bed in [from, to), with their grades in that period. */
  function factsBetween(from: string, to: string, onlyResident?: number) {
    return deps
      .residents()
      .residenceBetween(from, to, onlyResident)
      .map((r) => ({
        residentId: r.residentId,
        name: r.name,
        bedLabel: r.bedLabel,
        facts: { stays: r.stays, grades: r.grades, leaves: r.leaves } satisfies ResidenceFacts,
      }));
  }

  function openCharges(before: string, residentId?: number): ChargeDb[] {
    return stmt(
      'SELECT id, resident_id, name, kind, amount_fen, on_date, item_code FROM billing_charges WHERE invoice_id IS NULL AND on_date < ? AND (? IS NULL OR resident_id = ?) ORDER BY on_date, id',
    ).all(before, residentId ?? null, residentId ?? null) as ChargeDb[];
  }

  function chargeLine(c: ChargeDb): Omit<BillLine, 'payerShares'> {
    return {
      item: `charge:${c.id}`,
      name: c.name,
      kind: c.kind,
      from: c.on_date,
      to: c.on_date,
      billedDays: null,
      base: null,
      rateFen: c.amount_fen,
      unit: 'once',
      amountFen: c.amount_fen,
    };
  }

  /**
   * Bills for `month` (cut at `until`, exclusive, for a settlement): fee lines, then open one-off
   * charges dated before the end, each line split between payers and the resident.
   */
  function compute(
    month: string,
    opts: { residentId?: number; until?: string } = {},
  ): Array<ResidentBill & { chargeIds: number[] }> {
    const cfg = config.get();
    const start = firstOfMonth(month);
    const end =
      opts.until !== undefined && opts.until < nextMonthStart(month) ? opts.until : nextMonthStart(month);
    const items = schedule.priced();
    const payers = schedule.allPayers();
    const charges = openCharges(end, opts.residentId);
    const byResident = new Map<number, ChargeDb[]>();
    for (const c of charges) byResident.set(c.resident_id, [...(byResident.get(c.resident_id) ?? []), c]);
    const people = factsBetween(start, end, opts.residentId);
    const seen = new Set(people.map((p) => p.residentId));
    // Someone with only charges this month (discharged earlier, medicine bought since) is billed too.
    for (const id of byResident.keys()) {
      if (seen.has(id)) continue;
      const row = deps.residents().records.requireRow(id);
      people.push({
        residentId: id,
        name: row.name,
        bedLabel: null,
        facts: { stays: [], grades: [], leaves: [] },
      });
    }
    const bills = people.map((p) => {
      const own = byResident.get(p.residentId) ?? [];
      const lines = [...monthLines(month, items, p.facts, cfg, end), ...own.map(chargeLine)];
      const split = splitPayers(
        lines,
        payers.get(p.residentId) ?? [],
        month,
        residenceDays(month, p.facts, end),
        cfg.proRate,
      );
      const totalFen = split.reduce((s, l) => s + l.amountFen, 0);
      const residentFen = split.reduce(
        (s, l) => s + l.payerShares.find((x) => x.kind === 'resident')!.amountFen,
        0,
      );
      return {
        residentId: p.residentId,
        name: p.name,
        bedLabel: p.bedLabel,
        lines: split,
        totalFen,
        residentFen,
        invoiceNumber: null as string | null,
        chargeIds: own.map((c) => c.id),
      };
    });
    return bills
      .filter((b) => b.lines.length > 0)
      .sort((a, b) => collator.compare(a.bedLabel ?? '~', b.bedLabel ?? '~') || a.residentId - b.residentId);
  }

  function totalsOf(bills: ResidentBill[]): RunTotals {
    const byKind: RunTotals['byKind'] = {};
    const payers = new Map<string, { kind: ShareKind; name: string; amountFen: number }>();
    for (const b of bills) {
      for (const l of b.lines) {
        byKind[l.kind] = (byKind[l.kind] ?? 0) + l.amountFen;
        for (const s of l.payerShares) {
          const key = `${s.kind}:${s.name}`;
          const entry = payers.get(key) ?? { kind: s.kind, name: s.name, amountFen: 0 };
          entry.amountFen += s.amountFen;
          payers.set(key, entry);
        }
      }
    }
    return {
      residents: bills.length,
      totalFen: bills.reduce((s, b) => s + b.totalFen, 0),
      residentFen: bills.reduce((s, b) => s + b.residentFen, 0),
      byKind,
      byPayer: [...payers.values()],
    };
  }

  function runOf(month: string): { issued_at: string } | undefined {
    return stmt('SELECT issued_at FROM billing_runs WHERE month = ?').get(month) as
      { issued_at: string } | undefined;
  }

  function invoiceFor(residentId: number, month: string): InvoiceDb | undefined {
    return stmt(
      "SELECT * FROM billing_invoices WHERE resident_id = ? AND month = ? AND kind = 'invoice' AND origin IN ('run', 'single')",
    ).get(residentId, month) as InvoiceDb | undefined;
  }

  /** Writes one invoice (or credit note) with its lines under the next number of the issue year. */
  function writeInvoice(
    bill: Pick<ResidentBill, 'residentId' | 'name' | 'bedLabel' | 'lines'> & { chargeIds?: number[] },
    month: string,
    ctx: OpContext,
    extra: {
      kind?: 'invoice' | 'credit';
      origin: InvoiceDetail['origin'];
      creditOf?: number;
      reason?: string;
    },
  ): InvoiceDb {
    const today = todayOf(deps, ctx.now);
    const year = today.slice(0, 4);
    const number = `${year}-${String(nextNumber(stmt, `invoice:${year}`)).padStart(6, '0')}`;
    const totalFen = bill.lines.reduce((s, l) => s + l.amountFen, 0);
    const residentFen = bill.lines.reduce(
      (s, l) => s + (l.payerShares.find((x) => x.kind === 'resident')?.amountFen ?? 0),
      0,
    );
    const info = stmt(
      `INSERT INTO billing_invoices (number, kind, resident_id, resident_name, bed_label, month, issued_on, issued_at, issued_by, total_fen, resident_fen, credit_of, reason, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      number,
      extra.kind ?? 'invoice',
      bill.residentId,
      bill.name,
      bill.bedLabel,
      month,
      today,
      ctx.now.toISOString(),
      ctx.user?.id ?? null,
      totalFen,
      residentFen,
      extra.creditOf ?? null,
      extra.reason ?? '',
      extra.origin,
    );
    const invoiceId = Number(info.lastInsertRowid);
    const insertLine = stmt(
      `INSERT INTO billing_invoice_lines (invoice_id, line_no, item_code, name, kind, from_on, to_on, billed_days, base, rate_fen, unit, amount_fen, shares_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    bill.lines.forEach((l, i) =>
      insertLine.run(
        invoiceId,
        i + 1,
        l.item,
        l.name,
        l.kind,
        l.from,
        l.to,
        l.billedDays,
        l.base,
        l.rateFen,
        l.unit,
        l.amountFen,
        JSON.stringify(l.payerShares),
      ),
    );
    const markCharge = stmt('UPDATE billing_charges SET invoice_id = ? WHERE id = ? AND invoice_id IS NULL');
    for (const id of bill.chargeIds ?? []) markCharge.run(invoiceId, id);
    return stmt('SELECT * FROM billing_invoices WHERE id = ?').get(invoiceId) as InvoiceDb;
  }

  function linesOf(invoiceIds: number[]): Map<number, BillLine[]> {
    const out = new Map<number, BillLine[]>();
    if (invoiceIds.length === 0) return out;
    // One prepared statement for any number of invoices: the ids travel as one JSON array.
    const rows = stmt(
      'SELECT * FROM billing_invoice_lines WHERE invoice_id IN (SELECT value FROM json_each(?)) ORDER BY invoice_id, line_no',
    ).all(JSON.stringify(invoiceIds)) as LineDb[];
    for (const r of rows) {
      const list = out.get(r.invoice_id) ?? [];
      list.push({
        item: r.item_code,
        name: r.name,
        kind: r.kind,
        from: r.from_on,
        to: r.to_on,
        billedDays: r.billed_days,
        base: r.base,
        rateFen: r.rate_fen,
        unit: r.unit,
        amountFen: r.amount_fen,
        payerShares: JSON.parse(r.shares_json) as BillLine['payerShares'],
      });
      out.set(r.invoice_id, list);
    }
    return out;
  }

  function previewOf(month: string): RunPreview {
    const bills = compute(month);
    const issued = new Map(
      (
        stmt(
          "SELECT resident_id, number FROM billing_invoices WHERE month = ? AND kind = 'invoice' AND origin IN ('run', 'single')",
        ).all(month) as Array<{
          resident_id: number;
          number: string;
        }>
      ).map((r) => [r.resident_id, r.number]),
    );
    const residents = bills.map(({ chargeIds: _c, ...b }) => ({
      ...b,
      invoiceNumber: issued.get(b.residentId) ?? null,
    }));
    return { month, issuedAt: runOf(month)?.issued_at ?? null, residents, totals: totalsOf(residents) };
  }

  return {
    compute,
    writeInvoice,
    linesOf,
    invoiceFor,

    /** Kept until the next write: the billing screen shows it on every visit (~100 ms for 950 bills). */
    preview(month: string): RunPreview {
      return deps.sql.remember(`billing.runs.preview:${month}`, () => previewOf(month));
    },

    /** Every invoice of the month in this one transaction: all or none. */
    issue(month: string, ctx: OpContext, progress?: (done: number, total: number) => void) {
      const today = todayOf(deps, ctx.now);
      if (runOf(month)) {
        throw new AppError(
          'ALREADY_ISSUED',
          `${month} 的账单已经出过账，不能重复出账。新入住的老人请用“单独出账”。`,
          { month },
        );
      }
      if (firstOfMonth(month) > today) {
        throw precondition(`${month} 还没有开始，不能出账。`, { month });
      }
      const bills = compute(month).filter((b) => !invoiceFor(b.residentId, month));
      let first: string | null = null;
      let last: string | null = null;
      let total = 0;
      bills.forEach((bill, i) => {
        if (options.failAtInvoice !== undefined && i + 1 === options.failAtInvoice) {
          throw new Error(`injected failure at invoice ${i + 1}`);
        }
        const inv = writeInvoice(bill, month, ctx, { origin: 'run' });
        first ??= inv.number;
        last = inv.number;
        total += inv.total_fen;
        if (progress && (i + 1) % 100 === 0) progress(i + 1, bills.length);
      });
      stmt(
        'INSERT INTO billing_runs (month, issued_at, issued_by, invoice_count, total_fen) VALUES (?, ?, ?, ?, ?)',
      ).run(month, ctx.now.toISOString(), ctx.user?.id ?? null, bills.length, total);
      const out = { month, invoices: bills.length, totalFen: total, firstNumber: first, lastNumber: last };
      ctx.audit({ entity: 'billingRun', entityId: month, after: out });
      return out;
    },

    issueFor(residentId: number, month: string, ctx: OpContext): InvoiceDb {
      const existing = invoiceFor(residentId, month);
      if (existing) {
        throw new AppError(
          'ALREADY_ISSUED',
          `这位老人 ${month} 的账单已经开出（${existing.number}），不能重复出账。`,
          {
            number: existing.number,
          },
        );
      }
      if (firstOfMonth(month) > todayOf(deps, ctx.now)) throw precondition(`${month} 还没有开始，不能出账。`);
      const bill = compute(month, { residentId })[0];
      if (!bill) throw precondition(`这位老人 ${month} 没有在住天数，也没有待收杂费，无需出账。`);
      const inv = writeInvoice(bill, month, ctx, { origin: 'single' });
      ctx.audit({
        entity: 'invoice',
        entityId: inv.number,
        after: { month, residentId, totalFen: inv.total_fen },
      });
      return inv;
    },

    /** A credit note reversing `amountFen` of an invoice (all of what is left to credit by default). */
    credit(invoiceId: number, amountFen: number | undefined, reason: string, ctx: OpContext): InvoiceDb {
      const inv = stmt('SELECT * FROM billing_invoices WHERE id = ?').get(invoiceId) as InvoiceDb | undefined;
      if (!inv) throw notFound('张账单');
      if (inv.kind !== 'invoice') throw precondition('红字冲销单不能再冲红。');
      const credited = -(
        stmt(
          "SELECT COALESCE(SUM(total_fen), 0) AS s FROM billing_invoices WHERE credit_of = ? AND kind = 'credit'",
        ).get(invoiceId) as { s: number }
      ).s;
      const left = inv.total_fen - credited;
      const amount = amountFen ?? left;
      if (amount <= 0 || amount > left) {
        throw precondition(`这张账单还可冲红 ${left} 分，本次 ${amount} 分超出了，请核对。`, {
          leftFen: left,
        });
      }
      const lines = linesOf([inv.id]).get(inv.id) ?? [];
      let creditLines: BillLine[];
      if (amount === left && credited === 0) {
        creditLines = lines.map((l) => ({
          ...l,
          amountFen: -l.amountFen,
          payerShares: l.payerShares.map((s) => ({ ...s, amountFen: -s.amountFen })),
        }));
      } else {
        // A partial credit comes off the resident's share.
        creditLines = [
          {
            item: 'credit',
            name: `冲红：${reason}`,
            kind: 'service',
            from: inv.issued_on,
            to: inv.issued_on,
            billedDays: null,
            base: null,
            rateFen: -amount,
            unit: 'once',
            amountFen: -amount,
            payerShares: [{ kind: 'resident', name: '本人/家属', amountFen: -amount }],
          },
        ];
      }
      const note = writeInvoice(
        { residentId: inv.resident_id, name: inv.resident_name, bedLabel: inv.bed_label, lines: creditLines },
        inv.month,
        ctx,
        { kind: 'credit', origin: 'correction', creditOf: inv.id, reason },
      );
      ctx.audit({
        entity: 'invoice',
        entityId: note.number,
        after: { creditOf: inv.number, amountFen: -amount, reason },
      });
      return note;
    },

    runs() {
      return (
        stmt(
          'SELECT month, issued_at, invoice_count, total_fen FROM billing_runs ORDER BY month DESC',
        ).all() as Array<{
          month: string;
          issued_at: string;
          invoice_count: number;
          total_fen: number;
        }>
      ).map((r) => ({
        month: r.month,
        issuedAt: r.issued_at,
        invoices: r.invoice_count,
        totalFen: r.total_fen,
      }));
    },

    lastDayBilled: (on: string) => addDays(on, -1),
  };
}
export type Runs = ReturnType<typeof createRuns>;
