import { afterEach, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../../src-main/shared/events';
import { addUser } from '../../support/core';
import {
  admit,
  createResident,
  dischargeVoluntarily,
  recordAbility,
  setUp,
  type Facility,
  type SetUp,
} from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

/** 10:00 in Shanghai on `date`. */
function at(s: SetUp, date: string) {
  s.clock.set(`${date}T02:00:00.000Z`);
}

function history(s: SetUp, residentId: number) {
  return s.call('residents.careHistory', { residentId }, s.adminToken);
}

// Totals and what they give under the default settings: 90 自理 三级, 70 轻度失能 → 半失能 二级,
// 40 重度失能 → 失能 一级.
describe('residents.careHistory', () => {
  it('dates each assessment, hand-set grade and settings change, and discharge closes it', async () => {
    t = await setUp();
    const s = t;
    const { careHistory } = s.core.services.residents;
    at(s, '2026-11-01');
    const zhang = await createResident(s, '张桂兰');
    const li = await createResident(s, '李德胜');
    await admit(s, zhang.id, '301-1', '2026-11-01', 70);
    await admit(s, li.id, '301-2', '2026-11-01', 90);
    expect(await history(s, zhang.id)).toEqual([
      { category: 'partlyDependent', grade: '二级', from: '2026-11-01', to: null },
    ]);

    at(s, '2026-11-10');
    await s.call(
      'residents.setCareGrade',
      { id: zhang.id, grade: '一级', reason: '夜间需专人照护' },
      s.adminToken,
    );
    expect(await history(s, zhang.id)).toEqual([
      { category: 'partlyDependent', grade: '二级', from: '2026-11-01', to: '2026-11-10' },
      { category: 'partlyDependent', grade: '一级', from: '2026-11-10', to: null },
    ]);

    at(s, '2026-11-15');
    const events: EventEnvelope[] = [];
    s.core.events.subscribe((e) => events.push(e));
    await s.call(
      'residents.updateConfig',
      {
        careCategoryMapping: { mild: 'dependent' },
        categoryGrade: { selfCare: '二级', partlyDependent: '二级', dependent: '一级' },
      },
      s.adminToken,
    );
    expect(await history(s, zhang.id)).toEqual([
      { category: 'partlyDependent', grade: '二级', from: '2026-11-01', to: '2026-11-10' },
      { category: 'partlyDependent', grade: '一级', from: '2026-11-10', to: '2026-11-15' },
      { category: 'dependent', grade: '一级', from: '2026-11-15', to: null },
    ]);
    expect(await history(s, li.id)).toEqual([
      { category: 'selfCare', grade: '三级', from: '2026-11-01', to: '2026-11-15' },
      { category: 'selfCare', grade: '二级', from: '2026-11-15', to: null },
    ]);
    expect(
      events
        .filter((e) => e.name === 'residents.careHistoryChanged')
        .map((e) => e.payload)
        .sort((a, b) => (a as { residentId: number }).residentId - (b as { residentId: number }).residentId),
    ).toEqual([
      { residentId: zhang.id, from: '2026-11-15' },
      { residentId: li.id, from: '2026-11-15' },
    ]);
    // The current period agrees with the resident's record.
    const card = await s.call('residents.get', { id: zhang.id }, s.adminToken);
    expect([card.careCategory, card.careGrade]).toEqual(['dependent', '一级']);

    const grades = (id: number, days: string[]) => days.map((d) => careHistory.gradeOn(id, d));
    expect(
      grades(zhang.id, [
        '2026-10-31',
        '2026-11-01',
        '2026-11-09',
        '2026-11-10',
        '2026-11-14',
        '2026-11-15',
        '2026-11-30',
      ]),
    ).toEqual([null, '二级', '二级', '一级', '一级', '一级', '一级']);
    expect(grades(li.id, ['2026-11-14', '2026-11-15'])).toEqual(['三级', '二级']);
    expect(careHistory.categoryCountsOn('2026-10-31')).toEqual({
      selfCare: 0,
      partlyDependent: 0,
      dependent: 0,
      unassessed: 0,
    });
    expect(careHistory.categoryCountsOn('2026-11-14')).toEqual({
      selfCare: 1,
      partlyDependent: 1,
      dependent: 0,
      unassessed: 0,
    });
    expect(careHistory.categoryCountsOn('2026-11-15')).toEqual({
      selfCare: 1,
      partlyDependent: 0,
      dependent: 1,
      unassessed: 0,
    });
    expect(careHistory.historyBetween(zhang.id, '2026-11-12', '2026-11-18')).toEqual([
      { category: 'partlyDependent', grade: '一级', from: '2026-11-12', to: '2026-11-15' },
      { category: 'dependent', grade: '一级', from: '2026-11-15', to: '2026-11-18' },
    ]);

    at(s, '2026-11-25');
    await dischargeVoluntarily(s, zhang.id, '2026-11-20');
    expect((await history(s, zhang.id)).at(-1)).toEqual({
      category: 'dependent',
      grade: '一级',
      from: '2026-11-15',
      to: '2026-11-20',
    });
    // 算头不算尾: the discharge day is not in force.
    expect(grades(zhang.id, ['2026-11-19', '2026-11-20', '2026-11-25'])).toEqual(['一级', null, null]);
    expect(careHistory.categoryCountsOn('2026-11-20')).toEqual({
      selfCare: 1,
      partlyDependent: 0,
      dependent: 0,
      unassessed: 0,
    });
    expect(careHistory.historyBetween(zhang.id, '2026-11-01', '2026-12-01')).toHaveLength(3);

    // A later settings change leaves a discharged resident's past alone.
    await s.call('residents.updateConfig', { careCategoryMapping: { mild: 'selfCare' } }, s.adminToken);
    expect((await history(s, zhang.id)).at(-1)).toMatchObject({ category: 'dependent', to: '2026-11-20' });
    expect(careHistory.gradeOn(li.id, '2026-11-25')).toBe('二级');
  });

  it('puts a back-dated assessment in force from its date, up to a newer assessment', async () => {
    t = await setUp();
    const s = t;
    const wang = await createResident(s, '王秀英');
    await admit(s, wang.id, '301-1', '2026-11-01', 90);
    await recordAbility(s, wang.id, '2026-11-20', 40);
    expect(await history(s, wang.id)).toEqual([
      { category: 'selfCare', grade: '三级', from: '2026-11-01', to: '2026-11-20' },
      { category: 'dependent', grade: '一级', from: '2026-11-20', to: null },
    ]);
    const events: EventEnvelope[] = [];
    s.core.events.subscribe((e) => events.push(e));
    // Recorded today, done on 11-10: it fills 11-10 … 11-19; the 11-20 assessment stays in force.
    await recordAbility(s, wang.id, '2026-11-10', 70);
    expect(await history(s, wang.id)).toEqual([
      { category: 'selfCare', grade: '三级', from: '2026-11-01', to: '2026-11-10' },
      { category: 'partlyDependent', grade: '二级', from: '2026-11-10', to: '2026-11-20' },
      { category: 'dependent', grade: '一级', from: '2026-11-20', to: null },
    ]);
    expect((await s.call('residents.get', { id: wang.id }, s.adminToken)).careCategory).toBe('dependent');
    expect(events.find((e) => e.name === 'residents.careHistoryChanged')?.payload).toEqual({
      residentId: wang.id,
      from: '2026-11-10',
    });
    // Done before admission and before the assessment the admission rested on: nothing in force changes.
    await recordAbility(s, wang.id, '2026-10-28', 40);
    expect(await history(s, wang.id)).toHaveLength(3);
    // A second assessment on the same day as an existing one replaces it from that day.
    await recordAbility(s, wang.id, '2026-11-20', 90);
    expect((await history(s, wang.id)).slice(1)).toEqual([
      { category: 'partlyDependent', grade: '二级', from: '2026-11-10', to: '2026-11-20' },
      { category: 'selfCare', grade: '三级', from: '2026-11-20', to: null },
    ]);
  });

  it('derives a back-dated period under the settings in force then, not the new ones', async () => {
    t = await setUp();
    const s = t;
    at(s, '2026-11-01');
    const zhao = await createResident(s, '赵淑芬');
    await admit(s, zhao.id, '301-1', '2026-11-01', 90);
    at(s, '2026-11-15');
    await s.call('residents.updateConfig', { careCategoryMapping: { mild: 'dependent' } }, s.adminToken);
    // Nothing 赵 is billed at changed: the periods read as one.
    expect(await history(s, zhao.id)).toEqual([
      { category: 'selfCare', grade: '三级', from: '2026-11-01', to: null },
    ]);
    at(s, '2026-11-25');
    await recordAbility(s, zhao.id, '2026-11-05', 70);
    expect(await history(s, zhao.id)).toEqual([
      { category: 'selfCare', grade: '三级', from: '2026-11-01', to: '2026-11-05' },
      { category: 'partlyDependent', grade: '二级', from: '2026-11-05', to: '2026-11-15' },
      { category: 'dependent', grade: '一级', from: '2026-11-15', to: null },
    ]);
  });

  it('keeps no period between stays and reopens on readmission', async () => {
    t = await setUp();
    const s = t;
    const { careHistory } = s.core.services.residents;
    const sun = await createResident(s, '孙玉兰');
    await admit(s, sun.id, '301-1', '2026-11-01', 70);
    await dischargeVoluntarily(s, sun.id, '2026-11-10');
    await s.call(
      'residents.admit',
      { id: sun.id, bedId: s.beds.get('302-1')!, admittedOn: '2026-11-20' },
      s.adminToken,
    );
    expect(await history(s, sun.id)).toEqual([
      { category: 'partlyDependent', grade: '二级', from: '2026-11-01', to: '2026-11-10' },
      { category: 'partlyDependent', grade: '二级', from: '2026-11-20', to: null },
    ]);
    expect(careHistory.gradeOn(sun.id, '2026-11-15')).toBeNull();
    expect(careHistory.categoryCountsOn('2026-11-15').partlyDependent).toBe(0);
    expect(careHistory.categoryCountsOn('2026-11-20').partlyDependent).toBe(1);
  });

  it('joins a grade set and taken back the same day, and has no history before admission', async () => {
    t = await setUp();
    const s = t;
    const zhou = await createResident(s, '周桂芝');
    await recordAbility(s, zhou.id, '2026-11-20', 40);
    expect(await history(s, zhou.id)).toEqual([]);
    await admit(s, zhou.id, '301-1', '2026-11-22', 40);
    await s.call('residents.setCareGrade', { id: zhou.id, grade: '特级', reason: '鼻饲' }, s.adminToken);
    await s.call('residents.setCareGrade', { id: zhou.id, grade: null, reason: '恢复' }, s.adminToken);
    expect(await history(s, zhou.id)).toEqual([
      { category: 'dependent', grade: '一级', from: '2026-11-22', to: null },
    ]);
    // Settings changed and put back the same day leave nothing behind either.
    const grades = (dependent: string) => ({ selfCare: '三级', partlyDependent: '二级', dependent });
    await s.call('residents.updateConfig', { categoryGrade: grades('特级') }, s.adminToken);
    expect((await history(s, zhou.id)).map((p) => p.grade)).toEqual(['一级', '特级']);
    await s.call('residents.updateConfig', { categoryGrade: grades('一级') }, s.adminToken);
    // Stored as one period too, not only shown as one.
    const stored = s.core.sql.db
      .prepare('SELECT from_on, to_on, grade_override FROM care_history WHERE resident_id = ?')
      .all(zhou.id);
    expect(stored).toEqual([{ from_on: '2026-11-22', to_on: null, grade_override: null }]);
  });

  it('is readable with residents.read and refuses an unknown resident', async () => {
    t = await setUp();
    const s = t;
    const r = await createResident(s, '吴淑华');
    await admit(s, r.id, '301-1', '2026-11-01', 70);
    const caregiver = await addUser(s, 'hugong', ['caregiver']);
    expect(await s.call('residents.careHistory', { residentId: r.id }, caregiver)).toHaveLength(1);
    expect((await s.fail('residents.careHistory', { residentId: 9999 }, s.adminToken)).code).toBe(
      'NOT_FOUND',
    );
  });
});
