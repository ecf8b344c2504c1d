import { z } from 'zod';
import { defineSharedModule, event } from '../../module';
import { hasUnsafeText, trimmed, UNSAFE_TEXT_MESSAGE } from '../../validation';
import { proc } from '../define';
import type { FileDownload } from '../residents';
import { periodRange, summaryKinds, type SummaryDocument, type SummaryKind } from './summary';

export * from './summary';
export * from './tables';

export const submissionStatuses = ['queued', 'sending', 'accepted', 'rejected', 'failed'] as const;
export type SubmissionStatus = (typeof submissionStatuses)[number];
export const submissionStatusLabels: Record<SubmissionStatus, { zh: string; color: string }> = {
  queued: { zh: '等待发送', color: 'default' },
  sending: { zh: '发送中', color: 'processing' },
  accepted: { zh: '已接收', color: 'success' },
  rejected: { zh: '被退回', color: 'error' },
  failed: { zh: '发送失败', color: 'error' },
};

/** One submission in the outbox. */
export interface OutboxRow {
  id: number;
  kind: SummaryKind;
  period: string;
  revision: number;
  revisionReason: string | null;
  status: SubmissionStatus;
  attempts: number;
  /** When the next try is due (queued only); null when it is due now or nothing is left to do. */
  nextAttemptAt: string | null;
  receiptNo: string | null;
  /** In the platform's words where it gave any. */
  lastError: string | null;
  /** The platform's field messages when it rejected the submission. */
  errors: Array<{ path: string; message: string }>;
  /** Fixed when queued; every retry sends the same one. */
  idempotencyKey: string;
  queuedAt: string;
  queuedBy: string | null;
  lastAttemptAt: string | null;
  acceptedAt: string | null;
  /** The platform had already accepted this key (a retry after a lost answer). */
  duplicate: boolean;
}

export interface RegulatorSchedule {
  /** Local `HH:MM` for yesterday's daily summary, or null for none. */
  daily: string | null;
  /** Day of month and time for last month's summary, or null for none. */
  monthly: { day: number; time: string } | null;
}

/** The settings as shown: the secret itself never leaves the core. */
export interface RegulatorConfig {
  endpoint: string;
  institutionCode: string;
  keyId: string;
  /** True when a secret is stored. */
  secretSet: boolean;
  schedule: RegulatorSchedule;
  timeoutSeconds: number;
  /** The next scheduled uploads (instants), from the schedule. */
  next: { daily: string | null; monthly: string | null };
}

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请按 时:分 填写，例如 02:30');

const period = z.object({
  kind: z.enum(summaryKinds, { error: '请选择日报或月报' }),
  period: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/, '期间请按 年-月（如 2026-11）或 年-月-日（如 2026-11-30）填写'),
});
/** Monthly periods are `2026-11`, daily ones `2026-11-30`. */
const periodInput = period.superRefine((v, ctx) => {
  if (!periodRange(v.kind, v.period)) {
    ctx.addIssue({
      code: 'custom',
      path: ['period'],
      message:
        v.kind === 'monthly'
          ? '月报的期间请按 年-月 填写，例如 2026-11'
          : '日报的期间请按 年-月-日 填写，例如 2026-11-30',
    });
  }
});

export const regulatorProcedures = {
  /** The summary as it would be sent now (not stored). */
  'regulator.preview': proc<SummaryDocument>()({
    input: periodInput,
    access: 'regulator.read',
    write: false,
  }),
  'regulator.getConfig': proc<RegulatorConfig>()({
    input: z.object({}).optional(),
    access: 'regulator.read',
    write: false,
  }),
  /** Only the fields given change; an empty or missing `secret` keeps the stored one. */
  'regulator.updateConfig': proc<RegulatorConfig>()({
    input: z.object({
      endpoint: z
        .string()
        .trim()
        .max(300)
        .refine((v) => v === '' || /^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(v), {
          error: '请填写平台地址，例如 https://jg.example.gov.cn/api（以 http:// 或 https:// 开头）',
        })
        .optional(),
      institutionCode: trimmed(40).optional(),
      keyId: trimmed(80).optional(),
      // Not trimmed: a secret is used exactly as the platform issued it.
      secret: z
        .string()
        .max(200, '密钥最多 200 个字符')
        .refine((v) => !hasUnsafeText(v), { error: UNSAFE_TEXT_MESSAGE })
        .optional(),
      schedule: z
        .object({
          daily: hhmm.nullable(),
          monthly: z
            .object({
              day: z.number().int().min(1, '每月 1–28 日').max(28, '每月 1–28 日（每个月都有的日子）'),
              time: hhmm,
            })
            .nullable(),
        })
        .optional(),
      timeoutSeconds: z.number().int().min(5, '至少 5 秒').max(300, '最多 300 秒').optional(),
    }),
    access: 'regulator.configure',
    write: true,
  }),
  /** Sends a signed probe the platform cannot accept: reachable and signature accepted, or why not. */
  'regulator.testConnection': proc<{ ok: boolean; status: number | null; message: string }>()({
    input: z.object({}).optional(),
    access: 'regulator.configure',
    write: false,
  }),
  /**
   * Queues a submission (the summary is frozen now) and starts delivery. A period already accepted
   * needs `reason`, and goes as the next revision with a new idempotency key.
   */
  'regulator.send': proc<OutboxRow>()({
    input: z.object({ ...period.shape, reason: trimmed(200).optional() }).superRefine((v, ctx) => {
      if (!periodRange(v.kind, v.period)) {
        ctx.addIssue({
          code: 'custom',
          path: ['period'],
          message:
            v.kind === 'monthly'
              ? '月报的期间请按 年-月 填写，例如 2026-11'
              : '日报的期间请按 年-月-日 填写，例如 2026-11-30',
        });
      }
    }),
    access: 'regulator.send',
    write: true,
  }),
  /** Newest first. */
  'regulator.outbox': proc<OutboxRow[]>()({
    input: z.object({}).optional(),
    access: 'regulator.read',
    write: false,
  }),
  /** Tries a failed or queued submission again now, with its own idempotency key. */
  'regulator.retry': proc<OutboxRow>()({
    input: z.object({ id: z.number().int().positive() }),
    access: 'regulator.send',
    write: true,
  }),
  /** The summary as a JSON file and an Excel workbook of the same figures, for a manual upload. */
  'regulator.exportFile': proc<{ summary: SummaryDocument; json: FileDownload; excel: FileDownload }>()({
    input: periodInput,
    access: 'regulator.send',
    write: true,
  }),
};

export const regulatorModule = defineSharedModule({
  name: 'regulator',
  label: { zh: '监管上报', en: 'Regulator upload' },
  procedures: regulatorProcedures,
  permissions: {
    'regulator.read': { zh: '查看监管上报', en: 'View regulator uploads', grants: ['headNurse'] },
    'regulator.send': { zh: '上报监管平台、导出上报文件', en: 'Send to the regulator', grants: [] },
    'regulator.configure': { zh: '设置监管平台接口', en: 'Configure the regulator upload', grants: [] },
  },
  events: {
    /** A submission was queued or changed state: the page reloads the outbox. */
    'regulator.changed': event<{ id: number; status: SubmissionStatus }>()('regulator.read'),
  },
  auditLabels: {
    modules: { regulator: { zh: '监管上报', en: 'Regulator upload' } },
    verbs: {
      send: { zh: '上报', en: 'send' },
      retry: { zh: '重新发送', en: 'retry' },
      exportFile: { zh: '导出上报文件', en: 'export file' },
      deliver: { zh: '投递', en: 'deliver' },
      schedule: { zh: '定时上报', en: 'scheduled upload' },
    },
    entities: {
      regulatorConfig: { zh: '上报设置', en: 'Upload settings' },
      regulatorSubmission: { zh: '上报记录', en: 'Submission' },
      regulatorExport: { zh: '上报文件', en: 'Upload file' },
    },
  },
});
