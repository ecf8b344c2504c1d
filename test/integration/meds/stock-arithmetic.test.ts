import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDecimal, parseDecimal } from '../../../src-main/shared/contract/meds/decimal';
import { admitted, drug, medsSetUp } from './support';

/**
 * Random receive/give/dispose sequences through the real services: the stock never drifts from the
 * exact sum worked out in scaled integers, and never goes below zero (a short take is refused whole).
 */
describe('kept-medicine arithmetic', () => {
  it('never drifts and never goes negative', { timeout: 120_000 }, async () => {
    const t = await medsSetUp();
    try {
      const rid = await admitted(t, '张桂兰', '301-1');
      const d = await drug(t);
      const quantities = fc.constantFrom('0.5', '0.25', '1', '1.5', '2', '0.125', '3', '10');
      const op = fc.record({ kind: fc.constantFrom('receive', 'dispose', 'dispose'), quantity: quantities });
      let expected = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
          for (const o of ops) {
            const q = parseDecimal(o.quantity)!;
            if (o.kind === 'receive') {
              await t.call(
                'meds.stock.receive',
                {
                  residentId: rid,
                  drugId: d,
                  quantity: o.quantity,
                  expiresOn: '2027-12-31',
                  batchNo: `B${q % 3}`,
                  source: '家属送药',
                },
                t.nurse,
              );
              expected += q;
            } else {
              const { result } = await t.core.dispatch(
                'meds.stock.dispose',
                {
                  residentId: rid,
                  drugId: d,
                  quantity: o.quantity,
                  reason: '退还家属',
                  witnessId: t.nurse2Id,
                },
                t.nurse,
              );
              if (q > expected) expect(result.ok ? 'ok' : result.error.code).toBe('STOCK_SHORT');
              else {
                expect(result.ok).toBe(true);
                expected -= q;
              }
            }
            const list = await t.call('meds.stock.list', { residentId: rid }, t.nurse);
            const sum = list.reduce((s, b) => s + parseDecimal(b.quantity)!, 0);
            expect(formatDecimal(sum)).toBe(formatDecimal(expected));
            expect(list.every((b) => parseDecimal(b.quantity)! > 0)).toBe(true);
          }
        }),
        { numRuns: 15 },
      );
    } finally {
      t.close();
    }
  });
});
