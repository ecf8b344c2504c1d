import { allAuditModuleLabels } from '../../../../src-main/shared/modules';

/** Plain words for the audit viewer, declared by each module; the procedure name stays visible for support staff. */
export const auditModuleLabels = allAuditModuleLabels;

export { auditActionLabel, auditSubject } from '../../../../src-main/shared/audit-labels';
