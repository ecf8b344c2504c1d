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

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? null;
}

/** The nurse-call section of the regulator summary; `from`/`to` are local days, both included. */
export function nurseCallSummaries(sql: Sql<NurseCallTables>): SummaryProvider[] {
  return [
    {
      key: 'nurseCall',
      label: '呼叫响应',
      summarize(period): NurseCallSection {
        const rows = sql.all(
          sql.qb
            .selectFrom('nursecall_calls')
            .select(['raised_at', 'acknowledged_at', 'cleared_at', 'escalated_at'])
            .where('raised_on', '>=', period.from)
            .where('raised_on', '<=', period.to),
        );
        const waits = rows
          .map((r) => {
            const answered = r.acknowledged_at ?? r.cleared_at;
            return answered ? Math.max(0, (Date.parse(answered) - Date.parse(r.raised_at)) / 1000) : null;
          })
          .filter((w): w is number => w !== null)
          .sort((a, b) => a - b);
        const median = percentile(waits, 0.5);
        const p90 = percentile(waits, 0.9);
        return {
          calls: rows.length,
          escalated: rows.filter((r) => r.escalated_at !== null).length,
          medianResponseSeconds: median === null ? null : Math.round(median),
          p90ResponseSeconds: p90 === null ? null : Math.round(p90),
        };
      },
    },
  ];
}
