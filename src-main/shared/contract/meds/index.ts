import { z } from 'zod';
import { defineSharedModule, event } from '../../module';
import { businessDate, requiredText, trimmed } from '../../validation';
import { proc } from '../define';
import type { FileDownload } from '../residents';
import { parseDecimal } from './decimal';
import {
  drugControls,
  orderSources,
  type Drug,
  type HandoverCount,
  type MarDose,
  type MarSummary,
  type MedsSettings,
  type MonthlyMar,
  type Order,
  type PrnDose,
  type StockBatch,
  type StockCount,
  type StockMove,
  type StockReceipt,
} from './types';

export * from './types';
export * from './decimal';

/** A decimal string ("0.5", "30"); a plain number is accepted and read as its decimal text. */
const quantity = (what: string) =>
  z
    .union([trimmed(32), z.number()])
    .transform((v) => String(v).trim())
    .refine((v) => parseDecimal(v) !== null, `${what}请填写数字，最多 4 位小数，例如 0.5`)
    .refine((v) => (parseDecimal(v) ?? 0) > 0, `${what}必须大于 0`);

const countedQuantity = z
  .union([trimmed(32), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => parseDecimal(v) !== null, '实点数量请填写数字，最多 4 位小数；一粒都没有时填 0');

const id = (message: string) => z.number({ error: message }).int().positive();
const optionalId = z.number().int().positive().optional().nullable();

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间请按 时:分 填写，例如 08:00');

const instant = z
  .string()
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    '请用带时区的时间，例如 2026-12-01T08:05:00+08:00',
  );

export const orderSchedule = z.union([
  z.object({
    times: z
      .array(clockTime)
      .min(1, '请至少填写一个给药时间')
      .max(12, '一天最多 12 个给药时间')
      .refine((t) => new Set(t).size === t.length, '给药时间重复了，请删去重复的一个'),
  }),
  z.object({
    prn: z.object({
      indication: requiredText(100, '请填写按需用药的指征，例如 疼痛评分≥4'),
      minIntervalHours: z.number().positive('最短间隔必须大于 0 小时').max(72),
      maxPerDay: z.number().int().positive('每日最多次数至少为 1').max(24),
    }),
  }),
]);

const doseRef = requiredText(80, '请指明是哪一次给药');

export const medsProcedures = {
  'meds.drugs.list': proc<Drug[]>()({
    input: z.object({ q: trimmed(40).optional(), includeInactive: z.boolean().optional() }).optional(),
    access: 'meds.read',
    write: false,
  }),
  /** Adds a drug, or changes one when `id` is given. */
  'meds.drugs.save': proc<Drug>()({
    input: z.object({
      id: optionalId,
      name: requiredText(60, '请填写药品名称'),
      genericName: trimmed(60).optional(),
      spec: requiredText(60, '请填写规格，例如 2.5mg×100片'),
      form: requiredText(20, '请填写剂型，例如 片剂'),
      unit: requiredText(10, '请填写给药单位，例如 片'),
      highAlert: z.boolean().default(false),
      controlled: z.enum(drugControls).default('none'),
      active: z.boolean().optional(),
    }),
    access: 'meds.drugs',
    write: true,
  }),

  'meds.orders.list': proc<Order[]>()({
    input: z
      .object({ residentId: z.number().int().positive().optional(), includeStopped: z.boolean().optional() })
      .optional(),
    access: 'meds.read',
    write: false,
  }),
  'meds.orders.get': proc<Order>()({
    input: z.object({ orderId: id('请指明医嘱') }),
    access: 'meds.read',
    write: false,
  }),
  'meds.orders.create': proc<Order>()({
    input: z.object({
      residentId: id('请选择老人'),
      drugId: id('请选择药品'),
      dose: quantity('剂量'),
      route: requiredText(20, '请填写给药途径，例如 口服'),
      schedule: orderSchedule,
      startOn: businessDate,
      endOn: businessDate.optional().nullable(),
      prescriber: requiredText(40, '请填写开医嘱的医生'),
      source: z.enum(orderSources, { error: '请选择医嘱来源：医院、医务室或家属' }),
      note: trimmed(200).optional(),
      witnessId: optionalId,
    }),
    access: 'meds.orders',
    write: true,
  }),
  /**
   * A new version of the order from `effectiveAt` (default now); earlier doses keep the old terms.
   * A high-alert drug needs a second person's check (`witnessId`).
   */
  'meds.orders.change': proc<Order>()({
    input: z.object({
      orderId: id('请指明医嘱'),
      dose: quantity('剂量').optional(),
      route: requiredText(20).optional(),
      schedule: orderSchedule.optional(),
      endOn: businessDate.optional().nullable(),
      prescriber: requiredText(40).optional(),
      note: trimmed(200).optional(),
      reason: trimmed(200).optional(),
      effectiveAt: instant.optional(),
      witnessId: optionalId,
      checkerId: optionalId,
    }),
    access: 'meds.orders',
    write: true,
  }),
  'meds.orders.stop': proc<Order>()({
    input: z.object({
      orderId: id('请指明医嘱'),
      reason: requiredText(200, '请填写停药原因'),
      at: instant.optional(),
    }),
    access: 'meds.orders',
    write: true,
  }),

  /** The scheduled doses of a day (institution's local date), by resident, bed and time. */
  'meds.mar': proc<MarDose[]>()({
    input: z.object({
      date: businessDate,
      residentId: z.number().int().positive().optional(),
      area: trimmed(60).optional(),
    }),
    access: 'meds.read',
    write: false,
  }),
  /** `meds.mar` counted by state and by area, for tiles and pickers that need no rows. */
  'meds.marSummary': proc<MarSummary>()({
    input: z.object({ date: businessDate }),
    access: 'meds.read',
    write: false,
  }),
  'meds.administer': proc<MarDose>()({
    input: z.object({
      doseId: doseRef,
      outcome: z.enum(['given', 'refused', 'held'], { error: '请选择：已给药、拒服或暂停' }),
      at: instant.optional(),
      reason: trimmed(200).optional(),
      witnessId: optionalId,
    }),
    access: 'meds.administer',
    write: true,
  }),
  /** Voids a mistaken record (kept, marked corrected); the dose can then be recorded again. */
  'meds.correct': proc<{ doseId: string; correctedRecordId: number }>()({
    input: z.object({ doseId: doseRef, reason: requiredText(200, '请填写更正原因') }),
    access: 'meds.administer',
    write: true,
  }),

  'meds.prn.give': proc<PrnDose>()({
    input: z.object({
      orderId: id('请指明按需医嘱'),
      at: instant.optional(),
      indication: requiredText(200, '请填写本次用药的指征，例如 头痛 评分5'),
      witnessId: optionalId,
    }),
    access: 'meds.administer',
    write: true,
  }),
  'meds.prn.effect': proc<PrnDose>()({
    input: z.object({
      doseId: doseRef,
      effect: requiredText(200, '请填写用药后的效果，例如 疼痛缓解'),
      at: instant.optional(),
    }),
    access: 'meds.administer',
    write: true,
  }),
  'meds.prn.list': proc<PrnDose[]>()({
    input: z
      .object({ date: businessDate.optional(), residentId: z.number().int().positive().optional() })
      .optional(),
    access: 'meds.read',
    write: false,
  }),

  'meds.stock.receive': proc<StockReceipt>()({
    input: z.object({
      residentId: id('请选择老人'),
      drugId: id('请选择药品'),
      quantity: quantity('数量'),
      batchNo: trimmed(40).optional(),
      expiresOn: businessDate,
      source: requiredText(60, '请填写来源，例如 家属送药、医院带回'),
      entrustedBy: trimmed(40).optional(),
      witnessId: optionalId,
    }),
    access: 'meds.stock',
    write: true,
  }),
  'meds.stock.receipt': proc<StockReceipt>()({
    input: z.object({ receiptId: id('请指明委托保管单') }),
    access: 'meds.read',
    write: false,
  }),
  'meds.stock.list': proc<StockBatch[]>()({
    input: z.object({ residentId: id('请选择老人') }),
    access: 'meds.read',
    write: false,
  }),
  'meds.stock.ledger': proc<StockMove[]>()({
    input: z.object({ residentId: id('请选择老人'), drugId: z.number().int().positive().optional() }),
    access: 'meds.read',
    write: false,
  }),
  'meds.stock.count': proc<StockCount>()({
    input: z.object({
      residentId: id('请选择老人'),
      drugId: id('请选择药品'),
      counted: countedQuantity,
      witnessId: id('盘点需要第二个人在场，请选择核对人'),
      reason: trimmed(200).optional(),
    }),
    access: 'meds.stock',
    write: true,
  }),
  'meds.stock.dispose': proc<StockBatch[]>()({
    input: z.object({
      residentId: id('请选择老人'),
      drugId: id('请选择药品'),
      batchNo: trimmed(40).optional(),
      quantity: quantity('数量'),
      reason: requiredText(200, '请填写处置原因，例如 过期销毁、退还家属'),
      witnessId: id('处置药品需要第二个人核对，请选择核对人'),
    }),
    access: 'meds.stock',
    write: true,
  }),

  /**
   * A shift handover's two-person count of controlled drugs (精神、麻醉药品): each resident's stock
   * to count and the counts made (`meds.stock.count`). Without `time`, the latest handover begun.
   */
  'meds.handover': proc<HandoverCount>()({
    input: z
      .object({
        date: businessDate.optional(),
        time: clockTime.optional(),
      })
      .optional(),
    access: 'meds.read',
    write: false,
  }),

  /** The month's MAR of a resident (`what: 'mar'`) or their kept-medicine ledger as Excel (audited). */
  'meds.export': proc<FileDownload>()({
    input: z.object({
      what: z.enum(['mar', 'ledger'], { error: '请选择导出给药记录还是代管药品台账' }),
      residentId: id('请选择老人'),
      month: z
        .string()
        .regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM')
        .optional(),
      drugId: z.number().int().positive().optional(),
    }),
    access: 'meds.read',
    write: true,
  }),

  /** Active users allowed to give medicines: who may sign as the second person. */
  'meds.witnesses': proc<Array<{ id: number; name: string }>>()({
    input: z.object({}).optional(),
    access: 'meds.read',
    write: false,
  }),
  /** One resident's month on paper: days × dose times. */
  'meds.monthly': proc<MonthlyMar>()({
    input: z.object({
      residentId: id('请选择老人'),
      month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM'),
    }),
    access: 'meds.read',
    write: false,
  }),
  /** The institution's date and time by the server's clock, for screens that open on "today". */
  'meds.today': proc<{ today: string; now: string; windowMinutes: number }>()({
    input: z.object({}).optional(),
    access: 'meds.read',
    write: false,
  }),
  'meds.settings.get': proc<MedsSettings>()({
    input: z.object({}).optional(),
    access: 'meds.read',
    write: false,
  }),
  'meds.settings.update': proc<MedsSettings>()({
    input: z.object({
      windowMinutes: z.number().int().min(15, '时间窗至少 15 分钟').max(240, '时间窗最多 240 分钟'),
    }),
    access: 'meds.settings',
    write: true,
  }),
};

export const medsModule = defineSharedModule({
  name: 'meds',
  label: { zh: '用药', en: 'Medication' },
  procedures: medsProcedures,
  permissions: {
    'meds.read': {
      zh: '查看用药记录',
      en: 'View medication records',
      grants: ['headNurse', 'nurse', 'caregiver'],
    },
    'meds.administer': {
      zh: '给药与签名核对',
      en: 'Give medicines and sign as second person',
      grants: ['headNurse', 'nurse'],
    },
    'meds.orders': { zh: '录入医嘱', en: 'Write medication orders', grants: ['headNurse', 'nurse'] },
    'meds.drugs': { zh: '维护药品目录', en: 'Keep the drug catalog', grants: ['headNurse', 'nurse'] },
    'meds.stock': {
      zh: '代管药品入库、盘点与处置',
      en: 'Receive, count and dispose of kept medicines',
      grants: ['headNurse', 'nurse'],
    },
    'meds.settings': { zh: '用药设置', en: 'Medication settings', grants: ['headNurse'] },
  },
  events: {
    /** Something on the MAR, orders or stock changed: open screens ask again. */
    'meds.changed': event<{ residentId: number | null; what: 'drug' | 'order' | 'dose' | 'stock' }>()(
      'meds.read',
    ),
  },
  auditLabels: {
    modules: { meds: { zh: '用药', en: 'Medication' } },
    verbs: {
      administer: { zh: '给药', en: 'administer' },
      correct: { zh: '更正', en: 'correct' },
      give: { zh: '按需给药', en: 'give PRN' },
      effect: { zh: '记录效果', en: 'record effect' },
      receive: { zh: '入库', en: 'receive' },
      count: { zh: '盘点', en: 'count' },
      dispose: { zh: '处置', en: 'dispose' },
      change: { zh: '变更', en: 'change' },
      stop: { zh: '停用', en: 'stop' },
      export: { zh: '导出', en: 'export' },
    },
    entities: {
      drug: { zh: '药品', en: 'Drug' },
      medOrder: { zh: '医嘱', en: 'Medication order' },
      doseRecord: { zh: '给药记录', en: 'Administration record' },
      doseCorrection: { zh: '给药更正', en: 'Administration correction' },
      prnEffect: { zh: '按需用药效果', en: 'PRN effect' },
      stockReceipt: { zh: '代管药品入库', en: 'Kept medicine received' },
      stockCount: { zh: '代管药品盘点', en: 'Kept medicine count' },
      stockDisposal: { zh: '代管药品处置', en: 'Kept medicine disposal' },
      medsSettings: { zh: '用药设置', en: 'Medication settings' },
      medsExport: { zh: '用药记录导出', en: 'Medication export' },
    },
  },
});
