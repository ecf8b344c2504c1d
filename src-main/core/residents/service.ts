import { createAssessments } from './assessments';
import { createAttachments } from './attachments';
import { careRulesOf, createCareHistory } from './care-history';
import type { ModuleDeps, OpContext } from './common';
import type { CareCategory } from '../../shared/assessment/ability';
import type { ResidentsConfig } from '../../shared/contract/residents';
import { careGradeFor, createResidentsConfig, type ConfigPatch } from './config';
import { createDrafts } from './drafts';
import { createFacilities } from './facilities';
import { createImportExport } from './import-export';
import { createLifecycle } from './lifecycle';
import { createListExports } from './list-exports';
import { createResidentRecords } from './residents';
import { createWorkbench } from './workbench';

export interface ResidentsModuleDeps extends ModuleDeps {
  /** Folder for attachment files; called on first use so an unused module creates nothing. */
  filesDir: () => string;
}

/** Builds the residents module's services; other modules use these, never the tables. */
export function createResidentsModule(deps: ResidentsModuleDeps) {
  const config = createResidentsConfig(deps.sql);
  const facilities = createFacilities({ ...deps, config });
  const records = createResidentRecords({ ...deps, config, facilities });
  const careHistory = createCareHistory({ ...deps, config, records });
  const attachments = createAttachments({ ...deps, config, records });
  const lifecycle = createLifecycle({ ...deps, config, records, facilities, attachments, careHistory });
  const assessments = createAssessments({ ...deps, config, records, careHistory });
  const drafts = createDrafts({ ...deps, records });
  const importExport = createImportExport({ ...deps, config, records, facilities, careHistory });
  const listExports = createListExports({ records, assessments, facilities }, deps);
  const workbench = createWorkbench({ ...deps, facilities });
  const { sql } = deps;

  /** Every live record's billed grade under `cfg`, read from the rows as they are now. */
  function effectiveGrades(cfg: ResidentsConfig): Map<number, string | null> {
    const rows = sql.all(
      sql.qb
        .selectFrom('residents')
        .select(['id', 'care_category', 'care_grade_override'])
        .where('status', '!=', 'purged'),
    );
    return new Map(rows.map((r) => [r.id, careGradeFor(cfg, r.care_category, r.care_grade_override)]));
  }

  return {
    config,
    facilities,
    records,
    attachments,
    lifecycle,
    assessments,
    drafts,
    importExport,
    listExports,
    /**
     * Dated categories and grades for other modules: billing bills `gradeOn` each day (or
     * `historyBetween` a month), reports count `categoryCountsOn` a date.
     */
    careHistory,
    workbench,

    /**
     * Changes the settings; a new category mapping re-derives every assessed resident's category
     * and raises `residents.careCategoryChanged` for each one that moved, and any change to the
     * category → grade table raises `residents.careGradeChanged` for each resident billed differently.
     */
    updateConfig(patch: ConfigPatch, ctx: OpContext) {
      const gradesBefore = effectiveGrades(config.get());
      const { before, after } = config.update(
        patch,
        {
          overriddenGrades: () =>
            new Map(
              sql
                .all(
                  sql.qb
                    .selectFrom('residents')
                    .select(['care_grade_override', (eb) => eb.fn.countAll<number>().as('n')])
                    .where('care_grade_override', 'is not', null)
                    .where('status', '!=', 'purged')
                    .groupBy('care_grade_override'),
                )
                .map((r) => [r.care_grade_override!, r.n]),
            ),
          roomClassesInUse: () => facilities.roomClassesInUse(),
        },
        ctx.now,
      );
      ctx.audit({ entity: 'residentsConfig', before, after });
      if (JSON.stringify(before.careCategoryMapping) !== JSON.stringify(after.careCategoryMapping)) {
        const changed = assessments.rederiveCategories(ctx, after.careCategoryMapping);
        if (changed.length > 0)
          ctx.audit({ entity: 'careCategory', after: { reason: 'mappingChanged', changed } });
      }
      if (JSON.stringify(careRulesOf(before)) !== JSON.stringify(careRulesOf(after)))
        careHistory.applySettings(ctx, after);
      const gradesAfter = effectiveGrades(after);
      const gradeChanges: Array<{ residentId: number; from: string | null; to: string | null }> = [];
      for (const [residentId, to] of gradesAfter) {
        const from = gradesBefore.get(residentId) ?? null;
        if (from === to) continue;
        gradeChanges.push({ residentId, from, to });
        ctx.emit('residents.careGradeChanged', { residentId, from, to, cause: 'settings' });
      }
      if (gradeChanges.length > 0)
        ctx.audit({ entity: 'careGrade', after: { reason: 'settingsChanged', changed: gradeChanges } });
      return after;
    },

    /**
     * Who held which bed when, from the lifecycle events: a stay opens at admission or a transfer
     * in and closes at a transfer out or discharge (`to` null while it lasts). For generated
     * histories and reports that place past events by bed.
     */
    bedStays(): Array<{ bedId: number; residentId: number; from: string; to: string | null }> {
      const events = sql.all(
        sql.qb
          .selectFrom('resident_events')
          .select(['resident_id', 'on_date', 'action', 'bed_id'])
          .where('action', 'in', ['admit', 'transfer', 'discharge'])
          .orderBy('resident_id')
          .orderBy('id'),
      );
      const stays: Array<{ bedId: number; residentId: number; from: string; to: string | null }> = [];
      const open = new Map<number, (typeof stays)[number]>();
      for (const e of events) {
        const current = open.get(e.resident_id);
        if (current) {
          current.to = e.on_date;
          open.delete(e.resident_id);
        }
        if (e.action !== 'discharge' && e.bed_id !== null) {
          const stay = { bedId: e.bed_id, residentId: e.resident_id, from: e.on_date, to: null };
          stays.push(stay);
          open.set(e.resident_id, stay);
        }
      }
      return stays;
    },

    /**
     * Each resident in residence on `date` with the care category in force that day (null before
     * any assessment) and whether they were away on leave that day: staffing counts them one by one
     * (a what-if discharges or recategorises particular residents).
     */
    residentsOn(
      date: string,
    ): Array<{ residentId: number; category: CareCategory | null; onLeave: boolean }> {
      const rows = sql.all(
        sql.qb
          .selectFrom('care_history')
          .select(['resident_id', 'category'])
          .where('from_on', '<=', date)
          .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', date)])),
      );
      const away = new Set(
        sql
          .all(
            sql.qb
              .selectFrom('resident_leaves')
              .select('resident_id')
              .where('start_on', '<=', date)
              .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', date)])),
          )
          .map((r) => r.resident_id),
      );
      return rows.map((r) => ({
        residentId: r.resident_id,
        category: r.category as CareCategory | null,
        onLeave: away.has(r.resident_id),
      }));
    },

    /**
     * The care periods and leaves overlapping [from, to] (dates inclusive), for counting residents
     * day by day over a range in one read: a period holds on `d` when `from <= d < to`, a leave
     * when `start <= d < end` (null: still open).
     */
    residentsBetween(from: string, to: string) {
      const periods = sql
        .all(
          sql.qb
            .selectFrom('care_history')
            .select(['resident_id', 'category', 'from_on', 'to_on'])
            .where('from_on', '<=', to)
            .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', from)])),
        )
        .map((r) => ({
          residentId: r.resident_id,
          category: r.category as CareCategory | null,
          from: r.from_on,
          to: r.to_on,
        }));
      const leaves = sql
        .all(
          sql.qb
            .selectFrom('resident_leaves')
            .select(['resident_id', 'start_on', 'closed_on'])
            .where('start_on', '<=', to)
            .where((eb) => eb.or([eb('closed_on', 'is', null), eb('closed_on', '>', from)])),
        )
        .map((r) => ({ residentId: r.resident_id, start: r.start_on, end: r.closed_on }));
      return { periods, leaves };
    },

    /** Residents in residence (admitted or on leave) per care category, for staffing and reports. */
    careCategoryCounts(): Record<
      'selfCare' | 'partlyDependent' | 'dependent' | 'unassessed',
      { admitted: number; onLeave: number }
    > {
      const out = {
        selfCare: { admitted: 0, onLeave: 0 },
        partlyDependent: { admitted: 0, onLeave: 0 },
        dependent: { admitted: 0, onLeave: 0 },
        unassessed: { admitted: 0, onLeave: 0 },
      };
      const rows = sql.all(
        sql.qb
          .selectFrom('residents')
          .select(['care_category', 'status', (eb) => eb.fn.countAll<number>().as('n')])
          .where('status', 'in', ['admitted', 'onLeave'])
          .groupBy(['care_category', 'status']),
      );
      for (const r of rows) {
        const key = (r.care_category ?? 'unassessed') as keyof typeof out;
        out[key][r.status as 'admitted' | 'onLeave'] += r.n;
      }
      return out;
    },
  };
}

export type ResidentsModule = ReturnType<typeof createResidentsModule>;
