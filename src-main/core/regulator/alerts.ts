import type { Alert } from '../../shared/contract/platform';
import { summaryKindLabels, type SummaryKind } from '../../shared/contract/regulator';
import type { AlertProvider } from '../module';
import type { Outbox } from './outbox';

/** Tries after which a submission that keeps failing becomes an alert. */
export const FAILING_AFTER = 3;

const what = (r: { kind: string; period: string; revision: number }) =>
  `${summaryKindLabels[r.kind as SummaryKind].zh} ${r.period}${r.revision > 1 ? `（第 ${r.revision} 版）` : ''}`;

/**
 * Alerts from the outbox as it is: a rejection until a later submission of that period is accepted,
 * a signature problem until it is sent again, and repeated failures until the platform answers.
 */
export function regulatorAlerts(outbox: Outbox): AlertProvider[] {
  // The three providers are asked one after another with the same `now`: one statement serves them all.
  const seen = new WeakMap<Date, ReturnType<Outbox['problems']>>();
  const rows = (now: Date) => {
    let found = seen.get(now);
    if (!found) seen.set(now, (found = outbox.problems(FAILING_AFTER)));
    return found;
  };
  return [
    {
      kind: 'regulator.rejected',
      access: 'regulator.read',
      list: ({ now }) =>
        rows(now)
          .filter((r) => r.status === 'rejected')
          .map((r): Alert => ({
            kind: 'regulator.rejected',
            severity: 'critical',
            title: `监管平台退回了${what(r)}`,
            detail: `平台的说明：${r.lastError ?? '没有说明'}。请更正数据后重新上报该期。`,
            ...(r.lastAttemptAt ? { dueAt: r.lastAttemptAt } : {}),
            subject: { type: 'regulatorSubmission', id: String(r.id) },
            link: '/regulator',
            action: '去处理',
            actionProcedure: 'regulator.send',
          })),
    },
    {
      kind: 'regulator.authFailed',
      access: 'regulator.read',
      list: ({ now }) =>
        rows(now)
          .filter((r) => r.status === 'failed')
          .map((r): Alert => ({
            kind: 'regulator.authFailed',
            severity: 'critical',
            title: `${what(r)}没有送达：平台不认可签名`,
            detail: r.lastError ?? '请核对接口设置后重新发送。',
            ...(r.lastAttemptAt ? { dueAt: r.lastAttemptAt } : {}),
            subject: { type: 'regulatorSubmission', id: String(r.id) },
            link: '/regulator',
            action: '检查设置',
            actionProcedure: 'regulator.updateConfig',
          })),
    },
    {
      kind: 'regulator.deliveryFailing',
      access: 'regulator.read',
      list: ({ now }) =>
        rows(now)
          .filter((r) => (r.status === 'queued' || r.status === 'sending') && r.attempts >= FAILING_AFTER)
          .map((r): Alert => ({
            kind: 'regulator.deliveryFailing',
            severity: 'warning',
            title: `${what(r)}已 ${r.attempts} 次没有送达`,
            detail: `${r.lastError ?? '平台没有回答'}。重试间隔逐次加长（最长 1 小时），平台不会重复收到；如持续失败请联系平台或改用“导出文件”手工上报。`,
            ...(r.nextAttemptAt ? { dueAt: r.nextAttemptAt } : {}),
            subject: { type: 'regulatorSubmission', id: String(r.id) },
            link: '/regulator',
            action: '查看发件箱',
          })),
    },
  ];
}
