import type { Alert } from '../../shared/contract/platform';
import type { EventBus } from '../events';
import type { AlertProvider } from '../module';
import type { Scheduler } from './scheduler';

/** Alerts about the platform itself: a failing scheduled job, an event listener that threw. */
export function platformAlerts(deps: {
  events: EventBus;
  scheduler: () => Scheduler;
  /** What the start-up check of a large file found, when it found damage. */
  databaseCheck?: () => { result: string; at: string } | null;
}): AlertProvider[] {
  return [
    {
      kind: 'system.databaseDamaged',
      live: true,
      access: 'authenticated',
      list: () => {
        const failure = deps.databaseCheck?.() ?? null;
        if (!failure) return [];
        return [
          {
            kind: 'system.databaseDamaged',
            severity: 'critical',
            title: '数据文件检查发现损坏',
            detail: `启动时的数据文件检查发现问题（${failure.result.slice(0, 200)}）。请立即联系技术支持，并从最近的备份恢复；在此之前请把新记录同时记在纸上。`,
            dueAt: failure.at,
            subject: { type: 'database', id: 'main' },
            link: '/system/backups',
            action: '查看备份',
          },
        ];
      },
    },
    {
      kind: 'system.jobFailed',
      live: true,
      access: 'settings.manage',
      list: () =>
        deps
          .scheduler()
          .list()
          .filter((job) => job.lastError !== null)
          .map((job): Alert => ({
            kind: 'system.jobFailed',
            severity: 'warning',
            title: `定时任务“${job.label}”上次运行失败`,
            detail: `${job.lastError ?? ''}。系统会在下次计划时间自动重试；也可以在“系统设置 → 定时任务”里立即运行。`,
            dueAt: job.lastRunAt ?? undefined,
            subject: { type: 'job', id: job.name },
            link: '/system/settings',
            action: '查看任务',
          })),
    },
    {
      kind: 'system.listenerFailed',
      live: true,
      access: 'settings.manage',
      list: () => {
        const failure = deps.events.lastListenerFailure();
        if (!failure) return [];
        return [
          {
            kind: 'system.listenerFailed',
            severity: 'warning',
            title: '有一个后台处理出错',
            detail: `处理“${failure.event}”时出错（自启动以来共 ${failure.count} 次）。数据已保存；如反复出现，请联系技术支持。`,
            dueAt: failure.at,
            subject: { type: 'event', id: failure.event },
            link: '/system/audit',
          },
        ];
      },
    },
  ];
}
