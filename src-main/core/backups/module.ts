import { localMinute } from '../clock';
import { isAbsolute, relative, resolve } from 'node:path';
import { backupsModule } from '../../shared/contract/backups';
import type { Alert } from '../../shared/contract/platform';
import { fieldError } from '../../shared/errors';
import { defineCoreModule } from '../module';
import { createBackupService, type BackupService } from './service';

declare module '../module' {
  interface ModuleServices {
    backups: BackupService;
  }
}

/** A day and a bit: a daily backup that has not happened by then has failed or not run. */
export const MISSING_AFTER_HOURS = 26;

/** `2026-11-25 02:00` in the institution's time zone. */
const wallTime = (iso: string, timeZone: string) => localMinute(new Date(iso), timeZone);

/** Backups: the daily job, backup now, restore, and the alerts when backups fail or stop. */
export const backupsCore = defineCoreModule({
  shared: backupsModule,
  create(ctx) {
    const backups = createBackupService({
      sql: ctx.sql,
      auditLog: ctx.auditLog,
      writes: ctx.writes,
      settings: ctx.settings,
      logger: ctx.logger,
      timeZone: ctx.timeZone,
      paths: ctx.paths,
      reopenDatabase: ctx.reopenDatabase,
      ...(ctx.options.checkInThread ? { checkInThread: true } : {}),
    });
    const localTime = (iso: string) => wallTime(iso, ctx.timeZone());

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
              after: { fileName: row.fileName, bytes: row.bytes, verified: row.verified },
            });
            return row;
          },
        },
        'backups.configure': (input, call) => {
          const second = input.secondFolder;
          if (second && ctx.paths.backups) {
            const path = relative(resolve(ctx.paths.backups), resolve(second));
            if (path === '' || (!path.startsWith('..') && !isAbsolute(path))) {
              throw fieldError(
                'secondFolder',
                '第二个备份位置不能放在本机备份文件夹里面，请选 U 盘或网络共享上的文件夹',
              );
            }
          }
          const { before, after } = backups.configure(input, call.now);
          call.audit({ entity: 'backupConfig', before, after });
          return { ...backups.overview(), ...after };
        },
        'backups.restore': {
          // The swap happens before the write: the audit row then lands in the restored database, so
          // its log says who restored which backup, and when.
          prepare: (input, call) => backups.restore(input.id, call.now),
          run: (_input, call, out) => {
            // Everyone signs in again: the restored file holds the sessions of its own day, and
            // whoever is working now must start from the restored data, not a stale screen.
            for (const user of ctx.auth.listUsers()) ctx.auth.endOtherSessions(user.id, null);
            call.setSessionToken(null);
            call.audit({
              entity: 'backup',
              entityId: out.restored.id,
              after: {
                restoredFrom: out.restored.fileName,
                backupTakenAt: out.restored.createdAt,
                safetyCopy: out.safetyCopy.fileName,
              },
            });
            // The restored file may list other serial ports than the running ones.
            call.afterCommit(() => ctx.modules.nurseCall?.ports.reconcile());
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
                detail: `${localTime(failure.at)} 的${failure.reason === 'daily' ? '每日自动' : failure.reason === 'manual' ? '手动' : '恢复前安全'}备份没有完成：${failure.message}。在下一次备份成功之前，新录入的数据没有备份。请检查备份文件夹后点“立即备份”。`,
                dueAt: failure.at,
                subject: { type: 'backup', id: 'failing' },
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
            if (ageHours <= MISSING_AFTER_HOURS) return [];
            return [
              {
                kind: 'backups.missing',
                severity: 'warning',
                title: latest ? '超过一天没有新的备份' : '还没有任何数据备份',
                detail: latest
                  ? `最近一次成功的备份在 ${localTime(latest.createdAt)}。每日备份在 ${backups.config().dailyAt} 进行，那时电脑需要开着。请立即备份一次。`
                  : '请立即备份一次，并设置第二个备份位置（U 盘或网络共享）。',
                ...(latest ? { dueAt: latest.createdAt } : {}),
                subject: { type: 'backup', id: 'missing' },
                link: '/system/backups',
                action: '立即备份',
              },
            ];
          },
        },
        {
          kind: 'backups.copyFailed',
          access: 'backups.manage',
          list: (): Alert[] => {
            const latest = backups.list().find((b) => b.reason !== 'safety');
            if (!latest?.copyError) return [];
            return [
              {
                kind: 'backups.copyFailed',
                severity: 'warning',
                title: '备份没有复制到第二个位置',
                detail: latest.copyError,
                dueAt: latest.createdAt,
                subject: { type: 'backup', id: 'secondFolder' },
                link: '/system/backups',
                action: '查看备份',
              },
            ];
          },
        },
      ],
    };
  },
});
