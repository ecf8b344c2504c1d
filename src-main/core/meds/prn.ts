import { formatDecimal, type ParsedInputOf, type PrnDose } from '../../shared/contract';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import { pastOrNow, type MedsDeps, type MedsOp, type Stmt } from './common';
import { addDays, instantCache, shiftMinutes } from './doses';
import type { Drugs } from './drugs';
import type { Mar, RecordRow } from './mar';
import type { LoadedOrder, Orders } from './orders';
import type { Stock } from './stock';

/** The effect of a PRN dose is looked at 30–60 minutes after it was given. */
export const EFFECT_FROM_MINUTES = 30;
export const EFFECT_TO_MINUTES = 60;

export interface PrnRow extends RecordRow {
  effect: string | null;
  effect_at: string | null;
  effect_by: number | null;
}

/** As-needed (PRN) doses: minimum interval, daily maximum, and the effect recorded afterwards. */
export function createPrn(
  deps: MedsDeps & { stmt: Stmt; drugs: Drugs; orders: Orders; stock: Stock; mar: Mar },
) {
  const { stmt, drugs, orders, stock, people, mar } = deps;
  const tz = () => deps.timeZone();

  const select = `SELECT r.*, e.effect, e.at AS effect_at, e.by_user AS effect_by FROM meds_records r
    LEFT JOIN meds_corrections c ON c.record_id = r.id LEFT JOIN meds_prn_effects e ON e.record_id = r.id
    WHERE r.kind = 'prn' AND c.id IS NULL`;

  function givenFor(orderId: number): PrnRow[] {
    return stmt(`${select} AND r.order_id = ? ORDER BY r.at`).all(orderId) as PrnRow[];
  }

  function prnTerms(order: LoadedOrder, at: string) {
    const inForce = order.versions.filter((v) => v.effectiveFrom === null || v.effectiveFrom <= at);
    const v = inForce[inForce.length - 1] ?? order.versions[0]!;
    if (!('prn' in v.schedule)) return null;
    return { ...v.schedule.prn, doseE4: v.doseE4, version: v.version, endOn: v.endOn };
  }

  /** When the next dose is allowed after the given ones: interval since the last, and the day's cap. */
  function nextAllowed(
    given: PrnRow[],
    terms: { minIntervalHours: number; maxPerDay: number },
    at: string,
  ): string {
    const last = given.filter((g) => g.at <= at).at(-1);
    let next = last ? shiftMinutes(last.at, Math.round(terms.minIntervalHours * 60)) : at;
    const day = localDate(new Date(next < at ? at : next), tz());
    const sameDay = given.filter((g) => localDate(new Date(g.at), tz()) === day).length;
    if (sameDay >= terms.maxPerDay) {
      const midnight = instantCache(tz())(addDays(day, 1), '00:00');
      if (midnight > next) next = midnight;
    }
    return next < at ? at : next;
  }

  const hhmmFormats = new Map<string, Intl.DateTimeFormat>();
  const hhmm = (iso: string) => {
    const zone = tz();
    let f = hhmmFormats.get(zone);
    if (!f) {
      f = new Intl.DateTimeFormat('zh-CN', {
        timeZone: zone,
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      hhmmFormats.set(zone, f);
    }
    return f.format(new Date(iso));
  };

  function view(r: PrnRow, order: LoadedOrder, names: Map<number, string>): PrnDose {
    const resident = people.resident(r.resident_id);
    const terms = prnTerms(order, r.at);
    const given = givenFor(order.orderId);
    const out: PrnDose = {
      doseId: `prn-${r.id}`,
      orderId: r.order_id,
      residentId: r.resident_id,
      residentName: resident.name,
      bed: resident.bed,
      drug: drugs.get(r.drug_id),
      dose: formatDecimal(r.dose_e4),
      at: r.at,
      indication: r.indication,
      by: r.by_user,
      byName: names.get(r.by_user) ?? '',
      effect: r.effect,
      effectAt: r.effect_at,
      effectByName: r.effect_by ? (names.get(r.effect_by) ?? '') : '',
      effectDueFrom: shiftMinutes(r.at, EFFECT_FROM_MINUTES),
      effectDueTo: shiftMinutes(r.at, EFFECT_TO_MINUTES),
      nextAllowedAt: terms ? nextAllowed(given, terms, r.at) : r.at,
    };
    if (r.witness_id !== null) {
      out.witness = r.witness_id;
      out.witnessName = names.get(r.witness_id) ?? '';
    }
    return out;
  }

  function one(recordId: number): PrnDose {
    const r = stmt(`${select} AND r.id = ?`).get(recordId) as PrnRow | undefined;
    if (!r) throw new AppError('NOT_FOUND', '找不到这次按需给药记录');
    return view(r, orders.load(r.order_id), people.names([r.by_user, r.witness_id, r.effect_by]));
  }

  function give(input: ParsedInputOf<'meds.prn.give'>, op: MedsOp): PrnDose {
    const order = orders.load(input.orderId);
    const at = pastOrNow(input.at, op.now);
    const terms = prnTerms(order, at);
    if (!terms) throw new AppError('PRECONDITION', '这条医嘱不是按需（PRN）用药，请在给药单上按时给药');
    const date = localDate(new Date(at), tz());
    if (
      date < order.startOn ||
      (terms.endOn !== null && date > terms.endOn) ||
      (order.stoppedAt && at >= order.stoppedAt)
    )
      throw new AppError('PRECONDITION', '这条按需医嘱此时不在有效期内（未开始、已结束或已停用）');
    const given = givenFor(order.orderId);
    const last = given.filter((g) => g.at <= at).at(-1);
    const intervalMinutes = Math.round(terms.minIntervalHours * 60);
    if (last && Date.parse(at) < Date.parse(last.at) + intervalMinutes * 60_000) {
      const next = nextAllowed(given, terms, at);
      throw new AppError(
        'PRN_LIMIT',
        `距上次给药（${hhmm(last.at)}）不足 ${terms.minIntervalHours} 小时，下次最早 ${hhmm(next)} 可以给`,
        { reason: 'interval', nextAllowedAt: next, lastAt: last.at },
      );
    }
    const sameDay = given.filter((g) => localDate(new Date(g.at), tz()) === date).length;
    if (sameDay >= terms.maxPerDay) {
      const next = nextAllowed(given, terms, at);
      throw new AppError(
        'PRN_LIMIT',
        `今天已给 ${sameDay} 次，达到每日最多 ${terms.maxPerDay} 次，下次最早 ${hhmm(next)} 可以给`,
        { reason: 'maxPerDay', nextAllowedAt: next, givenToday: sameDay },
      );
    }
    const drug = drugs.get(order.drugId);
    const witnessId =
      drug.highAlert || drug.controlled !== 'none'
        ? people.checkWitness(input.witnessId, op.user.id, `${drug.name} 是高警示药品，给药`)
        : input.witnessId != null
          ? people.checkWitness(input.witnessId, op.user.id, '给药')
          : null;
    const kept = stock.kept(order.residentId, order.drugId);
    if (kept) {
      const have = stock.usable(order.residentId, order.drugId, op.now);
      if (have < terms.doseE4) throw stock.shortError(terms.doseE4, have, drug.unit, drug.name);
    }
    const id = mar.insertRecord(
      {
        kind: 'prn',
        dose_key: null,
        order_id: order.orderId,
        order_version: terms.version,
        resident_id: order.residentId,
        drug_id: order.drugId,
        due_on: date,
        due_at: null,
        outcome: 'given',
        dose_e4: terms.doseE4,
        at,
        by_user: op.user.id,
        witness_id: witnessId,
        reason: '',
        indication: input.indication,
      },
      op,
    );
    if (kept)
      stock.take(order.residentId, order.drugId, terms.doseE4, op, { kind: 'give', recordId: id, witnessId });
    op.audit({
      entity: 'doseRecord',
      entityId: id,
      after: {
        prn: true,
        orderId: order.orderId,
        residentId: order.residentId,
        drugId: order.drugId,
        dose: formatDecimal(terms.doseE4),
        at,
        indication: input.indication,
        witnessId,
      },
    });
    op.emit('meds.changed', { residentId: order.residentId, what: 'dose' });
    return one(id);
  }

  function effect(input: ParsedInputOf<'meds.prn.effect'>, op: MedsOp): PrnDose {
    const m = /^prn-(\d+)$/.exec(input.doseId);
    if (!m) throw fieldError('doseId', '只有按需给药需要记录效果');
    const recordId = Number(m[1]);
    const current = one(recordId);
    if (current.effect !== null)
      throw new AppError('ALREADY_RECORDED', `这次按需给药的效果已由 ${current.effectByName} 记录过了`);
    const at = pastOrNow(input.at, op.now);
    if (at < current.at) throw fieldError('at', '效果的记录时间不能早于给药时间');
    stmt('INSERT INTO meds_prn_effects (record_id, effect, at, by_user) VALUES (?, ?, ?, ?)').run(
      recordId,
      input.effect,
      at,
      op.user.id,
    );
    op.audit({
      entity: 'prnEffect',
      entityId: recordId,
      after: { doseId: input.doseId, effect: input.effect, at },
    });
    op.emit('meds.changed', { residentId: current.residentId, what: 'dose' });
    return one(recordId);
  }

  /**
   * PRN doses: of a day or a span of days (`due_on`, the local date given) oldest first, otherwise
   * the newest 500; of one resident or the whole home. Filtered in SQL: picking one resident out of
   * the home's newest 500 lost that resident's older doses in a large home.
   */
  function list(filter: {
    date?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    residentId?: number | undefined;
  }): PrnDose[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    const add = (condition: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(` AND ${condition}`);
      params.push(value);
    };
    add('r.due_on = ?', filter.date);
    add('r.due_on >= ?', filter.from);
    add('r.due_on <= ?', filter.to);
    add('r.resident_id = ?', filter.residentId);
    const dated = filter.date !== undefined || filter.from !== undefined || filter.to !== undefined;
    const rows = stmt(`${select}${where.join('')} ORDER BY r.at${dated ? '' : ' DESC LIMIT 500'}`).all(
      ...params,
    ) as PrnRow[];
    const names = people.names(rows.flatMap((r) => [r.by_user, r.witness_id, r.effect_by]));
    const loaded = new Map<number, LoadedOrder>();
    return rows.map((r) => {
      if (!loaded.has(r.order_id)) loaded.set(r.order_id, orders.load(r.order_id));
      return view(r, loaded.get(r.order_id)!, names);
    });
  }

  /** PRN doses given since `since` whose effect is not yet recorded. */
  function effectsPending(
    since: Date,
  ): Array<{ recordId: number; residentId: number; drugId: number; at: string; indication: string }> {
    return (
      stmt(`${select} AND e.id IS NULL AND r.at >= ? ORDER BY r.at`).all(since.toISOString()) as PrnRow[]
    ).map((r) => ({
      recordId: r.id,
      residentId: r.resident_id,
      drugId: r.drug_id,
      at: r.at,
      indication: r.indication,
    }));
  }

  return { give, effect, list, one, effectsPending };
}

export type Prn = ReturnType<typeof createPrn>;
