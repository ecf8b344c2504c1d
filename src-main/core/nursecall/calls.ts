import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type { ActiveCall, CallPriority, CallRecord, CallResident } from '../../shared/contract/nursecall';
import { AppError, fieldError } from '../../shared/errors';
import { hasPermission } from '../../shared/roles';
import type { CallContext } from '../api/context';
import type { WriteContext, WritePath } from '../api/write-path';
import type { AuthService } from '../auth/service';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { AddressBook, Placement } from './addresses';
import { UNMAPPED_ZONE, unmappedLabel } from './addresses';
import type { NurseCallConfigService } from './config';
import type { LocationReader } from './locations';
import type { CallEvent } from './protocols/types';
import { localParts } from './stats';
import type { NurseCallCallsTable, NurseCallTables } from './tables';

export type CallRow = Selectable<NurseCallCallsTable>;

const priorityRank: Record<CallPriority, number> = { alarm: 0, high: 1, normal: 2 };
const isPriority = (p: string): p is CallPriority => Object.hasOwn(priorityRank, p);

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
function auditView(r: CallRow) {
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

export interface CallServiceDeps {
  sql: Sql<NurseCallTables>;
  writes: WritePath;
  events: EventBus;
  clock: Clock;
  logger: Logger;
  auth: AuthService;
  timeZone: () => string;
  config: NurseCallConfigService;
  addresses: AddressBook;
  locations: LocationReader;
}

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
 * The call lifecycle: raised → acknowledged (by a named user) → cleared (panel reset, or marked
 * attended). Each change is one transaction with its audit row; events go out after the commit.
 */
export function createCallService(deps: CallServiceDeps) {
  const { sql, writes, events, clock, logger, auth, config, addresses, locations } = deps;
  const { qb } = sql;
  const pending: Pending[] = [];

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

    /** Calls waiting to be stored after a database error. */
    pendingCount: () => pending.length,

    active(): ActiveCall[] {
      const stored = sql
        .all(qb.selectFrom('nursecall_calls').selectAll().where('status', '!=', 'cleared'))
        .map(toActiveCall);
      const unstored = pending.flatMap((p) => (p.shown && !p.hidden ? [p.shown] : []));
      return [...stored, ...unstored].sort(
        (a, b) =>
          priorityRank[a.priority] - priorityRank[b.priority] ||
          a.raisedAt.localeCompare(b.raisedAt) ||
          a.id - b.id,
      );
    },

    get(id: number): CallRecord {
      return toCallRecord(requireCall(id));
    },

    acknowledge(input: ParsedInputOf<'nursecall.calls.acknowledge'>, ctx: CallContext): ActiveCall {
      const user = ctx.user;
      if (!user) throw new AppError('UNAUTHENTICATED', '请先登录。');
      const before = requireCall(input.callId);
      if (before.status === 'cleared') {
        throw new AppError(
          'CONFLICT',
          `${before.label} 的呼叫已于 ${hhmm(before.cleared_at!)} 结束，无需确认。`,
        );
      }
      if (before.status === 'acknowledged') {
        throw new AppError(
          'CONFLICT',
          `${before.label} 的呼叫已由 ${before.acknowledged_by_name ?? '同事'} 于 ${hhmm(before.acknowledged_at!)} 确认，无需重复确认。`,
        );
      }
      let responder = { id: user.id, name: user.displayName };
      if (input.userId !== undefined && input.userId !== user.id) {
        let row;
        try {
          row = auth.sessionUser(input.userId);
        } catch {
          throw fieldError('userId', '找不到这位员工，请重新选择');
        }
        if (auth.userRow(input.userId).disabled)
          throw fieldError('userId', `${row.displayName} 的账号已停用，请选择其他员工`);
        if (!hasPermission(row.permissions, 'nursecall.respond')) {
          throw fieldError('userId', `${row.displayName} 没有“响应呼叫”权限，请选择护理人员`);
        }
        responder = { id: row.id, name: row.displayName };
      }
      const iso = ctx.now.toISOString();
      sql.run(
        qb
          .updateTable('nursecall_calls')
          .set({
            status: 'acknowledged',
            acknowledged_at: iso,
            acknowledged_by: responder.id,
            acknowledged_by_name: responder.name,
          })
          .where('id', '=', before.id),
      );
      const after = byId(before.id)!;
      ctx.audit({
        entity: 'nurseCall',
        entityId: before.id,
        before: auditView(before),
        after: auditView(after),
      });
      const call = toActiveCall(after);
      ctx.emit('nursecall.acknowledged', { call });
      return call;
    },

    clear(input: ParsedInputOf<'nursecall.calls.clear'>, ctx: CallContext): CallRecord {
      const user = ctx.user;
      if (!user) throw new AppError('UNAUTHENTICATED', '请先登录。');
      const before = requireCall(input.callId);
      if (before.status === 'cleared') {
        const how =
          before.cleared_how === 'panel' ? '呼叫器已复位' : `${before.cleared_by_name ?? '同事'}已处理`;
        throw new AppError(
          'CONFLICT',
          `${before.label} 的呼叫已于 ${hhmm(before.cleared_at!)} 结束（${how}）。`,
        );
      }
      const iso = ctx.now.toISOString();
      sql.run(
        qb
          .updateTable('nursecall_calls')
          .set({
            status: 'cleared',
            cleared_at: iso,
            cleared_by: user.id,
            cleared_by_name: user.displayName,
            cleared_how: 'attended',
            note: input.note ?? '',
          })
          .where('id', '=', before.id),
      );
      const after = byId(before.id)!;
      ctx.audit({
        entity: 'nurseCall',
        entityId: before.id,
        before: auditView(before),
        after: auditView(after),
      });
      ctx.emit('nursecall.cleared', { callId: before.id, how: 'attended' });
      return toCallRecord(after);
    },

    /**
     * Marks calls unacknowledged for `escalateAfterSeconds` as escalated, and retries calls that
     * could not be stored. Runs every second from a timer; tests call it after moving the clock.
     */
    tick(): ActiveCall[] {
      if (pending.length > 0) drain();
      const now = clock.now();
      const cutoff = new Date(now.getTime() - config.get().escalateAfterSeconds * 1000).toISOString();
      const due = sql.all(
        qb
          .selectFrom('nursecall_calls')
          .select('id')
          .where('status', '=', 'raised')
          .where('escalated_at', 'is', null)
          .where('raised_at', '<=', cutoff),
      );
      if (due.length === 0) return [];
      try {
        return writes.run({ procedure: ESCALATION_PROCEDURE, now, user: null }, (ctx) =>
          due.map(({ id }) => {
            const before = byId(id)!;
            sql.run(
              qb.updateTable('nursecall_calls').set({ escalated_at: now.toISOString() }).where('id', '=', id),
            );
            const after = byId(id)!;
            ctx.audit({
              entity: 'nurseCall',
              entityId: id,
              before: auditView(before),
              after: auditView(after),
            });
            const call = toActiveCall(after);
            ctx.emit('nursecall.escalated', { call });
            return call;
          }),
        );
      } catch (error) {
        logger.error('nurse-call escalation check failed; retrying next second', {
          error: error instanceof Error ? error.message : String(error),
        });
        return [];
      }
    },

    /** After an address is (re)mapped, open calls from it take the new label. */
    relabelOpen(address: string, ctx: Pick<CallContext, 'now' | 'emit'>): void {
      const open = openFor(address);
      if (!open) return;
      const place = addresses.placeFor(address, locations.lookup(ctx.now));
      sql.run(
        qb
          .updateTable('nursecall_calls')
          .set({
            label: place.label,
            mapped: place.mapped ? 1 : 0,
            bed_id: place.bedId,
            room_id: place.roomId,
            area: place.area,
            zone: place.zone,
            resident_id: place.resident?.id ?? null,
            resident_json: place.resident ? JSON.stringify(place.resident) : null,
          })
          .where('id', '=', open.id),
      );
      ctx.emit('nursecall.raised', { call: toActiveCall(byId(open.id)!) });
    },

    responders(): Array<{ id: number; name: string }> {
      return auth.usersWithPermission('nursecall.respond');
    },
  };
}

export type CallService = ReturnType<typeof createCallService>;
