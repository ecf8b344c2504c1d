import { randomBytes } from 'node:crypto';
import type { RoleKey } from '../../shared/roles';
import { demoUsers } from '../demo/seed';
import { generatePeople } from '../demo/people';
import type { GenerateContext } from '../module';

/** Caregivers and nurses on the floors of a large home, besides the one account per role. */
const STAFF: Array<[RoleKey, number]> = [
  ['caregiver', 16],
  ['nurse', 6],
];

/**
 * The institution and its accounts: one per role, printed like `--seed demo` and due for a new
 * password at first sign-in, plus floor staff who acknowledge calls in the generated history
 * (their random passwords are not printed: an administrator resets them if they are needed).
 */
export function generateInstitution(ctx: GenerateContext): void {
  if (ctx.auth.hasUsers()) throw new Error('数据目录里已有用户：请为生成的数据指定一个新的空目录');
  const start = new Date(ctx.now.getTime() - ctx.years * 365 * 86_400_000);
  ctx.writes.run({ procedure: 'demo.generate', now: start, user: null }, (w) => {
    const { after } = ctx.institution.save(
      {
        name: '松鹤园养老服务中心（生成数据）',
        licenseNo: '民养备字 3201052016001',
        address: '江苏省南京市江宁区松鹤路 1 号',
        nature: 'publicPrivate',
        timeZone: 'Asia/Shanghai',
      },
      start,
    );
    w.audit({ entity: 'institution', entityId: 1, before: null, after });
    const add = (username: string, displayName: string, role: RoleKey): string => {
      const password = randomBytes(6).toString('base64url');
      const id = ctx.auth.insertUser(
        { username, displayName, password, roles: [role], mustChangePassword: true },
        start,
      );
      w.audit({ entity: 'user', entityId: id, before: null, after: ctx.auth.userRow(id) });
      return password;
    };
    for (const [username, displayName, role] of demoUsers)
      ctx.account(username, add(username, displayName, role));
    const names = generatePeople(
      STAFF.reduce((n, [, count]) => n + count, 0),
      { seed: `${ctx.rng.next()}:staff`, today: ctx.today },
    ).map((p) => p.name);
    for (const [role, count] of STAFF) {
      for (let i = 1; i <= count; i += 1) add(`${role}${String(i).padStart(2, '0')}`, names.pop()!, role);
    }
  });
  ctx.progress(`institution and ${demoUsers.length + STAFF.reduce((n, [, c]) => n + c, 0)} accounts`);
}
