import { staffModule } from '../../shared/contract/staff';
import { localDate } from '../clock';
import type { Sql } from '../db/sql';
import { defineCoreModule } from '../module';
import { staffAlerts } from './alerts';
import { generateStaff } from './generate';
import { createStaffHandlers } from './handlers';
import { createStaffCreateMigration } from './migrations';
import { createRatio, type ResidentsReader } from './ratio';
import { createRoster } from './roster';
import { createRota } from './rota';
import type { StaffTables } from './tables';

/** Staff: roster, certificates, training, rota and the caregiver ratio, with what-if before changes. */
export function createStaffModule(deps: {
  sql: Sql<StaffTables>;
  timeZone: () => string;
  residents: () => ResidentsReader | undefined;
}) {
  const base = { sql: deps.sql, today: (now: Date) => localDate(now, deps.timeZone()) };
  const roster = createRoster(base);
  const ratio = createRatio({ ...base, roster, residents: deps.residents });
  const rota = createRota({ ...base, roster, ratio, timeZone: deps.timeZone });
  return { roster, ratio, rota };
}

export type StaffModule = ReturnType<typeof createStaffModule>;

declare module '../module' {
  interface ModuleServices {
    staff: StaffModule;
  }
}

export const staffCore = defineCoreModule({
  shared: staffModule,
  migrations: [createStaffCreateMigration],
  generate: generateStaff,
  create(ctx) {
    const sql = ctx.sql.scope<StaffTables>();
    const staff = createStaffModule({
      sql,
      timeZone: ctx.timeZone,
      residents: () => ctx.modules.residents,
    });
    return {
      service: staff,
      handlers: createStaffHandlers({
        sql,
        ...staff,
        timeZone: ctx.timeZone,
        institutionName: () => ctx.institution.get().name,
      }),
      alerts: staffAlerts(staff.roster, staff.ratio, ctx.sql),
      jobs: [
        {
          name: 'staffing.snapshot',
          label: '每日护理员配比快照',
          schedule: { every: 'day', at: '23:50' },
          // After downtime the job runs once and fills every day it missed from the dated records.
          run: ({ slot, now, missed }) => {
            const day = localDate(slot, ctx.timeZone());
            ctx.writes.run({ procedure: 'staffing.snapshot', bookkeeping: true, now, user: null }, () => {
              staff.ratio.snapshot(day, now, missed);
            });
          },
        },
      ],
      summaries: [
        {
          key: 'staff',
          label: '护理员与持证情况',
          summarize: ({ to }) => {
            const kpis = staff.ratio.kpis(to);
            return {
              on: to,
              caregivers: kpis.certification.caregivers,
              certifiedCaregivers: kpis.certification.certified,
            };
          },
        },
        {
          key: 'ratio',
          label: '护理员配比',
          // The period's last day as it stood, and how many of its days fell short of the ratio.
          summarize: ({ from, to }) => {
            const days = staff.ratio.history(from, to, to);
            return {
              on: to,
              ratio: days[days.length - 1] ?? null,
              daysBelowRatio: days.filter((d) => !d.compliant).length,
              days: days.length,
            };
          },
        },
      ],
      auditSubjects: {
        staff: (ids) =>
          new Map(
            sql
              .all(sql.qb.selectFrom('staff').select(['id', 'name']).where('id', 'in', ids.map(Number)))
              .map((r) => [String(r.id), r.name]),
          ),
      },
    };
  },
});
