import { join } from 'node:path';
import { app, dialog, Notification } from 'electron';
import electronUpdater from 'electron-updater';
import { createCore, type Core } from './core/app';
import { systemClock } from './core/clock';
import { createConsoleLogger } from './core/logger';
import { AppError } from './shared/errors';
import { wireCallAttention } from './electron/attention';
import { desktopAuditKey } from './electron/audit-key';
import { desktopRegulatorKey } from './electron/regulator-key';
import { wireBackground, type Background } from './electron/background';
import { createFatalHandler, createRendererRecovery } from './electron/crash-guard';
import { createFileLogger } from './electron/file-log';
import { registerIpc } from './electron/ipc';
import { createQuitGuard } from './electron/lifecycle';
import { startsHidden } from './electron/login-item';
import { createWindowController, type WindowController } from './electron/main-window';
import { dataPaths } from './electron/paths';
import { wireUpdater } from './electron/updater';
import { applyV8Options } from './core/v8-options';

applyV8Options();
const paths = dataPaths();
const logger = createFileLogger(createConsoleLogger('desktop'), join(paths.dir, 'logs', 'desktop.log'));
const guard = createQuitGuard();
let core: Core | null = null;
let windows: WindowController | null = null;
let background: Background | null = null;

/** Closes the database (and starts closing the ports) exactly once, whoever ends the app. */
function closeCore() {
  const closing = core;
  core = null;
  if (closing) void closing.close();
}

function relaunch(args = process.argv.slice(1)) {
  guard.allow('fatal');
  closeCore();
  app.relaunch({ args });
  app.exit(0);
}

/** Shutdown, sign-out or restart: no question, the database closed before the OS ends the process. */
function quitForShutdown() {
  guard.allow('shutdown');
  closeCore();
  app.quit();
}

const onFatal = createFatalHandler({
  dataDir: paths.dir,
  now: () => systemClock.now(),
  argv: process.argv.slice(1),
  windowHidden: () => windows?.isHidden() ?? startsHidden(process.argv),
  closeCore: () => {
    guard.allow('fatal');
    closeCore();
  },
  relaunch: (args) => app.relaunch({ args }),
  showGaveUp: (title, message) => dialog.showErrorBox(title, message),
  exit: (code) => app.exit(code),
  log: (message, fields) => logger.error(message, fields),
});
// Without this Electron shows its own error box and keeps running with a half-broken main process.
process.on('uncaughtException', (error) => onFatal(error));
process.on('unhandledRejection', (reason) =>
  logger.error('unhandled promise rejection', { error: String(reason) }),
);

if (!app.requestSingleInstanceLock()) {
  guard.allow('user');
  app.quit();
} else {
  // Starting CareDesk again (or it being started at login while already running) shows the window:
  // also the way back where the desktop has no tray area.
  app.on('second-instance', () => windows?.show());
  app.on('activate', () => windows?.show());

  app.whenReady().then(() => {
    try {
      core = createCore({
        dbPath: paths.database,
        backupDir: paths.backups,
        logger,
        auditKey: desktopAuditKey(paths.dir),
        moduleOptions: { regulator: { secretKey: desktopRegulatorKey(paths.dir) } },
        nurseCall: { autoStart: true },
        scheduler: { autoStart: true },
      });
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      dialog.showErrorBox('CareDesk 无法打开数据', `${message}\n\n数据位置：${paths.dir}`);
      guard.allow('fatal');
      app.quit();
      return;
    }
    const opened = core;
    registerIpc(opened);
    const recovery = createRendererRecovery({
      dataDir: paths.dir,
      now: () => opened.clock.now(),
      log: (message, fields) => logger.warn(message, fields),
    });
    const controller = createWindowController({
      guard,
      recovery,
      logger,
      onFirstHide: () => background?.hintHidden(),
      onSessionEnd: quitForShutdown,
      onRelaunchRequested: () => relaunch(),
    });
    windows = controller;
    controller.ensure(startsHidden(process.argv));
    // While quitting, a late call must not open a fresh window that holds the quit up.
    wireCallAttention(opened.events, () => (guard.reason ? null : controller.ensure()));
    background = wireBackground({ core: opened, guard, windows: controller, onShutdown: quitForShutdown });

    const updates = wireUpdater(electronUpdater.autoUpdater, logger, () => {
      if (!Notification.isSupported()) return;
      const notice = new Notification({
        title: 'CareDesk 新版本已下载',
        body: '点这里选择何时重启并安装。不点也不会自动安装。',
      });
      notice.on('click', async () => {
        const { response } = await dialog.showMessageBox({
          type: 'question',
          buttons: ['现在重启并安装', '稍后'],
          defaultId: 1,
          cancelId: 1,
          message: '现在重启 CareDesk 并安装新版本吗？',
          detail: '安装大约需要一分钟，期间收不到呼叫。请在没有老人呼叫、没有人正在办理业务时安装。',
        });
        if (response !== 0) return;
        // The user chose this moment: the installer quits the app without the quit questions.
        guard.allow('update');
        if (!updates.installNow()) guard.revoke();
      });
      notice.show();
    });
    void updates.configure(opened.services.settings.get('updater.feedUrl'));
    opened.events.subscribe((event) => {
      if (event.name === 'system.changed' && event.payload.what === 'settings') {
        void updates.configure(opened.services.settings.get('updater.feedUrl'));
      }
    });
  });

  app.on('before-quit', (event) => {
    // Before the tray exists there is nothing listening yet that a quit could cut off.
    if (guard.beforeQuit() === 'proceed' || !background) return;
    // The dock, a menu accelerator or anything else that did not ask first: ask now.
    event.preventDefault();
    void background.askToQuit();
  });
  // Linux ends the session with SIGTERM; a terminal's Ctrl+C is as deliberate as 退出.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, quitForShutdown);
  app.on('will-quit', () => {
    background?.dispose();
    closeCore();
  });
  // Closing the window hides it to the tray; the app ends only through the quit paths above.
  app.on('window-all-closed', () => {});
}
