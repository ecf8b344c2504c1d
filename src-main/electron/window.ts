import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, shell } from 'electron';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * A hardened main window: no Node in the page, no navigation away, no pop-ups. `hidden` keeps it in
 * the tray after a start at login; the page still loads, so a call can bring it up at once.
 */
export function createMainWindow(options: { hidden?: boolean } = {}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'CareDesk 养老机构管理',
    autoHideMenuBar: true,
    webPreferences: {
      preload: join(here, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // The alarm board's sound and waiting-time counters must keep running behind other windows.
      backgroundThrottling: false,
    },
  });
  if (!options.hidden) win.once('ready-to-show', () => win.show());
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Help links open in the user's browser; the app itself never opens a second page.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  win.webContents.session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(permission === 'notifications'),
  );
  if (process.env.ELECTRON_RENDERER_URL) void win.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void win.loadFile(join(here, '../renderer/index.html'));
  return win;
}
