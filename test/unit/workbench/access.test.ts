import { describe, expect, it } from 'vitest';
import { mayCall } from '../../../src-main/shared/access';

describe('mayCall: the one rule pages use before offering a button', () => {
  const caregiver = ['residents.read', 'incidents.write', 'nursecall.read', 'nursecall.respond'];

  it('follows the procedure’s permission', () => {
    expect(mayCall(caregiver, 'beds.board')).toBe(true);
    expect(mayCall(caregiver, 'facilities.saveBuilding')).toBe(false);
    expect(mayCall(caregiver, 'beds.delete')).toBe(false);
    expect(mayCall(caregiver, 'assessments.recordAbility')).toBe(false);
    expect(mayCall(['assessments.write'], 'assessments.recordAbility')).toBe(true);
  });

  it('lets the administrator’s * through, and everyone signed in call "authenticated" procedures', () => {
    expect(mayCall(['*'], 'beds.delete')).toBe(true);
    expect(mayCall([], 'alerts.acknowledge')).toBe(true);
    expect(mayCall(null, 'alerts.acknowledge')).toBe(false);
    expect(mayCall(null, 'auth.login')).toBe(true);
  });

  it('refuses a procedure the contract does not know', () => {
    expect(mayCall(['*'], 'beds.burn')).toBe(false);
  });
});
