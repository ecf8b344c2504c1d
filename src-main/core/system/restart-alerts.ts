import type { Alert } from '../../shared/contract/platform';
import type { AlertProvider } from '../module';
import { recentUnexpectedRestarts } from './restarts';

/** Shown for three days; acknowledging it hides it for that user. */
const SHOW_FOR_MS = 3 * 86_400_000;

const hhmm = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: 'numeric',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));

/**
 * "CareDesk 在 03:12 意外退出并已自动重启": the desktop shell records each unexpected restart, and the
 * head nurse learns that calls may have been missed in between.
 */
export function restartAlerts(dataDir: string | null, timeZone: () => string): AlertProvider[] {
  return [
    {
      kind: 'system.unexpectedRestart',
      access: 'nursecall.read',
      list: ({ now }) => {
        if (!dataDir) return [];
        return recentUnexpectedRestarts(dataDir, new Date(now.getTime() - SHOW_FOR_MS)).map((r): Alert => {
          const when = hhmm(r.at, timeZone());
          const mainCrash = r.reason === 'main-crash';
          return {
            kind: 'system.unexpectedRestart',
            severity: mainCrash ? 'critical' : 'warning',
            title: mainCrash
              ? `CareDesk 在 ${when} 意外退出并已自动重启`
              : `CareDesk 界面在 ${when} 出错并已自动重新加载`,
            detail: mainCrash
              ? '重启前后的短时间内可能收不到床头呼叫。请查看呼叫记录，并到各房间巡视一遍。'
              : '界面出错期间呼叫仍在后台记录。请查看呼叫记录，确认没有漏接的呼叫。',
            dueAt: r.at,
            subject: { type: 'restart', id: r.at },
            link: '/nursecall/history',
            action: '查看呼叫记录',
          };
        });
      },
    },
  ];
}
