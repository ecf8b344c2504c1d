import type { ParsedInputOf } from '../../shared/contract';
import type { ChargeRow, FeeItemRow, PayerRow } from '../../shared/contract/billing';
import type { AppliesTo, FeeKind, FeeUnit, PayerKind } from '../../shared/contract/billing/types';
import { firstOfMonth, monthOf, nextMonthStart } from '../../shared/contract/billing/dates';
import { fieldError } from '../../shared/errors';
import type { PayerRule } from './payers';
import type { PricedItem } from './prorate';
import { notFound, statements, todayOf, type BillingDeps, type OpContext } from './store';

/** A new item's first price applies to any month billed. */
const SINCE_EVER = '0000-01-01';

interface ItemDb {
  id: number;
  code: string;
  name: string;
  kind: FeeKind;
  unit: FeeUnit;
  applies_json: string;
  active: number;
}

/** The fee schedule with dated prices, one-off charges and each resident's payers. */
export function createSchedule(deps: BillingDeps) {
  const stmt = statements(deps.sql);

  function pricesOf(itemId: number): Array<{ from: string; amountFen: number }> {
    return (
      stmt('SELECT from_on, amount_fen FROM billing_item_prices WHERE item_id = ? ORDER BY from_on').all(
        itemId,
      ) as Array<{
        from_on: string;
        amount_fen: number;
      }>
    ).map((p) => ({ from: p.from_on === SINCE_EVER ? '' : p.from_on, amountFen: p.amount_fen }));
  }

  function rowOf(item: ItemDb, today: string): FeeItemRow {
    const prices = pricesOf(item.id);
    let amountFen = prices[0]?.amountFen ?? 0;
    for (const p of prices) if (p.from <= today) amountFen = p.amountFen;
    return {
      id: item.id,
      code: item.code,
      name: item.name,
      kind: item.kind,
      unit: item.unit,
      appliesTo: JSON.parse(item.applies_json) as AppliesTo,
      amountFen,
      prices,
      active: item.active === 1,
    };
  }

  function allItems(): ItemDb[] {
    return stmt('SELECT * FROM billing_items ORDER BY kind, code').all() as ItemDb[];
  }

  function itemByCode(code: string): ItemDb | undefined {
    return stmt('SELECT * FROM billing_items WHERE code = ?').get(code) as ItemDb | undefined;
  }

  return {
    list(now: Date): FeeItemRow[] {
      const today = todayOf(deps, now);
      return allItems().map((i) => rowOf(i, today));
    },

    /** Active items with their dated prices, for the run. */
    priced(): PricedItem[] {
      const prices = stmt(
        'SELECT item_id, from_on, amount_fen FROM billing_item_prices ORDER BY item_id, from_on',
      ).all() as Array<{
        item_id: number;
        from_on: string;
        amount_fen: number;
      }>;
      return allItems()
        .filter((i) => i.active === 1)
        .map((i) => ({
          code: i.code,
          name: i.name,
          kind: i.kind,
          unit: i.unit,
          appliesTo: JSON.parse(i.applies_json) as AppliesTo,
          prices: prices
            .filter((p) => p.item_id === i.id)
            .map((p) => ({ from: p.from_on, amountFen: p.amount_fen })),
        }));
    },

    save(input: ParsedInputOf<'billing.items.save'>, ctx: OpContext): FeeItemRow {
      const today = todayOf(deps, ctx.now);
      const at = ctx.now.toISOString();
      const existing = itemByCode(input.code);
      const applies = JSON.stringify(input.appliesTo);
      if (!existing) {
        const info = stmt(
          'INSERT INTO billing_items (code, name, kind, unit, applies_json, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          input.code,
          input.name,
          input.kind,
          input.unit,
          applies,
          input.active === false ? 0 : 1,
          at,
          at,
        );
        const itemId = Number(info.lastInsertRowid);
        stmt(
          'INSERT INTO billing_item_prices (item_id, from_on, amount_fen, created_at) VALUES (?, ?, ?, ?)',
        ).run(itemId, input.effectiveFrom ?? SINCE_EVER, input.amountFen, at);
        const row = rowOf(itemByCode(input.code)!, today);
        ctx.audit({ entity: 'feeItem', entityId: input.code, after: row });
        return row;
      }
      const before = rowOf(existing, today);
      stmt(
        'UPDATE billing_items SET name = ?, kind = ?, unit = ?, applies_json = ?, active = ?, updated_at = ? WHERE id = ?',
      ).run(
        input.name,
        input.kind,
        input.unit,
        applies,
        input.active === undefined ? existing.active : input.active ? 1 : 0,
        at,
        existing.id,
      );
      const from = input.effectiveFrom ?? firstOfMonth(monthOf(today));
      const inForce = before.prices.filter((p) => p.from <= from || p.from === '').at(-1);
      if (inForce?.amountFen !== input.amountFen || before.prices.some((p) => p.from > from)) {
        // A price change replaces what was planned from that day on.
        stmt('DELETE FROM billing_item_prices WHERE item_id = ? AND from_on >= ? AND from_on != ?').run(
          existing.id,
          from,
          SINCE_EVER,
        );
        stmt(
          'INSERT INTO billing_item_prices (item_id, from_on, amount_fen, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(item_id, from_on) DO UPDATE SET amount_fen = excluded.amount_fen',
        ).run(existing.id, from, input.amountFen, at);
      }
      const after = rowOf(itemByCode(input.code)!, today);
      ctx.audit({ entity: 'feeItem', entityId: input.code, before, after });
      return after;
    },

    addCharge(input: ParsedInputOf<'billing.charges.add'>, ctx: OpContext): ChargeRow {
      const item = input.itemCode ? itemByCode(input.itemCode) : undefined;
      if (input.itemCode && !item)
        throw fieldError('itemCode', `没有编码为 ${input.itemCode} 的收费项目，请在收费标准里核对`);
      const name = input.name || item?.name;
      if (!name) throw fieldError('name', '请填写收费名称，例如 代购药品');
      const kind: FeeKind =
        input.kind ?? (item?.kind === 'passThrough' ? 'passThrough' : item ? item.kind : 'service');
      const residentName = deps.residents().records.requireRow(input.residentId).name;
      const info = stmt(
        'INSERT INTO billing_charges (resident_id, item_code, name, kind, amount_fen, on_date, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ).run(
        input.residentId,
        item?.code ?? null,
        name,
        kind,
        input.amountFen,
        input.on,
        input.note ?? '',
        ctx.now.toISOString(),
        ctx.user?.id ?? null,
      );
      const row: ChargeRow = {
        id: Number(info.lastInsertRowid),
        residentId: input.residentId,
        residentName,
        itemCode: item?.code ?? null,
        name,
        kind,
        amountFen: input.amountFen,
        on: input.on,
        note: input.note ?? '',
        invoiceNumber: null,
      };
      ctx.audit({ entity: 'charge', entityId: row.id, after: row });
      return row;
    },

    charges(filter: { residentId?: number | undefined; month?: string | undefined }): ChargeRow[] {
      const rows = stmt(
        `SELECT c.*, i.number AS invoice_number FROM billing_charges c LEFT JOIN billing_invoices i ON i.id = c.invoice_id
         WHERE (? IS NULL OR c.resident_id = ?) AND (? IS NULL OR (c.on_date >= ? AND c.on_date < ?)) ORDER BY c.on_date, c.id`,
      ).all(
        filter.residentId ?? null,
        filter.residentId ?? null,
        filter.month ?? null,
        filter.month ? firstOfMonth(filter.month) : null,
        filter.month ? nextMonthStart(filter.month) : null,
      ) as Array<{
        id: number;
        resident_id: number;
        item_code: string | null;
        name: string;
        kind: FeeKind;
        amount_fen: number;
        on_date: string;
        note: string;
        invoice_number: string | null;
      }>;
      const names = new Map<number, string>();
      const nameOf = (id: number) => {
        if (!names.has(id)) names.set(id, deps.residents().records.requireRow(id).name);
        return names.get(id)!;
      };
      return rows.map((r) => ({
        id: r.id,
        residentId: r.resident_id,
        residentName: nameOf(r.resident_id),
        itemCode: r.item_code,
        name: r.name,
        kind: r.kind,
        amountFen: r.amount_fen,
        on: r.on_date,
        note: r.note,
        invoiceNumber: r.invoice_number,
      }));
    },

    payers(residentId: number): PayerRow[] {
      return (
        stmt('SELECT * FROM billing_payers WHERE resident_id = ? ORDER BY id').all(residentId) as Array<{
          id: number;
          kind: PayerKind;
          name: string;
          percent: number | null;
          cap_fen: number | null;
          fixed_fen: number | null;
          item_kinds_json: string;
          from_on: string;
          to_on: string | null;
        }>
      ).map((p) => ({
        id: p.id,
        kind: p.kind,
        name: p.name,
        percent: p.percent,
        capFen: p.cap_fen,
        fixedFen: p.fixed_fen,
        itemKinds: JSON.parse(p.item_kinds_json) as FeeKind[],
        from: p.from_on,
        to: p.to_on,
      }));
    },

    /** Every resident's payers at once, for the run. */
    allPayers(): Map<number, PayerRule[]> {
      const out = new Map<number, PayerRule[]>();
      for (const p of stmt('SELECT * FROM billing_payers ORDER BY id').all() as Array<{
        resident_id: number;
        kind: PayerKind;
        name: string;
        percent: number | null;
        cap_fen: number | null;
        fixed_fen: number | null;
        item_kinds_json: string;
        from_on: string;
        to_on: string | null;
      }>) {
        const list = out.get(p.resident_id) ?? [];
        list.push({
          kind: p.kind,
          name: p.name,
          percent: p.percent,
          capFen: p.cap_fen,
          fixedFen: p.fixed_fen,
          itemKinds: JSON.parse(p.item_kinds_json) as FeeKind[],
          from: p.from_on,
          to: p.to_on,
        });
        out.set(p.resident_id, list);
      }
      return out;
    },

    setPayers(input: ParsedInputOf<'billing.payers.set'>, ctx: OpContext): PayerRow[] {
      deps.residents().records.requireRow(input.residentId);
      input.payers.forEach((p, i) => {
        if (p.to && p.to < p.from) throw fieldError(`payers.${i}.to`, '结束日期不能早于开始日期，请核对');
        if ((p.percent ?? null) === null && (p.fixedFen ?? null) === null) {
          throw fieldError(`payers.${i}.percent`, '请填写承担比例（%）或每月固定金额');
        }
      });
      const before = this.payers(input.residentId);
      stmt('DELETE FROM billing_payers WHERE resident_id = ?').run(input.residentId);
      const insert = stmt(
        'INSERT INTO billing_payers (resident_id, kind, name, percent, cap_fen, fixed_fen, item_kinds_json, from_on, to_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      for (const p of input.payers) {
        insert.run(
          input.residentId,
          p.kind,
          p.name,
          p.percent ?? null,
          p.capFen ?? null,
          p.fixedFen ?? null,
          JSON.stringify(p.itemKinds),
          p.from,
          p.to ?? null,
          ctx.now.toISOString(),
        );
      }
      const after = this.payers(input.residentId);
      ctx.audit({ entity: 'payers', entityId: input.residentId, before, after });
      return after;
    },

    notFoundItem: () => notFound('个收费项目'),
  };
}
export type Schedule = ReturnType<typeof createSchedule>;
