import {
  abilityAdjustmentRulesOf,
  assessAbility,
  type AbilityAdjustmentRules,
  type AbilityFlags,
  type AbilityResult,
  type CareCategory,
} from '../../../../src-main/shared/assessment/ability';
import { useProcedure } from '../../api/hooks';
import { daysBetween } from '../../lib/dates';

/** The core counts care-risk events over the 30 days ending on the assessment date. */
const windowDays = 30;

export interface AbilityPreview {
  /** Care-risk events in the 30 days up to the assessment date, as the core will count them. */
  recentEvents: number;
  /** The institution's level-raising rules, or null while they load. */
  rules: AbilityAdjustmentRules | null;
  /**
   * Scores complete item scores exactly as `assessments.recordAbility` will save them: the same
   * shared function under the institution's settings. Null until those settings (and the
   * resident's incidents) have loaded, so the form never shows a result under other rules.
   */
  assess(
    scores: Record<string, number>,
    flags: AbilityFlags,
  ): (AbilityResult & { careCategory: CareCategory }) | null;
}

export function useAbilityPreview(residentId: number | null, assessedOn: string): AbilityPreview {
  const incidents = useProcedure(
    'incidents.list',
    { residentId: residentId ?? 0 },
    { enabled: residentId !== null },
  );
  const config = useProcedure('residents.getConfig', {});
  const recentEvents = (incidents.data ?? []).filter((i) => {
    const d = daysBetween(i.occurredOn, assessedOn);
    return d >= 0 && d < windowDays;
  }).length;
  const settings = config.data;
  const ready = settings !== undefined && (residentId === null || incidents.data !== undefined);
  return {
    recentEvents,
    rules: settings ? abilityAdjustmentRulesOf(settings) : null,
    assess: (scores, flags) =>
      ready && settings
        ? assessAbility({ scores, flags, careRiskEventsLast30Days: recentEvents }, settings)
        : null,
  };
}
