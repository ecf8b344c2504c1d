import { afterEach, describe, expect, it } from 'vitest';
import { assessAbility } from '../../../src-main/shared/assessment/ability';
import {
  abilityInput,
  addDays,
  createResident,
  noFlags,
  setUp,
  TODAY,
  type Facility,
  type SetUp,
} from './support';

let t: (SetUp & Facility) | undefined;
afterEach(() => t?.close());

describe('the assessment form preview', () => {
  it('scores exactly what the core saves under an institution’s own rules', async () => {
    t = await setUp();
    const s = t;
    await s.call(
      'residents.updateConfig',
      {
        careRiskEventThreshold: 1,
        stackRaises: true,
        careCategoryMapping: { moderate: 'dependent' },
      },
      s.adminToken,
    );
    const r = await createResident(s, '钱秀珍');
    await s.call(
      'incidents.record',
      { residentId: r.id, kind: 'fall', occurredOn: addDays(TODAY, -3) },
      s.adminToken,
    );
    const input = abilityInput(r.id, TODAY, 90, [s.adminId], { ...noFlags, dementia: true });

    // What the form computes: the settings and incidents it reads through the API, the shared function.
    const config = await s.call('residents.getConfig', {}, s.adminToken);
    const incidents = await s.call('incidents.list', { residentId: r.id }, s.adminToken);
    const preview = assessAbility(
      { scores: input.scores, flags: input.flags, careRiskEventsLast30Days: incidents.length },
      config,
    );
    const saved = await s.call('assessments.recordAbility', input, s.adminToken);
    expect({ level: saved.level, category: saved.careCategory, adjustment: saved.adjustment }).toEqual({
      level: preview.level,
      category: preview.careCategory,
      adjustment: preview.adjustment,
    });
    expect(saved).toMatchObject({ level: 'moderate', careCategory: 'dependent', careRiskEvents: 1 });
  });
});
