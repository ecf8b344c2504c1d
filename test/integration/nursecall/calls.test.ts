import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ATTENDED_REPEAT_WINDOW_SECONDS } from '../../../src-main/core/nursecall/calls';
import { encodeCall, encodeReset } from '../../../src-main/core/nursecall/protocols/espa444';
import type { CallEvent } from '../../../src-main/core/nursecall/protocols/types';
import { createDecoder } from '../../../src-main/core/nursecall/protocols/types';
import type { EventEnvelope } from '../../../src-main/shared/events';
import { addUser } from '../../support/core';
import {
  TODAY,
  abilityInput,
  createResident,
  risksInput,
  setUp,
  type Facility,
  type SetUp,
} from '../residents/support';

type T = SetUp & Facility;

const raise = (address: string, extra: Partial<CallEvent> = {}): CallEvent => ({
  kind: 'raise',
  address,
  priority: 'normal',
  ...extra,
});
const reset = (address: string): CallEvent => ({
  kind: 'cancel',
  address,
  priority: 'normal',
  callType: 'reset',
});

describe('nurse-call lifecycle, mapping and escalation', () => {
  let t: T;
  let events: EventEnvelope[];
  let nurse: string;
  const wire = (...calls: CallEvent[]) => t.core.services.nurseCall.calls.receive(1, calls);
  const named = <K extends EventEnvelope['name']>(name: K) =>
    events.filter((e): e is Extract<EventEnvelope, { name: K }> => e.name === name);

  beforeEach(async () => {
    t = await setUp();
    events = [];
    t.core.events.subscribe((e) => events.push(e));
    nurse = await addUser(t, 'hushi', ['nurse']);
  });
  afterEach(() => t.close());

  async function admitWithRisks(name: string, bed: string) {
    const r = await createResident(t, name);
    await t.call('assessments.recordAbility', abilityInput(r.id, TODAY, 40, [t.adminId]), t.adminToken);
    await t.call(
      'assessments.recordRisks',
      risksInput(r.id, TODAY, [t.adminId], { fall: 'high', choking: 'medium' }),
      t.adminToken,
    );
    await t.call('residents.admit', { id: r.id, bedId: t.beds.get(bed)!, admittedOn: TODAY }, t.adminToken);
    return r;
  }

  it('rings an unmapped address with its raw number and a mapped one with the bed and resident', async () => {
    const resident = await admitWithRisks('张桂兰', '301-2');
    await t.call('nursecall.addresses.save', { address: '3012', bedId: t.beds.get('301-2')! }, t.adminToken);
    wire(raise('201'), raise('3012', { priority: 'high' }));
    const active = await t.call('nursecall.calls.active', {}, nurse);
    expect(active.map((c) => [c.address, c.label, c.mapped])).toEqual([
      ['3012', '1号楼 301-2床', true],
      ['201', '未登记的呼叫地址 201', false],
    ]);
    expect(active[0]!.resident).toEqual({
      id: resident.id,
      name: '张桂兰',
      careCategory: 'dependent',
      riskBadges: [
        { key: 'fall', level: 'high' },
        { key: 'choking', level: 'medium' },
      ],
    });
    expect(active[0]!.bedId).toBe(t.beds.get('301-2'));
    expect(named('nursecall.raised').map((e) => e.payload.call.address)).toEqual(['201', '3012']);
  });

  it('maps rooms and areas, refuses unknown beds, and relabels a call that is already ringing', async () => {
    wire(raise('88'));
    const roomId = (await t.call('beds.board', {}, t.adminToken)).buildings[0]!.floors[0]!.rooms[2]!.id;
    const mapping = await t.call(
      'nursecall.addresses.save',
      { address: '88', roomId, area: '卫生间' },
      t.adminToken,
    );
    expect(mapping).toEqual({
      address: '88',
      bedId: null,
      roomId,
      area: '卫生间',
      label: '1号楼 303室 卫生间',
    });
    expect(named('nursecall.raised').at(-1)!.payload.call).toMatchObject({
      address: '88',
      label: '1号楼 303室 卫生间',
      mapped: true,
    });
    await t.call('nursecall.addresses.save', { address: 'C2', area: '2楼 公共卫生间' }, t.adminToken);

    const bad = await t.fail('nursecall.addresses.save', { address: '77', bedId: 99_999 }, t.adminToken);
    expect(bad.code).toBe('VALIDATION');
    expect(bad.details?.fieldErrors).toEqual([
      { path: 'bedId', message: '找不到这张床位（可能已撤床或删除），请重新选择' },
    ]);
    const empty = await t.fail('nursecall.addresses.save', { address: '77' }, t.adminToken);
    expect(empty.details?.fieldErrors?.[0]?.path).toBe('area');
    const byNurse = await t.fail('nursecall.addresses.save', { address: '77', area: 'x' }, nurse);
    expect(byNurse.code).toBe('FORBIDDEN');

    const list = await t.call('nursecall.addresses.list', {}, nurse);
    expect(list.map((m) => [m.address, m.label])).toEqual([
      ['88', '1号楼 303室 卫生间'],
      ['C2', '2楼 公共卫生间'],
    ]);
    await t.call('nursecall.addresses.remove', { address: 'C2' }, t.adminToken);
    expect((await t.fail('nursecall.addresses.remove', { address: 'C2' }, t.adminToken)).code).toBe(
      'NOT_FOUND',
    );
  });

  it('acknowledges for a named colleague only when that colleague may answer calls', async () => {
    wire(raise('201'));
    const [call] = await t.call('nursecall.calls.active', {}, nurse);
    const responders = await t.call('nursecall.responders', {}, nurse);
    expect(responders.map((r) => r.name)).toEqual(['王院长', 'hushi']);
    await addUser(t, 'caiwu', ['finance']);
    const financeId = (await t.call('users.list', {}, t.adminToken)).find((u) => u.username === 'caiwu')!.id;
    const refused = await t.fail(
      'nursecall.calls.acknowledge',
      { callId: call!.id, userId: financeId },
      nurse,
    );
    expect(refused.details?.fieldErrors).toEqual([
      { path: 'userId', message: 'caiwu 没有“响应呼叫”权限，请选择护理人员' },
    ]);

    const hugong = await addUser(t, 'hugong', ['caregiver']);
    const hugongId = (await t.call('auth.me', {}, hugong)).user.id;
    t.clock.advance(15_000);
    const acked = await t.call('nursecall.calls.acknowledge', { callId: call!.id, userId: hugongId }, nurse);
    expect(acked.acknowledgedBy).toEqual({ id: hugongId, name: 'hugong' });
    const audit = await t.call('audit.list', { module: 'nursecall', offset: 0, limit: 10 }, t.adminToken);
    const row = audit.rows.find((r) => r.procedure === 'nursecall.calls.acknowledge')!;
    expect(row.username).toBe('hushi');
    expect(row.after).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'hugong' });
  });

  it('marks a call attended with a note, and says so when someone tries to clear it again', async () => {
    wire(raise('201'));
    const [call] = await t.call('nursecall.calls.active', {}, nurse);
    t.clock.advance(90_000);
    const cleared = await t.call('nursecall.calls.clear', { callId: call!.id, note: '协助如厕' }, nurse);
    expect(cleared).toMatchObject({
      status: 'cleared',
      clearedHow: 'attended',
      clearedBy: { name: 'hushi' },
      note: '协助如厕',
      ackSeconds: null,
      clearSeconds: 90,
    });
    expect(named('nursecall.cleared').at(-1)!.payload).toEqual({ callId: call!.id, how: 'attended' });
    const again = await t.fail('nursecall.calls.clear', { callId: call!.id }, t.adminToken);
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toBe('未登记的呼叫地址 201 的呼叫已于 10:01 结束（hushi已处理）。');
    // The panel's own reset after staff cleared the call is not a new call and changes nothing.
    wire(reset('201'));
    expect((await t.call('nursecall.calls.history', {}, nurse)).rows.map((r) => r.clearedHow)).toEqual([
      'attended',
    ]);
    // The controller resends the call it still sees active: counted on the attended call, not rung.
    const raisedBefore = named('nursecall.raised').length;
    t.clock.advance(ATTENDED_REPEAT_WINDOW_SECONDS * 1000 - 1000);
    wire(raise('201'));
    expect(await t.call('nursecall.calls.active', {}, nurse)).toEqual([]);
    expect(named('nursecall.raised')).toHaveLength(raisedBefore);
    const history = await t.call('nursecall.calls.history', {}, nurse);
    expect(history.rows.map((r) => [r.id, r.repeats, r.clearedHow])).toEqual([[call!.id, 1, 'attended']]);
    wire(reset('201'));
    expect((await t.call('nursecall.calls.history', {}, nurse)).rows).toHaveLength(1);
    // After the window the same address rings again: a new call, not the old one reopened.
    t.clock.advance(2000);
    wire(raise('201'));
    const [next] = await t.call('nursecall.calls.active', {}, nurse);
    expect(next!.id).not.toBe(call!.id);
    expect(named('nursecall.raised')).toHaveLength(raisedBefore + 1);
  });

  it('orders the board by priority, then by who has waited longest', async () => {
    wire(raise('1'));
    t.clock.advance(1000);
    wire(raise('2', { priority: 'high' }));
    t.clock.advance(1000);
    wire(raise('3'));
    t.clock.advance(1000);
    wire(raise('4', { priority: 'alarm' }));
    t.clock.advance(1000);
    wire(raise('3', { priority: 'alarm' }));
    const board = await t.call('nursecall.calls.active', {}, nurse);
    expect(board.map((c) => `${c.address}:${c.priority}`)).toEqual([
      '3:alarm',
      '4:alarm',
      '2:high',
      '1:normal',
    ]);
  });

  it('escalates a call nobody acknowledged within the configured time, once, driven by the clock', async () => {
    const { calls } = t.core.services.nurseCall;
    await t.call('nursecall.updateConfig', { escalateAfterSeconds: 30 }, t.adminToken);
    wire(raise('201'));
    t.clock.advance(10_000);
    wire(raise('202'));
    t.clock.advance(19_999);
    expect(calls.tick()).toEqual([]);
    t.clock.advance(1);
    const first = calls.tick();
    expect(first.map((c) => c.address)).toEqual(['201']);
    expect(first[0]).toMatchObject({ escalated: true, escalatedAt: t.clock.now().toISOString() });
    expect(named('nursecall.escalated').map((e) => e.payload.call.address)).toEqual(['201']);
    expect(calls.tick()).toEqual([]);

    // An acknowledged call no longer escalates.
    const c202 = (await t.call('nursecall.calls.active', {}, nurse)).find((c) => c.address === '202')!;
    await t.call('nursecall.calls.acknowledge', { callId: c202.id }, nurse);
    t.clock.advance(60_000);
    expect(calls.tick()).toEqual([]);
    expect(named('nursecall.escalated')).toHaveLength(1);
    const audit = await t.call('audit.list', { module: 'nursecall', offset: 0, limit: 50 }, t.adminToken);
    expect(audit.rows.filter((r) => r.procedure === 'nursecall.escalation').map((r) => r.userId)).toEqual([
      null,
    ]);
  });

  it('keeps and validates its settings', async () => {
    expect(await t.call('nursecall.getConfig', {}, nurse)).toEqual({
      escalateAfterSeconds: 60,
      shifts: [
        { name: '白班', start: '08:00' },
        { name: '小夜班', start: '16:00' },
        { name: '大夜班', start: '00:00' },
      ],
      maxMuteMinutes: 10,
    });
    const dup = await t.fail(
      'nursecall.updateConfig',
      {
        shifts: [
          { name: '白班', start: '08:00' },
          { name: '夜班', start: '08:00' },
        ],
      },
      t.adminToken,
    );
    expect(dup.details?.fieldErrors?.[0]).toEqual({
      path: 'shifts.1.start',
      message: '已有班次从 08:00 开始，请调整开始时间',
    });
    const after = await t.call(
      'nursecall.updateConfig',
      { maxMuteMinutes: 5, escalateAfterSeconds: 90 },
      t.adminToken,
    );
    expect(after).toMatchObject({ maxMuteMinutes: 5, escalateAfterSeconds: 90 });
    expect((await t.fail('nursecall.updateConfig', { maxMuteMinutes: 5 }, nurse)).code).toBe('FORBIDDEN');
  });

  it('validates port settings: protocol options and one configuration per device', async () => {
    const saved = await t.call(
      'nursecall.ports.save',
      {
        path: '/dev/ttyUSB9',
        protocol: 'line',
        options: { pattern: '^CALL (?<address>\\d+)$' },
        enabled: false,
      },
      t.adminToken,
    );
    expect(saved).toMatchObject({
      path: '/dev/ttyUSB9',
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      enabled: false,
    });
    const badPattern = await t.fail(
      'nursecall.ports.save',
      { path: '/dev/ttyUSB8', protocol: 'line', options: { pattern: '^CALL (\\d+)$' } },
      t.adminToken,
    );
    expect(badPattern.details?.fieldErrors?.[0]?.path).toBe('options.pattern');
    expect(badPattern.details?.fieldErrors?.[0]?.message).toContain('缺少命名分组 address');
    const slowPattern = await t.fail(
      'nursecall.ports.save',
      {
        path: '/dev/ttyUSB8',
        protocol: 'line',
        options: { pattern: String.raw`^CALL\s+(?<address>\d{1,900})$` },
      },
      t.adminToken,
    );
    expect(slowPattern.details?.fieldErrors?.[0]).toMatchObject({
      path: 'options.pattern',
      message: expect.stringContaining('太复杂'),
    });
    const dup = await t.fail(
      'nursecall.ports.save',
      { path: '/dev/ttyUSB9', protocol: 'espa444' },
      t.adminToken,
    );
    expect(dup.details?.fieldErrors?.[0]?.path).toBe('path');
    expect(await t.call('nursecall.ports.status', {}, nurse)).toEqual([
      expect.objectContaining({ id: saved.id, state: 'disabled', lastError: null }),
    ]);
    await t.call('nursecall.ports.remove', { id: saved.id }, t.adminToken);
    expect(await t.call('nursecall.ports.list', {}, t.adminToken)).toEqual([]);
  });

  it('enables a second controller only with its own address prefix, which keeps its calls apart', async () => {
    const first = await t.call(
      'nursecall.ports.save',
      { path: '/dev/ttyUSB0', protocol: 'espa444' },
      t.adminToken,
    );
    const second = { path: '/dev/ttyUSB1', protocol: 'espa444' as const };
    const unprefixed = await t.fail('nursecall.ports.save', second, t.adminToken);
    expect(unprefixed.details?.fieldErrors?.[0]).toMatchObject({
      path: 'options.addressPrefix',
      message: expect.stringContaining('请给这个串口填写地址前缀（例如 B-）'),
    });
    // Disabled, it may wait without a prefix.
    const parked = await t.call('nursecall.ports.save', { ...second, enabled: false }, t.adminToken);
    const bad = await t.fail(
      'nursecall.ports.save',
      { ...second, id: parked.id, options: { addressPrefix: 'B 1' } },
      t.adminToken,
    );
    expect(bad.details?.fieldErrors?.[0]).toEqual({
      path: 'options.addressPrefix',
      message: '地址前缀不能包含空格',
    });
    const saved = await t.call(
      'nursecall.ports.save',
      { ...second, id: parked.id, options: { addressPrefix: 'B-' } },
      t.adminToken,
    );
    const third = await t.fail(
      'nursecall.ports.save',
      { path: '/dev/ttyUSB2', protocol: 'line', options: { addressPrefix: 'B-' } },
      t.adminToken,
    );
    expect(third.details?.fieldErrors?.[0]?.message).toContain('已被串口“/dev/ttyUSB1”使用');

    // Both controllers number from 201: with the prefix a reset on B leaves A's call ringing.
    const decodeOn = (config: typeof saved, bytes: Uint8Array) =>
      createDecoder(config.protocol, config.options).feed(bytes, 0).events;
    const { calls } = t.core.services.nurseCall;
    calls.receive(first.id, decodeOn(first, encodeCall({ address: '201' })));
    calls.receive(saved.id, decodeOn(saved, encodeCall({ address: '201' })));
    expect((await t.call('nursecall.calls.active', {}, nurse)).map((c) => [c.address, c.portId])).toEqual([
      ['201', first.id],
      ['B-201', saved.id],
    ]);
    calls.receive(saved.id, decodeOn(saved, encodeReset('201')));
    expect((await t.call('nursecall.calls.active', {}, nurse)).map((c) => c.address)).toEqual(['201']);
  });

  it('lists the machine’s serial ports for those who configure them', async () => {
    expect(await t.call('nursecall.ports.available', {}, t.adminToken)).toEqual({
      ports: expect.any(Array),
      error: null,
    });
    expect((await t.fail('nursecall.ports.available', {}, nurse)).code).toBe('FORBIDDEN');
  });

  it('imports address mappings from Excel, all rows or none, from its own template', async () => {
    await t.call('nursecall.addresses.save', { address: '1', area: '大厅' }, t.adminToken);
    const template = await t.call('nursecall.addresses.template', {}, t.adminToken);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('呼叫地址')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '地址', '楼栋', '房间', '床号', '区域']);
    expect(sheet.getRow(2).values).toEqual([undefined, '1', '', '', '', '大厅']);
    expect(workbook.getWorksheet('床位清单')!.rowCount).toBe(11);

    const fill = async (rows: string[][]) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
      const s = wb.getWorksheet('呼叫地址')!;
      rows.forEach((r) => s.addRow(r));
      return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer).toString('base64');
    };
    const broken = await fill([
      ['3011', '1号楼', '301', '1', ''],
      ['3011', '1号楼', '302', '', ''],
      ['9', '2号楼', '101', '', ''],
      ['10', '1号楼', '301', '7', ''],
      ['11', '', '', '', ''],
    ]);
    const refused = await t.call('nursecall.addresses.import', { base64: broken }, t.adminToken);
    expect(refused).toEqual({
      imported: 0,
      problems: [
        { row: 4, column: '地址', reason: '地址 3011 与第 3 行重复，每个地址只能登记一次' },
        { row: 5, column: '楼栋', reason: '没有名为「2号楼」的楼栋，请核对楼栋名称' },
        { row: 6, column: '床号', reason: '1号楼 301 房间没有 7 床，请核对床号' },
        { row: 7, column: '区域', reason: '请填写楼栋和房间（床头呼叫器再填床号），或填写区域名称' },
      ],
    });
    expect(await t.call('nursecall.addresses.list', {}, nurse)).toHaveLength(1);

    wire(raise('3011'));
    const good = await fill([
      ['3011', '1号楼', '301', '1', ''],
      ['3020', '1号楼', '302室', '', '卫生间'],
    ]);
    expect(await t.call('nursecall.addresses.import', { base64: good }, t.adminToken)).toEqual({
      imported: 3,
      problems: [],
    });
    expect((await t.call('nursecall.addresses.list', {}, nurse)).map((m) => [m.address, m.label])).toEqual([
      ['1', '大厅'],
      ['3011', '1号楼 301-1床'],
      ['3020', '1号楼 302室 卫生间'],
    ]);
    // The call already ringing from 3011 now shows its bed.
    expect((await t.call('nursecall.calls.active', {}, nurse))[0]!.label).toBe('1号楼 301-1床');
    const audit = await t.call('audit.list', { module: 'nursecall', offset: 0, limit: 5 }, t.adminToken);
    expect(audit.rows.find((r) => r.entity === 'nurseCallAddressImport')).toMatchObject({
      username: 'admin',
    });

    const notExcel = await t.fail(
      'nursecall.addresses.import',
      { base64: Buffer.from('hello').toString('base64') },
      t.adminToken,
    );
    expect(notExcel.message).toContain('.xlsx');
  });

  it('shows a call the database cannot take right now, keeps retrying and stores it under the same id', async () => {
    const { calls } = t.core.services.nurseCall;
    // A write lock held by another connection makes this one's writes fail with SQLITE_BUSY.
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(t.dbPath, { timeout: 0 });
    t.core.sql.db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    expect(wire(raise('201'))).toBe(false);
    expect(calls.pendingCount()).toBe(1);
    const shown = await t.call('nursecall.calls.active', {}, nurse);
    expect(shown).toMatchObject([{ address: '201', label: '未登记的呼叫地址 201', status: 'raised' }]);
    expect(named('nursecall.raised').map((e) => e.payload.call.id)).toEqual([shown[0]!.id]);
    // The controller resends the unconfirmed block: the same call, not a repeat.
    expect(wire(raise('201'))).toBe(false);
    // Far longer than the old one-minute give-up: still waiting, still on the board.
    for (let i = 0; i < 120; i++) calls.tick();
    expect(calls.pendingCount()).toBe(1);
    expect(await t.call('nursecall.calls.active', {}, nurse)).toEqual(shown);
    other.exec('ROLLBACK');
    other.close();
    calls.tick();
    expect(calls.pendingCount()).toBe(0);
    const stored = await t.call('nursecall.calls.active', {}, nurse);
    expect(stored).toMatchObject([
      { id: shown[0]!.id, address: '201', raisedAt: '2026-11-25T02:00:00.000Z', repeats: 0 },
    ]);
    expect(named('nursecall.raised').map((e) => e.payload.call.id)).toEqual([shown[0]!.id, shown[0]!.id]);
    expect(named('nursecall.cleared')).toEqual([]);
  });

  it('hides an unstored call when its reset arrives, and stores both in order later', async () => {
    const { calls } = t.core.services.nurseCall;
    const Database = (await import('better-sqlite3')).default;
    const other = new Database(t.dbPath, { timeout: 0 });
    t.core.sql.db.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    wire(raise('201'));
    wire(reset('201'));
    expect(await t.call('nursecall.calls.active', {}, nurse)).toEqual([]);
    other.exec('ROLLBACK');
    other.close();
    calls.tick();
    expect(calls.pendingCount()).toBe(0);
    expect(await t.call('nursecall.calls.active', {}, nurse)).toEqual([]);
    const rows = t.core.sql.db.prepare('SELECT status, cleared_how FROM nursecall_calls').all();
    expect(rows).toEqual([{ status: 'cleared', cleared_how: 'panel' }]);
  });

  it('stores a call with its raw address when the location lookup fails', async () => {
    const { addresses } = t.core.services.nurseCall;
    const spy = vi.spyOn(addresses, 'placeFor').mockImplementation(() => {
      throw new Error('bed board unavailable');
    });
    try {
      expect(wire(raise('3011'))).toBe(true);
    } finally {
      spy.mockRestore();
    }
    expect(await t.call('nursecall.calls.active', {}, nurse)).toMatchObject([
      { address: '3011', label: '未登记的呼叫地址 3011', mapped: false },
    ]);
  });
});
