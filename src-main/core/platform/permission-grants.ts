import type { PermissionDecl, SharedModule } from '../../shared/module';
import { sharedModules } from '../../shared/modules';
import type { WritePath } from '../api/write-path';
import type { Sql } from '../db/sql';
import type { Database } from '../db/schema';

/**
 * Writes the default role grants of permissions seen for the first time (a new module, or a new
 * permission of an old one). A permission already in the catalog is left alone, so grants an
 * administrator has taken away never come back on the next start.
 */
export function syncPermissionGrants(deps: {
  sql: Sql<unknown>;
  writes: WritePath;
  now: Date;
  modules?: readonly SharedModule[];
}): string[] {
  const sql = deps.sql.scope<Pick<Database, 'permission_catalog' | 'role_permissions' | 'roles'>>();
  const { qb } = sql;
  const declared = new Map<string, PermissionDecl>();
  for (const m of deps.modules ?? (sharedModules as readonly SharedModule[])) {
    for (const [key, decl] of Object.entries(m.permissions)) declared.set(key, decl);
  }
  const known = new Set(
    sql.all(qb.selectFrom('permission_catalog').select('permission')).map((r) => r.permission),
  );
  const fresh = [...declared.entries()].filter(([key]) => !known.has(key));
  if (fresh.length === 0) return [];
  const roles = new Set(sql.all(qb.selectFrom('roles').select('key')).map((r) => r.key));
  deps.writes.run({ procedure: 'roles.defaultGrants', now: deps.now, user: null }, (ctx) => {
    const granted: Record<string, string[]> = {};
    for (const [permission, decl] of fresh) {
      const grants = decl.grants.filter((role) => roles.has(role));
      for (const role of grants) {
        sql.run(
          qb
            .insertInto('role_permissions')
            .values({ role, permission })
            .onConflict((oc) => oc.doNothing()),
        );
      }
      sql.run(qb.insertInto('permission_catalog').values({ permission, granted_at: deps.now.toISOString() }));
      granted[permission] = grants;
    }
    ctx.audit({ entity: 'permissionDefaults', after: { granted } });
  });
  return fresh.map(([key]) => key);
}
