import type { Migration } from '../../db/migrate';

// Frozen with this migration: what versions 1–5 granted too broadly and the permissions split off
// then. A later change to the manifests' defaults must not change what this did to a database.

/** New permission → the permission it was split from, and the roles that get it by default. */
const splits: Array<{ permission: string; from: string; roles: string[] }> = [
  // Finance and the fire-safety officer keep the basic facts but no longer see health information.
  {
    permission: 'residents.health',
    from: 'residents.read',
    roles: ['headNurse', 'nurse', 'caregiver', 'frontDesk'],
  },
  // Medical attachments were gated by the ID-number permission: front desk could open them.
  { permission: 'residents.medicalFiles', from: 'residents.read', roles: ['headNurse', 'nurse'] },
  { permission: 'residents.idCopies', from: 'residents.viewIdNumber', roles: ['headNurse', 'frontDesk'] },
  { permission: 'residents.overrideGrade', from: 'residents.write', roles: ['headNurse'] },
  { permission: 'residents.deleteAttachments', from: 'residents.write', roles: ['headNurse'] },
];

/** Old grants a care home would not give: front desk builds and retires beds, finance exports. */
const revoked: Array<{ role: string; permission: string }> = [
  { role: 'frontDesk', permission: 'facilities.manage' },
  { role: 'finance', permission: 'residents.export' },
];

/**
 * Moves existing installations to the narrower roles of issue 9. A split-off permission goes only to
 * its default roles that still hold the permission it came from, so an administrator who took
 * `residents.read` from a role does not see the role regain part of it. The new permissions go into
 * the catalog here, so the start-up grant sync does not grant them a second time.
 */
export const narrowRoles: Migration = {
  version: 6,
  name: '0006-narrow-roles',
  up(db) {
    const holds = db.prepare('SELECT 1 FROM role_permissions WHERE role = ? AND permission = ?');
    const grant = db.prepare('INSERT OR IGNORE INTO role_permissions (role, permission) VALUES (?, ?)');
    const revoke = db.prepare('DELETE FROM role_permissions WHERE role = ? AND permission = ?');
    const catalog = db.prepare(
      "INSERT OR IGNORE INTO permission_catalog (permission, granted_at) VALUES (?, 'migration')",
    );
    for (const { permission, from, roles } of splits) {
      for (const role of roles) {
        if (holds.get(role, from)) grant.run(role, permission);
      }
      catalog.run(permission);
    }
    for (const { role, permission } of revoked) revoke.run(role, permission);
  },
};
