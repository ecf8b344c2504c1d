import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src-main/core/logger';
import { ADMIN } from '../../support/core';
import type { MockPlatform } from '../../support/mock-platform';
import { SECRET, settle, withPlatform, type RegulatorSetUp } from './support';

let t: RegulatorSetUp | undefined;
let platform: MockPlatform | undefined;
afterEach(async () => {
  await platform?.close();
  t?.close();
  t = undefined;
  platform = undefined;
});

function recordingLogger(lines: string[]): Logger {
  const write = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

describe('regulator settings, schedule and file export', { timeout: 60_000 }, () => {
  it('stores the secret encrypted with a key outside the database, and never shows or logs it', async () => {
    const lines: string[] = [];
    ({ t, platform } = await withPlatform({}, {}, recordingLogger(lines)));
    const config = await t.call('regulator.getConfig', {}, t.adminToken);
    expect(config).toMatchObject({ secretSet: true, keyId: 'caredesk-key-1', timeoutSeconds: 5 });
    expect(JSON.stringify(config)).not.toContain(SECRET);

    // An update without a secret keeps the stored one.
    await t.call('regulator.updateConfig', { timeoutSeconds: 20 }, t.adminToken);
    const sent = await t.call('regulator.send', { kind: 'monthly', period: '2026-10' }, t.adminToken);
    await settle(t);
    expect((await t.call('regulator.outbox', {}, t.adminToken))[0]).toMatchObject({
      id: sent.id,
      status: 'accepted',
    });

    const audit = await t.call('audit.list', { module: 'regulator', limit: 100 }, t.adminToken);
    expect(audit.rows.length).toBeGreaterThan(0);
    // Queued by the administrator, accepted by the delivery: both rows name the submission.
    const about = audit.rows.filter((r) => r.entity === 'regulatorSubmission');
    expect(about.map((r) => [r.procedure, r.subjectName])).toEqual([
      ['regulator.deliver', '月报 2026-10'],
      ['regulator.send', '月报 2026-10'],
    ]);
    expect(JSON.stringify(audit)).not.toContain(SECRET);
    expect(lines.join('\n')).toContain('regulator delivery');
    expect(lines.join('\n')).not.toContain(SECRET);
    t.core.sql.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(t.dbPath).includes(Buffer.from(SECRET))).toBe(false);
    expect(existsSync(`${t.dir}.regulator-key`)).toBe(true);
  });

  it('queues yesterday’s daily and last month’s monthly summary at their times, once each', async () => {
    ({ t, platform } = await withPlatform());
    await t.call(
      'regulator.updateConfig',
      { schedule: { daily: '01:30', monthly: { day: 1, time: '02:30' } } },
      t.adminToken,
    );
    // 01:00 on 1 December in Shanghai: the jobs see the installation and wait for their next slot.
    t.clock.set('2026-11-30T17:00:00.000Z');
    await t.core.scheduler.poke();
    t.adminToken = await t.login(ADMIN.username, ADMIN.password);
    const config = await t.call('regulator.getConfig', {}, t.adminToken);
    expect(config.next).toEqual({ daily: '2026-11-30T17:30:00.000Z', monthly: '2026-11-30T18:30:00.000Z' });

    t.clock.set('2026-11-30T17:31:00.000Z');
    await t.core.scheduler.poke();
    t.clock.set('2026-11-30T18:31:00.000Z');
    await t.core.scheduler.poke();
    t.clock.set('2026-11-30T20:00:00.000Z');
    await t.core.scheduler.poke();
    await settle(t);

    const rows = await t.call('regulator.outbox', {}, t.adminToken);
    expect(rows.map((r) => [r.kind, r.period, r.status, r.queuedBy])).toEqual([
      ['monthly', '2026-11', 'accepted', null],
      ['daily', '2026-11-30', 'accepted', null],
    ]);
    expect(platform.accepted.map((a) => [a.kind, a.period.from, a.period.to])).toEqual([
      ['daily', '2026-11-30', '2026-11-30'],
      ['monthly', '2026-11-01', '2026-11-30'],
    ]);
  });

  it('exports the summary as JSON and as an Excel workbook of the same figures, audited', async () => {
    ({ t, platform } = await withPlatform());
    const out = await t.call('regulator.exportFile', { kind: 'monthly', period: '2026-11' }, t.adminToken);
    expect(out.json.fileName).toBe('监管上报-月报-2026-11.json');
    expect(JSON.parse(Buffer.from(out.json.base64, 'base64').toString('utf8'))).toEqual(out.summary);
    expect(out.summary.institution.code).toBe('JG330106-0042');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out.excel.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const cells: string[] = [];
    sheet.eachRow((row) => cells.push((row.values as unknown[]).slice(1).join('|')));
    expect(cells[0]).toContain('幸福里颐养中心 月报 2026-11-01 至 2026-11-30');
    expect(cells).toContain('床位|合计|0');
    // The staffing module is part of this build: its section has figures, not the "not enabled" line.
    expect(cells.filter((c) => c.startsWith('人员|')).length).toBeGreaterThan(0);
    expect(cells).not.toContain('人员|（本机构未启用该模块）|');

    const audit = await t.call('audit.list', { module: 'regulator', limit: 100 }, t.adminToken);
    expect(audit.rows.some((r) => r.procedure === 'regulator.exportFile')).toBe(true);
    // Nothing was sent by exporting.
    expect(platform.log).toHaveLength(0);
  });
});
