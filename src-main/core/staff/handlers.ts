import { finished, requireUser } from '../api/context';
import { localDate } from '../clock';
import { listWorkbook } from '../export/excel';
import type { HandlersFor } from '../module';
import type { staffModule } from '../../shared/contract/staff';
import type { StaffingOverride } from '../../shared/contract/staff';
import type { Sql } from '../db/sql';
import { rosterSheet, readRoster } from './roster-excel';
import type { RatioService } from './ratio';
import type { Roster } from './roster';
import type { RotaService } from './rota';
import type { StaffTables } from './tables';

export function createStaffHandlers(deps: {
  sql: Sql<StaffTables>;
  roster: Roster;
  ratio: RatioService;
  rota: RotaService;
  timeZone: () => string;
  institutionName: () => string;
}): HandlersFor<typeof staffModule> {
  const { roster, ratio, rota, sql } = deps;
  const today = (now: Date) => localDate(now, deps.timeZone());

  function overrides(): StaffingOverride[] {
    return sql
      .all(sql.qb.selectFrom('staffing_overrides').selectAll().orderBy('id', 'desc').limit(500))
      .map((r) => ({
        id: r.id,
        at: r.at,
        userId: r.user_id,
        userName: r.user_name,
        action: r.action as StaffingOverride['action'],
        subject: r.subject,
        reason: r.reason,
        required: r.required,
        available: r.available_milli / 1000,
      }));
  }

  return {
    'staff.create': (input, ctx) => roster.detail(roster.create(input, ctx), today(ctx.now)),
    'staff.update': (input, ctx) => {
      roster.update(input, ctx);
      return roster.detail(input.id, today(ctx.now));
    },
    'staff.get': (input, ctx) => roster.detail(input.id, today(ctx.now)),
    'staff.list': (input, ctx) => roster.list(input, today(ctx.now)),
    'staff.end': (input, ctx) => {
      roster.end(input, ctx);
      return roster.detail(input.staffId, today(ctx.now));
    },
    'staff.addCertificate': (input, ctx) => {
      const id = roster.addCertificate(input, ctx);
      return roster.toCertificate(
        roster.certRows([input.staffId]).find((c) => c.id === id)!,
        today(ctx.now),
      );
    },
    'staff.certificates': (_input, ctx) => {
      const day = today(ctx.now);
      const people = new Map(roster.list({ activeOn: day }, day).map((s) => [s.id, s]));
      return roster
        .certRows()
        .filter((c) => people.has(c.staff_id))
        .map((c) => ({
          ...roster.toCertificate(c, day),
          staffName: people.get(c.staff_id)!.name,
          roles: people.get(c.staff_id)!.roles,
        }));
    },
    'staff.removeCertificate': (input, ctx) => {
      roster.removeCertificate(input, ctx);
      return { id: input.id };
    },
    'staff.export': finished((input, ctx) => {
      const day = today(ctx.now);
      const rows = roster.list(input?.activeOn ? { activeOn: input.activeOn } : { activeOn: day }, day);
      ctx.audit({ entity: 'staff', after: { exported: rows.length, activeOn: input?.activeOn ?? day } });
      return rosterSheet(rows, deps.institutionName(), day);
    }, listWorkbook),
    'staff.import': {
      prepare: (input) => readRoster(input.base64),
      run: (_input, ctx, rows: Awaited<ReturnType<typeof readRoster>>) => {
        for (const row of rows) roster.create(row, ctx);
        return { created: rows.length };
      },
    },
    'training.record': (input, ctx) => roster.recordTraining(input, ctx),
    'training.list': (input) => roster.trainingsOf(null, input?.from, input?.to),
    'rota.shifts': () => rota.shifts(),
    'rota.saveShift': (input, ctx) => rota.saveShift(input, ctx),
    'rota.week': (input, ctx) => rota.week(input, today(ctx.now)),
    'rota.assign': (input, ctx) => rota.assign(input, ctx),
    'rota.unassign': (input, ctx) => {
      rota.unassign(input.id, ctx);
      return { id: input.id };
    },
    'rota.swap': (input, ctx) => rota.swap(input.assignmentId, input.withAssignmentId, ctx),
    'rota.copyLastWeek': (input, ctx) => rota.copyLastWeek(input, ctx),
    'rota.recordAbsence': (input, ctx) => rota.recordAbsence(input, ctx),
    'rota.onDuty': (_input, ctx) => rota.onDuty(ctx.now),
    'staffing.ratio': (input, ctx) => ratio.ratioOn(input?.on ?? today(ctx.now)),
    'staffing.whatIf': (input, ctx) => ratio.whatIf(input ?? {}, input?.on ?? today(ctx.now)),
    'staffing.getConfig': (input, ctx) => {
      const { fromOn: _from, ...config } = ratio.configOn(input?.on ?? today(ctx.now));
      return config;
    },
    'staffing.updateConfig': (input, ctx) => {
      const { fromOn: _from, ...config } = ratio.updateConfig(input, ctx);
      return config;
    },
    'staffing.history': (input, ctx) => ratio.history(input.from, input.to, today(ctx.now)),
    'staffing.kpis': (_input, ctx) => ratio.kpis(today(ctx.now)),
    'staffing.recordOverride': (input, ctx) => {
      const user = requireUser(ctx);
      const availableMilli = Math.round(input.available * 1000);
      const id = Number(
        sql.run(
          sql.qb.insertInto('staffing_overrides').values({
            at: ctx.now.toISOString(),
            user_id: user.id,
            user_name: user.displayName,
            action: input.action,
            subject: input.subject ?? '',
            reason: input.reason,
            required: input.required,
            available_milli: availableMilli,
          }),
        ).lastInsertRowid,
      );
      ctx.audit({ entity: 'staffingOverride', entityId: id, after: input });
      return overrides().find((o) => o.id === id)!;
    },
    'staffing.overrides': () => overrides(),
  };
}
