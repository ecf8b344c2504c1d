import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, makeSetUpCore, type TestCore } from '../../support/core';

/**
 * Commits no longer copy the write-ahead log into the database file themselves (which made the
 * commit that crossed 1,000 pages write and fsync megabytes before answering a nurse call); a worker
 * thread on its own connection does it every second.
 */
describe('write-ahead log checkpoints', () => {
  let t: (TestCore & { adminToken: string }) | null = null;
  afterEach(() => {
    t?.close();
    t = null;
  });

  const waitFor = async (what: () => boolean) => {
    for (let i = 0; i < 100 && !what(); i += 1) await new Promise((r) => setTimeout(r, 50));
    return what();
  };

  it('happen off the commit path, in a worker, and keep up with the writes', async () => {
    t = await makeSetUpCore();
    const db = t.core.sql.db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    for (let i = 0; i < 30; i += 1)
      await t.call('institution.update', { name: `幸福里颐养中心 ${i}` }, t.adminToken);
    // Everything written so far ends up in the database file without this connection's help.
    expect(
      await waitFor(() => {
        const [r] = db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>;
        return r !== undefined && r.log > 0 && r.checkpointed === r.log;
      }),
    ).toBe(true);
  });

  it('let go of the file for a restore and start again on the restored one', async () => {
    t = await makeSetUpCore();
    const backup = await t.call('backups.create', {}, t.adminToken);
    await t.call('institution.update', { name: '恢复之后不应出现' }, t.adminToken);
    await t.call('backups.restore', { id: backup.id, confirm: '恢复' }, t.adminToken);
    const db = t.core.sql.db;
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    // A restore signs everyone out.
    const token = await t.login(ADMIN.username, ADMIN.password);
    await t.call('institution.update', { name: '恢复之后写的' }, token);
    expect(
      await waitFor(() => {
        const [r] = db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number; checkpointed: number }>;
        return r !== undefined && r.log > 0 && r.checkpointed === r.log;
      }),
    ).toBe(true);
  });
});
