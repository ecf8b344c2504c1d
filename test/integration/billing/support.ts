import type { InputOf } from '../../../src-main/shared/contract';
import { ADMIN, makeSetUpCore } from '../../support/core';
import { admit, createResident, setUp, withBeds, type Facility, type SetUp } from '../residents/support';

export type BillingSetUp = SetUp & Facility;

/** Shanghai 10:00 on `date`. */
export function at(date: string): string {
  return `${date}T02:00:00Z`;
}

export const feeSchedule: Array<InputOf<'billing.items.save'>> = [
  {
    code: 'BED2',
    name: '双人间床位费',
    kind: 'bed',
    amountFen: 150_000,
    unit: 'month',
    appliesTo: { roomClass: '双人间' },
  },
  {
    code: 'CARE1',
    name: '一级护理费',
    kind: 'care',
    amountFen: 200_000,
    unit: 'month',
    appliesTo: { careGrade: '一级' },
  },
  {
    code: 'CARE2',
    name: '二级护理费',
    kind: 'care',
    amountFen: 120_000,
    unit: 'month',
    appliesTo: { careGrade: '二级' },
  },
  {
    code: 'CARE3',
    name: '三级护理费',
    kind: 'care',
    amountFen: 80_000,
    unit: 'month',
    appliesTo: { careGrade: '三级' },
  },
  { code: 'MEAL', name: '伙食费', kind: 'meal', amountFen: 60_000, unit: 'month', appliesTo: { all: true } },
];

export async function withSchedule(t: BillingSetUp): Promise<void> {
  for (const item of feeSchedule) await t.call('billing.items.save', item, t.adminToken);
}

/** Creates and admits a resident on `on` into `bed`; total 50 gives 二级 (partly dependent) by default. */
export async function admitted(
  t: BillingSetUp,
  name: string,
  bed: string,
  on: string,
  total = 50,
): Promise<number> {
  const r = await createResident(t, name);
  await admit(t, r.id, bed, on, total);
  return r.id;
}

export { setUp, createResident, admit };

/** Moves the fake clock to 10:00 on `date` and signs the administrator in again (sessions idle out). */
export async function moveTo(t: BillingSetUp, date: string): Promise<void> {
  t.clock.set(at(date));
  t.adminToken = await t.login(ADMIN.username, ADMIN.password);
}

/** A set-up core with beds and the fee schedule, its clock at 10:00 on `date`. */
export async function billingSetUp(
  date: string,
  options: Parameters<typeof makeSetUpCore>[0] = {},
): Promise<BillingSetUp> {
  const t = Object.assign(await makeSetUpCore(options), {}) as SetUp;
  const withFacility = Object.assign(t, await withBeds(t)) as BillingSetUp;
  await moveTo(withFacility, date);
  await withSchedule(withFacility);
  return withFacility;
}
