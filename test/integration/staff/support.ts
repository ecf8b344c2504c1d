import type { InputOf } from '../../../src-main/shared/contract';
import type { SetUp } from '../residents/support';

/** A staff member hired on `hiredOn`, a caregiver unless told otherwise. */
export function hire(t: SetUp, name: string, extra: Partial<InputOf<'staff.create'>> = {}) {
  return t.call(
    'staff.create',
    { name, roles: ['caregiver'], employment: 'fullTime', hiredOn: '2026-01-05', ...extra },
    t.adminToken,
  );
}

/** Hires `n` trained caregivers; returns their ids. */
export async function hireTrained(t: SetUp, n: number, on = '2026-01-05'): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) ids.push((await hire(t, `护理员${i + 1}`, { hiredOn: on })).id);
  await t.call(
    'training.record',
    { kind: 'preJob', on, hours: 40, topic: '岗前培训：职业道德、安全与基础照护', staffIds: ids },
    t.adminToken,
  );
  return ids;
}
