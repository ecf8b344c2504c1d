import { allAuditModuleLabels, allAuditVerbLabels } from '../../../../src-main/shared/modules';

/** Plain words for the audit viewer, declared by each module; the procedure name stays visible for support staff. */
export const auditModuleLabels = allAuditModuleLabels;

export function auditActionLabel(procedure: string, language: 'zh-CN' | 'en-US'): string {
  const parts = procedure.split('.');
  const module = auditModuleLabels[parts[0] ?? ''];
  const verb = allAuditVerbLabels[parts[parts.length - 1] ?? ''];
  const pick = (l: { zh: string; en: string } | undefined) =>
    l ? (language === 'en-US' ? l.en : l.zh) : null;
  const m = pick(module);
  const v = pick(verb);
  if (m && v) return language === 'en-US' ? `${m}: ${v}` : `${m}·${v}`;
  return m ?? procedure;
}
