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

    /**
     * Who held a bed during [from, to) and on what terms, for billing: each resident's stays with the
     * room class of the bed held (periods [from, to), to null while it lasts) and every leave that
     * touches the period with its departure and return (`end` null while away). Leaves come whole,
     * so a leave across a month end is judged on its full length.
     */
    residenceBetween(
      from: string,
      to: string,
      onlyResident?: number,
    ): Array<{
      residentId: number;
      name: string;
      bedLabel: string | null;
      stays: Array<{ from: string; to: string | null; roomClass: string; bedLabel: string }>;
      leaves: Array<{ start: string; end: string | null }>;
      /** The care history clipped to [from, to), as `careHistory.historyBetween` gives it, read in bulk. */
      grades: Array<{ from: string; to: string | null; grade: string | null }>;
    }> {
      const events = sql.db
        .prepare(
          `SELECT e.resident_id, e.on_date, e.action, e.bed_id, b.label AS bed_label, rm.room_class
           FROM resident_events e
           LEFT JOIN beds b ON b.id = e.bed_id
           LEFT JOIN rooms rm ON rm.id = b.room_id
           WHERE e.action IN ('admit', 'transfer', 'discharge') AND (? IS NULL OR e.resident_id = ?)
             AND e.resident_id IN (SELECT id FROM residents WHERE admitted_on IS NOT NULL AND admitted_on < ?
                                   AND (discharged_on IS NULL OR discharged_on > ? OR status IN ('admitted', 'onLeave')))
           ORDER BY e.resident_id, e.id`,
        )
        .all(onlyResident ?? null, onlyResident ?? null, to, from) as Array<{
        resident_id: number;
        on_date: string;
        action: string;
        bed_id: number | null;
        bed_label: string | null;
        room_class: string | null;
      }>;
      type Stay = { from: string; to: string | null; roomClass: string; bedLabel: string };
      const stays = new Map<number, Stay[]>();
      for (const e of events) {
        const list = stays.get(e.resident_id) ?? [];
        stays.set(e.resident_id, list);
        const open = list[list.length - 1];
        if (open && open.to === null) open.to = e.on_date;
        if (e.action !== 'discharge' && e.bed_id !== null)
          list.push({
            from: e.on_date,
            to: null,
            roomClass: e.room_class ?? '',
            bedLabel: e.bed_label ?? '',
          });
      }
      const ids = [...stays.keys()].filter((id) =>
        stays.get(id)!.some((s) => s.from < to && (s.to === null || s.to > from) && s.from !== s.to),
      );
      if (ids.length === 0) return [];
      const idList = ids.join(',');
      const people = sql.db.prepare(`SELECT id, name FROM residents WHERE id IN (${idList})`).all() as Array<{
        id: number;
        name: string;
      }>;
      const leaves = sql.db
        .prepare(
          `SELECT resident_id, start_on, returned_on, closed_on FROM resident_leaves
           WHERE resident_id IN (${idList}) AND start_on < ? AND (closed_on IS NULL OR closed_on > ?)
           ORDER BY start_on`,
        )
        .all(to, from) as Array<{
        resident_id: number;
        start_on: string;
        returned_on: string | null;
        closed_on: string | null;
      }>;
      const history = sql.db
        .prepare(
          `SELECT resident_id, from_on, to_on, grade FROM care_history
           WHERE resident_id IN (${idList}) AND from_on < ? AND (to_on IS NULL OR to_on > ?)
           ORDER BY resident_id, from_on`,
        )
        .all(to, from) as Array<{
        resident_id: number;
        from_on: string;
        to_on: string | null;
        grade: string | null;
      }>;
      const grades = new Map<number, Array<{ from: string; to: string | null; grade: string | null }>>();
      for (const h of history) {
        const list = grades.get(h.resident_id) ?? [];
        list.push({
          from: h.from_on < from ? from : h.from_on,
          to: h.to_on === null || h.to_on > to ? to : h.to_on,
          grade: h.grade,
        });
        grades.set(h.resident_id, list);
      }
      const names = new Map(people.map((p) => [p.id, p.name]));
      return ids.map((id) => {
        const list = stays.get(id)!.filter((s) => s.from !== s.to);
        const current = list[list.length - 1];
        return {
          residentId: id,
          name: names.get(id) ?? '',
          bedLabel: current?.bedLabel ?? null,
          stays: list,
          leaves: leaves
            .filter((l) => l.resident_id === id)
            .map((l) => ({ start: l.start_on, end: l.returned_on ?? l.closed_on })),
          grades: grades.get(id) ?? [],
        };
      });
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
