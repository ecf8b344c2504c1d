import { dialog, type BrowserWindow } from 'electron';
import type { Logger } from '../core/logger';
import { HANG_GRACE_MS, type RendererRecovery } from './crash-guard';
import { createHideHint, type QuitGuard } from './lifecycle';
import { createMainWindow } from './window';

/** The alarm board's route in the renderer's hash router. */
export const CALLS_ROUTE = '/nursecall';

export interface WindowControllerDeps {
  guard: QuitGuard;
  recovery: RendererRecovery;
  logger: Logger;
  /** Told once per run when closing hid the window, so the tray can say where it went. */
  onFirstHide(): void;
  /** Windows is ending the session (shutdown, restart, sign-out): quit now, without asking. */
  onSessionEnd(): void;
  /** The user picked "restart CareDesk" after the window kept crashing. */
  onRelaunchRequested(): void;
}

/**
 * Owns the one main window: closing hides it, a crashed or hung page reloads, and the tray, a new
 * call or a second start bring it back.
 */
export function createWindowController(deps: WindowControllerDeps) {
  const { guard, recovery, logger } = deps;
  const hint = createHideHint();
  let win: BrowserWindow | null = null;

  function attach(w: BrowserWindow) {
    w.on('close', (event) => {
      if (guard.windowClose() === 'close') return;
      event.preventDefault();
      w.hide();
      if (hint.next()) deps.onFirstHide();
    });
    // Windows only; emitted when the session really ends, after every program agreed to it.
    w.on('session-end', () => deps.onSessionEnd());

    let hangTimer: NodeJS.Timeout | null = null;
    w.on('unresponsive', () => {
      logger.warn('window unresponsive');
      hangTimer ??= setTimeout(() => {
        hangTimer = null;
        apply(w, recovery.hung());
      }, HANG_GRACE_MS);
    });
    w.on('responsive', () => {
      if (hangTimer) clearTimeout(hangTimer);
      hangTimer = null;
    });
    w.webContents.on('render-process-gone', (_event, details) => {
      if (guard.reason) return;
      apply(w, recovery.gone(details));
    });
    w.on('closed', () => {
      if (hangTimer) clearTimeout(hangTimer);
      if (win === w) win = null;
    });
  }

  function apply(w: BrowserWindow, outcome: ReturnType<RendererRecovery['gone']>) {
    if (w.isDestroyed()) return;
    if (outcome.action === 'none') return;
    if (outcome.kill) {
      // The crash that follows comes back through render-process-gone as an expected one and reloads.
      w.webContents.forcefullyCrashRenderer();
      return;
    }
    if (outcome.action === 'reload') {
      w.webContents.reload();
      return;
    }
    void dialog
      .showMessageBox({
        type: 'error',
        title: 'CareDesk 界面反复出错',
        message: 'CareDesk 的界面在 10 分钟内多次崩溃或无响应，已停止自动重新加载。',
        detail:
          '呼叫主机的串口仍在接收并记录呼叫，但界面不会显示和响铃。请选择重新加载界面或重启 CareDesk；' +
          '如果反复出现，请联系软件供应商。',
        buttons: ['重新加载界面', '重启 CareDesk'],
        defaultId: 0,
        noLink: true,
      })
      .then(({ response }) => {
        if (response === 1) return deps.onRelaunchRequested();
        recovery.reset();
        if (!w.isDestroyed()) w.webContents.reload();
      });
  }

  function ensure(hidden = false): BrowserWindow {
    if (win && !win.isDestroyed()) return win;
    win = createMainWindow({ hidden });
    attach(win);
    return win;
  }

  function show(): BrowserWindow {
    const w = ensure();
    if (w.isMinimized()) w.restore();
    if (!w.isVisible()) w.show();
    w.focus();
    return w;
  }

  return {
    /** The window, created (hidden) if it is missing, so a call can always bring one up. */
    ensure,
    show,
    /** Opens the window on the alarm board. */
    showCalls(): void {
      const w = show();
      // The renderer uses a hash router, so this moves within the page without reloading it.
      w.webContents
        .executeJavaScript(`location.hash = ${JSON.stringify('#' + CALLS_ROUTE)}`)
        .catch((error: unknown) => logger.warn('could not open the alarm board', { error: String(error) }));
    },
    isHidden(): boolean {
      return !win || win.isDestroyed() || !win.isVisible();
    },
  };
}

export type WindowController = ReturnType<typeof createWindowController>;
