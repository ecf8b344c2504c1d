import type { AuditSubjectNamer } from '../audit/audit-names';
import { statements } from './common';
import { formatDecimal } from '../../shared/contract/meds';
import { medsModule } from '../../shared/contract/meds';
import { finished, prepared, requireUser, type CallContext, type ModuleHandlers } from '../api/context';
import { listWorkbook } from '../export/excel';
import { medsSheet } from './exports';
import { localDate } from '../clock';
import { defineCoreModule } from '../module';
import { medsAlerts } from './alerts';
import type { MedsOp } from './common';
import { generateMeds } from './generate';
import { createMeds } from './migrations/0010-create-meds';
import { medsRecordIndexes } from './migrations/0012-meds-record-indexes';
import { createMedsModule, type MedsModule } from './service';

declare module '../module' {
  interface ModuleServices {
    meds: MedsModule;
  }
}

const op = (ctx: CallContext): MedsOp => {
  const user = requireUser(ctx);
  return {
    now: ctx.now,
    audit: ctx.audit,
    emit: ctx.emit,
    user: { id: user.id, displayName: user.displayName },
  };
};

/** Thin adapters from the contract to the medication services; the rules live in the services. */
function handlers(
  meds: MedsModule,
  timeZone: () => string,
  institution: () => string,
): ModuleHandlers<'meds'> {
  return {
    'meds.drugs.list': (input) => meds.drugs.list(input?.q, input?.includeInactive ?? false),
    'meds.drugs.save': (input, ctx) => meds.drugs.save(input, op(ctx)),
    'meds.orders.list': (input, ctx) => meds.orders.list(input ?? {}, ctx.now),
    'meds.orders.get': (input, ctx) => meds.orders.view(meds.orders.load(input.orderId), ctx.now),
    'meds.orders.create': (input, ctx) => meds.orders.create(input, op(ctx)),
    'meds.orders.change': (input, ctx) => meds.orders.change(input, op(ctx)),
    'meds.orders.stop': (input, ctx) => meds.orders.stop(input, op(ctx)),
    'meds.mar': prepared((input, ctx) => meds.mar.marAnswer(input, ctx.now)),
    'meds.marSummary': (input, ctx) => meds.mar.summary(input.date, ctx.now),
    'meds.administer': (input, ctx) => meds.mar.administer(input, op(ctx)),
    'meds.correct': (input, ctx) => meds.mar.correct(input, op(ctx)),
    'meds.prn.give': (input, ctx) => meds.prn.give(input, op(ctx)),
    'meds.prn.effect': (input, ctx) => meds.prn.effect(input, op(ctx)),
    'meds.prn.list': (input) => meds.prn.list(input ?? {}),
    'meds.stock.receive': (input, ctx) => meds.stock.receive(input, op(ctx)),
    'meds.stock.receipt': (input) => meds.stock.getReceipt(input.receiptId),
    'meds.stock.list': (input, ctx) => meds.stock.list(input.residentId, ctx.now),
    'meds.stock.ledger': (input) => meds.stock.ledger(input.residentId, input.drugId),
    'meds.stock.count': (input, ctx) => meds.stock.count(input, op(ctx)),
    'meds.stock.dispose': (input, ctx) => meds.stock.dispose(input, op(ctx)),
    'meds.handover': (input, ctx) => meds.handover.get(input ?? {}, ctx.now),
    'meds.export': finished(
      (input, ctx) => medsSheet(meds, input, op(ctx), { timeZone: timeZone(), institution: institution() }),
      listWorkbook,
    ),
    'meds.witnesses': () => meds.people.giversOfMedicine(),
    'meds.monthly': (input, ctx) => meds.monthly(input, ctx.now),
    'meds.today': (_input, ctx) => ({
      today: localDate(ctx.now, timeZone()),
      now: ctx.now.toISOString(),
      windowMinutes: meds.mar.windowMinutes(),
    }),
    'meds.settings.get': () => meds.settings(),
    'meds.settings.update': (input, ctx) => meds.updateSettings(input, op(ctx)),
  };
}

/** Medication: drug catalog, orders, the administration record, PRN and kept medicines. */
export const medsCore = defineCoreModule({
  shared: medsModule,
  migrations: [createMeds, medsRecordIndexes],
  generate: generateMeds,
  create(ctx) {
    const meds = createMedsModule({
      sql: ctx.sql,
      timeZone: ctx.timeZone,
      auth: ctx.auth,
      settings: ctx.settings,
      residents: ctx.modules.residents,
      // Registered after this module: looked up on each call, never at creation.
      shifts: () =>
        ctx.modules.staff?.rota
          .shifts()
          .filter((s) => s.active)
          .map((s) => ({ name: s.name, start: s.start, end: s.end })),
    });
    const stmt = statements(ctx.sql);
    // Subjects in words for the audit log: the drug, and for a dose its date and time.
    const named =
      (query: string): AuditSubjectNamer =>
      (ids) => {
        const numbers = ids.map(Number).filter(Number.isInteger);
        if (numbers.length === 0) return new Map();
        const rows = stmt(query.replace('?LIST', numbers.map(() => '?').join(','))).all(...numbers) as Array<{
          id: number;
          name: string;
        }>;
        return new Map(rows.map((r) => [String(r.id), r.name]));
      };
    const doseName = `d.name || ' ' || coalesce(replace(substr(r.due_at, 1, 16), 'T', ' '), r.due_on)`;
    const doseOf = (table: string) =>
      named(
        `SELECT t.id AS id, ${doseName} AS name FROM ${table} t JOIN meds_records r ON r.id = t.record_id JOIN meds_drugs d ON d.id = r.drug_id WHERE t.id IN (?LIST)`,
      );
    return {
      service: meds,
      auditSubjects: {
        drug: named('SELECT id, name FROM meds_drugs WHERE id IN (?LIST)'),
        medOrder: named(
          'SELECT o.id AS id, d.name AS name FROM meds_orders o JOIN meds_drugs d ON d.id = o.drug_id WHERE o.id IN (?LIST)',
        ),
        doseRecord: named(
          `SELECT r.id AS id, ${doseName} AS name FROM meds_records r JOIN meds_drugs d ON d.id = r.drug_id WHERE r.id IN (?LIST)`,
        ),
        stockReceipt: named(
          `SELECT m.id AS id, d.name || ' 批号 ' || b.batch_no AS name FROM meds_stock_moves m JOIN meds_stock_batches b ON b.id = m.batch_id JOIN meds_drugs d ON d.id = b.drug_id WHERE m.id IN (?LIST)`,
        ),
        // Disposals before this naming recorded the resident's id; those rows stay bare numbers.
        stockDisposal: (ids) => {
          const numbers = ids.map(Number).filter(Number.isInteger);
          if (numbers.length === 0) return new Map();
          const rows = stmt(
            `SELECT m.id, m.qty_e4, d.name, d.unit, b.batch_no FROM meds_stock_moves m JOIN meds_stock_batches b ON b.id = m.batch_id
             JOIN meds_drugs d ON d.id = b.drug_id WHERE m.kind = 'dispose' AND m.id IN (${numbers.map(() => '?').join(',')})`,
          ).all(...numbers) as Array<{
            id: number;
            qty_e4: number;
            name: string;
            unit: string;
            batch_no: string;
          }>;
          return new Map(
            rows.map((r) => [
              String(r.id),
              `${r.name} 批号 ${r.batch_no || '（未填）'} ${formatDecimal(-r.qty_e4)}${r.unit}`,
            ]),
          );
        },
        stockCount: named(
          'SELECT c.id AS id, d.name AS name FROM meds_stock_counts c JOIN meds_drugs d ON d.id = c.drug_id WHERE c.id IN (?LIST)',
        ),
        doseCorrection: doseOf('meds_corrections'),
        prnEffect: doseOf('meds_prn_effects'),
      },
      handlers: handlers(meds, ctx.timeZone, () => ctx.institution.find()?.name ?? ''),
      alerts: medsAlerts({ ...meds, timeZone: ctx.timeZone }),
      summaries: [
        {
          key: 'medication',
          label: '给药执行情况',
          // Doses due in the period by what happened to them, and the PRN doses given: the figures
          // a civil-affairs inspection asks for (执行率, 漏给, 拒服).
          inSteps: true,
          *summarize({ from, to }) {
            const counts = yield* meds.mar.statusCounts({ from, to }, ctx.clock.now());
            const prn = meds.mar.prnCount({ from, to });
            const scheduled = Object.values(counts).reduce((a, b) => a + b, 0);
            return { from, to, scheduled, ...counts, prn };
          },
        },
      ],
    };
  },
});
