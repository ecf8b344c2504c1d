import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseStats } from '../../../src-main/shared/contract/nursecall';
import { SESSION_COOKIE, buildHttpApp } from '../../../src-main/http/app';
import { addUser } from '../../support/core';
import { setUp, type Facility, type SetUp } from '../residents/support';

type T = SetUp & Facility;

/**
 * Seven calls over two days with known durations (seconds):
 *   A 3011  10:00 白班    ack 10 (hushi)  reset 60
 *   B 3011  10:05 白班    ack 20 (hushi)  attended 120
 *   C WC2   10:10 白班    ack 30 (admin)  reset 90
 *   D 401   10:15 白班    ack 40 (hushi)  reset 50
 *   E 401   17:00 小夜班  ack 100 (admin) reset 200
 *   F 402   次日 01:00 大夜班  no ack     reset 300
 *   G 403   次日 02:00 大夜班  still waiting at 02:10
 * Percentiles are Excel's PERCENTILE.INC; the expected figures below are worked by hand.
 */
describe('nurse-call response analytics', () => {
  let t: T;
  let nurse: string;
  const logged: string[] = [];
  const details: unknown[] = [];
  const logger = {
    info: (message: string, detail?: unknown) => {
      logged.push(message);
      details.push(detail);
    },
    warn: (message: string) => logged.push(message),
    error: (message: string) => logged.push(message),
  };

  // Reports' temporary folders go to this test's own folder, where leftovers are seen without
  // racing other test files.
  const ownTmp = mkdtempSync(join(tmpdir(), 'caredesk-test-tmp-'));
  const previousTmp = process.env.TMPDIR;
  const reportFolders = () => readdirSync(ownTmp).filter((name) => name.startsWith('caredesk-report-'));

  beforeAll(async () => {
    process.env.TMPDIR = ownTmp;
    t = await setUp({ logger });
    nurse = await addUser(t, 'hushi', ['nurse']);
    await t.call('nursecall.addresses.save', { address: '3011', bedId: t.beds.get('301-1')! }, t.adminToken);
    await t.call('nursecall.addresses.save', { address: 'WC2', area: '2楼 公共卫生间' }, t.adminToken);
    const { calls } = t.core.services.nurseCall;
    const raise = (address: string) => calls.receive(1, [{ kind: 'raise', address, priority: 'normal' }]);
    const reset = (address: string) => calls.receive(1, [{ kind: 'cancel', address, priority: 'normal' }]);
    const openId = async (address: string) =>
      (await t.call('nursecall.calls.active', {}, nurse)).find((c) => c.address === address)!.id;
    const ack = async (address: string, token: string) =>
      t.call('nursecall.calls.acknowledge', { callId: await openId(address) }, token);
    const at = (iso: string) => t.clock.set(iso);
    const after = (seconds: number) => t.clock.advance(seconds * 1000);

    at('2026-11-25T02:00:00Z');
    raise('3011');
    after(10);
    await ack('3011', nurse);
    after(50);
    reset('3011');

    at('2026-11-25T02:05:00Z');
    raise('3011');
    after(20);
    await ack('3011', nurse);
    after(100);
    await t.call('nursecall.calls.clear', { callId: await openId('3011') }, nurse);

    at('2026-11-25T02:10:00Z');
    raise('WC2');
    after(30);
    await ack('WC2', t.adminToken);
    after(60);
    reset('WC2');

    at('2026-11-25T02:15:00Z');
    raise('401');
    after(40);
    await ack('401', nurse);
    after(10);
    reset('401');

    at('2026-11-25T09:00:00Z');
    raise('401');
    after(100);
    await ack('401', t.adminToken);
    after(100);
    reset('401');

    at('2026-11-25T17:00:00Z');
    raise('402');
    after(300);
    reset('402');

    at('2026-11-25T18:00:00Z');
    raise('403');
    at('2026-11-25T18:10:00Z');
  });
  afterAll(() => {
    t.close();
    if (previousTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmp;
    rmSync(ownTmp, { recursive: true, force: true });
  });

  const stats = (
    key: string,
    label: string,
    calls: number,
    ack: [number, number] | null,
    clear: [number, number] | null,
  ): ResponseStats => ({
    key,
    label,
    calls,
    ackMedianSeconds: ack?.[0] ?? null,
    ackP90Seconds: ack?.[1] ?? null,
    clearMedianSeconds: clear?.[0] ?? null,
    clearP90Seconds: clear?.[1] ?? null,
  });

  it('gives the event loop back between days, so serial ports are answered while it reads', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('event loop'));
    const figures = t.core.services.nurseCall.analytics.analyse(
      { from: '2026-11-24', to: '2026-11-26' },
      t.clock.now(),
    );
    order.push('analysis started');
    expect((await figures).total).toBe(7);
    order.push('analysis done');
    expect(order).toEqual(['analysis started', 'event loop', 'analysis done']);
  });

  it('reads a month or more in a process of its own, with the same figures', async () => {
    const { analytics } = t.core.services.nurseCall;
    logged.length = 0;
    const week = await analytics.analyse({ from: '2026-11-24', to: '2026-11-26' }, t.clock.now());
    expect(logged).toEqual([]);
    details.length = 0;
    const month = await t.call('nursecall.analytics', { from: '2026-11-01', to: '2026-11-30' }, t.adminToken);
    expect(logged).toEqual(['nurse-call report built in a separate process']);
    // Below the app's priority, so a ringing call wins a shared core.
    expect(details).toHaveLength(1);
    expect((details[0] as { priority: number }).priority).toBeGreaterThanOrEqual(10);
    expect(month.total).toBe(7);
    expect(month.perDay.filter((d) => d.calls > 0)).toEqual(week.perDay.filter((d) => d.calls > 0));
    expect(month.perShift).toEqual(week.perShift);
    expect(month.perUser).toEqual(week.perUser);
    expect(month.worstWaits).toEqual(week.worstWaits);
  });

  it('keeps a range’s figures until the next write or the next minute', async () => {
    const { analytics } = t.core.services.nurseCall;
    const range = { from: '2026-11-20', to: '2026-11-26' };
    const first = await analytics.analyse(range, t.clock.now());
    expect(await analytics.analyse(range, t.clock.now())).toBe(first);
    await t.call('institution.update', { name: '幸福里颐养中心' }, t.adminToken);
    const afterWrite = await analytics.analyse(range, t.clock.now());
    expect(afterWrite).not.toBe(first);
    expect(afterWrite).toEqual(first);
    t.clock.advance(60_000);
    expect(await analytics.analyse(range, t.clock.now())).not.toBe(afterWrite);
  });

  it('gives exact medians and p90 per day, shift, area and acknowledging user', async () => {
    const a = await t.call('nursecall.analytics', { from: '2026-11-25', to: '2026-11-26' }, nurse);
    expect(a.total).toBe(7);
    expect(a.overall).toEqual(stats('all', '全部', 7, [30, 76], [105, 250]));
    expect(a.perDay).toEqual([
      stats('2026-11-25', '2026-11-25', 5, [30, 76], [90, 168]),
      stats('2026-11-26', '2026-11-26', 2, null, [300, 300]),
    ]);
    expect(a.perShift).toEqual([
      stats('大夜班', '大夜班', 2, null, [300, 300]),
      stats('白班', '白班', 4, [25, 37], [75, 111]),
      stats('小夜班', '小夜班', 1, [100, 100], [200, 200]),
    ]);
    expect(a.perArea).toEqual([
      stats('1号楼 3层', '1号楼 3层', 2, [15, 19], [90, 114]),
      stats('2楼 公共卫生间', '2楼 公共卫生间', 1, [30, 30], [90, 90]),
      stats('未登记的地址', '未登记的地址', 4, [70, 94], [200, 280]),
    ]);
    const adminId = (await t.call('auth.me', {}, t.adminToken)).user.id;
    const nurseId = (await t.call('auth.me', {}, nurse)).user.id;
    expect(a.perUser).toEqual([
      stats(String(adminId), '王院长', 2, [65, 93], [145, 189]),
      stats(String(nurseId), 'hushi', 3, [20, 36], [60, 108]),
    ]);
  });

  it('lists the worst waits, counting a call still waiting up to now', async () => {
    const a = await t.call('nursecall.analytics', { from: '2026-11-25', to: '2026-11-26' }, nurse);
    expect(a.worstWaits.map((c) => [c.address, c.status, c.ackSeconds, c.clearSeconds])).toEqual([
      ['403', 'raised', null, null],
      ['402', 'cleared', null, 300],
      ['401', 'cleared', 100, 200],
      ['401', 'cleared', 40, 50],
      ['WC2', 'cleared', 30, 90],
      ['3011', 'cleared', 20, 120],
      ['3011', 'cleared', 10, 60],
    ]);
  });

  it('counts calls per bed per day and keeps to the requested range', async () => {
    const a = await t.call('nursecall.analytics', { from: '2026-11-25', to: '2026-11-26' }, nurse);
    expect(a.perBedPerDay).toEqual([
      { label: '1号楼 301-1床', date: '2026-11-25', calls: 2 },
      { label: '未登记的呼叫地址 401', date: '2026-11-25', calls: 2 },
      { label: '2楼 公共卫生间', date: '2026-11-25', calls: 1 },
      { label: '未登记的呼叫地址 402', date: '2026-11-26', calls: 1 },
      { label: '未登记的呼叫地址 403', date: '2026-11-26', calls: 1 },
    ]);
    const second = await t.call('nursecall.analytics', { from: '2026-11-26', to: '2026-11-26' }, nurse);
    expect(second.total).toBe(2);
    const reversed = await t.fail('nursecall.analytics', { from: '2026-11-26', to: '2026-11-25' }, nurse);
    expect(reversed.details?.fieldErrors?.[0]).toEqual({ path: 'to', message: '结束日期不能早于开始日期' });
  });

  it('pages the history newest first', async () => {
    const page = await t.call(
      'nursecall.calls.history',
      { from: '2026-11-25', to: '2026-11-25', offset: 1, limit: 2 },
      nurse,
    );
    expect(page.total).toBe(5);
    expect(page.rows.map((r) => [r.address, r.ackSeconds])).toEqual([
      ['401', 40],
      ['WC2', 30],
    ]);
  });

  it('refuses ranges longer than 93 days at the end date, in Chinese', async () => {
    const longest = { from: '2026-08-26', to: '2026-11-26' };
    expect((await t.call('nursecall.analytics', longest, nurse)).total).toBe(7);
    const tooLong = { from: '2026-08-25', to: '2026-11-26' };
    const message = '一次最多查询 93 天，请缩短日期范围（可分几次查询或导出）';
    for (const [name, input] of [
      ['nursecall.analytics', tooLong],
      ['nursecall.export', tooLong],
      ['nursecall.calls.history', { ...tooLong, offset: 0, limit: 50 }],
    ] as const) {
      const error = await t.fail(name, input, t.adminToken);
      expect(error.code).toBe('VALIDATION');
      expect(error.details?.fieldErrors).toEqual([{ path: 'to', message }]);
    }
    expect((await t.call('nursecall.calls.history', { ...longest, offset: 0, limit: 1 }, nurse)).total).toBe(
      7,
    );
  });

  it('lets only holders of the export permission (head nurses) export', async () => {
    const caregiver = await addUser(t, 'huli', ['caregiver']);
    for (const user of [nurse, caregiver]) {
      expect((await t.fail('nursecall.export', { from: '2026-11-25', to: '2026-11-25' }, user)).code).toBe(
        'FORBIDDEN',
      );
    }
    const roles = t.core.sql.db
      .prepare("SELECT role FROM role_permissions WHERE permission = 'nursecall.export'")
      .all();
    expect(roles).toEqual([{ role: 'headNurse' }]);
  });

  it('exports the calls and the statistics to Excel, and audits the export', async () => {
    const headNurse = await addUser(t, 'hszhang', ['headNurse']);
    logged.length = 0;
    const file = await t.call('nursecall.export', { from: '2026-11-25', to: '2026-11-26' }, headNurse);
    // Built in a process of its own; the app's keeps answering panels meanwhile.
    expect(logged).toEqual(['nurse-call report built in a separate process']);
    expect(file.fileName).toBe('呼叫记录-2026-11-25至2026-11-26.xlsx');
    expect(reportFolders()).toEqual([]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '呼叫记录',
      '按日',
      '按班次',
      '按区域',
      '按确认人',
      '最长等待',
    ]);
    const calls = workbook.getWorksheet('呼叫记录')!;
    expect(calls.rowCount).toBe(8);
    // Empty cells are left out of the file rather than written as empty strings.
    expect(calls.getRow(2).values).toEqual([
      undefined,
      expect.any(Number),
      '2026-11-25 10:00:00',
      '3011',
      '1号楼 301-1床',
      undefined,
      '普通',
      undefined,
      0,
      undefined,
      '2026-11-25 10:00:10',
      'hushi',
      10,
      '2026-11-25 10:01:00',
      '呼叫器复位',
      undefined,
      60,
    ]);
    expect(workbook.getWorksheet('按日')!.getRow(2).values).toEqual([
      undefined,
      '2026-11-25',
      5,
      30,
      76,
      90,
      168,
    ]);
    const audit = await t.call('audit.list', { module: 'nursecall', offset: 0, limit: 5 }, t.adminToken);
    expect(audit.rows[0]).toMatchObject({
      procedure: 'nursecall.export',
      username: 'hszhang',
      entity: 'nurseCallExport',
    });
  });

  it('sends a report built in its own process over HTTP as the child wrote it, with the same answer', async () => {
    const app = await buildHttpApp(t.core);
    try {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      const headers = { 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${t.adminToken}` };
      const post = (name: string, body: unknown) =>
        fetch(`${base}/api/call/${name}`, { method: 'POST', headers, body: JSON.stringify(body) });
      const range = { from: '2026-11-01', to: '2026-11-30' };
      logged.length = 0;
      const response = await post('nursecall.analytics', range);
      expect(logged).toEqual(['nurse-call report built in a separate process']);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const body = (await response.json()) as { ok: boolean; value: unknown };
      expect(body).toEqual({ ok: true, value: await t.call('nursecall.analytics', range, t.adminToken) });

      const exported = (await (await post('nursecall.export', range)).json()) as {
        ok: boolean;
        value: { fileName: string; base64: string };
      };
      expect(exported.ok).toBe(true);
      expect(exported.value.fileName).toBe('呼叫记录-2026-11-01至2026-11-30.xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(exported.value.base64, 'base64') as unknown as ArrayBuffer);
      expect(workbook.getWorksheet('呼叫记录')!.rowCount).toBe(8);
      // The export's answer was streamed from a private temporary file, removed once sent.
      expect(reportFolders()).toEqual([]);
    } finally {
      await app.close();
    }
  });
});
