import type { FileDownload } from '../../shared/contract/residents';
import { summaryKindLabels, summaryTables, type SummaryDocument } from '../../shared/contract/regulator';
import { listWorkbook } from '../export/excel';

const baseName = (doc: SummaryDocument) =>
  `监管上报-${summaryKindLabels[doc.kind].zh}-${doc.kind === 'monthly' ? doc.period.from.slice(0, 7) : doc.period.from}${doc.revision > 1 ? `-第${doc.revision}版` : ''}`;

/** The document as sent, UTF-8 JSON: what a province's upload form takes. */
export function summaryJsonFile(doc: SummaryDocument): FileDownload {
  return {
    fileName: `${baseName(doc)}.json`,
    base64: Buffer.from(`${JSON.stringify(doc, null, 2)}\n`, 'utf8').toString('base64'),
  };
}

/** The same figures as a one-sheet workbook (部分 / 项目 / 数值), for provinces that take a spreadsheet. */
export function summaryWorkbook(doc: SummaryDocument): Promise<FileDownload> {
  const rows = summaryTables(doc).flatMap((t) =>
    t.rows.length === 0
      ? [{ section: t.title, label: '（本机构未启用该模块）', value: null }]
      : t.rows.map((r) => ({ section: t.title, label: r.label, value: r.value })),
  );
  return listWorkbook({
    sheetName: '监管上报',
    title: `${doc.institution.name} ${summaryKindLabels[doc.kind].zh} ${doc.period.from} 至 ${doc.period.to}`,
    columns: [
      { header: '部分', width: 16, value: (r) => r.section },
      { header: '项目', width: 28, value: (r) => r.label },
      { header: '数值', width: 40, value: (r) => r.value },
    ],
    rows,
    fileName: `${baseName(doc)}.xlsx`,
  });
}
