import type { ParsedInputOf } from '../../shared/contract';
import type { ActiveCall, CallRecord } from '../../shared/contract/nursecall';
import { AppError, fieldError } from '../../shared/errors';
import { hasPermission } from '../../shared/roles';
import type { CallContext } from '../api/context';
import type { WritePath } from '../api/write-path';
import type { AuthService } from '../auth/service';
import type { Clock } from '../clock';
import type { Sql } from '../db/sql';
import type { EventBus } from '../events';
import type { Logger } from '../logger';
import type { AddressBook } from './addresses';
import type { NurseCallConfigService } from './config';
import type { LocationReader } from './locations';
import type { NurseCallTables } from './tables';
import { createCallIntake } from './call-intake';
import { createCallQueries } from './call-queries';
import {
  auditView,
  ESCALATION_PROCEDURE,
  isOpenCall,
  priorityRank,
  toActiveCall,
  toCallRecord,
} from './call-rows';

export * from './call-rows';

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
 * The call lifecycle: raised → acknowledged (by a named user) → cleared (panel reset, or marked
 * attended). Each change is one write with its audit row; events go out after the commit.
 * Calls from the wire come in through the intake (call-intake.ts).
 */
export function createCallService(deps: CallServiceDeps) {
  const { sql, writes, clock, logger, auth, config, addresses, locations } = deps;
  const { qb } = sql;
  const q = createCallQueries(deps);
  const { hhmm, byId, openFor, requireCall } = q;
  const intake = createCallIntake(deps, q);

  return {
    receive: intake.receive,
    /** Calls waiting to be stored after a database error. */
    pendingCount: intake.pendingCount,

    active(): ActiveCall[] {
      const stored = sql
        .all(qb.selectFrom('nursecall_calls').selectAll().where(isOpenCall))
        .map(toActiveCall);
      const unstored = intake.unstored();
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
      intake.drain();
      const now = clock.now();
      const cutoff = new Date(now.getTime() - config.get().escalateAfterSeconds * 1000).toISOString();
      const due = sql.all(
        qb
          .selectFrom('nursecall_calls')
          .select('id')
          // Through the partial index of open calls: `status = 'raised'` alone scanned every call
          // ever stored, every second (seconds a tick on ten years).
          .where(isOpenCall)
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
