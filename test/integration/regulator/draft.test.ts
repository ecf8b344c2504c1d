import { afterEach, describe, expect, it } from 'vitest';
import { makeSetUpCore, type TestCore } from '../../support/core';
import { countTurns } from '../../support/turns';

let t: (TestCore & { adminToken: string }) | undefined;
afterEach(() => t?.close());

const bodyOf = (id: number) =>
  JSON.parse(
    (
      t!.core.sql.db.prepare('SELECT body FROM regulator_submissions WHERE id = ?').get(id) as {
        body: string;
      }
    ).body,
  ) as Record<string, unknown>;

/**
 * A summary is frozen when it is queued. It is built a module at a time before the queuing
 * transaction (a month of a large home is ~250 ms of counting) and used only if nothing was written
 * meanwhile; otherwise the transaction builds it again from the rows it commits with.
 */
describe('queuing a summary for the platform', () => {
  it('counts the month between other requests, then freezes the same figures the preview shows', async () => {
    t = await makeSetUpCore();
    const turns = countTurns();
    const queued = await t.call('regulator.send', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    // Medication alone yields after each of the month's 30 days.
    expect(turns.stop()).toBeGreaterThanOrEqual(30);
    const preview = await t.call('regulator.preview', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    expect({ ...bodyOf(queued.id), audit: null }).toEqual({ ...preview, audit: null });
  });

  it('builds it again inside the transaction when something was written after the draft', async () => {
    t = await makeSetUpCore();
    const regulator = t.core.services.regulator;
    const { user } = await t.call('auth.me', {}, t.adminToken);
    const now = t.clock.now();
    const drafted = await regulator.draft('monthly', '2026-11', null, now);
    expect(JSON.parse(drafted!.body).institution.name).toBe('幸福里颐养中心');

    await t.call('institution.update', { name: '幸福里颐养中心（新院区）' }, t.adminToken);
    const row = t.core.writes.run({ procedure: 'regulator.send', now, user }, (ctx) =>
      regulator.send({ kind: 'monthly', period: '2026-11' }, ctx, drafted),
    );
    expect(bodyOf(row.id)).toMatchObject({ institution: { name: '幸福里颐养中心（新院区）' } });

    // Unchanged since its draft, a period is queued with the draft's figures.
    const october = await regulator.draft('monthly', '2026-10', null, now);
    const kept = t.core.writes.run({ procedure: 'regulator.send', now, user }, (ctx) =>
      regulator.send({ kind: 'monthly', period: '2026-10' }, ctx, october),
    );
    expect(bodyOf(kept.id)).toEqual(JSON.parse(october!.body));
  });
});
