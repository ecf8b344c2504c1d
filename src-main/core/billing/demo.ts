import type { InputOf } from '../../shared/contract';
import { addMonthsTo, firstOfMonth, monthOf } from '../../shared/contract/billing/dates';
import type { PaymentMethod } from '../../shared/contract/billing/types';
import { localDate } from '../clock';
import type { BillingService } from './module';
import type { OpContext } from './store';

/** The demo home's price list: bed by room class, care by grade, meals for all, one pass-through item. */
export const demoFeeSchedule: Array<
  Omit<InputOf<'billing.items.save'>, 'appliesTo'> & {
    appliesTo: NonNullable<InputOf<'billing.items.save'>['appliesTo']>;
  }
> = [
  {
    code: 'BED1',
    name: '单人间床位费',
    kind: 'bed',
    amountFen: 260_000,
    unit: 'month',
    appliesTo: { roomClass: '单人间' },
  },
  {
    code: 'BED2',
    name: '双人间床位费',
    kind: 'bed',
    amountFen: 180_000,
    unit: 'month',
    appliesTo: { roomClass: '双人间' },
  },
  {
    code: 'BED3',
    name: '三人间床位费',
    kind: 'bed',
    amountFen: 150_000,
    unit: 'month',
    appliesTo: { roomClass: '三人间' },
  },
  {
    code: 'BED4',
    name: '多人间床位费',
    kind: 'bed',
    amountFen: 120_000,
    unit: 'month',
    appliesTo: { roomClass: '多人间' },
  },
  {
    code: 'CARE1',
    name: '一级护理费',
    kind: 'care',
    amountFen: 240_000,
    unit: 'month',
    appliesTo: { careGrade: '一级' },
  },
  {
    code: 'CARE2',
    name: '二级护理费',
    kind: 'care',
    amountFen: 160_000,
    unit: 'month',
    appliesTo: { careGrade: '二级' },
  },
  {
    code: 'CARE3',
    name: '三级护理费',
    kind: 'care',
    amountFen: 90_000,
    unit: 'month',
    appliesTo: { careGrade: '三级' },
  },
  { code: 'MEAL', name: '伙食费', kind: 'meal', amountFen: 75_000, unit: 'month', appliesTo: { all: true } },
  {
    code: 'MED',
    name: '代购药品',
    kind: 'passThrough',
    amountFen: 0,
    unit: 'once',
    appliesTo: { all: true },
  },
];

const methods: PaymentMethod[] = ['wechat', 'alipay', 'bankTransfer', 'cash', 'wechat'];

/**
 * The finance desk's demo: the price list, long-term-care insurance for residents on 一级, deposits
 * for everyone, three issued months, most of them paid and a few families behind, and last month
 * waiting to be run (its reminder raised). Each step goes
 * through billing's own services, dated as the front desk would have done it.
 */
export function seedBillingDemo(billing: BillingService, ctx: OpContext, timeZone: string): void {
  const today = localDate(ctx.now, timeZone);
  for (const item of demoFeeSchedule) billing.schedule.save({ ...item, active: true }, ctx);
  const current = monthOf(today);
  // Last month is left for the finance desk to run, as on a real 1st-of-the-month morning.
  const months = [4, 3, 2].map((n) => addMonthsTo(current, -n));
  const at = (date: string, hour: number) => {
    const now = new Date(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);
    return { ...ctx, now: now > ctx.now ? ctx.now : now };
  };

  const people = billing.runs.compute(months[0]!).concat(billing.runs.compute(current));
  const seen = new Set<number>();
  const residents = people.filter((p) => !seen.has(p.residentId) && seen.add(p.residentId));
  residents.forEach((r, i) => {
    if (!r.lines.some((l) => l.item === 'CARE1')) return;
    if (i % 2 !== 0) return;
    billing.schedule.setPayers(
      {
        residentId: r.residentId,
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
      ctx,
    );
  });
  residents.forEach((r, i) => {
    if (i % 7 === 3)
      billing.schedule.addCharge(
        {
          residentId: r.residentId,
          itemCode: 'MED',
          name: '代购药品',
          amountFen: 8_650 + i * 37,
          on: `${months[2]}-12`,
        },
        ctx,
      );
  });

  for (const month of months) {
    const issuedOn = firstOfMonth(addMonthsTo(month, 1));
    billing.runs.issue(month, at(issuedOn, 9));
    const invoices = billing.invoices({ month });
    invoices.forEach((inv, i) => {
      // A few families fall behind on the last two months.
      if (i % 11 === 5 && month !== months[0]) return;
      const paidOn = `${issuedOn.slice(0, 8)}${String(3 + (i % 10)).padStart(2, '0')}`;
      if (paidOn > today || inv.residentFen <= 0) return;
      billing.accounts.record(
        {
          residentId: inv.residentId,
          amountFen: inv.residentFen,
          method: methods[i % methods.length]!,
          paidOn,
        },
        at(paidOn, 10),
      );
    });
  }

  billing
    .stmt('INSERT OR IGNORE INTO billing_reminders (month, at) VALUES (?, ?)')
    .run(addMonthsTo(current, -1), ctx.now.toISOString());

  const config = billing.config.get();
  for (const r of billing.runs.compute(current)) {
    const monthly = r.lines
      .filter((l) => (l.kind === 'bed' || l.kind === 'care') && l.unit === 'month' && l.to >= today)
      .reduce((s, l) => s + l.rateFen, 0);
    if (monthly === 0) continue;
    const on = r.lines[0]!.from < today ? r.lines[0]!.from : today;
    billing.accounts.receive(
      { residentId: r.residentId, ledger: 'deposit', amountFen: monthly, method: 'bankTransfer', on },
      at(on, 11),
      config,
    );
    if (r.residentId % 4 === 0) {
      billing.accounts.receive(
        { residentId: r.residentId, ledger: 'prepayment', amountFen: monthly, method: 'wechat', on },
        at(on, 11),
        config,
      );
    }
  }
}
