import type { Selectable } from 'kysely';
import type { ParsedInputOf } from '../../shared/contract';
import type { NurseCallProtocol, PortConfig } from '../../shared/contract/nursecall';
import { AppError, fieldError } from '../../shared/errors';
import type { AuditRecord } from '../api/context';
import type { Sql } from '../db/sql';
import { ProtocolOptionError } from './protocols/option-error';
import { addressPrefixOf, createDecoder } from './protocols/types';
import type { NurseCallPortsTable, NurseCallTables } from './tables';

function toConfig(r: Selectable<NurseCallPortsTable>): PortConfig {
  let options: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(r.options_json);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      options = parsed as Record<string, unknown>;
  } catch {
    // A hand-edited row with broken JSON runs with the protocol's defaults.
  }
  return {
    id: r.id,
    name: r.name,
    path: r.path,
    baudRate: r.baud_rate,
    dataBits: r.data_bits === 7 ? 7 : 8,
    parity: r.parity === 'even' || r.parity === 'odd' ? r.parity : 'none',
    stopBits: r.stop_bits === 2 ? 2 : 1,
    protocol: r.protocol as NurseCallProtocol,
    options,
    enabled: r.enabled === 1,
  };
}

/** Saved port settings. The port manager reads them; it never writes here. */
export function createPortConfigs(sql: Sql<NurseCallTables>) {
  const { qb } = sql;

  function get(id: number): PortConfig | null {
    const row = sql.first(qb.selectFrom('nursecall_ports').selectAll().where('id', '=', id));
    return row ? toConfig(row) : null;
  }

  /**
   * Calls are told apart by address alone, so with two controllers on, at most one may go without
   * an address prefix and no two may share one; otherwise room 201 on one would clear 201 on the other.
   */
  function checkPrefixes(input: ParsedInputOf<'nursecall.ports.save'>) {
    const prefix = addressPrefixOf(input.options);
    const others = sql
      .all(qb.selectFrom('nursecall_ports').selectAll().where('enabled', '=', 1))
      .map(toConfig)
      .filter((c) => c.id !== input.id);
    const same = others.find((c) => addressPrefixOf(c.options) === prefix);
    if (!same) return;
    const name = same.name || same.path;
    throw fieldError(
      'options.addressPrefix',
      prefix
        ? `地址前缀“${prefix}”已被串口“${name}”使用，请换一个前缀（例如 B-、C-）`
        : `已经启用了串口“${name}”。两台呼叫主机的地址可能重复（都从 201 开始），` +
            '请给这个串口填写地址前缀（例如 B-），它收到的地址会显示为 B-201，以免两边的呼叫互相合并或清除',
    );
  }

  return {
    get,

    list(): PortConfig[] {
      return sql.all(qb.selectFrom('nursecall_ports').selectAll().orderBy('id')).map(toConfig);
    },

    save(
      input: ParsedInputOf<'nursecall.ports.save'>,
      ctx: { now: Date; audit(record: AuditRecord): void },
    ): PortConfig {
      try {
        createDecoder(input.protocol, input.options);
      } catch (error) {
        const path = error instanceof ProtocolOptionError ? `options.${error.option}` : 'options';
        throw fieldError(path, error instanceof Error ? error.message : String(error));
      }
      if (input.enabled) checkPrefixes(input);
      const clash = sql.first(qb.selectFrom('nursecall_ports').select('id').where('path', '=', input.path));
      if (clash && clash.id !== input.id) {
        throw fieldError(
          'path',
          `串口 ${input.path} 已经设置过了，一个串口只能设置一次。请直接修改原来的设置`,
        );
      }
      const now = ctx.now.toISOString();
      const values = {
        name: input.name,
        path: input.path,
        baud_rate: input.baudRate,
        data_bits: input.dataBits,
        parity: input.parity,
        stop_bits: input.stopBits,
        protocol: input.protocol,
        options_json: JSON.stringify(input.options),
        enabled: input.enabled ? 1 : 0,
        updated_at: now,
      };
      if (input.id === undefined) {
        const { lastInsertRowid } = sql.run(
          qb.insertInto('nursecall_ports').values({ ...values, created_at: now }),
        );
        const after = get(lastInsertRowid)!;
        ctx.audit({ entity: 'nurseCallPort', entityId: after.id, after });
        return after;
      }
      const before = get(input.id);
      if (!before) throw new AppError('NOT_FOUND', '找不到这个串口设置，可能已被删除。请刷新后重新添加。');
      sql.run(qb.updateTable('nursecall_ports').set(values).where('id', '=', input.id));
      const after = get(input.id)!;
      ctx.audit({ entity: 'nurseCallPort', entityId: input.id, before, after });
      return after;
    },

    remove(id: number, ctx: { audit(record: AuditRecord): void }): null {
      const before = get(id);
      if (!before) throw new AppError('NOT_FOUND', '找不到这个串口设置，可能已被删除。请刷新列表。');
      sql.run(qb.deleteFrom('nursecall_ports').where('id', '=', id));
      ctx.audit({ entity: 'nurseCallPort', entityId: id, before, after: null });
      return null;
    },
  };
}

export type PortConfigs = ReturnType<typeof createPortConfigs>;
