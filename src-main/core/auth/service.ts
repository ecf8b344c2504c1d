import { createHash, randomBytes } from 'node:crypto';
import type { RoleRow, SessionInfo, SessionUser, UserRow } from '../../shared/contract/system';
import { AppError } from '../../shared/errors';
import { ALL_PERMISSIONS, roleKeys, type RoleKey } from '../../shared/permissions';
import type { Sql } from '../db/sql';
import type { ResolvedSession, SessionResolver } from '../api/dispatcher';
import type { SettingsService } from '../settings/service';
import { DESKTOP_CLIENT, createLockouts } from './lockouts';
import { createLoginThrottle } from './login-throttle';
import { checkPassword, dummyHash, needsRehash, newPasswordHash, preparedHash } from './passwords';

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const MINUTE = 60_000;
/** Session touches are bookkeeping, so they are batched to one write a minute per session. */
const TOUCH_INTERVAL_MS = MINUTE;

const hhmmFormats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per time zone: building one costs more than the rest of a short call. */
function hhmm(iso: string, timeZone: string): string {
  let format = hhmmFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('zh-CN', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    hhmmFormats.set(timeZone, format);
  }
  return format.format(new Date(iso));
}

export interface AuthDeps {
  sql: Sql;
  settings: SettingsService;
  timeZone: () => string;
}

export function createAuthService({ sql, settings, timeZone }: AuthDeps) {
  const { qb } = sql;
  const lockouts = createLockouts(sql, settings);
  const throttle = createLoginThrottle();

  function rolesOf(userId: number): RoleKey[] {
    return sql
      .all(qb.selectFrom('user_roles').select('role').where('user_id', '=', userId).orderBy('role'))
      .map((r) => r.role as RoleKey);
  }

  function permissionsOf(roles: readonly string[]): string[] {
    if (roles.length === 0) return [];
    const rows = sql.all(
      qb
        .selectFrom('role_permissions')
        .select('permission')
        .distinct()
        .where('role', 'in', [...roles]),
    );
    return rows.map((r) => r.permission).sort();
  }

  function userRow(id: number): UserRow {
    const row = sql.first(qb.selectFrom('users').selectAll().where('id', '=', id));
    if (!row) throw new AppError('NOT_FOUND', '找不到这个用户，可能已被删除。请刷新列表。');
    return {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      roles: rolesOf(row.id),
      disabled: row.disabled === 1,
      mustChangePassword: row.must_change_password === 1,
      lockedUntil: lockouts.latestLock(row.id, row.locked_until),
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
    };
  }

  function sessionUser(id: number): SessionUser {
    const u = userRow(id);
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles,
      permissions: permissionsOf(u.roles),
      mustChangePassword: u.mustChangePassword,
    };
  }

  function expiry(now: Date): string {
    return new Date(now.getTime() + settings.get('security.sessionHours') * 60 * MINUTE).toISOString();
  }

  /**
   * A session with its user, roles and permissions in one statement: every call resolves one, and
   * five lookups per call were a large share of a short read.
   */
  const sessionQuery = `
    SELECT s.user_id, s.expires_at, s.last_seen_at, s.locked,
           u.username, u.display_name, u.disabled, u.must_change_password,
           (SELECT group_concat(role, char(31)) FROM user_roles WHERE user_id = s.user_id) AS roles,
           (SELECT group_concat(DISTINCT permission) FROM role_permissions
             WHERE role IN (SELECT role FROM user_roles WHERE user_id = s.user_id)) AS permissions
    FROM sessions s LEFT JOIN users u ON u.id = s.user_id
    WHERE s.token_hash = ?`;
  interface SessionJoin {
    user_id: number;
    expires_at: string;
    last_seen_at: string;
    locked: number;
    username: string | null;
    display_name: string | null;
    disabled: number | null;
    must_change_password: number | null;
    roles: string | null;
    permissions: string | null;
  }
  let sessionStatement: { db: unknown; stmt: ReturnType<Sql['db']['prepare']> } | null = null;
  function sessionRow(tokenHashValue: string): SessionJoin | undefined {
    if (sessionStatement?.db !== sql.db)
      sessionStatement = { db: sql.db, stmt: sql.db.prepare(sessionQuery) };
    return sessionStatement.stmt.get(tokenHashValue) as SessionJoin | undefined;
  }
  function userOf(row: SessionJoin): SessionUser {
    return {
      id: row.user_id,
      username: row.username ?? '',
      displayName: row.display_name ?? '',
      roles: (row.roles ? row.roles.split('\u001f') : []).sort() as RoleKey[],
      permissions: row.permissions ? row.permissions.split(',').sort() : [],
      mustChangePassword: row.must_change_password === 1,
    };
  }

  /** A session's row and user, kept until the next write (every call reads one; few calls change one). */
  function knownSession(tokenHashValue: string): { row: SessionJoin; user: SessionUser } | null {
    return sql.remember(`auth.session:${tokenHashValue}`, () => {
      const row = sessionRow(tokenHashValue);
      return row ? { row, user: userOf(row) } : null;
    });
  }

  function sessionInfo(tokenHashValue: string): SessionInfo {
    const known = knownSession(tokenHashValue);
    if (!known || known.row.username === null)
      throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录。');
    const { row, user } = known;
    return {
      user,
      locked: row.locked === 1,
      expiresAt: row.expires_at,
      idleLockMinutes: settings.get('security.idleLockMinutes'),
    };
  }

  function createSession(userId: number, now: Date): { token: string; id: string } {
    const token = randomBytes(32).toString('base64url');
    const id = tokenHash(token);
    sql.run(
      qb.insertInto('sessions').values({
        token_hash: id,
        user_id: userId,
        created_at: now.toISOString(),
        last_seen_at: now.toISOString(),
        expires_at: expiry(now),
        locked: 0,
      }),
    );
    return { token, id };
  }

  function insertUser(
    input: {
      username: string;
      displayName: string;
      password: string;
      roles: readonly RoleKey[];
      mustChangePassword: boolean;
    },
    now: Date,
  ): number {
    const taken = sql.first(qb.selectFrom('users').select('id').where('username', '=', input.username));
    if (taken) {
      throw new AppError('CONFLICT', `用户名“${input.username}”已被使用，请换一个。`, {
        fieldErrors: [{ path: 'username', message: '该用户名已被使用，请换一个' }],
      });
    }
    const inserted = sql.run(
      qb.insertInto('users').values({
        username: input.username,
        display_name: input.displayName,
        password_hash: newPasswordHash(input.password),
        must_change_password: input.mustChangePassword ? 1 : 0,
        failed_attempts: 0,
        locked_until: null,
        disabled: 0,
        last_login_at: null,
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      }),
    );
    const id = inserted.lastInsertRowid;
    for (const role of new Set(input.roles))
      sql.run(qb.insertInto('user_roles').values({ user_id: id, role }));
    return id;
  }

  /** Whether a token's session is still usable, without touching it (an open stream is not activity). */
  function sessionAlive(token: string, now: Date): boolean {
    const row = sql.first(
      qb
        .selectFrom('sessions')
        .innerJoin('users', 'users.id', 'sessions.user_id')
        .select(['sessions.expires_at', 'users.disabled'])
        .where('sessions.token_hash', '=', tokenHash(token)),
    );
    return row !== undefined && row.disabled === 0 && row.expires_at > now.toISOString();
  }

  const resolver: SessionResolver = {
    resolve(token: string, now: Date): ResolvedSession | AppError {
      const id = tokenHash(token);
      // The writes below bypass the write path, so they forget what was kept themselves.
      const known = knownSession(id);
      if (!known) return new AppError('UNAUTHENTICATED', '登录已失效，请重新登录。');
      const { row, user } = known;
      if (row.expires_at <= now.toISOString()) {
        sql.run(qb.deleteFrom('sessions').where('token_hash', '=', id));
        sql.forgetRemembered();
        return new AppError('UNAUTHENTICATED', '长时间未操作，登录已过期，请重新登录。');
      }
      if (row.username === null || row.disabled === 1) {
        sql.run(qb.deleteFrom('sessions').where('token_hash', '=', id));
        sql.forgetRemembered();
        return new AppError('UNAUTHENTICATED', '该账号已停用，请联系管理员。');
      }
      if (now.getTime() - new Date(row.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
        sql.run(
          qb
            .updateTable('sessions')
            .set({ last_seen_at: now.toISOString(), expires_at: expiry(now) })
            .where('token_hash', '=', id),
        );
        sql.forgetRemembered();
      }
      return { sessionId: id, user, locked: row.locked === 1 };
    },
  };

  return {
    resolver,
    sessionAlive,
    sessionInfo,
    userRow,
    sessionUser,
    /** Display names of many users in one statement (assessors, recorders); unknown ids are left out. */
    displayNames(ids: readonly number[]): Map<number, string> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      return new Map(
        sql
          .all(qb.selectFrom('users').select(['id', 'display_name']).where('id', 'in', unique))
          .map((u) => [u.id, u.display_name] as const),
      );
    },
    hasUsers(): boolean {
      return sql.first(qb.selectFrom('users').select('id').limit(1)) !== undefined;
    },
    insertUser,

    setup(admin: { username: string; displayName: string; password: string }, now: Date) {
      if (this.hasUsers()) throw new AppError('ALREADY_SET_UP', '本系统已完成首次设置，请直接登录。');
      const id = insertUser({ ...admin, roles: ['administrator'], mustChangePassword: false }, now);
      const session = createSession(id, now);
      return { userId: id, ...session };
    },

    /** Per-client brakes applied before any password is hashed (see `prepare.ts`). */
    throttle,
    /** This client's lock on the account, if any: a locked account is not worth hashing for. */
    lockedFor(username: string, clientId: string, now: Date): boolean {
      const row = sql.first(qb.selectFrom('users').select('id').where('username', '=', username));
      return row !== undefined && lockouts.lockedUntil(row.id, clientId, now) !== null;
    },
    /** The stored hash to check a login against (a dummy one for unknown names, as `login` does). */
    loginHash(username: string): string {
      const row = sql.first(qb.selectFrom('users').select('password_hash').where('username', '=', username));
      return row?.password_hash ?? dummyHash();
    },
    passwordHashOf(userId: number): string | null {
      return (
        sql.first(qb.selectFrom('users').select('password_hash').where('id', '=', userId))?.password_hash ??
        null
      );
    },

    /**
     * Throws with `commit: true` on a wrong password so the failure counter survives the rollback.
     * Failures count per account and client (`clientId`): see `lockouts.ts`.
     */
    login(username: string, password: string, now: Date, clientId: string = DESKTOP_CLIENT) {
      const row = sql.first(qb.selectFrom('users').selectAll().where('username', '=', username));
      if (!row) {
        checkPassword(password, dummyHash());
        throttle.failed(clientId, now.getTime());
        throw new AppError('BAD_CREDENTIALS', '用户名或密码不正确，请重新输入。', undefined, {
          commit: true,
        });
      }
      if (row.disabled === 1) {
        throw new AppError('FORBIDDEN', '该账号已停用，请联系管理员。', undefined, { commit: true });
      }
      const lockedUntil = lockouts.lockedUntil(row.id, clientId, now);
      if (lockedUntil) {
        throw new AppError(
          'ACCOUNT_LOCKED',
          `密码连续输错次数过多，账号已锁定到 ${hhmm(lockedUntil, timeZone())}。请稍后再试，或请管理员解锁。`,
          { lockedUntil },
          { commit: true },
        );
      }
      if (!checkPassword(password, row.password_hash)) {
        throttle.failed(clientId, now.getTime());
        const outcome = lockouts.fail(row.id, clientId, now);
        if (outcome.locked) {
          const threshold = settings.get('security.lockoutThreshold');
          throw new AppError(
            'ACCOUNT_LOCKED',
            `密码连续输错 ${threshold} 次，账号已锁定到 ${hhmm(outcome.until, timeZone())}。请稍后再试，或请管理员解锁。`,
            { lockedUntil: outcome.until, userId: row.id },
            { commit: true },
          );
        }
        throw new AppError(
          'BAD_CREDENTIALS',
          `用户名或密码不正确，还可以再试 ${outcome.remaining} 次。`,
          { remainingAttempts: outcome.remaining, userId: row.id },
          { commit: true },
        );
      }
      throttle.succeeded(clientId);
      lockouts.succeeded(row.id, clientId);
      // Only a hash made before the transaction: scrypt here would hold the event loop.
      const rehashed = needsRehash(row.password_hash) ? preparedHash(password) : undefined;
      sql.run(
        qb
          .updateTable('users')
          .set({ last_login_at: now.toISOString(), ...(rehashed ? { password_hash: rehashed } : {}) })
          .where('id', '=', row.id),
      );
      return { userId: row.id, rehashed: !!rehashed, ...createSession(row.id, now) };
    },

    logout(sessionId: string) {
      sql.run(qb.deleteFrom('sessions').where('token_hash', '=', sessionId));
    },

    /**
     * Re-asks a signed-in user for their password (unlocking the screen, changing the password).
     * Wrong answers count toward the same lockout as login, or the idle lock could be guessed
     * at leisure by whoever sits at the front desk. Throws with `commit: true` on failure.
     */
    confirmPassword(
      userId: number,
      password: string,
      field: string,
      now: Date,
      clientId: string = DESKTOP_CLIENT,
    ): void {
      const row = sql.first(qb.selectFrom('users').selectAll().where('id', '=', userId));
      if (!row) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录。');
      if (checkPassword(password, row.password_hash)) {
        throttle.succeeded(clientId);
        lockouts.succeeded(userId, clientId);
        return;
      }
      throttle.failed(clientId, now.getTime());
      const outcome = lockouts.fail(userId, clientId, now);
      if (outcome.locked) {
        const threshold = settings.get('security.lockoutThreshold');
        sql.run(qb.deleteFrom('sessions').where('user_id', '=', userId));
        throw new AppError(
          'ACCOUNT_LOCKED',
          `密码连续输错 ${threshold} 次，已退出登录，账号锁定到 ${hhmm(outcome.until, timeZone())}。请稍后再试，或请管理员解锁。`,
          { lockedUntil: outcome.until },
          { commit: true },
        );
      }
      const message = `密码不正确，还可以再试 ${outcome.remaining} 次。`;
      throw new AppError(
        'VALIDATION',
        message,
        { fieldErrors: [{ path: field, message }] },
        { commit: true },
      );
    },

    setPassword(userId: number, password: string, mustChange: boolean, now: Date) {
      sql.run(
        qb
          .updateTable('users')
          .set({
            password_hash: newPasswordHash(password),
            must_change_password: mustChange ? 1 : 0,
            updated_at: now.toISOString(),
          })
          .where('id', '=', userId),
      );
      lockouts.clearUser(userId);
    },

    endOtherSessions(userId: number, keepSessionId: string | null) {
      let query = qb.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepSessionId) query = query.where('token_hash', '!=', keepSessionId);
      sql.run(query);
    },

    setLocked(sessionId: string, locked: boolean) {
      sql.run(
        qb
          .updateTable('sessions')
          .set({ locked: locked ? 1 : 0 })
          .where('token_hash', '=', sessionId),
      );
    },

    /** Active users who hold a permission: the people a form may name (assessor, responder). */
    usersWithPermission(permission: string): Array<{ id: number; name: string }> {
      // One query: called inside write operations (every assessment checks its assessors).
      return sql
        .all(
          qb
            .selectFrom('users')
            .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
            .innerJoin('role_permissions', 'role_permissions.role', 'user_roles.role')
            .select(['users.id', 'users.display_name'])
            .distinct()
            .where('users.disabled', '=', 0)
            .where('role_permissions.permission', 'in', [permission, ALL_PERMISSIONS])
            .orderBy('users.id'),
        )
        .map((r) => ({ id: r.id, name: r.display_name }));
    },

    listUsers(): UserRow[] {
      const roles = new Map<number, RoleKey[]>();
      for (const r of sql.all(qb.selectFrom('user_roles').select(['user_id', 'role']).orderBy('role'))) {
        const list = roles.get(r.user_id);
        if (list) list.push(r.role as RoleKey);
        else roles.set(r.user_id, [r.role as RoleKey]);
      }
      return sql.all(qb.selectFrom('users').selectAll().orderBy('id')).map((row) => ({
        id: row.id,
        username: row.username,
        displayName: row.display_name,
        roles: roles.get(row.id) ?? [],
        disabled: row.disabled === 1,
        mustChangePassword: row.must_change_password === 1,
        lockedUntil: lockouts.latestLock(row.id, row.locked_until),
        lastLoginAt: row.last_login_at,
        createdAt: row.created_at,
      }));
    },

    updateUser(
      id: number,
      patch: {
        displayName?: string | undefined;
        roles?: readonly RoleKey[] | undefined;
        disabled?: boolean | undefined;
      },
      actingUserId: number,
      now: Date,
    ) {
      const before = userRow(id);
      const losesAdmin =
        (patch.disabled === true || (patch.roles && !patch.roles.includes('administrator'))) &&
        before.roles.includes('administrator');
      if (losesAdmin && this.activeAdministrators().filter((a) => a !== id).length === 0) {
        throw new AppError(
          'PRECONDITION',
          '这是唯一可用的管理员账号，不能停用或取消管理员角色。请先为另一位用户设置管理员角色。',
        );
      }
      if (patch.disabled === true && id === actingUserId) {
        throw new AppError('PRECONDITION', '不能停用自己正在使用的账号。');
      }
      sql.run(
        qb
          .updateTable('users')
          .set({
            ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
            ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
            updated_at: now.toISOString(),
          })
          .where('id', '=', id),
      );
      if (patch.roles) {
        sql.run(qb.deleteFrom('user_roles').where('user_id', '=', id));
        for (const role of new Set(patch.roles))
          sql.run(qb.insertInto('user_roles').values({ user_id: id, role }));
      }
      if (patch.disabled === true) this.endOtherSessions(id, null);
      return { before, after: userRow(id) };
    },

    activeAdministrators(): number[] {
      return sql
        .all(
          qb
            .selectFrom('users')
            .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
            .select('users.id')
            .where('user_roles.role', '=', 'administrator')
            .where('users.disabled', '=', 0),
        )
        .map((r) => r.id);
    },

    unlockUser(id: number, now: Date) {
      const before = userRow(id);
      lockouts.clearUser(id);
      sql.run(qb.updateTable('users').set({ updated_at: now.toISOString() }).where('id', '=', id));
      return { before, after: userRow(id) };
    },

    listRoles(): RoleRow[] {
      const counts = new Map(
        sql
          .all(
            qb
              .selectFrom('user_roles')
              .innerJoin('users', 'users.id', 'user_roles.user_id')
              .select((eb) => ['user_roles.role', eb.fn.countAll<number>().as('n')])
              .where('users.disabled', '=', 0)
              .groupBy('user_roles.role'),
          )
          .map((r) => [r.role, r.n]),
      );
      return sql
        .all(qb.selectFrom('roles').selectAll())
        .map((r) => ({
          key: r.key as RoleKey,
          nameZh: r.name_zh,
          nameEn: r.name_en,
          permissions: permissionsOf([r.key]),
          userCount: counts.get(r.key) ?? 0,
        }))
        .sort((a, b) => roleKeys.indexOf(a.key) - roleKeys.indexOf(b.key));
    },

    setRolePermissions(role: RoleKey, permissions: readonly string[]) {
      if (role === 'administrator') {
        throw new AppError('PRECONDITION', '管理员角色始终拥有全部权限，不能修改。');
      }
      const before = permissionsOf([role]);
      sql.run(qb.deleteFrom('role_permissions').where('role', '=', role));
      for (const permission of new Set(permissions)) {
        if (permission === '*') continue;
        sql.run(qb.insertInto('role_permissions').values({ role, permission }));
      }
      return { before, after: permissionsOf([role]) };
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
