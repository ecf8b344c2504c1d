import { afterEach, describe, expect, it } from 'vitest';
import { admitted, billingSetUp, moveTo, type BillingSetUp } from './support';

let t: BillingSetUp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

describe('settings, charges and the prepaid ledgers', () => {
  it('÷ 30 on request, pass-through kept out of revenue, payer statement, prepayment and membership rules', async () => {
    const s = await billingSetUp('2026-12-01');
    t = s;
    const id = await admitted(s, '周玉兰', '301-1', '2026-12-01');
    await moveTo(s, '2027-01-02');
    await s.call(
      'residents.discharge',
      { id, dischargedOn: '2027-01-01', reason: 'voluntary' },
      s.adminToken,
    );
    // Admitted 1 Dec 2026 and discharged 1 Jan 2027: a whole December, nothing in January.
    const config = await s.call('billing.updateConfig', { proRate: 'thirtyDays' }, s.adminToken);
    expect(config).toMatchObject({ proRate: 'thirtyDays', leaveThresholdDays: 3, leaveMode: 'allDays' });
    await s.call(
      'billing.charges.add',
      { residentId: id, name: '代购药品', amountFen: 12_345, on: '2026-12-20', kind: 'passThrough' },
      s.adminToken,
    );
    await s.call(
      'billing.payers.set',
      {
        residentId: id,
        payers: [
          { kind: 'subsidy', name: '特困供养', fixedFen: 50_000, itemKinds: ['bed'], from: '2026-12-01' },
        ],
      },
      s.adminToken,
    );
    const preview = await s.call('billing.runs.preview', { month: '2026-12' }, s.adminToken);
    const lines = preview.residents[0]!.lines;
    expect(
      lines.map((l) => [l.item.startsWith('charge:') ? 'charge' : l.item, l.billedDays, l.base, l.amountFen]),
    ).toEqual([
      ['BED2', 31, 30, 150_000],
      ['CARE2', 31, 30, 120_000],
      ['MEAL', 31, 30, 60_000],
      ['charge', null, null, 12_345],
    ]);
    await s.call('billing.runs.issue', { month: '2026-12' }, s.adminToken);
    // Nothing is left for January: no night held, the charge already billed.
    expect((await s.call('billing.runs.preview', { month: '2027-01' }, s.adminToken)).residents).toEqual([]);
    const income = await s.call('billing.reports.income', { month: '2026-12' }, s.adminToken);
    expect(income).toMatchObject({
      invoicedFen: 342_345,
      passThroughFen: 12_345,
      revenueFen: 330_000,
      invoices: 1,
    });
    expect(await s.call('billing.payers.statement', { month: '2026-12' }, s.adminToken)).toMatchObject([
      { payerKind: 'subsidy', payerName: '特困供养', residentName: '周玉兰', amountFen: 50_000 },
    ]);
    // The charge is billed once.
    expect((await s.call('billing.charges.list', { residentId: id }, s.adminToken))[0]!.invoiceNumber).toBe(
      '2027-000001',
    );
  });

  it('prepaid services at most 12 months, paid from the prepayment ledger; no membership fees for a public home', async () => {
    const s = await billingSetUp('2026-12-01');
    t = s;
    const id = await admitted(s, '吴桂英', '301-1', '2026-12-01');
    // Monthly 150000 + 120000 + 60000 = 330000; 12 months = 3960000.
    const tooMuch = await s.fail(
      'billing.ledgers.receive',
      { residentId: id, ledger: 'prepayment', amountFen: 3_960_001, method: 'cash', on: '2026-12-01' },
      s.adminToken,
    );
    expect(tooMuch.message).toContain('12 个月');
    await s.call(
      'billing.ledgers.receive',
      { residentId: id, ledger: 'prepayment', amountFen: 3_960_000, method: 'cash', on: '2026-12-01' },
      s.adminToken,
    );
    await moveTo(s, '2027-01-02');
    await s.call('billing.runs.issue', { month: '2026-12' }, s.adminToken);
    const paid = await s.call(
      'billing.payments.record',
      { residentId: id, amountFen: 330_000, method: 'prepayment', paidOn: '2027-01-02' },
      s.adminToken,
    );
    expect(paid.allocations).toEqual([
      { invoiceNumber: '2027-000001', month: '2026-12', amountFen: 330_000 },
    ]);
    const account = await s.call('billing.accounts.get', { residentId: id }, s.adminToken);
    expect(account).toMatchObject({ balanceFen: 0, prepaymentFen: 3_630_000 });
    const refund = await s.call(
      'billing.ledgers.refund',
      {
        residentId: id,
        ledger: 'prepayment',
        amountFen: 630_000,
        on: '2027-01-02',
        reason: '家属要求退回部分预交金',
      },
      s.adminToken,
    );
    expect(refund).toMatchObject({ amountFen: -630_000, balanceFen: 3_000_000 });

    await s.call('institution.update', { name: '幸福里颐养中心', nature: 'public' }, s.adminToken);
    const membership = await s.fail(
      'billing.ledgers.receive',
      { residentId: id, ledger: 'membership', amountFen: 100_000, method: 'cash', on: '2027-01-02' },
      s.adminToken,
    );
    expect(membership).toMatchObject({ code: 'PRECONDITION' });
    expect(membership.message).toContain('不得收取会员费');
  });
});
