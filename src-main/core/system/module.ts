import { systemModule } from '../../shared/contract/system';
import { AppError } from '../../shared/errors';
import { createFoundation } from '../db/migrations/0001-create-foundation';
import { seedDemoWithin } from '../demo/seed';
import { defineCoreModule } from '../module';
import { roleKeys, roleLabels } from '../../shared/roles';
import { generateInstitution } from './generate';
import { createSystemHandlers, userNames } from './handlers';
import { restartAlerts } from './restart-alerts';

/** Sign-in, users and roles, the institution, settings, the audit log and the demo seed. */
export const systemCore = defineCoreModule({
  shared: systemModule,
  migrations: [createFoundation],
  generate: generateInstitution,
  create(ctx) {
    return {
      alerts: restartAlerts(ctx.paths.dataDir, ctx.timeZone),
      auditSubjects: {
        user: (ids) => pickNames(userNames(ctx.auth), ids),
        // A session row is about the user who signed in or out.
        session: (ids) => pickNames(userNames(ctx.auth), ids),
        role: (ids) =>
          new Map(
            ids.flatMap((id) =>
              (roleKeys as readonly string[]).includes(id)
                ? [[id, roleLabels[id as (typeof roleKeys)[number]].zh] as const]
                : [],
            ),
          ),
        institution: (ids) => new Map(ids.map((id) => [id, ctx.institution.find()?.name ?? ''] as const)),
      },
      handlers: {
        ...createSystemHandlers(ctx),
        'demo.seed': (input, call) => {
          ctx.setupGate.check(call.client, input?.setupCode, 'setupCode');
          // Residents and nurse call are built after this module; they are looked up when called.
          const { residents, nurseCall, billing, fire, staff } = ctx.modules;
          if (!residents || !nurseCall)
            throw new Error('demo.seed needs the residents and nurse-call modules');
          const accounts = seedDemoWithin(
            {
              services: {
                auth: ctx.auth,
                institution: ctx.institution,
                residents,
                nurseCall,
                ...(billing ? { billing } : {}),
                ...(fire ? { fire } : {}),
                ...(staff ? { staff } : {}),
                ...(ctx.modules.meds ? { meds: ctx.modules.meds } : {}),
              },
            },
            call,
          );
          if (!accounts)
            throw new AppError('ALREADY_SET_UP', '本系统已完成首次设置，不能再填充演示数据。请直接登录。');
          return { accounts };
        },
      },
    };
  },
});

function pickNames(names: ReadonlyMap<number, string>, ids: string[]): Map<string, string> {
  return new Map(ids.flatMap((id) => (names.has(Number(id)) ? [[id, names.get(Number(id))!] as const] : [])));
}
