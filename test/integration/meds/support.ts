import type { InputOf } from '../../../src-main/shared/contract';
import { addUser } from '../../support/core';
import { admit, createResident, setUp, type Facility, type SetUp } from '../residents/support';

export type MedsSetUp = SetUp &
  Facility & { nurse: string; nurse2: string; caregiver: string; nurse2Id: number; nurseId: number };

/** A home with beds, two nurses and a caregiver; the FakeClock stands at 2026-11-25 10:00 Shanghai. */
export async function medsSetUp(): Promise<MedsSetUp> {
  const t = await setUp();
  const nurse = await addUser(t, 'nurse1', ['nurse']);
  const nurse2 = await addUser(t, 'nurse2', ['nurse']);
  const caregiver = await addUser(t, 'carer1', ['caregiver']);
  const nurseId = (await t.call('auth.me', {}, nurse)).user.id;
  const nurse2Id = (await t.call('auth.me', {}, nurse2)).user.id;
  return Object.assign(t, { nurse, nurse2, caregiver, nurseId, nurse2Id });
}

export async function admitted(t: MedsSetUp, name: string, bed: string): Promise<number> {
  const r = await createResident(t, name);
  await admit(t, r.id, bed, '2026-11-01');
  return r.id;
}

export async function drug(t: MedsSetUp, extra: Partial<InputOf<'meds.drugs.save'>> = {}): Promise<number> {
  const d = await t.call(
    'meds.drugs.save',
    {
      name: '氨氯地平片',
      spec: '5mg×28片',
      form: '片剂',
      unit: '片',
      highAlert: false,
      controlled: 'none',
      ...extra,
    },
    t.nurse,
  );
  return d.id;
}

export function order(
  t: MedsSetUp,
  residentId: number,
  drugId: number,
  extra: Partial<InputOf<'meds.orders.create'>> = {},
) {
  return t.call(
    'meds.orders.create',
    {
      residentId,
      drugId,
      dose: '1',
      route: '口服',
      schedule: { times: ['08:00', '20:00'] },
      startOn: '2026-11-20',
      prescriber: '王医生',
      source: 'hospital',
      ...extra,
    },
    t.nurse,
  );
}

/** Thirty tablets of batch B7 brought by the family, received by the nurse. */
export function receiveStock(t: MedsSetUp, residentId: number, drugId: number) {
  return t.call(
    'meds.stock.receive',
    { residentId, drugId, quantity: '30', batchNo: 'B7', expiresOn: '2027-06-30', source: '家属送药' },
    t.nurse,
  );
}
