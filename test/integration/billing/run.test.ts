import { afterEach, describe, expect, it } from 'vitest';
import { admitted, billingSetUp, moveTo, type BillingSetUp } from './support';

let t: BillingSetUp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

/**
 * November 2026 (30 days), built day by day through the residents module:
 * 张 in since 15 October (二级), set to 一级 from 16 November;
 * 李 admitted 1 November (二级), in hospital 5 → 12 November (6 full days), long-term-care insurance;
 * 王 admitted 20 November (一级), discharged 25 November, with a subsidy.
 */
async function november(): Promise<{ zhang: number; li: number; wang: number; s: BillingSetUp }> {
  const s = await billingSetUp('2026-11-01');
  const zhang = await admitted(s, '张桂兰', '301-1', '2026-10-15');
  const li = await admitted(s, '李秀英', '301-2', '2026-11-01');
  await moveTo(s, '2026-11-05');
  await s.call('residents.startLeave', { id: li, kind: 'hospital', startOn: '2026-11-05' }, s.adminToken);
  await moveTo(s, '2026-11-12');
  await s.call('residents.endLeave', { id: li, returnedOn: '2026-11-12' }, s.adminToken);
  await moveTo(s, '2026-11-16');
  await s.call('residents.setCareGrade', { id: zhang, grade: '一级', reason: '病情加重' }, s.adminToken);
  await moveTo(s, '2026-11-20');
  const wang = await admitted(s, '王淑珍', '302-1', '2026-11-20', 30);
  await moveTo(s, '2026-11-25');
  await s.call(
    'residents.discharge',
    { id: wang, dischargedOn: '2026-11-25', reason: 'voluntary' },
    s.adminToken,
  );
  await s.call(
    'billing.payers.set',
    {
      residentId: li,
      payers: [
        {
          kind: 'ltcInsurance',
          name: '长护险',
          percent: 70,
          capFen: 50_000,
          itemKinds: ['care'],
          from: '2026-01-01',
        },
      ],
    },
    s.adminToken,
  );
  await s.call(
    'billing.payers.set',
    {
      residentId: wang,
      payers: [
        { kind: 'subsidy', name: '高龄津贴', fixedFen: 20_000, itemKinds: ['bed'], from: '2026-01-01' },
      ],
    },
    s.adminToken,
  );
  await moveTo(s, '2026-12-01');
  return { zhang, li, wang, s };
}

const brief = (
  lines: Array<{ item: string; from: string; to: string; billedDays: number | null; amountFen: number }>,
) => lines.map((l) => [l.item, l.from, l.to, l.billedDays, l.amountFen]);

describe('the monthly run', () => {
  it('bills November by the hotel-night rule, leave, a grade change and payers, then issues it once', async () => {
    const { zhang, li, wang, s } = await november();
    t = s;
    const preview = await s.call('billing.runs.preview', { month: '2026-11' }, s.adminToken);
    const of = (id: number) => preview.residents.find((r) => r.residentId === id)!;
    expect(brief(of(zhang).lines)).toEqual([
      ['BED2', '2026-11-01', '2026-11-30', 30, 150_000],
      // 120000 × 15 ÷ 30 and 200000 × 15 ÷ 30
      ['CARE2', '2026-11-01', '2026-11-15', 15, 60_000],
      ['CARE1', '2026-11-16', '2026-11-30', 15, 100_000],
      ['MEAL', '2026-11-01', '2026-11-30', 30, 60_000],
    ]);
    // 6 full days of hospital: care and meals 24 of 30 days, the bed continues.
    expect(brief(of(li).lines)).toEqual([
      ['BED2', '2026-11-01', '2026-11-30', 30, 150_000],
      ['CARE2', '2026-11-01', '2026-11-30', 24, 96_000],
      ['MEAL', '2026-11-01', '2026-11-30', 24, 48_000],
    ]);
    // 70% of 96000 = 67200, capped at 50000.
    expect(of(li).lines[1]!.payerShares).toEqual([
      { kind: 'ltcInsurance', name: '长护险', amountFen: 50_000 },
      { kind: 'resident', name: '本人/家属', amountFen: 46_000 },
    ]);
    expect(of(li).residentFen).toBe(244_000);
    // In 20th → out 25th: 5 nights. 200000 × 5 ÷ 30 = 33333.3 → 33333; subsidy 20000 × 5 ÷ 30 → 3333.
    expect(brief(of(wang).lines)).toEqual([
      ['BED2', '2026-11-20', '2026-11-24', 5, 25_000],
      ['CARE1', '2026-11-20', '2026-11-24', 5, 33_333],
      ['MEAL', '2026-11-20', '2026-11-24', 5, 10_000],
    ]);
    expect(of(wang).lines[0]!.payerShares[0]).toEqual({
      kind: 'subsidy',
      name: '高龄津贴',
      amountFen: 3_333,
    });
    expect(preview.totals.totalFen).toBe(370_000 + 294_000 + 68_333);

    const issued = await s.call('billing.runs.issue', { month: '2026-11' }, s.adminToken);
    expect(issued).toMatchObject({
      invoices: 3,
      totalFen: 732_333,
      firstNumber: '2026-000001',
      lastNumber: '2026-000003',
    });
    const again = await s.fail('billing.runs.issue', { month: '2026-11' }, s.adminToken);
    expect(again.code).toBe('ALREADY_ISSUED');
    const invoices = await s.call('billing.invoices.list', { month: '2026-11' }, s.adminToken);
    expect(invoices.map((i) => [i.number, i.residentName, i.totalFen])).toEqual([
      ['2026-000001', '张桂兰', 370_000],
      ['2026-000002', '李秀英', 294_000],
      ['2026-000003', '王淑珍', 68_333],
    ]);

    // Admitted after the run, backdated to 28 November: issued on its own, next number.
    const zhao = await admitted(s, '赵玉梅', '302-2', '2026-11-28');
    const single = await s.call(
      'billing.invoices.issueFor',
      { residentId: zhao, month: '2026-11' },
      s.adminToken,
    );
    expect(single.number).toBe('2026-000004');
    expect(brief(single.lines)[0]).toEqual(['BED2', '2026-11-28', '2026-11-30', 3, 15_000]);
    expect(
      (await s.fail('billing.invoices.issueFor', { residentId: zhao, month: '2026-11' }, s.adminToken)).code,
    ).toBe('ALREADY_ISSUED');

    // A correction is a credit note; the invoice itself stays as issued.
    const note = await s.call(
      'billing.invoices.credit',
      { invoiceId: invoices[2]!.id, reason: '入住登记有误' },
      s.adminToken,
    );
    expect(note).toMatchObject({
      number: '2026-000005',
      kind: 'credit',
      totalFen: -68_333,
      creditOf: '2026-000003',
    });
    expect((await s.call('billing.invoices.get', { id: invoices[2]!.id }, s.adminToken)).totalFen).toBe(
      68_333,
    );
    expect((await s.call('billing.invoices.get', { id: invoices[2]!.id }, s.adminToken)).openFen).toBe(0);
  });

  it('payments go to the oldest open invoice; a voided payment stops counting', async () => {
    const { zhang, s } = await november();
    t = s;
    await s.call('billing.runs.issue', { month: '2026-11' }, s.adminToken);
    const first = await s.call(
      'billing.payments.record',
      { residentId: zhang, amountFen: 200_000, method: 'cash', paidOn: '2026-12-01' },
      s.adminToken,
    );
    expect(first.receiptNo).toBe('SJ2026-000001');
    expect(first.allocations).toEqual([
      { invoiceNumber: '2026-000001', month: '2026-11', amountFen: 200_000 },
    ]);
    expect((await s.call('billing.accounts.get', { residentId: zhang }, s.adminToken)).balanceFen).toBe(
      170_000,
    );
    const second = await s.call(
      'billing.payments.record',
      { residentId: zhang, amountFen: 200_000, method: 'wechat', paidOn: '2026-12-01' },
      s.adminToken,
    );
    expect(second.unallocatedFen).toBe(30_000);
    expect((await s.call('billing.accounts.get', { residentId: zhang }, s.adminToken)).balanceFen).toBe(
      -30_000,
    );
    const voided = await s.call(
      'billing.payments.void',
      { paymentId: first.id, reason: '重复收款' },
      s.adminToken,
    );
    expect(voided.voided).toBe(true);
    const account = await s.call('billing.accounts.get', { residentId: zhang }, s.adminToken);
    expect(account.balanceFen).toBe(170_000);
    expect(account.openInvoices).toMatchObject([{ number: '2026-000001', openFen: 170_000 }]);
    expect(
      (await s.fail('billing.payments.void', { paymentId: first.id, reason: '再来一次' }, s.adminToken)).code,
    ).toBe('PRECONDITION');
    expect((await s.call('billing.payments.list', { residentId: zhang }, s.adminToken)).length).toBe(2);
  });

  it('settles a discharge: actual days of December, prepayment applied, deposit returned net', async () => {
    const { li, s } = await november();
    t = s;
    await s.call('billing.runs.issue', { month: '2026-11' }, s.adminToken);
    // Deposit at most 12 × (bed 150000 + care 120000).
    const tooMuch = await s.fail(
      'billing.ledgers.receive',
      { residentId: li, ledger: 'deposit', amountFen: 12 * 270_000 + 1, method: 'cash', on: '2026-12-01' },
      s.adminToken,
    );
    expect(tooMuch.code).toBe('VALIDATION');
    await s.call(
      'billing.ledgers.receive',
      { residentId: li, ledger: 'deposit', amountFen: 300_000, method: 'cash', on: '2026-12-01' },
      s.adminToken,
    );
    await s.call(
      'billing.ledgers.receive',
      { residentId: li, ledger: 'prepayment', amountFen: 100_000, method: 'bankTransfer', on: '2026-12-01' },
      s.adminToken,
    );
    await moveTo(s, '2026-12-10');
    await s.call(
      'residents.discharge',
      { id: li, dischargedOn: '2026-12-10', reason: 'voluntary' },
      s.adminToken,
    );
    const doc = await s.call('billing.settle', { residentId: li, on: '2026-12-10' }, s.adminToken);
    // 1st … 9th December: 150000 × 9 ÷ 31 = 43548.4 → 43548; 120000 × 9 ÷ 31 = 34838.7 → 34839
    // (insurance 70% = 24387.3 → 24387); 60000 × 9 ÷ 31 = 17419.4 → 17419.
    expect(brief(doc.lines)).toEqual([
      ['BED2', '2026-12-01', '2026-12-09', 9, 43_548],
      ['CARE2', '2026-12-01', '2026-12-09', 9, 34_839],
      ['MEAL', '2026-12-01', '2026-12-09', 9, 17_419],
    ]);
    const residentShare = 43_548 + (34_839 - 24_387) + 17_419;
    expect(doc.owedBeforeFen).toBe(244_000 + residentShare);
    expect(doc.prepaymentAppliedFen).toBe(100_000);
    expect(doc.depositOffsetFen).toBe(244_000 + residentShare - 100_000);
    expect(doc.depositRefundFen).toBe(300_000 - (244_000 + residentShare - 100_000));
    expect(doc.dueFen).toBe(0);
    const account = await s.call('billing.accounts.get', { residentId: li }, s.adminToken);
    expect(account).toMatchObject({ balanceFen: 0, depositFen: 0, prepaymentFen: 0, openInvoices: [] });
    expect((await s.fail('billing.settle', { residentId: li, on: '2026-12-10' }, s.adminToken)).code).toBe(
      'PRECONDITION',
    );
  });
});

describe('issuing is all or none', () => {
  it('a failure on one invoice leaves no invoice, no number and no run behind', async () => {
    const s = await billingSetUp('2026-11-01', { moduleOptions: { billing: { failAtInvoice: 2 } } });
    t = s;
    await admitted(s, '张桂兰', '301-1', '2026-10-15');
    await admitted(s, '李秀英', '301-2', '2026-10-20');
    await moveTo(s, '2026-12-01');
    const failed = await s.fail('billing.runs.issue', { month: '2026-11' }, s.adminToken);
    expect(failed.code).toBe('INTERNAL');
    expect(await s.call('billing.invoices.list', { month: '2026-11' }, s.adminToken)).toEqual([]);
    expect(await s.call('billing.runs.list', {}, s.adminToken)).toEqual([]);
    expect((await s.call('billing.runs.preview', { month: '2026-11' }, s.adminToken)).issuedAt).toBeNull();
  });
});
