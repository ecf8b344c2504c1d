import { encodedOnce } from '../api/json-text';
import { billingModule } from '../../shared/contract/billing';
import { addMonthsTo, monthOf } from '../../shared/contract/billing/dates';
import type { Alert } from '../../shared/contract/platform';
import { AppError } from '../../shared/errors';
import { defineCoreModule } from '../module';
import { createAccounts } from './accounts';
import { createBillingConfig } from './config';
import { generateBilling } from './generate';
import { billingExports } from './exports';
import { createBilling } from './migrations/0008-create-billing';
import { billingRevision } from './migrations/0013-billing-revision';
import { createReports } from './reports';
import { createRuns, type InvoiceDb, type RunOptions } from './runs';
import { createSchedule } from './schedule';
import { createSettlement } from './settle';
import { statements, todayOf, yuan, type BillingDeps } from './store';

function createBillingService(deps: BillingDeps, runOptions: RunOptions) {
  const config = createBillingConfig(deps.sql);
  const schedule = createSchedule(deps);
  const runs = createRuns(deps, config, schedule, runOptions);
  const accounts = createAccounts(deps, runs);
  const settlement = createSettlement(deps, runs, accounts);
  const reports = createReports(deps, runs, () => accounts);
  const stmt = statements(deps.sql);

  function details(invoices: InvoiceDb[]) {
    const status = accounts.status(invoices);
    const lines = runs.linesOf(invoices.map((i) => i.id));
    const numbers = new Map<number, string>();
    const creditOf = invoices.map((i) => i.credit_of).filter((x): x is number => x !== null);
    for (const id of creditOf) {
      const row = stmt('SELECT number FROM billing_invoices WHERE id = ?').get(id) as
        { number: string } | undefined;
      if (row) numbers.set(id, row.number);
    }
    return invoices.map((i) =>
      accounts.invoiceDetail(
        i,
        status.get(i.id) ?? { paidFen: 0, openFen: 0 },
        lines.get(i.id) ?? [],
        i.credit_of === null ? null : (numbers.get(i.credit_of) ?? null),
      ),
    );
  }
  function invoice(id: number) {
    const inv = stmt('SELECT * FROM billing_invoices WHERE id = ?').get(id) as InvoiceDb | undefined;
    if (!inv) throw new AppError('NOT_FOUND', '找不到这张账单，可能输入的编号有误。请刷新后重试。');
    return details([inv])[0]!;
  }
  function invoices(filter: { month?: string | undefined; residentId?: number | undefined }) {
    const rows = stmt(
      'SELECT * FROM billing_invoices WHERE (? IS NULL OR month = ?) AND (? IS NULL OR resident_id = ?) ORDER BY id',
    ).all(
      filter.month ?? null,
      filter.month ?? null,
      filter.residentId ?? null,
      filter.residentId ?? null,
    ) as InvoiceDb[];
    return details(rows);
  }
  return { config, schedule, runs, accounts, settlement, reports, invoice, invoices, stmt };
}
export type BillingService = ReturnType<typeof createBillingService>;

declare module '../module' {
  interface ModuleServices {
    billing: BillingService;
  }
}

/** Billing: fee schedule, the monthly run, payers, payments, prepaid ledgers, settlement, reports. */
export const billingCore = defineCoreModule({
  shared: billingModule,
  migrations: [createBilling, billingRevision],
  generate: generateBilling,
  create(ctx) {
    const residents = () => {
      const r = ctx.modules.residents;
      if (!r) throw new Error('billing needs the residents module');
      return r;
    };
    const deps: BillingDeps = {
      sql: ctx.sql,
      institution: ctx.institution,
      residents,
      timeZone: ctx.timeZone,
    };
    const billing = createBillingService(deps, {
      ...(typeof ctx.options.failAtInvoice === 'number' ? { failAtInvoice: ctx.options.failAtInvoice } : {}),
    });
    const { config, schedule, runs, accounts, settlement, reports } = billing;
    const today = (now: Date) => todayOf(deps, now);

    return {
      service: billing,
      handlers: {
        'billing.getConfig': () => config.get(),
        'billing.updateConfig': (input, call) => {
          const { before, after } = config.update(input, call.now);
          call.audit({ entity: 'billingConfig', before, after });
          return after;
        },
        'billing.items.list': (_input, call) => schedule.list(call.now),
        'billing.items.save': (input, call) => schedule.save(input, call),
        'billing.charges.add': (input, call) => schedule.addCharge(input, call),
        'billing.charges.list': (input) => schedule.charges(input),
        'billing.payers.get': (input) => schedule.payers(input.residentId),
        'billing.payers.set': (input, call) => schedule.setPayers(input, call),
        'billing.payers.statement': (input) => reports.statement(input.month, input.payerName),
        'billing.runs.preview': (input) => runs.preview(input.month),
        'billing.runs.issue': {
          prepare: async (input) => {
            ctx.events.emit('billing.runProgress', {
              month: input.month,
              done: 0,
              total: 0,
              phase: 'computing',
            });
            return null;
          },
          run: (input, call) => {
            const out = runs.issue(input.month, call);
            call.emit('billing.runProgress', {
              month: input.month,
              done: out.invoices,
              total: out.invoices,
              phase: 'done',
            });
            return out;
          },
        },
        'billing.runs.list': () => runs.runs(),
        'billing.invoices.issueFor': (input, call) =>
          billing.invoice(runs.issueFor(input.residentId, input.month, call).id),
        // A month's lists are ~1,000 rows read with their allocations: kept, encoded, until the next write.
        'billing.invoices.list': (input) =>
          ctx.sql.remember(`billing.invoices.list:${JSON.stringify(input ?? {})}`, () =>
            encodedOnce(billing.invoices(input)),
          ),
        'billing.invoices.get': (input) => billing.invoice(input.id),
        'billing.invoices.credit': (input, call) =>
          billing.invoice(runs.credit(input.invoiceId, input.amountFen, input.reason, call).id),
        'billing.payments.record': (input, call) => accounts.record(input, call),
        'billing.payments.void': (input, call) => accounts.void(input.paymentId, input.reason, call),
        'billing.payments.list': (input) =>
          ctx.sql.remember(`billing.payments.list:${JSON.stringify(input ?? {})}`, () =>
            encodedOnce(accounts.payments(input)),
          ),
        'billing.payments.get': (input) => accounts.payment(input.id),
        'billing.accounts.get': (input, call) => accounts.account(input.residentId, call.now),
        'billing.ledgers.receive': (input, call) => accounts.receive(input, call, config.get()),
        'billing.ledgers.refund': (input, call) => accounts.refund(input, call),
        'billing.ledgers.list': (input) => accounts.ledgers(input),
        'billing.settle': (input, call) => settlement.settle(input.residentId, input.on, call),
        'billing.settlements.get': (input) => settlement.get(input.residentId),
        'billing.reports.income': (input) => reports.income(input.month),
        'billing.reports.arrears': (_input, call) => reports.arrears(call.now),
        'billing.reports.prepaid': () => reports.prepaid(),
        ...billingExports(billing, ctx),
      },
      jobs: [
        {
          name: 'billing.monthlyReminder',
          label: '每月 1 日提醒月结出账',
          schedule: { every: 'month', day: 1, at: '08:00' },
          run: ({ now }) => {
            const month = addMonthsTo(monthOf(today(now)), -1);
            ctx.writes.run({ procedure: 'billing.monthlyReminder', now, user: null }, (w) => {
              billing
                .stmt('INSERT OR IGNORE INTO billing_reminders (month, at) VALUES (?, ?)')
                .run(month, now.toISOString());
              w.audit({ entity: 'billingReminder', entityId: month, after: { month } });
            });
          },
        },
      ],
      alerts: [
        {
          kind: 'billing.runDue',
          access: 'billing.read',
          list: (): Alert[] => {
            const due = billing
              .stmt(
                'SELECT r.month FROM billing_reminders r LEFT JOIN billing_runs b ON b.month = r.month WHERE b.month IS NULL ORDER BY r.month',
              )
              .all() as Array<{ month: string }>;
            return due.map((d) => ({
              kind: 'billing.runDue',
              severity: 'warning',
              title: `${d.month} 的账单还没有出账`,
              detail: `每月 1 日为上个月出账。请到 收费 → 账单 预览 ${d.month} 的月结，核对后出账。`,
              dueAt: `${d.month}-01`,
              subject: { type: 'billingRun', id: d.month },
              link: `/billing/runs?month=${d.month}`,
              action: '去出账',
              actionProcedure: 'billing.runs.issue',
            }));
          },
        },
        {
          kind: 'billing.arrears',
          access: 'billing.read',
          list: ({ now }): Alert[] => {
            const days = config.get().arrearsAlertDays;
            // Only invoices older than the threshold count, not a resident's whole open balance.
            const overdue = reports
              .arrears(now)
              .map((r) => ({
                r,
                // The ageing buckets answer the default threshold; another one needs the invoices.
                fen:
                  days === 30
                    ? r.d31_60 + r.d61_90 + r.over90
                    : accounts
                        .account(r.residentId, now)
                        .openInvoices.filter((i) => i.ageDays > days)
                        .reduce((s, i) => s + i.openFen, 0),
              }))
              .filter((x) => x.fen > 0);
            if (overdue.length === 0) return [];
            const total = overdue.reduce((s, x) => s + x.fen, 0);
            return [
              {
                kind: 'billing.arrears',
                severity: overdue.some((x) => x.r.over90 > 0) ? 'critical' : 'warning',
                title: `${overdue.length} 位老人欠费超过 ${days} 天`,
                detail: `合计 ${yuan(total)}：${overdue
                  .slice(0, 5)
                  .map((x) => `${x.r.name} ${yuan(x.fen)}`)
                  .join('、')}${overdue.length > 5 ? ' 等' : ''}。请联系家属缴费。`,
                subject: { type: 'billingArrears', id: 'all' },
                link: '/billing/reports',
                action: '查看欠费',
              },
            ];
          },
        },
      ],
      summaries: [
        {
          key: 'finance',
          label: '收费',
          summarize: ({ from, to }) => {
            const months = billing
              .stmt(
                'SELECT DISTINCT month FROM billing_invoices WHERE month >= ? AND month <= ? ORDER BY month',
              )
              .all(from.slice(0, 7), to.slice(0, 7)) as Array<{ month: string }>;
            // One entry per billing month that has invoices in the period (a daily summary's month).
            return {
              months: months.map((m) => {
                const r = reports.income(m.month);
                return {
                  month: m.month,
                  invoices: r.invoices,
                  invoicedFen: r.invoicedFen,
                  creditedFen: r.creditedFen,
                  revenueFen: r.revenueFen,
                  passThroughFen: r.passThroughFen,
                  collectedFen: r.collectedFen,
                  byKind: r.byKind,
                };
              }),
            };
          },
        },
      ],
      auditSubjects: {
        payers: (ids) => namesOf(ids),
        settlement: (ids) => namesOf(ids),
      },
    };

    function namesOf(ids: readonly string[]): Map<string, string> {
      const out = new Map<string, string>();
      for (const id of ids) {
        try {
          out.set(id, residents().records.requireRow(Number(id)).name);
        } catch {
          continue;
        }
      }
      return out;
    }
  },
});
