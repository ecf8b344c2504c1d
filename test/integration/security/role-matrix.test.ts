import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedures } from '../../../src-main/shared/contract';
import { roleKeys, type RoleKey } from '../../../src-main/shared/roles';
import { addUser, makeSetUpCore, type TestCore } from '../../support/core';
import { defaultGrants, roleCodes, roleMatrix } from './role-matrix';

// Never a valid input: every call stops at the permission check or at validation, so nothing runs.
const NOT_AN_INPUT = '不是输入';

let t: TestCore & { adminToken: string };
const tokens = {} as Record<RoleKey, string>;
beforeAll(async () => {
  t = await makeSetUpCore();
  tokens.administrator = t.adminToken;
  for (const role of roleKeys) {
    if (role !== 'administrator') tokens[role] = await addUser(t, `u-${role}`, [role]);
  }
});
afterAll(() => t.close());

describe('role × procedure matrix', () => {
  it('has a decision for every procedure and none for procedures that are gone', () => {
    const names = Object.keys(procedures);
    const undecided = names.filter((n) => !(n in roleMatrix));
    expect(
      undecided,
      `decide who may call ${undecided.join(', ')} (test/integration/security/role-matrix.ts)`,
    ).toEqual([]);
    expect(Object.keys(roleMatrix).filter((n) => !names.includes(n))).toEqual([]);
    for (const [name, cell] of Object.entries(roleMatrix)) expect(cell, name).toMatch(/^A?H?N?C?F?O?D?$/);
  });

  it.each(roleKeys)('%s is refused exactly where the table says', async (role) => {
    const mismatches: string[] = [];
    for (const name of Object.keys(procedures)) {
      const { result } = await t.core.dispatch(name, NOT_AN_INPUT, tokens[role]);
      const forbidden = !result.ok && result.error.code === 'FORBIDDEN';
      const expectedAllowed = (roleMatrix[name] ?? '').includes(roleCodes[role]);
      if (forbidden === expectedAllowed) {
        mismatches.push(`${name}: ${forbidden ? 'FORBIDDEN' : result.ok ? 'ok' : result.error.code}`);
      }
      // Anything else than FORBIDDEN or a validation/precondition answer would mean the session broke.
      if (!result.ok) expect(result.error.code, name).not.toMatch(/UNAUTHENTICATED|SESSION_LOCKED|INTERNAL/);
    }
    expect(mismatches).toEqual([]);
  });

  it('a new installation grants each role the default table', () => {
    const db = new Database(t.dbPath, { readonly: true });
    const rows = db
      .prepare('SELECT role, permission FROM role_permissions ORDER BY permission')
      .all() as Array<{
      role: string;
      permission: string;
    }>;
    db.close();
    const actual: Record<string, string[]> = {};
    for (const r of rows) (actual[r.role] ??= []).push(r.permission);
    expect(actual).toEqual({ administrator: ['*'], ...defaultGrants });
  });
});
