import { appendFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InputOf, ProcedureName } from '../../../src-main/shared/contract';
import { makeCore, signInDemoAdmin, type TestCore } from '../../support/core';
import { traceStatements } from '../../support/statements';

/**
 * Statements each read runs on the demo home. A session and its user are read once and kept until
 * the next write, so a repeated read pays only for its own data (auth.me and institution.get, whose
 * answers are kept the same way, run none). The budgets are the counts after issue 15 (before:
 * auth.me 10, residents.get 20, alerts.list 19, the address list 34):
 * a change that adds lookups per call (a user's name fetched per row, a setting read per field)
 * shows here before it shows as latency on a large home.
 */
const budgets: Array<[ProcedureName, unknown, number]> = [
  ['auth.me', {}, 0],
  // the job-failure alert reads each scheduled job's row; billing reads the run reminder, invoices
  // and payments for arrears, and its settings; medication's providers read residents, drugs,
  // orders, the day's records and stock once each per list, whatever the size of the home (the
  // handover count's shift times and closed handovers are remembered until the next write).
  // The regulator outbox's problems are one statement for its three kinds.
  ['alerts.list', {}, 27],
  ['beds.board', {}, 2],
  ['residents.list', {}, 2],
  ['residents.get', { id: 1 }, 7],
  ['residents.history', { id: 1 }, 2],
  ['assessments.history', { residentId: 1 }, 5],
  ['nursecall.calls.active', {}, 1],
  ['nursecall.addresses.list', {}, 3],
  ['institution.get', {}, 0],
  // Until round 5 these read a name per resident (prepaid: 91 statements on the demo home) or the
  // month a day at a time (the monthly MAR: orders, versions and records again for each day).
  ['billing.reports.prepaid', {}, 2],
  // One resident's month: their row, orders and versions, the month's records, names, PRN doses.
  ['meds.monthly', { residentId: 1, month: '2026-11' }, 4],
  ['meds.prn.list', { residentId: 1 }, 2],
  ['scheduler.jobs', {}, 2],
];

describe('statements per read procedure', () => {
  const tracer = traceStatements();
  let t: TestCore;
  let token: string;

  beforeAll(async () => {
    t = makeCore();
    token = await signInDemoAdmin(t, 'budget-password-1');
  });
  afterAll(() => {
    t.close();
    tracer.restore();
  });

  it.each(budgets)('%s', async (name, input, budget) => {
    await t.call(name, input as InputOf<typeof name>, token);
    const ran = await tracer.during(() => t.call(name, input as InputOf<typeof name>, token));
    if (process.env.SHOW_STATEMENTS)
      appendFileSync(process.env.SHOW_STATEMENTS, `${name} ${ran.length}\n  ${ran.join('\n  ')}\n`);
    expect(ran.length).toBeLessThanOrEqual(budget);
  });
});
