import type { PermissionsOf } from './module';
import { allPermissions, type SharedModules } from './modules';

export { ALL_PERMISSIONS, hasPermission, roleKeys, roleLabels, type RoleKey } from './roles';

/**
 * Permission keys checked by the dispatcher, declared by the modules. Which role holds which is data
 * (role_permissions): each permission's default grants are written once, when it is first seen.
 */
export type Permission = PermissionsOf<SharedModules>;

export const permissionLabels = allPermissions as Record<Permission, { zh: string; en: string }>;
