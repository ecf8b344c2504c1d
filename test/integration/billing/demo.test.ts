import { afterEach, expect, it } from 'vitest';
import { makeCore, signInDemoAdmin, type TestCore } from '../../support/core';
import { traceStatements } from '../../support/statements';

let t: TestCore | undefined;
afterEach(() => t?.close());

it('the demo gives finance a price list, three issued months, last month waiting, some arrears, insurance and deposits', async () => {
  t = makeCore();
  t.clock.set('2026-12-03T02:00:00Z');
  const { accounts } = await t.call('demo.seed', {});
  const finance = accounts.find((a) => a.username === 'finance')!;
  let token = await t.login(finance.username, finance.password);
  await t.call(
    'auth.changePassword',
    { currentPassword: finance.password, newPassword: 'finance-new-password-1' },
    token,
  );
  token = await t.login(finance.username, 'finance-new-password-1');

  const runs = await t.call('billing.runs.list', {}, token);
  expect(runs.map((r) => r.month)).toEqual(['2026-10', '2026-09', '2026-08']);
  expect(runs.every((r) => r.invoices > 0)).toBe(true);
  const arrears = await t.call('billing.reports.arrears', {}, token);
  expect(arrears.length).toBeGreaterThan(0);
  const prepaid = await t.call('billing.reports.prepaid', {}, token);
  expect(prepaid.filter((p) => p.depositFen > 0).length).toBeGreaterThan(50);
  const statement = await t.call('billing.payers.statement', { month: '2026-10' }, token);
  expect(statement.some((r) => r.payerKind === 'ltcInsurance')).toBe(true);
  // The numbers run without gaps across the three runs.
  const numbers = (await t.call('billing.invoices.list', {}, token)).map((i) => Number(i.number.slice(5)));
  expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  const alerts = await t.call('alerts.list', {}, token);
  expect(alerts.some((a) => a.kind === 'billing.arrears')).toBe(true);
  expect(alerts.find((a) => a.kind === 'billing.runDue')?.title).toContain('2026-11');
});

it('the open amounts read for the whole home follow each payment and each void at once', async () => {
  t = makeCore();
  t.clock.set('2026-12-03T02:00:00Z');
  const { accounts } = await t.call('demo.seed', {});
  const admin = accounts.find((a) => a.username === 'admin')!;
  let token = await t.login(admin.username, admin.password);
  await t.call(
    'auth.changePassword',
    { currentPassword: admin.password, newPassword: 'admin-new-password-1' },
    token,
  );
  token = await t.login(admin.username, 'admin-new-password-1');

  // Read twice so the whole-home allocation is kept, then pay the largest arrears in full.
  await t.call('billing.reports.arrears', {}, token);
  const [worst] = await t.call('billing.reports.arrears', {}, token);
  expect(worst).toBeDefined();
  const openBefore = (await t.call('billing.invoices.list', { residentId: worst!.residentId }, token)).filter(
    (i) => i.openFen > 0,
  );
  expect(openBefore.reduce((s, i) => s + i.openFen, 0)).toBe(worst!.openFen);

  const payment = await t.call(
    'billing.payments.record',
    { residentId: worst!.residentId, amountFen: worst!.openFen, method: 'cash', paidOn: '2026-12-03' },
    token,
  );
  const after = await t.call('billing.reports.arrears', {}, token);
  expect(after.find((r) => r.residentId === worst!.residentId)).toBeUndefined();
  const month = openBefore[0]!.month;
  const listed = await t.call('billing.invoices.list', { month }, token);
  expect(listed.find((i) => i.id === openBefore[0]!.id)?.openFen).toBe(0);

  await t.call('billing.payments.void', { paymentId: payment.id, reason: '收款人录错金额' }, token);
  const again = await t.call('billing.reports.arrears', {}, token);
  expect(again.find((r) => r.residentId === worst!.residentId)?.openFen).toBe(worst!.openFen);
});

it('keeps the whole home’s allocation across writes outside billing, and reads it again when a payment changes', async () => {
  const tracer = traceStatements();
  try {
    t = makeCore();
    t.clock.set('2026-12-03T02:00:00Z');
    const token = await signInDemoAdmin(t, 'admin-new-password-1');
    const readsEveryInvoice = (ran: string[]) =>
      ran.some((s) => /^SELECT id, number, month, kind, resident_id\b.* FROM billing_invoices$/.test(s));
    const [worst] = await t.call('billing.reports.arrears', {}, token);

    // A write elsewhere (here the institution's address) used to make the next read allocate the
    // whole home's ten years of invoices again.
    await t.call('institution.update', { name: '幸福里颐养中心', address: '幸福路 1 号' }, token);
    let ran = await tracer.during(() => t!.call('billing.reports.arrears', {}, token));
    expect(readsEveryInvoice(ran)).toBe(false);
    expect((await t.call('billing.reports.arrears', {}, token))[0]).toEqual(worst);

    await t.call(
      'billing.payments.record',
      { residentId: worst!.residentId, amountFen: worst!.openFen, method: 'cash', paidOn: '2026-12-03' },
      token,
    );
    ran = await tracer.during(() => t!.call('billing.reports.arrears', {}, token));
    expect(readsEveryInvoice(ran)).toBe(true);
    expect(
      (await t.call('billing.reports.arrears', {}, token)).find((r) => r.residentId === worst!.residentId),
    ).toBeUndefined();
  } finally {
    tracer.restore();
  }
});
