import { z } from 'zod';
import { institutionNatures, type InstitutionNature } from '../enums';
import { event, defineSharedModule } from '../module';
import { roleKeys, type RoleKey } from '../roles';
import { enteredPassword, newPassword, requiredText, trimmed } from '../validation';
import { proc } from './define';
import type { FileDownload } from './residents';

const username = z
  .string()
  .trim()
  .min(2, '用户名至少 2 个字符')
  .max(32, '用户名最多 32 个字符')
  .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能用英文字母、数字、下划线、点和横线');
const password = newPassword;
const displayName = requiredText(40, '请填写姓名');
/** The one-time code the server prints, needed to set up from another computer. */
const setupCode = trimmed(20);

export const institutionProfileInput = z.object({
  name: requiredText(100, '请填写机构名称'),
  licenseNo: trimmed(64).optional(),
  address: trimmed(200).optional(),
  nature: z.enum(institutionNatures).optional(),
  timeZone: trimmed(64).optional(),
});

/** The institution this installation runs. */
export interface InstitutionProfile {
  name: string;
  licenseNo: string;
  address: string;
  nature: InstitutionNature;
  timeZone: string;
  updatedAt: string;
}

export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  roles: RoleKey[];
  permissions: string[];
  mustChangePassword: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  locked: boolean;
  expiresAt: string;
  idleLockMinutes: number;
}

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  roles: RoleKey[];
  disabled: boolean;
  mustChangePassword: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface RoleRow {
  key: RoleKey;
  nameZh: string;
  nameEn: string;
  permissions: string[];
  userCount: number;
}

export interface AuditRow {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  procedure: string;
  module: string;
  entity: string | null;
  entityId: string | null;
  before: unknown;
  after: unknown;
  /** The user's real name (王建国), looked up when read; null for the system itself. */
  userName: string | null;
  /** What the row is about by name (张庆祥, 1号楼 101-1床); null when nothing names it any more. */
  subjectName: string | null;
}

export type AuditVerifyResult =
  { intact: true; rows: number } | { intact: false; rows: number; firstBrokenId: number; reason: string };

export interface SettingsValues {
  'security.lockoutThreshold': number;
  'security.lockoutMinutes': number;
  'security.idleLockMinutes': number;
  'security.sessionHours': number;
  'updater.feedUrl': string;
  /**
   * Desktop app only: start with the computer, hidden in the tray with the ports open. `auto` (the
   * default) starts it exactly when a nurse-call port is enabled.
   */
  'desktop.startAtLogin': 'auto' | 'on' | 'off';
}

export const settingsSchema = z.object({
  'security.lockoutThreshold': z.number().int().min(3, '至少 3 次').max(20, '最多 20 次'),
  'security.lockoutMinutes': z.number().int().min(1, '至少 1 分钟').max(1440, '最多 1440 分钟'),
  'security.idleLockMinutes': z.number().int().min(1, '至少 1 分钟').max(240, '最多 240 分钟'),
  'security.sessionHours': z.number().int().min(1, '至少 1 小时').max(72, '最多 72 小时'),
  'updater.feedUrl': z
    .string()
    .trim()
    .max(500)
    .refine(
      (s) => s === '' || /^https?:\/\/\S+$/.test(s),
      '请填写以 http:// 或 https:// 开头的地址，或留空关闭自动更新',
    ),
  'desktop.startAtLogin': z.enum(['auto', 'on', 'off'], { error: '请选择开机启动方式' }),
}) satisfies z.ZodType<SettingsValues>;

const roleList = z.array(z.enum(roleKeys)).min(1, '请至少选择一个角色');

export const systemProcedures = {
  /** Whether first-run setup is still needed; callable before anyone exists. */
  'auth.status': proc<{
    setupRequired: boolean;
    /** Setup is needed and this client is not the server's own computer: the form asks for the code. */
    setupCodeRequired: boolean;
    institutionName: string | null;
  }>()({
    input: z.object({}).optional(),
    access: 'public',
    write: false,
  }),
  'auth.setup': proc<SessionInfo>()({
    input: z.object({
      institution: institutionProfileInput,
      admin: z.object({ username, password, displayName }),
      setupCode: setupCode.optional(),
    }),
    access: 'public',
    write: true,
  }),
  /**
   * First run only: fills an empty installation with the demo institution (residents, beds, one
   * account per role). The passwords come back once and must be changed at first login.
   */
  'demo.seed': proc<{ accounts: Array<{ username: string; password: string }> }>()({
    input: z.object({ setupCode: setupCode.optional() }).optional(),
    access: 'public',
    write: true,
  }),
  'auth.login': proc<SessionInfo>()({
    input: z.object({
      username: requiredText(64, '请输入用户名'),
      password: enteredPassword(),
    }),
    access: 'public',
    write: true,
  }),
  'auth.logout': proc<null>()({
    input: z.object({}).optional(),
    access: 'authenticated',
    write: true,
    allowWhileRestricted: true,
  }),
  'auth.me': proc<SessionInfo>()({
    input: z.object({}).optional(),
    access: 'authenticated',
    write: false,
    allowWhileRestricted: true,
  }),
  'auth.changePassword': proc<SessionInfo>()({
    input: z
      .object({ currentPassword: enteredPassword('请输入当前密码'), newPassword: password })
      .refine((v) => v.currentPassword !== v.newPassword, {
        path: ['newPassword'],
        message: '新密码不能与当前密码相同',
      }),
    access: 'authenticated',
    write: true,
    allowWhileRestricted: true,
  }),
  /** Idle lock: the screen keeps its content; only unlock/logout work until the password is given. */
  'auth.lock': proc<SessionInfo>()({
    input: z.object({}).optional(),
    access: 'authenticated',
    write: true,
    allowWhileRestricted: true,
  }),
  'auth.unlock': proc<SessionInfo>()({
    input: z.object({ password: enteredPassword() }),
    access: 'authenticated',
    write: true,
    allowWhileRestricted: true,
  }),

  'institution.get': proc<InstitutionProfile>()({
    input: z.object({}).optional(),
    access: 'authenticated',
    write: false,
  }),
  'institution.update': proc<InstitutionProfile>()({
    input: institutionProfileInput,
    access: 'institution.manage',
    write: true,
  }),

  'settings.get': proc<SettingsValues>()({
    input: z.object({}).optional(),
    access: 'authenticated',
    write: false,
  }),
  'settings.update': proc<SettingsValues>()({
    input: settingsSchema.partial(),
    access: 'settings.manage',
    write: true,
  }),

  'users.list': proc<UserRow[]>()({ input: z.object({}).optional(), access: 'users.manage', write: false }),
  /** Every account's name, disabled ones too, for the audit page's user filter (no roles, no usernames). */
  'users.create': proc<UserRow>()({
    input: z.object({
      username,
      displayName,
      password,
      roles: roleList,
      mustChangePassword: z.boolean().default(true),
    }),
    access: 'users.manage',
    write: true,
  }),
  'users.update': proc<UserRow>()({
    input: z.object({
      id: z.number().int().positive(),
      displayName: displayName.optional(),
      roles: roleList.optional(),
      disabled: z.boolean().optional(),
    }),
    access: 'users.manage',
    write: true,
  }),
  'users.resetPassword': proc<UserRow>()({
    input: z.object({ id: z.number().int().positive(), password }),
    access: 'users.manage',
    write: true,
  }),
  'users.unlock': proc<UserRow>()({
    input: z.object({ id: z.number().int().positive() }),
    access: 'users.manage',
    write: true,
  }),
  /** Who is who, for filters such as the audit log's: names only, no roles or login state. */
  'users.names': proc<Array<{ id: number; name: string; username: string }>>()({
    input: z.object({}).optional(),
    access: 'audit.read',
    write: false,
  }),
  'roles.list': proc<RoleRow[]>()({ input: z.object({}).optional(), access: 'users.manage', write: false }),
  'roles.setPermissions': proc<RoleRow>()({
    input: z.object({ role: z.enum(roleKeys), permissions: z.array(requiredText(64)).max(200) }),
    access: 'users.manage',
    write: true,
  }),

  'audit.list': proc<{ rows: AuditRow[]; total: number }>()({
    input: z.object({
      userId: z.number().int().positive().optional(),
      module: trimmed(40).optional(),
      from: trimmed(40).optional(),
      to: trimmed(40).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(50),
    }),
    access: 'audit.read',
    write: false,
  }),
  'audit.verify': proc<AuditVerifyResult>()({
    input: z.object({}).optional(),
    access: 'audit.read',
    write: false,
  }),
  /** The filtered log as Excel; ID numbers in the details masked unless the user may see them. Audited. */
  'audit.export': proc<FileDownload>()({
    input: z.object({
      userId: z.number().int().positive().optional(),
      module: trimmed(40).optional(),
      from: trimmed(40).optional(),
      to: trimmed(40).optional(),
    }),
    access: 'audit.read',
    write: true,
  }),
};

export const systemModule = defineSharedModule({
  name: 'system',
  label: { zh: '系统', en: 'System' },
  procedures: systemProcedures,
  permissions: {
    'institution.manage': { zh: '修改机构信息', en: 'Edit institution profile', grants: [] },
    'settings.manage': { zh: '修改系统设置', en: 'Change settings', grants: [] },
    'users.manage': { zh: '管理用户与角色', en: 'Manage users and roles', grants: [] },
    'audit.read': { zh: '查看审计日志', en: 'View audit log', grants: ['headNurse'] },
  },
  events: {
    /** Someone changed users, roles or settings: clients refresh what they show. */
    'system.changed': event<{ what: 'users' | 'roles' | 'settings' | 'institution' }>()('authenticated'),
  },
  auditLabels: {
    modules: {
      auth: { zh: '登录与账号', en: 'Sign-in' },
      users: { zh: '用户', en: 'Users' },
      roles: { zh: '角色权限', en: 'Roles' },
      institution: { zh: '机构信息', en: 'Institution' },
      settings: { zh: '系统设置', en: 'Settings' },
      audit: { zh: '审计', en: 'Audit' },
      demo: { zh: '演示数据', en: 'Demo data' },
    },
    verbs: {
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
      export: { zh: '导出', en: 'export' },
      names: { zh: '查看姓名', en: 'names' },
    },
    entities: {
      user: { zh: '用户', en: 'User' },
      session: { zh: '账号', en: 'Account' },
      role: { zh: '角色', en: 'Role' },
      institution: { zh: '机构', en: 'Institution' },
      settings: { zh: '系统设置', en: 'Settings' },
      auditExport: { zh: '审计日志导出', en: 'Audit log export' },
    },
  },
});
