import { sql, type Selectable } from 'kysely';
import type { ActiveCall, CallPriority, CallRecord, CallResident } from '../../shared/contract/nursecall';
import type { NurseCallCallsTable } from './tables';

export type CallRow = Selectable<NurseCallCallsTable>;

/**
 * Open calls (raised or acknowledged), written out literally: SQLite reads the small partial index
 * `nursecall_calls_open` only when a query repeats its `status <> 'cleared'` word for word, and a
 * bound parameter is not the same words. With `status != ?` every open-call query read every call
 * ever stored (3.6 million rows on ten years).
 */
export const isOpenCall = sql<boolean>`status <> 'cleared'`;

export const priorityRank: Record<CallPriority, number> = { alarm: 0, high: 1, normal: 2 };
export const isPriority = (p: string): p is CallPriority => Object.hasOwn(priorityRank, p);

/**
 * Controllers resend a call until it is reset in the room. For this long after a call was marked
 * attended, its resends (and the room's reset) belong to that call: counted, not rung again.
 */
export const ATTENDED_REPEAT_WINDOW_SECONDS = 120;

/**
 * The longest a call store waits for another connection's write lock. It runs on the thread that
 * answers the serial ports, so it must stay far below a controller's reply timeout (about 1 s);
 * a busy database gets a '2' busy NAK and the controller tries again.
 */
export const STORE_BUSY_WAIT_MS = 200;

/** Audit procedure names for changes that come from the wire or the timer, not from a user. */
export const SERIAL_PROCEDURE = 'nursecall.serial';
export const ESCALATION_PROCEDURE = 'nursecall.escalation';

function parseResident(json: string | null): CallResident | null {
  if (!json) return null;
  try {
    return JSON.parse(json) as CallResident;
  } catch {
    return null;
  }
}

const who = (id: number | null, name: string | null) =>
  id === null ? null : { id, name: name ?? `用户 ${id}` };

export function toActiveCall(r: CallRow): ActiveCall {
  return {
    id: r.id,
    address: r.address,
    label: r.label,
    mapped: r.mapped === 1,
    bedId: r.bed_id,
    area: r.area,
    resident: parseResident(r.resident_json),
    priority: isPriority(r.priority) ? r.priority : 'normal',
    message: r.message,
    status: r.status === 'acknowledged' ? 'acknowledged' : 'raised',
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: who(r.acknowledged_by, r.acknowledged_by_name),
    escalated: r.escalated_at !== null,
    escalatedAt: r.escalated_at,
    repeats: r.repeats,
    portId: r.port_id,
  };
}

export const msBetween = (from: string, to: string | null) =>
  to === null ? null : Date.parse(to) - Date.parse(from);
const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

export function toCallRecord(r: CallRow): CallRecord {
  const active = toActiveCall(r);
  return {
    ...active,
    status: r.status === 'cleared' ? 'cleared' : active.status,
    clearedAt: r.cleared_at,
    clearedBy: who(r.cleared_by, r.cleared_by_name),
    clearedHow: r.cleared_how === 'panel' || r.cleared_how === 'attended' ? r.cleared_how : null,
    note: r.note,
    ackSeconds: seconds(msBetween(r.raised_at, r.acknowledged_at)),
    clearSeconds: seconds(msBetween(r.raised_at, r.cleared_at)),
  };
}

/** The fields of a call worth keeping in an audit row. */
export function auditView(r: CallRow) {
  return {
    address: r.address,
    label: r.label,
    status: r.status,
    priority: r.priority,
    repeats: r.repeats,
    raisedAt: r.raised_at,
    acknowledgedAt: r.acknowledged_at,
    acknowledgedBy: r.acknowledged_by_name,
    escalatedAt: r.escalated_at,
    clearedAt: r.cleared_at,
    clearedHow: r.cleared_how,
    note: r.note,
  };
}
