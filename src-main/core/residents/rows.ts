import type { Selectable } from 'kysely';
import {
  careCategoryForLevel,
  type AbilityAdjustment,
  type AbilityAssessmentReason,
  type AbilityDimension,
  type AbilityFlags,
  type AbilityLevel,
  type CareCategoryMapping,
} from '../../shared/assessment/ability';
import type {
  AbilityAssessmentRow,
  IncidentKind,
  IncidentRow,
  LeaveRow,
  RiskAssessmentRow,
} from '../../shared/contract/residents';
import type { LeaveKind } from '../../shared/residents/lifecycle';
import { parseJson } from './common';
import type {
  AbilityAssessmentsTable,
  IncidentsTable,
  ResidentLeavesTable,
  RiskAssessmentsTable,
} from './tables';

/** Display names for user ids; unknown ids (a user removed by hand) still give a readable word. */
export type UserNames = (ids: readonly number[]) => string[];

export function abilityRowOf(
  row: Selectable<AbilityAssessmentsTable>,
  mapping: CareCategoryMapping,
  names: UserNames,
): AbilityAssessmentRow {
  const assessorIds = parseJson<number[]>(row.assessor_ids_json, []);
  const level = row.level as AbilityLevel;
  return {
    id: row.id,
    residentId: row.resident_id,
    assessedOn: row.assessed_on,
    reason: row.reason as AbilityAssessmentReason,
    scores: parseJson<Record<string, number>>(row.scores_json, {}),
    flags: parseJson<AbilityFlags>(row.flags_json, { coma: false, dementia: false, mentalDisorder: false }),
    dimensionTotals: parseJson<Record<AbilityDimension, number>>(row.dimension_totals_json, {
      selfCare: 0,
      mobility: 0,
      mental: 0,
      perceptionSocial: 0,
    }),
    total: row.total,
    baseLevel: row.base_level as AbilityLevel,
    level,
    adjustment: row.adjustment as AbilityAdjustment,
    adjustmentReasons: parseJson<string[]>(row.adjustment_reasons_json, []),
    careRiskEvents: row.care_risk_events,
    // Derived with today's mapping, so the row always agrees with the resident's category.
    careCategory: careCategoryForLevel(level, mapping),
    assessorIds,
    assessorNames: names(assessorIds),
    note: row.note,
    recordedAt: row.recorded_at,
  };
}

export function riskRowOf(row: Selectable<RiskAssessmentsTable>, names: UserNames): RiskAssessmentRow {
  const assessorIds = parseJson<number[]>(row.assessor_ids_json, []);
  return {
    id: row.id,
    residentId: row.resident_id,
    assessedOn: row.assessed_on,
    items: parseJson<RiskAssessmentRow['items']>(row.items_json, {} as RiskAssessmentRow['items']),
    guardianInformed: parseJson<RiskAssessmentRow['guardianInformed']>(row.guardian_json, null),
    assessorIds,
    assessorNames: names(assessorIds),
    recordedAt: row.recorded_at,
  };
}

export function leaveRowOf(row: Selectable<ResidentLeavesTable>): LeaveRow {
  return {
    id: row.id,
    kind: row.kind as LeaveKind,
    startOn: row.start_on,
    expectedReturnOn: row.expected_return_on,
    returnedOn: row.returned_on,
    destination: row.destination,
    note: row.note,
  };
}

export function incidentRowOf(row: Selectable<IncidentsTable>, names: UserNames): IncidentRow {
  return {
    id: row.id,
    residentId: row.resident_id,
    kind: row.kind as IncidentKind,
    occurredOn: row.occurred_on,
    note: row.note,
    recordedBy: row.recorded_by === null ? null : (names([row.recorded_by])[0] ?? null),
    recordedAt: row.recorded_at,
  };
}
