import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  readRestarts,
  recentUnexpectedRestarts,
  recordRestart,
  RESTARTS_FILE,
  RESTARTS_KEPT,
} from '../../../src-main/core/system/restarts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'caredesk-restarts-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const at = (iso: string) => new Date(iso);

describe('restarts.json', () => {
  it('reads as empty when the file is missing, broken or not a list', () => {
    expect(readRestarts(dir)).toEqual([]);
    writeFileSync(join(dir, RESTARTS_FILE), '{"at": ');
    expect(readRestarts(dir)).toEqual([]);
    writeFileSync(join(dir, RESTARTS_FILE), '{"at": "2026-01-01T00:00:00.000Z"}');
    expect(readRestarts(dir)).toEqual([]);
  });

  it('appends entries as UTC ISO strings, oldest first, in the documented shape', () => {
    recordRestart(dir, { at: at('2026-03-01T19:12:00.000Z'), reason: 'main-crash', detail: 'TypeError: x' });
    recordRestart(dir, { at: at('2026-03-01T19:40:05.000Z'), reason: 'renderer-hang', detail: '无响应' });
    const onDisk = JSON.parse(readFileSync(join(dir, RESTARTS_FILE), 'utf8')) as unknown;
    expect(onDisk).toEqual([
      { at: '2026-03-01T19:12:00.000Z', reason: 'main-crash', detail: 'TypeError: x' },
      { at: '2026-03-01T19:40:05.000Z', reason: 'renderer-hang', detail: '无响应' },
    ]);
    // Written through a temporary file that is renamed, never left behind.
    expect(readdirSync(dir)).toEqual([RESTARTS_FILE]);
  });

  it(`keeps only the newest ${RESTARTS_KEPT}`, () => {
    for (let i = 0; i < RESTARTS_KEPT + 5; i += 1) {
      recordRestart(dir, {
        at: new Date(Date.UTC(2026, 0, 1, 0, i)),
        reason: 'renderer-crash',
        detail: `#${i}`,
      });
    }
    const list = readRestarts(dir);
    expect(list).toHaveLength(RESTARTS_KEPT);
    expect(list[0]!.detail).toBe('#5');
    expect(list.at(-1)!.detail).toBe(`#${RESTARTS_KEPT + 4}`);
  });

  it('skips single hand-broken entries instead of losing the whole list', () => {
    writeFileSync(
      join(dir, RESTARTS_FILE),
      JSON.stringify([
        { at: '2026-03-01T19:12:00.000Z', reason: 'main-crash', detail: 'ok' },
        { at: 'yesterday', reason: 'main-crash', detail: 'bad time' },
        { at: '2026-03-01T19:13:00.000Z', reason: 'power-cut', detail: 'unknown reason' },
      ]),
    );
    expect(readRestarts(dir).map((e) => e.detail)).toEqual(['ok']);
    recordRestart(dir, { at: at('2026-03-01T20:00:00.000Z'), reason: 'main-crash', detail: 'next' });
    expect(readRestarts(dir).map((e) => e.detail)).toEqual(['ok', 'next']);
  });

  it('creates the data folder if it does not exist yet', () => {
    const nested = join(dir, 'not', 'yet');
    recordRestart(nested, { at: at('2026-03-01T19:12:00.000Z'), reason: 'main-crash', detail: 'early' });
    expect(readRestarts(nested)).toHaveLength(1);
  });

  it('recentUnexpectedRestarts returns the entries at or after the given instant', () => {
    recordRestart(dir, { at: at('2026-03-01T10:00:00.000Z'), reason: 'main-crash', detail: 'old' });
    recordRestart(dir, { at: at('2026-03-02T19:12:00.000Z'), reason: 'main-crash', detail: 'edge' });
    recordRestart(dir, { at: at('2026-03-02T20:00:00.000Z'), reason: 'renderer-crash', detail: 'new' });
    expect(recentUnexpectedRestarts(dir, at('2026-03-02T19:12:00.000Z')).map((e) => e.detail)).toEqual([
      'edge',
      'new',
    ]);
    expect(recentUnexpectedRestarts(dir, at('2026-03-03T00:00:00.000Z'))).toEqual([]);
  });

  it('cuts very long details so one stack trace cannot bloat the file', () => {
    const entry = recordRestart(dir, {
      at: at('2026-03-01T10:00:00.000Z'),
      reason: 'main-crash',
      detail: 'x'.repeat(10_000),
    });
    expect(entry.detail.length).toBe(2000);
  });
});
