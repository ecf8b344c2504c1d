import {
  assessAbility,
  careCategoryForLevel,
  type AbilityLevel,
  type CareCategory,
  type CareCategoryMapping,
} from '../../shared/assessment/ability';
import type { ParsedInputOf } from '../../shared/contract';
import {
  incidentKindLabels,
  type AbilityAssessmentRow,
  type AssessmentDueRow,
  type IncidentKind,
  type IncidentRow,
  type ResidentDetail,
  type RiskAssessmentRow,
} from '../../shared/contract/residents';
import { AppError, fieldError } from '../../shared/errors';
import { residentStatusLabels, type ResidentStatus } from '../../shared/residents/lifecycle';
import { addDays, addMonths, notInFuture, todayOf, type ModuleDeps, type OpContext } from './common';
import type { CareHistoryService } from './care-history';
import { abilityAdjustmentRulesOf, careGradeFor, type ResidentsConfigService } from './config';
import type { ResidentRecords, ResidentRow } from './residents';
import { abilityRowOf, incidentRowOf, riskRowOf } from './rows';

/** Care-risk events count for the ability adjustment over this many days up to the assessment. */
export const careRiskWindowDays = 30;

/** Statuses in which a person can still be assessed (a discharged person may come back). */
const assessable: readonly ResidentStatus[] = ['waiting', 'reserved', 'admitted', 'onLeave', 'discharged'];

export function createAssessments(
  deps: ModuleDeps & {
    config: ResidentsConfigService;
    records: ResidentRecords;
    careHistory: CareHistoryService;
  },
) {
  const { sql, auth, config, records, careHistory } = deps;
  const { qb } = sql;

  function requireAssessable(id: number): ResidentRow {
    const row = records.requireRow(id);
    if (!assessable.includes(row.status as ResidentStatus)) {
      throw new AppError(
        'PRECONDITION',
        `${row.name}的档案${residentStatusLabels[row.status as ResidentStatus].zh}，不能再录入评估或事件`,
      );
    }
    return row;
  }

  /**
   * An assessment is signed by the people who did it: each must be an active user allowed to
   * assess, and whoever records it must be one of them, so nobody can put a colleague's name on
   * an assessment that colleague never did. Internal imports (no user) name their own assessors.
   */
  function requireAssessors(ids: readonly number[], ctx: OpContext): void {
    if (new Set(ids).size !== ids.length) throw fieldError('assessorIds', '评估人员有重复，请检查');
    const min = config.get().minAssessors ?? 1;
    if (ids.length < min) {
      throw fieldError(
        'assessorIds',
        `本机构要求每次评估由 ${min} 名评估人员共同完成，请再选一名参与评估的同事`,
      );
    }
    const qualified = new Set(auth.usersWithPermission('assessments.write').map((u) => u.id));
    for (const id of ids) {
      if (qualified.has(id)) continue;
      let user;
      try {
        user = auth.userRow(id);
      } catch {
        throw fieldError('assessorIds', '所选评估人员不存在（可能已被删除），请重新选择');
      }
      throw fieldError(
        'assessorIds',
        user.disabled
          ? `“${user.displayName}”的账号已停用，不能作为评估人员，请重新选择`
          : `“${user.displayName}”没有录入评估的权限，不能作为评估人员；请选择有评估资格的同事，或请管理员为其开通权限`,
      );
    }
    if (ctx.user && !ids.includes(ctx.user.id)) {
      throw fieldError(
        'assessorIds',
        '录入评估的人必须是评估人员之一：请把自己选为评估人员，或请参与评估的同事登录后录入',
      );
    }
  }

  /** 照护风险事件 counted for an assessment on `on`: the 30 days ending that day. */
  function careRiskEvents(residentId: number, on: string): number {
    const row = sql.first(
      qb
        .selectFrom('incidents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('resident_id', '=', residentId)
        .where('occurred_on', '>', addDays(on, -careRiskWindowDays))
        .where('occurred_on', '<=', on),
    );
    return row?.n ?? 0;
  }

  /**
   * Stores the level and the category it maps to, with an event for each that staffing and billing
   * follow. `gradeEvents: false` when the caller compares grades itself (a settings change).
   */
  function setCategory(
    ctx: OpContext,
    row: ResidentRow,
    level: AbilityLevel | null,
    mapping: CareCategoryMapping,
    options: { gradeEvents: boolean } = { gradeEvents: true },
  ) {
    const to: CareCategory | null = level ? careCategoryForLevel(level, mapping) : null;
    const from = row.care_category as CareCategory | null;
    if (to === from && level === row.ability_level) return;
    sql.run(
      qb
        .updateTable('residents')
        .set({ ability_level: level, care_category: to, updated_at: ctx.now.toISOString() })
        .where('id', '=', row.id),
    );
    if (to === from) return;
    ctx.emit('residents.careCategoryChanged', { residentId: row.id, from, to });
    if (!options.gradeEvents) return;
    const cfg = config.get();
    const gradeFrom = careGradeFor(cfg, from, row.care_grade_override);
    const gradeTo = careGradeFor(cfg, to, row.care_grade_override);
    if (gradeFrom !== gradeTo) {
      ctx.emit('residents.careGradeChanged', {
        residentId: row.id,
        from: gradeFrom,
        to: gradeTo,
        cause: 'assessment',
      });
    }
  }

  return {
    careRiskEvents,

    recordAbility(input: ParsedInputOf<'assessments.recordAbility'>, ctx: OpContext): AbilityAssessmentRow {
      const resident = requireAssessable(input.residentId);
      notInFuture(input.assessedOn, todayOf(deps, ctx), 'assessedOn', '评估日期');
      if (input.flags.coma && input.scores['21'] !== 0) {
        throw fieldError('scores.21', '已勾选「处于昏迷状态」，第21项「意识水平」应为0分，请核对');
      }
      requireAssessors(input.assessorIds, ctx);
      const events = careRiskEvents(input.residentId, input.assessedOn);
      // The same function the assessment form previews with, under the same settings.
      const result = assessAbility(
        { scores: input.scores, flags: input.flags, careRiskEventsLast30Days: events },
        config.get(),
      );
      const { lastInsertRowid: id } = sql.run(
        qb.insertInto('ability_assessments').values({
          resident_id: input.residentId,
          assessed_on: input.assessedOn,
          reason: input.reason,
          scores_json: JSON.stringify(input.scores),
          flags_json: JSON.stringify(input.flags),
          dimension_totals_json: JSON.stringify(result.dimensionTotals),
          total: result.total,
          base_level: result.baseLevel,
          level: result.level,
          adjustment: result.adjustment,
          adjustment_reasons_json: JSON.stringify(result.adjustmentReasons),
          care_risk_events: events,
          assessor_ids_json: JSON.stringify(input.assessorIds),
          note: input.note ?? '',
          recorded_at: ctx.now.toISOString(),
          recorded_by: ctx.user?.id ?? null,
        }),
      );
      const latest = sql.first(
        qb
          .selectFrom('ability_assessments')
          .select(['id', 'level'])
          .where('resident_id', '=', input.residentId)
          .orderBy('assessed_on', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
      // A back-dated record goes into the history without replacing a newer assessment.
      if (latest?.id === id) {
        sql.run(
          qb
            .updateTable('residents')
            .set({ latest_ability_id: id, reassessment_flag: null, updated_at: ctx.now.toISOString() })
            .where('id', '=', input.residentId),
        );
        setCategory(ctx, resident, result.level, config.get().careCategoryMapping);
      }
      careHistory.applyAssessment(ctx, input.residentId, {
        id,
        assessedOn: input.assessedOn,
        level: result.level,
      });
      const stored = sql.first(qb.selectFrom('ability_assessments').selectAll().where('id', '=', id))!;
      const row = abilityRowOf(stored, config.get().careCategoryMapping, records.userNames);
      // The permanent log keeps the outcome, not the notes or the person's name (see residents.auditView).
      ctx.audit({
        entity: 'abilityAssessment',
        entityId: id,
        after: {
          residentId: row.residentId,
          assessedOn: row.assessedOn,
          reason: row.reason,
          total: row.total,
          baseLevel: row.baseLevel,
          level: row.level,
          careCategory: row.careCategory,
          assessorIds: row.assessorIds,
        },
      });
      ctx.emit('residents.changed', { residentId: input.residentId, action: 'abilityAssessment' });
      return row;
    },

    recordRisks(input: ParsedInputOf<'assessments.recordRisks'>, ctx: OpContext): RiskAssessmentRow {
      requireAssessable(input.residentId);
      const today = todayOf(deps, ctx);
      notInFuture(input.assessedOn, today, 'assessedOn', '评估日期');
      if (input.guardianInformed) {
        notInFuture(input.guardianInformed.informedOn, today, 'guardianInformed.informedOn', '告知日期');
      }
      requireAssessors(input.assessorIds, ctx);
      const { lastInsertRowid: id } = sql.run(
        qb.insertInto('risk_assessments').values({
          resident_id: input.residentId,
          assessed_on: input.assessedOn,
          items_json: JSON.stringify(input.items),
          guardian_json: input.guardianInformed ? JSON.stringify(input.guardianInformed) : null,
          assessor_ids_json: JSON.stringify(input.assessorIds),
          recorded_at: ctx.now.toISOString(),
          recorded_by: ctx.user?.id ?? null,
        }),
      );
      const latest = sql.first(
        qb
          .selectFrom('risk_assessments')
          .select('id')
          .where('resident_id', '=', input.residentId)
          .orderBy('assessed_on', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
      if (latest?.id === id) {
        sql.run(
          qb
            .updateTable('residents')
            .set({ latest_risk_id: id, updated_at: ctx.now.toISOString() })
            .where('id', '=', input.residentId),
        );
      }
      const row = riskRowOf(
        sql.first(qb.selectFrom('risk_assessments').selectAll().where('id', '=', id))!,
        records.userNames,
      );
      // Levels only: the measures and notes are free text, and the guardian is named.
      ctx.audit({
        entity: 'riskAssessment',
        entityId: id,
        after: {
          residentId: row.residentId,
          assessedOn: row.assessedOn,
          levels: Object.fromEntries(Object.entries(row.items).map(([key, item]) => [key, item.level])),
          guardianInformed: row.guardianInformed !== null,
          assessorIds: row.assessorIds,
        },
      });
      ctx.emit('residents.changed', { residentId: input.residentId, action: 'riskAssessment' });
      return row;
    },

    history(residentId: number): { ability: AbilityAssessmentRow[]; risks: RiskAssessmentRow[] } {
      records.requireRow(residentId);
      const mapping = config.get().careCategoryMapping;
      return {
        ability: sql
          .all(
            qb
              .selectFrom('ability_assessments')
              .selectAll()
              .where('resident_id', '=', residentId)
              .orderBy('assessed_on', 'desc')
              .orderBy('id', 'desc'),
          )
          .map((r) => abilityRowOf(r, mapping, records.userNames)),
        risks: sql
          .all(
            qb
              .selectFrom('risk_assessments')
              .selectAll()
              .where('resident_id', '=', residentId)
              .orderBy('assessed_on', 'desc')
              .orderBy('id', 'desc'),
          )
          .map((r) => riskRowOf(r, records.userNames)),
      };
    },

    /**
     * Residents in residence who need an ability assessment: never assessed, flagged after a change
     * of condition, or whose routine interval ends within the next 30 days.
     */
    due(ctx: { now: Date }): AssessmentDueRow[] {
      const today = todayOf(deps, ctx);
      const horizon = addDays(today, 30);
      const months = config.get().reassessmentMonths;
      const rows = sql.all(
        qb
          .selectFrom('residents as r')
          .leftJoin('ability_assessments as a', 'a.id', 'r.latest_ability_id')
          .leftJoin('beds as b', 'b.id', 'r.bed_id')
          .leftJoin('rooms as rm', 'rm.id', 'b.room_id')
          .leftJoin('buildings as bl', 'bl.id', 'rm.building_id')
          .select([
            'r.id',
            'r.name',
            'r.reassessment_flag',
            'a.assessed_on',
            'b.label',
            'bl.name as building_name',
          ])
          .where('r.status', 'in', ['admitted', 'onLeave']),
      );
      const out: AssessmentDueRow[] = [];
      for (const r of rows) {
        const bedLabel = r.label ? `${r.building_name ?? ''} ${r.label}`.trim() : null;
        const base = { residentId: r.id, name: r.name, bedLabel, lastAssessedOn: r.assessed_on ?? null };
        const dueOn = r.assessed_on ? addMonths(r.assessed_on, months) : null;
        // A flag says why this person needs an assessment now (e.g. placed by the ledger import
        // without one), which tells the assessor more than 'never'.
        if (r.reassessment_flag)
          out.push({ ...base, dueOn: today, why: 'flagged', flagReason: r.reassessment_flag });
        else if (!r.assessed_on) out.push({ ...base, dueOn: null, why: 'never', flagReason: null });
        else if (dueOn && dueOn <= horizon) out.push({ ...base, dueOn, why: 'interval', flagReason: null });
      }
      const rank = { never: 0, flagged: 1, interval: 2 } as const;
      return out.sort(
        (a, b) =>
          rank[a.why] - rank[b.why] ||
          (a.dueOn ?? '').localeCompare(b.dueOn ?? '') ||
          a.residentId - b.residentId,
      );
    },

    flag(input: ParsedInputOf<'assessments.flag'>, ctx: OpContext): ResidentDetail {
      const before = requireAssessable(input.residentId);
      sql.run(
        qb
          .updateTable('residents')
          .set({ reassessment_flag: input.reason, updated_at: ctx.now.toISOString() })
          .where('id', '=', input.residentId),
      );
      ctx.audit({
        entity: 'resident',
        entityId: input.residentId,
        before: { reassessmentFlagged: before.reassessment_flag !== null },
        after: { reassessmentFlagged: true },
      });
      ctx.emit('residents.changed', { residentId: input.residentId, action: 'flag' });
      return records.detail(input.residentId, ctx);
    },

    recordIncident(input: ParsedInputOf<'incidents.record'>, ctx: OpContext): IncidentRow {
      const resident = requireAssessable(input.residentId);
      const today = todayOf(deps, ctx);
      notInFuture(input.occurredOn, today, 'occurredOn', '发生日期');
      const { lastInsertRowid: id } = sql.run(
        qb.insertInto('incidents').values({
          resident_id: input.residentId,
          kind: input.kind,
          occurred_on: input.occurredOn,
          note: input.note ?? '',
          recorded_by: ctx.user?.id ?? null,
          recorded_at: ctx.now.toISOString(),
        }),
      );
      // GB/T 42195 raises the level after repeated care-risk events, so the resident is flagged for
      // reassessment unless the latest assessment already counted them.
      const threshold = abilityAdjustmentRulesOf(config.get()).careRiskEventThreshold;
      const recent = careRiskEvents(input.residentId, today);
      const counted =
        resident.latest_ability_id === null
          ? 0
          : (sql.first(
              qb
                .selectFrom('ability_assessments')
                .select('care_risk_events')
                .where('id', '=', resident.latest_ability_id),
            )?.care_risk_events ?? 0);
      if (
        recent >= threshold &&
        counted < threshold &&
        resident.reassessment_flag === null &&
        (resident.status === 'admitted' || resident.status === 'onLeave')
      ) {
        sql.run(
          qb
            .updateTable('residents')
            .set({
              reassessment_flag: `近${careRiskWindowDays}天内发生${recent}次照护风险事件（最近一次：${incidentKindLabels[input.kind as IncidentKind].zh}），能力等级可能需要上调，请安排即时评估`,
              updated_at: ctx.now.toISOString(),
            })
            .where('id', '=', input.residentId),
        );
      }
      const row = incidentRowOf(
        sql.first(qb.selectFrom('incidents').selectAll().where('id', '=', id))!,
        records.userNames,
      );
      ctx.audit({
        entity: 'incident',
        entityId: id,
        after: { residentId: row.residentId, kind: row.kind, occurredOn: row.occurredOn },
      });
      ctx.emit('residents.changed', { residentId: input.residentId, action: 'incident' });
      return row;
    },

    incidents(residentId: number): IncidentRow[] {
      records.requireRow(residentId);
      return sql
        .all(
          qb
            .selectFrom('incidents')
            .selectAll()
            .where('resident_id', '=', residentId)
            .orderBy('occurred_on', 'desc')
            .orderBy('id', 'desc'),
        )
        .map((r) => incidentRowOf(r, records.userNames));
    },

    /** After a mapping change: every assessed resident's category again, with an event per change. */
    rederiveCategories(
      ctx: OpContext,
      mapping: CareCategoryMapping,
    ): Array<{ residentId: number; from: string | null; to: string | null }> {
      const changed: Array<{ residentId: number; from: string | null; to: string | null }> = [];
      const rows = sql.all(
        qb
          .selectFrom('residents')
          .selectAll()
          .where('ability_level', 'is not', null)
          .where('status', '!=', 'purged'),
      );
      for (const row of rows) {
        const to = careCategoryForLevel(row.ability_level as AbilityLevel, mapping);
        if (to === row.care_category) continue;
        changed.push({ residentId: row.id, from: row.care_category, to });
        setCategory(ctx, row, row.ability_level as AbilityLevel, mapping, { gradeEvents: false });
      }
      return changed;
    },
  };
}

export type AssessmentsService = ReturnType<typeof createAssessments>;
