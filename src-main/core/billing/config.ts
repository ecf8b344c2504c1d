import { z } from 'zod';
import { feeKinds, type BillingConfig } from '../../shared/contract/billing/types';
import type { Sql } from '../db/sql';
import { statements } from './store';

export const defaultBillingConfig: BillingConfig = {
  proRate: 'daysInMonth',
  leaveThresholdDays: 3,
  leaveReducedKinds: ['meal', 'care'],
  leaveMode: 'allDays',
  // 《养老机构预收费管理办法》 (2024): services prepaid for at most 12 months, a deposit at most
  // 12 times the monthly bed and care fee.
  prepaymentMaxMonths: 12,
  depositMaxMonths: 12,
  arrearsAlertDays: 30,
};

const stored: { [K in keyof BillingConfig]: z.ZodType<BillingConfig[K]> } = {
  proRate: z.enum(['daysInMonth', 'thirtyDays']),
  leaveThresholdDays: z.number().int().min(0),
  leaveReducedKinds: z.array(z.enum(feeKinds)),
  leaveMode: z.enum(['allDays', 'beyondThreshold']),
  prepaymentMaxMonths: z.number().int().min(1),
  depositMaxMonths: z.number().int().min(0),
  arrearsAlertDays: z.number().int().min(1),
};

export function createBillingConfig(sql: Sql<unknown>) {
  const stmt = statements(sql);
  function read(): BillingConfig {
    const out: Record<string, unknown> = { ...defaultBillingConfig };
    for (const row of stmt('SELECT key, value FROM billing_config').all() as Array<{
      key: string;
      value: string;
    }>) {
      if (!Object.hasOwn(stored, row.key)) continue;
      try {
        // A value that no longer validates (hand-edited file) falls back to the default.
        const parsed = stored[row.key as keyof BillingConfig].safeParse(JSON.parse(row.value));
        if (parsed.success) out[row.key] = parsed.data;
      } catch {
        continue;
      }
    }
    return out as unknown as BillingConfig;
  }
  const get = (): BillingConfig => sql.remember('billing.config', read);
  return {
    get,
    update(patch: Partial<BillingConfig>, now: Date): { before: BillingConfig; after: BillingConfig } {
      const before = get();
      for (const [key, value] of Object.entries(patch)) {
        if (value === undefined) continue;
        stmt(
          'INSERT INTO billing_config (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
        ).run(key, JSON.stringify(value), now.toISOString());
      }
      return { before, after: get() };
    },
  };
}
export type BillingConfigService = ReturnType<typeof createBillingConfig>;
