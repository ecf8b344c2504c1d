import { z } from 'zod';
import { abilityAssessmentReasons, abilityFlagsSchema, abilityScoresSchema } from '../../assessment/ability';
import { nineRiskAssessmentInputSchema } from '../../assessment/nine-risks';
import { businessDate, requiredText } from '../../validation';
import { proc } from '../define';
import { type ResidentDetail, id, optionalText } from './types';
import {
  type AbilityAssessmentRow,
  type AssessmentDueRow,
  type IncidentRow,
  type RiskAssessmentRow,
  incidentKinds,
} from './assessment-types';

/** Ability and nine-risk assessments, incidents. */
export const assessmentProcedures = {
  // assessments and incidents
  'assessments.recordAbility': proc<AbilityAssessmentRow>()({
    input: z.object({
      residentId: id,
      assessedOn: businessDate,
      reason: z.enum(abilityAssessmentReasons),
      scores: abilityScoresSchema,
      flags: abilityFlagsSchema,
      assessorIds: z.array(id).min(1, '请选择评估人员').max(2, '评估人员最多 2 名'),
      note: optionalText(1000),
    }),
    access: 'assessments.write',
    write: true,
  }),
  'assessments.recordRisks': proc<RiskAssessmentRow>()({
    input: nineRiskAssessmentInputSchema,
    access: 'assessments.write',
    write: true,
  }),
  'assessments.history': proc<{ ability: AbilityAssessmentRow[]; risks: RiskAssessmentRow[] }>()({
    input: z.object({ residentId: id }),
    access: 'residents.health',
    write: false,
  }),
  /** Users who may be named as assessors (hold assessments.write). */
  'assessments.assessors': proc<Array<{ id: number; name: string }>>()({
    input: z.object({}).optional(),
    access: 'assessments.write',
    write: false,
  }),
  'assessments.due': proc<AssessmentDueRow[]>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  /** 即时评估: the resident's condition changed; cleared by the next ability assessment. */
  'assessments.flag': proc<ResidentDetail>()({
    input: z.object({ residentId: id, reason: requiredText(200, '请填写需要重新评估的原因') }),
    access: 'assessments.write',
    write: true,
  }),
  'incidents.record': proc<IncidentRow>()({
    input: z.object({
      residentId: id,
      kind: z.enum(incidentKinds),
      occurredOn: businessDate,
      note: optionalText(1000),
    }),
    access: 'incidents.write',
    write: true,
  }),
  'incidents.list': proc<IncidentRow[]>()({
    input: z.object({ residentId: id }),
    access: 'residents.health',
    write: false,
  }),
};
