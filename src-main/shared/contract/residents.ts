import { z } from 'zod';
import {
  abilityAssessmentReasons,
  abilityFlagsSchema,
  abilityScoresSchema,
  careCategories,
  type AbilityAdjustment,
  type AbilityAssessmentReason,
  type AbilityDimension,
  type AbilityFlags,
  type AbilityLevel,
  type CareCategory,
  type CareCategoryMapping,
} from '../assessment/ability';
import {
  nineRiskAssessmentInputSchema,
  type NineRiskKey,
  type NineRiskLevel,
} from '../assessment/nine-risks';
import { idTypes, type IdType, type Sex } from '../id-number';
import {
  dischargeReasons,
  leaveKinds,
  residentStatuses,
  supportTypes,
  type DischargeReason,
  type LeaveKind,
  type ResidentStatus,
  type SupportType,
  type WaitingPriorityRule,
} from '../residents/lifecycle';
import { businessDate, requiredText, trimmed } from '../validation';
import { event, defineSharedModule } from '../module';
import { proc } from './define';

const id = z.number().int().positive();
const optionalText = (max: number) => trimmed(max).optional();
const textList = (maxItems: number, maxLength: number) => z.array(requiredText(maxLength)).max(maxItems);
/** Files travel as base64 inside JSON; 14 MB of base64 is about 10 MB of file. */
const base64File = z.string().min(1, '请选择文件').max(14_000_000, '文件太大，请选择 10 MB 以内的文件');

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

export interface BoardBed extends BedSummary {
  resident: BoardResident | null;
}

export interface BedBoard {
  buildings: Array<{
    id: number;
    name: string;
    floors: Array<{
      floor: number;
      rooms: Array<{ id: number; number: string; roomClass: string; beds: BoardBed[] }>;
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
  idNumber: z.string().trim().min(1, '请填写证件号码').max(30),
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

// ---------------------------------------------------------------- the workbench (issue 8)

/** Someone arriving, coming back or leaving today, for the workbench's list of the day. */
export interface TodayMovement {
  residentId: number;
  name: string;
  /** `1号楼 101-1床`, or null when the resident holds no bed. */
  bed: string | null;
  /** Done today (admitted, back, discharged) or still expected (a leave due back today). */
  done: boolean;
  detail: string;
}

export interface ResidentsToday {
  date: string;
  admissions: TodayMovement[];
  leaveReturns: TodayMovement[];
  leaveStarts: TodayMovement[];
  discharges: TodayMovement[];
  /** Beds held for someone not yet admitted. */
  reservations: number;
}

/** Planning targets the workbench shows beside the figures. */
export const OCCUPANCY_TARGET_PERCENT = 70;
/** 《“十四五”国家老龄事业发展和养老服务体系规划》: 养老机构护理型床位占比 55% by 2025. */
export const NURSING_BED_TARGET_PERCENT = 55;

export interface BedKpis {
  /** Residents in a bed (on leave included) over beds in service. */
  occupancy: { occupied: number; inService: number; percent: number; target: number };
  nursingBeds: { nursing: number; total: number; percent: number; target: number };
  vacantByRoomClass: Array<{ roomClass: string; vacant: number; total: number }>;
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
/** Kinds that `residents.getAttachment` opens only for holders of `residents.viewIdNumber`. */
export const restrictedAttachmentKinds: readonly AttachmentKind[] = ['idCopy', 'contract', 'medical'];
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

const residentListFilter = z.object({
  /** Name, 拼音首字母 or bed label. */
  search: optionalText(40),
  statuses: z.array(z.enum(residentStatuses)).max(7).optional(),
  careCategory: z.enum(careCategories).optional(),
  buildingId: id.optional(),
});

export const residentProcedures = {
  // facilities
  'facilities.buildings': proc<BuildingRow[]>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  'facilities.saveBuilding': proc<BuildingRow>()({
    input: z.object({ id: id.optional(), name: requiredText(40, '请填写楼栋名称，如：1号楼') }),
    access: 'facilities.manage',
    write: true,
  }),
  /** "Floor 3: rooms 301–320, 2 beds each". Existing rooms are skipped and reported. */
  'beds.bulkCreate': proc<{ roomsCreated: number; bedsCreated: number; skippedRooms: string[] }>()({
    input: z
      .object({
        buildingId: id,
        floor: z.number().int().min(-3, '楼层不能低于 -3').max(99, '楼层不能高于 99'),
        roomFrom: z.number().int().min(1, '房间号应为正整数').max(99999),
        roomTo: z.number().int().min(1, '房间号应为正整数').max(99999),
        bedsPerRoom: z.number().int().min(1, '每间至少 1 张床').max(12, '每间最多 12 张床'),
        roomClass: requiredText(20, '请选择房型'),
        bedKind: z.enum(bedKinds),
      })
      .refine((v) => v.roomTo >= v.roomFrom, { path: ['roomTo'], message: '结束房间号不能小于起始房间号' })
      .refine((v) => v.roomTo - v.roomFrom < 200, { path: ['roomTo'], message: '一次最多创建 200 个房间' }),
    access: 'facilities.manage',
    write: true,
  }),
  'beds.update': proc<BedSummary>()({
    input: z.object({ id, kind: z.enum(bedKinds).optional(), roomClass: trimmed(20).min(1).optional() }),
    access: 'facilities.manage',
    write: true,
  }),
  /** `reason: null` puts the bed back in service. */
  'beds.setOutOfService': proc<BedSummary>()({
    input: z.object({ id, reason: requiredText(100, '请填写停用原因，如：维修').nullable() }),
    access: 'facilities.manage',
    write: true,
  }),
  /** A bed with history is never deleted, only retired. */
  'beds.retire': proc<BedSummary>()({
    input: z.object({ id, reason: requiredText(100, '请填写撤床原因') }),
    access: 'facilities.manage',
    write: true,
  }),
  'beds.delete': proc<null>()({ input: z.object({ id }), access: 'facilities.manage', write: true }),
  'beds.board': proc<BedBoard>()({
    input: z.object({ buildingId: id.optional() }).optional(),
    access: 'residents.read',
    write: false,
  }),
  /** Beds that can take a resident now (vacant, in service), for pickers. */
  'beds.available': proc<BedSummary[]>()({
    input: z.object({ kind: z.enum(bedKinds).optional() }).optional(),
    access: 'residents.read',
    write: false,
  }),

  // residents
  'residents.create': proc<ResidentDetail>()({
    input: residentProfileSchema,
    access: 'residents.write',
    write: true,
  }),
  'residents.update': proc<ResidentDetail>()({
    input: residentProfilePatchSchema.extend({ id }),
    access: 'residents.write',
    write: true,
  }),
  'residents.list': proc<{ rows: ResidentListRow[]; total: number }>()({
    input: residentListFilter.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: 'residents.read',
    write: false,
  }),
  'residents.get': proc<ResidentDetail>()({
    input: z.object({ id }),
    access: 'residents.read',
    write: false,
  }),
  /** The full 身份证号; audited on every call. */
  'residents.revealIdNumber': proc<{ idNumber: string }>()({
    input: z.object({ id }),
    access: 'residents.viewIdNumber',
    write: true,
  }),
  'residents.history': proc<ResidentHistoryEntry[]>()({
    input: z.object({ id }),
    access: 'residents.read',
    write: false,
  }),
  'residents.waitingList': proc<ResidentListRow[]>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  'residents.reserve': proc<ResidentDetail>()({
    input: z.object({ id, bedId: id, on: businessDate.optional() }),
    access: 'residents.write',
    write: true,
  }),
  'residents.cancelReservation': proc<ResidentDetail>()({
    input: z.object({ id, reason: requiredText(200, '请填写取消原因') }),
    access: 'residents.write',
    write: true,
  }),
  /** Refused unless an ability and a nine-risk assessment were done within the configured days. */
  'residents.admit': proc<ResidentDetail>()({
    input: z.object({
      id,
      bedId: id,
      admittedOn: businessDate,
      contract: z
        .object({
          number: requiredText(40, '请填写合同编号'),
          startOn: businessDate,
          endOn: businessDate.nullable().default(null),
        })
        .refine((c) => c.endOn === null || c.endOn >= c.startOn, {
          path: ['endOn'],
          message: '合同结束日期不能早于开始日期',
        })
        .optional(),
    }),
    access: 'residents.write',
    write: true,
  }),
  'residents.transferBed': proc<ResidentDetail>()({
    input: z.object({ id, toBedId: id, on: businessDate, reason: optionalText(200) }),
    access: 'residents.write',
    write: true,
  }),
  'residents.startLeave': proc<ResidentDetail>()({
    input: z
      .object({
        id,
        kind: z.enum(leaveKinds),
        startOn: businessDate,
        expectedReturnOn: businessDate.optional(),
        destination: optionalText(100),
        note: optionalText(500),
      })
      .refine((v) => !v.expectedReturnOn || v.expectedReturnOn >= v.startOn, {
        path: ['expectedReturnOn'],
        message: '预计返回日期不能早于请假开始日期',
      }),
    access: 'residents.write',
    write: true,
  }),
  /** Changes the expected return of the current leave (延长请假) without closing it. */
  'residents.extendLeave': proc<ResidentDetail>()({
    input: z.object({ id, expectedReturnOn: businessDate }),
    access: 'residents.write',
    write: true,
  }),
  'residents.endLeave': proc<ResidentDetail>()({
    input: z.object({ id, returnedOn: businessDate, note: optionalText(500) }),
    access: 'residents.write',
    write: true,
  }),
  'residents.discharge': proc<ResidentDetail>()({
    input: z.object({
      id,
      dischargedOn: businessDate,
      reason: z.enum(dischargeReasons),
      destination: optionalText(100),
      note: optionalText(1000),
    }),
    access: 'residents.discharge',
    write: true,
  }),
  'residents.archive': proc<ResidentDetail>()({
    input: z.object({ id }),
    access: 'residents.write',
    write: true,
  }),
  /** Destroys personal data after the retention period; `confirmName` must equal the resident's name. */
  'residents.purge': proc<null>()({
    input: z.object({ id, confirmName: requiredText(40, '请输入老人姓名以确认') }),
    access: 'residents.purge',
    write: true,
  }),
  'residents.setCareGrade': proc<ResidentDetail>()({
    input: z.object({
      id,
      grade: trimmed(20).min(1).nullable(),
      reason: requiredText(200, '请填写调整护理等级的原因'),
    }),
    access: 'residents.write',
    write: true,
  }),
  'residents.addAttachment': proc<AttachmentRow>()({
    input: z.object({
      residentId: id,
      kind: z.enum(attachmentKinds),
      fileName: requiredText(120, '缺少文件名'),
      mimeType: z.string().trim().max(100).default('application/octet-stream'),
      base64: base64File,
    }),
    access: 'residents.write',
    write: true,
  }),
  'residents.listAttachments': proc<AttachmentRow[]>()({
    input: z.object({ residentId: id }),
    access: 'residents.read',
    write: false,
  }),
  /** ID copies, contracts and medical records (`restrictedAttachmentKinds`) also need `residents.viewIdNumber`. */
  'residents.getAttachment': proc<AttachmentRow & { base64: string }>()({
    input: z.object({ id }),
    access: 'residents.read',
    write: true,
  }),
  'residents.removeAttachment': proc<null>()({
    input: z.object({ id }),
    access: 'residents.write',
    write: true,
  }),
  'residents.importTemplate': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'residents.write',
    write: false,
  }),
  /** Checks every row and reports row/column/reason; imports nothing. */
  'residents.importCheck': proc<ImportReport>()({
    input: z.object({ base64: base64File }),
    access: 'residents.write',
    write: false,
  }),
  /**
   * `allOrNothing` imports only when every row is valid; `validOnly` imports the valid rows and
   * returns the others as a corrected template to fix and import again.
   *
   * `write: false` because reading and writing .xlsx (exceljs) is asynchronous and the dispatcher
   * runs write handlers synchronously inside its transaction. The handler reads the file first and
   * then inserts the rows with their audit rows in one transaction of its own.
   */
  'residents.importCommit': proc<
    ImportReport & { imported: number; rejectedRowsFile: FileDownload | null }
  >()({
    input: z.object({ base64: base64File, mode: z.enum(['allOrNothing', 'validOnly']) }),
    access: 'residents.write',
    write: true,
  }),
  /** Audited: who exported which residents. */
  'residents.export': proc<FileDownload>()({
    input: residentListFilter,
    access: 'residents.export',
    write: true,
  }),
  'residents.getConfig': proc<ResidentsConfig>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  'residents.updateConfig': proc<ResidentsConfig>()({
    input: z.object({
      careCategoryMapping: z.record(z.string(), z.enum(careCategories)).optional(),
      careGrades: z
        .array(z.object({ key: requiredText(20), name: requiredText(20) }))
        .min(1)
        .max(12)
        .optional(),
      categoryGrade: z.record(z.enum(careCategories), requiredText(20)).optional(),
      roomClasses: z.array(requiredText(20)).min(1).max(20).optional(),
      admissionAssessmentMaxAgeDays: z.number().int().min(1).max(365).optional(),
      reassessmentMonths: z.number().int().min(1).max(36).optional(),
      archiveRetentionYears: z.number().int().min(5, '档案至少保存 5 年').max(50).optional(),
      waitingPriorityRules: z.array(z.record(z.string(), z.unknown())).max(5).optional(),
      careRiskEventThreshold: z
        .number()
        .int()
        .min(1, '照护风险事件次数至少为 1')
        .max(10, '照护风险事件次数最多为 10')
        .optional(),
      stackRaises: z.boolean().optional(),
    }),
    access: 'residents.configure',
    write: true,
  }),

  // admission wizard drafts
  'admissions.saveDraft': proc<AdmissionDraft>()({
    input: z.object({
      id: id.optional(),
      residentId: id.nullable().default(null),
      residentName: trimmed(40).default(''),
      step: z.number().int().min(0).max(10),
      data: z.unknown().refine((d) => JSON.stringify(d ?? null).length <= 200_000, '草稿内容过大'),
    }),
    access: 'residents.write',
    write: true,
  }),
  'admissions.listDrafts': proc<AdmissionDraft[]>()({
    input: z.object({}).optional(),
    access: 'residents.write',
    write: false,
  }),
  'admissions.deleteDraft': proc<null>()({ input: z.object({ id }), access: 'residents.write', write: true }),

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
    access: 'residents.read',
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
    access: 'residents.read',
    write: false,
  }),

  // Excel exports of the lists (issue 8): one workbook helper in the core, each export audited.
  /** 轮候 in priority order; full ID numbers only for holders of residents.viewIdNumber. */
  'residents.exportWaitingList': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'residents.export',
    write: true,
  }),
  /** 待评估, as on the page. */
  'assessments.exportDue': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'residents.export',
    write: true,
  }),
  /** 床位清单: every bed (all buildings or one) with who is in it. */
  'beds.export': proc<FileDownload>()({
    input: z.object({ buildingId: id.optional() }).optional(),
    access: 'residents.export',
    write: true,
  }),

  // The workbench (issue 8).
  /** Today's admissions, leave starts and returns, discharges: the front desk's list of the day. */
  'residents.today': proc<ResidentsToday>()({
    input: z.object({}).optional(),
    access: 'residents.read',
    write: false,
  }),
  /** 入住率, 护理型床位占比 and empty beds by room class, for those who run the institution. */
  'beds.kpis': proc<BedKpis>()({
    input: z.object({}).optional(),
    access: 'residents.kpis',
    write: false,
  }),
};

export const residentsModule = defineSharedModule({
  name: 'residents',
  label: { zh: '老人与床位', en: 'Residents and beds' },
  procedures: residentProcedures,
  permissions: {
    'residents.read': {
      zh: '查看老人档案与床位',
      en: 'View residents and beds',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk', 'finance', 'fireOfficer'],
    },
    'residents.write': {
      zh: '办理入住、请假、换床等',
      en: 'Admissions, leave, bed changes',
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.discharge': { zh: '办理退住', en: 'Discharge residents', grants: ['headNurse'] },
    'residents.viewIdNumber': {
      zh: '查看完整身份证号',
      en: 'View full ID numbers',
      grants: ['headNurse', 'frontDesk'],
    },
    'residents.export': {
      zh: '导出老人名单',
      en: 'Export resident lists',
      grants: ['headNurse', 'frontDesk', 'finance'],
    },
    'residents.purge': { zh: '销毁过期档案', en: 'Purge expired archives', grants: [] },
    'residents.configure': {
      zh: '设置护理等级与评估规则',
      en: 'Configure care grades and rules',
      grants: [],
    },
    'facilities.manage': {
      zh: '管理楼栋、房间和床位',
      en: 'Manage buildings, rooms and beds',
      grants: ['headNurse', 'frontDesk'],
    },
    // Caregivers and nurses see calls and their alerts on the workbench, not the occupancy figures.
    'residents.kpis': {
      zh: '查看入住率等经营指标',
      en: 'View occupancy figures',
      grants: ['headNurse', 'frontDesk', 'finance'],
    },
    'assessments.write': {
      zh: '录入能力评估与风险评估',
      en: 'Record assessments',
      grants: ['headNurse', 'nurse'],
    },
    // Whoever finds a resident on the floor records the fall: caregivers included.
    'incidents.write': {
      zh: '登记跌倒、噎食等事件',
      en: 'Record falls and other incidents',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk'],
    },
  },
  events: {
    /** A resident's record, status or bed changed. */
    'residents.changed': event<{ residentId: number; action: string }>()('residents.read'),
    /** Staffing and billing react to this: the category drives ratios and fees. */
    'residents.careCategoryChanged': event<{ residentId: number; from: string | null; to: string | null }>()(
      'residents.read',
    ),
    /**
     * The grade a resident is billed and staffed at (护理等级) changed: by a new category, a
     * per-resident override, or new settings mapping categories to grades.
     */
    'residents.careGradeChanged': event<{
      residentId: number;
      from: string | null;
      to: string | null;
      cause: 'assessment' | 'override' | 'settings';
    }>()('residents.read'),
    /** Beds were added, retired, taken out of or put back into service. */
    'beds.changed': event<{ bedIds: number[] }>()('residents.read'),
  },
  auditLabels: {
    modules: {
      facilities: { zh: '楼栋', en: 'Buildings' },
      beds: { zh: '床位', en: 'Beds' },
      residents: { zh: '老人档案', en: 'Residents' },
      admissions: { zh: '入住办理', en: 'Admissions' },
      assessments: { zh: '评估', en: 'Assessments' },
      incidents: { zh: '事件', en: 'Incidents' },
    },
    verbs: {
      admit: { zh: '入住', en: 'admit' },
      discharge: { zh: '退住', en: 'discharge' },
      startLeave: { zh: '请假', en: 'start leave' },
      endLeave: { zh: '销假', en: 'end leave' },
      extendLeave: { zh: '续假', en: 'extend leave' },
      transferBed: { zh: '换床', en: 'change bed' },
      reserve: { zh: '预订床位', en: 'reserve bed' },
      revealIdNumber: { zh: '查看身份证号', en: 'view ID number' },
      purge: { zh: '销毁档案', en: 'purge' },
      recordAbility: { zh: '能力评估', en: 'ability assessment' },
      recordRisks: { zh: '九防评估', en: 'nine-risk assessment' },
      bulkCreate: { zh: '批量创建', en: 'bulk create' },
      setCareGrade: { zh: '调整护理等级', en: 'set care grade' },
      cancelReservation: { zh: '取消预订', en: 'cancel reservation' },
      archive: { zh: '归档', en: 'archive' },
      saveBuilding: { zh: '保存楼栋', en: 'save building' },
      setOutOfService: { zh: '停用/恢复', en: 'out of / back in service' },
      retire: { zh: '撤床', en: 'retire' },
      delete: { zh: '删除', en: 'delete' },
      addAttachment: { zh: '上传附件', en: 'add attachment' },
      removeAttachment: { zh: '删除附件', en: 'remove attachment' },
      importCommit: { zh: '导入', en: 'import' },
      updateConfig: { zh: '修改设置', en: 'change settings' },
      saveDraft: { zh: '保存草稿', en: 'save draft' },
      deleteDraft: { zh: '删除草稿', en: 'delete draft' },
      flag: { zh: '标记需重新评估', en: 'flag for reassessment' },
      record: { zh: '登记', en: 'record' },
      exportWaitingList: { zh: '导出轮候名单', en: 'export waiting list' },
      exportDue: { zh: '导出待评估名单', en: 'export due list' },
      getAttachment: { zh: '打开附件', en: 'open attachment' },
    },
    entities: {
      resident: { zh: '老人', en: 'Resident' },
      bed: { zh: '床位', en: 'Bed' },
      beds: { zh: '楼栋床位', en: 'Beds of building' },
      building: { zh: '楼栋', en: 'Building' },
      residentLeave: { zh: '请假', en: 'Leave' },
      abilityAssessment: { zh: '能力评估', en: 'Ability assessment' },
      riskAssessment: { zh: '九防评估', en: 'Nine-risk assessment' },
      incident: { zh: '照护风险事件', en: 'Incident' },
      attachment: { zh: '附件', en: 'Attachment' },
      admissionDraft: { zh: '入住草稿', en: 'Admission draft' },
      residentsConfig: { zh: '护理等级与评估规则', en: 'Care grades and rules' },
      careCategory: { zh: '护理类别', en: 'Care category' },
      careGrade: { zh: '护理等级', en: 'Care grade' },
      residentImport: { zh: '老人名单导入', en: 'Resident import' },
      residentExport: { zh: '老人名单导出', en: 'Resident export' },
      waitingListExport: { zh: '轮候名单导出', en: 'Waiting list export' },
      assessmentsDueExport: { zh: '待评估名单导出', en: 'Due list export' },
      bedListExport: { zh: '床位清单导出', en: 'Bed list export' },
    },
  },
});
