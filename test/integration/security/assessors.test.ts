import { afterEach, describe, expect, it } from 'vitest';
import { addUser } from '../../support/core';
import {
  abilityInput,
  createResident,
  risksInput,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from '../residents/support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

async function idOf(s: SetUp, username: string): Promise<number> {
  return (await s.call('users.list', {}, s.adminToken)).find((u) => u.username === username)!.id;
}

async function staff() {
  t = await setUp();
  const nurse = await addUser(t, 'nurse1', ['nurse']);
  await addUser(t, 'head1', ['headNurse']);
  await addUser(t, 'fin1', ['finance']);
  await addUser(t, 'gone1', ['headNurse']);
  const ids = {
    nurse: await idOf(t, 'nurse1'),
    head: await idOf(t, 'head1'),
    finance: await idOf(t, 'fin1'),
    gone: await idOf(t, 'gone1'),
  };
  await t.call('users.update', { id: ids.gone, disabled: true }, t.adminToken);
  const resident = await createResident(t, '张桂兰');
  return { s: t, nurse, ids, residentId: resident.id };
}

describe('who may be named as assessor', () => {
  it('only active users allowed to assess, and the recorder must be one of them', async () => {
    const { s, nurse, ids, residentId } = await staff();
    const refused = async (assessorIds: number[]) => {
      const ability = await s.fail(
        'assessments.recordAbility',
        abilityInput(residentId, TODAY, 60, assessorIds),
        nurse,
      );
      const risks = await s.fail(
        'assessments.recordRisks',
        risksInput(residentId, TODAY, assessorIds),
        nurse,
      );
      expect(ability.details?.fieldErrors?.[0]?.path).toBe('assessorIds');
      expect(risks.details?.fieldErrors?.[0]?.path).toBe('assessorIds');
      return ability.message;
    };
    expect(await refused([ids.nurse, ids.finance])).toContain('没有录入评估的权限');
    expect(await refused([ids.nurse, ids.gone])).toContain('已停用');
    // The probe's case: a nurse signing an assessment with the head nurse's name only.
    expect(await refused([ids.head])).toContain('录入评估的人必须是评估人员之一');
    expect(await refused([ids.nurse, 99_999])).toContain('不存在');

    const row = await s.call(
      'assessments.recordAbility',
      abilityInput(residentId, TODAY, 60, [ids.nurse, ids.head]),
      nurse,
    );
    expect(row.assessorNames.sort()).toEqual(['head1', 'nurse1']);
    await s.call('assessments.recordRisks', risksInput(residentId, TODAY, [ids.nurse]), nurse);
  });

  it('can require two assessors, as GB/T 42195 does', async () => {
    const { s, nurse, ids, residentId } = await staff();
    expect((await s.call('residents.getConfig', {}, s.adminToken)).minAssessors).toBe(1);
    await s.call('residents.updateConfig', { minAssessors: 2 }, s.adminToken);
    expect((await s.call('residents.getConfig', {}, nurse)).minAssessors).toBe(2);
    const one = await s.fail(
      'assessments.recordAbility',
      abilityInput(residentId, TODAY, 60, [ids.nurse]),
      nurse,
    );
    expect(one.message).toContain('2 名评估人员');
    await s.call(
      'assessments.recordAbility',
      abilityInput(residentId, TODAY, 60, [ids.nurse, ids.head]),
      nurse,
    );
    const bad = await s.fail('residents.updateConfig', { minAssessors: 3 }, s.adminToken);
    expect(bad.code).toBe('VALIDATION');
  });
});
