import type { Alert } from '../../shared/contract/platform';
import type { EventBus } from '../events';
import type { AlertProvider } from '../module';
import type { Scheduler } from './scheduler';

/** Alerts about the platform itself: a failing scheduled job, an event listener that threw. */
export function platformAlerts(deps: { events: EventBus; scheduler: () => Scheduler }): AlertProvider[] {
  return [
    {
      kind: 'system.jobFailed',
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
