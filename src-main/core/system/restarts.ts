import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * A record of the times CareDesk went away without being asked to: the main process died on an
 * uncaught error and relaunched itself, or the window's renderer crashed or hung and was reloaded.
 * Between the failure and the restart no call reached the screen, so the workbench tells the head
 * nurse about each one. It is a small JSON file rather than a table because it has to be written
 * from a dying process, before (or without) the database being open.
 */
export const RESTARTS_FILE = 'restarts.json';
/** Older entries are of no use to anyone: the workbench looks back a day or two at most. */
export const RESTARTS_KEPT = 20;

export const restartReasons = ['main-crash', 'renderer-crash', 'renderer-hang'] as const;
export type RestartReason = (typeof restartReasons)[number];

const entrySchema = z.object({
  /** UTC ISO-8601 instant of the failure. */
  at: z.iso.datetime(),
  reason: z.enum(restartReasons),
  /** What went wrong, for support: the error message or Electron's reason and exit code. */
  detail: z.string(),
});
export type RestartEntry = z.infer<typeof entrySchema>;

const restartsPath = (dataDir: string) => join(dataDir, RESTARTS_FILE);

/**
 * Every valid entry, oldest first. A missing, unreadable or hand-broken file reads as no restarts
 * (and single broken entries are skipped): this file must never stop the app from starting.
 */
export function readRestarts(dataDir: string): RestartEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(restartsPath(dataDir), 'utf8'));
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const parsed = entrySchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * Appends one entry and keeps the newest {@link RESTARTS_KEPT}. Synchronous on purpose: it runs in an
 * uncaught-exception handler just before the process exits. Written to a temporary file and renamed,
 * so a crash in the middle leaves the previous list, never half a file.
 */
export function recordRestart(
  dataDir: string,
  entry: { at: Date; reason: RestartReason; detail: string },
): RestartEntry {
  const written: RestartEntry = {
    at: entry.at.toISOString(),
    reason: entry.reason,
    // A stack trace can be long; the first lines say what support needs.
    detail: entry.detail.slice(0, 2000),
  };
  const list = [...readRestarts(dataDir), written].slice(-RESTARTS_KEPT);
  mkdirSync(dataDir, { recursive: true });
  const temp = `${restartsPath(dataDir)}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(list, null, 2) + '\n', 'utf8');
  renameSync(temp, restartsPath(dataDir));
  return written;
}

/**
 * The unexpected restarts at or after `since`, oldest first: what the workbench alert shows
 * ("CareDesk 在 03:12 意外退出并已自动重启"). `main-crash` means the whole app, serial ports included,
 * was down until it relaunched; `renderer-crash` / `renderer-hang` mean the ports kept listening but
 * the window showed nothing until it reloaded.
 */
export function recentUnexpectedRestarts(dataDir: string, since: Date): RestartEntry[] {
  const from = since.getTime();
  return readRestarts(dataDir).filter((e) => Date.parse(e.at) >= from);
}
