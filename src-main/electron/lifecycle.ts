import type { CallCounts } from './tray-state';

/**
 * When CareDesk may end. Closing the window only hides it: the serial ports stay open and calls keep
 * ringing. The app ends when the user chose 退出 and confirmed, when the system shuts down or logs
 * off, when an update installs, or after a fatal error. Plain logic, tested in Node; index.ts and
 * background.ts connect it to Electron's events.
 */

export type QuitReason = 'user' | 'shutdown' | 'update' | 'fatal';

export interface QuitGuard {
  /** Lets the next quit through: the user confirmed, or the system or the updater is ending us. */
  allow(reason: QuitReason): void;
  /** The quit did not happen after all (an update that was not downloaded). */
  revoke(): void;
  /** Why the app is ending, or null while it is not. */
  readonly reason: QuitReason | null;
  /** Electron's `before-quit`: anything not allowed first (Ctrl+Q, the dock) must ask instead. */
  beforeQuit(): 'proceed' | 'ask';
  /** The main window's `close`: hide it to the tray unless the app is ending. */
  windowClose(): 'hide' | 'close';
}

export function createQuitGuard(): QuitGuard {
  let reason: QuitReason | null = null;
  return {
    allow(r) {
      // A shutdown that arrives while an update is installing stays an update: either way, no question.
      reason ??= r;
    },
    revoke() {
      reason = null;
    },
    get reason() {
      return reason;
    },
    beforeQuit: () => (reason ? 'proceed' : 'ask'),
    windowClose: () => (reason ? 'close' : 'hide'),
  };
}

/** Whether the hint "CareDesk 仍在后台接收呼叫" goes with this hide: once per run, not every time. */
export function createHideHint() {
  let shown = false;
  return {
    next(): boolean {
      if (shown) return false;
      shown = true;
      return true;
    },
  };
}

export const HIDE_HINT = {
  title: 'CareDesk 仍在后台接收呼叫',
  body: '窗口已隐藏到任务栏右下角的通知区域，呼叫来时会自动弹出。要完全退出，请右键点图标选“退出”。',
} as const;

export interface QuitQuestion {
  message: string;
  detail: string;
  /** Button labels: the first quits, the second keeps CareDesk running (and is the default). */
  buttons: readonly [quit: string, stay: string];
  /** Where "stay" leads: back to the calls when they are the reason to stay. */
  onStay: 'nothing' | 'show-calls';
}

/** The first question, always asked: it says what quitting costs. */
export const QUIT_QUESTION: QuitQuestion = {
  message: '退出 CareDesk 吗？',
  detail:
    '退出后将收不到呼叫：呼叫主机的串口会关闭，直到再次打开 CareDesk。\n' +
    '只想关掉窗口时请点窗口右上角的 ×，CareDesk 会留在通知区域继续接收呼叫。',
  buttons: ['退出', '取消'],
  onStay: 'nothing',
};

/** The second question, only while calls ring: how many, and that nobody will be reminded. */
export function ringingQuestion(counts: CallCounts): QuitQuestion | null {
  if (counts.ringing === 0) return null;
  const overdue = counts.escalated > 0 ? `，其中 ${counts.escalated} 条已超时` : '';
  return {
    message: `还有 ${counts.ringing} 条呼叫正在响铃，尚未确认${overdue}。`,
    detail:
      '退出后这些呼叫不会再在本机响铃，新的呼叫也收不到。\n' +
      '请先在呼叫看板上确认，或确定已有人前往处理。仍要退出吗？',
    buttons: ['仍要退出', '返回呼叫看板'],
    onStay: 'show-calls',
  };
}

/**
 * Asks the quit questions in turn and resolves true only if every one was answered "quit". The
 * calls are counted after the first answer, so a call that rang while the first question was open
 * is not missed.
 */
export async function confirmQuit(
  counts: () => CallCounts,
  ask: (question: QuitQuestion) => Promise<boolean>,
  onStay: (where: QuitQuestion['onStay']) => void,
): Promise<boolean> {
  if (!(await ask(QUIT_QUESTION))) {
    onStay(QUIT_QUESTION.onStay);
    return false;
  }
  const second = ringingQuestion(counts());
  if (second && !(await ask(second))) {
    onStay(second.onStay);
    return false;
  }
  return true;
}
