import { rmSync } from 'node:fs';
import { createCore } from '../../../src-main/core/app';
import { silentLogger, type Logger } from '../../../src-main/core/logger';
import type { OutboxRow } from '../../../src-main/shared/contract/regulator';
import { makeSetUpCore, type TestCore } from '../../support/core';
import { startMockPlatform, type MockPlatform, type MockPlatformOptions } from '../../support/mock-platform';

export const SECRET = 'platform-secret-7Hq2';
export const CODE = 'JG330106-0042';
export const KEY_ID = 'caredesk-key-1';

export type RegulatorSetUp = TestCore & { adminToken: string };

/** A set-up core and a platform, with the upload configured (short timeout so a hang costs seconds). */
export async function withPlatform(
  platformOptions: Partial<MockPlatformOptions> = {},
  config: { secret?: string; timeoutSeconds?: number } = {},
  logger?: Logger,
): Promise<{ t: RegulatorSetUp; platform: MockPlatform }> {
  const platform = await startMockPlatform({ secret: SECRET, ...platformOptions });
  const t = await makeSetUpCore(logger ? { logger } : {});
  forgetKeyOnClose(t);
  await t.call(
    'regulator.updateConfig',
    {
      endpoint: platform.url,
      institutionCode: CODE,
      keyId: KEY_ID,
      secret: config.secret ?? SECRET,
      timeoutSeconds: config.timeoutSeconds ?? 5,
    },
    t.adminToken,
  );
  return { t, platform };
}

/** Lets the delivery that a commit kicked off (after the commit, on the next turn) run to its end. */
export async function settle(t: TestCore): Promise<void> {
  for (let i = 0; i < 3; i += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    await t.core.services.regulator.idle();
  }
}

/** Moves the test clock on and runs what the scheduler would run: the outbox's due deliveries. */
export async function after(t: TestCore, minutes: number): Promise<void> {
  t.clock.advance(minutes * 60_000);
  await t.core.services.regulator.deliverDue();
}

export async function outboxRow(t: RegulatorSetUp, id: number): Promise<OutboxRow> {
  const rows = await t.call('regulator.outbox', {}, t.adminToken);
  const row = rows.find((r) => r.id === id);
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

export async function alertKinds(t: RegulatorSetUp): Promise<string[]> {
  const alerts = await t.call('alerts.list', {}, t.adminToken);
  return alerts.map((a) => a.kind).filter((k) => k.startsWith('regulator.'));
}

/** A second core on the same files, as after a restart. */
export function reopen(t: TestCore) {
  return createCore({ dbPath: t.dbPath, clock: t.clock, logger: silentLogger });
}

/** The secret's key lives beside the data folder, like the audit key: removed with the test's folder. */
export function forgetKeyOnClose(t: TestCore): void {
  const close = t.close.bind(t);
  t.close = () => {
    close();
    rmSync(`${t.dir}.regulator-key`, { force: true });
  };
}
