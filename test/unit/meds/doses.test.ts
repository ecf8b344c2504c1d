import { describe, expect, it } from 'vitest';
import {
  addDays,
  dosesOn,
  instantCache,
  openStatus,
  parseDoseId,
  type OrderTerms,
} from '../../../src-main/core/meds/doses';

const toInstant = instantCache('Asia/Shanghai');
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

const base: OrderTerms = {
  orderId: 7,
  startOn: '2026-12-01',
  stoppedAt: null,
  versions: [
    { version: 1, effectiveFrom: null, schedule: { times: ['20:00', '08:00'] }, endOn: null, doseE4: 10000 },
  ],
};

describe('dose generation', () => {
  it('gives each dose time of each day from the start date, in time order', () => {
    expect(dosesOn(base, '2026-11-30', toInstant)).toEqual([]);
    const day = dosesOn(base, '2026-12-01', toInstant);
    expect(day.map((d) => [d.doseId, d.dueAt])).toEqual([
      ['7@2026-12-01T08:00', at('2026-12-01T08:00:00')],
      ['7@2026-12-01T20:00', at('2026-12-01T20:00:00')],
    ]);
    expect(parseDoseId(day[0]!.doseId)).toEqual({ orderId: 7, date: '2026-12-01', time: '08:00' });
    // Across a month end, every day has its doses.
    let date = '2026-12-01';
    let count = 0;
    for (let i = 0; i < 45; i++, date = addDays(date, 1)) count += dosesOn(base, date, toInstant).length;
    expect(count).toBe(90);
  });

  it('a version governs from its effective time until the next; end date and stop bound the order', () => {
    const changed: OrderTerms = {
      ...base,
      versions: [
        ...base.versions,
        {
          version: 2,
          effectiveFrom: at('2026-12-03T12:00:00'),
          schedule: { times: ['09:00', '21:00'] },
          endOn: '2026-12-05',
          doseE4: 5000,
        },
      ],
    };
    expect(dosesOn(changed, '2026-12-03', toInstant).map((d) => [d.time, d.version, d.doseE4])).toEqual([
      ['08:00', 1, 10000],
      ['21:00', 2, 5000],
    ]);
    expect(dosesOn(changed, '2026-12-05', toInstant)).toHaveLength(2);
    expect(dosesOn(changed, '2026-12-06', toInstant)).toEqual([]);
    const stopped = { ...changed, stoppedAt: at('2026-12-04T09:00:00') };
    expect(dosesOn(stopped, '2026-12-04', toInstant)).toEqual([]);
    const stoppedLater = { ...changed, stoppedAt: at('2026-12-04T09:00:01') };
    expect(dosesOn(stoppedLater, '2026-12-04', toInstant).map((d) => d.time)).toEqual(['09:00']);
  });

  it('PRN versions have no scheduled doses', () => {
    const prn: OrderTerms = {
      ...base,
      versions: [
        {
          version: 1,
          effectiveFrom: null,
          schedule: { prn: { indication: '疼痛', minIntervalHours: 4, maxPerDay: 3 } },
          endOn: null,
          doseE4: 10000,
        },
      ],
    };
    expect(dosesOn(prn, '2026-12-02', toInstant)).toEqual([]);
  });

  it('window edges: due through the last instant of the window, missed after it', () => {
    const windowTo = at('2026-12-01T09:00:00');
    expect(openStatus(windowTo, new Date(windowTo))).toBe('due');
    expect(openStatus(windowTo, new Date(Date.parse(windowTo) + 1))).toBe('missed');
  });
});
