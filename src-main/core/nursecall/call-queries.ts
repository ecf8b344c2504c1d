import { AppError } from '../../shared/errors';
import { UNMAPPED_ZONE, unmappedLabel, type Placement } from './addresses';
import { ATTENDED_REPEAT_WINDOW_SECONDS, isOpenCall, type CallRow } from './call-rows';
import type { CallServiceDeps } from './calls';

/** Newest calls of an address read to find one attended within the repeat window. */
const RECENT_CALLS = 5;

/** The lookups every part of the call lifecycle shares. */
export function createCallQueries(deps: CallServiceDeps) {
  const { sql, logger, addresses, locations } = deps;
  const { qb } = sql;

  // One formatter while the time zone stays: building one per call cost ~0.3 ms.
  let hhmmFormat: { timeZone: string; format: Intl.DateTimeFormat } | null = null;
  const hhmm = (iso: string) => {
    const timeZone = deps.timeZone();
    if (hhmmFormat?.timeZone !== timeZone)
      hhmmFormat = {
        timeZone,
        format: new Intl.DateTimeFormat('zh-CN', {
          timeZone,
          hour: '2-digit',
          minute: '2-digit',
          hour12: false,
        }),
      };
    return hhmmFormat.format.format(new Date(iso));
  };

  function byId(id: number): CallRow | undefined {
    return sql.first(qb.selectFrom('nursecall_calls').selectAll().where('id', '=', id));
  }

  function openFor(address: string): CallRow | undefined {
    return sql.first(
      qb.selectFrom('nursecall_calls').selectAll().where('address', '=', address).where(isOpenCall),
    );
  }

  /** Where the address is; a failing lookup must not keep a call from ringing. */
  function placeOf(address: string, at: Date): Placement {
    try {
      return addresses.placeFor(address, locations.lookup(at, 'one'));
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

  /**
   * The call at `address` marked attended within the repeat window before `at`, if any. An
   * address has one open call at a time, so the call cleared last is among the newest raised:
   * reading the newest few from the (address, raised_at) index keeps this one short index read
   * however many years of calls the address has (filtering on `cleared_at` read them all).
   */
  function recentlyAttended(address: string, at: Date): CallRow | undefined {
    const since = new Date(at.getTime() - ATTENDED_REPEAT_WINDOW_SECONDS * 1000).toISOString();
    const newest = sql.all(
      qb
        .selectFrom('nursecall_calls')
        .selectAll()
        .where('address', '=', address)
        .orderBy('raised_at', 'desc')
        .limit(RECENT_CALLS),
    );
    return newest
      .filter((c) => c.cleared_how === 'attended' && c.cleared_at !== null && c.cleared_at >= since)
      .sort((a, b) => (a.cleared_at! < b.cleared_at! ? 1 : a.cleared_at! > b.cleared_at! ? -1 : 0))[0];
  }

  function requireCall(id: number): CallRow {
    const row = byId(id);
    if (!row) throw new AppError('NOT_FOUND', '找不到这个呼叫，可能已被清除。请刷新呼叫列表。');
    return row;
  }

  return { hhmm, byId, openFor, placeOf, recentlyAttended, requireCall };
}

export type CallQueries = ReturnType<typeof createCallQueries>;
