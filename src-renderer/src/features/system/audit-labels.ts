/** Plain words for the audit viewer; the procedure name stays visible for support staff. */
export const auditModuleLabels: Record<string, { zh: string; en: string }> = {
  auth: { zh: '登录与账号', en: 'Sign-in' },
  users: { zh: '用户', en: 'Users' },
  roles: { zh: '角色权限', en: 'Roles' },
  institution: { zh: '机构信息', en: 'Institution' },
  settings: { zh: '系统设置', en: 'Settings' },
  audit: { zh: '审计', en: 'Audit' },
  demo: { zh: '演示数据', en: 'Demo data' },
  facilities: { zh: '楼栋', en: 'Buildings' },
  beds: { zh: '床位', en: 'Beds' },
  residents: { zh: '老人档案', en: 'Residents' },
  admissions: { zh: '入住办理', en: 'Admissions' },
  assessments: { zh: '评估', en: 'Assessments' },
  incidents: { zh: '事件', en: 'Incidents' },
  nursecall: { zh: '呼叫', en: 'Nurse call' },
};

const verbLabels: Record<string, { zh: string; en: string }> = {
  setup: { zh: '首次设置', en: 'first-run setup' },
  login: { zh: '登录', en: 'log in' },
  logout: { zh: '退出', en: 'log out' },
  lock: { zh: '锁屏', en: 'lock' },
  unlock: { zh: '解锁', en: 'unlock' },
  changePassword: { zh: '修改密码', en: 'change password' },
  resetPassword: { zh: '重置密码', en: 'reset password' },
  create: { zh: '新建', en: 'create' },
  update: { zh: '修改', en: 'update' },
  setPermissions: { zh: '设置权限', en: 'set permissions' },
  seed: { zh: '填充', en: 'seed' },
  admit: { zh: '入住', en: 'admit' },
  discharge: { zh: '退住', en: 'discharge' },
  startLeave: { zh: '请假', en: 'start leave' },
  endLeave: { zh: '销假', en: 'end leave' },
  transferBed: { zh: '换床', en: 'change bed' },
  reserve: { zh: '预订床位', en: 'reserve bed' },
  revealIdNumber: { zh: '查看身份证号', en: 'view ID number' },
  export: { zh: '导出', en: 'export' },
  purge: { zh: '销毁档案', en: 'purge' },
  recordAbility: { zh: '能力评估', en: 'ability assessment' },
  recordRisks: { zh: '九防评估', en: 'nine-risk assessment' },
  bulkCreate: { zh: '批量创建', en: 'bulk create' },
  acknowledge: { zh: '响应', en: 'acknowledge' },
  clear: { zh: '处理完毕', en: 'clear' },
  serial: { zh: '串口来电', en: 'from serial port' },
};

export function auditActionLabel(procedure: string, language: 'zh-CN' | 'en-US'): string {
  const parts = procedure.split('.');
  const module = auditModuleLabels[parts[0] ?? ''];
  const verb = verbLabels[parts[parts.length - 1] ?? ''];
  const pick = (l: { zh: string; en: string } | undefined) =>
    l ? (language === 'en-US' ? l.en : l.zh) : null;
  const m = pick(module);
  const v = pick(verb);
  if (m && v) return language === 'en-US' ? `${m}: ${v}` : `${m}·${v}`;
  return m ?? procedure;
}
