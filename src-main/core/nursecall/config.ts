import { z } from 'zod';
import type { NurseCallConfig } from '../../shared/contract/nursecall';
import type { Sql } from '../db/sql';
import type { NurseCallTables } from './tables';

export const defaultNurseCallConfig: NurseCallConfig = {
  escalateAfterSeconds: 60,
  // 白班 / 小夜班 / 大夜班, the nursing convention most Chinese homes already use on paper.
  shifts: [
    { name: '白班', start: '08:00' },
    { name: '小夜班', start: '16:00' },
    { name: '大夜班', start: '00:00' },
  ],
  maxMuteMinutes: 10,
};

const stored = {
  escalateAfterSeconds: z.number().int().min(5).max(3600),
  shifts: z
    .array(z.object({ name: z.string().min(1), start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/) }))
    .min(1),
  maxMuteMinutes: z.number().int().min(1).max(30),
};
type Key = keyof NurseCallConfig;

export function createNurseCallConfig(sql: Sql<NurseCallTables>) {
  const { qb } = sql;
  /** Remembered until the next write: the escalation tick reads it every second. */
  function get(): NurseCallConfig {
    return sql.remember('nursecall.config', read);
  }

  function read(): NurseCallConfig {
    const rows = sql.all(qb.selectFrom('nursecall_config').select(['key', 'value']));
    const out: Record<string, unknown> = { ...defaultNurseCallConfig };
    for (const row of rows) {
      if (!Object.hasOwn(stored, row.key)) continue;
      let value: unknown;
      try {
        value = JSON.parse(row.value);
      } catch {
        continue;
      }
      // A value that no longer validates (hand-edited file) falls back to the default.
      const parsed = stored[row.key as Key].safeParse(value);
      if (parsed.success) out[row.key] = parsed.data;
    }
    return out as unknown as NurseCallConfig;
  }
  return {
    get,
    update(patch: Partial<NurseCallConfig>, now: Date): { before: NurseCallConfig; after: NurseCallConfig } {
      const before = get();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        const json = JSON.stringify(value);
        sql.run(
          qb
            .insertInto('nursecall_config')
            .values({ key, value: json, updated_at: now.toISOString() })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now.toISOString() })),
        );
      }
      return { before, after: get() };
    },
  };
}

export type NurseCallConfigService = ReturnType<typeof createNurseCallConfig>;
