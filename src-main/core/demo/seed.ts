import { randomBytes } from 'node:crypto';
import type { Core } from '../app';
import type { RoleKey } from '../../shared/permissions';

const demoUsers: Array<[string, string, RoleKey]> = [
  ['admin', '王建国', 'administrator'],
  ['headnurse', '李秀梅', 'headNurse'],
  ['nurse', '张丽', 'nurse'],
  ['caregiver', '刘桂芳', 'caregiver'],
  ['finance', '陈会计', 'finance'],
  ['fireofficer', '赵安全', 'fireOfficer'],
  ['frontdesk', '孙前台', 'frontDesk'],
];

export interface DemoAccount {
  username: string;
  password: string;
}

/**
 * Fills an empty installation with a believable demo institution. Passwords are random and must
 * be changed at first login, so a demo database never ships a known password.
 */
export function seedDemo(core: Core): DemoAccount[] | null {
  const { auth, institution, auditLog } = core.services;
  if (auth.hasUsers()) return null;
  const now = core.clock.now();
  const accounts: DemoAccount[] = [];
  core.sql.transaction(() => {
    const { after } = institution.save(
      {
        name: '幸福里颐养中心（演示）',
        licenseNo: '民养备字 3201052026001',
        address: '江苏省南京市秦淮区幸福里 88 号',
        nature: 'private',
        timeZone: 'Asia/Shanghai',
      },
      now,
    );
    auditLog.append({
      at: now.toISOString(),
      userId: null,
      username: null,
      procedure: 'demo.seed',
      entity: 'institution',
      entityId: '1',
      before: null,
      after,
    });
    for (const [username, displayName, role] of demoUsers) {
      const password = randomBytes(6).toString('base64url');
      const id = auth.insertUser(
        { username, displayName, password, roles: [role], mustChangePassword: true },
        now,
      );
      auditLog.append({
        at: now.toISOString(),
        userId: null,
        username: null,
        procedure: 'demo.seed',
        entity: 'user',
        entityId: String(id),
        before: null,
        after: auth.userRow(id),
      });
      accounts.push({ username, password });
    }
  });
  return accounts;
}
