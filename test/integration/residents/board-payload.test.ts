import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE, buildHttpApp } from '../../../src-main/http/app';
import { boardBeds, type BedBoard } from '../../../src-main/shared/contract/residents';
import { makeCore, signInDemoAdmin, type TestCore } from '../../support/core';
import { sheetRows } from '../../support/sheets';

/** Fields of a bed that its room, floor and building already give: the board leaves them out. */
const placeFields = ['roomId', 'roomNumber', 'floor', 'buildingId', 'buildingName', 'roomClass'];

/** The board as it was before the cells were slimmed: each bed repeating its place. */
function flattened(board: BedBoard) {
  const full = new Map(boardBeds(board).map((b) => [b.id, b]));
  return {
    ...board,
    buildings: board.buildings.map((b) => ({
      ...b,
      floors: b.floors.map((f) => ({
        ...f,
        rooms: f.rooms.map((r) => ({ ...r, beds: r.beds.map((bed) => full.get(bed.id)!) })),
      })),
    })),
  };
}

// The demo home (120 beds in two buildings over five floors) takes a while to seed.
describe('the bed board on the demo home', { timeout: 120_000 }, () => {
  let t: TestCore;
  let token: string;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    t = makeCore();
    token = await signInDemoAdmin(t, 'board-password-1');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    t?.close();
  });

  it('sends each bed without its room and building, and boardBeds puts them back', async () => {
    const board = await t.call('beds.board', {}, token);
    const cells = board.buildings.flatMap((b) => b.floors.flatMap((f) => f.rooms.flatMap((r) => r.beds)));
    expect(cells).toHaveLength(board.counts.total);
    for (const cell of cells) {
      expect(Object.keys(cell).sort()).toEqual(
        ['id', 'label', 'kind', 'status', 'outOfServiceReason', 'resident'].sort(),
      );
      for (const field of placeFields) expect(cell).not.toHaveProperty(field);
    }

    // Two buildings, several floors each, and more than one room class: the place must come from
    // the right level of the tree, not from the first building or floor.
    expect(board.buildings.map((b) => b.name)).toEqual(['1号楼', '2号楼']);
    expect(board.buildings.map((b) => b.floors.map((f) => f.floor))).toEqual([
      [1, 2, 3],
      [1, 2],
    ]);

    const flat = boardBeds(board);
    expect(flat.map((b) => b.id)).toEqual(cells.map((c) => c.id));
    // Checked against the beds as the facilities service reads them itself, room and building joined.
    const summaries = t.core.services.residents.facilities.bedsById();
    expect(flat).toHaveLength(summaries.size);
    for (const bed of flat) {
      const { resident, ...summary } = bed;
      expect(summary).toEqual(summaries.get(bed.id));
      expect(resident).toEqual(cells.find((c) => c.id === bed.id)!.resident);
    }
    expect(new Set(flat.map((b) => b.buildingName))).toEqual(new Set(['1号楼', '2号楼']));
    expect(new Set(flat.map((b) => `${b.buildingId}:${b.floor}`)).size).toBe(5);
    expect(new Set(flat.map((b) => b.roomClass)).size).toBeGreaterThan(1);
    const second = flat.find((b) => b.buildingName === '2号楼' && b.floor === 2 && b.roomClass === '单人间')!;
    expect(second.label.startsWith(second.roomNumber)).toBe(true);
    expect(second.buildingId).toBe(board.buildings[1]!.id);

    // The bed sheet (beds.export), which reads the flat beds, still names each bed's place.
    const rows = await sheetRows(await t.call('beds.export', {}, token));
    expect(rows.slice(2).map((r) => r.slice(0, 5))).toEqual(
      flat.map((b) => [b.buildingName, String(b.floor), b.roomNumber, `${b.label}床`, b.roomClass]),
    );
  });

  it('is at most 0.8 of the flattened answer on the wire', async () => {
    app = await buildHttpApp(t.core);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}/api/call/beds.board`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: `${SESSION_COOKIE}=${token}`,
        'accept-encoding': 'identity',
      },
      body: '{}',
    });
    const body = Buffer.from(await res.arrayBuffer());
    const answer = JSON.parse(body.toString()) as { ok: true; value: BedBoard };
    expect(answer.ok).toBe(true);
    const flat = Buffer.byteLength(JSON.stringify({ ok: true, value: flattened(answer.value) }));
    expect(body.length).toBeLessThanOrEqual(0.8 * flat);
  });
});
