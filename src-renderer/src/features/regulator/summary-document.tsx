import {
  summaryKindLabels,
  summaryTables,
  type SummaryKind,
} from '../../../../src-main/shared/contract/regulator';
import { callOrThrow } from '../../api/client';
import { block, sectionTitle } from '../print/templates';
import type { PrintDocument, PrintItem, PrintLoader } from '../print/types';

/** 监管上报汇总表: the summary as the platform gets it, on A4 for the file and for signing. */
export function summaryDocument(kind: SummaryKind, period: string): PrintLoader {
  return async () => {
    const doc = await callOrThrow('regulator.preview', { kind, period });
    const items: PrintItem[] = summaryTables(doc).flatMap((table): PrintItem[] => [
      sectionTitle(`title-${table.key}`, table.title),
      table.rows.length === 0
        ? block(`empty-${table.key}`, <div>本机构未启用该模块，上报为空。</div>)
        : {
            kind: 'table',
            key: table.key,
            dense: true,
            columns: [
              { title: '项目', width: '55%' },
              { title: '数值', width: '45%', align: 'right' },
            ],
            rows: table.rows.map((r) => ({ key: r.label, cells: [r.label, r.value ?? '—'] })),
          },
    ]);
    const result: PrintDocument = {
      title: `监管上报汇总表（${summaryKindLabels[doc.kind].zh}）`,
      subtitle: `${doc.period.from} 至 ${doc.period.to} · 第 ${doc.revision} 版`,
      orientation: 'portrait',
      fileName: `监管上报-${summaryKindLabels[doc.kind].zh}-${period}`,
      items,
      signatures: ['填报人', '审核人', '机构负责人'],
    };
    return result;
  };
}
