import type { HandoverCount, HandoverItem, HandoverStatus } from '../../shared/contract/meds';
import { formatDecimal } from '../../shared/contract/meds';
import { fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import type { MedsDeps, Stmt } from './common';
import { addDays, instantCache } from './doses';
import type { Drugs } from './drugs';

/**
 * Counts made this long before or after a handover belong to it: the outgoing and incoming nurse
 * count together while they hand over, which rarely happens on the minute.
 */
export const HANDOVER_WINDOW_MINUTES = 60;

/** The home's shifts when the staff module has none: 白班 08–16, 中班 16–24, 夜班 00–08. */
export const DEFAULT_SHIFTS: ShiftTimes[] = [
  { name: '夜班', start: '00:00', end: '08:00' },
  { name: '白班', start: '08:00', end: '16:00' },
  { name: '中班', start: '16:00', end: '24:00' },
];

export interface ShiftTimes {
  name: string;
  start: string;
  end: string;
}

export interface Handover {
  date: string;
  time: string;
  label: string;
  at: string;
  windowFrom: string;
  windowTo: string;
  /** Counts after the window and before the next handover's are late counts (补点) of this one. */
  lateTo: string;
}

const MINUTE = 60_000;

/**
 * Controlled drugs (精神、麻醉药品) are counted by two people at every shift handover. A handover is
 * the start of a shift; each resident's controlled stock held at that moment must be counted (with a
 * witness, `meds.stock.count`) within the window around it.
 */
/** Required at the handover and not counted within its window (a late count does not make up for it). */
const uncounted = (x: HandoverItem) => x.required && (x.count === null || x.count.late);

export function createHandover(
  deps: MedsDeps & { stmt: Stmt; drugs: Drugs; shifts(): ShiftTimes[] | undefined },
) {
  const { stmt, people, drugs } = deps;

  // Remembered until the next write (a shift edited in the rota is a write).
  function shifts(): ShiftTimes[] {
    return deps.sql.remember('meds.handover.shifts', () => {
      const fromRota = deps.shifts();
      return fromRota && fromRota.length > 0 ? fromRota : DEFAULT_SHIFTS;
    });
  }

  /** The handovers of a local date, in time order. */
  function handoversOn(date: string): Handover[] {
    const list = shifts();
    const toInstant = instantCache(deps.timeZone());
    const starts = [...new Set(list.map((s) => s.start))].sort();
    return starts.map((time, i) => {
      const incoming = list.find((s) => s.start === time)!;
      const outgoing = list.find((s) => (s.end === '24:00' ? '00:00' : s.end) === time);
      const at = toInstant(date, time);
      const next =
        i + 1 < starts.length ? toInstant(date, starts[i + 1]!) : toInstant(addDays(date, 1), starts[0]!);
      return {
        date,
        time,
        label: outgoing ? `${outgoing.name} → ${incoming.name}` : `${incoming.name}接班`,
        at,
        windowFrom: new Date(Date.parse(at) - HANDOVER_WINDOW_MINUTES * MINUTE).toISOString(),
        windowTo: new Date(Date.parse(at) + HANDOVER_WINDOW_MINUTES * MINUTE).toISOString(),
        lateTo: new Date(Date.parse(next) - HANDOVER_WINDOW_MINUTES * MINUTE).toISOString(),
      };
    });
  }

  /**
   * The items of several handovers in two reads: controlled stock per resident and drug with its
   * balance at each handover, and the counts made in any of their windows.
   */
  function itemsOf(list: Handover[], now: Date): HandoverItem[][] {
    if (list.length === 0) return [];
    const nowIso = now.toISOString();
    const columns = list
      .map((_, i) => `SUM(CASE WHEN m.at <= ? THEN m.qty_e4 ELSE 0 END) AS h${i}`)
      .join(', ');
    const rows = stmt(
      `SELECT b.resident_id AS residentId, b.drug_id AS drugId, SUM(m.qty_e4) AS balance, ${columns}
       FROM meds_stock_batches b JOIN meds_drugs d ON d.id = b.drug_id AND d.controlled <> 'none'
       JOIN meds_stock_moves m ON m.batch_id = b.id
       GROUP BY b.resident_id, b.drug_id ORDER BY b.resident_id, b.drug_id`,
    ).all(...list.map((h) => h.at)) as Array<Record<string, number>>;
    if (rows.length === 0) return list.map(() => []);
    const from = list.reduce((a, h) => (h.windowFrom < a ? h.windowFrom : a), list[0]!.windowFrom);
    const to = list.reduce((a, h) => (h.lateTo > a ? h.lateTo : a), list[0]!.lateTo);
    const counts = stmt(
      `SELECT id, resident_id AS residentId, drug_id AS drugId, counted_e4 AS counted, expected_e4 AS expected,
       at, by_user AS byUser, witness_id AS witnessId FROM meds_stock_counts WHERE at >= ? AND at < ? ORDER BY at`,
    ).all(from, to) as Array<{
      id: number;
      residentId: number;
      drugId: number;
      counted: number;
      expected: number;
      at: string;
      byUser: number;
      witnessId: number;
    }>;
    const names = people.names(counts.flatMap((c) => [c.byUser, c.witnessId]));
    const residents = people.residentsNow(now);
    return list.map((h, i) => {
      // The latest count in the window stands for the handover (an earlier one was redone); a late
      // count shows only where there is none in time.
      const counted = new Map<string, (typeof counts)[number]>();
      for (const c of counts) {
        if (c.at < h.windowFrom || c.at >= h.lateTo) continue;
        const key = `${c.residentId}|${c.drugId}`;
        const had = counted.get(key);
        if (c.at < h.windowTo || !had || had.at >= h.windowTo) counted.set(key, c);
      }
      const items: HandoverItem[] = [];
      for (const r of rows) {
        const atHandover = r[`h${i}`] ?? 0;
        const key = `${r.residentId}|${r.drugId}`;
        const c = counted.get(key);
        // Stock held at the handover must be counted; stock received since is listed while it is there.
        const shown = atHandover > 0 || (r.balance! > 0 && nowIso < h.windowTo) || c !== undefined;
        if (!shown) continue;
        const resident = residents.get(r.residentId!) ?? people.resident(r.residentId!);
        const drug = drugs.get(r.drugId!);
        items.push({
          residentId: r.residentId!,
          residentName: resident.name,
          bed: resident.bed,
          area: resident.area,
          drugId: drug.id,
          drug: drug.name,
          spec: drug.spec,
          unit: drug.unit,
          controlled: drug.controlled === 'narcotic' ? 'narcotic' : 'psychotropic',
          required: atHandover > 0,
          expected: formatDecimal(r.balance!),
          count: c
            ? {
                countId: c.id,
                counted: formatDecimal(c.counted),
                difference: formatDecimal(c.counted - c.expected),
                at: c.at,
                late: c.at >= h.windowTo,
                by: names.get(c.byUser) ?? `#${c.byUser}`,
                witness: names.get(c.witnessId) ?? `#${c.witnessId}`,
              }
            : null,
        });
      }
      // In the order a nurse walks: building, floor and bed.
      return items.sort(
        (a, b) => a.bed.localeCompare(b.bed, 'zh-CN', { numeric: true }) || a.drugId - b.drugId,
      );
    });
  }

  function statusOf(h: Handover, items: HandoverItem[] | null, now: Date): HandoverStatus {
    const t = now.toISOString();
    if (t < h.windowFrom) return 'upcoming';
    const open = items === null || items.some(uncounted);
    if (!open) return 'done';
    return t >= h.windowTo ? 'missed' : 'open';
  }

  /** The handover asked for, or the latest one whose window has begun. */
  function get(input: { date?: string | undefined; time?: string | undefined }, now: Date): HandoverCount {
    const today = localDate(now, deps.timeZone());
    const nowIso = now.toISOString();
    let day = handoversOn(input.date ?? today);
    let chosen: Handover | undefined;
    if (input.time !== undefined) {
      chosen = day.find((h) => h.time === input.time);
      if (!chosen)
        throw fieldError(
          'time',
          `${input.time} 没有交接班，请选 ${day.map((h) => h.time).join('、')} 中的一个`,
        );
    } else if (input.date !== undefined)
      chosen = [...day].reverse().find((h) => h.windowFrom <= nowIso) ?? day[0];
    else {
      // Early in the day the latest begun handover may be tomorrow's first (23:00 counts for 00:00).
      const candidates = [...handoversOn(addDays(today, -1)), ...day, ...handoversOn(addDays(today, 1))];
      chosen = [...candidates].reverse().find((h) => h.windowFrom <= nowIso) ?? day[0];
      if (chosen && chosen.date !== today) day = handoversOn(chosen.date);
    }
    if (!chosen) chosen = day[0]!;
    const all = itemsOf(day, now);
    const index = day.findIndex((h) => h.at === chosen.at);
    const items = all[index] ?? itemsOf([chosen], now)[0]!;
    const required = items.filter((x) => x.required);
    const onTime = required.filter((x) => !uncounted(x));
    return {
      ...chosen,
      status: statusOf(chosen, items, now),
      countable: nowIso >= chosen.windowFrom && nowIso < chosen.lateTo,
      total: required.length,
      counted: onTime.length,
      items,
      day: day.map((h, i) => ({
        date: h.date,
        time: h.time,
        label: h.label,
        at: h.at,
        status: statusOf(h, all[i] ?? null, now),
      })),
    };
  }

  /** Handovers whose window closed in the last day with controlled stock left uncounted. */
  function missedSince(since: Date, now: Date): Array<Handover & { missing: HandoverItem[] }> {
    const today = localDate(now, deps.timeZone());
    const s = since.toISOString();
    const t = now.toISOString();
    const closed = [...handoversOn(addDays(today, -1)), ...handoversOn(today)].filter(
      (h) => h.windowTo <= t && h.windowTo > s,
    );
    // Closed handovers depend on the rows only, not on the time: the workbench asks every minute
    // and gets the answer kept until the next write or the next handover closing.
    return deps.sql.remember(
      'meds.handover.missed',
      () => {
        const items = itemsOf(closed, now);
        return closed
          .map((h, i) => ({ ...h, missing: items[i]!.filter(uncounted) }))
          .filter((h) => h.missing.length > 0);
      },
      closed.map((h) => h.at).join(','),
    );
  }

  return { get, missedSince, handoversOn, shifts };
}

export type HandoverService = ReturnType<typeof createHandover>;
