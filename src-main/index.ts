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
      core = createCore({
        dbPath: paths.database,
        backupDir: paths.backups,
        logger,
        nurseCall: { autoStart: true },
      });
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
        if (response === 0) updates.installNow();
      });
      notice.show();
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
