import { describe, expect, it } from 'vitest';
import { latestSlot, nextSlot, slotsBetween, wallClock } from '../../../src-main/core/platform/slots';
import { intlStamp } from '../../support/zone';

const tz = 'Asia/Shanghai';
const at = (iso: string) => new Date(iso);

describe('job slots in the institution’s time zone', () => {
  it('finds the latest daily slot at local 02:00', () => {
    // 01:59 local on Dec 3 → the slot of Dec 2, 02:00 local (Dec 1, 18:00Z).
    expect(latestSlot({ every: 'day', at: '02:00' }, at('2026-12-02T17:59:00Z'), tz).toISOString()).toBe(
      '2026-12-01T18:00:00.000Z',
    );
    expect(latestSlot({ every: 'day', at: '02:00' }, at('2026-12-02T18:00:00Z'), tz).toISOString()).toBe(
      '2026-12-02T18:00:00.000Z',
    );
  });

  it('counts two-hour slots from local midnight', () => {
    // 09:30 local → 08:00 local = 00:00Z.
    expect(latestSlot({ every: 'hours', hours: 2 }, at('2026-12-03T01:30:00Z'), tz).toISOString()).toBe(
      '2026-12-03T00:00:00.000Z',
    );
    expect(nextSlot({ every: 'hours', hours: 2 }, at('2026-12-03T01:30:00Z'), tz).toISOString()).toBe(
      '2026-12-03T02:00:00.000Z',
    );
  });

  it('finds the next slot of an hourly or minutely schedule, across midnight, as a minute-by-minute walk does', () => {
    // The first minute whose latest slot lies after `after` is that slot.
    const walked = (schedule: Parameters<typeof nextSlot>[0], after: Date, zone: string) => {
      for (let t = after.getTime() + 60_000; ; t += 60_000) {
        const slot = latestSlot(schedule, new Date(t), zone);
        if (slot.getTime() > after.getTime()) return slot.toISOString();
      }
    };
    const schedules = [
      { every: 'minutes', minutes: 1 },
      { every: 'minutes', minutes: 25 },
      { every: 'hours', hours: 2 },
      { every: 'hours', hours: 7 },
    ] as const;
    // Around local midnight in Shanghai, and across New York's autumn clock change.
    const instants = [
      '2026-12-02T15:20:00Z',
      '2026-12-02T15:59:30Z',
      '2026-12-02T16:00:00Z',
      '2026-12-02T13:10:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:45:00Z',
    ];
    for (const zone of [tz, 'America/New_York'])
      for (const schedule of schedules)
        for (const iso of instants)
          expect(
            nextSlot(schedule, at(iso), zone).toISOString(),
            `${zone} ${JSON.stringify(schedule)} ${iso}`,
          ).toBe(walked(schedule, at(iso), zone));
  });

  it('clamps a monthly slot to the last day of a short month', () => {
    const schedule = { every: 'month', day: 31, at: '08:00' } as const;
    // In February 2027 the 31st is the 28th: 08:00 local = 00:00Z.
    expect(latestSlot(schedule, at('2027-03-10T00:00:00Z'), tz).toISOString()).toBe(
      '2027-02-28T00:00:00.000Z',
    );
    expect(nextSlot(schedule, at('2027-03-10T00:00:00Z'), tz).toISOString()).toBe('2027-03-31T00:00:00.000Z');
    // January's slot, before the month turns.
    expect(latestSlot(schedule, at('2027-02-27T00:00:00Z'), tz).toISOString()).toBe(
      '2027-01-31T00:00:00.000Z',
    );
  });

  it('counts the slots between two instants', () => {
    const daily = { every: 'day', at: '02:00' } as const;
    expect(slotsBetween(daily, at('2026-11-25T18:00:00Z'), at('2026-12-02T18:00:00Z'), tz)).toBe(7);
    expect(
      slotsBetween(
        { every: 'minutes', minutes: 15 },
        at('2026-12-01T00:00:00Z'),
        at('2026-12-01T02:00:00Z'),
        tz,
      ),
    ).toBe(8);
    expect(
      slotsBetween(
        { every: 'month', day: 1, at: '09:00' },
        at('2026-01-01T01:00:00Z'),
        at('2026-12-01T01:00:00Z'),
        tz,
      ),
    ).toBe(11);
  });

  it('handles a time zone with daylight saving', () => {
    // Berlin leaves summer time on 2026-10-25: 02:00 local is 00:00Z before and 01:00Z after.
    const daily = { every: 'day', at: '02:00' } as const;
    expect(latestSlot(daily, at('2026-10-24T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-24T00:00:00.000Z',
    );
    expect(latestSlot(daily, at('2026-10-26T12:00:00Z'), 'Europe/Berlin').toISOString()).toBe(
      '2026-10-26T01:00:00.000Z',
    );
  });
});

describe('wallClock', () => {
  const viaIntl = (at: Date, timeZone: string) => {
    const [year, month, day, hour, minute, second] = intlStamp(at.getTime(), timeZone)
      .split(/[- :]/)
      .map(Number);
    return { year, month, day, hour, minute, second };
  };

  it('agrees with Intl through a year and minute by minute across daylight-saving changes', () => {
    const check = (timeZone: string, from: number, to: number, step: number) => {
      for (let ms = from; ms < to; ms += step) {
        const at = new Date(ms);
        expect(wallClock(at, timeZone), `${timeZone} ${at.toISOString()}`).toEqual(viaIntl(at, timeZone));
      }
    };
    for (const timeZone of ['Asia/Shanghai', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu'])
      check(timeZone, Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 3_607_000);
    const hour = 3_600_000;
    // New York: 2026-03-08 02:00 → 03:00 (07:00Z) and 2026-11-01 02:00 → 01:00 (06:00Z).
    check('America/New_York', Date.UTC(2026, 2, 8, 6), Date.UTC(2026, 2, 8, 6) + 2 * hour, 61_000);
    check('America/New_York', Date.UTC(2026, 10, 1, 5), Date.UTC(2026, 10, 1, 5) + 2 * hour, 61_000);
    // Lord Howe moves by half an hour: 2026-04-05 02:00 → 01:30 (15:00Z the day before).
    check('Australia/Lord_Howe', Date.UTC(2026, 3, 4, 14), Date.UTC(2026, 3, 4, 14) + 2 * hour, 61_000);
  });
});
