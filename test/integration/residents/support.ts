import { abilityItems, itemMaxScore } from '../../../src-main/shared/assessment/ability';
import {
  nineRiskKeys,
  type NineRiskKey,
  type NineRiskLevel,
} from '../../../src-main/shared/assessment/nine-risks';
import type { InputOf, OutputOf, ResidentDetail } from '../../../src-main/shared/contract';
import { makeIdNumber } from '../../../src-main/shared/id-number';
import type { CoreOptions } from '../../../src-main/core/app';
import { makeSetUpCore, type TestCore } from '../../support/core';

/** The FakeClock's 2026-11-25T02:00Z is 10:00 in Shanghai. */
export const TODAY = '2026-11-25';

export type SetUp = TestCore & { adminToken: string };

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A valid 身份证号; odd sequences are men, even women. */
export function idNumber(sequence: number, birthDate = '1940-05-12', area = '110101'): string {
  return makeIdNumber(area, birthDate, sequence);
}

/**
 * All 26 scores summing to `total`: items are lowered from their maximum in the standard's
 * order, 意识水平 (item 21) last, so boundary totals are exact.
 */
export function scoresWithTotal(
  total: number,
  options: { consciousness?: number } = {},
): Record<string, number> {
  const scores = Object.fromEntries(abilityItems.map((i) => [i.key, itemMaxScore(i)]));
  if (options.consciousness !== undefined) scores['21'] = options.consciousness;
  let excess = Object.values(scores).reduce((s, n) => s + n, 0) - total;
  const order = [...abilityItems.map((i) => i.key).filter((k) => k !== '21'), '21'];
  for (const key of order) {
    if (excess <= 0) break;
    if (key === '21' && options.consciousness !== undefined) continue;
    const cut = Math.min(scores[key]!, excess);
    scores[key]! -= cut;
    excess -= cut;
  }
  if (excess > 0) throw new Error(`cannot reach total ${total}`);
  return scores;
}

export const noFlags = { coma: false, dementia: false, mentalDisorder: false };

export function abilityInput(
  residentId: number,
  assessedOn: string,
  total: number,
  assessorIds: number[],
  flags = noFlags,
): InputOf<'assessments.recordAbility'> {
  return {
    residentId,
    assessedOn,
    reason: 'initial',
    scores: scoresWithTotal(total, flags.coma ? { consciousness: 0 } : {}),
    flags,
    assessorIds,
  };
}

export function risksInput(
  residentId: number,
  assessedOn: string,
  assessorIds: number[],
  levels: Partial<Record<NineRiskKey, NineRiskLevel>> = {},
): InputOf<'assessments.recordRisks'> {
  const items = Object.fromEntries(
    nineRiskKeys.map((key) => {
      const level = levels[key] ?? 'low';
      return [key, { level, measures: level === 'medium' || level === 'high' ? ['专人看护'] : [] }];
    }),
  ) as InputOf<'assessments.recordRisks'>['items'];
  return {
    residentId,
    assessedOn,
    items,
    guardianInformed: { name: '王建军', relation: '儿子', informedOn: assessedOn },
    assessorIds,
  };
}

export interface Facility {
  buildingId: number;
  /** Bed ids by label, e.g. `301-1`. */
  beds: Map<string, number>;
  adminId: number;
}

/** A set-up core with 1号楼, floor 3: rooms 301–305, two nursing beds each. */
export async function withBeds(t: SetUp): Promise<Facility> {
  const building = await t.call('facilities.saveBuilding', { name: '1号楼' }, t.adminToken);
  await t.call(
    'beds.bulkCreate',
    {
      buildingId: building.id,
      floor: 3,
      roomFrom: 301,
      roomTo: 305,
      bedsPerRoom: 2,
      roomClass: '双人间',
      bedKind: 'nursing',
    },
    t.adminToken,
  );
  const available = await t.call('beds.available', {}, t.adminToken);
  const me = await t.call('auth.me', {}, t.adminToken);
  return {
    buildingId: building.id,
    beds: new Map(available.map((b) => [b.label, b.id])),
    adminId: me.user.id,
  };
}

export async function setUp(options: Partial<CoreOptions> = {}): Promise<SetUp & Facility> {
  const t = await makeSetUpCore(options);
  return Object.assign(t, await withBeds(t));
}

let sequence = 1;
/** Creates a waiting resident with a fresh valid 身份证号. */
export async function createResident(
  t: SetUp,
  name: string,
  extra: Partial<InputOf<'residents.create'>> = {},
) {
  sequence += 2;
  return t.call('residents.create', { name, idNumber: idNumber(sequence % 998), ...extra }, t.adminToken);
}

/** Records an ability assessment by the administrator that scores `total`. */
export function recordAbility(
  t: SetUp & Facility,
  residentId: number,
  on: string,
  total: number,
  flags = noFlags,
): Promise<OutputOf<'assessments.recordAbility'>> {
  return t.call(
    'assessments.recordAbility',
    abilityInput(residentId, on, total, [t.adminId], flags),
    t.adminToken,
  );
}

/** Records both assessments on `on` and admits into the bed. */
export async function admit(
  t: SetUp & Facility,
  residentId: number,
  bedLabel: string,
  on = TODAY,
  total = 70,
): Promise<ResidentDetail> {
  await recordAbility(t, residentId, on, total);
  await t.call('assessments.recordRisks', risksInput(residentId, on, [t.adminId]), t.adminToken);
  return t.call(
    'residents.admit',
    { id: residentId, bedId: t.beds.get(bedLabel)!, admittedOn: on },
    t.adminToken,
  );
}

/** The resident leaves of their own accord on `on`, signed off by the administrator. */
export function dischargeVoluntarily(t: SetUp, residentId: number, on: string): Promise<ResidentDetail> {
  return t.call(
    'residents.discharge',
    { id: residentId, dischargedOn: on, reason: 'voluntary' },
    t.adminToken,
  );
}
