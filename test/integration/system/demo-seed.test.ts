import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, makeSetUpCore, type TestCore } from '../../support/core';

let t: TestCore | undefined;
afterEach(() => t?.close());

describe('demo.seed (the first-run button)', () => {
  it('fills an empty installation once, with must-change passwords shown only in the answer', async () => {
    t = makeCore();
    const { accounts } = await t.call('demo.seed', {});
    expect(accounts.map((a) => a.username)).toEqual([
      'admin',
      'headnurse',
      'nurse',
      'caregiver',
      'finance',
      'fireofficer',
      'frontdesk',
    ]);
    expect(await t.call('auth.status', {})).toMatchObject({ setupRequired: false });
    const admin = accounts[0]!;
    const token = await t.login(admin.username, admin.password);
    expect((await t.fail('residents.list', {}, token)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.fail('demo.seed', {})).code).toBe('ALREADY_SET_UP');
    const audit = JSON.stringify(t.core.sql.db.prepare('SELECT * FROM audit_log').all());
    expect(audit).not.toContain(admin.password);
  });

  it('is refused once the institution has been set up by hand', async () => {
    t = await makeSetUpCore();
    expect((await t.fail('demo.seed', {})).code).toBe('ALREADY_SET_UP');
  });
});
