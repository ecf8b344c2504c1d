import { app, type BrowserWindow, dialog, Notification } from 'electron';
import electronUpdater from 'electron-updater';
import { createCore, type Core } from './core/app';
import { createConsoleLogger } from './core/logger';
import { AppError } from './shared/errors';
import { wireCallAttention } from './electron/attention';
import { registerIpc } from './electron/ipc';
import { dataPaths } from './electron/paths';
import { wireUpdater } from './electron/updater';
import { createMainWindow } from './electron/window';

const logger = createConsoleLogger('desktop');
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(() => {
    const paths = dataPaths();
    let core: Core;
    try {
      core = createCore({ dbPath: paths.database, backupDir: paths.backups, logger, nurseCall: { autoStart: true } });
    } catch (error) {
      const message = error instanceof AppError ? error.message : String(error);
      dialog.showErrorBox('CareDesk 无法打开数据', `${message}\n\n数据位置：${paths.dir}`);
      app.quit();
      return;
    }
    registerIpc(core);
    mainWindow = createMainWindow();
    mainWindow.on('closed', () => {
      mainWindow = null;
    });
    wireCallAttention(core.events, () => mainWindow);

    const updates = wireUpdater(electronUpdater.autoUpdater, logger, () => {
      if (Notification.isSupported()) {
        new Notification({ title: 'CareDesk 有新版本', body: '新版本已下载，下次启动时安装。' }).show();
      }
    });
    void updates.configure(core.services.settings.get('updater.feedUrl'));
    core.events.subscribe((event) => {
      if (event.name === 'system.changed' && event.payload.what === 'settings') {
        void updates.configure(core.services.settings.get('updater.feedUrl'));
      }
    });

    app.on('before-quit', () => core.close());
  });

  app.on('window-all-closed', () => app.quit());
}
