import type { Generated } from 'kysely';
import type { PlatformTables } from '../platform/tables';

/**
 * Table types of the platform (users, sessions, settings, audit). Each module declares its own
 * tables in its own folder.
 */
export interface InstitutionTable {
  id: number;
  name: string;
  license_no: string;
  address: string;
  nature: string;
  time_zone: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  must_change_password: number;
  failed_attempts: number;
  locked_until: string | null;
  disabled: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  key: string;
  name_zh: string;
  name_en: string;
}

export interface UserRolesTable {
  user_id: number;
  role: string;
}

export interface RolePermissionsTable {
  role: string;
  permission: string;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  locked: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  username: string | null;
  procedure: string;
  module: string;
  entity: string | null;
  entity_id: string | null;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
}

/**
 * The whole file, for the platform's own code (migrations checks, the schema snapshot). Modules never
 * use it: each scopes the connection to its own tables (`sql.scope<ResidentsTables>()`).
 */
export interface Database extends PlatformTables {
  institution: InstitutionTable;
  settings: SettingsTable;
  users: UsersTable;
  roles: RolesTable;
  user_roles: UserRolesTable;
  role_permissions: RolePermissionsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
}
