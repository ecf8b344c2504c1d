import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { admitted, drug, medsSetUp, order, receiveStock, type MedsSetUp } from './support';

let t: MedsSetUp | undefined;
afterEach(() => t?.close());

// The FakeClock starts at 2026-11-25T02:00Z = 10:00 in Shanghai.
const at = (local: string) => new Date(`${local}+08:00`).toISOString();

async function narcotic(t: MedsSetUp, rid: number, quantity = '10') {
  const d = await drug(t, {
    name: '盐酸吗啡缓释片',
    spec: '10mg×10片',
    controlled: 'narcotic',
    highAlert: true,
  });
  await t.call(
    'meds.stock.receive',
    {
      residentId: rid,
      drugId: d,
      quantity,
      batchNo: 'M1',
      expiresOn: '2027-06-30',
      source: '医院带回',
      witnessId: t.nurse2Id,
    },
    t.nurse,
  );
  return d;
}

/** Moves the clock; sessions idle for hours expire, so the nurses sign in again as a new shift would. */
async function jump(t: MedsSetUp, local: string) {
  t.clock.set(at(local));
  t.nurse = await t.login('nurse1', 'nurse1-password');
  t.caregiver = await t.login('carer1', 'carer1-password');
}

const missing = async (t: MedsSetUp) =>
  (await t.call('alerts.list', {}, t.nurse)).filter((a) => a.kind === 'meds.handoverCountMissing');

describe('controlled drugs counted by two people at each shift handover', () => {
  it('lists each resident’s controlled stock per handover and alerts when a handover passed uncounted', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const other = await admitted(t, '李德福', '301-2');
    const morphine = await narcotic(t, rid);
    // An ordinary drug is not counted at handover.
    const plain = await drug(t);
    await t.call(
      'meds.stock.receive',
      { residentId: other, drugId: plain, quantity: '28', expiresOn: '2027-06-30', source: '家属送药' },
      t.nurse,
    );

    // 10:00: the latest handover begun is 08:00, when the morphine was not yet here.
    const morning = await t.call('meds.handover', {}, t.nurse);
    expect([morning.date, morning.time, morning.label]).toEqual(['2026-11-25', '08:00', '夜班 → 白班']);
    expect(morning.items).toEqual([]);
    expect(morning.day.map((h) => [h.time, h.status])).toEqual([
      ['00:00', 'done'],
      ['08:00', 'done'],
      ['16:00', 'upcoming'],
    ]);

    // 15:30: the 16:00 handover's window (15:00–17:00) is open; the morphine must be counted.
    await jump(t, '2026-11-25T15:30:00');
    const open = await t.call('meds.handover', {}, t.nurse);
    expect([open.time, open.status, open.total, open.counted]).toEqual(['16:00', 'open', 1, 0]);
    expect(open.items[0]).toMatchObject({
      residentName: '张桂兰',
      drug: '盐酸吗啡缓释片',
      controlled: 'narcotic',
      required: true,
      expected: '10',
      count: null,
    });
    expect(await missing(t)).toEqual([]);

    // 16:59 still inside the window; at 17:00 it has closed without a count.
    await jump(t, '2026-11-25T16:59:00');
    expect(await missing(t)).toEqual([]);
    await jump(t, '2026-11-25T17:00:00');
    const alerts = await missing(t);
    expect(alerts.map((a) => [a.subject.id, a.severity, a.actionProcedure])).toEqual([
      [at('2026-11-25T16:00:00'), 'critical', 'meds.stock.count'],
    ]);
    expect(alerts[0]!.title).toBe('11月25日 16:00 交接班未双人清点精神/麻醉药品');
    expect(alerts[0]!.detail).toContain('张桂兰（');
    expect(alerts[0]!.detail).toContain('盐酸吗啡缓释片');
    expect(alerts[0]!.link).toBe('/meds/handover?date=2026-11-25&time=16:00');
    expect((await t.call('meds.handover', { date: '2026-11-25', time: '16:00' }, t.nurse)).status).toBe(
      'missed',
    );
    // Caregivers read medication records, so they see it too.
    expect(
      (await t.call('alerts.list', {}, t.caregiver)).some((a) => a.kind === 'meds.handoverCountMissing'),
    ).toBe(true);

    // The count needs a second person, not the caller.
    await expect(
      t.call(
        'meds.stock.count',
        { residentId: rid, drugId: morphine, counted: '10', witnessId: t.nurseId },
        t.nurse,
      ),
    ).rejects.toThrow(/VALIDATION 核对人不能是自己/);

    // A late count (补点) at 17:30 shows under the 16:00 handover, which stays missed.
    await jump(t, '2026-11-25T17:30:00');
    await t.call(
      'meds.stock.count',
      { residentId: rid, drugId: morphine, counted: '10', witnessId: t.nurse2Id },
      t.nurse,
    );
    const late = await t.call('meds.handover', { date: '2026-11-25', time: '16:00' }, t.nurse);
    expect([late.status, late.counted, late.countable, late.items[0]!.count?.late]).toEqual([
      'missed',
      0,
      true,
      true,
    ]);
    expect((await missing(t)).map((a) => a.subject.id)).toEqual([at('2026-11-25T16:00:00')]);

    // Counted at 23:30 with a witness: it belongs to the 00:00 handover of the next day.
    await jump(t, '2026-11-25T23:30:00');
    await t.call(
      'meds.stock.count',
      { residentId: rid, drugId: morphine, counted: '10', witnessId: t.nurse2Id },
      t.nurse,
    );
    const midnight = await t.call('meds.handover', {}, t.nurse);
    expect([midnight.date, midnight.time, midnight.label, midnight.status]).toEqual([
      '2026-11-26',
      '00:00',
      '中班 → 夜班',
      'done',
    ]);
    expect(midnight.items[0]!.count).toMatchObject({
      counted: '10',
      difference: '0',
      witness: expect.any(String),
    });
    await jump(t, '2026-11-26T01:01:00');
    // The 16:00 miss stays for a day; the counted midnight handover raises nothing.
    expect((await missing(t)).map((a) => a.subject.id)).toEqual([at('2026-11-25T16:00:00')]);
    // A day later the old miss has dropped off.
    await jump(t, '2026-11-26T17:30:00');
    expect((await missing(t)).map((a) => a.subject.id)).toEqual([
      at('2026-11-26T08:00:00'),
      at('2026-11-26T16:00:00'),
    ]);
  });

  it('takes the handover times from the rota’s shifts', async () => {
    t = await medsSetUp();
    const shifts = await t.call('rota.shifts', {}, t.adminToken);
    const day = shifts.find((s) => s.start === '08:00')!;
    await t.call(
      'rota.saveShift',
      { id: day.id, name: day.name, start: '07:30', end: day.end },
      t.adminToken,
    );
    const night = shifts.find((s) => s.end === '08:00')!;
    await t.call(
      'rota.saveShift',
      { id: night.id, name: night.name, start: night.start, end: '07:30' },
      t.adminToken,
    );
    const h = await t.call('meds.handover', { date: '2026-11-25' }, t.nurse);
    await expect(t.call('meds.handover', { date: '2026-11-25', time: '08:00' }, t.nurse)).rejects.toThrow(
      /08:00 没有交接班，请选 00:00、07:30、16:00 中的一个/,
    );
    expect(h.day.map((x) => [x.time, x.label])).toEqual([
      ['00:00', '中班 → 夜班'],
      ['07:30', '夜班 → 白班'],
      ['16:00', '白班 → 中班'],
    ]);
  });
});

describe('missed doses on the workbench', () => {
  it('groups the missed doses of one resident and day into one alert that lists them', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const other = await admitted(t, '李德福', '301-2');
    const a = await drug(t);
    const b = await drug(t, { name: '阿司匹林肠溶片', spec: '100mg×30片' });
    await order(t, rid, a, { schedule: { times: ['07:00', '08:00'] }, startOn: '2026-11-25' });
    await order(t, rid, b, { schedule: { times: ['08:00'] }, startOn: '2026-11-25' });
    await order(t, other, a, { schedule: { times: ['08:00'] }, startOn: '2026-11-25' });
    const alerts = (await t.call('alerts.list', {}, t.nurse)).filter((x) => x.kind === 'meds.doseMissed');
    expect(alerts.map((x) => x.subject.id).sort()).toEqual(
      [`${rid}@2026-11-25`, `${other}@2026-11-25`].sort(),
    );
    const mine = alerts.find((x) => x.subject.id === `${rid}@2026-11-25`)!;
    expect(mine.title).toBe('张桂兰 11月25日 漏给 3 次药');
    expect(mine.detail).toContain('07:00 氨氯地平片 1片');
    expect(mine.detail).toContain('08:00 阿司匹林肠溶片 1片');
    expect(alerts.find((x) => x.subject.id === `${other}@2026-11-25`)!.title).toBe(
      '李德福 08:00 的 氨氯地平片 漏给',
    );
  });
});

describe('the audit log and Excel exports', () => {
  it('names a disposal by drug, batch and quantity', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    await receiveStock(t, rid, d);
    await t.call(
      'meds.stock.dispose',
      { residentId: rid, drugId: d, quantity: '2.5', reason: '退还家属', witnessId: t.nurse2Id },
      t.nurse,
    );
    const { rows } = await t.call('audit.list', { module: 'meds', limit: 50 }, t.adminToken);
    const disposal = rows.find((r) => r.entity === 'stockDisposal')!;
    expect(disposal.subjectName).toBe('氨氯地平片 批号 B7 2.5片');
  });

  it('exports a month’s MAR and the stock ledger as workbooks', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    await receiveStock(t, rid, d);
    await order(t, rid, d, { schedule: { times: ['10:00'] }, startOn: '2026-11-24' });
    const [dose] = await t.call('meds.mar', { date: '2026-11-25', residentId: rid }, t.nurse);
    await t.call('meds.administer', { doseId: dose!.doseId, outcome: 'given' }, t.nurse);

    const read = async (base64: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
      return wb.worksheets[0]!;
    };
    const marFile = await t.call(
      'meds.export',
      { what: 'mar', residentId: rid, month: '2026-11' },
      t.caregiver,
    );
    expect(marFile.fileName).toBe('给药记录-张桂兰-2026-11.xlsx');
    const mar = await read(marFile.base64);
    expect(mar.getRow(2).values).toEqual(expect.arrayContaining(['药品', '时间', '1', '30']));
    const row = mar.getRow(3);
    // 24th: missed (no record); 25th: given by the nurse (initials); 26th: not yet.
    expect(row.getCell(5 + 24).value).toBe('漏');
    expect(String(row.getCell(5 + 25).value)).not.toBe('');
    expect(row.getCell(5 + 26).value).toBe('');

    const ledger = await read(
      (await t.call('meds.export', { what: 'ledger', residentId: rid }, t.nurse)).base64,
    );
    expect(
      [2, 3, 4].map((r) => [ledger.getRow(r).getCell(5).value, ledger.getRow(r).getCell(7).value]),
    ).toEqual([
      ['类别', '结存'],
      ['入库', '30'],
      ['给药', '29'],
    ]);
    const { rows } = await t.call('audit.list', { module: 'meds', limit: 50 }, t.adminToken);
    expect(rows.filter((r) => r.entity === 'medsExport')).toHaveLength(2);
  });
});
