import { AppError } from '../../shared/errors';
import { hasPermission } from '../../shared/permissions';
import { exportAuditLog } from '../audit/audit-export';
import type { AuditLog } from '../audit/audit-log';
import type { AuditNames } from '../audit/audit-names';
import type { AuthService } from '../auth/service';
import type { InstitutionService } from '../institution/service';
import type { SettingsService } from '../settings/service';
import type { SetupGate } from '../auth/setup-gate';
import { DESKTOP_CLIENT } from '../auth/lockouts';
import { finished, requireUser, type CallContext, type ModuleHandlers } from '../api/context';
import { listWorkbook } from '../export/excel';

export interface SystemDeps {
  auth: AuthService;
  institution: InstitutionService;
  settings: SettingsService;
  auditLog: AuditLog;
  setupGate: SetupGate;
  auditNames: AuditNames;
}

/** Failure counters key on the caller; calls from inside the process count as the desktop. */
const clientIdOf = (ctx: CallContext) => ctx.client?.id ?? DESKTOP_CLIENT;

function requireSession(ctx: CallContext): string {
  if (!ctx.sessionId) throw new AppError('UNAUTHENTICATED', '请先登录。');
  return ctx.sessionId;
}

/** Records a failed password re-check before letting the (committing) failure through. */
function confirmOrAudit(ctx: CallContext, confirm: () => void): void {
  try {
    confirm();
  } catch (error) {
    if (error instanceof AppError) {
      ctx.audit({
        entity: 'session',
        entityId: ctx.user?.id ?? null,
        after: { event: `${ctx.procedure.split('.')[1]}Failed`, code: error.code },
      });
    }
    throw error;
  }
}

export function userNames(auth: Pick<AuthService, 'listUsers'>): Map<number, string> {
  return new Map(auth.listUsers().map((u) => [u.id, u.displayName]));
}

export function createSystemHandlers({
  auth,
  institution,
  settings,
  auditLog,
  setupGate,
  auditNames,
}: SystemDeps): ModuleHandlers<'auth' | 'institution' | 'settings' | 'users' | 'roles' | 'audit'> {
  return {
    'auth.status': (_input, ctx) => {
      const setupRequired = !auth.hasUsers();
      return {
        setupRequired,
        setupCodeRequired: setupRequired && setupGate.needsCode(ctx.client),
        institutionName: institution.find()?.name ?? null,
      };
    },

    'auth.setup': (input, ctx) => {
      setupGate.check(ctx.client, input.setupCode, 'setupCode');
      const { after } = institution.save(input.institution, ctx.now);
      const { userId, token, id } = auth.setup(input.admin, ctx.now);
      ctx.user = auth.sessionUser(userId);
      ctx.audit({ entity: 'institution', entityId: 1, after });
      ctx.audit({ entity: 'user', entityId: userId, after: auth.userRow(userId) });
      ctx.setSessionToken(token);
      return auth.sessionInfo(id);
    },

    'auth.login': (input, ctx) => {
      try {
        const { userId, token, id, rehashed } = auth.login(
          input.username,
          input.password,
          ctx.now,
          clientIdOf(ctx),
        );
        ctx.user = auth.sessionUser(userId);
        ctx.audit({
          entity: 'session',
          entityId: userId,
          after: rehashed ? { event: 'login', hashUpgraded: true } : { event: 'login' },
        });
        ctx.setSessionToken(token);
        return auth.sessionInfo(id);
      } catch (error) {
        if (error instanceof AppError) {
          const userId = typeof error.details?.userId === 'number' ? error.details.userId : null;
          ctx.audit({
            entity: 'session',
            entityId: userId,
            after: { event: 'loginFailed', username: input.username, code: error.code },
          });
          // Which user a failure belonged to stays in the audit log, not in the answer to the client.
          if (error.details && 'userId' in error.details) {
            const { userId: _omit, ...rest } = error.details;
            throw new AppError(error.code, error.message, rest, { commit: error.commit });
          }
        }
        throw error;
      }
    },

    'auth.logout': (_input, ctx) => {
      auth.logout(requireSession(ctx));
      ctx.audit({ entity: 'session', entityId: requireUser(ctx).id, after: { event: 'logout' } });
      ctx.setSessionToken(null);
      return null;
    },

    'auth.me': (_input, ctx) => auth.sessionInfo(requireSession(ctx)),

    'auth.changePassword': (input, ctx) => {
      const user = requireUser(ctx);
      confirmOrAudit(ctx, () =>
        auth.confirmPassword(user.id, input.currentPassword, 'currentPassword', ctx.now, clientIdOf(ctx)),
      );
      auth.setPassword(user.id, input.newPassword, false, ctx.now);
      auth.endOtherSessions(user.id, ctx.sessionId);
      ctx.audit({ entity: 'user', entityId: user.id, after: { event: 'passwordChanged' } });
      return auth.sessionInfo(requireSession(ctx));
    },

    'auth.lock': (_input, ctx) => {
      auth.setLocked(requireSession(ctx), true);
      ctx.audit({ entity: 'session', entityId: requireUser(ctx).id, after: { event: 'locked' } });
      return auth.sessionInfo(requireSession(ctx));
    },

    'auth.unlock': (input, ctx) => {
      const user = requireUser(ctx);
      confirmOrAudit(ctx, () =>
        auth.confirmPassword(user.id, input.password, 'password', ctx.now, clientIdOf(ctx)),
      );
      auth.setLocked(requireSession(ctx), false);
      ctx.audit({ entity: 'session', entityId: user.id, after: { event: 'unlocked' } });
      return auth.sessionInfo(requireSession(ctx));
    },

    'institution.get': () => institution.get(),
    'institution.update': (input, ctx) => {
      const { before, after } = institution.save(input, ctx.now);
      ctx.audit({ entity: 'institution', entityId: 1, before, after });
      ctx.emit('system.changed', { what: 'institution' });
      return after;
    },

    'settings.get': () => settings.all(),
    'settings.update': (input, ctx) => {
      const { before, after } = settings.update(input, ctx.now);
      ctx.audit({ entity: 'settings', before, after });
      ctx.emit('system.changed', { what: 'settings' });
      return after;
    },

    'users.list': () => auth.listUsers(),
    'users.create': (input, ctx) => {
      const id = auth.insertUser(input, ctx.now);
      const after = auth.userRow(id);
      ctx.audit({ entity: 'user', entityId: id, after });
      ctx.emit('system.changed', { what: 'users' });
      return after;
    },
    'users.update': (input, ctx) => {
      const { id, ...patch } = input;
      const { before, after } = auth.updateUser(id, patch, requireUser(ctx).id, ctx.now);
      ctx.audit({ entity: 'user', entityId: id, before, after });
      ctx.emit('system.changed', { what: 'users' });
      return after;
    },
    'users.resetPassword': (input, ctx) => {
      auth.userRow(input.id);
      auth.setPassword(input.id, input.password, true, ctx.now);
      auth.endOtherSessions(input.id, null);
      const after = auth.userRow(input.id);
      ctx.audit({ entity: 'user', entityId: input.id, after: { event: 'passwordReset' } });
      return after;
    },
    'users.unlock': (input, ctx) => {
      const { before, after } = auth.unlockUser(input.id, ctx.now);
      ctx.audit({ entity: 'user', entityId: input.id, before, after });
      return after;
    },
    'users.names': () =>
      auth.listUsers().map((u) => ({ id: u.id, name: u.displayName, username: u.username })),
    'roles.list': () => auth.listRoles(),
    'roles.setPermissions': (input, ctx) => {
      const { before, after } = auth.setRolePermissions(input.role, input.permissions);
      ctx.audit({ entity: 'role', entityId: input.role, before, after });
      ctx.emit('system.changed', { what: 'roles' });
      return auth.listRoles().find((r) => r.key === input.role)!;
    },

    'audit.list': (input) => {
      const { rows, total } = auditLog.list(input);
      return { rows: auditNames.name(rows, userNames(auth)), total };
    },
    'audit.verify': () => auditLog.verify(),
    'audit.export': finished(
      (input, ctx) =>
        exportAuditLog(
          { auditLog, auditNames, auth, institution },
          input,
          ctx,
          hasPermission(ctx.user?.permissions ?? [], 'residents.viewIdNumber'),
        ),
      listWorkbook,
    ),
  };
}
