import { z } from 'zod';
import { defineSharedModule, event } from '../module';
import { requiredText, trimmed } from '../validation';
import { proc } from './define';

export const alertSeverities = ['info', 'warning', 'critical'] as const;
export type AlertSeverity = (typeof alertSeverities)[number];

/** What an alert is about, so acknowledging or snoozing it sticks to that thing. */
export interface AlertSubject {
  type: string;
  id: string | number;
}

/**
 * Something that needs someone's attention, computed from a module's data when asked (never
 * stored, so never out of date). `kind` is `module.what`, e.g. `assessments.due`.
 */
export interface Alert {
  kind: string;
  severity: AlertSeverity;
  title: string;
  detail: string;
  /** When it is or was due (ISO instant or local date). */
  dueAt?: string;
  subject: AlertSubject;
  /** The page that deals with it, e.g. `/residents/123?tab=assessments`. */
  link: string;
  /** Button text for `link`, e.g. 去评估. */
  action?: string;
  /**
   * The procedure `action` ends in (去评估 → `assessments.recordAbility`): users who may not call
   * it are offered 查看 instead of a button that would be refused.
   */
  actionProcedure?: string;
  /** Only in `includeHidden` lists: why the caller does not see it by default. */
  state?: 'new' | 'acknowledged' | 'snoozed';
  snoozedUntil?: string | null;
}

const subject = z.object({
  type: requiredText(40, '请说明提醒的对象'),
  id: z.union([requiredText(80, '请说明提醒的对象'), z.number().int()]),
});
const alertRef = z.object({ kind: requiredText(80, '请说明是哪类提醒'), subject });

export interface JobStatus {
  name: string;
  label: string;
  /** In words: 每天 02:00, 每 2 小时 … */
  schedule: string;
  lastRunAt: string | null;
  lastOkAt: string | null;
  lastError: string | null;
  lastDurationMs: number | null;
  nextRunAt: string | null;
  running: boolean;
}

export const platformProcedures = {
  /** The alerts the caller may see, most urgent first; hidden ones only when asked. */
  'alerts.list': proc<Alert[]>()({
    input: z.object({ includeHidden: z.boolean().default(false) }).default({ includeHidden: false }),
    access: 'authenticated',
    write: false,
  }),
  /** "I have seen it": hidden for this user until the alert changes (e.g. becomes overdue). */
  'alerts.acknowledge': proc<null>()({ input: alertRef, access: 'authenticated', write: true }),
  /** Hidden for this user until the time comes; then it shows again if it still holds. */
  'alerts.snooze': proc<{ snoozedUntil: string }>()({
    input: alertRef.extend({
      minutes: z
        .number()
        .int()
        .min(5, '至少推迟 5 分钟')
        .max(60 * 24 * 30, '最多推迟 30 天'),
    }),
    access: 'authenticated',
    write: true,
  }),
  /** Shows it again for this user. */
  'alerts.restore': proc<null>()({ input: alertRef, access: 'authenticated', write: true }),

  'scheduler.jobs': proc<JobStatus[]>()({
    input: z.object({}).optional(),
    access: 'settings.manage',
    write: false,
  }),
  'scheduler.runNow': proc<JobStatus>()({
    input: z.object({ name: trimmed(80) }),
    access: 'settings.manage',
    write: true,
  }),
};

export const platformModule = defineSharedModule({
  name: 'platform',
  label: { zh: '平台', en: 'Platform' },
  procedures: platformProcedures,
  permissions: {},
  events: {
    /** Something alerts are computed from changed: clients ask `alerts.list` again. */
    'alerts.changed': event<{ at: string }>()('authenticated'),
    'scheduler.jobRan': event<{ job: JobStatus }>()('settings.manage'),
  },
  auditLabels: {
    modules: {
      alerts: { zh: '提醒', en: 'Alerts' },
      scheduler: { zh: '定时任务', en: 'Scheduled jobs' },
    },
    verbs: {
      acknowledge: { zh: '已读', en: 'acknowledge' },
      snooze: { zh: '稍后提醒', en: 'snooze' },
      restore: { zh: '重新提醒', en: 'restore' },
      runNow: { zh: '立即运行', en: 'run now' },
    },
    entities: {
      alert: { zh: '提醒', en: 'Alert' },
      job: { zh: '定时任务', en: 'Scheduled job' },
      permissionDefaults: { zh: '默认权限', en: 'Default permissions' },
    },
  },
});
