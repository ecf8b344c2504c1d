import { encodedOnce } from '../api/json-text';
import { runSteps, runStepsInTurns } from '../platform/steps';
import { z } from 'zod';
import {
  formatDecimal,
  type DoseCounts,
  type DoseStatus,
  type MarDose,
  type MarSummary,
  type ParsedInputOf,
} from '../../shared/contract';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import { pastOrNow, type MedsDeps, type MedsOp, type Stmt } from './common';
import {
  addDays,
  dosesOn,
  eachDoseOn,
  instantCache,
  openStatus,
  parseDoseId,
  shiftMinutes,
  type ScheduledDose,
} from './doses';
import type { Drugs } from './drugs';
import type { LoadedOrder, Orders } from './orders';
import type { ResidentInfo } from './people';
import type { Stock } from './stock';

export interface RecordRow {
  id: number;
  kind: 'scheduled' | 'prn';
  dose_key: string | null;
  order_id: number;
  order_version: number;
  resident_id: number;
  drug_id: number;
  due_on: string;
  due_at: string | null;
  outcome: 'given' | 'late' | 'refused' | 'held';
  dose_e4: number;
  at: string;
  by_user: number;
  witness_id: number | null;
  reason: string;
  indication: string;
}

export const DEFAULT_WINDOW_MINUTES = 60;
// One collator for every sort: `localeCompare(b, 'zh')` builds a new one per comparison, which
// made a large home's MAR take seconds.
const collator = new Intl.Collator('zh', { numeric: true });
const windowSchema = z.number().int().min(15).max(240);

/** Records of scheduled doses that no correction struck out; callers add `AND …` conditions. */
const LIVE_SCHEDULED = `FROM meds_records r LEFT JOIN meds_corrections c ON c.record_id = r.id
  WHERE r.kind = 'scheduled' AND c.id IS NULL`;

/** A whole home's MAR is built this many orders per turn of the event loop (~3 ms here). */
const ORDERS_PER_TURN = 300;

/**
 * A live record as one number in `eachDoseStatus`: order id × 8192 + minute of the day × 4 +
 * outcome code (the index in `RECORD_OUTCOMES`). SQL packs it; these read it back.
 */
const PER_ORDER = 8192;
const RECORD_OUTCOMES = ['given', 'late', 'refused', 'held'] as const;
const packedOrder = (packed: number) => Math.floor(packed / PER_ORDER);
const packedMinute = (packed: number) => (packed % PER_ORDER) >> 2;
const packedOutcome = (packed: number) => RECORD_OUTCOMES[packed & 3]!;

/** `08:30` → 510, without building strings (a month's summary asks 300,000 times). */
const minuteOfDay = (time: string) =>
  ((time.charCodeAt(0) - 48) * 10 + time.charCodeAt(1) - 48) * 60 +
  (time.charCodeAt(3) - 48) * 10 +
  time.charCodeAt(4) -
  48;

/** No doses in any state. */
const noDoses = (): DoseCounts => ({ due: 0, given: 0, late: 0, refused: 0, held: 0, missed: 0 });

/**
 * The minute a read is kept for: a dose turns missed when its window closes on a minute, and a read
 * at the minute's very first instant is kept apart, since a window closing then still shows as due.
 */
function minuteStamp(now: Date): string {
  const ms = now.getTime();
  return ms % 60_000 === 0 ? `${ms}:edge` : String(Math.floor(ms / 60_000));
}

/** Each distinct value's place in collation order. */
function rankOf(values: string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort(collator.compare);
  return new Map(distinct.map((value, i) => [value, i]));
}

/** Doses by due time, area, bed and order, as the MAR lists them (sorted in place). */
function inMarOrder(doses: MarDose[]): MarDose[] {
  // Areas and beds ranked once with the collator: comparing them as text in the sort itself made
  // ten thousand doses cost ~130,000 collations.
  const areaRank = rankOf(doses.map((d) => d.area));
  const bedRank = rankOf(doses.map((d) => d.bed));
  return doses.sort(
    (a, b) =>
      (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0) ||
      areaRank.get(a.area)! - areaRank.get(b.area)! ||
      bedRank.get(a.bed)! - bedRank.get(b.bed)! ||
      a.orderId - b.orderId,
  );
}

/** Whether a resident's doses belong to the round asked for: an area (`1号楼 3层`) or a building. */
const inArea = (resident: ResidentInfo, area: string | undefined) =>
  !area || resident.area === area || resident.building === area;

/** The administration record: the day's doses, what happened to each, and once-only recording. */
export function createMar(deps: MedsDeps & { stmt: Stmt; drugs: Drugs; orders: Orders; stock: Stock }) {
  const { stmt, drugs, orders, stock, people } = deps;

  // Dose times become instants through one cache per time zone: converting a local time costs two
  // time-zone lookups, and a day's MAR or a week of demo rounds asks for the same few times.
  const instants = new Map<string, ReturnType<typeof instantCache>>();
  const toInstantIn = (tz: string) => {
    let cache = instants.get(tz);
    if (!cache) {
      cache = instantCache(tz);
      instants.set(tz, cache);
    }
    return cache;
  };

  const windowMinutes = () =>
    deps.sql.remember('meds.windowMinutes', () =>
      deps.settings.moduleValue('meds.windowMinutes', windowSchema, DEFAULT_WINDOW_MINUTES),
    );

  /** Live (uncorrected) records of scheduled doses on a local date. */
  function recordsOn(date: string): Map<string, RecordRow> {
    const rows = stmt(`SELECT r.* ${LIVE_SCHEDULED} AND r.due_on = ?`).all(date) as RecordRow[];
    return new Map(rows.map((r) => [r.dose_key!, r]));
  }

  function liveRecord(doseKey: string): RecordRow | undefined {
    return stmt(
      `SELECT r.* FROM meds_records r LEFT JOIN meds_corrections c ON c.record_id = r.id
       WHERE r.dose_key = ? AND c.id IS NULL`,
    ).get(doseKey) as RecordRow | undefined;
  }

  // A day's doses fall at a few times: each window is worked out once per time, not per dose
  // (two date conversions per dose were a tenth of a large home's MAR).
  const windows = new Map<string, readonly [string, string]>();
  let windowsFor = -1;
  function bounds(dueAt: string, window: number): readonly [string, string] {
    if (windowsFor !== window || windows.size > 10_000) {
      windows.clear();
      windowsFor = window;
    }
    let pair = windows.get(dueAt);
    if (!pair) {
      pair = [shiftMinutes(dueAt, -window), shiftMinutes(dueAt, window)];
      windows.set(dueAt, pair);
    }
    return pair;
  }

  function row(
    d: ScheduledDose,
    order: LoadedOrder,
    resident: ResidentInfo,
    record: RecordRow | undefined,
    window: number,
    now: Date,
    names: Map<number, string>,
    drug = drugs.get(order.drugId),
  ): MarDose {
    const version = order.versions.find((v) => v.version === d.version)!;
    const [windowFrom, windowTo] = bounds(d.dueAt, window);
    const out: MarDose = {
      doseId: d.doseId,
      residentId: order.residentId,
      residentName: resident.name,
      bed: resident.bed,
      area: resident.area,
      onLeave: resident.status === 'onLeave',
      orderId: order.orderId,
      orderVersion: d.version,
      drugId: drug.id,
      drug,
      dose: formatDecimal(record?.dose_e4 ?? d.doseE4),
      unit: drug.unit,
      route: version.route,
      time: d.time,
      dueAt: d.dueAt,
      windowFrom,
      windowTo,
      status: record ? record.outcome : openStatus(windowTo, now),
      needsWitness: drug.highAlert || drug.controlled !== 'none',
    };
    if (record) {
      out.by = record.by_user;
      out.byName = names.get(record.by_user) ?? '';
      if (record.witness_id !== null) {
        out.witness = record.witness_id;
        out.witnessName = names.get(record.witness_id) ?? '';
      }
      out.at = record.at;
      if (record.reason) out.reason = record.reason;
    }
    return out;
  }

  /**
   * The doses of one day, sorted by time, area and bed. A dose keeps the terms of the order version
   * in force when it was due; a record made before a later change still shows.
   */
  type MarInput = { date: string; residentId?: number | undefined; area?: string | undefined };

  function mar(input: MarInput, now: Date): MarDose[] {
    return runSteps(marSteps(input, now));
  }

  /** `mar`, yielding after reading and after every few hundred orders (a whole home has thousands). */
  function* marSteps(input: MarInput, now: Date): Generator<void, MarDose[]> {
    const area = input.area?.trim();
    // One resident's card reads only that resident's orders and records.
    if (input.residentId !== undefined) return residentDays(input.residentId, [input.date], now, area)[0]!;
    const window = windowMinutes();
    const toInstant = toInstantIn(deps.timeZone());
    const residents = people.residentsNow(now);
    yield;
    const list = orders.activeOn(input.date);
    yield;
    const records = recordsOn(input.date);
    const names = people.names([...records.values()].flatMap((r) => [r.by_user, r.witness_id]));
    const out: MarDose[] = [];
    const drugById = drugs.all();
    yield;
    let orderCount = 0;
    for (const order of list) {
      if (++orderCount % ORDERS_PER_TURN === 0) yield;
      const resident = residents.get(order.residentId);
      if (!resident || !inArea(resident, area)) continue;
      for (const d of dosesOn(order, input.date, toInstant)) {
        out.push(
          row(d, order, resident, records.get(d.doseId), window, now, names, drugById.get(order.drugId)),
        );
      }
    }
    yield;
    return inMarOrder(out);
  }

  /**
   * One resident's `mar` for each of `dates` (consecutive), read in one go: the monthly paper MAR
   * asked for thirty one-day MARs, each with its own reads of orders, records and names.
   */
  function residentDays(residentId: number, dates: readonly string[], now: Date, area?: string): MarDose[][] {
    const resident = people.resident(residentId);
    if (dates.length === 0 || !people.isCurrent(resident) || !inArea(resident, area))
      return dates.map(() => []);
    const window = windowMinutes();
    const toInstant = toInstantIn(deps.timeZone());
    const list = orders.activeIn(dates[0]!, dates.at(-1)!, residentId);
    const rows = stmt(
      `SELECT r.* ${LIVE_SCHEDULED} AND r.resident_id = ? AND r.due_on >= ? AND r.due_on <= ?`,
    ).all(residentId, dates[0], dates.at(-1)) as RecordRow[];
    const records = new Map(rows.map((r) => [r.dose_key!, r]));
    const names = people.names(rows.flatMap((r) => [r.by_user, r.witness_id]));
    const drugById = drugs.all();
    return dates.map((date) =>
      inMarOrder(
        list.flatMap((order) =>
          dosesOn(order, date, toInstant).map((d) =>
            row(d, order, resident, records.get(d.doseId), window, now, names, drugById.get(order.drugId)),
          ),
        ),
      ),
    );
  }

  /**
   * Every scheduled dose of the period with the state `mar` shows for it, without building rows: the
   * regulator's monthly summary read thirty whole-home MARs (~1.6 s on a 1,000-bed home, inside the
   * transaction that queues it). Yields after each day.
   */
  function* eachDoseStatus(
    range: { from: string; to: string },
    now: Date,
    visit: (
      order: LoadedOrder,
      resident: ResidentInfo,
      time: string,
      status: DoseStatus,
      date: string,
      dueAt: string,
    ) => void,
  ): Generator<void, void> {
    const windowMs = windowMinutes() * 60_000;
    const nowMs = now.getTime();
    const toInstant = toInstantIn(deps.timeZone());
    const residents = people.residentsNow(now);
    const list = orders
      .activeIn(range.from, range.to)
      .filter((o) => residents.has(o.residentId))
      .sort((a, b) => a.orderId - b.orderId);
    // A day's live records by order, each packed into one number (`PER_ORDER`). Each order finds its
    // few records by walking forward. A map keyed by dose key cost a string per dose, and rows an
    // array and two strings each: a month of a large home (300,000 doses) left ~20 MB in the old
    // generation per summary.
    // Only records whose key is `<order id>@<date>T<hh:mm>`, the key a scheduled dose looks up.
    const outcomesOn = stmt(
      `SELECT r.order_id * ${PER_ORDER}
              + (CAST(substr(r.dose_key, -5, 2) AS INTEGER) * 60 + CAST(substr(r.dose_key, -2) AS INTEGER)) * 4
              + CASE r.outcome WHEN 'given' THEN 0 WHEN 'late' THEN 1 WHEN 'refused' THEN 2 ELSE 3 END
       ${LIVE_SCHEDULED} AND r.due_on = ? AND r.dose_key = r.order_id || '@' || ? || 'T' || substr(r.dose_key, -5)
       AND substr(r.dose_key, -5) GLOB '[0-2][0-9]:[0-5][0-9]'
       ORDER BY r.order_id, r.id`,
    ).pluck(true);
    const closes = new Map<string, boolean>();
    let records: number[] = [];
    let first = 0;
    let end = 0;
    let order: LoadedOrder;
    let resident: ResidentInfo;
    let date: string;
    // One callback for the whole walk: a closure per order and day was ~150,000 a month.
    const onDose = (_v: unknown, time: string, dueAt: string) => {
      const minute = minuteOfDay(time);
      let outcome: DoseStatus | undefined;
      for (let i = first; i < end; i++)
        if (packedMinute(records[i]!) === minute) outcome = packedOutcome(records[i]!);
      if (outcome) {
        visit(order, resident, time, outcome, date, dueAt);
        return;
      }
      let missed = closes.get(dueAt);
      if (missed === undefined) {
        missed = nowMs > Date.parse(dueAt) + windowMs;
        closes.set(dueAt, missed);
      }
      visit(order, resident, time, missed ? 'missed' : 'due', date, dueAt);
    };
    for (date = range.from; date <= range.to; date = addDays(date, 1)) {
      records = outcomesOn.all(date, date) as number[];
      end = 0;
      for (order of list) {
        first = end;
        while (first < records.length && packedOrder(records[first]!) < order.orderId) first++;
        end = first;
        while (end < records.length && packedOrder(records[end]!) === order.orderId) end++;
        resident = residents.get(order.residentId)!;
        eachDoseOn(order, date, toInstant, onDose);
      }
      records = [];
      // A day of a large home is ~10,000 doses, a few milliseconds: a preview yields between days.
      yield;
    }
  }

  /** How many scheduled doses of the period ended in each state, as `mar` shows them day by day. */
  function* statusCounts(range: { from: string; to: string }, now: Date): Generator<void, DoseCounts> {
    const counts = noDoses();
    yield* eachDoseStatus(range, now, (_order, _resident, _time, status) => (counts[status] += 1));
    return counts;
  }

  /**
   * One day's MAR counted by state and by area (`meds.marSummary`). Kept, like `marAnswer`, until the
   * next write or the next minute, when open windows may close.
   */
  function summary(date: string, now: Date): MarSummary {
    return deps.sql.remember(`meds.marSummary:${date}`, () => countDay(date, now), minuteStamp(now));
  }

  function countDay(date: string, now: Date): MarSummary {
    const counts = noDoses();
    const byArea = new Map<string, { total: number; counts: DoseCounts }>();
    const times = new Set<string>();
    let total = 0;
    runSteps(
      eachDoseStatus({ from: date, to: date }, now, (_order, resident, time, status) => {
        total += 1;
        counts[status] += 1;
        times.add(time);
        let area = byArea.get(resident.area);
        if (!area) {
          area = { total: 0, counts: noDoses() };
          byArea.set(resident.area, area);
        }
        area.total += 1;
        area.counts[status] += 1;
      }),
    );
    return {
      date,
      total,
      counts,
      areas: [...byArea.keys()].sort(collator.compare).map((area) => ({ area, ...byArea.get(area)! })),
      times: [...times].sort(),
    };
  }

  /** Uncorrected PRN doses given on the dates of the period. */
  function prnCount(range: { from: string; to: string }): number {
    return (
      stmt(
        `SELECT count(*) AS n FROM meds_records r LEFT JOIN meds_corrections c ON c.record_id = r.id
         WHERE r.kind = 'prn' AND c.id IS NULL AND r.due_on BETWEEN ? AND ?`,
      ).get(range.from, range.to) as { n: number }
    ).n;
  }

  /**
   * `mar` as the `meds.mar` answer: every nurse station polls it, and a whole home's day is ~10,000
   * doses (3.8 MB, ~80 ms to build and encode). Built a few hundred orders per turn of the event
   * loop, then kept encoded until the next write or the next minute (`minuteStamp`). Callers in the
   * meantime share the one build.
   */
  function marAnswer(input: MarInput, now: Date): Promise<MarDose[]> {
    return deps.sql.rememberAsync(
      `meds.mar:${input.date}:${input.residentId ?? '*'}:${input.area?.trim() ?? ''}`,
      async () => encodedOnce(await runStepsInTurns(marSteps(input, now))),
      minuteStamp(now),
    );
  }

  /** The scheduled dose a doseId names, checked against the order as it stands. */
  function scheduled(doseId: string): { dose: ScheduledDose; order: LoadedOrder } {
    const parsed = parseDoseId(doseId);
    if (!parsed) throw new AppError('NOT_FOUND', '找不到这次给药，请刷新给药单后重试');
    const order = orders.load(parsed.orderId);
    const dose = dosesOn(order, parsed.date, toInstantIn(deps.timeZone())).find((d) => d.doseId === doseId);
    if (!dose) throw new AppError('NOT_FOUND', '这次给药不在医嘱里（可能已停用或变更），请刷新给药单');
    return { dose, order };
  }

  function marRow(doseId: string, now: Date): MarDose {
    const { dose, order } = scheduled(doseId);
    const record = liveRecord(doseId);
    const names = people.names(record ? [record.by_user, record.witness_id] : []);
    return row(dose, order, people.resident(order.residentId), record, windowMinutes(), now, names);
  }

  function alreadyRecorded(existing: RecordRow, names: Map<number, string>): AppError {
    return new AppError(
      'ALREADY_RECORDED',
      `这次给药已由 ${names.get(existing.by_user) ?? '同事'} 记录过了。如记录有误，请先“更正”再重新记录。`,
      { recordId: existing.id, outcome: existing.outcome, at: existing.at },
    );
  }

  function insertRecord(r: Omit<RecordRow, 'id'>, op: MedsOp): number {
    const info = stmt(
      `INSERT INTO meds_records (kind, dose_key, order_id, order_version, resident_id, drug_id, due_on, due_at,
       outcome, dose_e4, at, recorded_at, by_user, witness_id, reason, indication)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.kind,
      r.dose_key,
      r.order_id,
      r.order_version,
      r.resident_id,
      r.drug_id,
      r.due_on,
      r.due_at,
      r.outcome,
      r.dose_e4,
      r.at,
      op.now.toISOString(),
      r.by_user,
      r.witness_id,
      r.reason,
      r.indication,
    );
    return Number(info.lastInsertRowid);
  }

  function administer(input: ParsedInputOf<'meds.administer'>, op: MedsOp): MarDose {
    const { dose, order } = scheduled(input.doseId);
    const existing = liveRecord(input.doseId);
    if (existing) throw alreadyRecorded(existing, people.names([existing.by_user]));
    const drug = drugs.get(order.drugId);
    const at = pastOrNow(input.at, op.now);
    const window = windowMinutes();
    const windowFrom = shiftMinutes(dose.dueAt, -window);
    const windowTo = shiftMinutes(dose.dueAt, window);
    const reason = input.reason?.trim() ?? '';
    let outcome: RecordRow['outcome'] = input.outcome;
    if (input.outcome !== 'given' && reason === '')
      throw fieldError('reason', input.outcome === 'refused' ? '请填写拒服原因' : '请填写暂停给药的原因');
    let witnessId: number | null = null;
    if (input.outcome === 'given') {
      if (at < windowFrom) {
        const tz = deps.timeZone();
        const from = new Intl.DateTimeFormat('zh-CN', {
          timeZone: tz,
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }).format(new Date(windowFrom));
        throw new AppError('PRECONDITION', `还没到给药时间：${dose.time} 的药最早 ${from} 可以给`, {
          windowFrom,
        });
      }
      if (at > windowTo) {
        outcome = 'late';
        if (reason === '')
          throw fieldError(
            'reason',
            `已超出给药时间窗（${dose.time} ±${window} 分钟），请填写延迟给药的原因`,
          );
      }
      if (drug.highAlert || drug.controlled !== 'none')
        witnessId = people.checkWitness(
          input.witnessId,
          op.user.id,
          `${drug.name} 是高警示${drug.controlled !== 'none' ? '/管制' : ''}药品，给药`,
        );
      else if (input.witnessId != null) witnessId = people.checkWitness(input.witnessId, op.user.id, '给药');
    } else if (input.witnessId != null) {
      witnessId = people.checkWitness(input.witnessId, op.user.id, '记录');
    }
    const takesStock =
      (outcome === 'given' || outcome === 'late') && stock.kept(order.residentId, order.drugId);
    // Checked before anything is written, so a short stock leaves no half-made record behind.
    if (takesStock) {
      const have = stock.usable(order.residentId, order.drugId, op.now);
      if (have < dose.doseE4) throw stock.shortError(dose.doseE4, have, drug.unit, drug.name);
    }
    const id = insertRecord(
      {
        kind: 'scheduled',
        dose_key: input.doseId,
        order_id: order.orderId,
        order_version: dose.version,
        resident_id: order.residentId,
        drug_id: order.drugId,
        due_on: dose.date,
        due_at: dose.dueAt,
        outcome,
        dose_e4: dose.doseE4,
        at,
        by_user: op.user.id,
        witness_id: witnessId,
        reason,
        indication: '',
      },
      op,
    );
    if (takesStock)
      stock.take(order.residentId, order.drugId, dose.doseE4, op, { kind: 'give', recordId: id, witnessId });
    op.audit({
      entity: 'doseRecord',
      entityId: id,
      after: {
        doseId: input.doseId,
        residentId: order.residentId,
        drugId: order.drugId,
        dose: formatDecimal(dose.doseE4),
        outcome,
        at,
        reason,
        witnessId,
      },
    });
    op.emit('meds.changed', { residentId: order.residentId, what: 'dose' });
    const record = liveRecord(input.doseId);
    return row(
      dose,
      order,
      people.resident(order.residentId),
      record,
      window,
      op.now,
      people.names([op.user.id, witnessId]),
      drug,
    );
  }

  /** Live record for a doseId: a scheduled dose key or a PRN `prn-<id>`. */
  function recordFor(doseId: string): RecordRow | undefined {
    const prn = /^prn-(\d+)$/.exec(doseId);
    if (prn) {
      return stmt(
        `SELECT r.* FROM meds_records r LEFT JOIN meds_corrections c ON c.record_id = r.id
         WHERE r.id = ? AND r.kind = 'prn' AND c.id IS NULL`,
      ).get(Number(prn[1])) as RecordRow | undefined;
    }
    return liveRecord(doseId);
  }

  function correct(input: ParsedInputOf<'meds.correct'>, op: MedsOp) {
    const record = recordFor(input.doseId);
    if (!record) throw new AppError('NOT_FOUND', '这次给药还没有记录（或已更正过），无需更正');
    stmt('INSERT INTO meds_corrections (record_id, reason, at, by_user) VALUES (?, ?, ?, ?)').run(
      record.id,
      input.reason,
      op.now.toISOString(),
      op.user.id,
    );
    stock.giveBack(record.id, op);
    op.audit({
      entity: 'doseCorrection',
      entityId: record.id,
      before: { doseId: input.doseId, outcome: record.outcome, at: record.at, byUser: record.by_user },
      after: { corrected: true, reason: input.reason },
    });
    op.emit('meds.changed', { residentId: record.resident_id, what: 'dose' });
    return { doseId: input.doseId, correctedRecordId: record.id };
  }

  /**
   * Doses whose window closed with no record, from `since` to `now`: the missed-dose alert. Rows are
   * built for the missed doses only; building the two days' whole MARs to pick them out allocated
   * ~100 MB on a 1,000-bed home at each minute's first alert list.
   */
  function missedBetween(since: Date, now: Date): MarDose[] {
    const tz = deps.timeZone();
    const toInstant = toInstantIn(tz);
    const window = windowMinutes();
    const sinceIso = since.toISOString();
    const picked: Array<{ order: LoadedOrder; resident: ResidentInfo; date: string; time: string }> = [];
    runSteps(
      eachDoseStatus(
        { from: localDate(since, tz), to: localDate(now, tz) },
        now,
        (order, resident, time, status, date, dueAt) => {
          if (status !== 'missed' || resident.status === 'onLeave') return;
          if (bounds(dueAt, window)[1] < sinceIso) return;
          picked.push({ order, resident, date, time });
        },
      ),
    );
    const noNames = new Map<number, string>();
    const out: MarDose[] = [];
    for (const { order, resident, date, time } of picked) {
      const d = dosesOn(order, date, toInstant).find((x) => x.time === time)!;
      out.push(row(d, order, resident, undefined, window, now, noNames));
    }
    return inMarOrder(out);
  }

  return {
    mar,
    residentDays,
    marAnswer,
    statusCounts,
    summary,
    prnCount,
    administer,
    correct,
    marRow,
    windowMinutes,
    insertRecord,
    recordFor,
    missedBetween,
    recordsOn,
  };
}

export type Mar = ReturnType<typeof createMar>;
