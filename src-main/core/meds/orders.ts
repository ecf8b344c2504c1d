import {
  formatDecimal,
  parseDecimal,
  type Order,
  type OrderSchedule,
  type OrderSource,
  type OrderVersion,
  type ParsedInputOf,
} from '../../shared/contract';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import { iso, type MedsDeps, type MedsOp, type Stmt } from './common';
import { addDays, type OrderTerms } from './doses';
import type { Drugs } from './drugs';

export interface OrderRow {
  id: number;
  resident_id: number;
  drug_id: number;
  source: string;
  start_on: string;
  created_at: string;
  created_by: number | null;
  stopped_at: string | null;
  stopped_by: number | null;
  stop_reason: string | null;
}

export interface VersionRow {
  order_id: number;
  version: number;
  effective_from: string | null;
  dose_e4: number;
  route: string;
  schedule_json: string;
  end_on: string | null;
  prescriber: string;
  note: string;
  reason: string;
  created_at: string;
  created_by: number | null;
  checked_by: number | null;
}

/** An order with its versions, as the MAR and PRN rules read it. */
export interface LoadedOrder extends OrderTerms {
  residentId: number;
  drugId: number;
  source: OrderSource;
  stopReason: string | null;
  stoppedBy: number | null;
  rows: VersionRow[];
  versions: Array<OrderTerms['versions'][number] & { route: string }>;
}

const dose = (text: string) => parseDecimal(text)!;

/** Orders: created, changed by new versions, stopped with a reason; never edited in place. */
export function createOrders(deps: MedsDeps & { stmt: Stmt; drugs: Drugs }) {
  const { stmt, drugs, people } = deps;

  function loadMany(rows: OrderRow[]): LoadedOrder[] {
    if (rows.length === 0) return [];
    const byOrder = new Map<number, VersionRow[]>();
    // One query for all versions: a large home's MAR reads thousands of orders.
    const versions =
      rows.length > 20
        ? (stmt('SELECT * FROM meds_order_versions ORDER BY order_id, version').all() as VersionRow[])
        : rows.flatMap(
            (r) =>
              stmt('SELECT * FROM meds_order_versions WHERE order_id = ? ORDER BY version').all(
                r.id,
              ) as VersionRow[],
          );
    for (const v of versions) {
      const list = byOrder.get(v.order_id) ?? [];
      list.push(v);
      byOrder.set(v.order_id, list);
    }
    return rows.map((r) => {
      const vs = byOrder.get(r.id) ?? [];
      return {
        orderId: r.id,
        residentId: r.resident_id,
        drugId: r.drug_id,
        source: r.source as OrderSource,
        startOn: r.start_on,
        stoppedAt: r.stopped_at,
        stopReason: r.stop_reason,
        stoppedBy: r.stopped_by,
        rows: vs,
        versions: vs.map((v) => ({
          version: v.version,
          effectiveFrom: v.effective_from,
          schedule: JSON.parse(v.schedule_json) as OrderSchedule,
          endOn: v.end_on,
          doseE4: v.dose_e4,
          route: v.route,
        })),
      };
    });
  }

  function load(orderId: number): LoadedOrder {
    const row = stmt('SELECT * FROM meds_orders WHERE id = ?').get(orderId) as OrderRow | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到这条医嘱，请刷新后重试');
    return loadMany([row])[0]!;
  }

  /**
   * Orders that may have doses on some date from `from` to `to`: started by then and not stopped
   * before it began. The stop test is coarse (an instant against the day before, so every time zone
   * is covered); the dose rules apply the exact instant.
   */
  function activeIn(from: string, to: string, residentId?: number): LoadedOrder[] {
    const rows = (
      residentId === undefined
        ? stmt(
            'SELECT * FROM meds_orders WHERE start_on <= ? AND (stopped_at IS NULL OR stopped_at > ?)',
          ).all(to, addDays(from, -1))
        : stmt(
            'SELECT * FROM meds_orders WHERE resident_id = ? AND start_on <= ? AND (stopped_at IS NULL OR stopped_at > ?)',
          ).all(residentId, to, addDays(from, -1))
    ) as OrderRow[];
    return loadMany(rows);
  }

  /** Orders that may have doses on `date`. */
  function activeOn(date: string, residentId?: number): LoadedOrder[] {
    return activeIn(date, date, residentId);
  }

  /** Current terms = the newest version whose time has come (a future-dated change waits). */
  function currentVersion(o: LoadedOrder, now: Date): VersionRow {
    const nowIso = now.toISOString();
    const inForce = o.rows.filter((v) => v.effective_from === null || v.effective_from <= nowIso);
    return inForce[inForce.length - 1] ?? o.rows[0]!;
  }

  function view(o: LoadedOrder, now: Date): Order {
    const v = currentVersion(o, now);
    const resident = people.resident(o.residentId);
    const names = people.names([...o.rows.flatMap((r) => [r.created_by, r.checked_by]), o.stoppedBy]);
    const today = localDate(now, deps.timeZone());
    const schedule = JSON.parse(v.schedule_json) as OrderSchedule;
    const status: Order['status'] = o.stoppedAt
      ? 'stopped'
      : v.end_on !== null && v.end_on < today
        ? 'ended'
        : o.startOn > today
          ? 'pending'
          : 'active';
    return {
      orderId: o.orderId,
      residentId: o.residentId,
      residentName: resident.name,
      bed: resident.bed,
      drugId: o.drugId,
      drug: drugs.get(o.drugId),
      source: o.source,
      startOn: o.startOn,
      dose: formatDecimal(v.dose_e4),
      route: v.route,
      schedule,
      endOn: v.end_on,
      prescriber: v.prescriber,
      note: v.note,
      version: v.version,
      status,
      stoppedAt: o.stoppedAt,
      stopReason: o.stopReason,
      stoppedByName: o.stoppedBy ? (names.get(o.stoppedBy) ?? '') : '',
      versions: o.rows.map((r): OrderVersion => ({
        version: r.version,
        effectiveFrom: r.effective_from,
        dose: formatDecimal(r.dose_e4),
        route: r.route,
        schedule: JSON.parse(r.schedule_json) as OrderSchedule,
        endOn: r.end_on,
        prescriber: r.prescriber,
        note: r.note,
        reason: r.reason,
        createdAt: r.created_at,
        createdBy: r.created_by,
        createdByName: r.created_by ? (names.get(r.created_by) ?? '') : '',
        checkedBy: r.checked_by,
        checkedByName: r.checked_by ? (names.get(r.checked_by) ?? '') : '',
      })),
    };
  }

  function list(
    filter: { residentId?: number | undefined; includeStopped?: boolean | undefined },
    now: Date,
  ) {
    const rows = (
      filter.residentId === undefined
        ? stmt('SELECT * FROM meds_orders ORDER BY resident_id, id').all()
        : stmt('SELECT * FROM meds_orders WHERE resident_id = ? ORDER BY id').all(filter.residentId)
    ) as OrderRow[];
    return loadMany(rows)
      .map((o) => view(o, now))
      .filter((o) => filter.includeStopped || o.status === 'active' || o.status === 'pending');
  }

  function insertVersion(
    orderId: number,
    version: number,
    v: {
      effectiveFrom: string | null;
      doseE4: number;
      route: string;
      schedule: OrderSchedule;
      endOn: string | null;
      prescriber: string;
      note: string;
      reason: string;
      checkedBy: number | null;
    },
    op: MedsOp,
  ) {
    stmt(
      `INSERT INTO meds_order_versions (order_id, version, effective_from, dose_e4, route, schedule_json,
       end_on, prescriber, note, reason, created_at, created_by, checked_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      orderId,
      version,
      v.effectiveFrom,
      v.doseE4,
      v.route,
      JSON.stringify(v.schedule),
      v.endOn,
      v.prescriber,
      v.note,
      v.reason,
      op.now.toISOString(),
      op.user.id,
      v.checkedBy,
    );
  }

  function create(input: ParsedInputOf<'meds.orders.create'>, op: MedsOp): Order {
    people.requireCurrentResident(input.residentId);
    const drug = drugs.get(input.drugId);
    if (!drug.active) throw fieldError('drugId', `${drug.name} 已停用，请选择目录中在用的药品`);
    if (input.endOn && input.endOn < input.startOn) throw fieldError('endOn', '结束日期不能早于开始日期');
    const checkedBy =
      input.witnessId != null ? people.checkWitness(input.witnessId, op.user.id, '高警示药品医嘱') : null;
    const info = stmt(
      `INSERT INTO meds_orders (resident_id, drug_id, source, start_on, created_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.residentId, input.drugId, input.source, input.startOn, op.now.toISOString(), op.user.id);
    const orderId = Number(info.lastInsertRowid);
    insertVersion(
      orderId,
      1,
      {
        effectiveFrom: null,
        doseE4: dose(input.dose),
        route: input.route,
        schedule: input.schedule,
        endOn: input.endOn ?? null,
        prescriber: input.prescriber,
        note: input.note ?? '',
        reason: '',
        checkedBy,
      },
      op,
    );
    const after = view(load(orderId), op.now);
    op.audit({ entity: 'medOrder', entityId: orderId, after: auditView(after) });
    op.emit('meds.changed', { residentId: input.residentId, what: 'order' });
    return after;
  }

  function change(input: ParsedInputOf<'meds.orders.change'>, op: MedsOp): Order {
    const order = load(input.orderId);
    if (order.stoppedAt) throw new AppError('PRECONDITION', '这条医嘱已停用，不能再变更；请开一条新医嘱');
    const drug = drugs.get(order.drugId);
    const effectiveFrom = input.effectiveAt ? iso(input.effectiveAt) : op.now.toISOString();
    const last = order.rows[order.rows.length - 1]!;
    if (last.effective_from !== null && effectiveFrom < last.effective_from)
      throw fieldError('effectiveAt', '生效时间不能早于上一次变更的生效时间');
    const witness = input.witnessId ?? input.checkerId;
    const checkedBy =
      drug.highAlert || drug.controlled !== 'none'
        ? people.checkWitness(witness, op.user.id, `${drug.name} 是高警示药品，医嘱变更`)
        : witness != null
          ? people.checkWitness(witness, op.user.id, '医嘱变更')
          : null;
    const next = {
      effectiveFrom,
      doseE4: input.dose !== undefined ? dose(input.dose) : last.dose_e4,
      route: input.route ?? last.route,
      schedule: input.schedule ?? (JSON.parse(last.schedule_json) as OrderSchedule),
      endOn: input.endOn !== undefined ? input.endOn : last.end_on,
      prescriber: input.prescriber ?? last.prescriber,
      note: input.note ?? last.note,
      reason: input.reason ?? '',
      checkedBy,
    };
    if (next.endOn && next.endOn < order.startOn) throw fieldError('endOn', '结束日期不能早于开始日期');
    const before = view(order, op.now);
    insertVersion(order.orderId, last.version + 1, next, op);
    const after = view(load(order.orderId), op.now);
    op.audit({
      entity: 'medOrder',
      entityId: order.orderId,
      before: auditView(before),
      after: auditView(after),
    });
    op.emit('meds.changed', { residentId: order.residentId, what: 'order' });
    return after;
  }

  function stop(input: ParsedInputOf<'meds.orders.stop'>, op: MedsOp): Order {
    const order = load(input.orderId);
    if (order.stoppedAt) throw new AppError('PRECONDITION', '这条医嘱已经停用了');
    const at = input.at ? iso(input.at) : op.now.toISOString();
    const before = view(order, op.now);
    stmt('UPDATE meds_orders SET stopped_at = ?, stopped_by = ?, stop_reason = ? WHERE id = ?').run(
      at,
      op.user.id,
      input.reason,
      order.orderId,
    );
    const after = view(load(order.orderId), op.now);
    op.audit({
      entity: 'medOrder',
      entityId: order.orderId,
      before: auditView(before),
      after: auditView(after),
    });
    op.emit('meds.changed', { residentId: order.residentId, what: 'order' });
    return after;
  }

  return { load, activeOn, activeIn, list, view, create, change, stop, currentVersion };
}

/** What the permanent audit log keeps of an order: the terms, never the resident's name. */
function auditView(o: Order) {
  return {
    residentId: o.residentId,
    drugId: o.drugId,
    drug: o.drug.name,
    dose: o.dose,
    route: o.route,
    schedule: o.schedule,
    startOn: o.startOn,
    endOn: o.endOn,
    version: o.version,
    status: o.status,
    stoppedAt: o.stoppedAt,
    stopReason: o.stopReason,
  };
}

export type Orders = ReturnType<typeof createOrders>;
