import { nurseCallModule } from '../../shared/contract/nursecall';
import { createNurseCall } from '../db/migrations/0003-create-nursecall';
import { defineCoreModule } from '../module';
import { nurseCallAlerts } from './alerts';
import { nurseCallAuditSubjects } from './audit-subjects';
import { generateNurseCalls } from './generate';
import { createNurseCallHandlers } from './handlers';
import { noLocations, residentsLocationReader } from './locations';
import { nurseCallSummaries } from './summary';
import { createNurseCallModule, type NurseCallModule, type NurseCallModuleDeps } from './service';
import type { NurseCallTables } from './tables';

declare module '../module' {
  interface ModuleServices {
    nurseCall: NurseCallModule;
  }
}

export interface NurseCallOptions extends NonNullable<NurseCallModuleDeps['ports']> {
  /** Open the configured ports and start the escalation timer (the server and the desktop app). */
  autoStart?: boolean;
}

/** Nurse call: serial ports, the call lifecycle, address mapping, history and analytics. */
export const nurseCallCore = defineCoreModule({
  shared: nurseCallModule,
  migrations: [createNurseCall],
  generate: generateNurseCalls,
  create(ctx) {
    const options = ctx.options as NurseCallOptions;
    const { autoStart, ...ports } = options;
    const residents = ctx.modules.residents;
    const nurseCall = createNurseCallModule({
      sql: ctx.sql.scope<NurseCallTables>(),
      writes: ctx.writes,
      events: ctx.events,
      clock: ctx.clock,
      logger: ctx.logger,
      auth: ctx.auth,
      timeZone: ctx.timeZone,
      locations: residents ? residentsLocationReader(residents.facilities) : noLocations,
      ports,
    });
    return {
      service: nurseCall,
      handlers: createNurseCallHandlers({ nurseCall }),
      alerts: nurseCallAlerts(nurseCall),
      auditSubjects: nurseCallAuditSubjects(ctx.sql.scope<NurseCallTables>()),
      summaries: nurseCallSummaries(ctx.sql.scope<NurseCallTables>()),
      start: () => {
        if (autoStart) nurseCall.start();
      },
      stop: () => nurseCall.stop(),
    };
  },
});
