import type { Selectable } from 'kysely';
import {
  abilityLevels,
  careCategories,
  careCategoryForLevel,
  type AbilityLevel,
  type CareCategory,
  type CareCategoryMapping,
} from '../../shared/assessment/ability';
import type { CareHistoryRow, ResidentsConfig } from '../../shared/contract/residents';
import { parseJson, todayOf, type ModuleDeps, type OpContext } from './common';
import type { ResidentsConfigService } from './config';
import type { ResidentRecords } from './residents';
import type { CareHistoryTable } from './tables';

/** The settings a period's category and grade were derived with, kept on the period itself. */
export interface CareRules {
  mapping: CareCategoryMapping;
  categoryGrade: Record<CareCategory, string>;
}

/** Key order fixed, so equal rules give equal JSON (periods with equal inputs are joined). */
export function careRulesOf(config: ResidentsConfig): CareRules {
  return {
    mapping: Object.fromEntries(
      abilityLevels.map((l) => [l, config.careCategoryMapping[l]]),
    ) as CareCategoryMapping,
    categoryGrade: Object.fromEntries(careCategories.map((c) => [c, config.categoryGrade[c]])) as Record<
      CareCategory,
      string
    >,
  };
}

type Row = Selectable<CareHistoryTable>;
type Cause = 'admission' | 'assessment' | 'override' | 'settings';
type Inputs = Pick<
  Row,
  'ability_level' | 'assessment_id' | 'grade_override' | 'override_reason' | 'rules_json'
>;

/** What a period's inputs produce: the same rule as `careGradeFor`, under the period's own settings. */
function outputsUnder(
  rules: CareRules | null,
  level: AbilityLevel | null,
  override: string | null,
): { category: CareCategory | null; grade: string | null } {
  const category = level && rules ? careCategoryForLevel(level, rules.mapping) : null;
  const grade = override ?? (category && rules ? (rules.categoryGrade[category] ?? null) : null);
  return { category, grade };
}

function outputsOf(inputs: Inputs): { category: CareCategory | null; grade: string | null } {
  return outputsUnder(
    parseJson<CareRules | null>(inputs.rules_json, null),
    inputs.ability_level as AbilityLevel | null,
    inputs.grade_override,
  );
}

function sameInputs(a: Inputs, b: Inputs): boolean {
  return (
    a.ability_level === b.ability_level &&
    a.assessment_id === b.assessment_id &&
    a.grade_override === b.grade_override &&
    a.override_reason === b.override_reason &&
    a.rules_json === b.rules_json
  );
}

/** Joins neighbouring periods that read the same, and clips them to [from, to) when asked. */
function coalesce(rows: Row[], from?: string, to?: string): CareHistoryRow[] {
  const out: CareHistoryRow[] = [];
  for (const r of rows) {
    const start = from !== undefined && r.from_on < from ? from : r.from_on;
    const end = to !== undefined && (r.to_on === null || r.to_on > to) ? to : r.to_on;
    const last = out[out.length - 1];
    if (last && last.to === start && last.category === r.category && last.grade === r.grade) last.to = end;
    else out.push({ category: r.category as CareCategory | null, grade: r.grade, from: start, to: end });
  }
  return out;
}

export type CareCategoryCounts = Record<CareCategory | 'unassessed', number>;

/**
 * The dated history of each resident's care category and grade. Every change is applied from its
 * date onward by splitting the period that contains the date and re-deriving the periods after it,
 * each under the settings it holds, so a later settings change never rewrites earlier days.
 */
export function createCareHistory(
  deps: ModuleDeps & { config: ResidentsConfigService; records: ResidentRecords },
) {
  const { sql, config, records } = deps;
  const { qb } = sql;

  function rowsOf(residentId: number): Row[] {
    return sql.all(
      qb.selectFrom('care_history').selectAll().where('resident_id', '=', residentId).orderBy('from_on'),
    );
  }

  /** Makes `date` the start of a period, if a period runs across it. */
  function splitAt(residentId: number, date: string, cause: Cause): void {
    const row = sql.first(
      qb
        .selectFrom('care_history')
        .selectAll()
        .where('resident_id', '=', residentId)
        .where('from_on', '<', date)
        .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', date)])),
    );
    if (!row) return;
    // Close first: only one period per resident may be open at a time.
    sql.run(qb.updateTable('care_history').set({ to_on: date }).where('id', '=', row.id));
    const { id: _id, ...rest } = row;
    sql.run(qb.insertInto('care_history').values({ ...rest, from_on: date, cause, backfilled: 0 }));
  }

  /**
   * Changes the inputs of every period starting in [from, to) and re-derives its category and
   * grade; true when any category or grade changed.
   */
  function rederive(
    residentId: number,
    from: string,
    to: string | null,
    change: (row: Row) => Partial<Inputs>,
  ): boolean {
    let query = qb
      .selectFrom('care_history')
      .selectAll()
      .where('resident_id', '=', residentId)
      .where('from_on', '>=', from);
    if (to !== null) query = query.where('from_on', '<', to);
    let changed = false;
    for (const row of sql.all(query)) {
      const inputs = { ...row, ...change(row) };
      const out = outputsOf(inputs);
      if (out.category !== row.category || out.grade !== row.grade) changed = true;
      sql.run(
        qb
          .updateTable('care_history')
          .set({
            ability_level: inputs.ability_level,
            assessment_id: inputs.assessment_id,
            grade_override: inputs.grade_override,
            override_reason: inputs.override_reason,
            rules_json: inputs.rules_json,
            ...out,
          })
          .where('id', '=', row.id),
      );
    }
    return changed;
  }

  /** Joins neighbouring periods whose inputs are the same again (e.g. a grade set and unset the same day). */
  function join(residentId: number): void {
    const rows = rowsOf(residentId);
    for (let i = rows.length - 1; i > 0; i -= 1) {
      const a = rows[i - 1]!;
      const b = rows[i]!;
      if (a.to_on !== b.from_on || !sameInputs(a, b)) continue;
      sql.run(qb.deleteFrom('care_history').where('id', '=', b.id));
      sql.run(qb.updateTable('care_history').set({ to_on: b.to_on }).where('id', '=', a.id));
      a.to_on = b.to_on;
    }
  }

  /** Ends whatever is in force on `on` and drops periods that would start on or after it. */
  function truncateAt(residentId: number, on: string): void {
    sql.run(qb.deleteFrom('care_history').where('resident_id', '=', residentId).where('from_on', '>=', on));
    sql.run(
      qb
        .updateTable('care_history')
        .set({ to_on: on })
        .where('resident_id', '=', residentId)
        .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', on)])),
    );
  }

  function inForceOn(residentId: number, date: string): Row | undefined {
    return sql.first(
      qb
        .selectFrom('care_history')
        .selectAll()
        .where('resident_id', '=', residentId)
        .where('from_on', '<=', date)
        .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', date)])),
    );
  }

  function changed(ctx: OpContext, residentId: number, from: string): void {
    ctx.emit('residents.careHistoryChanged', { residentId, from });
  }

  /** Applies an ability assessment from its date until the next assessment's date. */
  function applyAssessment(
    ctx: OpContext,
    residentId: number,
    assessment: { id: number; assessedOn: string; level: AbilityLevel },
  ): void {
    const next = sql.first(
      qb
        .selectFrom('ability_assessments')
        .select((eb) => eb.fn.min('assessed_on').as('on'))
        .where('resident_id', '=', residentId)
        .where('assessed_on', '>', assessment.assessedOn),
    );
    const until = next?.on ?? null;
    splitAt(residentId, assessment.assessedOn, 'assessment');
    if (until !== null) splitAt(residentId, until, 'assessment');
    const moved = rederive(residentId, assessment.assessedOn, until, () => ({
      ability_level: assessment.level,
      assessment_id: assessment.id,
    }));
    join(residentId);
    if (moved) changed(ctx, residentId, assessment.assessedOn);
  }

  return {
    /**
     * A stay begins on `on` (admission or a ledger import): the assessment in force that day, the
     * resident's hand-set grade and today's settings; assessments dated later in the stay follow.
     */
    openStay(ctx: OpContext, residentId: number, on: string): void {
      const resident = records.requireRow(residentId);
      truncateAt(residentId, on);
      const inForce = sql.first(
        qb
          .selectFrom('ability_assessments')
          .select(['id', 'level'])
          .where('resident_id', '=', residentId)
          .where('assessed_on', '<=', on)
          .orderBy('assessed_on', 'desc')
          .orderBy('id', 'desc')
          .limit(1),
      );
      const inputs: Inputs = {
        ability_level: inForce?.level ?? null,
        assessment_id: inForce?.id ?? null,
        grade_override: resident.care_grade_override,
        override_reason: resident.care_grade_override ? resident.care_grade_override_reason : null,
        rules_json: JSON.stringify(careRulesOf(config.get())),
      };
      sql.run(
        qb.insertInto('care_history').values({
          resident_id: residentId,
          from_on: on,
          to_on: null,
          ...inputs,
          ...outputsOf(inputs),
          cause: 'admission',
          backfilled: 0,
        }),
      );
      const later = sql.all(
        qb
          .selectFrom('ability_assessments')
          .select(['id', 'assessed_on', 'level'])
          .where('resident_id', '=', residentId)
          .where('assessed_on', '>', on)
          .orderBy('assessed_on')
          .orderBy('id'),
      );
      for (const a of later) {
        applyAssessment(ctx, residentId, {
          id: a.id,
          assessedOn: a.assessed_on,
          level: a.level as AbilityLevel,
        });
      }
      join(residentId);
      changed(ctx, residentId, on);
    },

    /** Discharge on `on`: nothing is in force from that day. */
    closeStay(ctx: OpContext, residentId: number, on: string): void {
      truncateAt(residentId, on);
      changed(ctx, residentId, on);
    },

    /**
     * A new ability assessment is in force from its date until the next assessment's date, also
     * when it is recorded later than it was done. Recorded with an earlier date than an existing
     * assessment, it fills only the days up to that newer one, which stays in force after.
     */
    applyAssessment,

    /** A hand-set grade (or its removal) holds from today on. */
    applyOverride(ctx: OpContext, residentId: number, grade: string | null, reason: string | null): void {
      const today = todayOf(deps, ctx);
      splitAt(residentId, today, 'override');
      const moved = rederive(residentId, today, null, () => ({
        grade_override: grade,
        override_reason: grade === null ? null : reason,
      }));
      join(residentId);
      if (moved) changed(ctx, residentId, today);
    },

    /**
     * New settings hold from today on: every current period closes today and a new one opens under
     * the new settings. Periods before today keep the settings they were derived with.
     */
    applySettings(ctx: OpContext, next: ResidentsConfig): void {
      const today = todayOf(deps, ctx);
      const rules = careRulesOf(next);
      const rulesJson = JSON.stringify(rules);
      // Every resident in residence at once, inside a transaction the nurse-call intake waits for:
      // prepared statements per row here (kysely would compile each one): ~0.1 ms a resident, measured.
      const db = sql.db;
      const spanning = db
        .prepare('SELECT * FROM care_history WHERE from_on < ? AND (to_on IS NULL OR to_on > ?)')
        .all(today, today) as Row[];
      const close = db.prepare('UPDATE care_history SET to_on = ? WHERE id = ?');
      const open = db.prepare(
        `INSERT INTO care_history (resident_id, from_on, to_on, category, grade, ability_level, assessment_id,
           grade_override, override_reason, rules_json, cause, backfilled)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'settings', 0)`,
      );
      for (const r of spanning) {
        // Close first: only one period per resident may be open at a time.
        close.run(today, r.id);
        open.run(
          r.resident_id,
          today,
          r.to_on,
          r.category,
          r.grade,
          r.ability_level,
          r.assessment_id,
          r.grade_override,
          r.override_reason,
          r.rules_json,
        );
      }
      const from = db
        .prepare(
          'SELECT id, resident_id, ability_level, grade_override, category, grade FROM care_history WHERE from_on >= ?',
        )
        .all(today) as Array<
        Pick<Row, 'id' | 'resident_id' | 'ability_level' | 'grade_override' | 'category' | 'grade'>
      >;
      const update = db.prepare(
        'UPDATE care_history SET rules_json = ?, category = ?, grade = ? WHERE id = ?',
      );
      const moved = new Set<number>();
      for (const r of from) {
        const out = outputsUnder(rules, r.ability_level as AbilityLevel | null, r.grade_override);
        if (out.category !== r.category || out.grade !== r.grade) moved.add(r.resident_id);
        update.run(rulesJson, out.category, out.grade, r.id);
      }
      // Settings put back the same day: the period reads as the one before it again.
      const rejoin = db
        .prepare(
          `SELECT DISTINCT b.resident_id FROM care_history a JOIN care_history b
             ON b.resident_id = a.resident_id AND b.from_on = a.to_on
           WHERE b.from_on = ? AND a.rules_json = b.rules_json`,
        )
        .all(today) as Array<{ resident_id: number }>;
      for (const r of rejoin) join(r.resident_id);
      for (const residentId of moved) changed(ctx, residentId, today);
    },

    /**
     * Purge: keeps the dated categories and grades (yearly statistics still add up) and drops
     * what points at the person's health record.
     */
    forget(residentId: number): void {
      sql.run(
        qb
          .updateTable('care_history')
          .set({ ability_level: null, assessment_id: null, override_reason: null })
          .where('resident_id', '=', residentId),
      );
    },

    /** `residents.careHistory`: the resident's periods, oldest first. */
    history(residentId: number): CareHistoryRow[] {
      records.requireRow(residentId);
      return coalesce(rowsOf(residentId));
    },

    /** The periods overlapping [from, to), clipped to it: e.g. a billing month `2026-11-01`–`2026-12-01`. */
    historyBetween(residentId: number, from: string, to: string): CareHistoryRow[] {
      return coalesce(
        sql.all(
          qb
            .selectFrom('care_history')
            .selectAll()
            .where('resident_id', '=', residentId)
            .where('from_on', '<', to)
            .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', from)]))
            .orderBy('from_on'),
        ),
        from,
        to,
      );
    },

    /** The grade in force on `date`, or null when not in residence that day (or no grade). */
    gradeOn(residentId: number, date: string): string | null {
      return inForceOn(residentId, date)?.grade ?? null;
    },

    /** The category in force on `date`, or null when not in residence or not yet assessed. */
    categoryOn(residentId: number, date: string): CareCategory | null {
      return (inForceOn(residentId, date)?.category as CareCategory | null | undefined) ?? null;
    },

    /** Residents in residence on `date` by the category in force that day. */
    categoryCountsOn(date: string): CareCategoryCounts {
      const out: CareCategoryCounts = { selfCare: 0, partlyDependent: 0, dependent: 0, unassessed: 0 };
      const rows = sql.all(
        qb
          .selectFrom('care_history')
          .select(['category', (eb) => eb.fn.countAll<number>().as('n')])
          .where('from_on', '<=', date)
          .where((eb) => eb.or([eb('to_on', 'is', null), eb('to_on', '>', date)]))
          .groupBy('category'),
      );
      for (const r of rows) out[(r.category ?? 'unassessed') as keyof CareCategoryCounts] += r.n;
      return out;
    },
  };
}

export type CareHistoryService = ReturnType<typeof createCareHistory>;
