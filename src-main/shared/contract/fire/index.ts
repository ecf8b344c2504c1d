import { z } from 'zod';
import { defineSharedModule, event } from '../../module';
import { businessDate, requiredText, trimmed } from '../../validation';
import { proc } from '../define';
import type { FileDownload } from '../residents';
import {
  equipmentKinds,
  fireTemplateKeys,
  hazardLevels,
  hazardStatuses,
  planKeys,
  type EmergencyPlan,
  type FireDrill,
  type FireEquipment,
  type FireHazard,
  type FireOverview,
  type FireRecord,
  type FireTemplate,
  type ScheduleSlot,
} from './types';

export * from './types';

const id = z.number().int().positive();
/** An ISO 8601 instant with its offset (`2026-12-01T20:00:00+08:00`) or a local date. */
const instantOrDate = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}$/.test(s) ||
      (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(s) &&
        !Number.isNaN(new Date(s).getTime())),
    { error: '请填写日期（如 2026-12-01）或带时区的时间（如 2026-12-01T20:00:00+08:00）' },
  );
const instant = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.test(s) &&
      !Number.isNaN(new Date(s).getTime()),
    { error: '请填写带时区的时间，如 2026-12-01T20:00:00+08:00' },
  );
/** A photo taken on a phone, as a data URL; about 1.5 MB is plenty for a JPEG of a hazard. */
const photo = z
  .string()
  .max(2_000_000, '照片太大，请用手机拍照时选择较小的尺寸')
  .regex(/^data:image\/(jpeg|png|webp);base64,/, { error: '请上传 JPG 或 PNG 照片' });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请按 时:分 填写，例如 20:00');

export const cadenceSchema = z.discriminatedUnion('every', [
  z.object({
    every: z.literal('slots'),
    hours: z.number().int().min(1, '巡查间隔至少 1 小时').max(12, '巡查间隔不能超过 12 小时'),
    startAt: hhmm,
    nightFrom: hhmm,
    nightTo: hhmm,
  }),
  z.object({ every: z.literal('month') }),
  z.object({ every: z.literal('halfYear') }),
  z.object({ every: z.literal('year') }),
]);

const recordItem = z.object({
  key: requiredText(40, '请说明是哪一项'),
  result: z.enum(['ok', 'fail', 'na'], { error: '每项请选择 正常、有问题 或 不适用' }),
  note: trimmed(500).optional(),
  photo: photo.optional(),
  fixedOnSpot: z.boolean().optional(),
});

export const fireProcedures = {
  'fire.templates.list': proc<FireTemplate[]>()({
    input: z.object({}).optional(),
    access: 'fire.read',
    write: false,
  }),
  /** Saves a new version of a template; records already made keep the items they were done with. */
  'fire.templates.save': proc<FireTemplate>()({
    input: z.object({
      key: z.enum(fireTemplateKeys, { error: '请选择是哪一种记录' }),
      name: trimmed(40).optional(),
      cadence: cadenceSchema.optional(),
      items: z
        .array(
          z.object({ key: requiredText(40, '每项需要一个编号'), text: requiredText(200, '请填写检查内容') }),
        )
        .min(1, '至少需要一个检查项目')
        .max(60),
    }),
    access: 'fire.manage',
    write: true,
  }),
  /**
   * Every due check between `from` and `to` (local dates, both included, or instants: slots starting
   * in [from, to)), with its status as of now.
   */
  'fire.schedule': proc<ScheduleSlot[]>()({
    input: z.object({
      from: instantOrDate,
      to: instantOrDate,
      template: z.enum(fireTemplateKeys).optional(),
    }),
    access: 'fire.read',
    write: false,
  }),
  'fire.records.submit': proc<FireRecord>()({
    input: z.object({
      template: z.enum(fireTemplateKeys, { error: '请选择是哪一种记录' }),
      /** The slot this record is for; by default the slot `performedAt` falls in. */
      slotStart: instant.optional(),
      performedAt: instant.optional(),
      performerIds: z.array(id).max(20).optional(),
      items: z.array(recordItem).min(1, '请逐项填写检查结果').max(60),
      note: trimmed(1000).optional(),
    }),
    access: 'fire.patrol',
    write: true,
  }),
  /** Records performed between two local dates (both included); by default this month so far. */
  'fire.records.list': proc<FireRecord[]>()({
    input: z.object({
      from: businessDate.optional(),
      to: businessDate.optional(),
      template: z.enum(fireTemplateKeys).optional(),
    }),
    access: 'fire.read',
    write: false,
  }),
  'fire.hazards.create': proc<FireHazard>()({
    input: z.object({
      title: requiredText(100, '请用一句话写明隐患，如“3楼东侧疏散通道堆放杂物”'),
      location: requiredText(100, '请写明隐患所在位置'),
      level: z.enum(hazardLevels, { error: '请选择一般隐患或重大隐患' }),
      foundOn: businessDate,
      description: trimmed(2000).default(''),
      photo: photo.optional(),
    }),
    access: 'fire.patrol',
    write: true,
  }),
  'fire.hazards.assign': proc<FireHazard>()({
    input: z.object({
      id,
      ownerId: id,
      deadline: businessDate,
      interimMeasures: requiredText(1000, '请写明整改期间的临时防范措施'),
    }),
    access: 'fire.manage',
    write: true,
  }),
  'fire.hazards.rectify': proc<FireHazard>()({
    input: z.object({
      id,
      on: businessDate,
      measures: requiredText(1000, '请写明采取了哪些整改措施'),
      photo: photo.optional(),
    }),
    access: 'fire.rectify',
    write: true,
  }),
  /** Sign-off by the fire-safety officer; never by whoever rectified it. Not accepted → back to rectification. */
  'fire.hazards.verify': proc<FireHazard>()({
    input: z.object({
      id,
      on: businessDate,
      accepted: z.boolean({ error: '请选择验收通过或不通过' }),
      note: trimmed(1000).default(''),
    }),
    access: 'fire.verify',
    write: true,
  }),
  'fire.hazards.list': proc<FireHazard[]>()({
    input: z.object({ status: z.enum([...hazardStatuses, 'open', 'overdue']).optional() }).optional(),
    access: 'fire.read',
    write: false,
  }),
  'fire.equipment.save': proc<FireEquipment>()({
    input: z.object({
      id: id.optional(),
      kind: z.enum(equipmentKinds, { error: '请选择设施类型' }),
      code: requiredText(40, '请填写设施编号，如 MHQ-1-01'),
      location: requiredText(100, '请写明设施位置'),
      spec: trimmed(100).default(''),
      installedOn: businessDate.optional(),
      expiresOn: businessDate.optional(),
      nextServiceOn: businessDate.optional(),
    }),
    access: 'fire.manage',
    write: true,
  }),
  /** The register from an Excel sheet (the export's layout): new codes are added, known codes updated. */
  'fire.equipment.import': proc<{ created: number; updated: number }>()({
    input: z.object({
      base64: z.string().min(1, '请选择文件').max(14_000_000, '文件太大，请选择 10 MB 以内的文件'),
    }),
    access: 'fire.manage',
    write: true,
  }),
  'fire.equipment.list': proc<FireEquipment[]>()({
    input: z.object({}).optional(),
    access: 'fire.read',
    write: false,
  }),
  'fire.drills.record': proc<FireDrill>()({
    input: z.object({
      on: businessDate,
      plan: z.enum(planKeys, { error: '请选择按哪个应急预案演练' }),
      scenario: requiredText(200, '请写明演练情景，如“夜间2号楼3层起火”'),
      night: z.boolean().default(false),
      /** How many took part, or their names. */
      participants: z.union([
        z.number().int().min(1, '参加人数至少 1 人').max(2000),
        z.array(requiredText(40)).min(1, '请至少填写一名参加人员').max(500),
      ]),
      residentsEvacuated: z.number().int().min(0).max(5000),
      bedriddenEvacuated: z.number().int().min(0).max(5000),
      evacuationSeconds: z.number().int().min(0).max(86_400),
      problems: trimmed(2000).default(''),
      photos: z.array(photo).max(6).optional(),
    }),
    access: 'fire.manage',
    write: true,
  }),
  'fire.drills.list': proc<FireDrill[]>()({
    input: z.object({ plan: z.enum(planKeys).optional() }).optional(),
    access: 'fire.read',
    write: false,
  }),
  'fire.plans.list': proc<EmergencyPlan[]>()({
    input: z.object({}).optional(),
    access: 'fire.read',
    write: false,
  }),
  /** A new version of a plan; `reviewedOn` sets the yearly review clock. */
  'fire.plans.save': proc<EmergencyPlan>()({
    input: z.object({
      key: z.enum(planKeys, { error: '请选择预案' }),
      title: requiredText(60, '请填写预案名称'),
      body: requiredText(20_000, '请填写预案内容'),
      reviewedOn: businessDate,
    }),
    access: 'fire.manage',
    write: true,
  }),
  'fire.overview': proc<FireOverview>()({
    input: z.object({ on: businessDate.optional() }).optional(),
    access: 'fire.read',
    write: false,
  }),
  /**
   * A ledger as an Excel workbook (audited): 防火巡查记录表, 防火检查记录表, 灭火器检查记录表,
   * 消防培训记录 for a period; 火灾隐患整改台账, 消防演练记录 and the equipment register whole.
   */
  'fire.export': proc<FileDownload>()({
    input: z.object({
      ledger: z.enum(
        ['patrol', 'inspection', 'extinguisherCheck', 'training', 'hazards', 'drills', 'equipment'],
        {
          error: '请选择要导出的台账',
        },
      ),
      from: businessDate.optional(),
      to: businessDate.optional(),
    }),
    access: 'fire.read',
    write: true,
  }),
  /** Who may be named on a patrol or made owner of a hazard. */
  'fire.people': proc<{
    patrol: Array<{ id: number; name: string }>;
    rectify: Array<{ id: number; name: string }>;
  }>()({
    input: z.object({}).optional(),
    access: 'fire.read',
    write: false,
  }),
};

export const fireModule = defineSharedModule({
  name: 'fire',
  label: { zh: '消防安全', en: 'Fire safety' },
  procedures: fireProcedures,
  permissions: {
    'fire.read': {
      zh: '查看消防巡查与台账',
      en: 'View fire-safety records',
      grants: ['headNurse', 'nurse', 'caregiver', 'fireOfficer', 'frontDesk'],
    },
    'fire.patrol': {
      zh: '防火巡查与报告隐患',
      en: 'Patrol and report hazards',
      grants: ['headNurse', 'nurse', 'caregiver', 'fireOfficer', 'frontDesk'],
    },
    'fire.rectify': { zh: '整改火灾隐患', en: 'Rectify hazards', grants: ['headNurse', 'fireOfficer'] },
    'fire.manage': {
      zh: '管理消防（模板、隐患指派、设施、演练、预案）',
      en: 'Manage fire safety',
      grants: ['fireOfficer'],
    },
    'fire.verify': { zh: '验收隐患整改', en: 'Verify hazard rectification', grants: ['fireOfficer'] },
  },
  events: {
    /** A record, hazard or register changed: open fire screens and the workbench read again. */
    'fire.changed': event<{ what: 'record' | 'hazard' | 'equipment' | 'drill' | 'plan' | 'template' }>()(
      'fire.read',
    ),
  },
  auditLabels: {
    modules: { fire: { zh: '消防安全', en: 'Fire safety' } },
    verbs: {
      submit: { zh: '提交', en: 'submit' },
      assign: { zh: '指派整改', en: 'assign' },
      rectify: { zh: '整改', en: 'rectify' },
      verify: { zh: '验收', en: 'verify' },
      record: { zh: '记录', en: 'record' },
      export: { zh: '导出', en: 'export' },
      import: { zh: '导入', en: 'import' },
    },
    entities: {
      fireTemplate: { zh: '消防检查模板', en: 'Fire checklist template' },
      fireRecord: { zh: '消防检查记录', en: 'Fire check record' },
      fireHazard: { zh: '火灾隐患', en: 'Fire hazard' },
      fireEquipment: { zh: '消防设施', en: 'Fire equipment' },
      fireDrill: { zh: '应急演练', en: 'Emergency drill' },
      firePlan: { zh: '应急预案', en: 'Emergency plan' },
      fireLedgerExport: { zh: '消防台账导出', en: 'Fire ledger export' },
    },
  },
});
