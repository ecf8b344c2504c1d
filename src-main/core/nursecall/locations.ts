import type { BedBoard } from '../../shared/contract/residents';
import type { CallResident } from '../../shared/contract/nursecall';

/** A place a call can come from, named as the alarm board shows it. */
export interface CallPlace {
  label: string;
  /** Analytics grouping: building and floor (`1号楼 3层`). */
  zone: string;
  /** The resident in residence there (a room only when exactly one lives in it). */
  resident: CallResident | null;
  /** The names staff write in Excel: 楼栋, 房间, 床号 (null for a room). */
  where: { building: string; room: string; bed: string | null };
}

export interface LocationLookup {
  bed(bedId: number): (CallPlace & { roomId: number }) | null;
  room(roomId: number): CallPlace | null;
  /**
   * Finds a room (and a bed in it when `bed` is given) by the names staff write in Excel.
   * Returns why not, in Chinese, when there is no such place.
   */
  find(
    building: string,
    room: string,
    bed: string,
  ): { roomId: number; bedId: number | null } | { problem: string; column: '楼栋' | '房间' | '床号' };
  /** Every bed in service order, for the import template's reference sheet. */
  beds(): Array<CallPlace & { id: number }>;
}

/**
 * What the nurse-call module needs to know about beds, rooms and residents. The residents module
 * owns those tables; app.ts passes an adapter over its service (`residentsLocationReader`).
 * `lookup` is called once per operation, so a batch (the address list, an import) reads once.
 */
export interface LocationReader {
  /**
   * `one`: a single place is wanted (a ringing call), read with one indexed query; `many` (the
   * default): a list or an import, the whole board read once.
   */
  lookup(now: Date, expect?: 'one' | 'many'): LocationLookup;
}

/** For a core without the residents module: every address shows its mapped area or raw number. */
export const noLocations: LocationReader = {
  lookup: () => ({
    bed: () => null,
    room: () => null,
    find: () => ({ problem: '还没有床位数据，请先在“床位管理”中建立楼栋、房间和床位', column: '楼栋' }),
    beds: () => [],
  }),
};

/** The part of the residents module this adapter reads: its bed board, whole or one bed or room. */
export interface BedBoardSource {
  board(buildingId: number | undefined, ctx: { now: Date }): BedBoard;
  boardPart(filter: { bedId: number } | { roomId: number }, ctx: { now: Date }): BedBoard;
}

/** Reads beds, rooms and residents through the residents module's board. */
export function residentsLocationReader(facilities: BedBoardSource): LocationReader {
  return {
    lookup(now, expect = 'many') {
      let index: ReturnType<typeof build> | undefined;
      const get = () => (index ??= build(facilities.board(undefined, { now })));
      const one = (filter: { bedId: number } | { roomId: number }) =>
        expect === 'one' ? build(facilities.boardPart(filter, { now })) : get();
      return {
        bed: (id) => one({ bedId: id }).beds.get(id) ?? null,
        room: (id) => one({ roomId: id }).rooms.get(id) ?? null,
        find(building, room, bed) {
          const b = get().byName.get(building.trim());
          if (!b) return { problem: `没有名为「${building}」的楼栋，请核对楼栋名称`, column: '楼栋' };
          const r = b.rooms.get(room.trim().replace(/[室房号]$/, ''));
          if (!r) return { problem: `${building}没有 ${room} 房间，请核对房间号`, column: '房间' };
          if (bed.trim() === '') return { roomId: r.id, bedId: null };
          const raw = bed.trim().replace(/床$/, '');
          const label = raw.includes('-') ? raw : `${r.number}-${raw}`;
          const bedId = r.beds.get(label);
          if (bedId === undefined)
            return { problem: `${building} ${r.number} 房间没有 ${bed} 床，请核对床号`, column: '床号' };
          return { roomId: r.id, bedId };
        },
        beds: () => [...get().beds.entries()].map(([id, place]) => ({ id, ...place })),
      };
    },
  };
}

function build(board: BedBoard) {
  const beds = new Map<number, CallPlace & { roomId: number }>();
  const rooms = new Map<number, CallPlace>();
  const byName = new Map<
    string,
    { rooms: Map<string, { id: number; number: string; beds: Map<string, number> }> }
  >();
  for (const building of board.buildings) {
    const roomsByNumber = new Map<string, { id: number; number: string; beds: Map<string, number> }>();
    byName.set(building.name, { rooms: roomsByNumber });
    for (const floor of building.floors) {
      const zone = `${building.name} ${floor.floor}层`;
      for (const room of floor.rooms) {
        const occupants: CallResident[] = [];
        const bedLabels = new Map<string, number>();
        for (const b of room.beds) {
          const r = b.resident;
          const resident: CallResident | null =
            r && (r.status === 'admitted' || r.status === 'onLeave')
              ? { id: r.id, name: r.name, careCategory: r.careCategory, riskBadges: r.riskBadges }
              : null;
          if (resident) occupants.push(resident);
          beds.set(b.id, {
            label: `${building.name} ${b.label}床`,
            zone,
            resident,
            roomId: room.id,
            where: {
              building: building.name,
              room: room.number,
              bed: b.label.slice(b.label.lastIndexOf('-') + 1),
            },
          });
          bedLabels.set(b.label, b.id);
        }
        rooms.set(room.id, {
          label: `${building.name} ${room.number}室`,
          zone,
          resident: occupants.length === 1 ? occupants[0]! : null,
          where: { building: building.name, room: room.number, bed: null },
        });
        roomsByNumber.set(room.number, { id: room.id, number: room.number, beds: bedLabels });
      }
    }
  }
  return { beds, rooms, byName };
}
