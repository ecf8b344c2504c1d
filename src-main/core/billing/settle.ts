import type { Settlement } from '../../shared/contract/billing';
import { addDays, monthOf } from '../../shared/contract/billing/dates';
import type { BillLine } from '../../shared/contract/billing/types';
import type { Accounts } from './accounts';
import type { InvoiceDb, Runs } from './runs';
import { precondition, statements, todayOf, type BillingDeps, type OpContext } from './store';

/**
 * Discharge settlement (结算单): the last month billed for the days actually held (whatever was issued
 * for it, and for any later month, is credited back), the prepayment applied to what is owed and the
 * rest refunded, the deposit returned net of what is still owed, membership fees refunded.
 */
export function createSettlement(deps: BillingDeps, runs: Runs, accounts: Accounts) {
  const stmt = statements(deps.sql);

  function get(residentId: number): Settlement | null {
    const row = stmt(
      'SELECT id, doc_json FROM billing_settlements WHERE resident_id = ? ORDER BY id DESC LIMIT 1',
    ).get(residentId) as { id: number; doc_json: string } | undefined;
    return row ? { ...(JSON.parse(row.doc_json) as Settlement), id: row.id } : null;
  }

  function settle(residentId: number, on: string, ctx: OpContext): Settlement {
    const resident = deps.residents().records.requireRow(residentId);
    const today = todayOf(deps, ctx.now);
    if (on > today) throw precondition('结算日期不能晚于今天。请在老人实际离院当天或之后结算。');
    if (resident.admitted_on && on < resident.admitted_on)
      throw precondition(`结算日期早于入住日期（${resident.admitted_on}），请核对。`);
    if (stmt('SELECT 1 FROM billing_settlements WHERE resident_id = ? AND on_date = ?').get(residentId, on)) {
      throw precondition(`${resident.name} 在 ${on} 已经结算过了，可重新打印结算单。`);
    }
    // The discharge day is not billed: the last billed day is the day before.
    const month = monthOf(addDays(on, -1));
    const bill = runs.compute(month, { residentId, until: on })[0];
    const lines: BillLine[] = [...(bill?.lines ?? [])];
    const credits: string[] = [];
    let previouslyBilledFen = 0;
    const later = stmt(
      "SELECT * FROM billing_invoices WHERE resident_id = ? AND month >= ? AND kind = 'invoice' ORDER BY month, id",
    ).all(residentId, month) as InvoiceDb[];
    for (const inv of later) {
      const credited = -(
        stmt(
          "SELECT COALESCE(SUM(total_fen), 0) AS s FROM billing_invoices WHERE credit_of = ? AND kind = 'credit'",
        ).get(inv.id) as { s: number }
      ).s;
      if (inv.total_fen - credited <= 0) continue;
      previouslyBilledFen += inv.total_fen - credited;
      // One-off charges billed on a credited invoice are billed again on the settlement.
      if (credited === 0)
        lines.push(...(runs.linesOf([inv.id]).get(inv.id) ?? []).filter((l) => l.item.startsWith('charge:')));
      credits.push(runs.credit(inv.id, undefined, `退住结算（${on}），按实际天数重新计费`, ctx).number);
    }
    let invoiceNumber: string | null = null;
    if (lines.length > 0) {
      const who = {
        residentId,
        name: resident.name,
        bedLabel: bill?.bedLabel ?? null,
        lines,
        chargeIds: bill?.chargeIds ?? [],
      };
      invoiceNumber = runs.writeInvoice(who, month, ctx, {
        origin: 'settlement',
        reason: `退住结算 ${on}`,
      }).number;
    }
    const owedBeforeFen = accounts.account(residentId, ctx.now).balanceFen;
    let owed = owedBeforeFen;

    const prepayment = accounts.ledgerBalance(residentId, 'prepayment');
    const prepaymentAppliedFen = Math.max(0, Math.min(prepayment, owed));
    if (prepaymentAppliedFen > 0) {
      const paymentId = accounts.insertPayment(
        ctx,
        residentId,
        prepaymentAppliedFen,
        'prepayment',
        on,
        '退住结算',
      );
      accounts.addLedger(ctx, {
        residentId,
        ledger: 'prepayment',
        entry: 'apply',
        amountFen: -prepaymentAppliedFen,
        on,
        note: '退住结算抵扣',
        paymentId,
      });
      owed -= prepaymentAppliedFen;
    }
    const prepaymentRefundFen = prepayment - prepaymentAppliedFen;
    if (prepaymentRefundFen > 0) {
      accounts.addLedger(ctx, {
        residentId,
        ledger: 'prepayment',
        entry: 'refund',
        amountFen: -prepaymentRefundFen,
        on,
        note: '退住结算退还',
      });
    }
    const deposit = accounts.ledgerBalance(residentId, 'deposit');
    const depositOffsetFen = Math.max(0, Math.min(deposit, owed));
    if (depositOffsetFen > 0) {
      const paymentId = accounts.insertPayment(
        ctx,
        residentId,
        depositOffsetFen,
        'deposit',
        on,
        '押金抵扣欠费',
      );
      accounts.addLedger(ctx, {
        residentId,
        ledger: 'deposit',
        entry: 'offset',
        amountFen: -depositOffsetFen,
        on,
        note: '退住结算抵扣欠费',
        paymentId,
      });
      owed -= depositOffsetFen;
    }
    const depositRefundFen = deposit - depositOffsetFen;
    if (depositRefundFen > 0) {
      accounts.addLedger(ctx, {
        residentId,
        ledger: 'deposit',
        entry: 'refund',
        amountFen: -depositRefundFen,
        on,
        note: '退住结算退还押金',
      });
    }
    const membershipRefundFen = Math.max(0, accounts.ledgerBalance(residentId, 'membership'));
    if (membershipRefundFen > 0) {
      accounts.addLedger(ctx, {
        residentId,
        ledger: 'membership',
        entry: 'refund',
        amountFen: -membershipRefundFen,
        on,
        note: '退住结算退还会员费',
      });
    }
    const doc: Omit<Settlement, 'id'> = {
      residentId,
      residentName: resident.name,
      bedLabel: bill?.bedLabel ?? null,
      admittedOn: resident.admitted_on,
      on,
      month,
      lines,
      actualFen: lines.reduce((s, l) => s + l.amountFen, 0),
      previouslyBilledFen,
      invoiceNumber,
      creditNoteNumbers: credits,
      owedBeforeFen,
      prepaymentAppliedFen,
      prepaymentRefundFen,
      depositOffsetFen,
      depositRefundFen,
      membershipRefundFen,
      dueFen: Math.max(0, owed),
      refundFen: prepaymentRefundFen + depositRefundFen + membershipRefundFen,
      createdAt: ctx.now.toISOString(),
    };
    const info = stmt(
      'INSERT INTO billing_settlements (resident_id, on_date, doc_json, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
    ).run(residentId, on, JSON.stringify(doc), ctx.now.toISOString(), ctx.user?.id ?? null);
    const out = { ...doc, id: Number(info.lastInsertRowid) };
    ctx.audit({
      entity: 'settlement',
      entityId: residentId,
      after: { on, actualFen: doc.actualFen, dueFen: doc.dueFen, refundFen: doc.refundFen },
    });
    return out;
  }

  return { settle, get };
}
