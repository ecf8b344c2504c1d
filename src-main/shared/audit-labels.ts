import type { Label, SharedModule } from './module';
import { allAuditEntityLabels, allAuditModuleLabels, allAuditVerbLabels, sharedModules } from './modules';

type Language = 'zh-CN' | 'en-US';
const pick = (l: Label | undefined, language: Language) => (l ? (language === 'en-US' ? l.en : l.zh) : null);

const modules = sharedModules as readonly SharedModule[];

/** The module whose words describe a procedure: the one declaring it, else the one naming its first part. */
function ownerOf(procedure: string): SharedModule | undefined {
  const first = procedure.split('.')[0] ?? '';
  return (
    modules.find((m) => Object.hasOwn(m.procedures, procedure)) ??
    modules.find((m) => m.auditLabels?.modules && Object.hasOwn(m.auditLabels.modules, first))
  );
}

/**
 * What an audit row's procedure did, in plain words: `beds.retire` → 床位·撤床. A verb is read from
 * the declaring module first, so 呼叫·响应 is not 呼叫·已读 because the alerts module says 已读.
 */
export function auditActionLabel(procedure: string, language: Language = 'zh-CN'): string {
  const parts = procedure.split('.');
  const verbKey = parts[parts.length - 1] ?? '';
  const owner = ownerOf(procedure);
  const m = pick(allAuditModuleLabels[parts[0] ?? ''], language);
  const v = pick(owner?.auditLabels?.verbs?.[verbKey] ?? allAuditVerbLabels[verbKey], language);
  if (m && v) return language === 'en-US' ? `${m}: ${v}` : `${m}·${v}`;
  return m ?? procedure;
}

/** Whether the audit viewer has words for this procedure's module and verb. */
export function hasAuditActionLabel(procedure: string): boolean {
  const parts = procedure.split('.');
  const verbKey = parts[parts.length - 1] ?? '';
  return (
    Object.hasOwn(allAuditModuleLabels, parts[0] ?? '') &&
    (Boolean(ownerOf(procedure)?.auditLabels?.verbs?.[verbKey]) || Object.hasOwn(allAuditVerbLabels, verbKey))
  );
}

/** What kind of thing an audit row is about: `resident` → 老人; null when no module names it. */
export function auditEntityLabel(entity: string | null, language: Language = 'zh-CN'): string | null {
  return entity ? pick(allAuditEntityLabels[entity], language) : null;
}

/** `老人 张庆祥`, `床位 1号楼 101-1床`: the subject as the audit viewer and its export show it. */
export function auditSubject(
  row: { entity: string | null; entityId: string | null; subjectName: string | null },
  language: Language = 'zh-CN',
): string {
  const kind = auditEntityLabel(row.entity, language) ?? row.entity ?? '';
  if (row.subjectName) return `${kind} ${row.subjectName}`.trim();
  if (row.entityId) return `${kind} #${row.entityId}`.trim();
  return kind;
}
