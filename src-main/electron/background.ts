import { app, dialog, powerMonitor, powerSaveBlocker } from 'electron';
import type { Core } from '../core/app';
import { confirmQuit, HIDE_HINT, type QuitGuard } from './lifecycle';
import {
  createKeepAwake,
  HIDDEN_FLAG,
  syncLinuxAutostart,
  wantsKeepAwake,
  wantsStartAtLogin,
} from './login-item';
import type { WindowController } from './main-window';
import { createCallTray } from './tray';
import { countCalls, trayState, type CallCounts } from './tray-state';

export interface BackgroundDeps {
  core: Core;
  guard: QuitGuard;
  windows: WindowController;
  /** The system is shutting down: close the database and quit without asking. */
  onShutdown(): void;
}

// Removing a port emits no event; this catches such changes for the tray, login item and blocker.
const RESYNC_MS = 60_000;
const COALESCE_MS = 100;

/**
 * Everything that keeps CareDesk listening while nobody looks at it: the tray with the ringing
 * count, the quit questions, start at login, and keeping the OS from suspending the app.
 */
export function wireBackground({ core, guard, windows, onShutdown }: BackgroundDeps) {
  const { nurseCall, settings } = core.services;
  const { logger } = core;

  const counts = (): CallCounts => {
    try {
      return countCalls(nurseCall.calls.active());
    } catch (error) {
      // The database is closing: nothing can ring any more.
      logger.warn('could not count calls', { error: String(error) });
      return { ringing: 0, escalated: 0, acknowledged: 0 };
    }
  };

  let asking = false;
  async function askToQuit(): Promise<void> {
    if (asking || guard.reason) return;
    asking = true;
    try {
      const confirmed = await confirmQuit(
        counts,
        async (question) => {
          const { response } = await dialog.showMessageBox({
            type: 'warning',
            title: '退出 CareDesk',
            message: question.message,
            detail: question.detail,
            buttons: [...question.buttons],
            defaultId: 1,
            cancelId: 1,
            noLink: true,
          });
          return response === 0;
        },
        (where) => {
          if (where === 'show-calls') windows.showCalls();
        },
      );
      if (confirmed) {
        guard.allow('user');
        app.quit();
      }
    } finally {
      asking = false;
    }
  }

  const tray = createCallTray({
    open: () => windows.show(),
    showCalls: () => windows.showCalls(),
    quit: () => void askToQuit(),
  });
  const refreshTray = () => {
    try {
      tray.update(trayState(counts(), nurseCall.ports.status()));
    } catch (error) {
      logger.warn('could not refresh the tray', { error: String(error) });
    }
  };

  const keepAwake = createKeepAwake({
    start: () => powerSaveBlocker.start('prevent-app-suspension'),
    stop: (id) => powerSaveBlocker.stop(id),
  });
  let loginItem: boolean | null = null;
  function applyLoginItem(want: boolean) {
    if (want === loginItem) return;
    loginItem = want;
    // A development build must not put the bare Electron binary into the user's startup programs.
    if (!app.isPackaged) return;
    if (process.platform === 'linux') {
      syncLinuxAutostart({
        configDir: app.getPath('appData'),
        enabled: want,
        // An AppImage runs from a temporary mount; the file the user downloaded is in $APPIMAGE.
        exec: process.env.APPIMAGE ?? process.execPath,
        args: [HIDDEN_FLAG],
      });
    } else {
      app.setLoginItemSettings({ openAtLogin: want, args: [HIDDEN_FLAG] });
    }
    logger.info('start at login', { enabled: want });
  }
  function syncPorts() {
    try {
      const ports = nurseCall.portConfigs.list();
      keepAwake.set(wantsKeepAwake(ports));
      applyLoginItem(
        wantsStartAtLogin(settings.get('desktop.startAtLogin'), ports.filter((p) => p.enabled).length),
      );
    } catch (error) {
      logger.warn('could not apply the background settings', { error: String(error) });
    }
  }

  // Events arrive on the path that answers the serial controller, and in bursts: do the work once,
  // a moment later, instead of inside every emit.
  let trayDue = false;
  let portsDue = false;
  let timer: NodeJS.Timeout | null = null;
  const schedule = (tray: boolean, ports: boolean) => {
    trayDue ||= tray;
    portsDue ||= ports;
    timer ??= setTimeout(() => {
      timer = null;
      if (portsDue) syncPorts();
      if (trayDue) refreshTray();
      trayDue = portsDue = false;
    }, COALESCE_MS);
  };
  const unsubscribe = core.events.subscribe((event) => {
    const settingsChanged = event.name === 'system.changed' && event.payload.what === 'settings';
    const portChanged = event.name === 'nursecall.portStatus';
    if (event.name.startsWith('nursecall.') || settingsChanged)
      schedule(true, portChanged || settingsChanged);
  });
  const resync = setInterval(() => {
    refreshTray();
    syncPorts();
  }, RESYNC_MS);
  resync.unref();
  // Linux and macOS; Windows ends the session through the window's 'session-end'.
  powerMonitor.on('shutdown', onShutdown);
  refreshTray();
  syncPorts();

  return {
    askToQuit,
    /** Says once where the window went. */
    hintHidden(): void {
      tray.notify(HIDE_HINT.title, HIDE_HINT.body);
    },
    dispose(): void {
      unsubscribe();
      clearInterval(resync);
      powerMonitor.removeListener('shutdown', onShutdown);
      keepAwake.set(false);
      tray.destroy();
    },
  };
}

export type Background = ReturnType<typeof wireBackground>;
