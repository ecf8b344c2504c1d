import type { ParsedInputOf } from '../../shared/contract';
import type {
  FireCadence,
  FireTemplate,
  FireTemplateItem,
  FireTemplateKey,
} from '../../shared/contract/fire';
import { fieldError } from '../../shared/errors';
import { parseJson, type FireDeps, type WriteOp } from './common';
import type { FireTemplatesTable } from './tables';
import type { Selectable } from 'kysely';

function toTemplate(row: Selectable<FireTemplatesTable>): FireTemplate {
  return {
    key: row.key as FireTemplateKey,
    name: row.name,
    version: row.version,
    cadence: parseJson<FireCadence>(row.cadence_json, { every: 'month' }),
    items: parseJson<FireTemplateItem[]>(row.items_json, []),
    savedAt: row.saved_at,
    savedBy: row.saved_by,
  };
}

export function createTemplates(deps: FireDeps) {
  const { sql } = deps;

  function all(): FireTemplate[] {
    return sql.remember('fire.templates', () => {
      const rows = sql.all(
        sql.qb.selectFrom('fire_templates').selectAll().orderBy('key').orderBy('version', 'desc'),
      );
      const seen = new Set<string>();
      return rows.filter((r) => !seen.has(r.key) && seen.add(r.key)).map(toTemplate);
    });
  }

  return {
    list: all,
    current(key: FireTemplateKey): FireTemplate {
      const found = all().find((t) => t.key === key);
      if (!found) throw new Error(`fire template ${key} is missing`);
      return found;
    },
    version(key: FireTemplateKey, version: number): FireTemplate | undefined {
      const row = sql.first(
        sql.qb.selectFrom('fire_templates').selectAll().where('key', '=', key).where('version', '=', version),
      );
      return row ? toTemplate(row) : undefined;
    },
    save(input: ParsedInputOf<'fire.templates.save'>, op: WriteOp): FireTemplate {
      const before = all().find((t) => t.key === input.key);
      if (!before) throw new Error(`fire template ${input.key} is missing`);
      const keys = new Set<string>();
      input.items.forEach((item, i) => {
        if (keys.has(item.key))
          throw fieldError(`items.${i}.key`, `编号“${item.key}”重复了，请给每一项不同的编号`);
        keys.add(item.key);
      });
      const cadence = input.cadence ?? before.cadence;
      if ((cadence.every === 'slots') !== (before.cadence.every === 'slots')) {
        throw fieldError('cadence', '巡查按时段进行，其他记录按月、半年或年进行，不能互换');
      }
      sql.run(
        sql.qb.insertInto('fire_templates').values({
          key: input.key,
          version: before.version + 1,
          name: input.name || before.name,
          cadence_json: JSON.stringify(cadence),
          items_json: JSON.stringify(input.items),
          saved_at: op.now.toISOString(),
          saved_by: op.user?.displayName ?? null,
        }),
      );
      const after = all().find((t) => t.key === input.key)!;
      op.audit({ entity: 'fireTemplate', entityId: input.key, before, after });
      return after;
    },
  };
}

export type FireTemplates = ReturnType<typeof createTemplates>;
