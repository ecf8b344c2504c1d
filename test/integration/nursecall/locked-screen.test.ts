import { afterEach, describe, expect, it } from 'vitest';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('nurse calls behind the idle lock', () => {
  it('stay visible to a locked screen, but answering needs the password first', async () => {
    t = await makeSetUpCore();
    const nurse = await addUser(t, 'nurse1', ['nurse']);
    await t.call('auth.lock', {}, nurse);
    expect(await t.call('nursecall.calls.active', {}, nurse)).toEqual([]);
    expect((await t.fail('nursecall.calls.acknowledge', { callId: 1 }, nurse)).code).toBe('SESSION_LOCKED');
    expect((await t.fail('nursecall.calls.history', {}, nurse)).code).toBe('SESSION_LOCKED');
    const finance = await addUser(t, 'fin1', ['finance']);
    expect((await t.fail('nursecall.calls.active', {}, finance)).code).toBe('FORBIDDEN');
  });
});
