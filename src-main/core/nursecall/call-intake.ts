import type { ActiveCall, CallPriority } from '../../shared/contract/nursecall';
import type { WriteContext } from '../api/write-path';
import type { CallQueries } from './call-queries';
import {
  auditView,
  isPriority,
  priorityRank,
  SERIAL_PROCEDURE,
  STORE_BUSY_WAIT_MS,
  toActiveCall,
} from './call-rows';
import type { CallServiceDeps } from './calls';
import type { CallEvent } from './protocols/types';
import { localParts } from './stats';

/**
 * A call that could not be stored yet (database locked, disk full). It waits here, in arrival
 * order, and is retried every tick; it is never dropped.
 */
interface Pending {
  portId: number | null;
  event: CallEvent;
  at: Date;
  attempts: number;
  /** The board's view of an unstored new call; it is stored later under the same id. */
  shown?: ActiveCall;
  /** Its panel reset arrived while it was still unstored: off the boards, stored in order later. */
  hidden?: boolean;
}

/**
 * Calls from the wire: each decoded call is stored (one write with its audit row) before the
 * controller gets its ACK. A call that cannot be stored waits here in arrival order, rings from
 * memory meanwhile, and is retried; it is never dropped.
 */
export function createCallIntake(deps: CallServiceDeps, q: CallQueries) {
  const { sql, writes, events, clock, logger } = deps;
  const { qb } = sql;
  const { byId, openFor, placeOf, recentlyAttended } = q;
  const pending: Pending[] = [];

  /** Applies one decoded call inside the write path's transaction; its events go out after the commit. */
  function apply(item: Pending, ctx: WriteContext): void {
    const systemAudit = (entityId: number, before: unknown, after: unknown) =>
      ctx.audit({ entity: 'nurseCall', entityId, before, after });
    const { portId, event, at } = item;
    const iso = at.toISOString();
    const address = event.address.trim();
    if (!address) return;
    const open = openFor(address);
    if (item.shown && open) ctx.emit('nursecall.cleared', { callId: item.shown.id, how: 'panel' });
    const attended = open ? undefined : recentlyAttended(address, at);
    if (attended) {
      // Already handled by a caregiver: the panel is still sending (or resetting) the same call.
      const repeat = event.kind === 'raise';
      sql.run(
        qb
          .updateTable('nursecall_calls')
          .set({ repeats: attended.repeats + (repeat ? 1 : 0), last_seen_at: iso })
          .where('id', '=', attended.id),
      );
      if (repeat) systemAudit(attended.id, auditView(attended), auditView(byId(attended.id)!));
      if (item.shown) ctx.emit('nursecall.cleared', { callId: item.shown.id, how: 'attended' });
      return;
    }
    if (event.kind === 'cancel') {
      if (!open) {
        logger.info('nurse call reset for an address with no open call', { address, portId });
        return;
      }
      sql.run(
        qb
          .updateTable('nursecall_calls')
          .set({ status: 'cleared', cleared_at: iso, cleared_how: 'panel', last_seen_at: iso })
          .where('id', '=', open.id),
      );
      systemAudit(open.id, auditView(open), auditView(byId(open.id)!));
      ctx.emit('nursecall.cleared', { callId: open.id, how: 'panel' });
      return;
    }

    const priority: CallPriority = event.priority;
    const message = event.message?.trim() ?? '';
    if (open) {
      const current = isPriority(open.priority) ? open.priority : 'normal';
      const upgraded = priorityRank[priority] < priorityRank[current];
      sql.run(
        qb
          .updateTable('nursecall_calls')
          .set({
            repeats: open.repeats + 1,
            last_seen_at: iso,
            priority: upgraded ? priority : current,
            message: message || open.message,
          })
          .where('id', '=', open.id),
      );
      const after = byId(open.id)!;
      systemAudit(open.id, auditView(open), auditView(after));
      ctx.emit('nursecall.raised', { call: toActiveCall(after) });
      return;
    }

    const place = placeOf(address, at);
    // A call already on the boards from memory keeps its id, unless that id got taken meanwhile.
    const shownId = item.shown && !byId(item.shown.id) ? item.shown.id : undefined;
    if (item.shown && shownId === undefined)
      ctx.emit('nursecall.cleared', { callId: item.shown.id, how: 'panel' });
    const { lastInsertRowid } = sql.run(
      qb.insertInto('nursecall_calls').values({
        ...(shownId === undefined ? {} : { id: shownId }),
        address,
        port_id: portId,
        label: place.label,
        mapped: place.mapped ? 1 : 0,
        bed_id: place.bedId,
        room_id: place.roomId,
        area: place.area,
        zone: place.zone,
        resident_id: place.resident?.id ?? null,
        resident_json: place.resident ? JSON.stringify(place.resident) : null,
        priority,
        message,
        call_type: event.callType ?? null,
        status: 'raised',
        raised_at: iso,
        raised_on: localParts(at, deps.timeZone()).date,
        last_seen_at: iso,
        repeats: 0,
        note: '',
      }),
    );
    const row = byId(lastInsertRowid)!;
    systemAudit(row.id, null, {
      ...auditView(row),
      portId,
      residentId: row.resident_id,
    });
    ctx.emit('nursecall.raised', { call: toActiveCall(row) });
  }

  function store(item: Pending): boolean {
    try {
      // IMMEDIATE (the write path's default) takes the write lock up front, so a busy database
      // waits out the short busy wait instead of failing at once on the read-then-write upgrade.
      writes.run(
        { procedure: SERIAL_PROCEDURE, now: item.at, user: null, busyWaitMs: STORE_BUSY_WAIT_MS },
        (ctx) => apply(item, ctx),
      );
    } catch (error) {
      item.attempts++;
      logger.error('nurse call could not be stored; it will be retried', {
        error: error instanceof Error ? error.message : String(error),
        call: `${item.event.kind} ${item.event.address}`,
        attempts: item.attempts,
      });
      return false;
    }
    return true;
  }

  /** Stores waiting calls in arrival order, so a raise and its reset are never swapped. */
  function drain(): boolean {
    while (pending.length > 0) {
      if (!store(pending[0]!)) return false;
      pending.shift();
    }
    return true;
  }

  function tryRead<T>(read: () => T, fallback: T): T {
    try {
      return read();
    } catch {
      return fallback;
    }
  }

  let lastShownId = 0;

  /** Puts unstored calls on the boards from memory, so a database problem never hides a call. */
  function showPending(item: Pending) {
    const address = item.event.address.trim();
    if (!address) return;
    const earlier = pending.find(
      (p) => p !== item && p.shown && !p.hidden && p.event.address.trim() === address,
    );
    if (item.event.kind === 'cancel') {
      if (!earlier?.shown) return;
      // Hidden from the boards now; the stored raise and reset follow in order once possible.
      earlier.hidden = true;
      events.emit('nursecall.cleared', { callId: earlier.shown.id, how: 'panel' });
      return;
    }
    if (earlier?.shown) {
      earlier.shown = { ...earlier.shown, repeats: earlier.shown.repeats + 1 };
      events.emit('nursecall.raised', { call: earlier.shown });
      return;
    }
    if (tryRead(() => openFor(address) !== undefined, false)) return;
    const maxId = tryRead(
      () => (sql.db.prepare('SELECT max(id) AS id FROM nursecall_calls').get() as { id: number | null }).id,
      null,
    );
    lastShownId = Math.max(lastShownId, maxId ?? 0) + 1;
    const place = placeOf(address, item.at);
    const iso = item.at.toISOString();
    item.shown = {
      id: lastShownId,
      address,
      label: place.label,
      mapped: place.mapped,
      bedId: place.bedId,
      area: place.area,
      resident: place.resident,
      priority: item.event.priority,
      message: item.event.message?.trim() ?? '',
      status: 'raised',
      raisedAt: iso,
      acknowledgedAt: null,
      acknowledgedBy: null,
      escalated: false,
      escalatedAt: null,
      repeats: 0,
      portId: item.portId,
    };
    events.emit('nursecall.raised', { call: item.shown });
  }

  /** The same call again while it waits unconfirmed: the controller resending after our busy NAK. */
  function isResend(portId: number | null, event: CallEvent): boolean {
    const address = event.address.trim();
    const last = pending.findLast((p) => p.event.address.trim() === address && p.portId === portId);
    return (
      last !== undefined &&
      last.event.kind === event.kind &&
      last.event.priority === event.priority &&
      (last.event.message ?? '') === (event.message ?? '')
    );
  }

  return {
    /**
     * Calls decoded from a port. Never throws: a call that cannot be stored now is kept and
     * retried, because a dropped call is the one failure this module must not have.
     */
    receive(portId: number | null, received: readonly CallEvent[]): boolean {
      if (received.length === 0) return pending.length === 0 || drain();
      const at = clock.now();
      const added: Pending[] = [];
      for (const event of received) {
        if (isResend(portId, event)) continue;
        const item: Pending = { portId, event, at, attempts: 0 };
        pending.push(item);
        added.push(item);
      }
      if (drain()) return true;
      for (const item of added) if (pending.includes(item)) showPending(item);
      return false;
    },
    /** Stores what waits; false while the database still refuses. */
    drain: () => pending.length === 0 || drain(),
    /** Calls waiting to be stored after a database error. */
    pendingCount: () => pending.length,
    /** Unstored calls as the boards show them. */
    unstored: (): ActiveCall[] => pending.flatMap((p) => (p.shown && !p.hidden ? [p.shown] : [])),
  };
}
