import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
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

  it('keep a closing script alive until the last one is done, so it ends normally', () => {
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-checkpoint-'));
    try {
      const path = join(dir, 'caredesk.db');
      // Tens of megabytes in the log: the last checkpoint takes long enough to be waited for.
      const from = (file: string) => JSON.stringify(pathToFileURL(join(process.cwd(), file)).href);
      const script = join(dir, 'close.mts');
      writeFileSync(
        script,
        `
        import Database from ${from('node_modules/better-sqlite3/lib/index.js')};
        import { startCheckpointer } from ${from('src-main/core/db/checkpointer.ts')};
        const db = new Database(${JSON.stringify(path)});
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = OFF');
        db.exec('CREATE TABLE calls (id INTEGER PRIMARY KEY, note TEXT)');
        const checkpointer = startCheckpointer(db, { info() {}, warn() {}, error() {} });
        const insert = db.prepare('INSERT INTO calls (note) VALUES (?)');
        db.transaction(() => { for (let i = 0; i < 40000; i++) insert.run('x'.repeat(1000) + i); })();
        await checkpointer.stop();
        db.close();
        console.log('closed');
      `,
      );
      const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.stderr).not.toContain('unsettled');
      expect(run.stdout.trim()).toBe('closed');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
