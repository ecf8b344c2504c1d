import { residentsModule } from '../../shared/contract/residents';
import { createResidents } from '../db/migrations/0002-create-residents';
import { defineCoreModule } from '../module';
import { residentAlerts } from './alerts';
import { createCareHistory } from './migrations/0005-create-care-history';
import { narrowRoles } from './migrations/0006-narrow-roles';
import { generateResidents } from './generate';
import { createResidentHandlers } from './handlers';
import { createResidentsModule, type ResidentsModule } from './service';
import { residentSummaries } from './summary';
import type { ResidentsTables } from './tables';

declare module '../module' {
  interface ModuleServices {
    residents: ResidentsModule;
  }
}

/** Residents and beds: facilities, the resident archive and lifecycle, assessments, incidents. */
export const residentsCore = defineCoreModule({
  shared: residentsModule,
  migrations: [createResidents, createCareHistory, narrowRoles],
  generate: generateResidents,
  create(ctx) {
    const residents = createResidentsModule({
      sql: ctx.sql.scope<ResidentsTables>(),
      institution: ctx.institution,
      auth: ctx.auth,
      filesDir: ctx.paths.files,
    });
    return {
      service: residents,
      handlers: createResidentHandlers(residents, ctx.auth),
      alerts: residentAlerts(residents, ctx.sql.scope<ResidentsTables>()),
      auditSubjects: residents.workbench.auditSubjects(),
      summaries: residentSummaries({
        sql: ctx.sql.scope<ResidentsTables>(),
        institution: ctx.institution,
        careHistory: residents.careHistory,
      }),
    };
  },
});
