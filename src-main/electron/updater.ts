import type { Logger } from '../core/logger';

/** The part of electron-updater's AppUpdater that CareDesk uses; a fake stands in for tests. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<unknown>;
  on(event: 'update-downloaded' | 'error', listener: (arg: unknown) => void): unknown;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdaterWiring {
  /** Applies the feed URL from settings; an empty URL switches updates off. */
  configure(feedUrl: string): Promise<'off' | 'checking'>;
  /** Only on the user's explicit request: closes the app, installs, and starts it again. */
  installNow(): boolean;
}

export function wireUpdater(updater: UpdaterLike, logger: Logger, onReady: () => void): UpdaterWiring {
  updater.autoDownload = true;
  // Do NOT auto-install on quit. On Windows, if the PC shuts down while the NSIS installer runs,
  // the installation is left half-done and the front desk cannot start the app the next morning.
  updater.autoInstallOnAppQuit = false;
  let downloaded = false;
  updater.on('update-downloaded', () => {
    downloaded = true;
    onReady();
  });
  updater.on('error', (error) => logger.warn('update check failed', { error: String(error) }));
  return {
    async configure(feedUrl) {
      if (!feedUrl) return 'off';
      updater.setFeedURL({ provider: 'generic', url: feedUrl });
      try {
        await updater.checkForUpdates();
      } catch (error) {
        logger.warn('update check failed', { error: String(error) });
      }
      return 'checking';
    },
    installNow() {
      if (!downloaded) return false;
      updater.quitAndInstall(false, true);
      return true;
    },
  };
}
