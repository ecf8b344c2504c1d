import {
  formatDecimal,
  parseDecimal,
  type ParsedInputOf,
  type StockBatch,
  type StockCount,
  type StockMove,
  type StockMoveKind,
  type StockReceipt,
} from '../../shared/contract';
import { AppError, fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import type { MedsDeps, MedsOp, Stmt } from './common';
import type { Drugs } from './drugs';

export interface BatchBalance {
  id: number;
  drug_id: number;
  batch_no: string;
  expires_on: string;
  balance: number;
}

/**
 * Medicines kept for residents (代管药品): batches per resident and drug, each batch's balance the
 * sum of its moves, taken first-expiry-first-out. Expired batches are never given from.
 */
export function createStock(deps: MedsDeps & { stmt: Stmt; drugs: Drugs }) {
  const { stmt, drugs, people } = deps;
  const today = (now: Date) => localDate(now, deps.timeZone());

  function batches(residentId: number, drugId?: number): BatchBalance[] {
    const sql = `SELECT b.id, b.drug_id, b.batch_no, b.expires_on, COALESCE(SUM(m.qty_e4), 0) AS balance
      FROM meds_stock_batches b LEFT JOIN meds_stock_moves m ON m.batch_id = b.id
      WHERE b.resident_id = ? ${drugId === undefined ? '' : 'AND b.drug_id = ?'}
      GROUP BY b.id ORDER BY b.expires_on, b.id`;
    return (
      drugId === undefined ? stmt(sql).all(residentId) : stmt(sql).all(residentId, drugId)
    ) as BatchBalance[];
  }

  /** Whether the home keeps this drug for the resident at all (ever received). */
  function kept(residentId: number, drugId: number): boolean {
    return (
      stmt('SELECT 1 FROM meds_stock_batches WHERE resident_id = ? AND drug_id = ? LIMIT 1').get(
        residentId,
        drugId,
      ) !== undefined
    );
  }

  /** What can be given now: unexpired batches only. */
  function usable(residentId: number, drugId: number, now: Date): number {
    const t = today(now);
    return batches(residentId, drugId)
      .filter((b) => b.expires_on >= t)
      .reduce((s, b) => s + b.balance, 0);
  }

  function move(
    batchId: number,
    kind: StockMoveKind,
    qtyE4: number,
    op: MedsOp,
    extra: {
      witnessId?: number | null;
      reason?: string;
      source?: string;
      entrustedBy?: string;
      recordId?: number | null;
      countId?: number | null;
    } = {},
  ): number {
    const info = stmt(
      `INSERT INTO meds_stock_moves (batch_id, kind, qty_e4, at, by_user, witness_id, reason, source,
       entrusted_by, record_id, count_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      batchId,
      kind,
      qtyE4,
      op.now.toISOString(),
      op.user.id,
      extra.witnessId ?? null,
      extra.reason ?? '',
      extra.source ?? '',
      extra.entrustedBy ?? '',
      extra.recordId ?? null,
      extra.countId ?? null,
    );
    return Number(info.lastInsertRowid);
  }

  function shortError(need: number, have: number, unit: string, drugName: string): AppError {
    return new AppError(
      'STOCK_SHORT',
      `${drugName} 代管库存不足：本次需要 ${formatDecimal(need)}${unit}，可用 ${formatDecimal(have)}${unit}。可记录为“暂停”，原因“缺药”，并通知家属送药。`,
      {
        needed: formatDecimal(need),
        available: formatDecimal(have),
        offer: { outcome: 'held', reason: '缺药' },
      },
    );
  }

  /**
   * Takes `qtyE4` first-expiry-first-out from the unexpired batches, across batches if one runs
   * out. Refused with STOCK_SHORT when the total is not there; nothing is taken then.
   */
  function take(
    residentId: number,
    drugId: number,
    qtyE4: number,
    op: MedsOp,
    extra: {
      kind: 'give' | 'dispose' | 'adjust';
      recordId?: number;
      witnessId?: number | null;
      reason?: string;
      batchNo?: string | undefined;
    },
  ): number[] {
    const t = today(op.now);
    const drug = drugs.get(drugId);
    let list = batches(residentId, drugId).filter((b) => b.balance > 0);
    // Giving uses unexpired stock only; disposing and counting may touch expired batches.
    if (extra.kind === 'give') list = list.filter((b) => b.expires_on >= t);
    if (extra.batchNo !== undefined && extra.batchNo !== '')
      list = list.filter((b) => b.batch_no === extra.batchNo);
    const have = list.reduce((s, b) => s + b.balance, 0);
    if (have < qtyE4) throw shortError(qtyE4, have, drug.unit, drug.name);
    let left = qtyE4;
    const moves: number[] = [];
    for (const b of list) {
      if (left === 0) break;
      const part = Math.min(left, b.balance);
      moves.push(move(b.id, extra.kind, -part, op, extra));
      left -= part;
    }
    return moves;
  }

  /** Puts back what a corrected record took, batch by batch. */
  function giveBack(recordId: number, op: MedsOp): void {
    const taken = stmt(
      `SELECT batch_id, qty_e4 FROM meds_stock_moves WHERE record_id = ? AND kind = 'give'`,
    ).all(recordId) as Array<{ batch_id: number; qty_e4: number }>;
    for (const m of taken) move(m.batch_id, 'return', -m.qty_e4, op, { recordId, reason: '给药记录更正' });
  }

  function batchId(residentId: number, drugId: number, batchNo: string, expiresOn: string): number {
    const found = stmt(
      'SELECT id FROM meds_stock_batches WHERE resident_id = ? AND drug_id = ? AND batch_no = ? AND expires_on = ?',
    ).get(residentId, drugId, batchNo, expiresOn) as { id: number } | undefined;
    if (found) return found.id;
    const info = stmt(
      'INSERT INTO meds_stock_batches (resident_id, drug_id, batch_no, expires_on) VALUES (?, ?, ?, ?)',
    ).run(residentId, drugId, batchNo, expiresOn);
    return Number(info.lastInsertRowid);
  }

  function receive(input: ParsedInputOf<'meds.stock.receive'>, op: MedsOp): StockReceipt {
    people.requireCurrentResident(input.residentId);
    const drug = drugs.get(input.drugId);
    if (input.expiresOn < today(op.now))
      throw fieldError('expiresOn', '这批药已过有效期，不能入库；请退还家属');
    const witnessId =
      input.witnessId != null || drug.controlled !== 'none'
        ? people.checkWitness(input.witnessId, op.user.id, `${drug.name} 入库`)
        : null;
    const qty = parseDecimal(input.quantity)!;
    const id = move(
      batchId(input.residentId, input.drugId, input.batchNo ?? '', input.expiresOn),
      'receive',
      qty,
      op,
      {
        witnessId,
        source: input.source,
        entrustedBy: input.entrustedBy ?? '',
      },
    );
    const receipt = getReceipt(id);
    op.audit({
      entity: 'stockReceipt',
      entityId: id,
      after: {
        residentId: input.residentId,
        drugId: input.drugId,
        quantity: receipt.quantity,
        batchNo: receipt.batchNo,
        expiresOn: receipt.expiresOn,
        source: input.source,
        witnessId,
      },
    });
    op.emit('meds.changed', { residentId: input.residentId, what: 'stock' });
    return receipt;
  }

  function getReceipt(receiptId: number): StockReceipt {
    const row = stmt(
      `SELECT m.*, b.resident_id, b.drug_id, b.batch_no, b.expires_on FROM meds_stock_moves m
       JOIN meds_stock_batches b ON b.id = m.batch_id WHERE m.id = ? AND m.kind = 'receive'`,
    ).get(receiptId) as
      | {
          id: number;
          qty_e4: number;
          at: string;
          by_user: number;
          witness_id: number | null;
          source: string;
          entrusted_by: string;
          resident_id: number;
          drug_id: number;
          batch_no: string;
          expires_on: string;
        }
      | undefined;
    if (!row) throw new AppError('NOT_FOUND', '找不到这张委托保管单');
    const resident = people.resident(row.resident_id);
    const names = people.names([row.by_user, row.witness_id]);
    return {
      receiptId: row.id,
      residentId: row.resident_id,
      residentName: resident.name,
      bed: resident.bed,
      drug: drugs.get(row.drug_id),
      quantity: formatDecimal(row.qty_e4),
      batchNo: row.batch_no,
      expiresOn: row.expires_on,
      source: row.source,
      entrustedBy: row.entrusted_by,
      receivedAt: row.at,
      receivedByName: names.get(row.by_user) ?? '',
      witnessName: row.witness_id ? (names.get(row.witness_id) ?? '') : '',
    };
  }

  function list(residentId: number, now: Date): StockBatch[] {
    const t = today(now);
    return batches(residentId)
      .filter((b) => b.balance > 0)
      .map((b) => {
        const drug = drugs.get(b.drug_id);
        return {
          drugId: b.drug_id,
          drugName: drug.name,
          unit: drug.unit,
          batchNo: b.batch_no,
          quantity: formatDecimal(b.balance),
          expiresOn: b.expires_on,
          expired: b.expires_on < t,
        };
      });
  }

  function ledger(residentId: number, drugId?: number): StockMove[] {
    const rows = stmt(
      `SELECT m.*, b.drug_id, b.batch_no, b.expires_on FROM meds_stock_moves m
       JOIN meds_stock_batches b ON b.id = m.batch_id WHERE b.resident_id = ? ORDER BY m.id`,
    ).all(residentId) as Array<{
      id: number;
      at: string;
      kind: StockMoveKind;
      qty_e4: number;
      by_user: number | null;
      witness_id: number | null;
      reason: string;
      source: string;
      drug_id: number;
      batch_no: string;
      expires_on: string;
    }>;
    const names = people.names(rows.flatMap((r) => [r.by_user, r.witness_id]));
    const balances = new Map<number, number>();
    return rows
      .map((r) => {
        const balance = (balances.get(r.drug_id) ?? 0) + r.qty_e4;
        balances.set(r.drug_id, balance);
        return {
          id: r.id,
          at: r.at,
          kind: r.kind,
          drugId: r.drug_id,
          drugName: drugs.get(r.drug_id).name,
          batchNo: r.batch_no,
          expiresOn: r.expires_on,
          quantity: formatDecimal(r.qty_e4),
          balance: formatDecimal(balance),
          byName: r.by_user ? (names.get(r.by_user) ?? '') : '',
          witnessName: r.witness_id ? (names.get(r.witness_id) ?? '') : '',
          reason: r.reason,
          source: r.source,
        };
      })
      .filter((m) => drugId === undefined || m.drugId === drugId);
  }

  /**
   * A count with a second person. A difference is kept as an adjustment with its reason: a shortfall
   * comes off first-expiry-first-out, a surplus goes onto the batch that expires last.
   */
  function count(input: ParsedInputOf<'meds.stock.count'>, op: MedsOp): StockCount {
    const drug = drugs.get(input.drugId);
    const witnessId = people.checkWitness(input.witnessId, op.user.id, `${drug.name} 盘点`);
    const all = batches(input.residentId, input.drugId);
    if (all.length === 0) throw new AppError('PRECONDITION', `这位老人没有代管的 ${drug.name}，无需盘点`);
    const expected = all.reduce((s, b) => s + b.balance, 0);
    const counted = parseDecimal(input.counted)!;
    const difference = counted - expected;
    const reason = input.reason || (difference === 0 ? '' : '盘点差异');
    const info = stmt(
      `INSERT INTO meds_stock_counts (resident_id, drug_id, expected_e4, counted_e4, reason, at, by_user, witness_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      input.residentId,
      input.drugId,
      expected,
      counted,
      reason,
      op.now.toISOString(),
      op.user.id,
      witnessId,
    );
    const countId = Number(info.lastInsertRowid);
    if (difference < 0) {
      let left = -difference;
      for (const b of all.filter((x) => x.balance > 0)) {
        if (left === 0) break;
        const part = Math.min(left, b.balance);
        move(b.id, 'adjust', -part, op, { witnessId, reason, countId });
        left -= part;
      }
    } else if (difference > 0) {
      move(all[all.length - 1]!.id, 'adjust', difference, op, { witnessId, reason, countId });
    }
    const out: StockCount = {
      countId,
      residentId: input.residentId,
      drugId: input.drugId,
      expected: formatDecimal(expected),
      counted: formatDecimal(counted),
      difference: formatDecimal(difference),
      reason,
      at: op.now.toISOString(),
    };
    op.audit({ entity: 'stockCount', entityId: countId, after: { ...out, witnessId } });
    op.emit('meds.changed', { residentId: input.residentId, what: 'stock' });
    return out;
  }

  function dispose(input: ParsedInputOf<'meds.stock.dispose'>, op: MedsOp): StockBatch[] {
    const drug = drugs.get(input.drugId);
    const witnessId = people.checkWitness(input.witnessId, op.user.id, `${drug.name} 处置`);
    const qty = parseDecimal(input.quantity)!;
    const moves = take(input.residentId, input.drugId, qty, op, {
      kind: 'dispose',
      witnessId,
      reason: input.reason,
      batchNo: input.batchNo,
    });
    op.audit({
      entity: 'stockDisposal',
      // The first batch move it took: named in the log as the drug, batch and quantity.
      entityId: moves[0]!,
      after: {
        residentId: input.residentId,
        drugId: input.drugId,
        batchNo: input.batchNo ?? null,
        quantity: formatDecimal(qty),
        reason: input.reason,
        witnessId,
      },
    });
    op.emit('meds.changed', { residentId: input.residentId, what: 'stock' });
    return list(input.residentId, op.now);
  }

  /** Every resident's unexpired stock per drug, and each batch with stock, for the alerts. */
  function overview(): Array<{
    residentId: number;
    drugId: number;
    batchNo: string;
    expiresOn: string;
    balance: number;
  }> {
    return stmt(
      `SELECT b.resident_id AS residentId, b.drug_id AS drugId, b.batch_no AS batchNo, b.expires_on AS expiresOn,
       SUM(m.qty_e4) AS balance FROM meds_stock_batches b JOIN meds_stock_moves m ON m.batch_id = b.id
       GROUP BY b.id HAVING SUM(m.qty_e4) > 0`,
    ).all() as never;
  }

  /** Usable (unexpired) stock of every kept resident and drug in one read, for the low-stock alert. */
  function usableAll(now: Date): Map<string, number> {
    const rows = stmt(
      `SELECT b.resident_id AS r, b.drug_id AS d,
       COALESCE(SUM(CASE WHEN b.expires_on >= ? THEN m.qty_e4 ELSE 0 END), 0) AS usable
       FROM meds_stock_batches b LEFT JOIN meds_stock_moves m ON m.batch_id = b.id
       GROUP BY b.resident_id, b.drug_id`,
    ).all(today(now)) as Array<{ r: number; d: number; usable: number }>;
    return new Map(rows.map((x) => [`${x.r}|${x.d}`, x.usable]));
  }

  return {
    kept,
    usable,
    usableAll,
    take,
    giveBack,
    receive,
    getReceipt,
    list,
    ledger,
    count,
    dispose,
    overview,
    shortError,
  };
}

export type Stock = ReturnType<typeof createStock>;
