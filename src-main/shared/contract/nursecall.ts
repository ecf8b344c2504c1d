import { z } from 'zod';
import type { CareCategory } from '../assessment/ability';
import { businessDate, requiredText, trimmed } from '../validation';
import { event, defineSharedModule } from '../module';
import { proc } from './define';
import type { FileDownload, RiskBadge } from './residents';

const id = z.number().int().positive();

export const nurseCallProtocols = ['espa444', 'line'] as const;
export type NurseCallProtocol = (typeof nurseCallProtocols)[number];
export const nurseCallProtocolLabels: Record<NurseCallProtocol, { zh: string; en: string }> = {
  espa444: { zh: 'ESPA 4.4.4', en: 'ESPA 4.4.4' },
  line: { zh: '文本行协议', en: 'Line protocol' },
};

export const callPriorities = ['alarm', 'high', 'normal'] as const;
export type CallPriority = (typeof callPriorities)[number];
export const callPriorityLabels: Record<CallPriority, { zh: string; en: string }> = {
  alarm: { zh: '紧急', en: 'Alarm' },
  high: { zh: '优先', en: 'High' },
  normal: { zh: '普通', en: 'Normal' },
};

export const portSettingsSchema = z.object({
  id: id.optional(),
  name: trimmed(40).default(''),
  path: requiredText(200, '请选择或填写串口，如 COM3 或 /dev/ttyUSB0'),
  baudRate: z.number().int().min(300, '波特率太低').max(921600, '波特率太高').default(9600),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  protocol: z.enum(nurseCallProtocols),
  /** Protocol options, checked by the protocol's own schema (station address, pattern, encoding…). */
  options: z.record(z.string(), z.unknown()).default({}),
  enabled: z.boolean().default(true),
});

export interface PortConfig {
  id: number;
  name: string;
  path: string;
  baudRate: number;
  dataBits: 7 | 8;
  parity: 'none' | 'even' | 'odd';
  stopBits: 1 | 2;
  protocol: NurseCallProtocol;
  options: Record<string, unknown>;
  enabled: boolean;
}

export type PortState = 'connecting' | 'connected' | 'reconnecting' | 'disabled';

export interface PortStatus {
  id: number;
  path: string;
  state: PortState;
  /** In Chinese, saying what to check ("找不到串口 COM3，请检查 USB 转串口线是否插好"). */
  lastError: string | null;
  lastErrorAt: string | null;
  connectedSince: string | null;
  reconnectAttempts: number;
  bytesReceived: number;
  framesReceived: number;
  framesRejected: number;
}

export interface AddressMapping {
  address: string;
  bedId: number | null;
  roomId: number | null;
  /** Free-text area for panels not in a bed or room (走廊, 公共卫生间 2F). */
  area: string;
  /** What the alarm board shows, e.g. `1号楼 301-2床` or `2F 公共卫生间`. */
  label: string;
}

export interface CallResident {
  id: number;
  name: string;
  careCategory: CareCategory | null;
  riskBadges: RiskBadge[];
}

export interface ActiveCall {
  id: number;
  address: string;
  /** Mapped label, or `未登记的呼叫地址 201` for an address nobody mapped. */
  label: string;
  mapped: boolean;
  bedId: number | null;
  area: string;
  resident: CallResident | null;
  priority: CallPriority;
  message: string;
  status: 'raised' | 'acknowledged';
  raisedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: number; name: string } | null;
  escalated: boolean;
  escalatedAt: string | null;
  /** Repeat transmissions merged into this call. */
  repeats: number;
  portId: number | null;
}

export type RingingCall = Pick<ActiveCall, 'id' | 'label' | 'priority' | 'status' | 'raisedAt' | 'escalated'>;

export interface CallRecord extends Omit<ActiveCall, 'status'> {
  status: 'raised' | 'acknowledged' | 'cleared';
  clearedAt: string | null;
  clearedBy: { id: number; name: string } | null;
  /** `panel` when the panel sent a reset; `attended` when staff marked it done. */
  clearedHow: 'panel' | 'attended' | null;
  note: string;
  /** Seconds from raise to acknowledgement / to clearing; null while open. */
  ackSeconds: number | null;
  clearSeconds: number | null;
}

export interface ResponseStats {
  key: string;
  label: string;
  calls: number;
  ackMedianSeconds: number | null;
  ackP90Seconds: number | null;
  clearMedianSeconds: number | null;
  clearP90Seconds: number | null;
}

export interface CallAnalytics {
  from: string;
  to: string;
  total: number;
  /** The whole range at once; null when there were no calls. */
  overall: ResponseStats | null;
  perDay: ResponseStats[];
  perShift: ResponseStats[];
  perArea: ResponseStats[];
  perUser: ResponseStats[];
  worstWaits: CallRecord[];
  perBedPerDay: Array<{ label: string; date: string; calls: number }>;
}

export interface NurseCallConfig {
  /** Unacknowledged for this long → red, louder, and an event for the head nurse. */
  escalateAfterSeconds: number;
  /** Shift start times (`HH:mm`, local); each shift runs until the next one starts. */
  shifts: Array<{ name: string; start: string }>;
  /** The longest a client may mute the alarm sound; never permanently. */
  maxMuteMinutes: number;
}

/** The longest range analytics, export and history accept: a quarter, with room for 31-day months. */
export const MAX_RANGE_DAYS = 93;
const daysIn = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
const tooLong = `一次最多查询 ${MAX_RANGE_DAYS} 天，请缩短日期范围（可分几次查询或导出）`;

const range = z
  .object({ from: businessDate, to: businessDate })
  .refine((r) => r.to >= r.from, { path: ['to'], message: '结束日期不能早于开始日期' })
  .refine((r) => daysIn(r.from, r.to) <= MAX_RANGE_DAYS, { path: ['to'], message: tooLong });

export const nurseCallProcedures = {
  /** The machine's serial ports; `error` says why the list is unavailable (then type a path). */
  'nursecall.ports.available': proc<{
    ports: Array<{ path: string; manufacturer: string | null }>;
    error: string | null;
  }>()({
    input: z.object({}).optional(),
    access: 'nursecall.configure',
    write: false,
  }),
  'nursecall.ports.list': proc<PortConfig[]>()({
    input: z.object({}).optional(),
    access: 'nursecall.configure',
    write: false,
  }),
  'nursecall.ports.save': proc<PortConfig>()({
    input: portSettingsSchema,
    access: 'nursecall.configure',
    write: true,
  }),
  'nursecall.ports.remove': proc<null>()({
    input: z.object({ id }),
    access: 'nursecall.configure',
    write: true,
  }),
  'nursecall.ports.status': proc<PortStatus[]>()({
    input: z.object({}).optional(),
    access: 'nursecall.read',
    write: false,
  }),

  'nursecall.addresses.list': proc<AddressMapping[]>()({
    input: z.object({}).optional(),
    access: 'nursecall.read',
    write: false,
  }),
  'nursecall.addresses.save': proc<AddressMapping>()({
    input: z
      .object({
        address: requiredText(40, '请填写呼叫地址（呼叫器编号）'),
        bedId: id.nullable().default(null),
        roomId: id.nullable().default(null),
        area: trimmed(60).default(''),
      })
      .refine((v) => v.bedId !== null || v.roomId !== null || v.area !== '', {
        path: ['area'],
        message: '请选择床位或房间，或填写区域名称',
      }),
    access: 'nursecall.configure',
    write: true,
  }),
  'nursecall.addresses.remove': proc<null>()({
    input: z.object({ address: requiredText(40) }),
    access: 'nursecall.configure',
    write: true,
  }),
  'nursecall.addresses.template': proc<FileDownload>()({
    input: z.object({}).optional(),
    access: 'nursecall.configure',
    write: false,
  }),
  /**
   * Bulk mapping from Excel (地址 / 楼栋 / 房间 / 床号 / 区域); all rows or none.
   *
   * `write: false` because reading .xlsx (exceljs) is asynchronous and the dispatcher runs write
   * handlers synchronously inside its transaction. The handler reads the file first and then
   * writes every row with its audit row in one transaction of its own.
   */
  'nursecall.addresses.import': proc<{
    imported: number;
    problems: Array<{ row: number; column: string; reason: string }>;
  }>()({
    input: z.object({ base64: z.string().min(1).max(14_000_000) }),
    access: 'nursecall.configure',
    write: true,
  }),

  /** Highest priority first, then the longest waiting. A client that connects late calls this. */
  'nursecall.calls.active': proc<ActiveCall[]>()({
    input: z.object({}).optional(),
    access: 'nursecall.read',
    write: false,
    // A call must stay visible behind the idle lock; answering it still needs the password.
    allowWhileRestricted: true,
  }),
  /**
   * Locations only (no names, no messages), for the login screen: after a restart or a logout at
   * shift change, a call must still ring at the front desk before anyone has signed in.
   */
  'nursecall.calls.ringing': proc<RingingCall[]>()({
    input: z.object({}).optional(),
    access: 'public',
    write: false,
  }),
  /** Acknowledged by the signed-in user, or by `userId` when one person answers for a colleague. */
  'nursecall.calls.acknowledge': proc<ActiveCall>()({
    input: z.object({ callId: id, userId: id.optional() }),
    access: 'nursecall.respond',
    write: true,
  }),
  'nursecall.calls.clear': proc<CallRecord>()({
    input: z.object({ callId: id, note: trimmed(500).optional() }),
    access: 'nursecall.respond',
    write: true,
  }),
  'nursecall.calls.history': proc<{ rows: CallRecord[]; total: number }>()({
    input: z
      .object({
        from: businessDate.optional(),
        to: businessDate.optional(),
        address: trimmed(40).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(500).default(50),
      })
      .refine((r) => !r.from || !r.to || r.to >= r.from, {
        path: ['to'],
        message: '结束日期不能早于开始日期',
      })
      .refine((r) => !r.from || !r.to || daysIn(r.from, r.to) <= MAX_RANGE_DAYS, {
        path: ['to'],
        message: tooLong,
      }),
    access: 'nursecall.read',
    write: false,
  }),
  'nursecall.analytics': proc<CallAnalytics>()({ input: range, access: 'nursecall.read', write: false }),
  /** Names residents and each colleague's response times: head nurses only. */
  /** Audited: who took the call records out of the building, for which days. */
  'nursecall.export': proc<FileDownload>()({ input: range, access: 'nursecall.export', write: true }),
  /** Users who can be named as the person answering (for the acknowledge picker). */
  'nursecall.responders': proc<Array<{ id: number; name: string }>>()({
    input: z.object({}).optional(),
    access: 'nursecall.respond',
    write: false,
  }),
  'nursecall.getConfig': proc<NurseCallConfig>()({
    input: z.object({}).optional(),
    access: 'nursecall.read',
    write: false,
  }),
  'nursecall.updateConfig': proc<NurseCallConfig>()({
    input: z.object({
      escalateAfterSeconds: z.number().int().min(5, '至少 5 秒').max(3600, '最多 3600 秒').optional(),
      shifts: z
        .array(
          z.object({
            name: requiredText(20),
            start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm'),
          }),
        )
        .min(1)
        .max(6)
        .optional(),
      maxMuteMinutes: z.number().int().min(1).max(30, '静音最长 30 分钟').optional(),
    }),
    access: 'nursecall.configure',
    write: true,
  }),
};

export const nurseCallModule = defineSharedModule({
  name: 'nursecall',
  label: { zh: '呼叫', en: 'Nurse call' },
  procedures: nurseCallProcedures,
  permissions: {
    'nursecall.read': {
      zh: '查看呼叫与呼叫记录',
      en: 'See nurse calls and history',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk'],
    },
    'nursecall.respond': {
      zh: '响应呼叫',
      en: 'Answer nurse calls',
      grants: ['headNurse', 'nurse', 'caregiver', 'frontDesk'],
    },
    'nursecall.configure': {
      zh: '设置呼叫串口与地址',
      en: 'Configure nurse-call ports and addresses',
      grants: ['headNurse'],
    },
    'nursecall.export': { zh: '导出呼叫记录', en: 'Export nurse-call records', grants: ['headNurse'] },
  },
  events: {
    /** A new call rang, or a repeat/priority change updated an active one. */
    'nursecall.raised': event<{ call: ActiveCall }>()('nursecall.read'),
    'nursecall.acknowledged': event<{ call: ActiveCall }>()('nursecall.read'),
    'nursecall.cleared': event<{ callId: number; how: 'panel' | 'attended' }>()('nursecall.read'),
    /** Not acknowledged in time: red and louder on every screen that hears calls. */
    'nursecall.escalated': event<{ call: ActiveCall }>()('nursecall.read'),
    'nursecall.portStatus': event<{ status: PortStatus }>()('nursecall.read'),
  },
  auditLabels: {
    modules: { nursecall: { zh: '呼叫', en: 'Nurse call' } },
    verbs: {
      acknowledge: { zh: '响应', en: 'acknowledge' },
      clear: { zh: '处理完毕', en: 'clear' },
      serial: { zh: '串口来电', en: 'from serial port' },
      escalation: { zh: '超时升级', en: 'escalation' },
      save: { zh: '保存', en: 'save' },
      remove: { zh: '删除', en: 'remove' },
      import: { zh: '导入', en: 'import' },
    },
    entities: {
      nurseCall: { zh: '呼叫', en: 'Call' },
      nurseCallPort: { zh: '呼叫串口', en: 'Nurse-call port' },
      nurseCallAddress: { zh: '呼叫地址', en: 'Call address' },
      nurseCallAddressImport: { zh: '呼叫地址导入', en: 'Call address import' },
      nurseCallExport: { zh: '呼叫记录导出', en: 'Call history export' },
      nurseCallConfig: { zh: '呼叫设置', en: 'Nurse-call settings' },
    },
  },
});
