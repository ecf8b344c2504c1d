import { afterEach, describe, expect, it } from 'vitest';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

describe('nurse calls behind the idle lock', () => {
  it('stay visible to a locked screen, but answering needs the password first', async () => {
    t = await makeSetUpCore();
    const nurse = await addUser(t, 'nurse1', ['nurse']);
    t.core.services.nurseCall.calls.receive(1, [{ kind: 'raise', address: '201', priority: 'alarm' }]);
    await t.call('auth.lock', {}, nurse);
    const [call] = await t.call('nursecall.calls.active', {}, nurse);
    expect(call).toMatchObject({ address: '201', label: '未登记的呼叫地址 201', status: 'raised' });
    expect((await t.fail('nursecall.calls.acknowledge', { callId: call!.id }, nurse)).code).toBe(
      'SESSION_LOCKED',
    );
    expect((await t.fail('nursecall.calls.history', {}, nurse)).code).toBe('SESSION_LOCKED');
    const finance = await addUser(t, 'fin1', ['finance']);
    expect((await t.fail('nursecall.calls.active', {}, finance)).code).toBe('FORBIDDEN');
  });

  it('ring on the login screen as locations only, before anyone signs in', async () => {
    t = await makeSetUpCore();
    t.core.services.nurseCall.calls.receive(1, [
      { kind: 'raise', address: '201', priority: 'alarm', message: '张桂兰跌倒' },
    ]);
    const ringing = await t.call('nursecall.calls.ringing', {});
    expect(ringing).toEqual([
      {
        id: expect.any(Number),
        label: '未登记的呼叫地址 201',
        priority: 'alarm',
        status: 'raised',
        raisedAt: expect.any(String),
        escalated: false,
      },
    ]);
    expect(JSON.stringify(ringing)).not.toContain('张桂兰');
  });
});
