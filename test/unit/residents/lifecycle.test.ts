import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  canPurge,
  canTransition,
  compareWaiting,
  residentActions,
  residentStatuses,
  retentionEndsOn,
  sortWaitingList,
  type ResidentAction,
  type ResidentStatus,
  type WaitingEntry,
} from '../../../src-main/shared/residents/lifecycle';

const allowed: [ResidentStatus, ResidentAction, ResidentStatus][] = [
  ['waiting', 'reserve', 'reserved'],
  ['waiting', 'admit', 'admitted'],
  ['waiting', 'archive', 'archived'],
  ['reserved', 'cancelReservation', 'waiting'],
  ['reserved', 'admit', 'admitted'],
  ['admitted', 'transfer', 'admitted'],
  ['admitted', 'startLeave', 'onLeave'],
  ['admitted', 'discharge', 'discharged'],
  ['onLeave', 'endLeave', 'admitted'],
  ['onLeave', 'discharge', 'discharged'],
  ['discharged', 'reserve', 'reserved'],
  ['discharged', 'admit', 'admitted'],
  ['discharged', 'archive', 'archived'],
  ['archived', 'purge', 'purged'],
];

describe('resident lifecycle', () => {
  it.each(allowed)('%s --%s--> %s', (from, action, to) => {
    expect(canTransition(from, action)).toEqual({ ok: true, to });
  });

  it('refuses every other pair with a Chinese reason', () => {
    const isAllowed = (s: ResidentStatus, a: ResidentAction) =>
      allowed.some(([f, act]) => f === s && act === a);
    let refused = 0;
    for (const status of residentStatuses) {
      for (const action of residentActions) {
        if (isAllowed(status, action)) continue;
        const r = canTransition(status, action);
        expect(r.ok).toBe(false);
        if (!r.ok) expect(r.reason).toMatch(/^[\u4e00-\u9fff]/);
        refused += 1;
      }
    }
    expect(refused).toBe(residentStatuses.length * residentActions.length - allowed.length);
  });

  it.each([
    ['admitted', 'admit', '不能重复办理入住'],
    ['onLeave', 'transfer', '请销假后再调换床位'],
    ['admitted', 'archive', '请先办理退住'],
    ['waiting', 'discharge', '尚未入住'],
    ['purged', 'admit', '档案已销毁'],
    ['admitted', 'purge', '不能销毁'],
  ] as [ResidentStatus, ResidentAction, string][])(
    'refuses %s + %s saying what to do',
    (from, action, text) => {
      const r = canTransition(from, action);
      expect(r.ok).toBe(false);
      expect(r.ok || r.reason).toContain(text);
    },
  );

  it('does not readmit a resident discharged because of death', () => {
    expect(canTransition('discharged', 'admit', { dischargeReason: 'death' })).toMatchObject({ ok: false });
    expect(canTransition('discharged', 'reserve', { dischargeReason: 'death' })).toMatchObject({ ok: false });
    expect(canTransition('discharged', 'archive', { dischargeReason: 'death' })).toMatchObject({ ok: true });
    expect(canTransition('discharged', 'admit', { dischargeReason: 'voluntary' })).toMatchObject({
      ok: true,
    });
  });

  it('offers the actions a status allows', () => {
    expect(availableActions('admitted')).toEqual(['transfer', 'startLeave', 'discharge']);
    expect(availableActions('onLeave')).toEqual(['endLeave', 'discharge']);
    expect(availableActions('purged')).toEqual([]);
  });
});

describe('purge and retention', () => {
  it('keeps archives five years after the service ends', () => {
    expect(retentionEndsOn('2021-06-30')).toBe('2026-06-30');
    expect(retentionEndsOn('2020-02-29')).toBe('2025-03-01');
    expect(retentionEndsOn('2020-02-29', 4)).toBe('2024-02-29');
  });

  it('refuses to purge before the retention period ends', () => {
    const r = canPurge({ status: 'archived', serviceEndedOn: '2022-01-10' }, '2026-11-25');
    expect(r).toEqual({ ok: false, reason: '档案须在服务协议终止后保存至少5年，2027-01-10 起才能销毁' });
    expect(canPurge({ status: 'archived', serviceEndedOn: '2022-01-10' }, '2027-01-10')).toEqual({
      ok: true,
      to: 'purged',
    });
  });

  it('lets a configured period and applicants who never moved in through, but only when archived', () => {
    expect(canPurge({ status: 'archived', serviceEndedOn: '2022-01-10' }, '2026-11-25', 3).ok).toBe(true);
    expect(canPurge({ status: 'archived', serviceEndedOn: null }, '2026-11-25').ok).toBe(true);
    expect(canPurge({ status: 'discharged', serviceEndedOn: '2010-01-01' }, '2026-11-25').ok).toBe(false);
  });
});

describe('waiting list', () => {
  const entries: WaitingEntry[] = [
    { id: 1, supportType: 'social', careCategory: 'selfCare', appliedOn: '2025-01-05' },
    { id: 2, supportType: 'social', careCategory: 'dependent', appliedOn: '2025-06-01' },
    { id: 3, supportType: 'extremePoverty', careCategory: 'selfCare', appliedOn: '2026-03-01' },
    { id: 4, supportType: 'social', careCategory: null, appliedOn: '2024-12-31' },
    { id: 5, supportType: 'minimumLiving', careCategory: 'dependent', appliedOn: '2025-06-01' },
    { id: 6, supportType: 'extremePoverty', careCategory: 'dependent', appliedOn: '2026-05-01' },
    { id: 7, supportType: 'social', careCategory: 'partlyDependent', appliedOn: '2025-01-05' },
  ];

  it('puts 特困 first, then 失能, then the earliest application', () => {
    expect(sortWaitingList(entries).map((e) => e.id)).toEqual([6, 3, 2, 5, 4, 1, 7]);
  });

  it('leaves the input alone', () => {
    const copy = [...entries];
    sortWaitingList(entries);
    expect(entries).toEqual(copy);
  });

  it('follows configured rules', () => {
    const byDate = sortWaitingList(entries, [{ kind: 'appliedOn' }]);
    expect(byDate.map((e) => e.id)).toEqual([4, 1, 7, 2, 5, 3, 6]);
    const byCare = sortWaitingList(entries, [
      { kind: 'careCategory', first: ['dependent', 'partlyDependent'] },
      { kind: 'supportType', first: ['extremePoverty', 'minimumLiving'] },
      { kind: 'appliedOn' },
    ]);
    expect(byCare.map((e) => e.id)).toEqual([6, 5, 2, 7, 3, 4, 1]);
  });

  it('always yields a permutation in comparator order', () => {
    const entryArb = fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      supportType: fc.constantFrom(
        'social',
        'extremePoverty',
        'minimumLiving',
        'lowIncome',
        'other' as const,
      ),
      careCategory: fc.constantFrom('selfCare', 'partlyDependent', 'dependent', null),
      appliedOn: fc
        .date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2026-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
    });
    fc.assert(
      fc.property(fc.uniqueArray(entryArb, { selector: (e) => e.id, maxLength: 40 }), (list) => {
        const sorted = sortWaitingList(list as WaitingEntry[]);
        expect([...sorted].map((e) => e.id).sort()).toEqual([...list].map((e) => e.id).sort());
        for (let i = 1; i < sorted.length; i += 1) {
          expect(compareWaiting(sorted[i - 1] as WaitingEntry, sorted[i] as WaitingEntry)).toBeLessThan(0);
        }
      }),
    );
  });
});
