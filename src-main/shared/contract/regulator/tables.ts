import { institutionNatureLabels } from '../../enums';
import { summaryKindLabels, summarySectionLabels, type SummaryDocument } from './summary';

/** One table of the readable summary: a section with its figures in words. */
export interface SummaryTable {
  key: string;
  title: string;
  rows: Array<{ label: string; value: string | number | null }>;
}

const words: Record<string, string> = {
  total: '合计',
  nursing: '护理型床位',
  occupied: '在住',
  onLeave: '请假（保留床位）',
  reserved: '已预订',
  vacant: '空床',
  outOfService: '停用',
  'byCategory.selfCare': '自理',
  'byCategory.partlyDependent': '半失能',
  'byCategory.dependent': '失能',
  'byCategory.uncategorised': '未分类',
  'byLevel.intact': '能力完好',
  'byLevel.mild': '轻度失能',
  'byLevel.moderate': '中度失能',
  'byLevel.severe': '重度失能',
  'byLevel.complete': '完全失能',
  'byLevel.unassessed': '未评估',
  over80: '80 岁及以上',
  admissions: '本期入住',
  discharges: '本期退住（含死亡）',
  deaths: '本期死亡',
  'byKind.fall': '跌倒',
  'byKind.choking': '噎食',
  'byKind.selfHarm': '自伤',
  'byKind.wandering': '走失',
  calls: '呼叫次数',
  escalated: '超时升级',
  medianResponseSeconds: '响应时间中位数（秒）',
  p90ResponseSeconds: '90% 呼叫在（秒）内响应',
};

function flatten(value: unknown, prefix: string, out: SummaryTable['rows']): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  const shown =
    value === null || value === undefined
      ? null
      : typeof value === 'number' || typeof value === 'string'
        ? value
        : JSON.stringify(value);
  out.push({ label: words[prefix] ?? prefix, value: shown });
}

/** The summary as tables in Chinese, for the preview screen and the Excel file. */
export function summaryTables(doc: SummaryDocument): SummaryTable[] {
  const tables: SummaryTable[] = [
    {
      key: 'overview',
      title: '上报概况',
      rows: [
        { label: '类型', value: summaryKindLabels[doc.kind].zh },
        {
          label: '期间',
          value:
            doc.period.from === doc.period.to ? doc.period.from : `${doc.period.from} 至 ${doc.period.to}`,
        },
        { label: '版本', value: doc.revision },
        ...(doc.revisionReason ? [{ label: '更正原因', value: doc.revisionReason }] : []),
        { label: '生成时间', value: doc.generatedAt },
        { label: '机构编码', value: doc.institution.code || null },
        { label: '机构名称', value: doc.institution.name },
        { label: '许可证/备案号', value: doc.institution.licenseNo || null },
        { label: '性质', value: institutionNatureLabels[doc.institution.nature].zh },
        { label: '地址', value: doc.institution.address || null },
      ],
    },
  ];
  const known = new Set([
    'schema',
    'kind',
    'revision',
    'revisionReason',
    'period',
    'generatedAt',
    'institution',
    'audit',
  ]);
  for (const [key, value] of Object.entries(doc)) {
    if (known.has(key)) continue;
    const rows: SummaryTable['rows'] = [];
    if (value !== null) flatten(value, '', rows);
    tables.push({ key, title: (summarySectionLabels as Record<string, string>)[key] ?? key, rows });
  }
  tables.push({
    key: 'audit',
    title: '审计日志',
    rows: [
      { label: '最新记录序号', value: doc.audit.headSeq },
      { label: '最新记录摘要', value: doc.audit.headHash },
    ],
  });
  return tables;
}
