import { Menu, nativeImage, Notification, Tray, type NativeImage } from 'electron';
import { trayIconPng } from './tray-icon';
import type { TrayState } from './tray-state';

export interface TrayActions {
  open(): void;
  showCalls(): void;
  quit(): void;
}

// Linux status areas draw icons at 22–24 px; Windows' notification area at 16 px (32 at 200 %).
const BASE_SIZE = process.platform === 'linux' ? 24 : 16;

function iconFor(state: Pick<TrayState, 'tone' | 'badge'>): NativeImage {
  const image = nativeImage.createFromBuffer(trayIconPng(state, BASE_SIZE), { scaleFactor: 1 });
  image.addRepresentation({ scaleFactor: 2, buffer: trayIconPng(state, BASE_SIZE * 2) });
  return image;
}

/** The notification-area icon: the ringing count in red, and the menu 打开 CareDesk / 呼叫看板 / 退出. */
export function createCallTray(actions: TrayActions) {
  const tray = new Tray(iconFor({ tone: 'idle', badge: null }));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: '打开 CareDesk', click: () => actions.open() },
      { label: '呼叫看板', click: () => actions.showCalls() },
      { type: 'separator' },
      { label: '退出', click: () => actions.quit() },
    ]),
  );
  // Windows and some Linux trays: a left click opens the window, as chat clients do.
  tray.on('click', () => actions.open());
  let shown = '';

  return {
    update(state: TrayState): void {
      const key = `${state.tone}|${state.badge ?? ''}`;
      if (key !== shown) {
        tray.setImage(iconFor(state));
        shown = key;
      }
      tray.setToolTip(state.tooltip);
    },
    /** A short notice next to the tray: Windows' balloon, a desktop notification elsewhere. */
    notify(title: string, body: string): void {
      if (process.platform === 'win32') {
        tray.displayBalloon({ title, content: body, iconType: 'info', noSound: true });
      } else if (Notification.isSupported()) {
        new Notification({ title, body, silent: true }).show();
      }
    },
    destroy(): void {
      tray.destroy();
    },
  };
}

export type CallTray = ReturnType<typeof createCallTray>;
