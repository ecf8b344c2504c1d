import { z } from 'zod';
import {
  careCategories,
  type AbilityAdjustment,
  type AbilityAssessmentReason,
  type AbilityDimension,
  type AbilityFlags,
  type AbilityLevel,
  type CareCategory,
  type CareCategoryMapping,
} from '../../assessment/ability';
import { type NineRiskKey, type NineRiskLevel } from '../../assessment/nine-risks';
import { residentStatuses, type WaitingPriorityRule } from '../../residents/lifecycle';

import { id, optionalText } from './types';

// ---------------------------------------------------------------- assessments

export interface AbilityAssessmentRow {
  id: number;
  residentId: number;
  assessedOn: string;
  reason: AbilityAssessmentReason;
  scores: Record<string, number>;
  flags: AbilityFlags;
  dimensionTotals: Record<AbilityDimension, number>;
  total: number;
  baseLevel: AbilityLevel;
  level: AbilityLevel;
  adjustment: AbilityAdjustment;
  adjustmentReasons: string[];
  careRiskEvents: number;
  careCategory: CareCategory;
  assessorIds: number[];
  assessorNames: string[];
  note: string;
  recordedAt: string;
}

export interface RiskAssessmentRow {
  id: number;
  residentId: number;
  assessedOn: string;
  items: Record<NineRiskKey, { level: NineRiskLevel; measures: string[]; note?: string | undefined }>;
  guardianInformed: { name: string; relation: string; informedOn: string } | null;
  assessorIds: number[];
  assessorNames: string[];
  recordedAt: string;
}

export const incidentKinds = ['fall', 'choking', 'selfHarm', 'wandering'] as const;
export type IncidentKind = (typeof incidentKinds)[number];
export const incidentKindLabels: Record<IncidentKind, { zh: string; en: string }> = {
  fall: { zh: '跌倒', en: 'Fall' },
  choking: { zh: '噎食', en: 'Choking' },
  selfHarm: { zh: '自伤/自杀', en: 'Self-harm' },
  wandering: { zh: '走失', en: 'Wandering' },
};

export interface IncidentRow {
  id: number;
  residentId: number;
  kind: IncidentKind;
  occurredOn: string;
  note: string;
  recordedBy: string | null;
  recordedAt: string;
}

export interface AssessmentDueRow {
  residentId: number;
  name: string;
  bedLabel: string | null;
  lastAssessedOn: string | null;
  dueOn: string | null;
  why: 'never' | 'interval' | 'flagged';
  flagReason: string | null;
}

// ---------------------------------------------------------------- configuration, drafts, files

export interface CareGrade {
  key: string;
  name: string;
}

export interface ResidentsConfig {
  careCategoryMapping: CareCategoryMapping;
  /** The institution's priced grades (护理等级), in display order. */
  careGrades: CareGrade[];
  /** Default grade for each category; a resident may be overridden with a reason. */
  categoryGrade: Record<CareCategory, string>;
  roomClasses: string[];
  /** Assessments older than this cannot support an admission. */
  admissionAssessmentMaxAgeDays: number;
  reassessmentMonths: number;
  archiveRetentionYears: number;
  waitingPriorityRules: WaitingPriorityRule[];
  attachmentMaxBytes: number;
  /**
   * GB/T 42195 adjustment: care-risk events (falls, choking, …) in 30 days from which the ability
   * level is raised one step. Always present in `residents.getConfig` (default 2).
   */
  careRiskEventThreshold?: number;
  /** Whether the diagnosis clause and the risk-event clause each raise a level (default false: at most one). */
  stackRaises?: boolean;
  /**
   * Assessors each assessment must name (GB/T 42195 asks for two qualified assessors; small homes
   * often have one). Always present in `residents.getConfig` (default 1).
   */
  minAssessors?: 1 | 2;
}

export interface AdmissionDraft {
  id: number;
  residentId: number | null;
  residentName: string;
  step: number;
  data: unknown;
  updatedAt: string;
  updatedBy: string | null;
}

export const attachmentKinds = ['photo', 'contract', 'idCopy', 'medical', 'other'] as const;
export type AttachmentKind = (typeof attachmentKinds)[number];
/** Kinds that `residents.getAttachment` opens only with a further permission (`attachmentKindPermission`). */
export const restrictedAttachmentKinds: readonly AttachmentKind[] = ['idCopy', 'contract', 'medical'];
/** The permission `residents.getAttachment` needs beyond `residents.read`, by kind. */
export const attachmentKindPermission: Record<AttachmentKind, string | null> = {
  photo: null,
  other: null,
  // A contract carries the full 身份证号 and the signatures, like the copy of the card.
  contract: 'residents.idCopies',
  idCopy: 'residents.idCopies',
  medical: 'residents.medicalFiles',
};
export const attachmentKindLabels: Record<(typeof attachmentKinds)[number], { zh: string; en: string }> = {
  photo: { zh: '照片', en: 'Photo' },
  contract: { zh: '合同', en: 'Contract' },
  idCopy: { zh: '证件复印件', en: 'ID copy' },
  medical: { zh: '病历/体检', en: 'Medical' },
  other: { zh: '其他', en: 'Other' },
};

export interface AttachmentRow {
  id: number;
  residentId: number;
  kind: (typeof attachmentKinds)[number];
  fileName: string;
  mimeType: string;
  size: number;
  uploadedAt: string;
  uploadedBy: string | null;
}

export interface ImportProblem {
  /** Row number as Excel shows it (the header is row 1). */
  row: number;
  column: string;
  reason: string;
}

export interface ImportReport {
  totalRows: number;
  validRows: number;
  problems: ImportProblem[];
}

export interface FileDownload {
  fileName: string;
  base64: string;
}

export const residentListFilter = z.object({
  /** Name, 拼音首字母 or bed label. */
  search: optionalText(40),
  statuses: z.array(z.enum(residentStatuses)).max(7).optional(),
  careCategory: z.enum(careCategories).optional(),
  buildingId: id.optional(),
});
