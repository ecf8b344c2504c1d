import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../src-main/core/clock';
import { ADMIN } from '../../support/core';
import { setUp, type SetUp } from './support';

let t: SetUp | undefined;
afterEach(() => t?.close());

/** The folder name of a backup the daily job took at 02:30 Shanghai time on `date`. */
const folderOf = (date: string) =>
  `backup-${new Date(`${date}T02:30:00+08:00`).toISOString().replace(/[-:.]/g, '')}-daily`;

describe('backups: the daily job', () => {
  it('runs once a day on the clock and leaves 7 daily, 4 weekly and 12 monthly backups after 40 days', async () => {
    t = await setUp({ clock: new FakeClock('2026-11-01T02:30:00+08:00') });
    const start = Date.parse('2026-11-01T02:30:00+08:00');
    // A new installation starts the job at its next slot, so the first backup is the next night's.
    await t.core.scheduler.poke();
    expect(t.core.scheduler.list()[0]?.lastRunAt).toBeNull();
    for (let day = 1; day < 40; day += 1) {
      t.clock.set(new Date(start + day * 86_400_000));
      await t.core.scheduler.poke();
      // Later the same day nothing is due: one backup per day, not one per check.
      t.clock.advance(10 * 3_600_000);
      await t.core.scheduler.poke();
    }

    const onDisk = readdirSync(join(t.dir, 'backups')).sort();
    expect(onDisk).toEqual(
      [
        '2026-11-22',
        '2026-11-29',
        '2026-11-30',
        '2026-12-04',
        '2026-12-05',
        '2026-12-06',
        '2026-12-07',
        '2026-12-08',
        '2026-12-09',
        '2026-12-10',
      ].map(folderOf),
    );

    const token = await t.login(ADMIN.username, ADMIN.password);
    const { backups } = await t.call('backups.list', {}, token);
    expect(backups.map((b) => [b.fileName, b.keptAs])).toEqual([
      [folderOf('2026-12-10'), ['daily', 'weekly', 'monthly']],
      [folderOf('2026-12-09'), ['daily']],
      [folderOf('2026-12-08'), ['daily']],
      [folderOf('2026-12-07'), ['daily']],
      [folderOf('2026-12-06'), ['daily', 'weekly']],
      [folderOf('2026-12-05'), ['daily']],
      [folderOf('2026-12-04'), ['daily']],
      [folderOf('2026-11-30'), ['monthly']],
      [folderOf('2026-11-29'), ['weekly']],
      [folderOf('2026-11-22'), ['weekly']],
    ]);
    expect(backups.every((b) => b.verified && b.reason === 'daily')).toBe(true);
    const job = t.core.scheduler.list().find((j) => j.name === 'backups.daily')!;
    expect(job).toMatchObject({ lastError: null, schedule: '每天 02:00' });
    expect(job.nextRunAt).toBe(new Date('2026-12-11T02:00:00+08:00').toISOString());
  });

  it('catches up once after the computer was off, and follows a changed backup time', async () => {
    // A new installation starts the job at its next slot.
    t = await setUp({ clock: new FakeClock('2026-11-30T12:00:00+08:00') });
    await t.core.scheduler.poke();
    t.clock.set('2026-12-01T02:30:00+08:00');
    await t.core.scheduler.poke();
    // Off for three nights, back on at 09:00.
    t.clock.set('2026-12-04T09:00:00+08:00');
    await t.core.scheduler.poke();
    const token = await t.login(ADMIN.username, ADMIN.password);
    let list = (await t.call('backups.list', {}, token)).backups;
    expect(list.map((b) => b.createdAt)).toEqual([
      new Date('2026-12-04T09:00:00+08:00').toISOString(),
      new Date('2026-12-01T02:30:00+08:00').toISOString(),
    ]);

    await t.call('backups.configure', { dailyAt: '23:15' }, token);
    t.clock.set('2026-12-04T23:00:00+08:00');
    await t.core.scheduler.poke();
    t.clock.set('2026-12-04T23:20:00+08:00');
    await t.core.scheduler.poke();
    list = (await t.call('backups.list', {}, await t.login(ADMIN.username, ADMIN.password))).backups;
    expect(list[0]!.createdAt).toBe(new Date('2026-12-04T23:20:00+08:00').toISOString());
    expect(list.filter((b) => b.reason === 'daily')).toHaveLength(2);
  });
});
