import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupFailure, BackupOverview, BackupRow } from '../../shared/contract/backups';
import { AppError } from '../../shared/errors';
import type { WritePath } from '../api/write-path';
import { schemaVersion } from '../db/migrate';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { PlatformServices } from '../module';
import { yieldToEventLoop } from '../platform/scheduler';
import { rotation } from './rotation';
import { checkDatabaseFile, copyDatabaseFile, prepareRestoreFiles, verifyAuditOfFile } from './verify';

export { KEEP, isoWeek, rotation } from './rotation';

const configSchema = z.object({
  dailyAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  secondFolder: z.string(),
});
export type BackupConfig = z.infer<typeof configSchema>;
const defaultConfig: BackupConfig = { dailyAt: '02:00', secondFolder: '' };

const failureSchema = z.object({
  at: z.string(),
  reason: z.enum(['daily', 'manual', 'safety']),
  message: z.string(),
});

const META = 'backup.json';
const DB_FILE = 'caredesk.db';
/** A second-folder copy is written under this suffix and renamed when complete. */
const PARTIAL = '.partial';

type Stored = Omit<BackupRow, 'keptAs'>;

export interface BackupServiceDeps {
  sql: Sql<unknown>;
  auditLog: PlatformServices['auditLog'];
  writes: WritePath;
  settings: PlatformServices['settings'];
  logger: Logger;
  timeZone(): string;
  paths: PlatformServices['paths'];
  reopenDatabase: PlatformServices['reopenDatabase'];
  /** Tests may check in this thread; the app runs `integrity_check` in a worker. */
  checkInThread?: boolean;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** `2026-11-25T18:00:00.123Z` → `20261125T180000123Z`, sortable and safe in every file system. */
const stampOf = (iso: string) => iso.replace(/[-:.]/g, '');

function readStoredIn(root: string): Stored[] {
  let entries;
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch {
    // Missing, not a folder, unreadable: no backups to offer; taking one will say why.
    return [];
  }
  const out: Stored[] = [];
  for (const entry of entries) {
    const meta = join(root, entry.name, META);
    if (!entry.isDirectory() || !existsSync(meta)) continue;
    try {
      out.push(JSON.parse(readFileSync(meta, 'utf8')) as Stored);
    } catch {
      // An unreadable description is not a backup we can offer; rotation leaves it alone.
    }
  }
  return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
}

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) count += await countFiles(join(dir, e.name));
    else count += 1;
  }
  return count;
}

/**
 * Automatic, verified backups: a consistent copy of the database (SQLite's online backup, in small
 * steps) and of the attachments, checked by opening the copy read-only (integrity check in a worker,
 * the audit chain in chunks), rotated 7 daily / 4 weekly / 12 monthly, optionally copied to a second
 * folder. Each backup describes itself in its own `backup.json`, written last, so the list survives
 * a restore and a folder without one is an unfinished backup.
 */
export function createBackupService(deps: BackupServiceDeps) {
  const folder = () => {
    if (!deps.paths.backups) throw new AppError('PRECONDITION', '内存数据库不能备份。');
    return deps.paths.backups;
  };
  /** Backups and restores run one at a time, in the order asked. */
  let queue: Promise<unknown> = Promise.resolve();
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = queue.catch(() => undefined).then(fn);
    queue = next;
    return next;
  }
  /** Kept in memory too: when the database itself cannot be written, the alert must still show. */
  let failureInMemory: BackupFailure | null = null;

  function config(): BackupConfig {
    return deps.settings.moduleValue('backups.config', configSchema, defaultConfig);
  }

  function list(): BackupRow[] {
    const stored = deps.paths.backups ? readStoredIn(deps.paths.backups) : [];
    const kept = rotation(stored, deps.timeZone());
    return stored.map((b) => ({ ...b, keptAs: kept.get(b.id) ?? [] }));
  }

  /**
   * The newest failure that no successful backup has followed. A restored database may carry a
   * failure recorded before its backup was taken; the backups on disk show it is over.
   */
  const storedFailure = () =>
    deps.settings.moduleValue<BackupFailure | null>('backups.lastFailure', failureSchema.nullable(), null);

  function lastFailure(): BackupFailure | null {
    const newest = [storedFailure(), failureInMemory]
      .filter((f): f is BackupFailure => f !== null)
      .sort((a, b) => b.at.localeCompare(a.at))[0];
    if (!newest) return null;
    const lastGood = list().find((b) => b.verified);
    return lastGood && lastGood.createdAt >= newest.at ? null : newest;
  }

  function setFailure(failure: BackupFailure | null, now: Date) {
    failureInMemory = failure;
    try {
      deps.writes.run(
        { procedure: failure ? 'backups.failed' : 'backups.recovered', now, user: null, bookkeeping: true },
        (w) => {
          deps.settings.setModuleValue('backups.lastFailure', failure, now);
          if (failure) w.audit({ entity: 'backup', after: failure });
        },
      );
    } catch (error) {
      deps.logger.error('backup failure could not be recorded', { error: messageOf(error) });
    }
  }

  async function rotate(root: string) {
    const stored = readStoredIn(root);
    const kept = rotation(stored, deps.timeZone());
    const names = new Set(stored.map((b) => b.fileName));
    for (const b of stored) {
      if (!kept.has(b.id)) await rm(join(root, b.fileName), { recursive: true, force: true });
    }
    // Leftovers of a backup cut short (power failure, full disk): backup folders without their
    // description. Backups run one at a time, so none of these is being written now.
    for (const entry of await readdir(root, { withFileTypes: true })) {
      if (!entry.isDirectory() || names.has(entry.name) || !entry.name.startsWith('backup-')) continue;
      if (entry.name.endsWith(PARTIAL) || !existsSync(join(root, entry.name, META))) {
        await rm(join(root, entry.name), { recursive: true, force: true });
      }
    }
  }

  /** A fresh id: the backup's time in ms, moved on by a millisecond if two backups share one. */
  function uniqueId(at: number): number {
    const taken = new Set(list().map((b) => b.id));
    let id = at;
    while (taken.has(id)) id += 1;
    return id;
  }

  async function copyToSecondFolder(dir: string, stored: Stored): Promise<void> {
    const second = config().secondFolder;
    if (!second) return;
    try {
      await mkdir(second, { recursive: true });
      const partial = join(second, `${stored.fileName}${PARTIAL}`);
      await rm(partial, { recursive: true, force: true });
      await cp(dir, partial, { recursive: true });
      await writeFile(join(partial, META), JSON.stringify({ ...stored, copiedTo: second }, null, 2));
      await rename(partial, join(second, stored.fileName));
      stored.copiedTo = second;
    } catch (error) {
      stored.copyError = `没有复制到第二个备份位置（${second}）：${messageOf(error)}。请检查 U 盘是否插好、网络共享是否能打开，然后点“立即备份”。`;
      deps.logger.warn('backup not copied to the second folder', { second, error: messageOf(error) });
      return;
    }
    try {
      await rotate(second);
    } catch (error) {
      deps.logger.warn('old backups in the second folder were not removed', { error: messageOf(error) });
    }
  }

  async function createNow(reason: BackupRow['reason'], now: Date): Promise<BackupRow> {
    const started = performance.now();
    let dir: string | null = null;
    let stored: Stored;
    try {
      const root = folder();
      await mkdir(root, { recursive: true });
      const id = uniqueId(now.getTime());
      const createdAt = new Date(id).toISOString();
      const fileName = `backup-${stampOf(createdAt)}-${reason}`;
      dir = join(root, fileName);
      await mkdir(dir);
      const dbPath = join(dir, DB_FILE);
      // The signed head as of now: the copy holds at least these rows, and must hold them unchanged.
      const head = deps.auditLog.anchor();
      // Copied and checked in a worker thread, one consistent state (see verify.ts).
      const file = await copyDatabaseFile(deps.paths.database, dbPath, {
        inThread: deps.checkInThread ?? false,
      });
      const filesDir = deps.paths.files();
      let attachments = 0;
      if (existsSync(filesDir)) {
        await cp(filesDir, join(dir, 'attachments'), { recursive: true });
        attachments = await countFiles(join(dir, 'attachments'));
      }
      const audit = await verifyAuditOfFile(dbPath, (db) =>
        deps.auditLog.verifyFile(db, yieldToEventLoop, head),
      );
      if (file.integrity !== 'ok') throw new Error(`完整性检查未通过：${file.integrity}`);
      if (!audit.intact) {
        throw new Error(`审计日志在第 ${audit.firstBrokenId} 条断开：${audit.reason}`);
      }
      stored = {
        id,
        createdAt,
        reason,
        fileName,
        bytes: (await stat(dbPath)).size,
        attachments,
        verified: true,
        verifyDetail: `完整性检查通过；审计日志 ${audit.rows} 条，链条完整；共 ${Object.keys(file.rowCounts).length} 张表`,
        rowCounts: file.rowCounts,
        auditRows: audit.rows,
        schemaVersion: file.schemaVersion,
        auditHead: { seq: head.seq, hash: head.hash },
        copiedTo: null,
        copyError: null,
        durationMs: 0,
      };
      stored.durationMs = Math.round(performance.now() - started);
      // Written last: a folder with its description is a finished, verified backup.
      await writeFile(join(dir, META), JSON.stringify(stored, null, 2));
    } catch (error) {
      if (dir) await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      const message = messageOf(error);
      deps.logger.error('backup failed', { reason, error: message });
      setFailure({ at: now.toISOString(), reason, message }, now);
      throw new AppError(
        'INTERNAL',
        `备份没有完成：${message}。请检查备份文件夹（${deps.paths.backups ?? ''}）是否存在、能否写入、磁盘空间是否够用，然后重试。`,
      );
    }

    // The backup exists from here on: what goes wrong now is reported beside it, never undoes it.
    await copyToSecondFolder(dir, stored);
    if (stored.copiedTo || stored.copyError) {
      await writeFile(join(dir, META), JSON.stringify(stored, null, 2)).catch((error: unknown) =>
        deps.logger.warn('backup description not updated', { error: messageOf(error) }),
      );
    }
    try {
      await rotate(folder());
    } catch (error) {
      deps.logger.warn('old backups were not removed', { error: messageOf(error) });
    }
    if (failureInMemory || storedFailure()) setFailure(null, now);
    return list().find((b) => b.id === stored.id) ?? { ...stored, keptAs: [] };
  }

  /** Highest audit row id: rows are append-only, so it equals their count, in the live file. */
  const liveAuditRows = () =>
    (deps.sql.db.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n;

  async function restoreNow(id: number, now: Date) {
    const target = list().find((b) => b.id === id);
    if (!target) {
      throw new AppError('NOT_FOUND', '找不到这个备份，可能已按保留规则删除。请刷新列表后重选。');
    }
    const dir = join(folder(), target.fileName);
    const dbFile = join(dir, DB_FILE);
    if (!existsSync(dbFile)) {
      throw new AppError('PRECONDITION', '这个备份的数据文件不见了，不能用来恢复。请选择另一个备份。');
    }
    const check = await checkDatabaseFile(dbFile, { inThread: deps.checkInThread ?? false });
    if (check.integrity !== 'ok') {
      throw new AppError(
        'PRECONDITION',
        `这个备份文件已损坏（${check.integrity}），不能用来恢复。请选择另一个备份。`,
      );
    }
    const audit = await verifyAuditOfFile(dbFile, (db) => deps.auditLog.verifyFile(db, yieldToEventLoop));
    if (!audit.intact) {
      throw new AppError(
        'PRECONDITION',
        `这个备份里的审计日志在第 ${audit.firstBrokenId} 条断开（${audit.reason}），备份可能被改动过，不能用来恢复。请选择另一个备份。`,
      );
    }
    if (check.schemaVersion > schemaVersion(deps.sql.db)) {
      throw new AppError(
        'PRECONDITION',
        '这个备份来自更新版本的 CareDesk，本程序打不开。请先安装最新版本，再恢复。',
      );
    }

    // Everything that can take long happens before the swap, which then only renames files.
    const database = deps.paths.database;
    const files = deps.paths.files();
    const incomingDb = `${database}.restoring`;
    const incomingFiles = `${files}.restoring`;
    const dropIncoming = async () => {
      await rm(incomingDb, { force: true });
      await rm(incomingFiles, { recursive: true, force: true });
    };
    let safetyCopy: BackupRow;
    try {
      await dropIncoming();
      await cp(dbFile, incomingDb);
      const backupFiles = join(dir, 'attachments');
      if (existsSync(backupFiles)) await cp(backupFiles, incomingFiles, { recursive: true });
      else await mkdir(incomingFiles, { recursive: true });
      // A change made after the safety copy was taken would be lost with the swap: take it again.
      safetyCopy = await createNow('safety', now);
      if (liveAuditRows() !== safetyCopy.auditRows) safetyCopy = await createNow('safety', now);
      if (liveAuditRows() !== safetyCopy.auditRows) {
        throw new AppError('CONFLICT', '恢复期间仍有人在录入数据，恢复没有进行。请让大家暂停操作后再试。');
      }
    } catch (error) {
      await dropIncoming();
      throw error;
    }

    const previousFiles = `${files}.before-restore`;
    await rm(previousFiles, { recursive: true, force: true });
    await prepareRestoreFiles(database, incomingDb, { inThread: deps.checkInThread ?? false });
    const conflict = () =>
      new AppError('CONFLICT', '恢复期间仍有人在录入数据，恢复没有进行。请让大家暂停操作后再试。');
    if (liveAuditRows() !== safetyCopy.auditRows) {
      await dropIncoming();
      throw conflict();
    }
    // Only renames from here to the reopen: the event loop is held for milliseconds, not seconds.
    try {
      await deps.reopenDatabase(
        () => {
          for (const suffix of ['-wal', '-shm']) rmSync(`${database}${suffix}`, { force: true });
          // Rename is atomic: the database file is always either the old one or the restored one.
          renameSync(incomingDb, database);
          if (existsSync(files)) renameSync(files, previousFiles);
          renameSync(incomingFiles, files);
        },
        {
          checked: true,
          // Checked again at the last moment: nothing written after the safety copy may be lost.
          verify: () => {
            if (liveAuditRows() !== safetyCopy.auditRows) throw conflict();
          },
        },
      );
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') await dropIncoming();
      throw error;
    }
    await rm(previousFiles, { recursive: true, force: true });
    deps.logger.info('database restored from a backup', {
      backup: target.fileName,
      safetyCopy: safetyCopy.fileName,
    });
    return { restored: target, safetyCopy };
  }

  return {
    config,
    list,
    lastFailure,
    /** Backs up now; waits for a backup or restore already running. */
    create: (reason: BackupRow['reason'], now: Date) => exclusive(() => createNow(reason, now)),
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
      const after: BackupConfig = {
        dailyAt: patch.dailyAt ?? before.dailyAt,
        secondFolder: patch.secondFolder ?? before.secondFolder,
      };
      deps.settings.setModuleValue('backups.config', after, now);
      return { before, after };
    },

    /**
     * Checks the chosen backup again, takes a safety copy of the current data, then swaps the
     * database and attachments in place and reconnects every service, without a restart.
     */
    restore: (id: number, now: Date) => exclusive(() => restoreNow(id, now)),
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
