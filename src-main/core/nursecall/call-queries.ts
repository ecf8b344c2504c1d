import { AppError } from '../../shared/errors';
import { UNMAPPED_ZONE, unmappedLabel, type Placement } from './addresses';
import { ATTENDED_REPEAT_WINDOW_SECONDS, type CallRow } from './call-rows';
import type { CallServiceDeps } from './calls';

/** The lookups every part of the call lifecycle shares. */
export function createCallQueries(deps: CallServiceDeps) {
  const { sql, logger, addresses, locations } = deps;
  const { qb } = sql;

  const hhmm = (iso: string) =>
    new Intl.DateTimeFormat('zh-CN', {
      timeZone: deps.timeZone(),
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(new Date(iso));

  function byId(id: number): CallRow | undefined {
    return sql.first(qb.selectFrom('nursecall_calls').selectAll().where('id', '=', id));
  }

  function openFor(address: string): CallRow | undefined {
    return sql.first(
      qb
        .selectFrom('nursecall_calls')
        .selectAll()
        .where('address', '=', address)
        .where('status', '!=', 'cleared'),
    );
  }

  /** Where the address is; a failing lookup must not keep a call from ringing. */
  function placeOf(address: string, at: Date): Placement {
    try {
      return addresses.placeFor(address, locations.lookup(at));
    } catch (error) {
      logger.error('nurse-call location lookup failed; using the raw address', {
        address,
        error: error instanceof Error ? error.message : String(error),
      });
      return {
        label: unmappedLabel(address),
        mapped: false,
        bedId: null,
        roomId: null,
        area: '',
        zone: UNMAPPED_ZONE,
        resident: null,
      };
    }
  }

  /** The call at `address` marked attended within the repeat window before `at`, if any. */
  function recentlyAttended(address: string, at: Date): CallRow | undefined {
    const since = new Date(at.getTime() - ATTENDED_REPEAT_WINDOW_SECONDS * 1000).toISOString();
    return sql.first(
      qb
        .selectFrom('nursecall_calls')
        .selectAll()
        .where('address', '=', address)
        .where('cleared_how', '=', 'attended')
        .where('cleared_at', '>=', since)
        .orderBy('cleared_at', 'desc')
        .limit(1),
    );
  }

  function requireCall(id: number): CallRow {
    const row = byId(id);
    if (!row) throw new AppError('NOT_FOUND', '找不到这个呼叫，可能已被清除。请刷新呼叫列表。');
    return row;
  }

  return { hhmm, byId, openFor, placeOf, recentlyAttended, requireCall };
}

export type CallQueries = ReturnType<typeof createCallQueries>;
