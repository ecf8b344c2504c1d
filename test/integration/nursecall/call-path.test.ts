import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallEvent } from '../../../src-main/core/nursecall/protocols/types';
import { scansOf, traceStatements } from '../../support/statements';
import {
  TODAY,
  abilityInput,
  createResident,
  risksInput,
  setUp,
  type Facility,
  type SetUp,
} from '../residents/support';

/**
 * A ringing call's path must not grow with the home: it places itself with indexed lookups of its
 * address and bed, and the once-a-second escalation check reads only open calls.
 */
describe('nurse-call path at scale', () => {
  const tracer = traceStatements();
  let t: SetUp & Facility;
  const raise = (address: string): CallEvent => ({ kind: 'raise', address, priority: 'normal' });

  beforeAll(() => undefined);
  afterAll(() => tracer.restore());
  beforeEach(async () => {
    t = await setUp();
    const r = await createResident(t, '王秀英');
    await t.call('assessments.recordAbility', abilityInput(r.id, TODAY, 40, [t.adminId]), t.adminToken);
    await t.call(
      'assessments.recordRisks',
      risksInput(r.id, TODAY, [t.adminId], { fall: 'high' }),
      t.adminToken,
    );
    await t.call(
      'residents.admit',
      { id: r.id, bedId: t.beds.get('301-1')!, admittedOn: TODAY },
      t.adminToken,
    );
    await t.call('nursecall.addresses.save', { address: '3011', bedId: t.beds.get('301-1')! }, t.adminToken);
    await t.call('nursecall.addresses.save', { address: '3051', bedId: t.beds.get('305-1')! }, t.adminToken);
  });
  afterEach(() => t.close());

  it('places a mapped call with one bed lookup, never the whole bed board', async () => {
    const { facilities } = t.core.services.residents;
    const board = vi.spyOn(facilities, 'board');
    const part = vi.spyOn(facilities, 'boardPart');
    const ran = await tracer.during(() => t.core.services.nurseCall.calls.receive(1, [raise('3011')]));
    expect(board).not.toHaveBeenCalled();
    expect(part).toHaveBeenCalledTimes(1);
    const active = await t.call('nursecall.calls.active', {}, t.adminToken);
    expect(active[0]).toMatchObject({
      address: '3011',
      label: '1号楼 301-1床',
      resident: { name: '王秀英' },
    });
    const db = t.core.sql.db;
    expect(ran.flatMap((sql) => scansOf(db, sql))).toEqual([]);
    // The call, its address and bed, the open-call and repeat checks, the audit row and anchor.
    expect(ran.length).toBeLessThanOrEqual(14);
  });

  it('reads no growing table whole for an unmapped call, a repeat, a reset or the escalation check', async () => {
    const { calls } = t.core.services.nurseCall;
    const db = t.core.sql.db;
    const ran = [
      ...(await tracer.during(() => calls.receive(1, [raise('9999')]))),
      ...(await tracer.during(() => calls.receive(1, [raise('9999')]))),
      ...(await tracer.during(() => calls.receive(1, [{ ...raise('9999'), kind: 'cancel' }]))),
      ...(await tracer.during(() => calls.tick())),
    ];
    expect(ran.length).toBeGreaterThan(0);
    expect([...new Set(ran)].flatMap((sql) => scansOf(db, sql))).toEqual([]);
  });

  it('still finds the call a caregiver marked attended among many older calls at the address', async () => {
    const { calls } = t.core.services.nurseCall;
    for (let i = 0; i < 30; i += 1) {
      await calls.receive(1, [raise('3051')]);
      await calls.receive(1, [{ ...raise('3051'), kind: 'cancel' }]);
      t.clock.advance(60_000);
    }
    await calls.receive(1, [raise('3051')]);
    const [open] = await t.call('nursecall.calls.active', {}, t.adminToken);
    await t.call('nursecall.calls.clear', { callId: open!.id }, t.adminToken);
    t.clock.advance(10_000);
    await calls.receive(1, [raise('3051')]);
    // The panel is still sending the call someone already attended: counted, not rung again.
    expect(await t.call('nursecall.calls.active', {}, t.adminToken)).toEqual([]);
    const history = await t.call('nursecall.calls.history', { address: '3051', limit: 1 }, t.adminToken);
    expect(history.rows[0]).toMatchObject({ id: open!.id, repeats: 1, clearedHow: 'attended' });
  });
});
