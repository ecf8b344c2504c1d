import { randomUUID } from 'node:crypto';
import type { OutboxRow, SubmissionStatus, SummaryKind } from '../../shared/contract/regulator';
import type { Sql } from '../db/sql';
import type { RegulatorSubmissionsTable, RegulatorTables } from './tables';

type Row = Omit<RegulatorSubmissionsTable, 'id'> & { id: number };

export function toOutboxRow(r: Row): OutboxRow {
  return {
    id: r.id,
    kind: r.kind as SummaryKind,
    period: r.period,
    revision: r.revision,
    revisionReason: r.revision_reason,
    status: r.status as SubmissionStatus,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'queued' ? r.next_attempt_at : null,
    receiptNo: r.receipt_no,
    lastError: r.last_error,
    errors: JSON.parse(r.errors_json) as OutboxRow['errors'],
    idempotencyKey: r.idempotency_key,
    queuedAt: r.queued_at,
    queuedBy: r.queued_by,
    lastAttemptAt: r.last_attempt_at,
    acceptedAt: r.accepted_at,
    duplicate: r.duplicate === 1,
  };
}

/** Backoff after the n-th failed try: 1 min, 2, 4 … at most an hour. */
export function backoffMinutes(failures: number): number {
  return Math.min(60, 2 ** Math.max(0, failures - 1));
}

/** Outcome of one try, as the delivery reads the platform's answer. */
export type Outcome =
  | { kind: 'accepted'; receiptNo: string; duplicate: boolean }
  | { kind: 'rejected'; status: number; errors: Array<{ path: string; message: string }> }
  | { kind: 'authFailed'; status: number; message: string }
  | { kind: 'retry'; message: string };

/** The outbox table. Every function here runs inside a write-path transaction or a read. */
export function createOutbox(sql: Sql<RegulatorTables>) {
  const qb = sql.qb;
  const byId = (id: number) =>
    sql.first(qb.selectFrom('regulator_submissions').selectAll().where('id', '=', id));

  return {
    byId,
    list(): OutboxRow[] {
      return sql
        .all(qb.selectFrom('regulator_submissions').selectAll().orderBy('id', 'desc').limit(500))
        .map(toOutboxRow);
    },
    /**
     * What the alerts look at, in one statement: rejections no later
     * submission of the period has made good, signature failures, and submissions failing again and
     * again.
     */
    problems(failingAfter: number): OutboxRow[] {
      return sql
        .all(
          qb
            .selectFrom('regulator_submissions as s')
            .selectAll('s')
            .where((eb) =>
              eb.or([
                eb.and([
                  eb('s.status', '=', 'rejected'),
                  eb.not(
                    eb.exists(
                      eb
                        .selectFrom('regulator_submissions as later')
                        .select('later.id')
                        .whereRef('later.kind', '=', 's.kind')
                        .whereRef('later.period', '=', 's.period')
                        .whereRef('later.id', '>', 's.id')
                        .where('later.status', '=', 'accepted'),
                    ),
                  ),
                ]),
                eb('s.status', '=', 'failed'),
                eb.and([eb('s.status', 'in', ['queued', 'sending']), eb('s.attempts', '>=', failingAfter)]),
              ]),
            )
            .orderBy('s.id', 'desc'),
        )
        .map(toOutboxRow);
    },
    /** How the audit log names submissions. */
    names(ids: string[]): Map<string, string> {
      const wanted = ids.map(Number).filter(Number.isInteger);
      if (wanted.length === 0) return new Map();
      return new Map(
        sql
          .all(
            qb
              .selectFrom('regulator_submissions')
              .select(['id', 'kind', 'period', 'revision'])
              .where('id', 'in', wanted),
          )
          .map((r) => [
            String(r.id),
            `${r.kind === 'monthly' ? '月报' : '日报'} ${r.period}${r.revision > 1 ? `（第 ${r.revision} 版）` : ''}`,
          ]),
      );
    },
    /** Submissions of one period, newest first. */
    ofPeriod(kind: SummaryKind, period: string) {
      return sql.all(
        qb
          .selectFrom('regulator_submissions')
          .selectAll()
          .where('kind', '=', kind)
          .where('period', '=', period)
          .orderBy('id', 'desc'),
      );
    },
    /** A new submission with a key of its own, due now. */
    queue(input: {
      kind: SummaryKind;
      period: string;
      revision: number;
      reason: string | null;
      body: string;
      now: Date;
      by: string | null;
    }): Row {
      const { lastInsertRowid } = sql.run(
        qb.insertInto('regulator_submissions').values({
          kind: input.kind,
          period: input.period,
          revision: input.revision,
          revision_reason: input.reason,
          idempotency_key: randomUUID(),
          body: input.body,
          status: 'queued',
          attempts: 0,
          next_attempt_at: null,
          duplicate: 0,
          errors_json: '[]',
          queued_at: input.now.toISOString(),
          queued_by: input.by,
        }),
      );
      return byId(lastInsertRowid)!;
    },
    /**
     * What is due at `now`: queued ones whose time has come, and any left `sending` by a process
     * that died mid-request (retried with the same key, so the platform sees it at most once).
     */
    due(now: Date): Row[] {
      return sql.all(
        qb
          .selectFrom('regulator_submissions')
          .selectAll()
          .where((eb) =>
            eb.or([
              eb('status', '=', 'sending'),
              eb.and([
                eb('status', '=', 'queued'),
                eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now.toISOString())]),
              ]),
            ]),
          )
          .orderBy('id'),
      );
    },
    markSending(id: number, now: Date): void {
      sql.run(
        qb
          .updateTable('regulator_submissions')
          .set((eb) => ({
            status: 'sending',
            attempts: eb('attempts', '+', 1),
            last_attempt_at: now.toISOString(),
          }))
          .where('id', '=', id),
      );
    },
    /** Records the answer; returns the row as it now is. */
    record(id: number, outcome: Outcome, now: Date): Row {
      const row = byId(id)!;
      const set: Partial<Row> = {};
      switch (outcome.kind) {
        case 'accepted':
          Object.assign(set, {
            status: 'accepted',
            receipt_no: outcome.receiptNo,
            duplicate: outcome.duplicate ? 1 : 0,
            accepted_at: now.toISOString(),
            next_attempt_at: null,
            last_error: null,
            errors_json: '[]',
          });
          break;
        case 'rejected':
          Object.assign(set, {
            status: 'rejected',
            next_attempt_at: null,
            errors_json: JSON.stringify(outcome.errors),
            last_error:
              outcome.errors.map((e) => (e.path ? `${e.path}：${e.message}` : e.message)).join('；') ||
              `平台退回（HTTP ${outcome.status}），没有说明原因`,
          });
          break;
        case 'authFailed':
          Object.assign(set, { status: 'failed', next_attempt_at: null, last_error: outcome.message });
          break;
        case 'retry': {
          const next = new Date(now.getTime() + backoffMinutes(row.attempts) * 60_000);
          Object.assign(set, {
            status: 'queued',
            next_attempt_at: next.toISOString(),
            last_error: outcome.message,
          });
          break;
        }
      }
      sql.run(qb.updateTable('regulator_submissions').set(set).where('id', '=', id));
      return byId(id)!;
    },
    /** Due again now, same key: after the secret was fixed, or to skip the wait. */
    requeue(id: number): void {
      sql.run(
        qb
          .updateTable('regulator_submissions')
          .set({ status: 'queued', next_attempt_at: null })
          .where('id', '=', id),
      );
    },
    /** For a queued submission that cannot go yet (settings missing): why, without counting a try. */
    note(id: number, message: string): void {
      sql.run(qb.updateTable('regulator_submissions').set({ last_error: message }).where('id', '=', id));
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
