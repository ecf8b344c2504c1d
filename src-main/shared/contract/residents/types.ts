import { z } from 'zod';
import { type CareCategory } from '../../assessment/ability';
import { type NineRiskKey, type NineRiskLevel } from '../../assessment/nine-risks';
import { idTypes, type IdType, type Sex } from '../../id-number';
import {
  supportTypes,
  type DischargeReason,
  type LeaveKind,
  type ResidentStatus,
  type SupportType,
} from '../../residents/lifecycle';
import { businessDate, requiredText, trimmed } from '../../validation';
import type { AbilityAssessmentRow, RiskAssessmentRow } from './assessment-types';

export const id = z.number().int().positive();
export const optionalText = (max: number) => trimmed(max).optional();
export const textList = (maxItems: number, maxLength: number) =>
  z.array(requiredText(maxLength)).max(maxItems);
/** Files travel as base64 inside JSON; 14 MB of base64 is about 10 MB of file. */
export const base64File = z
  .string()
  .min(1, '请选择文件')
  .max(14_000_000, '文件太大，请选择 10 MB 以内的文件');

// ---------------------------------------------------------------- facilities and beds

export const bedKinds = ['nursing', 'general'] as const;
export type BedKind = (typeof bedKinds)[number];
export const bedKindLabels: Record<BedKind, { zh: string; en: string }> = {
  nursing: { zh: '护理型床位', en: 'Nursing bed' },
  general: { zh: '普通床位', en: 'General bed' },
};

/** Derived from who holds the bed, never stored by hand (except out of service / retired). */
export const bedStatuses = ['vacant', 'occupied', 'reserved', 'onLeave', 'outOfService', 'retired'] as const;
export type BedStatus = (typeof bedStatuses)[number];
export const bedStatusLabels: Record<BedStatus, { zh: string; en: string }> = {
  vacant: { zh: '空床', en: 'Vacant' },
  occupied: { zh: '在住', en: 'Occupied' },
  reserved: { zh: '已预订', en: 'Reserved' },
  onLeave: { zh: '请假（保留床位）', en: 'Resident on leave' },
  outOfService: { zh: '停用', en: 'Out of service' },
  retired: { zh: '已撤床', en: 'Retired' },
};

export interface BedSummary {
  id: number;
  /** Room number and bed number, e.g. `301-2`. */
  label: string;
  roomId: number;
  roomNumber: string;
  floor: number;
  buildingId: number;
  buildingName: string;
  kind: BedKind;
  roomClass: string;
  status: BedStatus;
  outOfServiceReason: string | null;
}

export interface RiskBadge {
  key: NineRiskKey;
  level: NineRiskLevel;
}

export interface BoardResident {
  id: number;
  name: string;
  sex: Sex | null;
  age: number | null;
  status: ResidentStatus;
  careCategory: CareCategory | null;
  careGrade: string | null;
  /** Only items at 中 or 高, highest first: the badges on the card and the board. */
  riskBadges: RiskBadge[];
  leave: { kind: LeaveKind; expectedReturnOn: string | null } | null;
}

/**
 * A bed as the board sends it: only what is the bed's own. Its room, floor and building are the
 * room, floor and building it sits in (`boardBeds` puts them back for a flat list).
 */
export interface BoardCell {
  id: number;
  /** Room number and bed number, e.g. `301-2`. */
  label: string;
  kind: BedKind;
  status: BedStatus;
  outOfServiceReason: string | null;
  resident: BoardResident | null;
}

/** A board bed with its room and building filled in from the tree (`boardBeds`). */
export interface BoardBed extends BedSummary {
  resident: BoardResident | null;
}

export interface BedBoard {
  buildings: Array<{
    id: number;
    name: string;
    floors: Array<{
      floor: number;
      rooms: Array<{ id: number; number: string; roomClass: string; beds: BoardCell[] }>;
    }>;
  }>;
  counts: Record<BedStatus, number> & { total: number; nursingBeds: number };
}

export interface BuildingRow {
  id: number;
  name: string;
  bedCount: number;
}

// ---------------------------------------------------------------- residents

export const maritalStatuses = ['unmarried', 'married', 'widowed', 'divorced', 'unknown'] as const;
export const maritalStatusLabels: Record<(typeof maritalStatuses)[number], { zh: string; en: string }> = {
  unmarried: { zh: '未婚', en: 'Unmarried' },
  married: { zh: '已婚', en: 'Married' },
  widowed: { zh: '丧偶', en: 'Widowed' },
  divorced: { zh: '离婚', en: 'Divorced' },
  unknown: { zh: '未说明', en: 'Not stated' },
};

export const contactSchema = z.object({
  name: requiredText(40, '请填写联系人姓名'),
  relation: requiredText(20, '请填写与老人的关系，如：儿子、女儿'),
  phones: z
    .array(
      z
        .string()
        .trim()
        .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不对，请只填数字（可含区号和横线）'),
    )
    .min(1, '请至少填写一个电话')
    .max(4),
  /** 监护人: the person who decides for a resident without capacity. */
  isGuardian: z.boolean().default(false),
  isEmergency: z.boolean().default(true),
  note: optionalText(200),
});
export type Contact = z.output<typeof contactSchema>;

const residentProfileFields = {
  name: requiredText(40, '请填写老人姓名'),
  idType: z.enum(idTypes),
  /** Checked by the core against the type (GB 11643 for 居民身份证); errors land at `idNumber`. */
  idNumber: requiredText(30, '请填写证件号码'),
  /** Needed for documents that do not carry them (passports, permits). */
  birthDate: businessDate.optional(),
  sex: z.enum(['male', 'female']).optional(),
  phone: optionalText(20),
  nativePlace: optionalText(60),
  ethnicity: optionalText(20),
  maritalStatus: z.enum(maritalStatuses).optional(),
  education: optionalText(20),
  formerOccupation: optionalText(40),
  insuranceType: optionalText(30),
  insuranceNumber: optionalText(40),
  supportType: z.enum(supportTypes),
  diagnoses: textList(30, 60),
  allergies: textList(30, 60),
  dietRestrictions: textList(30, 60),
  contacts: z.array(contactSchema).max(10),
  notes: optionalText(2000),
  /** Date of the application, for the waiting list; defaults to today. */
  appliedOn: businessDate.optional(),
};

/** Everything about a person that is not lifecycle, assessment or bed. */
export const residentProfileSchema = z.object({
  ...residentProfileFields,
  idType: residentProfileFields.idType.default('resident'),
  supportType: residentProfileFields.supportType.default('social'),
  diagnoses: residentProfileFields.diagnoses.default([]),
  allergies: residentProfileFields.allergies.default([]),
  dietRestrictions: residentProfileFields.dietRestrictions.default([]),
  contacts: residentProfileFields.contacts.default([]),
});

/**
 * For `residents.update`: only the fields sent change. Built without the create defaults, which
 * `.partial()` would otherwise fill in and so reset 供养类型, diagnoses and contacts on every edit.
 */
export const residentProfilePatchSchema = z.object(residentProfileFields).partial();
export type ResidentProfileInput = z.input<typeof residentProfileSchema>;

export interface ServiceContract {
  number: string;
  startOn: string;
  endOn: string | null;
}

export interface LeaveRow {
  id: number;
  kind: LeaveKind;
  startOn: string;
  expectedReturnOn: string | null;
  returnedOn: string | null;
  destination: string;
  note: string;
}

export interface ResidentListRow {
  id: number;
  name: string;
  pinyinInitials: string;
  idType: IdType;
  /** Always masked in lists: 110101********1234. */
  idNumberMasked: string;
  sex: Sex | null;
  age: number | null;
  status: ResidentStatus;
  supportType: SupportType;
  bed: { id: number; label: string; buildingName: string } | null;
  careCategory: CareCategory | null;
  careGrade: string | null;
  riskBadges: RiskBadge[];
  appliedOn: string;
  admittedOn: string | null;
}

export interface ResidentDetail extends ResidentListRow {
  /**
   * The caller lacks `residents.health`: diagnoses, allergies, diet, contacts, notes and the latest
   * assessments are left out (empty), not missing from the record.
   */
  healthHidden: boolean;
  birthDate: string | null;
  phone: string;
  nativePlace: string;
  ethnicity: string;
  maritalStatus: (typeof maritalStatuses)[number] | null;
  education: string;
  formerOccupation: string;
  insuranceType: string;
  insuranceNumber: string;
  diagnoses: string[];
  allergies: string[];
  dietRestrictions: string[];
  contacts: Contact[];
  notes: string;
  bedDetail: BedSummary | null;
  contract: ServiceContract | null;
  careGradeOverride: { grade: string; reason: string } | null;
  latestAbility: AbilityAssessmentRow | null;
  latestRisks: RiskAssessmentRow | null;
  currentLeave: LeaveRow | null;
  dischargedOn: string | null;
  dischargeReason: DischargeReason | null;
  /** When the next routine ability assessment is due, or null if never assessed. */
  reassessmentDueOn: string | null;
  reassessmentFlag: string | null;
  /** Lifecycle actions the core would accept now (buttons to show). */
  availableActions: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ResidentHistoryEntry {
  at: string;
  on: string;
  action: string;
  fromStatus: ResidentStatus | null;
  toStatus: ResidentStatus;
  bedLabel: string | null;
  detail: string;
  byUser: string | null;
}
