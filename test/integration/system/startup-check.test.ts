import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  readSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core/app';
import { FakeClock } from '../../../src-main/core/clock';
import { silentLogger } from '../../../src-main/core/logger';
import type { Alert } from '../../../src-main/shared/contract/platform';
import { makeSetUpCore, type TestCore } from '../../support/core';

/**
 * A large file is not read page by page before the app answers (18 s for ten years of a 1,000-bed
 * home): its check runs in a worker after start, and damage it finds becomes a critical alert.
 */
describe('start-up check of a large database file', () => {
  let t: TestCore | undefined;
  let core: Core | undefined;
  let copy: string | undefined;
  afterEach(async () => {
    await core?.close();
    t?.close();
    if (copy) rmSync(dirname(copy), { recursive: true, force: true });
  });

  /** The test core's file and audit key, copied aside and closed. */
  function keepCopy(test: TestCore): string {
    test.core.sql.db.pragma('wal_checkpoint(TRUNCATE)');
    const dir = mkdtempSync(join(tmpdir(), 'caredesk-check-'));
    const path = join(dir, 'caredesk.db');
    copyFileSync(test.dbPath, path);
    const key = `${dirname(test.dbPath)}.audit-key`;
    if (existsSync(key)) copyFileSync(key, `${dir}.audit-key`);
    test.close();
    return path;
  }

  it('starts at once and raises a critical alert when the check in the worker finds damage', async () => {
    t = await makeSetUpCore();
    // Rows enough for pages that start-up itself never reads, then one of them is damaged.
    t.core.sql.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
    const insert = t.core.sql.db.prepare('INSERT INTO filler (text) VALUES (?)');
    t.core.sql.db.transaction(() => {
      for (let i = 0; i < 3000; i += 1) insert.run('护理记录'.repeat(20));
    })();
    const token = await t.login('admin', 'admin-password-1');
    const dbPath = (copy = keepCopy(t));
    t = undefined;
    const page = 4096;
    const fd = openSync(dbPath, 'r+');
    const lastPage = statSync(dbPath).size - page;
    const header = Buffer.alloc(1);
    readSync(fd, header, 0, 1, lastPage);
    expect(header[0]).toBe(0x0d); // a table leaf page, as expected
    writeSync(fd, Buffer.from([0xff, 0xff, 0xff, 0xff]), 0, 4, lastPage);
    closeSync(fd);

    core = createCore({ dbPath, clock: new FakeClock(), logger: silentLogger, foregroundCheckMaxBytes: 0 });
    expect(await core.databaseChecked).not.toBe('ok');
    const { result } = await core.dispatch('alerts.list', {}, token);
    expect(result.ok && (result.value as Alert[]).map((a) => [a.kind, a.severity])).toContainEqual([
      'system.databaseDamaged',
      'critical',
    ]);
  });

  it('raises nothing for a sound file checked after start', async () => {
    t = await makeSetUpCore();
    const dbPath = (copy = keepCopy(t));
    t = undefined;
    core = createCore({ dbPath, clock: new FakeClock(), logger: silentLogger, foregroundCheckMaxBytes: 0 });
    expect(await core.databaseChecked).toBe('ok');
  });
});
