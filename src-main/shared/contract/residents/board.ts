import type { BedBoard, BoardBed } from './types';

/**
 * Every bed of a board as a flat list, in board order, each with its room and building filled in
 * from where it sits in the tree: what a table, a lookup by id or a sheet of beds reads.
 */
export function boardBeds(board: BedBoard): BoardBed[] {
  const beds: BoardBed[] = [];
  for (const building of board.buildings)
    for (const floor of building.floors)
      for (const room of floor.rooms)
        for (const bed of room.beds)
          beds.push({
            id: bed.id,
            label: bed.label,
            roomId: room.id,
            roomNumber: room.number,
            floor: floor.floor,
            buildingId: building.id,
            buildingName: building.name,
            kind: bed.kind,
            roomClass: room.roomClass,
            status: bed.status,
            outOfServiceReason: bed.outOfServiceReason,
            resident: bed.resident,
          });
  return beds;
}
