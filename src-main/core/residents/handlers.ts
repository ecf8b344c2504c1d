import type { ResidentDetail } from '../../shared/contract/residents';
import { AppError } from '../../shared/errors';
import { permissionLabels } from '../../shared/permissions';
import { hasPermission } from '../../shared/roles';
import { listWorkbook } from '../export/excel';
import { finished, prepared, type ModuleHandlers, type ReadContext } from '../api/context';
import type { ImportAccess } from './import-export';
import type { ResidentsModule } from './service';

/** Rows that put people in beds bypass the admission checks, so they also need facilities.manage. */
function importAccess(ctx: ReadContext): ImportAccess {
  return { mayPlace: hasPermission(ctx.user?.permissions ?? [], 'facilities.manage') };
}

import type { AuthService } from '../auth/service';

const may = (ctx: ReadContext, permission: string) => hasPermission(ctx.user?.permissions ?? [], permission);

/**
 * Health information travels only to holders of residents.health (finance and the fire-safety
 * officer see the basic facts). Hiding fields keeps one `residents.get` for every page; the
 * procedures that exist only for health data (assessment history, incidents) are gated whole.
 */
function forViewer(detail: ResidentDetail, ctx: ReadContext): ResidentDetail {
  if (may(ctx, 'residents.health')) return detail;
  return {
    ...detail,
    healthHidden: true,
    diagnoses: [],
    allergies: [],
    dietRestrictions: [],
    contacts: [],
    notes: '',
    latestAbility: null,
    latestRisks: null,
  };
}

const healthFields = ['diagnoses', 'allergies', 'dietRestrictions', 'contacts', 'notes'] as const;

/** Without residents.health a profile edit may not touch what the caller cannot see. */
function requireHealthToWrite(
  input: Partial<Record<(typeof healthFields)[number], unknown>>,
  ctx: ReadContext,
) {
  if (may(ctx, 'residents.health')) return;
  const touched = healthFields.filter((f) => {
    const v = input[f];
    return v !== undefined && !(Array.isArray(v) && v.length === 0) && v !== '';
  });
  if (touched.length > 0) {
    throw new AppError(
      'FORBIDDEN',
      `修改诊断、过敏、饮食禁忌、联系人或备注需要“${permissionLabels['residents.health'].zh}”权限。如需修改，请联系管理员为您开通。`,
      { permission: 'residents.health' },
    );
  }
}

/** Thin adapters from the contract to the residents services; the rules live in the services. */
export function createResidentHandlers(
  residents: ResidentsModule,
  auth: Pick<AuthService, 'usersWithPermission'>,
): ModuleHandlers<'facilities' | 'beds' | 'residents' | 'admissions' | 'assessments' | 'incidents'> {
  const {
    facilities,
    records,
    lifecycle,
    assessments,
    attachments,
    drafts,
    importExport,
    listExports,
    config,
    workbench,
  } = residents;
  const { careHistory } = residents;
  return {
    'facilities.buildings': () => facilities.buildings(),
    'facilities.saveBuilding': (input, ctx) => facilities.saveBuilding(input, ctx),

    'beds.bulkCreate': (input, ctx) => facilities.bulkCreate(input, ctx),
    'beds.update': (input, ctx) => facilities.update(input, ctx),
    'beds.setOutOfService': (input, ctx) => facilities.setOutOfService(input, ctx),
    'beds.retire': (input, ctx) => facilities.retire(input, ctx),
    'beds.delete': (input, ctx) => facilities.remove(input, ctx),
    'beds.board': (input, ctx) => facilities.boardAnswer(input?.buildingId, ctx),
    'beds.available': (input) => facilities.available(input?.kind),

    'residents.create': (input, ctx) => {
      requireHealthToWrite(input, ctx);
      return forViewer(records.create(input, ctx), ctx);
    },
    'residents.update': (input, ctx) => {
      requireHealthToWrite(input, ctx);
      return forViewer(records.update(input, ctx), ctx);
    },
    'residents.list': (input, ctx) => records.list(input, ctx),
    'residents.get': (input, ctx) => forViewer(records.detail(input.id, ctx), ctx),
    'residents.revealIdNumber': (input, ctx) => records.revealIdNumber(input.id, ctx),
    'residents.history': (input) => records.history(input.id),
    'residents.careHistory': (input) => careHistory.history(input.residentId),
    'residents.waitingList': (_input, ctx) => records.waitingList(ctx),
    'residents.reserve': (input, ctx) => forViewer(lifecycle.reserve(input, ctx), ctx),
    'residents.cancelReservation': (input, ctx) => forViewer(lifecycle.cancelReservation(input, ctx), ctx),
    'residents.admit': (input, ctx) => forViewer(lifecycle.admit(input, ctx), ctx),
    'residents.transferBed': (input, ctx) => forViewer(lifecycle.transferBed(input, ctx), ctx),
    'residents.startLeave': (input, ctx) => forViewer(lifecycle.startLeave(input, ctx), ctx),
    'residents.extendLeave': (input, ctx) => forViewer(lifecycle.extendLeave(input, ctx), ctx),
    'residents.endLeave': (input, ctx) => forViewer(lifecycle.endLeave(input, ctx), ctx),
    'residents.discharge': (input, ctx) => forViewer(lifecycle.discharge(input, ctx), ctx),
    'residents.archive': (input, ctx) => forViewer(lifecycle.archive(input.id, ctx), ctx),
    'residents.purge': (input, ctx) => lifecycle.purge(input, ctx),
    'residents.setCareGrade': (input, ctx) => forViewer(lifecycle.setCareGrade(input, ctx), ctx),
    'residents.addAttachment': (input, ctx) => attachments.add(input, ctx),
    'residents.listAttachments': (input) => attachments.list(input.residentId),
    // The contract grants this per procedure (residents.read); the kind decides whether more is needed.
    'residents.getAttachment': (input, ctx) =>
      attachments.get(input.id, ctx, { may: (permission) => may(ctx, permission) }),
    'residents.removeAttachment': (input, ctx) => attachments.remove(input.id, ctx),
    'residents.importTemplate': prepared(() => importExport.template()),
    'residents.importCheck': {
      prepare: (input) => importExport.readRows(input.base64),
      run: (_input, ctx, rows) => importExport.check(rows, ctx, importAccess(ctx)),
    },
    'residents.importCommit': {
      prepare: (input) => importExport.readRows(input.base64),
      run: (input, ctx, rows) => importExport.commit(rows, input.mode, ctx, importAccess(ctx)),
      finish: (done) => importExport.finishCommit(done),
    },
    'residents.export': finished(
      (input, ctx) => importExport.exportRows(input, ctx),
      (rows) => importExport.exportWorkbook(rows),
    ),
    'residents.getConfig': () => config.get(),
    'residents.updateConfig': (input, ctx) => residents.updateConfig(input, ctx),

    'admissions.saveDraft': (input, ctx) => drafts.save(input, ctx),
    'admissions.listDrafts': () => drafts.list(),
    'admissions.deleteDraft': (input, ctx) => drafts.remove(input.id, ctx),

    'assessments.recordAbility': (input, ctx) => assessments.recordAbility(input, ctx),
    'assessments.recordRisks': (input, ctx) => assessments.recordRisks(input, ctx),
    'assessments.history': (input) => assessments.history(input.residentId),
    'assessments.assessors': () => auth.usersWithPermission('assessments.write'),
    'assessments.due': (_input, ctx) => assessments.due(ctx),
    'assessments.flag': (input, ctx) => forViewer(assessments.flag(input, ctx), ctx),

    'incidents.record': (input, ctx) => assessments.recordIncident(input, ctx),
    'incidents.list': (input) => assessments.incidents(input.residentId),

    // Excel exports of the lists (issue 8).
    'residents.exportWaitingList': finished(
      (_input, ctx) =>
        listExports.waitingList(ctx, hasPermission(ctx.user?.permissions ?? [], 'residents.viewIdNumber')),
      listWorkbook,
    ),
    'assessments.exportDue': finished((_input, ctx) => listExports.assessmentsDue(ctx), listWorkbook),
    'beds.export': finished((input, ctx) => listExports.beds(input?.buildingId, ctx), listWorkbook),

    // The workbench (issue 8).
    'residents.today': (_input, ctx) => workbench.today(ctx),
    'beds.kpis': (_input, ctx) => workbench.kpis(ctx),
  };
}
