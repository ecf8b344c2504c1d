import { auditActionLabel, auditSubject } from '../../shared/audit-labels';
import type { AuditRow } from '../../shared/contract/system';
import type { CallContext } from '../api/context';
import type { AuthService } from '../auth/service';
import { localDate } from '../clock';
import { type ListSheet, maskIdNumbersInText } from '../export/excel';
import type { InstitutionService } from '../institution/service';
import type { AuditFilter, AuditLog } from './audit-log';
import type { AuditNames } from './audit-names';

/** More than a year of a busy institution's log; beyond it the title says the file is cut short. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;

function localTime(at: string, timeZone: string): string {
  const d = new Date(at);
  const time = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(d);
  return `${localDate(d, timeZone)} ${time}`;
}

const json = (v: unknown) => (v === null || v === undefined ? '' : JSON.stringify(v));

/**
 * 审计日志 as Excel for an inspector: the filtered rows, users by their names, times in the
 * institution's zone. Details are masked for ID numbers unless the user may see full ones; the
 * export itself is audited.
 */
export function exportAuditLog(
  deps: {
    auditLog: AuditLog;
    auditNames: AuditNames;
    auth: Pick<AuthService, 'listUsers'>;
    institution: InstitutionService;
  },
  filter: Omit<AuditFilter, 'offset' | 'limit'>,
  ctx: Pick<CallContext, 'now' | 'audit'>,
  mayViewFull: boolean,
): ListSheet<never> {
  const timeZone = deps.institution.timeZone();
  const today = localDate(ctx.now, timeZone);
  const stored = deps.auditLog.list({ ...filter, offset: 0, limit: AUDIT_EXPORT_MAX_ROWS });
  const names = new Map(deps.auth.listUsers().map((u) => [u.id, u.displayName]));
  const rows = deps.auditNames.name(stored.rows, names);
  const total = stored.total;
  const who = (r: AuditRow) => {
    if (r.userId === null) return r.username ?? '（系统）';
    const name = r.userName;
    return name && name !== r.username ? `${name}（${r.username ?? ''}）` : (r.username ?? String(r.userId));
  };
  ctx.audit({
    entity: 'auditExport',
    after: { filter, count: rows.length, total, unmaskedIds: mayViewFull },
  });
  const cut = total > rows.length ? `，仅含最新 ${rows.length} 条，请缩小时间范围分次导出` : '';
  return sheet({
    sheetName: '审计日志',
    title: `${deps.institution.find()?.name ?? ''} 审计日志（${today} 导出，共 ${total} 条${cut}）`,
    fileName: `审计日志-${today}.xlsx`,
    rows,
    columns: [
      { header: '编号', width: 8, value: (r) => r.id },
      { header: '时间', width: 20, value: (r) => localTime(r.at, timeZone) },
      { header: '用户', width: 18, value: who },
      { header: '操作', width: 22, value: (r) => auditActionLabel(r.procedure) },
      { header: '对象', width: 24, value: (r) => auditSubject(r) },
      { header: '程序名', width: 28, value: (r) => r.procedure },
      { header: '变更前', width: 40, value: (r) => maskIdNumbersInText(json(r.before), mayViewFull) },
      { header: '变更后', width: 40, value: (r) => maskIdNumbersInText(json(r.after), mayViewFull) },
    ],
  });
}

/** Typed by its rows, stored without them: the workbook is built after the commit. */
function sheet<R>(s: ListSheet<R>): ListSheet<never> {
  return s as unknown as ListSheet<never>;
}
