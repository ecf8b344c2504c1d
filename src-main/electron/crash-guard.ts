import { recordRestart, readRestarts, type RestartEntry, type RestartReason } from '../core/system/restarts';
import { HIDDEN_FLAG } from './login-item';

/**
 * Recovery from failures nobody is there to see at night: an uncaught error in the main process
 * relaunches the app (the serial ports come back with it), a crashed or hung window reloads. Both
 * are written to `restarts.json` so the workbench can say calls may have been missed. Plain logic
 * over injected effects; index.ts and background.ts hand it Electron's.
 */

/** At most this many automatic relaunches within {@link RELAUNCH_WINDOW_MS}; then a crash loop is assumed. */
export const RELAUNCH_LIMIT = 3;
export const RELAUNCH_WINDOW_MS = 10 * 60_000;
/** Chromium reports a hang after its own timeout; give the page this much longer to come back. */
export const HANG_GRACE_MS = 10_000;

/** Message and the first stack frames: enough to find the fault, short enough for a dialog. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const frames = (error.stack ?? '').split('\n').slice(1, 6).join('\n');
    return frames ? `${error.name}: ${error.message}\n${frames}` : `${error.name}: ${error.message}`;
  }
  return String(error);
}

/** How many of `entries` with `reason` fall in the window that ends at `now`. */
export function countRecent(entries: readonly RestartEntry[], reason: RestartReason, now: Date): number {
  const from = now.getTime() - RELAUNCH_WINDOW_MS;
  return entries.filter((e) => e.reason === reason && Date.parse(e.at) > from).length;
}

/**
 * The arguments the relaunched process gets: the same ones, starting hidden exactly when the window
 * was hidden at the crash (a night PC stays quiet in the tray; a front desk gets its window back).
 */
export function relaunchArgs(argv: readonly string[], windowHidden: boolean): string[] {
  const kept = argv.filter((a) => a !== HIDDEN_FLAG);
  return windowHidden ? [...kept, HIDDEN_FLAG] : kept;
}

export interface FatalDeps {
  dataDir: string;
  now(): Date;
  /** Arguments after the executable, as the relaunched process should get them. */
  argv: readonly string[];
  windowHidden(): boolean;
  /** Closes the database and ports as far as possible; it may throw, the app is dying anyway. */
  closeCore(): void;
  relaunch(args: string[]): void;
  /** Shown when relaunching stopped; must block until the user has read it. */
  showGaveUp(title: string, message: string): void;
  exit(code: number): void;
  log(message: string, fields: Record<string, unknown>): void;
}

export type FatalOutcome = 'relaunched' | 'gave-up' | 'already-handling';

/** Builds the handler for `uncaughtException`; a second error while it runs is only logged. */
export function createFatalHandler(deps: FatalDeps): (error: unknown) => FatalOutcome {
  let handling = false;
  return (error) => {
    const detail = describeError(error);
    deps.log('uncaught error in the main process', { error: detail });
    if (handling) return 'already-handling';
    handling = true;
    const now = deps.now();
    let before: RestartEntry[] = [];
    try {
      before = readRestarts(deps.dataDir);
      recordRestart(deps.dataDir, { at: now, reason: 'main-crash', detail });
    } catch (writeError) {
      deps.log('could not record the restart', { error: String(writeError) });
    }
    const hidden = safe(() => deps.windowHidden(), false);
    safe(() => deps.closeCore(), undefined);
    const recent = countRecent(before, 'main-crash', now);
    if (recent < RELAUNCH_LIMIT) {
      deps.relaunch(relaunchArgs(deps.argv, hidden));
      deps.exit(1);
      return 'relaunched';
    }
    deps.showGaveUp(
      'CareDesk 反复出错，已停止自动重启',
      `CareDesk 在 10 分钟内已意外退出 ${recent + 1} 次，为避免反复重启，这次没有自动重启。\n` +
        '关闭本提示后 CareDesk 将退出，期间收不到呼叫。请重新打开 CareDesk；如果仍然出错，' +
        '请把下面的错误信息拍照发给软件供应商。\n\n' +
        detail,
    );
    deps.exit(1);
    return 'gave-up';
  };
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

export interface RendererAction {
  /** `reload` the window; `give-up` asks the user (crash loop); `none` for a normal exit. */
  action: 'reload' | 'give-up' | 'none';
  /** Kill the hung renderer first; its `render-process-gone` that follows is then expected. */
  kill: boolean;
  /** What was written to restarts.json, if anything. */
  recorded: RestartEntry | null;
}

/**
 * Decides what a crashed or hung window gets. Reloads are limited like relaunches: a page that
 * crashes on load would otherwise reload forever and keep a CPU core busy all night.
 */
export function createRendererRecovery(deps: {
  dataDir: string;
  now(): Date;
  log(message: string, fields: Record<string, unknown>): void;
}) {
  const reloads: number[] = [];
  let killedForHang = false;

  function decide(reason: RestartReason, detail: string, kill: boolean): RendererAction {
    const now = deps.now();
    let recorded: RestartEntry | null = null;
    try {
      recorded = recordRestart(deps.dataDir, { at: now, reason, detail });
    } catch (error) {
      deps.log('could not record the restart', { error: String(error) });
    }
    const from = now.getTime() - RELAUNCH_WINDOW_MS;
    while (reloads.length > 0 && reloads[0]! <= from) reloads.shift();
    if (reloads.length >= RELAUNCH_LIMIT) return { action: 'give-up', kill: false, recorded };
    reloads.push(now.getTime());
    if (kill) killedForHang = true;
    return { action: 'reload', kill, recorded };
  }

  return {
    /** Electron's `render-process-gone`. */
    gone(details: { reason: string; exitCode: number }): RendererAction {
      if (details.reason === 'clean-exit') return { action: 'none', kill: false, recorded: null };
      if (killedForHang) {
        // We killed it for hanging and recorded that already; now just bring the page back.
        killedForHang = false;
        return { action: 'reload', kill: false, recorded: null };
      }
      deps.log('window renderer gone', details);
      return decide('renderer-crash', `界面进程退出：${details.reason}（退出码 ${details.exitCode}）`, false);
    },
    /** Still unresponsive {@link HANG_GRACE_MS} after Electron's `unresponsive`. */
    hung(): RendererAction {
      deps.log('window renderer hung', {});
      return decide('renderer-hang', '界面长时间无响应，已强制重新加载', true);
    },
    /** The user chose to try again after a give-up. */
    reset(): void {
      reloads.length = 0;
    },
  };
}

export type RendererRecovery = ReturnType<typeof createRendererRecovery>;
