import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src-main/core/clock';
import { readRestarts, recentUnexpectedRestarts } from '../../../src-main/core/system/restarts';
import {
  createFatalHandler,
  createRendererRecovery,
  describeError,
  RELAUNCH_LIMIT,
  relaunchArgs,
  type FatalDeps,
} from '../../../src-main/electron/crash-guard';

let dir: string;
let clock: FakeClock;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-crash-'));
  clock = new FakeClock('2026-03-01T19:12:00.000Z');
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

/** One main-process life: the handler a fresh process would install, with recorded effects. */
function life(overrides: Partial<FatalDeps> = {}) {
  const effects: string[] = [];
  const deps: FatalDeps = {
    dataDir: dir,
    now: () => clock.now(),
    argv: ['out/main/index.js'],
    windowHidden: () => false,
    closeCore: () => effects.push('closeCore'),
    relaunch: (args) => effects.push(`relaunch ${args.join(' ')}`),
    showGaveUp: (title, message) => effects.push(`gaveUp ${title} | ${message.split('\n')[0]}`),
    exit: (code) => effects.push(`exit ${code}`),
    log: () => {},
    ...overrides,
  };
  return { handle: createFatalHandler(deps), effects };
}

describe('uncaught errors in the main process', () => {
  it('are recorded, close the core and relaunch the app', () => {
    const { handle, effects } = life();
    expect(handle(new TypeError('boom'))).toBe('relaunched');
    expect(effects).toEqual(['closeCore', 'relaunch out/main/index.js', 'exit 1']);
    const [entry] = readRestarts(dir);
    expect(entry).toMatchObject({ at: '2026-03-01T19:12:00.000Z', reason: 'main-crash' });
    expect(entry!.detail).toMatch(/^TypeError: boom\n\s+at /);
  });

  it(`relaunch at most ${RELAUNCH_LIMIT} times in 10 minutes, then explain and stop`, () => {
    const outcomes: string[] = [];
    for (let i = 0; i < RELAUNCH_LIMIT; i += 1) {
      outcomes.push(life().handle(new Error(`crash ${i}`)));
      clock.advance(2 * 60_000);
    }
    const fourth = life();
    outcomes.push(fourth.handle(new Error('crash 3')));
    expect(outcomes).toEqual(['relaunched', 'relaunched', 'relaunched', 'gave-up']);
    expect(fourth.effects).toEqual([
      'closeCore',
      'gaveUp CareDesk 反复出错，已停止自动重启 | CareDesk 在 10 分钟内已意外退出 4 次，为避免反复重启，这次没有自动重启。',
      'exit 1',
    ]);
    // Every crash is on record for the workbench, the last one included.
    expect(readRestarts(dir)).toHaveLength(4);

    // The crashes were at 0, 2, 4 and 6 minutes; at 12 only two fall in the last 10, so it relaunches.
    clock.advance(6 * 60_000);
    expect(life().handle(new Error('later'))).toBe('relaunched');
  });

  it('count only main-process crashes towards the limit', () => {
    const recovery = createRendererRecovery({ dataDir: dir, now: () => clock.now(), log: () => {} });
    for (let i = 0; i < 3; i += 1) recovery.gone({ reason: 'crashed', exitCode: 1 });
    expect(life().handle(new Error('main'))).toBe('relaunched');
  });

  it('relaunch hidden exactly when the window was hidden', () => {
    expect(life({ windowHidden: () => true, argv: ['app', '--hidden'] }).handle(new Error('x'))).toBe(
      'relaunched',
    );
    expect(relaunchArgs(['app'], true)).toEqual(['app', '--hidden']);
    expect(relaunchArgs(['app', '--hidden', '--x'], false)).toEqual(['app', '--x']);
    expect(relaunchArgs(['app', '--hidden'], true)).toEqual(['app', '--hidden']);
  });

  it('still relaunch when the data folder cannot be written or the core will not close', () => {
    writeFileSync(join(dir, 'restarts.json'), '[]');
    chmodSync(dir, 0o500);
    const logged: string[] = [];
    const { handle, effects } = life({
      closeCore: () => {
        throw new Error('already closed');
      },
      log: (m) => logged.push(m),
    });
    expect(handle(new Error('disk'))).toBe('relaunched');
    expect(effects).toEqual(['relaunch out/main/index.js', 'exit 1']);
    if (process.getuid?.() !== 0) expect(logged).toContain('could not record the restart');
  });

  it('handle a second error during the first only by logging it', () => {
    const logged: string[] = [];
    let handle: (e: unknown) => string = () => '';
    const effects: string[] = [];
    ({ handle } = life({
      relaunch: () => {
        effects.push('relaunch');
        expect(handle(new Error('while relaunching'))).toBe('already-handling');
      },
      log: (m) => logged.push(m),
    }));
    expect(handle(new Error('first'))).toBe('relaunched');
    expect(effects).toEqual(['relaunch']);
    expect(logged.filter((m) => m.startsWith('uncaught'))).toHaveLength(2);
    expect(readRestarts(dir)).toHaveLength(1);
  });

  it('describe non-Error throws too', () => {
    expect(describeError('plain string')).toBe('plain string');
    expect(describeError(Object.assign(new Error('no stack'), { stack: undefined }))).toBe('Error: no stack');
  });
});

describe('crashed and hung windows', () => {
  const recovery = () => createRendererRecovery({ dataDir: dir, now: () => clock.now(), log: () => {} });

  it('reload after a crash and record it for the workbench', () => {
    const r = recovery();
    const outcome = r.gone({ reason: 'crashed', exitCode: 139 });
    expect(outcome).toMatchObject({ action: 'reload', kill: false });
    expect(recentUnexpectedRestarts(dir, new Date(0))).toEqual([
      {
        at: '2026-03-01T19:12:00.000Z',
        reason: 'renderer-crash',
        detail: '界面进程退出：crashed（退出码 139）',
      },
    ]);
  });

  it('do nothing for a clean exit', () => {
    expect(recovery().gone({ reason: 'clean-exit', exitCode: 0 }).action).toBe('none');
    expect(readRestarts(dir)).toEqual([]);
  });

  it('kill a hung page, then reload it when it is gone, recording the hang once', () => {
    const r = recovery();
    expect(r.hung()).toMatchObject({ action: 'reload', kill: true });
    expect(r.gone({ reason: 'killed', exitCode: 9 })).toEqual({
      action: 'reload',
      kill: false,
      recorded: null,
    });
    expect(readRestarts(dir).map((e) => e.reason)).toEqual(['renderer-hang']);
    // The next crash is a crash again.
    expect(r.gone({ reason: 'oom', exitCode: 1 }).recorded?.reason).toBe('renderer-crash');
  });

  it('stop reloading a page that keeps crashing, until the user asks again', () => {
    const r = recovery();
    const actions = [];
    for (let i = 0; i < RELAUNCH_LIMIT + 1; i += 1) {
      actions.push(r.gone({ reason: 'crashed', exitCode: 1 }).action);
      clock.advance(60_000);
    }
    expect(actions).toEqual(['reload', 'reload', 'reload', 'give-up']);
    expect(r.hung()).toMatchObject({ action: 'give-up', kill: false });
    r.reset();
    expect(r.gone({ reason: 'crashed', exitCode: 1 }).action).toBe('reload');
    clock.advance(11 * 60_000);
    expect(r.gone({ reason: 'crashed', exitCode: 1 }).action).toBe('reload');
  });
});
