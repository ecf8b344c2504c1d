/** Grants every permission; held by the administrator role so new modules need no data change. */
export const ALL_PERMISSIONS = '*';

export const roleKeys = [
  'administrator',
  'headNurse',
  'nurse',
  'caregiver',
  'finance',
  'fireOfficer',
  'frontDesk',
] as const;
export type RoleKey = (typeof roleKeys)[number];

export const roleLabels: Record<RoleKey, { zh: string; en: string }> = {
  administrator: { zh: '院长/管理员', en: 'Administrator' },
  headNurse: { zh: '护士长', en: 'Head nurse' },
  nurse: { zh: '护士', en: 'Nurse' },
  caregiver: { zh: '护理员', en: 'Caregiver' },
  finance: { zh: '财务', en: 'Finance' },
  fireOfficer: { zh: '消防安全管理人', en: 'Fire-safety officer' },
  frontDesk: { zh: '前台', en: 'Front desk' },
};

export function hasPermission(granted: readonly string[], needed: string): boolean {
  return granted.includes(ALL_PERMISSIONS) || granted.includes(needed);
}
