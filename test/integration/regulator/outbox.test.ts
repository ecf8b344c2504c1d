import { afterEach, describe, expect, it } from 'vitest';
import type { MockPlatform } from '../../support/mock-platform';
import { after, alertKinds, outboxRow, settle, withPlatform, type RegulatorSetUp } from './support';

let t: RegulatorSetUp | undefined;
let platform: MockPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  t?.close();
  t = undefined;
  platform = undefined;
});

const minutesBetween = (from: Date, to: string | null) =>
  to === null ? null : Math.round((Date.parse(to) - from.getTime()) / 60_000);

describe('outbox against the platform', { timeout: 30_000 }, () => {
  it('delivers once the platform is up again after three 500s, backing off 1, 2, 4 minutes', async () => {
    ({ t, platform } = await withPlatform({ mode: '500', fail: 3 }));
    const queued = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    expect(queued.status).toBe('queued');
    await settle(t);

    let row = await outboxRow(t, queued.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(minutesBetween(t.clock.now(), row.nextAttemptAt)).toBe(1);
    expect(row.lastError).toContain('HTTP 500');

    await after(t, 1);
    row = await outboxRow(t, queued.id);
    expect(row.attempts).toBe(2);
    expect(minutesBetween(t.clock.now(), row.nextAttemptAt)).toBe(2);
    expect(await alertKinds(t)).toEqual([]);

    // Not due yet: nothing is sent before its time.
    await after(t, 1);
    expect((await outboxRow(t, queued.id)).attempts).toBe(2);

    await after(t, 1);
    row = await outboxRow(t, queued.id);
    expect(row.attempts).toBe(3);
    expect(minutesBetween(t.clock.now(), row.nextAttemptAt)).toBe(4);
    expect(await alertKinds(t)).toEqual(['regulator.deliveryFailing']);

    await after(t, 4);
    row = await outboxRow(t, queued.id);
    expect(row).toMatchObject({ status: 'accepted', attempts: 4, duplicate: false });
    expect(row.receiptNo).toBe(platform.accepted[0]!.receiptNo);
    expect(platform.accepted).toHaveLength(1);
    expect(platform.accepted[0]!.idempotencyKey).toBe(queued.idempotencyKey);
    // Every try carried the same key.
    expect(new Set(platform.log.map((l) => l.idempotencyKey))).toEqual(new Set([queued.idempotencyKey]));
    expect(await alertKinds(t)).toEqual([]);
  });

  it('retries after a timeout and is accepted once', async () => {
    ({ t, platform } = await withPlatform({ mode: 'timeout', fail: 1 }, { timeoutSeconds: 5 }));
    const queued = await t.call('regulator.send', { kind: 'daily', period: '2026-11-24' }, t.adminToken);
    await settle(t);
    let row = await outboxRow(t, queued.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 1 });
    expect(row.lastError).toContain('5 秒内没有回答');

    await after(t, 1);
    row = await outboxRow(t, queued.id);
    expect(row.status).toBe('accepted');
    expect(platform.accepted).toHaveLength(1);
  });

  it('a connection dropped after the platform accepted: the retry is a duplicate, accepted once', async () => {
    ({ t, platform } = await withPlatform({ mode: 'drop-after-accept', fail: 1 }));
    const queued = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    expect((await outboxRow(t, queued.id)).status).toBe('queued');
    expect(platform.accepted).toHaveLength(1);

    await after(t, 1);
    const row = await outboxRow(t, queued.id);
    expect(row).toMatchObject({ status: 'accepted', duplicate: true, attempts: 2 });
    expect(row.receiptNo).toBe(platform.accepted[0]!.receiptNo);
    expect(platform.accepted).toHaveLength(1);
    expect(platform.log.map((l) => l.status)).toEqual([0, 200]);
  });

  it('a rejection is not retried and shows the platform’s message', async () => {
    ({ t, platform } = await withPlatform({ mode: 'reject' }));
    const queued = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    const row = await outboxRow(t, queued.id);
    expect(row.status).toBe('rejected');
    expect(row.errors).toContainEqual({
      path: 'beds.total',
      message: '床位总数与备案信息不一致（备案 120 张）',
    });
    expect(row.lastError).toContain('床位总数与备案信息不一致');
    const alerts = await t.call('alerts.list', {}, t.adminToken);
    const rejected = alerts.find((a) => a.kind === 'regulator.rejected');
    expect(rejected?.detail).toContain('床位总数与备案信息不一致');

    await after(t, 120);
    expect((await outboxRow(t, queued.id)).attempts).toBe(1);
    expect(platform.log).toHaveLength(1);
    expect(platform.accepted).toHaveLength(0);

    // Corrected and sent again (no reason needed: nothing was accepted), it goes with a new key.
    platform.setMode('ok');
    const again = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    expect(again.idempotencyKey).not.toBe(queued.idempotencyKey);
    expect((await outboxRow(t, again.id)).status).toBe('accepted');
    expect(await alertKinds(t)).toEqual([]);
  });

  it('a wrong secret: 401 is not retried blindly, alerts, and goes once the secret is fixed', async () => {
    ({ t, platform } = await withPlatform({}, { secret: 'not-the-platform-secret' }));
    const queued = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    let row = await outboxRow(t, queued.id);
    expect(row.status).toBe('failed');
    expect(row.lastError).toContain('401');
    expect(await alertKinds(t)).toEqual(['regulator.authFailed']);

    await after(t, 30);
    expect((await outboxRow(t, queued.id)).attempts).toBe(1);

    const probe = await t.call('regulator.testConnection', {}, t.adminToken);
    expect(probe).toMatchObject({ ok: false, status: 401 });

    await t.call('regulator.updateConfig', { secret: 'platform-secret-7Hq2' }, t.adminToken);
    expect(await t.call('regulator.testConnection', {}, t.adminToken)).toMatchObject({
      ok: true,
      status: 422,
    });
    await t.call('regulator.retry', { id: queued.id }, t.adminToken);
    await settle(t);
    row = await outboxRow(t, queued.id);
    expect(row).toMatchObject({ status: 'accepted', attempts: 2 });
    expect(platform.accepted.map((a) => a.idempotencyKey)).toEqual([queued.idempotencyKey]);
    expect(await alertKinds(t)).toEqual([]);
  });

  it('sending an accepted period again needs a reason and goes as the next revision with a new key', async () => {
    ({ t, platform } = await withPlatform());
    const first = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    expect((await outboxRow(t, first.id)).status).toBe('accepted');

    const refused = await t.fail('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    expect(refused.code).toBe('VALIDATION');
    expect(refused.message).toContain('更正原因');

    const second = await t.call(
      'regulator.send',
      { kind: 'monthly', period: '2026-10', reason: '10 月退住人数漏记一人' },
      t.adminToken,
    );
    await settle(t);
    expect(second).toMatchObject({ revision: 2, revisionReason: '10 月退住人数漏记一人' });
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey);
    expect((await outboxRow(t, second.id)).status).toBe('accepted');
    expect(platform.accepted.map((a) => a.revision)).toEqual([1, 2]);

    // While one is on its way, the same period is not queued twice.
    platform.setMode('500');
    await t.call('regulator.send', { kind: 'daily', period: '2026-11-20' }, t.adminToken);
    const busy = await t.fail('regulator.send', { kind: 'daily', period: '2026-11-20' }, t.adminToken);
    expect(busy.code).toBe('CONFLICT');
  });

  it('waits without sending while the settings are incomplete, then goes', async () => {
    ({ t, platform } = await withPlatform());
    await t.call('regulator.updateConfig', { keyId: '' }, t.adminToken);
    const queued = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    const row = await outboxRow(t, queued.id);
    expect(row).toMatchObject({ status: 'queued', attempts: 0 });
    expect(row.lastError).toContain('密钥编号');
    expect(platform.log).toHaveLength(0);
    await t.call('regulator.updateConfig', { keyId: 'caredesk-key-1' }, t.adminToken);
    await settle(t);
    expect((await outboxRow(t, queued.id)).status).toBe('accepted');
  });
});
