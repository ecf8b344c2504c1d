import { settingsSchema, type SettingsValues } from '../../shared/contract/system';
import type { Sql } from '../db/sql';

export const defaultSettings: SettingsValues = {
  'security.lockoutThreshold': 5,
  'security.lockoutMinutes': 15,
  'security.idleLockMinutes': 10,
  'security.sessionHours': 12,
  'updater.feedUrl': '',
  'desktop.startAtLogin': 'auto',
};

type Key = keyof SettingsValues;

export function createSettingsService(sql: Sql) {
  const { qb } = sql;
  /** Remembered until the next write: the session check reads the idle-lock minutes each call. */
  function all(): SettingsValues {
    return sql.remember('settings', read);
  }
  function read(): SettingsValues {
    const stored = new Map(
      sql.all(qb.selectFrom('settings').select(['key', 'value'])).map((r) => [r.key, r.value]),
    );
    const values: Record<string, unknown> = { ...defaultSettings };
    for (const key of Object.keys(defaultSettings) as Key[]) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      const parsed = settingsSchema.shape[key].safeParse(JSON.parse(raw));
      // A value that no longer validates (hand-edited file, older rule) falls back to the default.
      if (parsed.success) values[key] = parsed.data;
    }
    return values as unknown as SettingsValues;
  }
  const moduleKey = (key: string) => `module:${key}`;
  return {
    all,
    /**
     * A module's own setting (`backups.dailyAt`), validated by the module's schema; a stored value
     * that no longer validates falls back to the default.
     */
    moduleValue<T>(
      key: string,
      schema: { safeParse(v: unknown): { success: boolean; data?: T } },
      fallback: T,
    ): T {
      const row = sql.first(qb.selectFrom('settings').select('value').where('key', '=', moduleKey(key)));
      if (!row) return fallback;
      try {
        const parsed = schema.safeParse(JSON.parse(row.value));
        return parsed.success ? (parsed.data as T) : fallback;
      } catch {
        return fallback;
      }
    },
    /** Must run inside a write (the caller audits the change). */
    setModuleValue(key: string, value: unknown, now: Date): void {
      const json = JSON.stringify(value);
      sql.run(
        qb
          .insertInto('settings')
          .values({ key: moduleKey(key), value: json, updated_at: now.toISOString() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now.toISOString() })),
      );
    },
    get<K extends Key>(key: K): SettingsValues[K] {
      return all()[key];
    },
    update(patch: Partial<SettingsValues>, now: Date): { before: SettingsValues; after: SettingsValues } {
      const before = all();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        sql.run(
          qb
            .insertInto('settings')
            .values({ key, value: JSON.stringify(value), updated_at: now.toISOString() })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now.toISOString() }),
            ),
        );
      }
      return { before, after: all() };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
