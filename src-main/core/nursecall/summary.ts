import { sql as raw } from 'kysely';
import type { Sql } from '../db/sql';
import type { SummaryProvider } from '../module';
import type { NurseCallTables } from './tables';

/** Calls in the period: how many rang, how many escalated, and how fast someone came. */
export interface NurseCallSection {
  calls: number;
  escalated: number;
  /** Median seconds from ringing to acknowledged (or cleared when never acknowledged); null without calls. */
  medianResponseSeconds: number | null;
  /** The slowest tenth started after this many seconds. */
  p90ResponseSeconds: number | null;
}

/** Milliseconds from ringing to answered (acknowledged, or cleared when never acknowledged), not below 0. */
const waitMs = raw<number>`max(0,
  CAST(round(unixepoch(coalesce(acknowledged_at, cleared_at), 'subsec') * 1000) AS INTEGER)
  - CAST(round(unixepoch(raised_at, 'subsec') * 1000) AS INTEGER))`;

/** The nurse-call section of the regulator summary; `from`/`to` are local days, both included. */
export function nurseCallSummaries(sql: Sql<NurseCallTables>): SummaryProvider[] {
  return [
    {
      key: 'nurseCall',
      label: '呼叫响应',
      // Counted in SQL: a month of a large home is ~30,000 calls, and reading them as rows to sort
      // their waits put ~7 MB of short-lived objects through the app's heap per summary. Each of
      // the three statements sorts or counts the month (~15–20 ms); together they held the event
      // loop ~53 ms, so the summary gives it back between them.
      inSteps: true,
      *summarize(period): Generator<void, NurseCallSection> {
        const inPeriod = sql.qb
          .selectFrom('nursecall_calls')
          .where('raised_on', '>=', period.from)
          .where('raised_on', '<=', period.to);
        const answered = inPeriod.where(raw<boolean>`coalesce(acknowledged_at, cleared_at) IS NOT NULL`);
        const totals = sql.first(
          inPeriod.select((eb) => [
            eb.fn.countAll<number>().as('calls'),
            eb.fn.count<number>('escalated_at').as('escalated'),
            raw<number>`count(coalesce(acknowledged_at, cleared_at))`.as('answered'),
          ]),
        )!;
        /** The wait at this rank: the smallest wait such that a share `p` of all waits are at most it. */
        const percentile = (p: number): number | null => {
          if (totals.answered === 0) return null;
          const index = Math.max(0, Math.min(totals.answered - 1, Math.ceil(p * totals.answered) - 1));
          const row = sql.first(answered.select(waitMs.as('ms')).orderBy(waitMs).limit(1).offset(index));
          return row ? Math.round(row.ms / 1000) : null;
        };
        yield;
        const medianResponseSeconds = percentile(0.5);
        yield;
        const p90ResponseSeconds = percentile(0.9);
        return {
          calls: totals.calls,
          escalated: totals.escalated,
          medianResponseSeconds,
          p90ResponseSeconds,
        };
      },
    },
  ];
}
