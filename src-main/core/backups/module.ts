import { backupsModule } from '../../shared/contract/backups';
import type { Alert } from '../../shared/contract/platform';
import { defineCoreModule } from '../module';
import { createBackupService, type BackupService } from './service';

declare module '../module' {
  interface ModuleServices {
    backups: BackupService;
  }
}

/** A day and a bit: a daily backup that has not happened by then has failed or not run. */
const MISSING_AFTER_HOURS = 26;

/** Backups: the daily job, backup now, restore, and the alerts when backups fail or stop. */
export const backupsCore = defineCoreModule({
  shared: backupsModule,
  create(ctx) {
    const backups = createBackupService({
      sql: ctx.sql,
      auditLog: ctx.auditLog,
      settings: ctx.settings,
      logger: ctx.logger,
      timeZone: ctx.timeZone,
      paths: ctx.paths,
      reopenDatabase: ctx.reopenDatabase,
      ...(ctx.options.checkInThread ? { checkInThread: true } : {}),
    });

    return {
      service: backups,
      handlers: {
        'backups.list': () => backups.overview(),
        'backups.create': {
          prepare: (_input, call) => backups.create('manual', call.now),
          run: (_input, call, row) => {
            call.audit({
              entity: 'backup',
              entityId: row.id,
              after: { fileName: row.fileName, bytes: row.bytes },
            });
            return row;
          },
        },
        'backups.configure': (input, call) => {
          const { before, after } = backups.configure(input, call.now);
          call.audit({ entity: 'backupConfig', before, after });
          return { ...backups.overview(), ...after };
        },
        'backups.restore': {
          // The swap happens before the write: the audit row then lands in the restored database, so
          // its log says who restored which backup, and when.
          prepare: (input, call) => backups.restore(input.id, call.now),
          run: (_input, call, out) => {
            call.audit({
              entity: 'backup',
              entityId: out.restored.id,
              after: {
                restoredFrom: out.restored.fileName,
                backupTakenAt: out.restored.createdAt,
                safetyCopy: out.safetyCopy.fileName,
              },
            });
            call.emit('backups.restored', { backupId: out.restored.id, createdAt: out.restored.createdAt });
            return out;
          },
        },
      },
      jobs: ctx.paths.backups
        ? [
            {
              name: 'backups.daily',
              label: '每日自动备份',
              schedule: () => ({ every: 'day', at: backups.config().dailyAt }),
              run: async ({ now }) => {
                await backups.create('daily', now);
              },
            },
          ]
        : [],
      alerts: [
        {
          kind: 'backups.failing',
          access: 'backups.manage',
          list: (): Alert[] => {
            const failure = backups.lastFailure();
            if (!failure) return [];
            return [
              {
                kind: 'backups.failing',
                severity: 'critical',
                title: '数据备份失败',
                detail: `${failure.message}。数据目前没有新的备份，请尽快处理并手动备份一次。`,
                dueAt: failure.at,
                subject: { type: 'backup', id: 'last' },
                link: '/system/backups',
                action: '去备份',
              },
            ];
          },
        },
        {
          kind: 'backups.missing',
          access: 'backups.manage',
          list: ({ now }): Alert[] => {
            if (!ctx.paths.backups) return [];
            const latest = backups.list().find((b) => b.verified);
            // A new installation gets a day to make its first backup before this counts as missing.
            const since = latest?.createdAt ?? ctx.auditLog.firstEntryAt();
            const ageHours = since ? (now.getTime() - Date.parse(since)) / 3_600_000 : 0;
            const alerts: Alert[] = [];
            if (ageHours > MISSING_AFTER_HOURS) {
              alerts.push({
                kind: 'backups.missing',
                severity: 'warning',
                title: latest ? '超过一天没有新的备份' : '还没有任何数据备份',
                detail: latest
                  ? `最近一次成功备份在 ${latest.createdAt.slice(0, 16).replace('T', ' ')}（UTC）。请确认电脑在备份时间开着，或立即备份一次。`
                  : '请立即备份一次，并设置第二个备份位置（U 盘或网络共享）。',
                subject: { type: 'backup', id: 'latest' },
                link: '/system/backups',
                action: '立即备份',
              });
            }
            if (latest?.copyError) {
              alerts.push({
                kind: 'backups.missing',
                severity: 'warning',
                title: '备份没有复制到第二个位置',
                detail: latest.copyError,
                dueAt: latest.createdAt,
                subject: { type: 'backup', id: 'secondFolder' },
                link: '/system/backups',
                action: '查看备份',
              });
            }
            return alerts;
          },
        },
      ],
    };
  },
});
