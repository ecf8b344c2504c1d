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
  return {
    'facilities.buildings': () => facilities.buildings(),
    'facilities.saveBuilding': (input, ctx) => facilities.saveBuilding(input, ctx),

    'beds.bulkCreate': (input, ctx) => facilities.bulkCreate(input, ctx),
    'beds.update': (input, ctx) => facilities.update(input, ctx),
    'beds.setOutOfService': (input, ctx) => facilities.setOutOfService(input, ctx),
    'beds.retire': (input, ctx) => facilities.retire(input, ctx),
    'beds.delete': (input, ctx) => facilities.remove(input, ctx),
    'beds.board': (input, ctx) => facilities.board(input?.buildingId, ctx),
    'beds.available': (input) => facilities.available(input?.kind),

    'residents.create': (input, ctx) => records.create(input, ctx),
    'residents.update': (input, ctx) => records.update(input, ctx),
    'residents.list': (input, ctx) => records.list(input, ctx),
    'residents.get': (input, ctx) => records.detail(input.id, ctx),
    'residents.revealIdNumber': (input, ctx) => records.revealIdNumber(input.id, ctx),
    'residents.history': (input) => records.history(input.id),
    'residents.waitingList': (_input, ctx) => records.waitingList(ctx),
    'residents.reserve': (input, ctx) => lifecycle.reserve(input, ctx),
    'residents.cancelReservation': (input, ctx) => lifecycle.cancelReservation(input, ctx),
    'residents.admit': (input, ctx) => lifecycle.admit(input, ctx),
    'residents.transferBed': (input, ctx) => lifecycle.transferBed(input, ctx),
    'residents.startLeave': (input, ctx) => lifecycle.startLeave(input, ctx),
    'residents.extendLeave': (input, ctx) => lifecycle.extendLeave(input, ctx),
    'residents.endLeave': (input, ctx) => lifecycle.endLeave(input, ctx),
    'residents.discharge': (input, ctx) => lifecycle.discharge(input, ctx),
    'residents.archive': (input, ctx) => lifecycle.archive(input.id, ctx),
    'residents.purge': (input, ctx) => lifecycle.purge(input, ctx),
    'residents.setCareGrade': (input, ctx) => lifecycle.setCareGrade(input, ctx),
    'residents.addAttachment': (input, ctx) => attachments.add(input, ctx),
    'residents.listAttachments': (input) => attachments.list(input.residentId),
    // The contract grants this per procedure (residents.read); the kind decides whether more is needed.
    'residents.getAttachment': (input, ctx) =>
      attachments.get(input.id, ctx, {
        mayOpenRestricted: hasPermission(ctx.user?.permissions ?? [], 'residents.viewIdNumber'),
      }),
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
    'assessments.flag': (input, ctx) => assessments.flag(input, ctx),

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
