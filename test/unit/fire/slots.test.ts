import { describe, expect, it } from 'vitest';
import { hazardSteps, isOverdue } from '../../../src-main/core/fire/hazards';
import {
  patrolWindows,
  periodWindows,
  startOfDay,
  statusOf,
  windowAt,
} from '../../../src-main/core/fire/slots';

const patrol = { every: 'slots', hours: 2, startAt: '00:00', nightFrom: '20:00', nightTo: '08:00' } as const;
const iso = (d: Date) => d.toISOString();
const day = (date: string, tz: string) => {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return patrolWindows(patrol, startOfDay(date, tz), startOfDay(next, tz), tz);
};

describe('patrol slots', () => {
  it('lays twelve two-hour slots on a Shanghai day, night from 20:00 to 08:00', () => {
    const slots = day('2026-12-01', 'Asia/Shanghai');
    expect(slots).toHaveLength(12);
    expect(iso(slots[0]!.start)).toBe('2026-11-30T16:00:00.000Z');
    expect(iso(slots[11]!.start)).toBe('2026-12-01T14:00:00.000Z');
    expect(iso(slots[11]!.end)).toBe('2026-12-01T16:00:00.000Z');
    // 00, 02, 04, 06 and 20, 22 are night; 08 … 18 are not.
    expect(slots.map((s) => s.night)).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
  });

  it('runs across midnight: the 22:00 slot ends at the next day’s 00:00', () => {
    const tz = 'Asia/Shanghai';
    const slots = patrolWindows(
      patrol,
      new Date('2026-12-31T21:00:00+08:00'),
      new Date('2027-01-01T03:00:00+08:00'),
      tz,
    );
    expect(slots.map((s) => [iso(s.start), iso(s.end)])).toEqual([
      ['2026-12-31T14:00:00.000Z', '2026-12-31T16:00:00.000Z'],
      ['2026-12-31T16:00:00.000Z', '2026-12-31T18:00:00.000Z'],
      ['2026-12-31T18:00:00.000Z', '2026-12-31T20:00:00.000Z'],
    ]);
    expect(iso(windowAt(patrol, new Date('2026-12-31T23:59:00+08:00'), tz)!.end)).toBe(
      '2026-12-31T16:00:00.000Z',
    );
  });

  it('keeps slots contiguous across daylight changes: 23 hours in spring, 25 in autumn', () => {
    const tz = 'America/New_York';
    for (const [date, hours] of [
      ['2026-03-08', 23],
      ['2026-11-01', 25],
      ['2026-06-01', 24],
    ] as const) {
      const slots = day(date, tz);
      const total = slots.reduce((sum, s) => sum + (s.end.getTime() - s.start.getTime()), 0);
      expect(total / 3_600_000).toBe(hours);
      slots.slice(1).forEach((s, i) => expect(s.start.getTime()).toBe(slots[i]!.end.getTime()));
    }
  });

  it('honours another interval and anchor: every 3 hours from 01:00', () => {
    const slots = patrolWindows(
      { ...patrol, hours: 3, startAt: '01:00' },
      startOfDay('2026-12-01', 'Asia/Shanghai'),
      startOfDay('2026-12-02', 'Asia/Shanghai'),
      'Asia/Shanghai',
    );
    expect(slots.map((s) => new Date(s.start.getTime() + 8 * 3_600_000).toISOString().slice(11, 16))).toEqual(
      ['01:00', '04:00', '07:00', '10:00', '13:00', '16:00', '19:00', '22:00'],
    );
    expect(iso(slots[7]!.end)).toBe('2026-12-01T17:00:00.000Z');
  });
});

describe('periods', () => {
  it('a month ends at the next month’s local midnight, February and December included', () => {
    const tz = 'Asia/Shanghai';
    const [feb] = periodWindows(
      'month',
      new Date('2027-02-10T00:00:00+08:00'),
      new Date('2027-02-11T00:00:00+08:00'),
      tz,
    );
    expect([iso(feb!.start), iso(feb!.end)]).toEqual([
      '2027-01-31T16:00:00.000Z',
      '2027-02-28T16:00:00.000Z',
    ]);
    const [dec] = periodWindows(
      'month',
      new Date('2026-12-31T23:00:00+08:00'),
      new Date('2026-12-31T23:30:00+08:00'),
      tz,
    );
    expect(iso(dec!.end)).toBe('2026-12-31T16:00:00.000Z');
    const [half] = periodWindows(
      'halfYear',
      new Date('2026-08-01T00:00:00+08:00'),
      new Date('2026-08-02T00:00:00+08:00'),
      tz,
    );
    expect([iso(half!.start), iso(half!.end)]).toEqual([
      '2026-06-30T16:00:00.000Z',
      '2026-12-31T16:00:00.000Z',
    ]);
  });
});

describe('slot status', () => {
  const w = {
    start: new Date('2026-12-01T20:00:00+08:00'),
    end: new Date('2026-12-01T22:00:00+08:00'),
    night: true,
  };
  const at = (s: string) => new Date(s);
  it('is upcoming, open, then missed without a record', () => {
    expect(statusOf(w, [], at('2026-12-01T19:59:00+08:00')).status).toBe('upcoming');
    expect(statusOf(w, [], at('2026-12-01T20:00:00+08:00')).status).toBe('open');
    expect(statusOf(w, [], at('2026-12-01T21:59:59+08:00')).status).toBe('open');
    expect(statusOf(w, [], at('2026-12-01T22:00:00+08:00')).status).toBe('missed');
  });
  it('is done for a record inside it and late for one after it ended; done wins', () => {
    const late = { id: 2, performedAt: at('2026-12-01T22:10:00+08:00') };
    const done = { id: 3, performedAt: at('2026-12-01T21:59:00+08:00') };
    expect(statusOf(w, [late], at('2026-12-02T00:00:00+08:00'))).toEqual({ status: 'late', recordId: 2 });
    expect(statusOf(w, [late, done], at('2026-12-02T00:00:00+08:00'))).toEqual({
      status: 'done',
      recordId: 3,
    });
  });
});

describe('hazard state machine', () => {
  it('assigns from reported, rectifies once assigned, verifies once rectified', () => {
    expect(hazardSteps.assign).toEqual(['reported', 'assigned']);
    expect(hazardSteps.rectify).toEqual(['assigned']);
    expect(hazardSteps.verify).toEqual(['rectified']);
  });
  it('is overdue only while waiting to be rectified past its deadline', () => {
    expect(isOverdue({ status: 'assigned', deadline: '2026-12-01' }, '2026-12-02')).toBe(true);
    expect(isOverdue({ status: 'assigned', deadline: '2026-12-02' }, '2026-12-02')).toBe(false);
    expect(isOverdue({ status: 'rectified', deadline: '2026-12-01' }, '2026-12-05')).toBe(false);
    expect(isOverdue({ status: 'closed', deadline: '2026-12-01' }, '2026-12-05')).toBe(false);
    expect(isOverdue({ status: 'reported', deadline: null }, '2026-12-05')).toBe(false);
  });
});
