/**
 * Permission keys checked by the dispatcher. Which role holds which is data (role_permissions),
 * seeded by migrations; the labels below are what the roles screen shows.
 */
export const permissionLabels = {
  'institution.manage': { zh: '修改机构信息', en: 'Edit institution profile' },
  'settings.manage': { zh: '修改系统设置', en: 'Change settings' },
  'users.manage': { zh: '管理用户与角色', en: 'Manage users and roles' },
  'audit.read': { zh: '查看审计日志', en: 'View audit log' },
  'residents.read': { zh: '查看老人档案与床位', en: 'View residents and beds' },
  'residents.write': { zh: '办理入住、请假、换床等', en: 'Admissions, leave, bed changes' },
  'residents.discharge': { zh: '办理退住', en: 'Discharge residents' },
  'residents.viewIdNumber': { zh: '查看完整身份证号', en: 'View full ID numbers' },
  'residents.export': { zh: '导出老人名单', en: 'Export resident lists' },
  'residents.purge': { zh: '销毁过期档案', en: 'Purge expired archives' },
  'residents.configure': { zh: '设置护理等级与评估规则', en: 'Configure care grades and rules' },
  'facilities.manage': { zh: '管理楼栋、房间和床位', en: 'Manage buildings, rooms and beds' },
  'assessments.write': { zh: '录入能力评估与风险评估', en: 'Record assessments' },
  'incidents.write': { zh: '登记跌倒、噎食等事件', en: 'Record falls and other incidents' },
  'nursecall.read': { zh: '查看呼叫与呼叫记录', en: 'See nurse calls and history' },
  'nursecall.respond': { zh: '响应呼叫', en: 'Answer nurse calls' },
  'nursecall.configure': { zh: '设置呼叫串口与地址', en: 'Configure nurse-call ports and addresses' },
  'nursecall.export': { zh: '导出呼叫记录', en: 'Export nurse-call records' },
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
