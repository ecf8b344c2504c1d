import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SettingsValues } from '../shared/contract/system';

/**
 * Starting with the computer, and staying awake while listening. Plain logic and files, tested in
 * Node; background.ts applies the results through Electron.
 */

/** Given to the app when the system starts it at login: it opens the ports and stays in the tray. */
export const HIDDEN_FLAG = '--hidden';

export function startsHidden(argv: readonly string[]): boolean {
  return argv.includes(HIDDEN_FLAG);
}

/** The `desktop.startAtLogin` setting: `auto` follows whether a nurse-call port is enabled. */
export type StartAtLogin = SettingsValues['desktop.startAtLogin'];

/**
 * A PC that answers nurse calls must be listening after a power cut or an overnight update reboot,
 * without anyone signing in to CareDesk; a PC without a nurse-call port has no reason to start it.
 */
export function wantsStartAtLogin(setting: StartAtLogin, enabledPorts: number): boolean {
  if (setting === 'on') return true;
  if (setting === 'off') return false;
  return enabledPorts > 0;
}

/** While a port is enabled the OS must not suspend the app (App Nap, background throttling). */
export function wantsKeepAwake(ports: ReadonlyArray<{ enabled: boolean }>): boolean {
  return ports.some((p) => p.enabled);
}

/**
 * Starts and stops one blocker to follow the wanted state; repeated calls with the same answer do
 * nothing, so it can run on every port or settings event.
 */
export function createKeepAwake(blocker: { start(): number; stop(id: number): void }) {
  let id: number | null = null;
  return {
    set(want: boolean): 'started' | 'stopped' | 'unchanged' {
      if (want && id === null) {
        id = blocker.start();
        return 'started';
      }
      if (!want && id !== null) {
        blocker.stop(id);
        id = null;
        return 'stopped';
      }
      return 'unchanged';
    },
    get active(): boolean {
      return id !== null;
    },
  };
}

/**
 * Quotes one argument of a desktop entry's Exec key (Desktop Entry Specification, "The Exec key"):
 * arguments with reserved characters go in double quotes, with `"`, `` ` ``, `$` and `\` escaped.
 * The spec's general escape rules then double every backslash once more.
 */
export function quoteExecArg(arg: string): string {
  const escaped = /[\s"'\\><~|&;$*?#()`]/.test(arg) ? `"${arg.replace(/(["`$\\])/g, '\\$1')}"` : arg;
  return escaped.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export const AUTOSTART_FILE = 'caredesk.desktop';

export function autostartEntry(exec: string, args: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=CareDesk',
    'Comment=开机后在后台接收呼叫',
    `Exec=${[exec, ...args].map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Linux has no `app.setLoginItemSettings`: desktops start what `~/.config/autostart` lists
 * (XDG Autostart). Writes or removes CareDesk's entry there; leaves an identical file alone.
 */
export function syncLinuxAutostart(options: {
  configDir: string;
  enabled: boolean;
  exec: string;
  args: readonly string[];
}): 'written' | 'removed' | 'unchanged' {
  const dir = join(options.configDir, 'autostart');
  const file = join(dir, AUTOSTART_FILE);
  if (!options.enabled) {
    if (!existsSync(file)) return 'unchanged';
    rmSync(file, { force: true });
    return 'removed';
  }
  const content = autostartEntry(options.exec, options.args);
  if (existsSync(file) && readFileSync(file, 'utf8') === content) return 'unchanged';
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, content, 'utf8');
  return 'written';
}
