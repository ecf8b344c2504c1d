import type { CallResident } from '../../shared/contract/nursecall';
import type { Actor } from '../api/write-path';
import type { Rng } from '../demo/people';
import type { GenerateContext } from '../module';
import { addDays } from '../residents/common';
import type { ImportEntry } from './addresses';
import { residentsLocationReader } from './locations';
import type { NurseCallTables } from './tables';

/** Calls a day in a 1,000-bed home; scaled with the number of beds. */
const CALLS_PER_BED_PER_DAY = 1;
/** Share of each local hour in a day's calls: busy mornings and evenings, quiet after midnight. */
// prettier-ignore
const HOURLY = [2, 1.5, 1.5, 1.5, 2, 3, 5, 7, 7, 6, 5, 5, 5, 4, 4, 4.5, 5, 6, 6.5, 6, 5, 4, 3, 2.5];
const HOUR_TOTAL = HOURLY.reduce((s, w) => s + w, 0);
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ESCALATE_AFTER_MS = 60_000;

interface Spot {
  address: string;
  label: string;
  zone: string;
  bedId: number | null;
  roomId: number | null;
  area: string;
}

/** Seconds from a log-normal with the given median; `spread` is sigma. */
function logNormal(rng: Rng, medianSeconds: number, spread: number): number {
  const u = Math.max(rng.next(), 1e-9);
  const v = rng.next();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return medianSeconds * Math.exp(spread * z);
}

/**
 * Every bed gets a bedside call point (address `<楼><房间><床>`, e.g. 13012 for 1号楼 301-2) and each
 * floor a washroom; then `years` of calls at about one per bed a day, placed as the intake places
 * them (label, zone and the resident in the bed that day), acknowledged by floor staff after a
 * log-normal wait (median ~45 s) and cleared at the panel or marked attended. The intake writes an
 * audit row per call; ten years of them would double the file, so each batch of calls records one
 * summary audit row instead.
 */
export async function generateNurseCalls(ctx: GenerateContext): Promise<void> {
  const residents = ctx.modules.residents;
  const nurseCall = ctx.modules.nurseCall;
  if (!residents || !nurseCall) throw new Error('the nurse-call generator needs residents and nurse call');
  const { rng } = ctx;
  const sql = ctx.sql.scope<NurseCallTables>();
  const actor = (username: string): Actor => {
    const u = ctx.auth.listUsers().find((x) => x.username === username)!;
    return { id: u.id, username: u.username, displayName: u.displayName };
  };

  // ---------------------------------------------------------------- addresses, one import
  const lookup = residentsLocationReader(residents.facilities).lookup(ctx.now);
  const beds = lookup.beds();
  const entries: ImportEntry[] = [];
  const floors = new Set<string>();
  for (const bed of beds) {
    const building = bed.where.building.replace(/号楼$/, '');
    entries.push({
      row: entries.length + 2,
      address: `${building}${bed.where.room}${bed.where.bed ?? ''}`,
      building: bed.where.building,
      room: bed.where.room,
      bed: bed.where.bed ?? '',
      area: '',
    });
    floors.add(bed.zone);
  }
  for (const zone of floors) {
    const [building, floor] = zone.split(' ');
    entries.push({
      row: entries.length + 2,
      address: `${building!.replace(/号楼$/, '')}${floor!.replace(/层$/, '')}99`,
      building: '',
      room: '',
      bed: '',
      area: `${zone} 公共卫生间`,
    });
  }
  ctx.writes.run({ procedure: 'nursecall.addresses.import', now: ctx.now, user: actor('admin') }, (w) => {
    const result = nurseCall.addresses.applyImport(entries, w);
    if (result.problems.length > 0)
      throw new Error(`address import refused: ${JSON.stringify(result.problems.slice(0, 3))}`);
  });
  ctx.progress(`${entries.length} call addresses`);

  const byBed = new Map<number, Spot>();
  const areas: Spot[] = [];
  for (const e of entries) {
    if (e.area)
      areas.push({
        address: e.address,
        label: e.area,
        zone: e.area,
        bedId: null,
        roomId: null,
        area: e.area,
      });
  }
  beds.forEach((bed, i) => {
    const place = lookup.bed(bed.id)!;
    byBed.set(bed.id, {
      address: entries[i]!.address,
      label: place.label,
      zone: place.zone,
      bedId: bed.id,
      roomId: place.roomId,
      area: '',
    });
  });

  // ---------------------------------------------------------------- who lay in which bed, by day
  const people = new Map<number, CallResident>(
    residents.records
      .listAll({ statuses: ['admitted', 'onLeave', 'discharged', 'archived'] }, { now: ctx.now })
      .map((r) => [
        r.id,
        // As the resident is now (care category and risks of their last assessment), not as of each call.
        { id: r.id, name: r.name, careCategory: r.careCategory, riskBadges: r.riskBadges },
      ]),
  );
  const stays = residents.bedStays();
  const starts = new Map<string, typeof stays>();
  const ends = new Map<string, typeof stays>();
  for (const s of stays) {
    starts.set(s.from, [...(starts.get(s.from) ?? []), s]);
    if (s.to) ends.set(s.to, [...(ends.get(s.to) ?? []), s]);
  }
  const occupant = new Map<number, { resident: CallResident; json: string }>();

  const staff = ctx.auth
    .listUsers()
    .filter((u) => u.roles.includes('caregiver') || u.roles.includes('nurse'))
    .map((u) => ({ id: u.id, name: u.displayName }));

  // ---------------------------------------------------------------- calls, day by day
  const start = addDays(ctx.today, -Math.round(ctx.years * 365));
  const perDay = Math.round(beds.length * CALLS_PER_BED_PER_DAY);
  const nowMs = ctx.now.getTime();
  const insert = sql.db.prepare(
    `INSERT INTO nursecall_calls (address, port_id, label, mapped, bed_id, room_id, area, zone,
       resident_id, resident_json, priority, message, call_type, status, raised_at, raised_on,
       last_seen_at, repeats, acknowledged_at, acknowledged_by, acknowledged_by_name, escalated_at,
       cleared_at, cleared_by, cleared_by_name, cleared_how, note)
     VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 'cleared', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const iso = (ms: number) => new Date(ms).toISOString();

  function* callsOf(day: string): Generator<unknown[]> {
    for (const s of ends.get(day) ?? [])
      if (occupant.get(s.bedId)?.resident.id === s.residentId) occupant.delete(s.bedId);
    for (const s of starts.get(day) ?? []) {
      const resident = people.get(s.residentId);
      if (resident) occupant.set(s.bedId, { resident, json: JSON.stringify(resident) });
    }
    const occupied = [...occupant.keys()];
    const midnight = Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET_MS;
    for (let n = 0; n < perDay; n += 1) {
      let r = rng.next() * HOUR_TOTAL;
      let hour = 0;
      while (hour < 23 && r >= HOURLY[hour]!) r -= HOURLY[hour++]!;
      const raised = midnight + hour * 3_600_000 + Math.floor(rng.next() * 3_600_000);
      let spot: Spot;
      let resident: { resident: CallResident; json: string } | undefined;
      let mapped = 1;
      const where = rng.next();
      if (where < 0.01) {
        // A call point nobody registered: a new handset, or one moved without telling the office.
        spot = {
          address: String(rng.int(90000, 90040)),
          label: '',
          zone: '未登记的地址',
          bedId: null,
          roomId: null,
          area: '',
        };
        spot.label = `未登记的呼叫地址 ${spot.address}`;
        mapped = 0;
      } else if (where < 0.08 || occupied.length === 0) {
        spot = rng.pick(areas);
      } else {
        // Residents who need more help call more often.
        let bed = rng.pick(occupied);
        for (let tries = 0; tries < 2 && occupant.get(bed)!.resident.careCategory === 'selfCare'; tries += 1)
          bed = rng.pick(occupied);
        spot = byBed.get(bed)!;
        resident = occupant.get(bed);
      }
      const priority = rng.chance(0.02) ? 'alarm' : rng.chance(0.08) ? 'high' : 'normal';
      const night = hour < 6 || hour >= 22;
      const waitMs = Math.round(logNormal(rng, night ? 60 : 40, 0.9) * 1000);
      const acknowledged = rng.chance(0.72);
      const attended = acknowledged && rng.chance(0.08);
      const handleMs = Math.round(logNormal(rng, 150, 0.7) * 1000);
      const ackAt = raised + waitMs;
      const clearedAt = acknowledged ? ackAt + handleMs : raised + waitMs + handleMs;
      if (clearedAt > nowMs) continue;
      const who = rng.pick(staff);
      const repeats = waitMs > 120_000 ? rng.int(1, 3) : 0;
      yield [
        spot.address,
        spot.label,
        mapped,
        spot.bedId,
        spot.roomId,
        spot.area,
        spot.zone,
        resident?.resident.id ?? null,
        resident?.json ?? null,
        priority,
        spot.area ? '卫生间呼叫' : '',
        iso(raised),
        day,
        iso(clearedAt),
        repeats,
        acknowledged ? iso(ackAt) : null,
        acknowledged ? who.id : null,
        acknowledged ? who.name : null,
        waitMs > ESCALATE_AFTER_MS ? iso(raised + ESCALATE_AFTER_MS) : null,
        iso(clearedAt),
        attended ? who.id : null,
        attended ? who.name : null,
        attended ? 'attended' : 'panel',
        attended && rng.chance(0.3) ? '已协助如厕' : '',
      ];
    }
  }

  function* allCalls(): Generator<unknown[]> {
    for (let day = start; day <= ctx.today; day = addDays(day, 1)) yield* callsOf(day);
  }

  // Ten years of calls load several times faster into a table without its indexes, which are then
  // built once, sorted, from the same definitions the migrations wrote.
  const indexes = sql.db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'nursecall_calls' AND sql IS NOT NULL",
    )
    .all() as Array<{ name: string; sql: string }>;
  for (const index of indexes) sql.db.exec(`DROP INDEX ${index.name}`);

  let written = 0;
  let lastYear = '';
  const total = await ctx.batches(
    {
      procedure: 'nursecall.generate',
      size: 5000,
      now: (chunk) => new Date(String(chunk.at(-1)![13])),
      summary: (chunk) => ({
        generatedCalls: chunk.length,
        from: chunk[0]![11],
        to: chunk.at(-1)![11],
      }),
    },
    allCalls(),
    (chunk) => {
      for (const values of chunk) insert.run(values);
      written += chunk.length;
      const year = String(chunk.at(-1)![12]).slice(0, 4);
      if (year !== lastYear) {
        lastYear = year;
        ctx.progress(`nurse calls: ${written.toLocaleString('en')} written, now at ${year}`);
      }
    },
  );
  for (const index of indexes) sql.db.exec(index.sql);
  ctx.progress(`nurse calls: ${total.toLocaleString('en')} over ${ctx.years} years (${perDay} a day)`);
}
