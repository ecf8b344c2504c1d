import type { BackupRow } from '../../shared/contract/backups';
import { localDate } from '../clock';

/**
 * How many of each the rotation keeps. Safety copies (taken before a restore) and manual backups
 * (taken before something risky, say a big import) are also kept by count, so a second backup on
 * the same day never removes the one taken just before.
 */
export const KEEP = { daily: 7, weekly: 4, monthly: 12, safety: 3, manual: 3 } as const;

export type KeptAs = BackupRow['keptAs'][number];

/** ISO week (`2026-W49`) of a local date `YYYY-MM-DD`; the year is the ISO week-numbering year. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  // The Thursday of the same Monday–Sunday week decides the year and the week number.
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 3);
  const year = d.getUTCFullYear();
  const week = 1 + Math.floor((d.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/**
 * Which backups the rotation keeps, and as what: the newest backup of each of the 7 most recent
 * local days that have one, of the 4 most recent ISO weeks and of the 12 most recent months (so a
 * computer that was off for a fortnight still keeps 7 daily copies); besides, the 3 newest safety
 * copies and the 3 newest manual backups.
 * Days, weeks and months are the institution's local ones. Pure, for tests.
 */
export function rotation(
  backups: ReadonlyArray<Pick<BackupRow, 'id' | 'createdAt' | 'reason'>>,
  timeZone: string,
): Map<number, KeptAs[]> {
  const kept = new Map<number, KeptAs[]>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id);
  const regular = newestFirst
    .filter((b) => b.reason !== 'safety')
    .map((b) => ({ id: b.id, day: localDate(new Date(b.createdAt), timeZone) }));
  const rules: Array<[KeptAs, number, (day: string) => string]> = [
    ['daily', KEEP.daily, (day) => day],
    ['weekly', KEEP.weekly, isoWeek],
    ['monthly', KEEP.monthly, (day) => day.slice(0, 7)],
  ];
  for (const [rule, count, bucketOf] of rules) {
    const seen = new Set<string>();
    for (const b of regular) {
      const bucket = bucketOf(b.day);
      if (seen.has(bucket)) continue;
      if (seen.size >= count) break;
      seen.add(bucket);
      kept.set(b.id, [...(kept.get(b.id) ?? []), rule]);
    }
  }
  for (const reason of ['safety', 'manual'] as const) {
    newestFirst
      .filter((b) => b.reason === reason)
      .slice(0, KEEP[reason])
      .forEach((b) => kept.set(b.id, kept.get(b.id) ?? []));
  }
  return kept;
}
