import { describe, expect, it } from 'vitest';
import { isoWeek, rotation } from '../../../src-main/core/backups/rotation';
import type { BackupRow } from '../../../src-main/shared/contract/backups';

const TZ = 'Asia/Shanghai';

type B = Pick<BackupRow, 'id' | 'createdAt' | 'reason'>;
let nextId = 1;
/** A backup taken at a Shanghai wall-clock time. */
function at(local: string, reason: BackupRow['reason'] = 'daily'): B {
  return { id: nextId++, createdAt: new Date(`${local}+08:00`).toISOString(), reason };
}
function days(from: string, count: number, time = '02:00'): B[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) =>
    at(`${new Date(start + i * 86_400_000).toISOString().slice(0, 10)}T${time}:00`),
  );
}
/** The kept backups as `local date time → rules`, for readable expectations. */
function kept(backups: B[]): Record<string, string[]> {
  const map = rotation(backups, TZ);
  const label = (b: B) =>
    new Intl.DateTimeFormat('sv-SE', {
      timeZone: TZ,
      dateStyle: 'short',
      timeStyle: 'short',
    }).format(new Date(b.createdAt));
  return Object.fromEntries(
    backups.filter((b) => map.has(b.id)).map((b) => [`${label(b)} ${b.reason}`, map.get(b.id)!]),
  );
}

describe('isoWeek', () => {
  it('numbers weeks Monday to Sunday, the year being that of the week’s Thursday', () => {
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2025-12-29')).toBe('2026-W01');
    expect(isoWeek('2026-12-06')).toBe('2026-W49');
    expect(isoWeek('2026-12-07')).toBe('2026-W50');
    expect(isoWeek('2026-12-31')).toBe('2026-W53');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2027-01-04')).toBe('2027-W01');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
    expect(isoWeek('2021-01-03')).toBe('2020-W53');
  });
});

describe('rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly out of 40 days of daily backups', () => {
    // 2026-11-01 … 2026-12-10; 12-10 is a Thursday of ISO week 50 (12-07 … 12-13).
    expect(kept(days('2026-11-01', 40))).toEqual({
      '2026-11-22 02:00 daily': ['weekly'],
      '2026-11-29 02:00 daily': ['weekly'],
      '2026-11-30 02:00 daily': ['monthly'],
      '2026-12-04 02:00 daily': ['daily'],
      '2026-12-05 02:00 daily': ['daily'],
      '2026-12-06 02:00 daily': ['daily', 'weekly'],
      '2026-12-07 02:00 daily': ['daily'],
      '2026-12-08 02:00 daily': ['daily'],
      '2026-12-09 02:00 daily': ['daily'],
      '2026-12-10 02:00 daily': ['daily', 'weekly', 'monthly'],
    });
  });

  it('keeps 12 months, dropping the oldest two of fourteen monthly backups', () => {
    const monthly = Array.from({ length: 14 }, (_, i) => {
      const month = new Date(Date.UTC(2026, i, 15)).toISOString().slice(0, 10);
      return at(`${month}T02:00:00`);
    });
    const result = kept(monthly);
    expect(Object.keys(result)).toHaveLength(12);
    expect(result['2026-01-15 02:00 daily']).toBeUndefined();
    expect(result['2026-02-15 02:00 daily']).toBeUndefined();
    expect(result['2026-03-15 02:00 daily']).toEqual(['monthly']);
    // With gaps, "daily" means the 7 most recent days that have a backup.
    expect(result['2026-08-15 02:00 daily']).toEqual(['daily', 'monthly']);
    expect(result['2026-07-15 02:00 daily']).toEqual(['monthly']);
    expect(result['2026-11-15 02:00 daily']).toEqual(['daily', 'weekly', 'monthly']);
    expect(result['2027-02-15 02:00 daily']).toEqual(['daily', 'weekly', 'monthly']);
  });

  it('keeps the newest backup of a day and counts days in the institution’s time zone', () => {
    const early = at('2026-11-30T02:00:00');
    const noon = at('2026-11-30T12:00:00');
    const lateNight = at('2026-11-30T23:00:00'); // 15:00 UTC, still 11-30 in Shanghai
    const afterMidnight = at('2026-12-01T01:30:00'); // 2026-11-30T17:30Z: December in Shanghai
    expect(kept([early, noon, lateNight, afterMidnight])).toEqual({
      '2026-11-30 23:00 daily': ['daily', 'monthly'],
      '2026-12-01 01:30 daily': ['daily', 'weekly', 'monthly'],
    });
  });

  it('keeps the 3 newest manual backups even when a later backup on the same day supersedes them', () => {
    const manual = [8, 9, 10, 11].map((h) => at(`2026-12-02T${String(h).padStart(2, '0')}:00:00`, 'manual'));
    const daily = at('2026-12-02T23:00:00');
    const result = rotation([...manual, daily], TZ);
    expect(manual.map((m) => result.get(m.id))).toEqual([undefined, [], [], []]);
    expect(result.get(daily.id)).toEqual(['daily', 'weekly', 'monthly']);
  });

  it('keeps the 3 newest safety copies apart from the daily ones', () => {
    const daily = at('2026-12-01T02:00:00');
    const safety = [1, 2, 3, 4, 5].map((h) => at(`2026-12-01T1${h}:00:00`, 'safety'));
    const result = rotation([daily, ...safety], TZ);
    expect(result.get(daily.id)).toEqual(['daily', 'weekly', 'monthly']);
    expect(safety.map((s) => result.get(s.id))).toEqual([undefined, undefined, [], [], []]);
  });
});
