import type { SessionUser } from '../../shared/contract/system';
import type { Alert, AlertSeverity, AlertSubject } from '../../shared/contract/platform';
import { hasPermission } from '../../shared/roles';
import { encodedOnce } from '../api/json-text';
import type { WriteContext } from '../api/write-path';
import { localDate } from '../clock';
import type { Sql } from '../db/sql';
import type { Logger } from '../logger';
import type { AlertProvider } from '../module';
import { runSteps, runStepsInTurns } from './steps';
import type { PlatformTables } from './tables';

const severityRank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

const subjectKey = (s: AlertSubject) => `${s.type}:${String(s.id)}`;

/** What makes an alert "the same" for an acknowledgement: it comes back when this changes. */
const fingerprint = (a: Alert) => `${a.severity}|${a.dueAt ?? ''}|${a.title}`;

export function sortAlerts(alerts: Alert[]): Alert[] {
  return alerts.sort(
    (a, b) =>
      severityRank[a.severity] - severityRank[b.severity] ||
      (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
      a.kind.localeCompare(b.kind),
  );
}

export interface AlertServiceDeps {
  sql: Sql<unknown>;
  logger: Logger;
  timeZone(): string;
  providers(): AlertProvider[];
}

/**
 * Collects alerts from the modules' providers, filtered by what the caller may see, and keeps each
 * user's acknowledgements and snoozes. A provider that fails shows up as an alert of its own
 * instead of silently hiding what it should have shown.
 */
export function createAlertService(deps: AlertServiceDeps) {
  const sql = deps.sql.scope<PlatformTables>();
  const { qb } = sql;

  function compute(user: SessionUser, now: Date, which: 'all' | 'live' | 'stored' = 'all'): Alert[] {
    return runSteps(computeSteps(user, now, which));
  }

  /** `compute`, yielding after each provider: together they take ~50 ms on a large home. */
  function* computeSteps(
    user: SessionUser,
    now: Date,
    which: 'all' | 'live' | 'stored' = 'all',
  ): Generator<void, Alert[]> {
    const today = localDate(now, deps.timeZone());
    const out: Alert[] = [];
    for (const provider of deps.providers()) {
      if (which !== 'all' && (which === 'live') !== (provider.live === true)) continue;
      if (provider.access !== 'authenticated' && !hasPermission(user.permissions, provider.access)) continue;
      try {
        out.push(...provider.list({ now, today, user }));
      } catch (error) {
        deps.logger.error('alert provider failed', {
          kind: provider.kind,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
        out.push({
          kind: 'system.alertProviderFailed',
          severity: 'warning',
          title: '有一类提醒暂时无法计算',
          detail: `“${provider.kind}”提醒计算出错，请联系技术支持。其他提醒不受影响。`,
          subject: { type: 'alertProvider', id: provider.kind },
          link: '/',
        });
      }
      yield;
    }
    return out;
  }

  function states(userId: number) {
    return new Map(
      sql
        .all(qb.selectFrom('alert_states').selectAll().where('user_id', '=', userId))
        .map((r) => [`${r.kind}|${r.subject_key}`, r]),
    );
  }

  function upsert(
    userId: number,
    kind: string,
    subject: AlertSubject,
    patch: { acknowledged_fingerprint: string | null; snoozed_until: string | null },
    now: Date,
  ) {
    const values = { ...patch, updated_at: now.toISOString() };
    sql.run(
      qb
        .insertInto('alert_states')
        .values({ user_id: userId, kind, subject_key: subjectKey(subject), ...values })
        .onConflict((oc) => oc.columns(['user_id', 'kind', 'subject_key']).doUpdateSet(values)),
    );
  }

  /** The stored providers' alerts (kept for the minute), the live ones, and this user's states. */
  async function parts(user: SessionUser, now: Date) {
    // Every module's providers take ~50 ms on a large home, and each screen polls them: the
    // result is kept until the next write or the next minute, whichever comes first (alerts are
    // due by the minute: a dose window, a patrol slot, a backup's age). Any write (a nurse call)
    // makes the next poll compute them again, so they are computed a provider per turn of the
    // event loop, and a call that rings meanwhile is not held up.
    const stored = await sql.rememberAsync(
      `alerts:${user.id}:${user.permissions.join(',')}`,
      () => runStepsInTurns(computeSteps(user, now, 'stored')),
      now.toISOString().slice(0, 16),
    );
    return { stored, live: compute(user, now, 'live'), byKey: states(user.id) };
  }

  function visible(
    stored: Alert[],
    live: Alert[],
    byKey: ReturnType<typeof states>,
    nowIso: string,
    includeHidden: boolean,
  ): Alert[] {
    const out: Alert[] = [];
    for (const alert of [...live, ...stored]) {
      const state = byKey.get(`${alert.kind}|${subjectKey(alert.subject)}`);
      const snoozed = state?.snoozed_until && state.snoozed_until > nowIso ? state.snoozed_until : null;
      const acknowledged = state?.acknowledged_fingerprint === fingerprint(alert);
      if (!includeHidden && (snoozed || acknowledged)) continue;
      out.push(
        includeHidden
          ? {
              ...alert,
              state: snoozed ? 'snoozed' : acknowledged ? 'acknowledged' : 'new',
              snoozedUntil: snoozed,
            }
          : alert,
      );
    }
    return sortAlerts(out);
  }

  return {
    /**
     * Every alert this user may see, most urgent first (hidden ones only with `includeHidden`), as
     * the `alerts.list` answer, encoded once: every open workbench polls it, and on a
     * large home with a day of unrecorded doses it is ~1,000 alerts (600 KB). Filtering, sorting
     * and encoding them on each poll cost ~5 ms and left a large string per call for the old
     * generation. Kept until the next write or the next minute, or until the live alerts or the
     * snoozes in effect change, whichever comes first.
     */
    async answer(user: SessionUser, now: Date, includeHidden = false): Promise<Alert[]> {
      const nowIso = now.toISOString();
      // Taken before the parts: a write while they are computed makes this answer stale at once.
      const since = sql.forgetCount;
      const { stored, live, byKey } = await parts(user, now);
      const snoozing: string[] = [];
      for (const [key, state] of byKey)
        if (state.snoozed_until && state.snoozed_until > nowIso) snoozing.push(key);
      return sql.rememberAsync(
        `alerts.answer:${user.id}:${user.permissions.join(',')}:${includeHidden ? 'all' : 'shown'}`,
        async () => encodedOnce(visible(stored, live, byKey, nowIso, includeHidden)),
        `${since}|${nowIso.slice(0, 16)}|${snoozing.join(',')}|${live.length ? JSON.stringify(live) : ''}`,
      );
    },

    /** Counts per kind for everyone with every permission: for the scheduler's health and tests. */
    computeAll(now: Date): Alert[] {
      return sortAlerts(
        compute(
          { id: 0, username: '', displayName: '', roles: [], permissions: ['*'], mustChangePassword: false },
          now,
        ),
      );
    },

    acknowledge(user: SessionUser, ref: { kind: string; subject: AlertSubject }, ctx: WriteContext): void {
      const current = compute(user, ctx.now).find(
        (a) => a.kind === ref.kind && subjectKey(a.subject) === subjectKey(ref.subject),
      );
      upsert(
        user.id,
        ref.kind,
        ref.subject,
        { acknowledged_fingerprint: current ? fingerprint(current) : null, snoozed_until: null },
        ctx.now,
      );
      ctx.audit({
        entity: 'alert',
        entityId: `${ref.kind} ${subjectKey(ref.subject)}`,
        after: { acknowledged: true },
      });
    },

    snooze(
      user: SessionUser,
      ref: { kind: string; subject: AlertSubject; minutes: number },
      ctx: WriteContext,
    ): { snoozedUntil: string } {
      const until = new Date(ctx.now.getTime() + ref.minutes * 60_000).toISOString();
      upsert(
        user.id,
        ref.kind,
        ref.subject,
        { acknowledged_fingerprint: null, snoozed_until: until },
        ctx.now,
      );
      ctx.audit({
        entity: 'alert',
        entityId: `${ref.kind} ${subjectKey(ref.subject)}`,
        after: { snoozedUntil: until },
      });
      return { snoozedUntil: until };
    },

    restore(user: SessionUser, ref: { kind: string; subject: AlertSubject }, ctx: WriteContext): void {
      sql.run(
        qb
          .deleteFrom('alert_states')
          .where('user_id', '=', user.id)
          .where('kind', '=', ref.kind)
          .where('subject_key', '=', subjectKey(ref.subject)),
      );
      ctx.audit({
        entity: 'alert',
        entityId: `${ref.kind} ${subjectKey(ref.subject)}`,
        after: { restored: true },
      });
    },
  };
}

export type AlertService = ReturnType<typeof createAlertService>;
