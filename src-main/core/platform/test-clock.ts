import { z } from 'zod';
import { proc, type ProcedureDef } from '../../shared/contract/define';
import type { Handler } from '../api/context';
import type { Clock } from '../clock';

/**
 * The headless server's clock under `--test-clock`: starts at a chosen instant, then runs at real
 * speed; `set` and `advance` jump it. Only the test server has it; the desktop app never does.
 */
export class TestClock implements Clock {
  private base: number;
  private startedAt = performance.now();

  constructor(start: Date | string) {
    this.base = new Date(start).getTime();
    if (Number.isNaN(this.base)) throw new Error(`not an instant: ${String(start)}`);
  }

  now(): Date {
    return new Date(this.base + Math.floor(performance.now() - this.startedAt));
  }

  set(at: Date | string): void {
    this.base = new Date(at).getTime();
    this.startedAt = performance.now();
  }

  advance(ms: number): void {
    this.base += ms;
  }
}

/** Only holders of every permission (the administrator) may move the clock. */
const ADMIN_ONLY = 'testing.clock';

const instant = z
  .string()
  .trim()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    {
      message: '请用带时区的时间，例如 2026-12-01T20:00:00+08:00',
    },
  );

export const testClockProcedures = {
  'testing.clock.set': proc<{ now: string }>()({
    input: z.object({ at: instant }),
    access: ADMIN_ONLY,
    write: false,
  }),
  'testing.clock.advance': proc<{ now: string }>()({
    input: z.object({
      minutes: z
        .number()
        .int()
        .min(1, '至少 1 分钟')
        .max(60 * 24 * 400, '一次最多 400 天'),
    }),
    access: ADMIN_ONLY,
    write: false,
  }),
} satisfies Record<string, ProcedureDef>;

/**
 * `testing.clock.*` handlers. `afterJump` lets the scheduler react as it would to time passing
 * (run what became due); the call answers once it has.
 */
export function testClockHandlers(clock: TestClock, afterJump: () => Promise<void>) {
  const jumped = async () => {
    await afterJump();
    return { now: clock.now().toISOString() };
  };
  return {
    'testing.clock.set': {
      prepare: async (input: { at: string }) => {
        clock.set(input.at);
        return jumped();
      },
      run: (_input: unknown, _ctx: unknown, out: { now: string }) => out,
    },
    'testing.clock.advance': {
      prepare: async (input: { minutes: number }) => {
        clock.advance(input.minutes * 60_000);
        return jumped();
      },
      run: (_input: unknown, _ctx: unknown, out: { now: string }) => out,
    },
  } as unknown as Record<string, Handler<never>>;
}
