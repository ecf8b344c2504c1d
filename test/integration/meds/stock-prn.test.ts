import { afterEach, describe, expect, it } from 'vitest';
import { admitted, drug, medsSetUp, order, type MedsSetUp } from './support';

let t: MedsSetUp | undefined;
afterEach(() => t?.close());

const at = (local: string) => new Date(`${local}+08:00`).toISOString();

describe('medicines kept for residents', () => {
  it('thirty tablets less three half tablets is exactly 28.5, taken first-expiry-first-out', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    await t.call(
      'meds.stock.receive',
      {
        residentId: rid,
        drugId: d,
        quantity: '20',
        batchNo: 'B2',
        expiresOn: '2027-06-30',
        source: '家属送药',
      },
      t.nurse,
    );
    const receipt = await t.call(
      'meds.stock.receive',
      {
        residentId: rid,
        drugId: d,
        quantity: '10',
        batchNo: 'B1',
        expiresOn: '2027-01-31',
        source: '家属送药',
        entrustedBy: '王建军',
      },
      t.nurse,
    );
    expect(receipt.quantity).toBe('10');
    expect((await t.call('meds.stock.receipt', { receiptId: receipt.receiptId }, t.nurse)).entrustedBy).toBe(
      '王建军',
    );
    await order(t, rid, d, { dose: '0.5', schedule: { times: ['10:00', '14:00', '18:00'] } });
    const mar = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    await t.call('meds.administer', { doseId: mar[0]!.doseId, outcome: 'given' }, t.nurse);
    t.clock.set(at('2026-11-25T14:00:00'));
    await t.call('meds.administer', { doseId: mar[1]!.doseId, outcome: 'given' }, t.nurse);
    t.clock.set(at('2026-11-25T18:00:00'));
    await t.call('meds.administer', { doseId: mar[2]!.doseId, outcome: 'given' }, t.nurse);
    const stock = await t.call('meds.stock.list', { residentId: rid }, t.nurse);
    expect(stock.map((s) => [s.batchNo, s.quantity])).toEqual([
      ['B1', '8.5'],
      ['B2', '20'],
    ]);
    const total = stock.reduce((s, b) => s + Number(b.quantity) * 10, 0) / 10;
    expect(total).toBe(28.5);

    // A correction puts the dose back.
    await t.call('meds.correct', { doseId: mar[2]!.doseId, reason: '实际未服' }, t.nurse);
    expect((await t.call('meds.stock.list', { residentId: rid }, t.nurse))[0]!.quantity).toBe('9');
  });

  it('a dose larger than the stock is refused with STOCK_SHORT and can be held with 缺药', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    await t.call(
      'meds.stock.receive',
      { residentId: rid, drugId: d, quantity: '1.5', expiresOn: '2027-01-31', source: '家属送药' },
      t.nurse,
    );
    await order(t, rid, d, { dose: '2', schedule: { times: ['10:00'] } });
    const [dose] = await t.call('meds.mar', { date: '2026-11-25' }, t.nurse);
    const short = await t.fail('meds.administer', { doseId: dose!.doseId, outcome: 'given' }, t.nurse);
    expect(short.code).toBe('STOCK_SHORT');
    expect(short.details).toMatchObject({
      needed: '2',
      available: '1.5',
      offer: { outcome: 'held', reason: '缺药' },
    });
    expect((await t.call('meds.stock.list', { residentId: rid }, t.nurse))[0]!.quantity).toBe('1.5');
    const held = await t.call(
      'meds.administer',
      { doseId: dose!.doseId, outcome: 'held', reason: '缺药' },
      t.nurse,
    );
    expect(held.status).toBe('held');
  });

  it('a count keeps the difference as an adjustment; disposal needs a witness and cannot exceed the stock', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    await t.call(
      'meds.stock.receive',
      {
        residentId: rid,
        drugId: d,
        quantity: '30',
        batchNo: 'A',
        expiresOn: '2026-12-10',
        source: '医院带回',
      },
      t.nurse,
    );
    const noWitness = await t.fail(
      'meds.stock.count',
      { residentId: rid, drugId: d, counted: '29' },
      t.nurse,
    );
    expect(noWitness.code).toBe('VALIDATION');
    const count = await t.call(
      'meds.stock.count',
      { residentId: rid, drugId: d, counted: '29.5', witnessId: t.nurse2Id, reason: '掉落半片' },
      t.nurse,
    );
    expect(count).toMatchObject({ expected: '30', counted: '29.5', difference: '-0.5', reason: '掉落半片' });
    const ledger = await t.call('meds.stock.ledger', { residentId: rid }, t.nurse);
    expect(ledger.map((m) => [m.kind, m.quantity, m.balance])).toEqual([
      ['receive', '30', '30'],
      ['adjust', '-0.5', '29.5'],
    ]);
    const tooMuch = await t.fail(
      'meds.stock.dispose',
      { residentId: rid, drugId: d, quantity: '30', reason: '过期', witnessId: t.nurse2Id },
      t.nurse,
    );
    expect(tooMuch.code).toBe('STOCK_SHORT');
    const left = await t.call(
      'meds.stock.dispose',
      { residentId: rid, drugId: d, quantity: '9.5', reason: '退还家属', witnessId: t.nurse2Id },
      t.nurse,
    );
    expect(left[0]!.quantity).toBe('20');

    // Within 30 days of expiry: an alert.
    const alerts = await t.call('alerts.list', {}, t.nurse);
    expect(alerts.some((a) => a.kind === 'meds.stockExpiring' && a.title.includes('2026-12-10'))).toBe(true);
  });

  it('stock for three days of doses or less raises meds.stockLow', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t);
    await order(t, rid, d, { dose: '1', schedule: { times: ['08:00', '20:00'] } });
    await t.call(
      'meds.stock.receive',
      { residentId: rid, drugId: d, quantity: '7', expiresOn: '2027-06-30', source: '家属送药' },
      t.nurse,
    );
    const low = async () =>
      (await t!.call('alerts.list', {}, t!.nurse)).filter((a) => a.kind === 'meds.stockLow');
    expect(await low()).toEqual([]);
    await t.call(
      'meds.stock.count',
      { residentId: rid, drugId: d, counted: '6', witnessId: t.nurse2Id },
      t.nurse,
    );
    expect((await low()).map((a) => a.title)).toEqual(['张桂兰 的 氨氯地平片 只够 3 天']);
  });
});

describe('PRN', () => {
  it('refuses a dose inside the minimum interval or over the daily maximum, saying when the next is allowed', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const d = await drug(t, { name: '对乙酰氨基酚片', spec: '0.5g×12片' });
    const o = await order(t, rid, d, {
      schedule: { prn: { indication: '发热≥38.5℃或疼痛', minIntervalHours: 4, maxPerDay: 2 } },
    });
    expect(await t.call('meds.mar', { date: '2026-11-25' }, t.nurse)).toEqual([]);
    const first = await t.call(
      'meds.prn.give',
      { orderId: o.orderId, indication: '头痛 评分5', at: at('2026-11-25T06:00:00') },
      t.nurse,
    );
    expect(first.nextAllowedAt).toBe(at('2026-11-25T10:00:00'));
    t.clock.set(at('2026-11-25T09:59:00'));
    const soon = await t.fail('meds.prn.give', { orderId: o.orderId, indication: '头痛' }, t.nurse);
    expect(soon.code).toBe('PRN_LIMIT');
    expect(soon.details?.nextAllowedAt).toBe(at('2026-11-25T10:00:00'));
    expect(soon.message).toContain('10:00');
    t.clock.set(at('2026-11-25T10:00:00'));
    await t.call('meds.prn.give', { orderId: o.orderId, indication: '头痛' }, t.nurse);
    t.clock.set(at('2026-11-25T15:00:00'));
    const third = await t.fail('meds.prn.give', { orderId: o.orderId, indication: '头痛' }, t.nurse);
    expect(third.code).toBe('PRN_LIMIT');
    expect(third.details?.nextAllowedAt).toBe(at('2026-11-26T00:00:00'));
  });

  it('the effect is due 30–60 minutes later and recorded once', async () => {
    t = await medsSetUp();
    const rid = await admitted(t, '张桂兰', '301-1');
    const o = await order(t, rid, await drug(t), {
      schedule: { prn: { indication: '疼痛', minIntervalHours: 6, maxPerDay: 3 } },
    });
    const given = await t.call('meds.prn.give', { orderId: o.orderId, indication: '腰痛' }, t.nurse);
    const due = async () =>
      (await t!.call('alerts.list', {}, t!.nurse)).filter((a) => a.kind === 'meds.prnEffectDue');
    t.clock.advance(29 * 60_000);
    expect(await due()).toEqual([]);
    t.clock.advance(60_000);
    expect((await due()).map((a) => a.severity)).toEqual(['warning']);
    t.clock.advance(31 * 60_000);
    expect((await due()).map((a) => a.severity)).toEqual(['critical']);
    const done = await t.call('meds.prn.effect', { doseId: given.doseId, effect: '疼痛缓解' }, t.nurse);
    expect(done.effect).toBe('疼痛缓解');
    expect(await due()).toEqual([]);
    expect((await t.fail('meds.prn.effect', { doseId: given.doseId, effect: 'x' }, t.nurse)).code).toBe(
      'ALREADY_RECORDED',
    );
  });

  it('one resident’s PRN doses are found however many the rest of the home was given since', async () => {
    t = await medsSetUp();
    const a = await admitted(t, '张桂兰', '301-1');
    const b = await admitted(t, '李秀英', '302-1');
    const d = await drug(t, { name: '对乙酰氨基酚片', spec: '0.5g×12片' });
    const prn = { schedule: { prn: { indication: '疼痛', minIntervalHours: 1, maxPerDay: 24 } } };
    const mine = await order(t, a, d, prn);
    const theirs = await order(t, b, d, prn);
    await t.call(
      'meds.prn.give',
      { orderId: mine.orderId, indication: '腰痛', at: at('2026-11-21T09:00:00') },
      t.nurse,
    );
    // 600 later doses for the other resident, written as the generator writes history.
    const db = t.core.sql.db;
    const insert = db.prepare(
      `INSERT INTO meds_records (kind, dose_key, order_id, order_version, resident_id, drug_id, due_on, due_at,
       outcome, dose_e4, at, recorded_at, by_user, witness_id, reason, indication)
       VALUES ('prn', NULL, ?, 1, ?, ?, ?, NULL, 'given', 10000, ?, ?, ?, NULL, '', '头痛')`,
    );
    db.transaction(() => {
      for (let i = 0; i < 600; i += 1) {
        const when = new Date(Date.parse(at('2026-11-22T00:00:00')) + i * 3_600_000).toISOString();
        insert.run(theirs.orderId, b, d, when.slice(0, 10), when, when, t!.nurseId);
      }
    })();
    const list = await t.call('meds.prn.list', { residentId: a }, t.nurse);
    expect(list.map((p) => p.indication)).toEqual(['腰痛']);
    const month = await t.call('meds.monthly', { residentId: a, month: '2026-11' }, t.nurse);
    expect(month.prn.map((p) => [p.at, p.indication])).toEqual([[at('2026-11-21T09:00:00'), '腰痛']]);
    // The other resident's month lists its doses oldest first.
    const theirMonth = await t.call('meds.monthly', { residentId: b, month: '2026-11' }, t.nurse);
    expect(theirMonth.prn.length).toBeGreaterThan(100);
    expect(theirMonth.prn.map((p) => p.at)).toEqual([...theirMonth.prn.map((p) => p.at)].sort());
  });
});
