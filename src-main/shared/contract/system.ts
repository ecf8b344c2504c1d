import { z } from 'zod';
import { institutionNatures, type InstitutionNature } from '../enums';
import { roleKeys, type RoleKey } from '../permissions';
import { enteredPassword, newPassword, requiredText, trimmed } from '../validation';
import { proc } from './define';

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
}

export type AuditVerifyResult =
  { intact: true; rows: number } | { intact: false; rows: number; firstBrokenId: number; reason: string };

export interface SettingsValues {
  'security.lockoutThreshold': number;
  'security.lockoutMinutes': number;
  'security.idleLockMinutes': number;
  'security.sessionHours': number;
  'updater.feedUrl': string;
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
};
