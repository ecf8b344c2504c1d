import { afterEach, describe, expect, it, vi } from 'vitest';
import { todayLocal } from '../../../src-renderer/src/lib/dates';
import { observeServerTime, serverNow } from '../../../src-renderer/src/lib/server-clock';

describe('the server’s clock in the renderer', () => {
  afterEach(() => {
    vi.useRealTimers();
    observeServerTime(new Date().toISOString(), Date.now(), Date.now());
  });

  it('takes "today" from the server’s answers, halfway through the round trip', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00+08:00') });
    expect(todayLocal()).toBe('2026-12-03');
    const sent = Date.now();
    observeServerTime('2026-12-01T20:00:00+08:00', sent - 200, sent);
    expect(serverNow()).toBe(Date.parse('2026-12-01T20:00:00+08:00') + 100);
    expect(todayLocal()).toBe('2026-12-01');
  });

  it('ignores an answer without a usable time', () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T10:00:00+08:00') });
    observeServerTime(new Date().toISOString(), Date.now(), Date.now());
    observeServerTime(null, Date.now(), Date.now());
    observeServerTime('not a time', Date.now(), Date.now());
    expect(todayLocal()).toBe('2026-12-03');
  });
});
