import { z } from 'zod';
import { defineSharedModule, event } from '../module';
import { trimmed } from '../validation';
import { proc } from './define';

export interface BackupRow {
  id: number;
  createdAt: string;
  /** `daily` (the scheduled one), `manual` (备份 now), `safety` (taken before a restore). */
  reason: 'daily' | 'manual' | 'safety';
  /** Which rotation keeps it: the newest of its day, ISO week or month. */
  keptAs: Array<'daily' | 'weekly' | 'monthly'>;
  fileName: string;
  bytes: number;
  attachments: number;
  verified: boolean;
  verifyDetail: string;
  rowCounts: Record<string, number>;
  auditRows: number;
  /** The database's schema version in the copy; a backup newer than the app cannot be restored. */
  schemaVersion: number;
  /**
   * The audit chain's signed head when the backup was taken: the copy must hold that row unchanged,
   * so the backup carries proof of how far the log went.
   */
  auditHead?: { seq: number; hash: string };
  copiedTo: string | null;
  copyError: string | null;
  durationMs: number;
}

/** The last backup that failed, until a later one succeeds. */
export interface BackupFailure {
  at: string;
  reason: BackupRow['reason'];
  message: string;
}

export interface BackupOverview {
  folder: string;
  secondFolder: string;
  dailyAt: string;
  backups: BackupRow[];
  lastFailure: BackupFailure | null;
}

export const backupProcedures = {
  'backups.list': proc<BackupOverview>()({
    input: z.object({}).optional(),
    access: 'backups.manage',
    write: false,
  }),
  /** Backs up now: database and attachments, verified; rotation as for the daily backup. */
  'backups.create': proc<BackupRow>()({
    input: z.object({}).optional(),
    access: 'backups.manage',
    write: true,
  }),
  'backups.configure': proc<BackupOverview>()({
    input: z.object({
      dailyAt: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '请按 时:分 填写，例如 02:00')
        .optional(),
      /** A USB disk or a NAS share, as a full path; empty turns the second copy off. */
      secondFolder: trimmed(400)
        .refine((v) => v === '' || /^(\/|[A-Za-z]:[\\/]|\\\\[^\\])/.test(v), {
          error: '请填写完整路径，例如 E:\\CareDesk备份、\\\\NAS\\共享\\备份 或 /media/u盘/备份',
        })
        .optional(),
    }),
    access: 'backups.manage',
    write: true,
  }),
  /**
   * Replaces the database with a backup, after a safety copy of the current one. `confirm` must be
   * the word 恢复, typed by the user.
   */
  'backups.restore': proc<{ restored: BackupRow; safetyCopy: BackupRow }>()({
    input: z.object({
      id: z.number().int().positive(),
      confirm: z.literal('恢复', { error: '请输入“恢复”两个字以确认' }),
    }),
    access: 'backups.restore',
    write: true,
  }),
};

export const backupsModule = defineSharedModule({
  name: 'backups',
  label: { zh: '数据备份', en: 'Backups' },
  procedures: backupProcedures,
  permissions: {
    'backups.manage': { zh: '备份数据', en: 'Back up data', grants: [] },
    'backups.restore': { zh: '从备份恢复数据', en: 'Restore data from a backup', grants: [] },
  },
  events: {
    /** The database was replaced by a backup: every client reloads what it shows. */
    'backups.restored': event<{ backupId: number; createdAt: string }>()('authenticated'),
  },
  auditLabels: {
    modules: { backups: { zh: '备份', en: 'Backups' } },
    verbs: { configure: { zh: '设置', en: 'configure' } },
    entities: {
      backup: { zh: '备份', en: 'Backup' },
      backupConfig: { zh: '备份设置', en: 'Backup settings' },
    },
  },
});
