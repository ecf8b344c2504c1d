import { describe, expect, it } from 'vitest';
import {
  confirmQuit,
  createHideHint,
  createQuitGuard,
  QUIT_QUESTION,
  ringingQuestion,
  type QuitQuestion,
} from '../../../src-main/electron/lifecycle';
import type { CallCounts } from '../../../src-main/electron/tray-state';

const none: CallCounts = { ringing: 0, escalated: 0, acknowledged: 0 };

describe('quit guard', () => {
  it('hides the window on close and asks on any quit until a reason is allowed', () => {
    const guard = createQuitGuard();
    expect(guard.windowClose()).toBe('hide');
    expect(guard.beforeQuit()).toBe('ask');
    expect(guard.reason).toBeNull();
  });

  it.each(['user', 'shutdown', 'update', 'fatal'] as const)(
    'lets a %s quit through without asking',
    (reason) => {
      const guard = createQuitGuard();
      guard.allow(reason);
      expect(guard.beforeQuit()).toBe('proceed');
      expect(guard.windowClose()).toBe('close');
      expect(guard.reason).toBe(reason);
    },
  );

  it('keeps the first reason and can be revoked when an update did not start', () => {
    const guard = createQuitGuard();
    guard.allow('update');
    guard.allow('shutdown');
    expect(guard.reason).toBe('update');
    guard.revoke();
    expect(guard.beforeQuit()).toBe('ask');
    expect(guard.windowClose()).toBe('hide');
  });

  it('gives the "still receiving calls" hint once per run', () => {
    const hint = createHideHint();
    expect([hint.next(), hint.next(), hint.next()]).toEqual([true, false, false]);
  });
});

describe('quit questions', () => {
  it('the first question says that calls stop', () => {
    expect(QUIT_QUESTION.detail).toContain('退出后将收不到呼叫');
    expect(QUIT_QUESTION.buttons).toEqual(['退出', '取消']);
  });

  it('asks again only while calls ring, and says how many and how many are overdue', () => {
    expect(ringingQuestion(none)).toBeNull();
    expect(ringingQuestion({ ringing: 0, escalated: 0, acknowledged: 4 })).toBeNull();
    const q = ringingQuestion({ ringing: 3, escalated: 1, acknowledged: 2 })!;
    expect(q.message).toBe('还有 3 条呼叫正在响铃，尚未确认，其中 1 条已超时。');
    expect(q.onStay).toBe('show-calls');
    expect(ringingQuestion({ ringing: 1, escalated: 0, acknowledged: 0 })!.message).toBe(
      '还有 1 条呼叫正在响铃，尚未确认。',
    );
  });

  function script(answers: boolean[]) {
    const asked: QuitQuestion[] = [];
    const stays: string[] = [];
    return {
      asked,
      stays,
      ask: async (q: QuitQuestion) => {
        asked.push(q);
        return answers.shift() ?? false;
      },
      onStay: (where: string) => stays.push(where),
    };
  }

  it('quits after one yes when nothing rings', async () => {
    const s = script([true]);
    expect(await confirmQuit(() => none, s.ask, s.onStay)).toBe(true);
    expect(s.asked).toEqual([QUIT_QUESTION]);
  });

  it('does not quit when the first question is declined, and does not ask the second', async () => {
    const s = script([false]);
    expect(await confirmQuit(() => ({ ringing: 2, escalated: 0, acknowledged: 0 }), s.ask, s.onStay)).toBe(
      false,
    );
    expect(s.asked).toHaveLength(1);
    expect(s.stays).toEqual(['nothing']);
  });

  it('with calls ringing, needs a second yes; declining it goes back to the calls', async () => {
    const ringing = () => ({ ringing: 2, escalated: 0, acknowledged: 0 });
    const yesNo = script([true, false]);
    expect(await confirmQuit(ringing, yesNo.ask, yesNo.onStay)).toBe(false);
    expect(yesNo.asked[1]!.message).toContain('2 条呼叫正在响铃');
    expect(yesNo.stays).toEqual(['show-calls']);

    const yesYes = script([true, true]);
    expect(await confirmQuit(ringing, yesYes.ask, yesYes.onStay)).toBe(true);
    expect(yesYes.asked).toHaveLength(2);
  });

  it('counts the calls after the first answer, so a call that rang meanwhile is asked about', async () => {
    let counts = none;
    const asked: QuitQuestion[] = [];
    const ok = await confirmQuit(
      () => counts,
      async (q) => {
        asked.push(q);
        counts = { ringing: 1, escalated: 0, acknowledged: 0 }; // a call rings while the dialog is open
        return asked.length === 1;
      },
      () => {},
    );
    expect(ok).toBe(false);
    expect(asked).toHaveLength(2);
  });
});
