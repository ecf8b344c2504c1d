import { encodedOnce } from '../api/json-text';
import { ageOn, type Sex } from '../../shared/id-number';
import type { CareCategory } from '../../shared/assessment/ability';
import type { ParsedInputOf } from '../../shared/contract';
import {
  bedStatuses,
  type BedBoard,
  type BedKind,
  type BedStatus,
  type BedSummary,
  type BoardCell,
  type BuildingRow,
} from '../../shared/contract/residents';
import { AppError, fieldError } from '../../shared/errors';
import type { LeaveKind, ResidentStatus } from '../../shared/residents/lifecycle';
import { careGradeFor, type ResidentsConfigService } from './config';
import {
  notFound,
  precondition,
  riskBadgesOf,
  statementCache,
  todayOf,
  type ModuleDeps,
  type OpContext,
} from './common';

interface BedJoinRow {
  id: number;
  label: string;
  number: number;
  kind: string;
  out_of_service_reason: string | null;
  retired_on: string | null;
  room_id: number;
  room_number: string;
  floor: number;
  room_class: string;
  building_id: number;
  building_name: string;
  holder_status: string | null;
}

const bedSelect = `
  SELECT b.id, b.label, b.number, b.kind, b.out_of_service_reason, b.retired_on,
         rm.id AS room_id, rm.number AS room_number, rm.floor, rm.room_class,
         bl.id AS building_id, bl.name AS building_name,
         r.status AS holder_status
  FROM beds b
  JOIN rooms rm ON rm.id = b.room_id
  JOIN buildings bl ON bl.id = rm.building_id
  LEFT JOIN residents r ON r.bed_id = b.id`;

const bedOrder = 'ORDER BY bl.id, rm.floor, rm.sort_no, rm.number, b.number';

/** Status as the board shows it: retirement and service first, then who holds the bed. */
export function bedStatusOf(row: {
  retired_on: string | null;
  out_of_service_reason: string | null;
  holder_status: string | null;
}): BedStatus {
  if (row.retired_on) return 'retired';
  if (row.holder_status === 'reserved') return 'reserved';
  if (row.holder_status === 'onLeave') return 'onLeave';
  if (row.holder_status === 'admitted') return 'occupied';
  if (row.out_of_service_reason) return 'outOfService';
  return 'vacant';
}

function toSummary(row: BedJoinRow): BedSummary {
  return {
    id: row.id,
    label: row.label,
    roomId: row.room_id,
    roomNumber: row.room_number,
    floor: row.floor,
    buildingId: row.building_id,
    buildingName: row.building_name,
    kind: row.kind as BedKind,
    roomClass: row.room_class,
    status: bedStatusOf(row),
    outOfServiceReason: row.out_of_service_reason,
  };
}

/** `1号楼 301-2`: how staff name a bed when the building matters. */
export function fullBedLabel(bed: Pick<BedSummary, 'buildingName' | 'label'>): string {
  return `${bed.buildingName} ${bed.label}床`;
}

export function createFacilities(deps: ModuleDeps & { config: ResidentsConfigService }) {
  const { sql, config } = deps;
  const { qb } = sql;
  const stmt = statementCache(sql);

  function findBed(id: number): BedSummary | null {
    const row = stmt(`${bedSelect} WHERE b.id = ?`).get(id) as BedJoinRow | undefined;
    return row ? toSummary(row) : null;
  }

  function bed(id: number): BedSummary {
    const found = findBed(id);
    if (!found) throw notFound('张床位');
    return found;
  }

  function buildingRow(id: number): BuildingRow {
    const row = stmt(
      `SELECT bl.id, bl.name,
              (SELECT count(*) FROM beds b JOIN rooms rm ON rm.id = b.room_id
               WHERE rm.building_id = bl.id AND b.retired_on IS NULL) AS bedCount
       FROM buildings bl WHERE bl.id = ?`,
    ).get(id) as BuildingRow | undefined;
    if (!row) throw notFound('栋楼');
    return row;
  }

  function holderName(bedId: number): string | null {
    return sql.first(qb.selectFrom('residents').select('name').where('bed_id', '=', bedId))?.name ?? null;
  }

  function requireRoomClass(roomClass: string, path: string): void {
    const classes = config.get().roomClasses;
    if (!classes.includes(roomClass)) {
      throw fieldError(
        path,
        `房型「${roomClass}」不在房型列表中（${classes.join('、')}），请选择列表中的房型或先在设置中添加`,
      );
    }
  }

  /**
   * Refuses a bed that cannot take a resident now, saying why. `exceptResidentId` lets a reserved
   * resident move into the bed they hold.
   */
  function requireAvailable(bedId: number, path: string, exceptResidentId?: number): BedSummary {
    const found = findBed(bedId);
    if (!found) throw fieldError(path, '找不到这张床位，可能已被删除。请重新选择床位');
    const where = fullBedLabel(found);
    if (found.status === 'retired') throw fieldError(path, `${where}已撤床，请选择其他床位`);
    if (found.status === 'outOfService') {
      throw fieldError(
        path,
        `${where}已停用（${found.outOfServiceReason ?? ''}），请选择其他床位或先恢复使用`,
      );
    }
    const holder = sql.first(
      qb.selectFrom('residents').select(['id', 'name', 'status']).where('bed_id', '=', bedId),
    );
    if (holder && holder.id !== exceptResidentId) {
      const how =
        holder.status === 'reserved'
          ? '已被预订'
          : holder.status === 'onLeave'
            ? '有老人请假保留'
            : '已有老人入住';
      throw new AppError(
        'CONFLICT',
        `${where}${how}（${holder.name}），一张床只能安排一位老人，请选择其他床位`,
        {
          fieldErrors: [{ path, message: `${where}${how}（${holder.name}）` }],
        },
      );
    }
    return found;
  }

  function hasHistory(bedId: number): boolean {
    return (
      sql.first(qb.selectFrom('resident_events').select('id').where('bed_id', '=', bedId).limit(1)) !==
        undefined ||
      sql.first(qb.selectFrom('residents').select('id').where('bed_id', '=', bedId)) !== undefined
    );
  }

  function buildings(): BuildingRow[] {
    return stmt(
      `SELECT bl.id, bl.name, count(b.id) AS bedCount
       FROM buildings bl
       LEFT JOIN rooms rm ON rm.building_id = bl.id
       LEFT JOIN beds b ON b.room_id = rm.id AND b.retired_on IS NULL
       GROUP BY bl.id ORDER BY bl.id`,
    ).all() as BuildingRow[];
  }

  type BoardRow = BedJoinRow & {
    resident_id: number | null;
    resident_name: string | null;
    sex: string | null;
    birth_date: string | null;
    care_category: string | null;
    care_grade_override: string | null;
    items_json: string | null;
    leave_kind: string | null;
    expected_return_on: string | null;
  };

  function boardRows(where: string, params: unknown[]): BoardRow[] {
    return stmt(
      `SELECT b.id, b.label, b.number, b.kind, b.out_of_service_reason, b.retired_on,
              rm.id AS room_id, rm.number AS room_number, rm.floor, rm.room_class,
              bl.id AS building_id, bl.name AS building_name,
              r.status AS holder_status, r.id AS resident_id, r.name AS resident_name, r.sex, r.birth_date,
              r.care_category, r.care_grade_override, ra.items_json,
              lv.kind AS leave_kind, lv.expected_return_on
       FROM beds b
       JOIN rooms rm ON rm.id = b.room_id
       JOIN buildings bl ON bl.id = rm.building_id
       LEFT JOIN residents r ON r.bed_id = b.id
       LEFT JOIN risk_assessments ra ON ra.id = r.latest_risk_id
       LEFT JOIN resident_leaves lv ON lv.resident_id = r.id AND lv.closed_on IS NULL
       WHERE ${where}
       ${bedOrder}`,
    ).all(...params) as BoardRow[];
  }

  /** Builds the board's tree from its rows, in bed order, under the given buildings. */
  function boardOf(
    rows: BoardRow[],
    buildingList: Array<{ id: number; name: string }>,
    ctx: { now: Date },
  ): BedBoard {
    const today = todayOf(deps, ctx);
    const cfg = config.get();
    const counts = Object.fromEntries(bedStatuses.map((s) => [s, 0])) as BedBoard['counts'];
    counts.total = 0;
    counts.nursingBeds = 0;
    const byBuilding = new Map<number, BedBoard['buildings'][number]>();
    for (const b of buildingList) byBuilding.set(b.id, { id: b.id, name: b.name, floors: [] });
    for (const row of rows) {
      const status = bedStatusOf(row);
      const kind = row.kind as BedKind;
      counts[status] += 1;
      if (status === 'retired') continue;
      counts.total += 1;
      if (kind === 'nursing') counts.nursingBeds += 1;
      // Only the bed's own fields: its room, floor and building are the ones it is filed under.
      const cell: BoardCell = {
        id: row.id,
        label: row.label,
        kind,
        status,
        outOfServiceReason: row.out_of_service_reason,
        resident:
          row.resident_id === null
            ? null
            : {
                id: row.resident_id,
                name: row.resident_name ?? '',
                sex: row.sex as Sex | null,
                age: row.birth_date ? ageOn(row.birth_date, today) : null,
                status: row.holder_status as ResidentStatus,
                careCategory: row.care_category as CareCategory | null,
                careGrade: careGradeFor(cfg, row.care_category, row.care_grade_override),
                riskBadges: riskBadgesOf(row.items_json),
                leave:
                  row.holder_status === 'onLeave' && row.leave_kind
                    ? { kind: row.leave_kind as LeaveKind, expectedReturnOn: row.expected_return_on }
                    : null,
              },
      };
      const building = byBuilding.get(row.building_id)!;
      let floor = building.floors[building.floors.length - 1];
      if (!floor || floor.floor !== row.floor) {
        floor = { floor: row.floor, rooms: [] };
        building.floors.push(floor);
      }
      let room = floor.rooms[floor.rooms.length - 1];
      if (!room || room.id !== row.room_id) {
        room = { id: row.room_id, number: row.room_number, roomClass: row.room_class, beds: [] };
        floor.rooms.push(room);
      }
      room.beds.push(cell);
    }
    return { buildings: [...byBuilding.values()], counts };
  }

  return {
    findBed,
    bed,
    requireAvailable,
    buildings,

    saveBuilding(input: ParsedInputOf<'facilities.saveBuilding'>, ctx: OpContext): BuildingRow {
      const clash = sql.first(qb.selectFrom('buildings').select('id').where('name', '=', input.name));
      if (clash && clash.id !== input.id)
        throw fieldError('name', `已有名为「${input.name}」的楼栋，请换一个名称`);
      const now = ctx.now.toISOString();
      if (input.id === undefined) {
        const { lastInsertRowid } = sql.run(
          qb.insertInto('buildings').values({ name: input.name, created_at: now, updated_at: now }),
        );
        const after = buildingRow(lastInsertRowid);
        ctx.audit({ entity: 'building', entityId: after.id, after });
        return after;
      }
      const before = buildingRow(input.id);
      sql.run(
        qb.updateTable('buildings').set({ name: input.name, updated_at: now }).where('id', '=', input.id),
      );
      const after = buildingRow(input.id);
      ctx.audit({ entity: 'building', entityId: input.id, before, after });
      return after;
    },

    bulkCreate(
      input: ParsedInputOf<'beds.bulkCreate'>,
      ctx: OpContext,
    ): { roomsCreated: number; bedsCreated: number; skippedRooms: string[] } {
      buildingRow(input.buildingId);
      requireRoomClass(input.roomClass, 'roomClass');
      const now = ctx.now.toISOString();
      const existing = new Set(
        sql
          .all(qb.selectFrom('rooms').select('number').where('building_id', '=', input.buildingId))
          .map((r) => r.number),
      );
      const skippedRooms: string[] = [];
      const bedIds: number[] = [];
      let roomsCreated = 0;
      for (let n = input.roomFrom; n <= input.roomTo; n += 1) {
        const number = String(n);
        if (existing.has(number)) {
          skippedRooms.push(number);
          continue;
        }
        const room = sql.run(
          qb.insertInto('rooms').values({
            building_id: input.buildingId,
            floor: input.floor,
            number,
            sort_no: n,
            room_class: input.roomClass,
            created_at: now,
          }),
        );
        roomsCreated += 1;
        for (let b = 1; b <= input.bedsPerRoom; b += 1) {
          const bedRow = sql.run(
            qb.insertInto('beds').values({
              room_id: room.lastInsertRowid,
              number: b,
              label: `${number}-${b}`,
              kind: input.bedKind,
              out_of_service_reason: null,
              retired_on: null,
              retired_reason: null,
              created_at: now,
              updated_at: now,
            }),
          );
          bedIds.push(bedRow.lastInsertRowid);
        }
      }
      const result = { roomsCreated, bedsCreated: bedIds.length, skippedRooms };
      ctx.audit({ entity: 'beds', entityId: input.buildingId, after: { ...input, ...result } });
      if (bedIds.length > 0) ctx.emit('beds.changed', { bedIds });
      return result;
    },

    update(input: ParsedInputOf<'beds.update'>, ctx: OpContext): BedSummary {
      const before = bed(input.id);
      if (before.status === 'retired') throw precondition(`${fullBedLabel(before)}已撤床，不能再修改`);
      if (input.kind !== undefined) {
        sql.run(
          qb
            .updateTable('beds')
            .set({ kind: input.kind, updated_at: ctx.now.toISOString() })
            .where('id', '=', input.id),
        );
      }
      if (input.roomClass !== undefined) {
        // Room class is a property of the room (it prices every bed in it), so it changes for all.
        requireRoomClass(input.roomClass, 'roomClass');
        sql.run(qb.updateTable('rooms').set({ room_class: input.roomClass }).where('id', '=', before.roomId));
      }
      const after = bed(input.id);
      ctx.audit({ entity: 'bed', entityId: input.id, before, after });
      ctx.emit('beds.changed', { bedIds: [input.id] });
      return after;
    },

    setOutOfService(input: ParsedInputOf<'beds.setOutOfService'>, ctx: OpContext): BedSummary {
      const before = bed(input.id);
      if (before.status === 'retired') throw precondition(`${fullBedLabel(before)}已撤床，不能停用或恢复`);
      if (input.reason !== null) {
        const holder = holderName(input.id);
        if (holder) {
          throw precondition(
            `${fullBedLabel(before)}上有老人（${holder}），请先为老人调换床位或取消预订，再停用这张床`,
          );
        }
      }
      sql.run(
        qb
          .updateTable('beds')
          .set({ out_of_service_reason: input.reason, updated_at: ctx.now.toISOString() })
          .where('id', '=', input.id),
      );
      const after = bed(input.id);
      ctx.audit({ entity: 'bed', entityId: input.id, before, after });
      ctx.emit('beds.changed', { bedIds: [input.id] });
      return after;
    },

    retire(input: ParsedInputOf<'beds.retire'>, ctx: OpContext): BedSummary {
      const before = bed(input.id);
      if (before.status === 'retired') throw precondition(`${fullBedLabel(before)}已经撤床`);
      const holder = holderName(input.id);
      if (holder)
        throw precondition(`${fullBedLabel(before)}上有老人（${holder}），请先为老人调换床位，再撤床`);
      sql.run(
        qb
          .updateTable('beds')
          .set({
            retired_on: todayOf(deps, ctx),
            retired_reason: input.reason,
            updated_at: ctx.now.toISOString(),
          })
          .where('id', '=', input.id),
      );
      const after = bed(input.id);
      ctx.audit({
        entity: 'bed',
        entityId: input.id,
        before,
        after: { ...after, retiredReason: input.reason },
      });
      ctx.emit('beds.changed', { bedIds: [input.id] });
      return after;
    },

    remove(input: ParsedInputOf<'beds.delete'>, ctx: OpContext): null {
      const before = bed(input.id);
      if (hasHistory(input.id)) {
        throw precondition(
          `${fullBedLabel(before)}有入住或预订记录，不能删除；如不再使用，请「撤床」，记录会保留`,
        );
      }
      sql.run(qb.deleteFrom('beds').where('id', '=', input.id));
      const left = sql.first(
        qb.selectFrom('beds').select('id').where('room_id', '=', before.roomId).limit(1),
      );
      if (!left) sql.run(qb.deleteFrom('rooms').where('id', '=', before.roomId));
      ctx.audit({ entity: 'bed', entityId: input.id, before, after: null });
      ctx.emit('beds.changed', { bedIds: [input.id] });
      return null;
    },

    /** Every bed not retired, by id: for modules that place many residents at once (a day's MAR). */
    bedsById(): Map<number, BedSummary> {
      const rows = stmt(`${bedSelect} WHERE b.retired_on IS NULL`).all() as BedJoinRow[];
      return new Map(rows.map((r) => [r.id, toSummary(r)]));
    },

    available(kind?: BedKind): BedSummary[] {
      const rows = stmt(
        `${bedSelect}
         WHERE b.retired_on IS NULL AND b.out_of_service_reason IS NULL AND r.id IS NULL
           AND (? IS NULL OR b.kind = ?)
         ${bedOrder}`,
      ).all(kind ?? null, kind ?? null) as BedJoinRow[];
      return rows.map(toSummary);
    },

    /**
     * Kept until the next write (and for the day: ages count from today). The board is the
     * front desk's and the nurses' home screen, read far more often than beds or residents change,
     * and a 1,000-bed board took ~40 ms to build.
     */
    board(buildingId: number | undefined, ctx: { now: Date }): BedBoard {
      return sql.remember(
        `residents.board:${buildingId ?? '*'}`,
        () => {
          const buildingList = buildingId === undefined ? buildings() : [buildingRow(buildingId)];
          return boardOf(
            boardRows('(? IS NULL OR bl.id = ?)', [buildingId ?? null, buildingId ?? null]),
            buildingList,
            ctx,
          );
        },
        todayOf(deps, ctx),
      );
    },

    /** The board as the `beds.board` answer: encoded once per change, however often screens poll it. */
    boardAnswer(buildingId: number | undefined, ctx: { now: Date }): BedBoard {
      return sql.remember(
        `residents.board.answer:${buildingId ?? '*'}`,
        () => encodedOnce(this.board(buildingId, ctx)),
        todayOf(deps, ctx),
      );
    },

    /**
     * The board cut to one bed, or to the beds of one room, with one indexed query: what a
     * ringing call needs to name its place, whatever the number of beds.
     */
    boardPart(filter: { bedId: number } | { roomId: number }, ctx: { now: Date }): BedBoard {
      const rows =
        'bedId' in filter ? boardRows('b.id = ?', [filter.bedId]) : boardRows('rm.id = ?', [filter.roomId]);
      const seen = new Map<number, { id: number; name: string }>();
      for (const row of rows) seen.set(row.building_id, { id: row.building_id, name: row.building_name });
      return boardOf(rows, [...seen.values()], ctx);
    },

    /** For the config check: room classes rooms still use. */
    roomClassesInUse(): Set<string> {
      return new Set(
        sql.all(qb.selectFrom('rooms').select('room_class').distinct()).map((r) => r.room_class),
      );
    },
  };
}

export type FacilitiesService = ReturnType<typeof createFacilities>;
