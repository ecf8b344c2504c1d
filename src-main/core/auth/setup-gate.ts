import { randomInt } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { CallClient } from '../api/context';
import type { Logger } from '../logger';

/** Wrong codes tolerated before the code is replaced, so guessing one code online is hopeless. */
const MAX_WRONG_CODES = 10;

function newCode(): string {
  const digits = Array.from({ length: 12 }, () => String(randomInt(10))).join('');
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8)}`;
}

const normalise = (code: string) => code.replace(/[\s-]/g, '');

/**
 * Who may set up an empty installation (create the administrator, fill in demo data). Whoever does
 * it first owns the institution, so on a LAN server a stranger must not get there first: the call
 * has to come from this computer itself, or carry the one-time code printed on the server console.
 */
export function createSetupGate(options: { logger: Logger; setupRequired: () => boolean }) {
  let code: string | null = null;
  let wrong = 0;

  const current = () => {
    if (!options.setupRequired()) return null;
    code ??= newCode();
    return code;
  };

  return {
    /** The code to print at start, or null once set up. */
    current,

    /** In-process callers (no transport) are this computer too. */
    needsCode(client: CallClient | undefined): boolean {
      return client !== undefined && !client.local;
    },

    /** Throws unless the caller may set up this installation. */
    check(client: CallClient | undefined, given: string | undefined, field: string): void {
      if (!this.needsCode(client)) return;
      const expected = current();
      if (expected === null) return; // The procedure itself reports "already set up".
      if (given !== undefined && normalise(given) === normalise(expected)) return;
      if (given !== undefined && ++wrong >= MAX_WRONG_CODES) {
        wrong = 0;
        code = newCode();
        options.logger.warn(
          `安装码输错 ${MAX_WRONG_CODES} 次，已作废并换成新码 / setup code replaced after wrong attempts: ${code}`,
        );
      }
      const message =
        given === undefined
          ? '首次设置只能在安装 CareDesk 的这台电脑上进行；在其他电脑上设置，请填写服务器窗口里显示的安装码。'
          : '安装码不正确。请看运行 CareDesk 服务的电脑窗口里显示的 12 位安装码，重新填写。';
      throw new AppError('FORBIDDEN', message, { fieldErrors: [{ path: field, message }] });
    },
  };
}

export type SetupGate = ReturnType<typeof createSetupGate>;
