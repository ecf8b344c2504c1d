import { afterEach, describe, expect, it } from 'vitest';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('assessments.assessors', () => {
  it('lists active users who may assess, for a nurse who cannot list users', async () => {
    t = await makeSetUpCore();
    const nurse = await addUser(t, 'nurse1', ['nurse']);
    await addUser(t, 'cg1', ['caregiver']);
    await addUser(t, 'head1', ['headNurse']);
    expect((await t.fail('users.list', {}, nurse)).code).toBe('FORBIDDEN');
    const names = (await t.call('assessments.assessors', {}, nurse)).map((u) => u.name).sort();
    expect(names).toEqual(['head1', 'nurse1', '王院长'].sort());

    const users = await t.call('users.list', {}, t.adminToken);
    const head = users.find((u) => u.username === 'head1')!;
    await t.call('users.update', { id: head.id, disabled: true }, t.adminToken);
    expect((await t.call('assessments.assessors', {}, nurse)).map((u) => u.name)).not.toContain('head1');
    const caregiver = await t.login('cg1', 'cg1-password');
    expect((await t.fail('assessments.assessors', {}, caregiver)).code).toBe('FORBIDDEN');
  });
});

describe('incidents.record', () => {
  it('is open to the caregiver who finds a resident on the floor, not to finance', async () => {
    t = await makeSetUpCore();
    const resident = await t.call(
      'residents.create',
      { name: '张桂兰', idNumber: '110101194501011222' },
      t.adminToken,
    );
    const caregiver = await addUser(t, 'cg1', ['caregiver']);
    const finance = await addUser(t, 'fin1', ['finance']);
    const row = await t.call(
      'incidents.record',
      { residentId: resident.id, kind: 'fall', occurredOn: '2026-11-24', note: '夜间如厕时跌倒' },
      caregiver,
    );
    expect(row).toMatchObject({ kind: 'fall', recordedBy: 'cg1' });
    const refused = await t.fail(
      'incidents.record',
      { residentId: resident.id, kind: 'fall', occurredOn: '2026-11-24' },
      finance,
    );
    expect(refused.code).toBe('FORBIDDEN');
  });
});
