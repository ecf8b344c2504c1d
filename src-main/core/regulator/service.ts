import { randomUUID } from 'node:crypto';
import {
  periodRange,
  type OutboxRow,
  type RegulatorConfig,
  type SummaryKind,
} from '../../shared/contract/regulator';
import { AppError, fieldError } from '../../shared/errors';
import type { WriteContext, WritePath } from '../api/write-path';
import type { AuditLog } from '../audit/audit-log';
import { localDate, type Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { InstitutionService } from '../institution/service';
import type { Logger } from '../logger';
import type { JobSchedule, SummaryProvider } from '../module';
import { nextSlot } from '../platform/slots';
import { createRegulatorConfig, type ConfigPatch } from './config';
import { createOutbox, toOutboxRow } from './outbox';
import type { SecretBox } from './secret-box';
import { buildSummary, buildSummaryInTurns } from './summary';
import type { RegulatorTables } from './tables';
import { postSummary, type FetchLike } from './transport';

export interface RegulatorDeps {
  sql: Sql<RegulatorTables>;
  writes: WritePath;
  clock: Clock;
  /** Real time for the signed timestamp (see `postSummary`). */
  wireClock: Clock;
  logger: Logger;
  institution: InstitutionService;
  auditLog: AuditLog;
  timeZone(): string;
  providers(): SummaryProvider[];
  box: SecretBox;
  fetch: FetchLike;
}

const pendingStatuses = new Set(['queued', 'sending', 'failed']);

/** The day before `date`, and the month before `month`, in local terms. */
function previousDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}
function previousMonth(date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function createRegulatorService(deps: RegulatorDeps) {
  const { sql, writes, clock, logger } = deps;
  const config = createRegulatorConfig(sql, deps.box);
  const outbox = createOutbox(sql);
  const summaryDeps = {
    institution: deps.institution,
    auditLog: deps.auditLog,
    providers: deps.providers,
    institutionCode: () => config.get().institutionCode,
  };

  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const changed = (ctx: WriteContext, row: { id: number; status: string }) => {
    ctx.emit('regulator.changed', { id: row.id, status: row.status as OutboxRow['status'] });
    ctx.emit('alerts.changed', { at: ctx.now.toISOString() });
  };

  /** One pass over what is due. Network work happens between two transactions, never inside one. */
  async function deliverPass(): Promise<void> {
    for (const row of outbox.due(clock.now())) {
      if (stopped) return;
      const creds = config.credentials();
      if (!creds) {
        const why = config.missing() ?? '上报设置不完整';
        if (row.last_error !== why) {
          writes.run(
            { procedure: 'regulator.deliver', now: clock.now(), user: null, bookkeeping: true },
            () => outbox.note(row.id, why),
          );
        }
        continue;
      }
      writes.run(
        { procedure: 'regulator.deliver', now: clock.now(), user: null, bookkeeping: true },
        (ctx) => {
          outbox.markSending(row.id, ctx.now);
          changed(ctx, { id: row.id, status: 'sending' });
        },
      );
      const outcome = await postSummary(deps.fetch, deps.wireClock, creds, row.body, row.idempotency_key);
      // Closed meanwhile (quit or restore): the row stays `sending` and goes again, same key, next start.
      if (stopped) return;
      const after = writes.run(
        {
          procedure: 'regulator.deliver',
          now: clock.now(),
          user: null,
          // A failed try that will be retried is bookkeeping; an answer that settles it is audited.
          bookkeeping: outcome.kind === 'retry',
        },
        (ctx) => {
          const r = outbox.record(row.id, outcome, ctx.now);
          if (outcome.kind !== 'retry') {
            ctx.audit({
              entity: 'regulatorSubmission',
              entityId: r.id,
              after: {
                kind: r.kind,
                period: r.period,
                revision: r.revision,
                status: r.status,
                receiptNo: r.receipt_no,
                duplicate: r.duplicate === 1,
                attempts: r.attempts,
                lastError: r.last_error,
              },
            });
          }
          changed(ctx, r);
          return r;
        },
      );
      logger.info('regulator delivery', {
        id: after.id,
        kind: after.kind,
        period: after.period,
        status: after.status,
        httpStatus: outcome.status,
        attempts: after.attempts,
        ...(after.receipt_no ? { receiptNo: after.receipt_no } : {}),
      });
    }
  }

  /** Delivers everything due; one delivery at a time, a call during one makes it look again. */
  function deliverDue(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await deliverPass();
        } while (again && !stopped);
      } catch (error) {
        if (!stopped)
          logger.error('regulator delivery failed', {
            error: error instanceof Error ? error.message : String(error),
          });
      } finally {
        running = null;
      }
    })();
    return running;
  }

  /** The revision a new submission of the period gets, and the reason it carries (corrections only). */
  function revisionOf(kind: SummaryKind, period: string, reason: string | null) {
    const accepted = outbox.ofPeriod(kind, period).filter((r) => r.status === 'accepted');
    return {
      revision: Math.max(0, ...accepted.map((r) => r.revision)) + 1,
      revisionReason: accepted.length > 0 ? reason : null,
    };
  }

  /**
   * The summary to queue, built a module at a time before the queuing transaction: a month of a
   * 1,000-bed home takes ~250 ms, which inside the transaction would hold nurse calls up. Every
   * write appends an audit row, so the transaction uses it only if the audit head has not moved
   * since; otherwise it builds the summary again itself (a frozen summary must match its rows).
   */
  async function draft(kind: SummaryKind, period: string, reason: string | null, now: Date) {
    if (!periodRange(kind, period)) return null;
    const { revision, revisionReason } = revisionOf(kind, period, reason);
    const headSeq = deps.auditLog.anchor().seq;
    const document = await buildSummaryInTurns(summaryDeps, { kind, period, now, revision, revisionReason });
    // Written to between turns: the sections may disagree with each other; the transaction rebuilds.
    if (deps.auditLog.anchor().seq !== headSeq) return null;
    return {
      kind,
      period,
      at: now.getTime(),
      revision,
      revisionReason,
      headSeq,
      body: JSON.stringify(document),
    };
  }
  type Draft = NonNullable<Awaited<ReturnType<typeof draft>>>;

  function queueIn(
    ctx: WriteContext,
    input: { kind: SummaryKind; period: string; reason: string | null; by: string | null },
    drafted?: Draft | null,
  ) {
    const { revision, revisionReason } = revisionOf(input.kind, input.period, input.reason);
    const current =
      drafted &&
      drafted.kind === input.kind &&
      drafted.period === input.period &&
      drafted.revision === revision &&
      drafted.revisionReason === revisionReason &&
      drafted.at === ctx.now.getTime() &&
      drafted.headSeq === deps.auditLog.anchor().seq;
    const body = current
      ? drafted.body
      : JSON.stringify(
          buildSummary(summaryDeps, {
            kind: input.kind,
            period: input.period,
            now: ctx.now,
            revision,
            revisionReason,
          }),
        );
    const row = outbox.queue({
      ...input,
      reason: revisionReason,
      revision,
      body,
      now: ctx.now,
    });
    ctx.audit({
      entity: 'regulatorSubmission',
      entityId: row.id,
      after: { kind: row.kind, period: row.period, revision, reason: row.revision_reason, status: 'queued' },
    });
    changed(ctx, row);
    ctx.afterCommit(() => setImmediate(() => void deliverDue()));
    return row;
  }

  const scheduleOf = {
    daily: (): JobSchedule => ({ every: 'day', at: config.get().schedule.daily ?? '01:30' }),
    monthly: (): JobSchedule => {
      const m = config.get().schedule.monthly ?? { day: 1, time: '02:30' };
      return { every: 'month', day: m.day, at: m.time };
    },
  };

  return {
    config,
    outbox,
    deliverDue,
    scheduleOf,
    preview(kind: SummaryKind, period: string, now: Date) {
      return buildSummary(summaryDeps, { kind, period, now });
    },
    /** The preview screen's: built a module at a time between other requests. */
    previewInTurns(kind: SummaryKind, period: string, now: Date) {
      return buildSummaryInTurns(summaryDeps, { kind, period, now });
    },
    getConfig(now: Date): RegulatorConfig {
      const view = config.view();
      const tz = deps.timeZone();
      return {
        ...view,
        next: {
          daily: view.schedule.daily ? nextSlot(scheduleOf.daily(), now, tz).toISOString() : null,
          monthly: view.schedule.monthly ? nextSlot(scheduleOf.monthly(), now, tz).toISOString() : null,
        },
      };
    },
    updateConfig(patch: ConfigPatch, ctx: WriteContext) {
      const { before, after, secretChanged } = config.update(patch, ctx.now);
      // The secret itself is never written to the audit log, only that it changed.
      ctx.audit({ entity: 'regulatorConfig', before, after: { ...after, secretChanged } });
      ctx.afterCommit(() => setImmediate(() => void deliverDue()));
      return this.getConfig(ctx.now);
    },
    /** `regulator.send`: queues a frozen summary for the period. */
    draft,
    send(
      input: { kind: SummaryKind; period: string; reason?: string | undefined },
      ctx: WriteContext,
      drafted?: Draft | null,
    ): OutboxRow {
      const existing = outbox.ofPeriod(input.kind, input.period);
      const pending = existing.find((r) => pendingStatuses.has(r.status));
      if (pending) {
        throw new AppError(
          'CONFLICT',
          pending.status === 'failed'
            ? `该期已有一份发送失败的上报（${pending.last_error ?? ''}），请改好设置后在发件箱中点“重新发送”`
            : '该期已在发送队列中，无需重复发送；可在发件箱中查看进度',
        );
      }
      const accepted = existing.find((r) => r.status === 'accepted');
      if (accepted && !input.reason) {
        throw fieldError(
          'reason',
          `该期已上报成功（回执号 ${accepted.receipt_no ?? ''}），再次上报将作为更正版本，请填写更正原因`,
        );
      }
      const row = queueIn(
        ctx,
        {
          kind: input.kind,
          period: input.period,
          reason: input.reason ?? null,
          by: ctx.user?.displayName ?? null,
        },
        drafted,
      );
      return toOutboxRow(row);
    },
    retry(id: number, ctx: WriteContext): OutboxRow {
      const row = outbox.byId(id);
      if (!row) throw new AppError('NOT_FOUND', '找不到这条上报记录，请刷新后再试');
      if (row.status === 'accepted') throw new AppError('CONFLICT', '这份上报平台已接收，无需重新发送');
      if (row.status === 'rejected') {
        throw new AppError('CONFLICT', '这份上报被平台退回，内容需要更正：请改正数据后重新“立即上报”该期');
      }
      if (row.status === 'sending') throw new AppError('CONFLICT', '正在发送中，请稍候');
      outbox.requeue(id);
      ctx.audit({
        entity: 'regulatorSubmission',
        entityId: id,
        before: { status: row.status },
        after: { status: 'queued' },
      });
      changed(ctx, { id, status: 'queued' });
      ctx.afterCommit(() => setImmediate(() => void deliverDue()));
      return toOutboxRow(outbox.byId(id)!);
    },
    /** The scheduled upload of the period that has just ended; once per period, whatever happens. */
    async queueScheduled(kind: SummaryKind, slot: Date): Promise<void> {
      const today = localDate(slot, deps.timeZone());
      const period = kind === 'daily' ? previousDay(today) : previousMonth(today);
      const now = clock.now();
      const drafted = outbox.ofPeriod(kind, period).length > 0 ? null : await draft(kind, period, null, now);
      writes.run({ procedure: 'regulator.schedule', now, user: null }, (ctx) => {
        if (outbox.ofPeriod(kind, period).length > 0) {
          ctx.audit({ entity: 'regulatorSubmission', after: { kind, period, skipped: '该期已有上报记录' } });
          return;
        }
        queueIn(ctx, { kind, period, reason: null, by: null }, drafted);
      });
    },
    /** A signed probe with a body no platform accepts: 400/422 means reachable and signed correctly. */
    async testConnection(): Promise<{ ok: boolean; status: number | null; message: string }> {
      const creds = config.credentials();
      if (!creds) return { ok: false, status: null, message: config.missing() ?? '上报设置不完整' };
      const outcome = await postSummary(
        deps.fetch,
        deps.wireClock,
        { ...creds, timeoutSeconds: Math.min(creds.timeoutSeconds, 15) },
        JSON.stringify({ connectionTest: true }),
        `connection-test-${randomUUID()}`,
      );
      switch (outcome.kind) {
        case 'rejected':
          return {
            ok: true,
            status: outcome.status,
            message: '连接正常：平台认可了签名（测试请求不会被当作上报）',
          };
        case 'accepted':
          return { ok: true, status: outcome.status, message: '连接正常：平台已回答' };
        case 'authFailed':
          return { ok: false, status: outcome.status, message: outcome.message };
        case 'retry':
          return {
            ok: false,
            status: outcome.status,
            message: outcome.message.replace('，稍后自动重试', ''),
          };
      }
    },
    start(): void {
      stopped = false;
      // Whatever a previous run left `sending` or due goes now, with its own key.
      void deliverDue();
    },
    async stop(): Promise<void> {
      stopped = true;
    },
    /** Resolves when the delivery under way (if any) is over; for tests. */
    idle(): Promise<void> {
      return running ?? Promise.resolve();
    },
  };
}

export type RegulatorService = ReturnType<typeof createRegulatorService>;
