import { addMonthsTo, firstOfMonth, monthOf } from '../../shared/contract/billing/dates';
import type { PaymentMethod } from '../../shared/contract/billing/types';
import type { GenerateContext } from '../module';
import { demoFeeSchedule } from './demo';

/**
 * Months of history the generator bills. A home's finance desk looks back two or three years; ten
 * years of monthly runs would triple the generator's time for figures no screen lists by default.
 */
const MONTHS = 36;
const methods: PaymentMethod[] = ['wechat', 'alipay', 'bankTransfer', 'cash', 'wechat', 'wechat'];

/**
 * The finance desk's last three years through billing's own services: the price list, insurance
 * for some residents on 一级, each month issued on the 1st at nine and paid by most families within
 * ten days (a few fall behind), and a deposit for everyone in residence now. The last month is left
 * to run, as on a 1st-of-the-month morning.
 */
export async function generateBilling(ctx: GenerateContext): Promise<void> {
  const billing = ctx.modules.billing;
  if (!billing) return;
  const { rng } = ctx;
  const finance = ctx.auth.listUsers().find((u) => u.username === 'finance');
  const user = finance
    ? { id: finance.id, username: finance.username, displayName: finance.displayName }
    : null;
  const current = monthOf(ctx.today);
  const months: string[] = [];
  for (let n = Math.min(MONTHS, Math.round(ctx.years * 12)); n >= 2; n -= 1)
    months.push(addMonthsTo(current, -n));
  if (months.length === 0) return;
  const at = (date: string, hour: number) => {
    const when = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
    return when > ctx.now ? ctx.now : when;
  };

  ctx.writes.run({ procedure: 'billing.generate', now: at(`${months[0]}-01`, 8), user }, (w) => {
    for (const item of demoFeeSchedule)
      billing.schedule.save({ ...item, active: true, effectiveFrom: `${months[0]}-01` }, w);
    // Long-term-care insurance for about half of those on 一级 care at the start.
    for (const bill of billing.runs.compute(months[0]!)) {
      if (!bill.lines.some((l) => l.item === 'CARE1') || !rng.chance(0.5)) continue;
      billing.schedule.setPayers(
        {
          residentId: bill.residentId,
          payers: [
            {
              kind: 'ltcInsurance',
              name: '南京市长护险',
              percent: 70,
              capFen: 150_000,
              itemKinds: ['care'],
              from: `${months[0]}-01`,
            },
          ],
        },
        w,
      );
    }
  });

  let invoices = 0;
  let payments = 0;
  for (const month of months) {
    const issuedOn = firstOfMonth(addMonthsTo(month, 1));
    ctx.writes.run({ procedure: 'billing.runs.issue', now: at(issuedOn, 9), user }, (w) => {
      invoices += billing.runs.issue(month, w).invoices;
    });
    const late = month >= addMonthsTo(current, -3);
    ctx.writes.run({ procedure: 'billing.generate', now: at(issuedOn, 18), user }, (w) => {
      for (const inv of billing.invoices({ month })) {
        if (inv.residentFen <= 0) continue;
        // A few families fall behind in the last months; most pay by the 12th.
        if (late && rng.chance(0.06)) continue;
        const paidOn = `${issuedOn.slice(0, 8)}${String(rng.int(2, 12)).padStart(2, '0')}`;
        if (paidOn > ctx.today) continue;
        billing.accounts.record(
          { residentId: inv.residentId, amountFen: inv.residentFen, method: rng.pick(methods), paidOn },
          { ...w, now: at(paidOn, 10) },
        );
        payments += 1;
      }
    });
    await new Promise<void>((r) => setImmediate(r));
  }

  ctx.writes.run({ procedure: 'billing.generate', now: ctx.now, user }, (w) => {
    const config = billing.config.get();
    for (const bill of billing.runs.compute(current)) {
      const monthly = bill.lines
        .filter((l) => (l.kind === 'bed' || l.kind === 'care') && l.unit === 'month' && l.to >= ctx.today)
        .reduce((s, l) => s + l.rateFen, 0);
      if (monthly === 0) continue;
      const on = bill.lines[0]!.from < ctx.today ? bill.lines[0]!.from : ctx.today;
      billing.accounts.receive(
        { residentId: bill.residentId, ledger: 'deposit', amountFen: monthly, method: 'bankTransfer', on },
        { ...w, now: at(on, 11) },
        config,
      );
    }
  });
  ctx.progress(`billing: ${months.length} months, ${invoices} invoices, ${payments} payments`);
}
