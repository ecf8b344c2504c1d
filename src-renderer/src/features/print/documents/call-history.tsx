import { callPriorityLabels, type CallRecord } from '../../../../../src-main/shared/contract/nursecall';
import { callOrThrow } from '../../../api/client';
import { block } from '../templates';
import type { PrintContext, PrintDocument } from '../types';
import dayjs from 'dayjs';

function stamp(iso: string | null): string {
  return iso ? dayjs(iso).format('MM-DD HH:mm:ss') : '—';
}

function minutes(seconds: number | null): string {
  if (seconds === null) return '—';
  const s = Math.round(seconds);
  if (s < 1) return '不足1秒';
  if (s < 60) return `${s}秒`;
  return `${Math.floor(s / 60)}分${String(s % 60).padStart(2, '0')}秒`;
}

/** 呼叫记录台账 for a period: every call, who answered and how fast, for the nursing department's file. */
export async function callHistory(
  _ctx: PrintContext,
  range: { from: string; to: string; address?: string },
): Promise<PrintDocument> {
  const rows: CallRecord[] = [];
  for (;;) {
    const page = await callOrThrow('nursecall.calls.history', { ...range, offset: rows.length, limit: 500 });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) break;
  }
  // Oldest first, as a ledger is written.
  rows.sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  const answered = rows.filter((r) => r.ackSeconds !== null);
  const overdue = rows.filter((r) => r.escalated).length;
  return {
    title: '呼叫记录台账',
    subtitle: `${range.from} 至 ${range.to}${range.address ? ` · 呼叫地址 ${range.address}` : ''} · 共 ${rows.length} 次，已响应 ${answered.length} 次，超时 ${overdue} 次`,
    orientation: 'landscape',
    fileName: `呼叫记录-${range.from}至${range.to}`,
    items: [
      {
        kind: 'table',
        key: 'calls',
        dense: true,
        columns: [
          { title: '序号', width: '5%', align: 'center' },
          { title: '位置', width: '15%' },
          { title: '老人', width: '8%' },
          { title: '优先级', width: '6%', align: 'center' },
          { title: '呼叫时间', width: '10%' },
          { title: '响应时间', width: '10%' },
          { title: '响应人', width: '8%' },
          { title: '响应用时', width: '7%' },
          { title: '结束时间', width: '14%' },
          { title: '情况', width: '17%' },
        ],
        rows: rows.map((r, i) => ({
          key: r.id,
          cells: [
            i + 1,
            `${r.label}（${r.address}）`,
            r.resident?.name ?? '',
            callPriorityLabels[r.priority].zh,
            stamp(r.raisedAt),
            stamp(r.acknowledgedAt),
            r.acknowledgedBy?.name ?? '',
            minutes(r.ackSeconds),
            r.clearedAt ? `${stamp(r.clearedAt)}${r.clearedHow === 'panel' ? ' 床头复位' : ''}` : '进行中',
            [r.escalated ? '超时未响应' : '', r.repeats > 0 ? `重复${r.repeats}次` : '', r.message, r.note]
              .filter(Boolean)
              .join('；'),
          ],
        })),
      },
      ...(rows.length === 0 ? [block('empty', <div>这段时间没有呼叫记录。</div>)] : []),
    ],
  };
}
