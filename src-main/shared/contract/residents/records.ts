import { z } from 'zod';
import { careCategories } from '../../assessment/ability';
import { dischargeReasons, leaveKinds } from '../../residents/lifecycle';
import { businessDate, requiredText, trimmed } from '../../validation';
import { proc } from '../define';
import {
  type ResidentDetail,
  type ResidentHistoryEntry,
  type ResidentListRow,
  base64File,
  id,
  optionalText,
  residentProfilePatchSchema,
  residentProfileSchema,
} from './types';
import {
  type AttachmentRow,
  type FileDownload,
  type ImportReport,
  type ResidentsConfig,
  attachmentKinds,
  residentListFilter,
} from './assessment-types';

/** The resident archive and lifecycle, attachments, import/export and the residents settings. */
export const recordProcedures = {
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
    access: 'residents.overrideGrade',
    write: true,
  }),
  'residents.addAttachment': proc<AttachmentRow>()({
    input: z.object({
      residentId: id,
      kind: z.enum(attachmentKinds),
      fileName: requiredText(120, '缺少文件名'),
      mimeType: trimmed(100).default('application/octet-stream'),
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
  /** ID copies and contracts also need `residents.idCopies`, medical records `residents.medicalFiles`. */
  'residents.getAttachment': proc<AttachmentRow & { base64: string }>()({
    input: z.object({ id }),
    access: 'residents.read',
    write: true,
  }),
  'residents.removeAttachment': proc<null>()({
    input: z.object({ id }),
    access: 'residents.deleteAttachments',
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
      minAssessors: z.union([z.literal(1), z.literal(2)], { error: '评估人员人数只能是 1 或 2' }).optional(),
    }),
    access: 'residents.configure',
    write: true,
  }),
};
