/**
 * Permission keys checked by the dispatcher. Which role holds which is data (role_permissions),
 * seeded by migrations; the labels below are what the roles screen shows.
 */
export const permissionLabels = {
  'institution.manage': { zh: '修改机构信息', en: 'Edit institution profile' },
  'settings.manage': { zh: '修改系统设置', en: 'Change settings' },
  'users.manage': { zh: '管理用户与角色', en: 'Manage users and roles' },
  'audit.read': { zh: '查看审计日志', en: 'View audit log' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type Permission = keyof typeof permissionLabels;

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
