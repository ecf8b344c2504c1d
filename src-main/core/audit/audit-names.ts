import type { AuditRow } from '../../shared/contract/system';
import type { StoredAuditRow } from './audit-log';

/** Names the subjects of one kind (`resident`) by their ids; ids it cannot name are left out. */
export type AuditSubjectNamer = (ids: string[]) => Map<string, string>;

/**
 * Turns `resident #76` into 张庆祥 when the log is read. Names are looked up, not stored: the log
 * keeps masked copies of personal data, and a renamed building reads with its current name.
 */
export interface AuditNames {
  /** Each module names the kinds of subject it records (`auditSubjects` in its core manifest). */
  register(namers: Record<string, AuditSubjectNamer>): void;
  name(rows: StoredAuditRow[], userNames: ReadonlyMap<number, string>): AuditRow[];
}

export function createAuditNames(): AuditNames {
  const namers = new Map<string, AuditSubjectNamer>();

  /** A deleted bed or address still has the label it had; masked personal names are no help. */
  function fromRow(row: StoredAuditRow): string | null {
    for (const value of [row.before, row.after]) {
      if (!value || typeof value !== 'object') continue;
      const v = value as Record<string, unknown>;
      if (typeof v.label === 'string' && v.label) return v.label;
      if (typeof v.name === 'string' && v.name && !v.name.includes('＊')) return v.name;
    }
    return null;
  }

  return {
    register(more) {
      for (const [entity, namer] of Object.entries(more)) {
        if (namers.has(entity)) throw new Error(`audit subject ${entity} is named by two modules`);
        namers.set(entity, namer);
      }
    },
    name(rows, userNames) {
      const wanted = new Map<string, Set<string>>();
      for (const r of rows) {
        if (r.entity && r.entityId && namers.has(r.entity)) {
          const ids = wanted.get(r.entity) ?? new Set<string>();
          ids.add(r.entityId);
          wanted.set(r.entity, ids);
        }
      }
      const found = new Map<string, Map<string, string>>();
      for (const [entity, ids] of wanted) found.set(entity, namers.get(entity)!([...ids]));
      return rows.map((r) => ({
        ...r,
        userName: r.userId === null ? null : (userNames.get(r.userId) ?? null),
        subjectName:
          (r.entity && r.entityId ? found.get(r.entity)?.get(r.entityId) : undefined) ?? fromRow(r),
      }));
    },
  };
}
