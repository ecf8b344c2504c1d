import { z } from 'zod';
import { defineSharedModule } from '../../module';
import { businessDate, requiredText, trimmed } from '../../validation';
import { proc } from '../define';
import type { FileDownload } from '../residents/assessment-types';
import {
  absenceKinds,
  certificateKinds,
  employmentKinds,
  ratioCategories,
  staffRoles,
  trainingKinds,
  type Absence,
  type Certificate,
  type OnDuty,
  type RatioResult,
  type RotaAssignment,
  type RotaWeek,
  type ShiftDef,
  type StaffDetail,
  type StaffingConfig,
  type StaffingKpis,
  type StaffingOverride,
  type StaffMember,
  type TrainingRecord,
  type WhatIfResult,
} from './types';

export * from './types';

const id = z.number().int().positive();
const time = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, '请按 时:分 填写，例如 08:00');
const roles = z
  .array(z.enum(staffRoles, { error: '请从列表中选择岗位' }))
  .min(1, '请至少选择一个岗位')
  .max(staffRoles.length);
const fte = z
  .number({ error: '请填写折算全职人数（0.1–1）' })
  .min(0.1, '折算全职人数最少 0.1')
  .max(1, '折算全职人数最多 1（全职）')
  .refine((v) => Math.abs(v * 1000 - Math.round(v * 1000)) < 1e-6, '折算全职人数最多保留三位小数');
const areas = z.array(requiredText(40)).max(20);
const counts = z
  .object({
    dependent: z.number().int().min(0).max(10_000).optional(),
    partlyDependent: z.number().int().min(0).max(10_000).optional(),
    selfCare: z.number().int().min(0).max(10_000).optional(),
  })
  .optional();

const staffFields = {
  name: requiredText(40, '请填写姓名'),
  idNumber: trimmed(30).optional(),
  phone: trimmed(30).optional(),
  roles,
  employment: z.enum(employmentKinds, { error: '请选择全职或兼职' }),
  fte: fte.optional(),
  hiredOn: businessDate,
  areas: areas.optional(),
  userId: id.nullable().optional(),
};

/** Procedures of the staff module: roster, certificates, training, rota and the caregiver ratio. */
export const staffProcedures = {
  'staff.create': proc<StaffDetail>()({ input: z.object(staffFields), access: 'staff.manage', write: true }),
  'staff.update': proc<StaffDetail>()({
    input: z.object({
      id,
      ...staffFields,
      name: staffFields.name.optional(),
      roles: roles.optional(),
      employment: staffFields.employment.optional(),
      hiredOn: businessDate.optional(),
    }),
    access: 'staff.manage',
    write: true,
  }),
  'staff.get': proc<StaffDetail>()({ input: z.object({ id }), access: 'staff.read', write: false }),
  'staff.list': proc<StaffMember[]>()({
    input: z
      .object({
        role: z.enum(staffRoles).optional(),
        /** Only those on the roll that day; all, including those who left, without it. */
        activeOn: businessDate.optional(),
      })
      .optional(),
    access: 'staff.read',
    write: false,
  }),
  /** 离职: off the roll from `on` (not counted that day); the record and its history stay. */
  'staff.end': proc<StaffDetail>()({
    input: z.object({ staffId: id, on: businessDate, reason: requiredText(200, '请填写离职原因') }),
    access: 'staff.manage',
    write: true,
  }),
  'staff.addCertificate': proc<Certificate>()({
    input: z.object({
      staffId: id,
      kind: z.enum(certificateKinds, { error: '请选择证书类别' }),
      number: requiredText(60, '请填写证书编号'),
      level: z
        .number()
        .int()
        .min(1, '等级为 1（高级技师）到 5（初级）')
        .max(5, '等级为 1（高级技师）到 5（初级）')
        .optional(),
      issuedOn: businessDate,
      expiresOn: businessDate.optional(),
    }),
    access: 'staff.manage',
    write: true,
  }),
  /** Every certificate on file of staff on the roll today, for the 持证情况表. */
  'staff.certificates': proc<Array<Certificate & { staffName: string; roles: StaffMember['roles'] }>>()({
    input: z.object({}).optional(),
    access: 'staff.read',
    write: false,
  }),
  'staff.removeCertificate': proc<{ id: number }>()({
    input: z.object({ id, reason: requiredText(200, '请填写删除原因') }),
    access: 'staff.manage',
    write: true,
  }),
  /** 人员花名册 as an Excel file. */
  'staff.export': proc<FileDownload>()({
    input: z.object({ activeOn: businessDate.optional() }).optional(),
    access: 'staff.manage',
    write: true,
  }),
  /** Adds the rows of an Excel roster in the export's layout; refuses the whole file on any bad row. */
  'staff.import': proc<{ created: number }>()({
    input: z.object({ base64: z.string().min(1, '请选择 Excel 文件').max(20_000_000) }),
    access: 'staff.manage',
    write: true,
  }),
  'training.record': proc<TrainingRecord>()({
    input: z.object({
      kind: z.enum(trainingKinds, { error: '请选择培训类别' }),
      on: businessDate,
      hours: z.number().positive('请填写学时').max(200),
      topic: requiredText(200, '请填写培训内容'),
      staffIds: z.array(id).min(1, '请选择参加培训的员工').max(500),
    }),
    access: 'staff.manage',
    write: true,
  }),
  'training.list': proc<TrainingRecord[]>()({
    input: z.object({ from: businessDate.optional(), to: businessDate.optional() }).optional(),
    access: 'staff.read',
    write: false,
  }),
  'rota.shifts': proc<ShiftDef[]>()({ input: z.object({}).optional(), access: 'rota.read', write: false }),
  'rota.saveShift': proc<ShiftDef>()({
    input: z.object({
      id: id.optional(),
      name: requiredText(20, '请填写班次名称'),
      start: time,
      end: time,
      minimum: z.number().int().min(0).max(500).optional(),
      active: z.boolean().optional(),
      sortOrder: z.number().int().min(0).max(1000).optional(),
    }),
    access: 'rota.manage',
    write: true,
  }),
  'rota.week': proc<RotaWeek>()({
    input: z.object({ weekOf: businessDate.optional(), area: trimmed(40).optional() }).optional(),
    access: 'rota.read',
    write: false,
  }),
  /** Refuses a caregiver without pre-job training (`TRAINING_REQUIRED`). */
  'rota.assign': proc<RotaAssignment>()({
    input: z.object({ staffId: id, date: businessDate, shiftId: id, area: trimmed(40).optional() }),
    access: 'rota.manage',
    write: true,
  }),
  'rota.unassign': proc<{ id: number }>()({ input: z.object({ id }), access: 'rota.manage', write: true }),
  /** Exchanges the people of two assignments (their dates and shifts stay). */
  'rota.swap': proc<RotaAssignment[]>()({
    input: z.object({ assignmentId: id, withAssignmentId: id }),
    access: 'rota.manage',
    write: true,
  }),
  /** Copies the week before `weekOf` into it, skipping anyone absent, gone or untrained. */
  'rota.copyLastWeek': proc<{ copied: number; skipped: number }>()({
    input: z.object({ weekOf: businessDate, area: trimmed(40).optional() }),
    access: 'rota.manage',
    write: true,
  }),
  'rota.recordAbsence': proc<Absence>()({
    input: z
      .object({
        staffId: id,
        kind: z.enum(absenceKinds, { error: '请选择请假类别' }),
        from: businessDate,
        to: businessDate,
        note: trimmed(200).optional(),
      })
      .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' }),
    access: 'rota.manage',
    write: true,
  }),
  'rota.onDuty': proc<OnDuty>()({ input: z.object({}).optional(), access: 'rota.read', write: false }),
  'staffing.ratio': proc<RatioResult>()({
    input: z.object({ on: businessDate.optional() }).optional(),
    access: 'staffing.read',
    write: false,
  }),
  'staffing.whatIf': proc<WhatIfResult>()({
    input: z
      .object({
        on: businessDate.optional(),
        admit: counts,
        discharge: z.array(id).max(10_000).optional(),
        recategorise: z
          .array(z.object({ residentId: id, category: z.enum(ratioCategories) }))
          .max(10_000)
          .optional(),
        staffAway: z.array(id).max(10_000).optional(),
      })
      .optional(),
    access: 'staffing.read',
    write: false,
  }),
  'staffing.getConfig': proc<StaffingConfig>()({
    input: z.object({ on: businessDate.optional() }).optional(),
    access: 'staffing.read',
    write: false,
  }),
  /** Any subset; applies from `from` (today by default) on. */
  'staffing.updateConfig': proc<StaffingConfig>()({
    input: z.object({
      perCaregiver: z
        .object({
          dependent: z.number().int().min(1).max(100).optional(),
          partlyDependent: z.number().int().min(1).max(100).optional(),
          selfCare: z.number().int().min(1).max(100).optional(),
        })
        .optional(),
      rounding: z.enum(['total', 'perCategory']).optional(),
      countedRoles: roles.optional(),
      excludeOnLeave: z.boolean().optional(),
      uncategorisedAs: z.enum(ratioCategories).optional(),
      from: businessDate.optional(),
    }),
    access: 'staffing.configure',
    write: true,
  }),
  'staffing.history': proc<RatioResult[]>()({
    input: z
      .object({ from: businessDate, to: businessDate })
      .refine((v) => v.to >= v.from, { path: ['to'], message: '结束日期不能早于开始日期' }),
    access: 'staffing.read',
    write: false,
  }),
  'staffing.kpis': proc<StaffingKpis>()({
    input: z.object({}).optional(),
    access: 'staffing.read',
    write: false,
  }),
  /** Going ahead although the ratio breaks: who, why, and what the what-if said. */
  'staffing.recordOverride': proc<StaffingOverride>()({
    input: z.object({
      action: z.enum(['admission', 'recategorise', 'staffEnd', 'other']),
      subject: trimmed(100).optional(),
      reason: requiredText(300, '请填写仍然办理的理由'),
      required: z.number().int().min(0),
      available: z.number().min(0),
    }),
    access: 'staffing.read',
    write: true,
  }),
  'staffing.overrides': proc<StaffingOverride[]>()({
    input: z.object({}).optional(),
    access: 'staffing.configure',
    write: false,
  }),
};

export const staffModule = defineSharedModule({
  name: 'staff',
  label: { zh: '人员', en: 'Staff' },
  procedures: staffProcedures,
  permissions: {
    'staff.read': { zh: '查看员工名册', en: 'View the staff roster', grants: ['headNurse'] },
    'staff.manage': {
      zh: '维护员工、证书和培训',
      en: 'Manage staff, certificates and training',
      grants: ['headNurse'],
    },
    'rota.read': { zh: '查看排班', en: 'View the rota', grants: ['headNurse', 'nurse', 'caregiver'] },
    'rota.manage': { zh: '排班', en: 'Plan the rota', grants: ['headNurse'] },
    'staffing.read': {
      zh: '查看护理员配比',
      en: 'View caregiver ratio',
      grants: ['headNurse', 'frontDesk'],
    },
    'staffing.configure': { zh: '设置配比规则', en: 'Configure ratio rules', grants: [] },
  },
  events: {},
  auditLabels: {
    modules: {
      staff: { zh: '员工', en: 'Staff' },
      training: { zh: '培训', en: 'Training' },
      rota: { zh: '排班', en: 'Rota' },
      staffing: { zh: '护理员配比', en: 'Caregiver ratio' },
    },
    verbs: {
      end: { zh: '离职', en: 'end' },
      addCertificate: { zh: '登记证书', en: 'add certificate' },
      removeCertificate: { zh: '删除证书', en: 'remove certificate' },
      record: { zh: '登记', en: 'record' },
      saveShift: { zh: '保存班次', en: 'save shift' },
      assign: { zh: '排班', en: 'assign' },
      unassign: { zh: '取消排班', en: 'unassign' },
      swap: { zh: '换班', en: 'swap' },
      copyLastWeek: { zh: '复制上周排班', en: 'copy last week' },
      recordAbsence: { zh: '登记请假', en: 'record absence' },
      recordOverride: { zh: '超配比仍办理', en: 'go ahead despite ratio' },
    },
    entities: {
      staff: { zh: '员工', en: 'Staff member' },
      certificate: { zh: '证书', en: 'Certificate' },
      training: { zh: '培训', en: 'Training' },
      shift: { zh: '班次', en: 'Shift' },
      rotaAssignment: { zh: '排班', en: 'Rota assignment' },
      absence: { zh: '员工请假', en: 'Staff absence' },
      staffingConfig: { zh: '配比规则', en: 'Ratio rules' },
      staffingOverride: { zh: '超配比办理', en: 'Ratio override' },
      staffingSnapshot: { zh: '配比快照', en: 'Ratio snapshot' },
    },
  },
});
