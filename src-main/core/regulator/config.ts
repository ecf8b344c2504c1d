import type { RegulatorConfig, RegulatorSchedule } from '../../shared/contract/regulator';
import type { Sql } from '../db/sql';
import type { SecretBox } from './secret-box';
import type { RegulatorTables } from './tables';

/** What the core keeps; the secret only as sealed text. */
export interface StoredConfig {
  endpoint: string;
  institutionCode: string;
  keyId: string;
  secretSealed: string | null;
  schedule: RegulatorSchedule;
  timeoutSeconds: number;
}

export const DEFAULT_CONFIG: StoredConfig = {
  endpoint: '',
  institutionCode: '',
  keyId: '',
  secretSealed: null,
  // The day's figures once the night is over; last month's on the 1st, before the office opens.
  schedule: { daily: '01:30', monthly: { day: 1, time: '02:30' } },
  timeoutSeconds: 30,
};

export interface ConfigPatch {
  endpoint?: string | undefined;
  institutionCode?: string | undefined;
  keyId?: string | undefined;
  secret?: string | undefined;
  schedule?: RegulatorSchedule | undefined;
  timeoutSeconds?: number | undefined;
}

/** Credentials a delivery needs, or null when something is missing. */
export interface Credentials {
  endpoint: string;
  institutionCode: string;
  keyId: string;
  secret: string;
  timeoutSeconds: number;
}

export function createRegulatorConfig(sql: Sql<RegulatorTables>, box: SecretBox) {
  function read(): StoredConfig {
    return sql.remember('regulator.config', () => {
      const rows = sql.all(sql.qb.selectFrom('regulator_config').select(['key', 'value']));
      const stored: Record<string, unknown> = {};
      for (const r of rows) stored[r.key] = JSON.parse(r.value);
      return { ...DEFAULT_CONFIG, ...stored } as StoredConfig;
    });
  }

  /** Shown to users and returned by procedures: says whether a secret is set, never what it is. */
  function view(): Omit<RegulatorConfig, 'next'> {
    const c = read();
    return {
      endpoint: c.endpoint,
      institutionCode: c.institutionCode,
      keyId: c.keyId,
      secretSet: c.secretSealed !== null,
      schedule: c.schedule,
      timeoutSeconds: c.timeoutSeconds,
    };
  }

  return {
    get: read,
    view,
    /** Must run inside the write path's transaction. Returns before/after views for the audit row. */
    update(patch: ConfigPatch, now: Date) {
      const before = view();
      const changes: Partial<StoredConfig> = {};
      if (patch.endpoint !== undefined) changes.endpoint = patch.endpoint.replace(/\/+$/, '');
      if (patch.institutionCode !== undefined) changes.institutionCode = patch.institutionCode;
      if (patch.keyId !== undefined) changes.keyId = patch.keyId;
      if (patch.secret !== undefined && patch.secret !== '') changes.secretSealed = box.seal(patch.secret);
      if (patch.schedule !== undefined) changes.schedule = patch.schedule;
      if (patch.timeoutSeconds !== undefined) changes.timeoutSeconds = patch.timeoutSeconds;
      for (const [key, value] of Object.entries(changes)) {
        sql.run(
          sql.qb
            .insertInto('regulator_config')
            .values({ key, value: JSON.stringify(value), updated_at: now.toISOString() })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now.toISOString() }),
            ),
        );
      }
      sql.forgetRemembered();
      const after = view();
      return { before, after, secretChanged: changes.secretSealed !== undefined };
    },
    credentials(): Credentials | null {
      const c = read();
      const secret = c.secretSealed ? box.open(c.secretSealed) : null;
      if (!c.endpoint || !c.institutionCode || !c.keyId || !secret) return null;
      return {
        endpoint: c.endpoint,
        institutionCode: c.institutionCode,
        keyId: c.keyId,
        secret,
        timeoutSeconds: c.timeoutSeconds,
      };
    },
    /** What is missing before anything can be sent, in words; null when complete. */
    missing(): string | null {
      const c = read();
      const parts: string[] = [];
      if (!c.endpoint) parts.push('平台地址');
      if (!c.institutionCode) parts.push('机构编码');
      if (!c.keyId) parts.push('密钥编号');
      if (!c.secretSealed) parts.push('密钥');
      else if (box.open(c.secretSealed) === null)
        return '保存的密钥无法解开（数据可能是从另一台电脑搬来的），请重新填写密钥';
      return parts.length ? `还没有设置${parts.join('、')}，请到“监管上报 → 接口设置”填写` : null;
    },
  };
}

export type RegulatorConfigService = ReturnType<typeof createRegulatorConfig>;
