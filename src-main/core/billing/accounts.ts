import type {
  Account,
  AccountHistoryEntry,
  InvoiceDetail,
  LedgerEntry,
  OpenInvoice,
  PaymentRow,
} from '../../shared/contract/billing';
import { daysBetween } from '../../shared/contract/billing/dates';
import {
  ledgerKindLabels,
  paymentMethodLabels,
  type LedgerKind,
  type PaymentMethod,
} from '../../shared/contract/billing/types';
import { fieldError } from '../../shared/errors';
import type { InvoiceDb, Runs } from './runs';
import {
  nextNumber,
  notFound,
  precondition,
  statements,
  todayOf,
  type BillingDeps,
  type OpContext,
} from './store';

export interface PaymentDb {
  id: number;
  receipt_no: string;
  resident_id: number;
  amount_fen: number;
  method: PaymentMethod | 'deposit';
  paid_on: string;
  reference: string;
  recorded_at: string;
  voided_at: string | null;
  void_reason: string | null;
}

interface LedgerDb {
  id: number;
  resident_id: number;
  ledger: LedgerKind;
  entry: LedgerEntry['entry'];
  amount_fen: number;
  on_date: string;
  method: string;
  reference: string;
  note: string;
  receipt_no: string | null;
  payment_id: number | null;
  created_at: string;
}

type InvoiceRef = Pick<InvoiceDb, 'id' | 'number' | 'month'>;
type HomeInvoice = AllocInvoice &
  Pick<InvoiceDb, 'resident_id' | 'resident_name' | 'bed_label' | 'number' | 'month'>;
export type HomeAllocation = ReturnType<typeof allocate<HomeInvoice, AllocPayment>> & {
  invoices: HomeInvoice[];
};
type AllocInvoice = Pick<InvoiceDb, 'id' | 'kind' | 'issued_on' | 'resident_fen' | 'credit_of'>;
type AllocPayment = Pick<PaymentDb, 'id' | 'voided_at' | 'paid_on' | 'amount_fen'>;
/** ISO dates and ids compare as they are; `localeCompare` would build a collator per comparison. */
const byDateThenId = (a: string, b: string, x: number, y: number) => (a < b ? -1 : a > b ? 1 : x - y);

/**
 * How a resident's money settles their invoices, computed from the records each time: credit notes
 * reduce the invoice they correct, then payments (not voided) go to the oldest open invoice first.
 * Nothing is stored, so a voided payment simply stops counting and later payments move up.
 */
export function allocate<I extends AllocInvoice, P extends AllocPayment>(invoices: I[], payments: P[]) {
  const due = new Map<number, number>();
  const ordered = invoices
    .filter((i) => i.kind === 'invoice')
    .sort((a, b) => byDateThenId(a.issued_on, b.issued_on, a.id, b.id));
  for (const i of ordered) due.set(i.id, i.resident_fen);
  for (const c of invoices.filter((i) => i.kind === 'credit')) {
    if (c.credit_of !== null && due.has(c.credit_of))
      due.set(c.credit_of, due.get(c.credit_of)! + c.resident_fen);
  }
  const paid = new Map<number, number>(ordered.map((i) => [i.id, 0]));
  const byPayment = new Map<number, Array<{ invoiceId: number; amountFen: number }>>();
  const unallocated = new Map<number, number>();
  const live = payments
    .filter((p) => p.voided_at === null)
    .sort((a, b) => byDateThenId(a.paid_on, b.paid_on, a.id, b.id));
  let cursor = 0;
  for (const p of live) {
    let left = p.amount_fen;
    const parts: Array<{ invoiceId: number; amountFen: number }> = [];
    while (left > 0 && cursor < ordered.length) {
      const inv = ordered[cursor]!;
      const open = due.get(inv.id)! - paid.get(inv.id)!;
      if (open <= 0) {
        cursor += 1;
        continue;
      }
      const take = Math.min(open, left);
      paid.set(inv.id, paid.get(inv.id)! + take);
      parts.push({ invoiceId: inv.id, amountFen: take });
      left -= take;
    }
    byPayment.set(p.id, parts);
    unallocated.set(p.id, left);
  }
  return { due, paid, byPayment, unallocated, ordered };
}

export function createAccounts(deps: BillingDeps, runs: Runs) {
  const stmt = statements(deps.sql);
  const nameOf = (residentId: number) => deps.residents().records.requireRow(residentId).name;

  const invoicesOf = (residentId: number) =>
    stmt('SELECT * FROM billing_invoices WHERE resident_id = ? ORDER BY issued_on, id').all(
      residentId,
    ) as InvoiceDb[];
  const paymentsOf = (residentId: number) =>
    stmt('SELECT * FROM billing_payments WHERE resident_id = ? ORDER BY paid_on, id').all(
      residentId,
    ) as PaymentDb[];
  const ledgerOf = (residentId: number) =>
    stmt('SELECT * FROM billing_ledger WHERE resident_id = ? ORDER BY on_date, id').all(
      residentId,
    ) as LedgerDb[];

  const revision = () => (stmt('SELECT rev FROM billing_revision WHERE id = 1').get() as { rev: number }).rev;

  /**
   * Every resident's allocation, read in two statements and kept until an invoice or a payment
   * changes (`billing_revision`), not until any write: the invoice list of a month, the arrears
   * report and the workbench all ask for the whole home's, and ten years of a large home take
   * ~130 ms to allocate. Inside a write it is read per resident instead (a payment must see its
   * own row).
   */
  function allocations(): Map<number, HomeAllocation> {
    return deps.sql.rememberUntilChanged('billing.allocations', revision, () => {
      const invoices = stmt(
        'SELECT id, number, month, kind, resident_id, resident_name, bed_label, issued_on, resident_fen, credit_of FROM billing_invoices',
      ).all() as HomeInvoice[];
      const payments = stmt(
        'SELECT id, resident_id, amount_fen, paid_on, voided_at FROM billing_payments WHERE voided_at IS NULL',
      ).all() as Array<AllocPayment & { resident_id: number }>;
      const own = new Map<number, { invoices: HomeInvoice[]; payments: AllocPayment[] }>();
      for (const i of invoices) {
        const e = own.get(i.resident_id);
        if (e) e.invoices.push(i);
        else own.set(i.resident_id, { invoices: [i], payments: [] });
      }
      for (const p of payments) own.get(p.resident_id)?.payments.push(p);
      const out = new Map<number, HomeAllocation>();
      for (const [residentId, e] of own)
        out.set(residentId, { ...allocate(e.invoices, e.payments), invoices: e.invoices });
      return out;
    });
  }

  function ledgerBalance(residentId: number, ledger: LedgerKind): number {
    return (
      stmt(
        'SELECT COALESCE(SUM(amount_fen), 0) AS s FROM billing_ledger WHERE resident_id = ? AND ledger = ?',
      ).get(residentId, ledger) as { s: number }
    ).s;
  }

  function receiptNo(on: string): string {
    const year = on.slice(0, 4);
    return `SJ${year}-${String(nextNumber(stmt, `receipt:${year}`)).padStart(6, '0')}`;
  }

  function paymentRow(
    p: PaymentDb,
    name: string,
    alloc: ReturnType<typeof allocate>,
    numbers: Map<number, InvoiceRef>,
  ): PaymentRow {
    return {
      id: p.id,
      receiptNo: p.receipt_no,
      residentId: p.resident_id,
      residentName: name,
      amountFen: p.amount_fen,
      method: p.method as PaymentMethod,
      paidOn: p.paid_on,
      reference: p.reference,
      recordedAt: p.recorded_at,
      voided: p.voided_at !== null,
      voidReason: p.void_reason,
      allocations: (alloc.byPayment.get(p.id) ?? []).map((a) => ({
        invoiceNumber: numbers.get(a.invoiceId)!.number,
        month: numbers.get(a.invoiceId)!.month,
        amountFen: a.amountFen,
      })),
      unallocatedFen: p.voided_at === null ? (alloc.unallocated.get(p.id) ?? 0) : 0,
    };
  }

  function payment(id: number): PaymentRow {
    const p = stmt('SELECT * FROM billing_payments WHERE id = ?').get(id) as PaymentDb | undefined;
    if (!p) throw notFound('笔收款');
    const invoices = invoicesOf(p.resident_id);
    const alloc = allocate(invoices, paymentsOf(p.resident_id));
    return paymentRow(p, nameOf(p.resident_id), alloc, new Map(invoices.map((i) => [i.id, i])));
  }

  function ledgerEntry(row: LedgerDb): LedgerEntry {
    const balance = (
      stmt(
        'SELECT COALESCE(SUM(amount_fen), 0) AS s FROM billing_ledger WHERE resident_id = ? AND ledger = ? AND id <= ?',
      ).get(row.resident_id, row.ledger, row.id) as { s: number }
    ).s;
    return {
      id: row.id,
      residentId: row.resident_id,
      residentName: nameOf(row.resident_id),
      ledger: row.ledger,
      entry: row.entry,
      amountFen: row.amount_fen,
      balanceFen: balance,
      on: row.on_date,
      method: row.method,
      reference: row.reference,
      note: row.note,
      receiptNo: row.receipt_no,
      createdAt: row.created_at,
    };
  }

  function addLedger(
    ctx: OpContext,
    e: {
      residentId: number;
      ledger: LedgerKind;
      entry: LedgerEntry['entry'];
      amountFen: number;
      on: string;
      method?: string;
      reference?: string;
      note?: string;
      receipt?: boolean;
      paymentId?: number;
    },
  ): LedgerEntry {
    const info = stmt(
      'INSERT INTO billing_ledger (resident_id, ledger, entry, amount_fen, on_date, method, reference, note, receipt_no, payment_id, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      e.residentId,
      e.ledger,
      e.entry,
      e.amountFen,
      e.on,
      e.method ?? '',
      e.reference ?? '',
      e.note ?? '',
      e.receipt ? receiptNo(e.on) : null,
      e.paymentId ?? null,
      ctx.now.toISOString(),
      ctx.user?.id ?? null,
    );
    const entry = ledgerEntry(
      stmt('SELECT * FROM billing_ledger WHERE id = ?').get(Number(info.lastInsertRowid)) as LedgerDb,
    );
    ctx.audit({ entity: 'ledgerEntry', entityId: entry.id, after: entry });
    return entry;
  }

  function insertPayment(
    ctx: OpContext,
    residentId: number,
    amountFen: number,
    method: PaymentDb['method'],
    paidOn: string,
    reference: string,
  ): number {
    const info = stmt(
      'INSERT INTO billing_payments (receipt_no, resident_id, amount_fen, method, paid_on, reference, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      receiptNo(paidOn),
      residentId,
      amountFen,
      method,
      paidOn,
      reference,
      ctx.now.toISOString(),
      ctx.user?.id ?? null,
    );
    return Number(info.lastInsertRowid);
  }

  /** The monthly bed + care (+ meal) fee the resident is billed for a whole month now: the 2024 limits are multiples of it. */
  function monthlyFee(residentId: number, kinds: ReadonlySet<string>, now: Date): number {
    const today = todayOf(deps, now);
    const month = today.slice(0, 7);
    const bills = runs.compute(month, { residentId });
    // Whole-month amounts of the items the resident is on, whatever the days billed so far.
    let sum = 0;
    const seen = new Set<string>();
    for (const l of bills[0]?.lines ?? []) {
      if (!kinds.has(l.kind) || l.unit === 'once' || seen.has(l.item)) continue;
      if (l.from > today || l.to < today) continue;
      seen.add(l.item);
      sum += l.unit === 'month' ? l.rateFen : l.rateFen * 30;
    }
    return sum;
  }

  const service = {
    invoicesOf,
    paymentsOf,
    ledgerBalance,
    payment,
    addLedger,
    insertPayment,

    record(
      input: {
        residentId: number;
        amountFen: number;
        method: PaymentMethod;
        paidOn: string;
        reference?: string | undefined;
      },
      ctx: OpContext,
    ): PaymentRow {
      nameOf(input.residentId);
      if (input.paidOn > todayOf(deps, ctx.now)) throw fieldError('paidOn', '收款日期不能晚于今天，请核对');
      if (input.method === 'prepayment') {
        const balance = ledgerBalance(input.residentId, 'prepayment');
        if (balance < input.amountFen) {
          throw fieldError(
            'amountFen',
            `预交金余额只有 ${(balance / 100).toFixed(2)} 元，不够抵扣，请改用其他方式或少抵一些`,
          );
        }
      }
      const id = insertPayment(
        ctx,
        input.residentId,
        input.amountFen,
        input.method,
        input.paidOn,
        input.reference ?? '',
      );
      if (input.method === 'prepayment') {
        addLedger(ctx, {
          residentId: input.residentId,
          ledger: 'prepayment',
          entry: 'apply',
          amountFen: -input.amountFen,
          on: input.paidOn,
          note: '抵扣账单',
          paymentId: id,
        });
      }
      const row = payment(id);
      ctx.audit({ entity: 'payment', entityId: row.receiptNo, after: row });
      return row;
    },

    void(paymentId: number, reason: string, ctx: OpContext): PaymentRow {
      const before = payment(paymentId);
      if (before.voided) throw precondition(`收据 ${before.receiptNo} 已经作废过了。`);
      stmt(
        'UPDATE billing_payments SET voided_at = ?, void_reason = ?, voided_by = ? WHERE id = ? AND voided_at IS NULL',
      ).run(ctx.now.toISOString(), reason, ctx.user?.id ?? null, paymentId);
      if (before.method === 'prepayment') {
        // The money goes back where it came from.
        addLedger(ctx, {
          residentId: before.residentId,
          ledger: 'prepayment',
          entry: 'apply',
          amountFen: before.amountFen,
          on: todayOf(deps, ctx.now),
          note: `作废收据 ${before.receiptNo}，退回预交金`,
          paymentId,
        });
      }
      const after = payment(paymentId);
      ctx.audit({ entity: 'payment', entityId: before.receiptNo, before, after: { voided: true, reason } });
      return after;
    },

    payments(filter: { residentId?: number | undefined; month?: string | undefined }): PaymentRow[] {
      const rows = stmt(
        'SELECT * FROM billing_payments WHERE (? IS NULL OR resident_id = ?) AND (? IS NULL OR substr(paid_on, 1, 7) = ?) ORDER BY paid_on DESC, id DESC',
      ).all(
        filter.residentId ?? null,
        filter.residentId ?? null,
        filter.month ?? null,
        filter.month ?? null,
      ) as PaymentDb[];
      const cache = new Map<
        number,
        { alloc: ReturnType<typeof allocate>; numbers: Map<number, InvoiceRef>; name: string }
      >();
      const home = deps.sql.db.inTransaction ? null : allocations();
      return rows.map((p) => {
        let c = cache.get(p.resident_id);
        if (!c) {
          const kept = home?.get(p.resident_id);
          const own = kept ? null : invoicesOf(p.resident_id);
          const invoices: InvoiceRef[] = kept ? kept.invoices : own!;
          c = {
            alloc: kept ?? allocate(own!, paymentsOf(p.resident_id)),
            numbers: new Map(invoices.map((i) => [i.id, i])),
            name: nameOf(p.resident_id),
          };
          cache.set(p.resident_id, c);
        }
        return paymentRow(p, c.name, c.alloc, c.numbers);
      });
    },

    /** Paid and open amounts of invoices, by the allocation rule. */
    allocations,

    status(invoices: InvoiceDb[]): Map<number, { paidFen: number; openFen: number }> {
      const out = new Map<number, { paidFen: number; openFen: number }>();
      const residents = new Set(invoices.map((i) => i.resident_id));
      const asked = new Set(invoices.map((i) => i.id));
      const home = deps.sql.db.inTransaction ? null : allocations();
      for (const residentId of residents) {
        let all: AllocInvoice[];
        let alloc: ReturnType<typeof allocate>;
        const kept = home?.get(residentId);
        if (kept) {
          all = kept.invoices;
          alloc = kept;
        } else {
          all = invoicesOf(residentId);
          alloc = allocate(all, paymentsOf(residentId));
        }
        for (const i of all) {
          if (!asked.has(i.id)) continue;
          if (i.kind === 'credit') {
            out.set(i.id, { paidFen: 0, openFen: 0 });
            continue;
          }
          const due = alloc.due.get(i.id) ?? i.resident_fen;
          const paid = alloc.paid.get(i.id) ?? 0;
          out.set(i.id, { paidFen: i.resident_fen - due + paid, openFen: due - paid });
        }
      }
      return out;
    },

    account(residentId: number, now: Date): Account {
      const name = nameOf(residentId);
      const today = todayOf(deps, now);
      const invoices = invoicesOf(residentId);
      const payments = paymentsOf(residentId);
      const alloc = allocate(invoices, payments);
      const openInvoices: OpenInvoice[] = [];
      const ageing = { d0_30: 0, d31_60: 0, d61_90: 0, over90: 0 };
      for (const i of alloc.ordered) {
        const due = alloc.due.get(i.id)!;
        const paid = alloc.paid.get(i.id)!;
        const open = due - paid;
        if (open <= 0) continue;
        const ageDays = daysBetween(i.issued_on, today);
        openInvoices.push({
          id: i.id,
          number: i.number,
          month: i.month,
          issuedOn: i.issued_on,
          residentFen: i.resident_fen,
          paidFen: i.resident_fen - open,
          openFen: open,
          ageDays,
        });
        if (ageDays <= 30) ageing.d0_30 += open;
        else if (ageDays <= 60) ageing.d31_60 += open;
        else if (ageDays <= 90) ageing.d61_90 += open;
        else ageing.over90 += open;
      }
      const events: Array<Omit<AccountHistoryEntry, 'balanceFen'>> = [];
      for (const i of invoices) {
        events.push({
          on: i.issued_on,
          at: i.issued_at,
          kind: i.kind,
          ref: i.number,
          text: i.kind === 'invoice' ? `${i.month} 账单` : `冲红 ${i.reason}`,
          amountFen: i.resident_fen,
        });
      }
      for (const p of payments) {
        events.push({
          on: p.paid_on,
          at: p.recorded_at,
          kind: 'payment',
          ref: p.receipt_no,
          text: `收款（${paymentMethodLabels[p.method as PaymentMethod] ?? '押金抵扣'}）`,
          amountFen: -p.amount_fen,
        });
        if (p.voided_at)
          events.push({
            on: p.voided_at.slice(0, 10),
            at: p.voided_at,
            kind: 'paymentVoided',
            ref: p.receipt_no,
            text: `作废收据：${p.void_reason ?? ''}`,
            amountFen: p.amount_fen,
          });
      }
      for (const l of ledgerOf(residentId)) {
        events.push({
          on: l.on_date,
          at: l.created_at,
          kind: l.ledger,
          ref: l.receipt_no ?? '',
          text: `${ledgerKindLabels[l.ledger]} ${l.note || l.entry}`,
          amountFen: 0,
        });
      }
      events.sort((a, b) => a.on.localeCompare(b.on) || a.at.localeCompare(b.at));
      let balance = 0;
      const history = events.map((e) => {
        balance += e.amountFen;
        return { ...e, balanceFen: balance };
      });
      return {
        residentId,
        name,
        balanceFen: balance,
        depositFen: ledgerBalance(residentId, 'deposit'),
        prepaymentFen: ledgerBalance(residentId, 'prepayment'),
        membershipFen: ledgerBalance(residentId, 'membership'),
        openInvoices,
        ageing,
        history,
      };
    },

    receive(
      input: {
        residentId: number;
        ledger: LedgerKind;
        amountFen: number;
        method: string;
        on: string;
        reference?: string | undefined;
      },
      ctx: OpContext,
      limits: { prepaymentMaxMonths: number; depositMaxMonths: number },
    ): LedgerEntry {
      nameOf(input.residentId);
      if (input.on > todayOf(deps, ctx.now)) throw fieldError('on', '收款日期不能晚于今天，请核对');
      const after = ledgerBalance(input.residentId, input.ledger) + input.amountFen;
      if (input.ledger === 'membership') {
        const nature = deps.institution.get().nature;
        if (nature === 'public' || nature === 'publicPrivate') {
          throw precondition('公办和公建民营养老机构不得收取会员费（《养老机构预收费管理办法》）。', {
            nature,
          });
        }
      }
      if (input.ledger === 'deposit') {
        const monthly = monthlyFee(input.residentId, new Set(['bed', 'care']), ctx.now);
        if (monthly === 0)
          throw precondition(
            '这位老人目前没有在住的床位费和护理费，无法核定押金上限。请先办理入住并设置收费标准，再收押金。',
          );
        const cap = monthly * limits.depositMaxMonths;
        if (after > cap) {
          throw fieldError(
            'amountFen',
            `押金最多为月床位费和护理费的 ${limits.depositMaxMonths} 倍，即 ${(cap / 100).toFixed(2)} 元；收取后将是 ${(after / 100).toFixed(2)} 元，请减少金额`,
          );
        }
      }
      if (input.ledger === 'prepayment') {
        const monthly = monthlyFee(input.residentId, new Set(['bed', 'care', 'meal', 'service']), ctx.now);
        if (monthly === 0)
          throw precondition(
            '这位老人目前没有在住的月费用，无法核定预收上限。请先办理入住并设置收费标准，再收预交金。',
          );
        const cap = monthly * limits.prepaymentMaxMonths;
        if (after > cap) {
          throw fieldError(
            'amountFen',
            `预收服务费最多 ${limits.prepaymentMaxMonths} 个月，即 ${(cap / 100).toFixed(2)} 元；收取后将是 ${(after / 100).toFixed(2)} 元，请减少金额`,
          );
        }
      }
      return addLedger(ctx, {
        residentId: input.residentId,
        ledger: input.ledger,
        entry: 'receive',
        amountFen: input.amountFen,
        on: input.on,
        method: input.method,
        reference: input.reference ?? '',
        receipt: true,
        note: '收取',
      });
    },

    refund(
      input: { residentId: number; ledger: LedgerKind; amountFen: number; on: string; reason: string },
      ctx: OpContext,
    ): LedgerEntry {
      const balance = ledgerBalance(input.residentId, input.ledger);
      if (input.amountFen > balance) {
        throw fieldError(
          'amountFen',
          `${ledgerKindLabels[input.ledger]}余额只有 ${(balance / 100).toFixed(2)} 元，退款不能超过余额`,
        );
      }
      return addLedger(ctx, {
        residentId: input.residentId,
        ledger: input.ledger,
        entry: 'refund',
        amountFen: -input.amountFen,
        on: input.on,
        note: input.reason,
      });
    },

    ledgers(filter: { residentId?: number | undefined; ledger?: LedgerKind | undefined }): LedgerEntry[] {
      return (
        stmt(
          'SELECT * FROM billing_ledger WHERE (? IS NULL OR resident_id = ?) AND (? IS NULL OR ledger = ?) ORDER BY on_date, id',
        ).all(
          filter.residentId ?? null,
          filter.residentId ?? null,
          filter.ledger ?? null,
          filter.ledger ?? null,
        ) as LedgerDb[]
      ).map(ledgerEntry);
    },

    invoiceDetail(
      inv: InvoiceDb,
      status: { paidFen: number; openFen: number },
      lines: InvoiceDetail['lines'],
      creditOfNumber: string | null,
    ): InvoiceDetail {
      return {
        id: inv.id,
        number: inv.number,
        kind: inv.kind,
        residentId: inv.resident_id,
        residentName: inv.resident_name,
        bedLabel: inv.bed_label,
        month: inv.month,
        issuedOn: inv.issued_on,
        issuedAt: inv.issued_at,
        totalFen: inv.total_fen,
        residentFen: inv.resident_fen,
        paidFen: status.paidFen,
        openFen: status.openFen,
        creditOf: creditOfNumber,
        reason: inv.reason,
        origin: inv.origin,
        lines,
      };
    },
  };
  return service;
}
export type Accounts = ReturnType<typeof createAccounts>;
