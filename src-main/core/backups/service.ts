import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cp, mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupOverview, BackupRow } from '../../shared/contract/backups';
import { AppError } from '../../shared/errors';
import { localDate } from '../clock';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { PlatformServices } from '../module';
import { yieldToEventLoop } from '../platform/scheduler';
import { checkDatabaseFile, verifyAuditOfFile } from './verify';

export const KEEP = { daily: 7, weekly: 4, monthly: 12, safety: 3 } as const;

const configSchema = z.object({
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  secondFolder: z.string(),
});
export type BackupConfig = z.infer<typeof configSchema>;
const defaultConfig: BackupConfig = { dailyAt: '02:00', secondFolder: '' };

const META = 'backup.json';
const DB_FILE = 'caredesk.db';

type Stored = Omit<BackupRow, 'keptAs'>;

/** ISO week (`2026-W49`) of a local date. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const week =
    1 +
    Math.round(
      ((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7,
    );
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups the rotation keeps: the newest of each of the last 7 days, 4 ISO weeks and 12
 * months that have one; safety copies (taken before a restore) by count. Pure, for tests.
 */
export function rotation(
  backups: ReadonlyArray<Pick<Stored, 'id' | 'createdAt' | 'reason'>>,
  timeZone: string,
): Map<number, Array<'daily' | 'weekly' | 'monthly'>> {
  const kept = new Map<number, Array<'daily' | 'weekly' | 'monthly'>>();
  const regular = backups
    .filter((b) => b.reason !== 'safety')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const rules: Array<['daily' | 'weekly' | 'monthly', number, (day: string) => string]> = [
    ['daily', KEEP.daily, (day) => day],
    ['weekly', KEEP.weekly, isoWeek],
    ['monthly', KEEP.monthly, (day) => day.slice(0, 7)],
  ];
  for (const [rule, count, bucketOf] of rules) {
    const seen = new Set<string>();
    for (const b of regular) {
      const bucket = bucketOf(localDate(new Date(b.createdAt), timeZone));
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      kept.set(b.id, [...(kept.get(b.id) ?? []), rule]);
    }
  }
  backups
    .filter((b) => b.reason === 'safety')
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
    .slice(0, KEEP.safety)
    .forEach((b) => kept.set(b.id, kept.get(b.id) ?? []));
  return kept;
}

export interface BackupServiceDeps {
  sql: Sql<unknown>;
  auditLog: PlatformServices['auditLog'];
  settings: PlatformServices['settings'];
  logger: Logger;
  timeZone(): string;
  paths: PlatformServices['paths'];
  reopenDatabase: PlatformServices['reopenDatabase'];
  /** Tests check in this thread to keep runs deterministic; the app uses a worker. */
  checkInThread?: boolean;
}

/**
 * Automatic, verified backups: a consistent copy of the database (SQLite's online backup, in small
 * steps) and of the attachments, checked by opening the copy read-only (integrity check in a worker,
 * the audit chain in chunks), rotated 7 daily / 4 weekly / 12 monthly, optionally copied to a second
 * folder. Each backup describes itself in its own `backup.json`, so the list survives a restore.
 */
export function createBackupService(deps: BackupServiceDeps) {
  const folder = () => {
    if (!deps.paths.backups) throw new AppError('PRECONDITION', '内存数据库不能备份。');
    return deps.paths.backups;
  };
  let running: Promise<unknown> | null = null;
  const failureFile = () => join(folder(), 'last-failure.json');

  function config(): BackupConfig {
    return deps.settings.moduleValue('backups.config', configSchema, defaultConfig);
  }

  function readStored(): Stored[] {
    if (!deps.paths.backups || !existsSync(deps.paths.backups)) return [];
    const out: Stored[] = [];
    for (const entry of readdirSync(deps.paths.backups, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const meta = join(deps.paths.backups, entry.name, META);
      if (!existsSync(meta)) continue;
      try {
        out.push(JSON.parse(readFileSync(meta, 'utf8')) as Stored);
      } catch {
        // A half-written folder (power cut during a backup) is not a backup; rotation removes it later.
      }
    }
    return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  function list(): BackupRow[] {
    const stored = readStored();
    const kept = rotation(stored, deps.timeZone());
    return stored.map((b) => ({ ...b, keptAs: kept.get(b.id) ?? [] }));
  }

  function lastFailure(): { at: string; message: string } | null {
    try {
      return deps.paths.backups && existsSync(failureFile())
        ? (JSON.parse(readFileSync(failureFile(), 'utf8')) as { at: string; message: string })
        : null;
    } catch {
      return null;
    }
  }

  async function rotate(root: string, stored: Stored[]) {
    const kept = rotation(stored, deps.timeZone());
    for (const b of stored) {
      if (kept.has(b.id)) continue;
      await rm(join(root, b.fileName), { recursive: true, force: true });
    }
  }

  async function copyAttachments(to: string): Promise<number> {
    const from = deps.paths.files();
    if (!existsSync(from)) return 0;
    await cp(from, to, { recursive: true });
    let count = 0;
    const walk = async (dir: string) => {
      for (const e of await readdir(dir, { withFileTypes: true })) {
        if (e.isDirectory()) await walk(join(dir, e.name));
        else count += 1;
      }
    };
    await walk(to);
    return count;
  }

  async function createNow(reason: BackupRow['reason'], now: Date): Promise<BackupRow> {
    const root = folder();
    const started = performance.now();
    const stamp = now
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d+Z$/, 'Z');
    const name = `backup-${stamp}-${reason}`;
    const dir = join(root, name);
    try {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const dbPath = join(dir, DB_FILE);
      // The online backup copies pages in steps between which other work runs; writes made through
      // this connection meanwhile are carried into the copy, so it is one consistent state.
      await deps.sql.db.backup(dbPath);
      const attachments = await copyAttachments(join(dir, 'attachments'));
      const file = await checkDatabaseFile(dbPath, { inThread: deps.checkInThread ?? false });
      const audit = await verifyAuditOfFile(dbPath, (db) => deps.auditLog.verifyFile(db, yieldToEventLoop));
      const verified = file.integrity === 'ok' && audit.intact;
      const verifyDetail = verified
        ? `完整性检查通过；审计日志 ${audit.rows} 条，链条完整`
        : file.integrity !== 'ok'
          ? `完整性检查未通过：${file.integrity}`
          : `审计日志链条在第 ${audit.intact ? '?' : audit.firstBrokenId} 条断开：${audit.intact ? '' : audit.reason}`;
      const stored: Stored = {
        id: now.getTime(),
        createdAt: now.toISOString(),
        reason,
        fileName: name,
        bytes: (await stat(dbPath)).size,
        attachments,
        verified,
        verifyDetail,
        rowCounts: file.rowCounts,
        auditRows: audit.rows,
        copiedTo: null,
        copyError: null,
        durationMs: 0,
      };
      if (!verified) throw new AppError('INTERNAL', `备份校验失败：${verifyDetail}`);
      const second = config().secondFolder;
      if (second) {
        try {
          await mkdir(second, { recursive: true });
          await cp(dir, join(second, name), { recursive: true });
          stored.copiedTo = second;
        } catch (error) {
          stored.copyError = `复制到第二个备份位置失败：${error instanceof Error ? error.message : String(error)}。请检查 U 盘或网络共享是否连接。`;
        }
      }
      stored.durationMs = Math.round(performance.now() - started);
      await writeFile(join(dir, META), JSON.stringify(stored, null, 2));
      await rotate(root, readStored());
      if (second && stored.copiedTo) {
        await writeFile(join(second, name, META), JSON.stringify(stored, null, 2));
        await rotate(second, readStoredIn(second));
      }
      if (existsSync(failureFile())) rmSync(failureFile());
      return { ...stored, keptAs: rotation(readStored(), deps.timeZone()).get(stored.id) ?? [] };
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      const message = error instanceof Error ? error.message : String(error);
      mkdirSync(root, { recursive: true });
      writeFileSync(failureFile(), JSON.stringify({ at: now.toISOString(), message }));
      deps.logger.error('backup failed', { reason, error: message });
      throw error instanceof AppError
        ? error
        : new AppError('INTERNAL', `备份没有完成：${message}。请检查磁盘空间后重试。`);
    }
  }

  function readStoredIn(root: string): Stored[] {
    const out: Stored[] = [];
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      const meta = join(root, entry.name, META);
      if (entry.isDirectory() && existsSync(meta)) {
        try {
          out.push(JSON.parse(readFileSync(meta, 'utf8')) as Stored);
        } catch {
          // not a finished backup
        }
      }
    }
    return out;
  }

  /** One backup at a time: a second request waits for the first to finish, then runs. */
  function create(reason: BackupRow['reason'], now: Date): Promise<BackupRow> {
    const previous = running ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => createNow(reason, now));
    running = next;
    return next.finally(() => {
      if (running === next) running = null;
    });
  }

  return {
    config,
    list,
    lastFailure,
    create,
    overview(): BackupOverview {
      const c = config();
      return {
        folder: deps.paths.backups ?? '',
        secondFolder: c.secondFolder,
        dailyAt: c.dailyAt,
        backups: list(),
        lastFailure: lastFailure(),
      };
    },

    /** Must run inside a write; the caller audits. */
    configure(patch: Partial<BackupConfig>, now: Date): { before: BackupConfig; after: BackupConfig } {
      const before = config();
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      deps.settings.setModuleValue('backups.config', after, now);
      return { before, after };
    },

    /**
     * Checks the chosen backup again, takes a safety copy of the current data, then swaps the
     * database and attachments in place and reconnects every service, without a restart.
     */
    async restore(id: number, now: Date): Promise<{ restored: BackupRow; safetyCopy: BackupRow }> {
      const target = list().find((b) => b.id === id);
      if (!target)
        throw new AppError('NOT_FOUND', '找不到这个备份，可能已按保留规则删除。请刷新列表后重选。');
      const dir = join(folder(), target.fileName);
      const dbFile = join(dir, DB_FILE);
      const check = await checkDatabaseFile(dbFile, { inThread: deps.checkInThread ?? false });
      if (check.integrity !== 'ok') {
        throw new AppError(
          'PRECONDITION',
          `这个备份文件已损坏（${check.integrity}），不能用来恢复。请选择另一个备份。`,
        );
      }
      const safetyCopy = await create('safety', now);
      const database = deps.paths.database;
      const files = deps.paths.files();
      deps.reopenDatabase(() => {
        copyFileSync(dbFile, `${database}.restoring`);
        for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
        copyFileSync(`${database}.restoring`, database);
        rmSync(`${database}.restoring`, { force: true });
        rmSync(files, { recursive: true, force: true });
        const backupFiles = join(dir, 'attachments');
        if (existsSync(backupFiles)) cpSync(backupFiles, files, { recursive: true });
      });
      return { restored: target, safetyCopy };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
