import type { ParsedInputOf } from '../../shared/contract';
import type {
  RatioCategory,
  RatioResult,
  StaffingConfig,
  StaffingKpis,
  StaffRole,
  WhatIfResult,
} from '../../shared/contract/staff';
import { AppError } from '../../shared/errors';
import { addDays, parseJson, type OpContext, type StaffDeps } from './common';
import { computeRatio, defaultStaffingConfig, type ResidentCounts } from './ratio-engine';
import { onRoll, type Roster } from './roster';

/** What the ratio needs from the residents module: who is in residence, in which category, on a date. */
export interface ResidentsReader {
  residentsOn(date: string): Array<{ residentId: number; category: RatioCategory | null; onLeave: boolean }>;
  residentsBetween(
    from: string,
    to: string,
  ): {
    periods: Array<{ residentId: number; category: RatioCategory | null; from: string; to: string | null }>;
    leaves: Array<{ residentId: number; start: string; end: string | null }>;
  };
}

const noResidents: ResidentsReader = {
  residentsOn: () => [],
  residentsBetween: () => ({ periods: [], leaves: [] }),
};

/** Longest range `staffing.history` answers in one call. */
export const HISTORY_MAX_DAYS = 400;

export function createRatio(
  deps: StaffDeps & { roster: Roster; residents: () => ResidentsReader | undefined },
) {
  const { sql, roster } = deps;
  const { qb } = sql;
  const residents = () => deps.residents() ?? noResidents;

  function configRows(): Array<{ fromOn: string; config: StaffingConfig }> {
    return sql.remember('staffing.config', () =>
      sql.all(qb.selectFrom('staffing_config').selectAll().orderBy('from_on')).map((r) => ({
        fromOn: r.from_on,
        config: { ...defaultStaffingConfig, ...parseJson<Partial<StaffingConfig>>(r.config_json, {}) },
      })),
    );
  }

  /** The rules in force on `date`: the latest change dated on or before it, else the defaults. */
  function configOn(date: string): StaffingConfig & { fromOn: string | null } {
    let found: { fromOn: string; config: StaffingConfig } | undefined;
    for (const r of configRows()) if (r.fromOn <= date) found = r;
    return found ? { ...found.config, fromOn: found.fromOn } : { ...defaultStaffingConfig, fromOn: null };
  }

  function countsOn(date: string, config: StaffingConfig) {
    const list = residents()
      .residentsOn(date)
      .filter((r) => !(config.excludeOnLeave && r.onLeave));
    return list;
  }

  function tally(list: Array<{ category: RatioCategory | null }>): ResidentCounts {
    const out: ResidentCounts = { dependent: 0, partlyDependent: 0, selfCare: 0, uncategorised: 0 };
    for (const r of list) out[r.category ?? 'uncategorised'] += 1;
    return out;
  }

  function countedStaff(date: string, countedRoles: readonly StaffRole[]) {
    return roster
      .all()
      .filter((s) => onRoll(s, date))
      .filter((s) => parseJson<StaffRole[]>(s.roles_json, []).some((r) => countedRoles.includes(r)));
  }

  /**
   * True while no staff member of a counted role has been hired by `date` (those who have left
   * still count as a kept roster: a home whose caregivers all left is in breach, not unrecorded).
   */
  function rosterEmptyOn(date: string, countedRoles: readonly StaffRole[], staff = roster.all()): boolean {
    return !staff.some(
      (s) =>
        s.hired_on <= date && parseJson<StaffRole[]>(s.roles_json, []).some((r) => countedRoles.includes(r)),
    );
  }

  function ratioOn(date: string): RatioResult {
    const config = configOn(date);
    const availableMilli = countedStaff(date, config.countedRoles).reduce((s, r) => s + r.fte_milli, 0);
    return computeRatio({
      on: date,
      config,
      residents: tally(countsOn(date, config)),
      availableMilli,
      rosterEmpty: rosterEmptyOn(date, config.countedRoles),
    });
  }

  function whatIf(input: NonNullable<ParsedInputOf<'staffing.whatIf'>>, date: string): WhatIfResult {
    const config = configOn(date);
    const list = countsOn(date, config);
    const staff = countedStaff(date, config.countedRoles);
    const availableMilli = staff.reduce((s, r) => s + r.fte_milli, 0);
    // Sending staff away in the what-if does not make the roster unkept: only the real roster does.
    const rosterEmpty = rosterEmptyOn(date, config.countedRoles);
    const before = computeRatio({ on: date, config, residents: tally(list), availableMilli, rosterEmpty });

    const gone = new Set(input.discharge ?? []);
    const moved = new Map((input.recategorise ?? []).map((r) => [r.residentId, r.category]));
    const after = list
      .filter((r) => !gone.has(r.residentId))
      .map((r) => ({ category: moved.get(r.residentId) ?? r.category }));
    const counts = tally(after);
    for (const c of ['dependent', 'partlyDependent', 'selfCare'] as const) counts[c] += input.admit?.[c] ?? 0;
    const away = new Set(input.staffAway ?? []);
    const afterMilli = staff.filter((s) => !away.has(s.id)).reduce((s, r) => s + r.fte_milli, 0);
    return {
      before,
      after: computeRatio({ on: date, config, residents: counts, availableMilli: afterMilli, rosterEmpty }),
    };
  }

  /** Each day in [from, to]: the day's snapshot when taken, else computed now from the dated records. */
  function historyOf(from: string, to: string, today: string): RatioResult[] {
    if (to > today) to = today;
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    if (days.length > HISTORY_MAX_DAYS) {
      throw new AppError('VALIDATION', `一次最多查询 ${HISTORY_MAX_DAYS} 天，请缩短日期范围`, {
        fieldErrors: [{ path: 'from', message: `一次最多查询 ${HISTORY_MAX_DAYS} 天` }],
      });
    }
    const stored = new Map(
      sql
        .all(
          qb
            .selectFrom('staffing_snapshots')
            .selectAll()
            .where('on_date', '>=', from)
            .where('on_date', '<=', to),
        )
        .map((r) => [r.on_date, parseJson<RatioResult | null>(r.ratio_json, null)]),
    );
    const missing = days.filter((d) => !stored.get(d));
    if (missing.length === 0) return days.map((d) => stored.get(d)!);
    // One read of the periods and leaves over the whole range, then each day counted in memory:
    // a query per day made a 90-day chart on a 1,000-bed home take a quarter of a second.
    const { periods, leaves } = residents().residentsBetween(missing[0]!, missing[missing.length - 1]!);
    const staff = roster.all();
    const computed = new Map<string, RatioResult>();
    for (const d of missing) {
      const config = configOn(d);
      const away = config.excludeOnLeave
        ? new Set(
            leaves.filter((l) => l.start <= d && (l.end === null || l.end > d)).map((l) => l.residentId),
          )
        : new Set<number>();
      const present = periods.filter(
        (p) => p.from <= d && (p.to === null || p.to > d) && !away.has(p.residentId),
      );
      const availableMilli = staff
        .filter((s) => onRoll(s, d))
        .filter((s) => parseJson<StaffRole[]>(s.roles_json, []).some((r) => config.countedRoles.includes(r)))
        .reduce((sum, s) => sum + s.fte_milli, 0);
      const rosterEmpty = rosterEmptyOn(d, config.countedRoles, staff);
      computed.set(
        d,
        computeRatio({ on: d, config, residents: tally(present), availableMilli, rosterEmpty }),
      );
    }
    return days.map((d) => stored.get(d) ?? computed.get(d)!);
  }

  function snapshotOf(date: string): RatioResult | undefined {
    const r = sql.first(qb.selectFrom('staffing_snapshots').select('ratio_json').where('on_date', '=', date));
    return r ? parseJson<RatioResult | undefined>(r.ratio_json, undefined) : undefined;
  }

  return {
    configOn,
    ratioOn,
    rosterEmptyOn,
    whatIf,

    updateConfig(input: ParsedInputOf<'staffing.updateConfig'>, ctx: OpContext) {
      const from = input.from ?? deps.today(ctx.now);
      const before = configOn(from);
      const { fromOn: _f, ...base } = before;
      const next: StaffingConfig = {
        perCaregiver: { ...base.perCaregiver, ...input.perCaregiver },
        rounding: input.rounding ?? base.rounding,
        countedRoles: input.countedRoles ? [...new Set(input.countedRoles)] : base.countedRoles,
        excludeOnLeave: input.excludeOnLeave ?? base.excludeOnLeave,
        uncategorisedAs: input.uncategorisedAs ?? base.uncategorisedAs,
      };
      const json = JSON.stringify(next);
      const at = ctx.now.toISOString();
      sql.run(
        qb
          .insertInto('staffing_config')
          .values({ from_on: from, config_json: json, updated_at: at })
          .onConflict((oc) => oc.column('from_on').doUpdateSet({ config_json: json, updated_at: at })),
      );
      // Days already snapshotted from `from` on were counted under the old rules; count them again.
      sql.run(qb.deleteFrom('staffing_snapshots').where('on_date', '>=', from));
      ctx.audit({ entity: 'staffingConfig', entityId: from, before: base, after: next });
      return { ...next, fromOn: from };
    },

    /**
     * Writes the snapshots missing up to `upTo`: from the day after the last one, or `missed` days
     * back on the first run (at most a year): the daily job and its catch-up after downtime.
     */
    snapshot(upTo: string, now: Date, missed = 0): number {
      const last = sql.first(
        qb.selectFrom('staffing_snapshots').select(({ fn }) => fn.max('on_date').as('d')),
      )?.d;
      const earliest = addDays(upTo, -Math.min(missed, 366));
      let date = last && last >= addDays(upTo, -366) ? addDays(last, 1) : earliest;
      let written = 0;
      for (; date <= upTo; date = addDays(date, 1)) {
        sql.run(
          qb
            .insertInto('staffing_snapshots')
            .values({
              on_date: date,
              ratio_json: JSON.stringify(ratioOn(date)),
              created_at: now.toISOString(),
            })
            .onConflict((oc) => oc.column('on_date').doNothing()),
        );
        written += 1;
      }
      return written;
    },

    /** Kept until the next write: the workbench's chart asks for the same 90 days on every visit. */
    history(from: string, to: string, today: string): RatioResult[] {
      return sql.remember(`staffing.history:${from}:${to}`, () => historyOf(from, to, today), today);
    },
    snapshotOf,

    kpis(today: string): StaffingKpis {
      const caregivers = roster
        .all()
        .filter((s) => onRoll(s, today) && parseJson<StaffRole[]>(s.roles_json, []).includes('caregiver'));
      const certifiedIds = roster.certifiedOn(today);
      const certified = caregivers.filter((c) => certifiedIds.has(c.id)).length;
      return {
        on: today,
        ratio: ratioOn(today),
        certification: {
          certified,
          caregivers: caregivers.length,
          rate: caregivers.length === 0 ? null : certified / caregivers.length,
        },
      };
    },
  };
}

export type RatioService = ReturnType<typeof createRatio>;
