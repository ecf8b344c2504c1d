import type { Label } from '../../module';

export const staffRoles = [
  'caregiver',
  'nurse',
  'doctor',
  'socialWorker',
  'rehabTherapist',
  'manager',
  'finance',
  'cook',
  'cleaner',
  'security',
  'maintenance',
  'other',
] as const;
export type StaffRole = (typeof staffRoles)[number];

export const staffRoleLabels: Record<StaffRole, Label> = {
  caregiver: { zh: '养老护理员', en: 'Caregiver' },
  nurse: { zh: '护士', en: 'Nurse' },
  doctor: { zh: '医生', en: 'Doctor' },
  socialWorker: { zh: '社工', en: 'Social worker' },
  rehabTherapist: { zh: '康复师', en: 'Rehabilitation therapist' },
  manager: { zh: '管理人员', en: 'Manager' },
  finance: { zh: '财务', en: 'Finance' },
  cook: { zh: '厨师', en: 'Cook' },
  cleaner: { zh: '保洁', en: 'Cleaner' },
  security: { zh: '保安', en: 'Security' },
  maintenance: { zh: '维修', en: 'Maintenance' },
  other: { zh: '其他', en: 'Other' },
};

export const employmentKinds = ['fullTime', 'partTime'] as const;
export type Employment = (typeof employmentKinds)[number];
export const employmentLabels: Record<Employment, Label> = {
  fullTime: { zh: '全职', en: 'Full time' },
  partTime: { zh: '兼职', en: 'Part time' },
};

export const certificateKinds = [
  'caregiverSkill',
  'healthCertificate',
  'nurseLicence',
  'doctorLicence',
  'fireOperator',
  'socialWorker',
  'other',
] as const;
export type CertificateKind = (typeof certificateKinds)[number];
export const certificateKindLabels: Record<CertificateKind, Label> = {
  caregiverSkill: { zh: '养老护理员职业技能等级证书', en: 'Caregiver skill certificate' },
  healthCertificate: { zh: '健康证', en: 'Health certificate' },
  nurseLicence: { zh: '护士执业证书', en: 'Nurse licence' },
  doctorLicence: { zh: '医师执业证书', en: 'Doctor licence' },
  fireOperator: { zh: '消防设施操作员证', en: 'Fire-facility operator' },
  socialWorker: { zh: '社会工作者证书', en: 'Social worker certificate' },
  other: { zh: '其他证书', en: 'Other certificate' },
};

export const trainingKinds = ['preJob', 'fireSafety', 'skills', 'other'] as const;
export type TrainingKind = (typeof trainingKinds)[number];
export const trainingKindLabels: Record<TrainingKind, Label> = {
  preJob: { zh: '岗前培训', en: 'Pre-job training' },
  fireSafety: { zh: '消防安全培训', en: 'Fire-safety training' },
  skills: { zh: '技能培训', en: 'Skills training' },
  other: { zh: '其他培训', en: 'Other training' },
};

export const absenceKinds = ['annual', 'sick', 'other'] as const;
export type AbsenceKind = (typeof absenceKinds)[number];
export const absenceKindLabels: Record<AbsenceKind, Label> = {
  annual: { zh: '年休假', en: 'Annual leave' },
  sick: { zh: '病假', en: 'Sick leave' },
  other: { zh: '其他', en: 'Other' },
};

export const ratioCategories = ['dependent', 'partlyDependent', 'selfCare'] as const;
export type RatioCategory = (typeof ratioCategories)[number];
export const ratioCategoryLabels: Record<RatioCategory, Label> = {
  dependent: { zh: '失能', en: 'Dependent' },
  partlyDependent: { zh: '半失能', en: 'Partly dependent' },
  selfCare: { zh: '自理', en: 'Self-care' },
};

export interface Certificate {
  id: number;
  staffId: number;
  kind: CertificateKind;
  number: string;
  /** 职业技能等级 5 (初级) … 1 (高级技师), for `caregiverSkill`. */
  level: number | null;
  issuedOn: string;
  expiresOn: string | null;
  /** `valid`, `expiring` (within 60 days), `expired`, or `notYetValid`, as of today. */
  status: 'valid' | 'expiring' | 'expired' | 'notYetValid';
}

export interface TrainingRecord {
  id: number;
  kind: TrainingKind;
  on: string;
  hours: number;
  topic: string;
  staffIds: number[];
}

export interface StaffMember {
  id: number;
  name: string;
  /** Masked in lists (`110101********1234`); whole in `staff.get`. */
  idNumber: string | null;
  phone: string;
  roles: StaffRole[];
  employment: Employment;
  /** Full-time equivalent, 0.1–1. */
  fte: number;
  hiredOn: string;
  endedOn: string | null;
  endReason: string | null;
  areas: string[];
  userId: number | null;
  /** On the roll today (hired, not yet left). */
  onRoll: boolean;
  /** Holds a valid 养老护理员证 today. */
  certified: boolean;
  /** Pre-job training recorded. */
  preJobTrained: boolean;
}

export interface StaffDetail extends StaffMember {
  certificates: Certificate[];
  trainings: TrainingRecord[];
}

export interface StaffingConfig {
  /** Residents per caregiver in each category: 1 : 3 / 1 : 6 / 1 : 10 by default. */
  perCaregiver: Record<RatioCategory, number>;
  /** `total`: round up once at the end; `perCategory`: round each category up before adding. */
  rounding: 'total' | 'perCategory';
  countedRoles: StaffRole[];
  excludeOnLeave: boolean;
  /** Residents with no category yet count as this one (失能 by default: never look compliant when not). */
  uncategorisedAs: RatioCategory;
}

export interface RatioResult {
  on: string;
  rounding: StaffingConfig['rounding'];
  perCaregiver: Record<RatioCategory, number>;
  residents: Record<RatioCategory | 'uncategorised', number>;
  /** Caregivers needed, a whole number. */
  required: number;
  /** Sum of FTE of counted staff on the roll that day (may be fractional, e.g. 19.5). */
  available: number;
  compliant: boolean;
  shortfall: number;
  /**
   * Present (and true) only when no staff member of a counted role had been hired by that date: the
   * roster is not kept yet, so the figures say nothing about real staffing and nobody should be asked
   * to justify an admission against them.
   */
  rosterEmpty?: true;
}

export interface WhatIfResult {
  before: RatioResult;
  after: RatioResult;
}

export interface ShiftDef {
  id: number;
  name: string;
  /** `HH:mm`; a shift ending at or before its start runs past midnight (夜班 20:00–08:00). */
  start: string;
  /** `HH:mm`, `24:00` allowed. */
  end: string;
  /** Fewest counted staff (护理员) the home wants on this shift. */
  minimum: number;
  active: boolean;
  sortOrder: number;
}

export interface RotaAssignment {
  id: number;
  staffId: number;
  staffName: string;
  date: string;
  shiftId: number;
  area: string;
  counted: boolean;
}

export interface Absence {
  id: number;
  staffId: number;
  staffName: string;
  kind: AbsenceKind;
  from: string;
  to: string;
  note: string;
}

export interface ShiftCoverage {
  date: string;
  shiftId: number;
  assigned: number;
  minimum: number;
  short: number;
}

export interface RotaWeek {
  weekOf: string;
  days: string[];
  area: string | null;
  shifts: ShiftDef[];
  assignments: RotaAssignment[];
  absences: Absence[];
  coverage: ShiftCoverage[];
}

export interface OnDuty {
  at: string;
  shifts: Array<{
    shift: ShiftDef;
    date: string;
    staff: Array<{ staffId: number; name: string; area: string }>;
  }>;
}

export interface StaffingKpis {
  on: string;
  ratio: RatioResult;
  /** 持证率: caregivers with a valid 养老护理员证 ÷ caregivers on the roll; null with no caregivers. */
  certification: { certified: number; caregivers: number; rate: number | null };
}

export interface StaffingOverride {
  id: number;
  at: string;
  userId: number | null;
  userName: string;
  action: 'admission' | 'recategorise' | 'staffEnd' | 'other';
  subject: string;
  reason: string;
  required: number;
  available: number;
}

export const ROSTER_EMPTY_TEXT = '尚未登记护理员，无法核算配比';

/** "入住后需护理员 20 人，现有 19 人，缺 1 人" */
export function ratioSentence(r: RatioResult, prefix = ''): string {
  if (r.rosterEmpty) return ROSTER_EMPTY_TEXT;
  const base = `${prefix}需护理员 ${r.required} 人，现有 ${r.available} 人`;
  return r.compliant ? `${base}，符合配比` : `${base}，缺 ${r.shortfall} 人`;
}
