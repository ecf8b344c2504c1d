import type { ParsedInputOf } from '../../shared/contract';
import { localDate, localMinute } from '../clock';
import type { ListSheet } from '../export/excel';
import { stockMoveLabels } from '../../shared/contract/meds';
import type { MedsOp } from './common';
import type { MedsModule } from './service';

type Sheet = ListSheet<unknown>;

const stamp = (iso: string, timeZone: string) => localMinute(new Date(iso), timeZone);

/**
 * The month's MAR of one resident (days × dose times, as on paper) or a resident's stock ledger as
 * a spreadsheet. Reads and audits inside the call's transaction; the workbook is built after it.
 */
export function medsSheet(
  meds: MedsModule,
  input: ParsedInputOf<'meds.export'>,
  op: MedsOp,
  deps: { timeZone: string; institution: string },
): Sheet {
  const today = localDate(op.now, deps.timeZone);
  const resident = meds.people.resident(input.residentId);
  let out: Sheet;
  let rows: number;
  if (input.what === 'mar') {
    const month = input.month ?? today.slice(0, 7);
    const m = meds.monthly({ residentId: input.residentId, month }, op.now);
    rows = m.rows.length;
    out = {
      sheetName: `给药记录 ${month}`,
      title: `${deps.institution} 给药执行记录单 ${month} ${m.residentName} ${m.bed} （姓名为给药人；* 延迟 拒 拒服 停 暂停 漏 漏给；${today} 导出）`,
      fileName: `给药记录-${m.residentName}-${month}.xlsx`,
      rows: m.rows,
      columns: [
        { header: '药品', width: 16, value: (r) => (r as (typeof m.rows)[number]).drugName },
        { header: '规格', width: 14, value: (r) => (r as (typeof m.rows)[number]).spec },
        {
          header: '剂量',
          width: 8,
          value: (r) => `${(r as (typeof m.rows)[number]).dose}${(r as (typeof m.rows)[number]).unit}`,
        },
        { header: '途径', width: 8, value: (r) => (r as (typeof m.rows)[number]).route },
        { header: '时间', width: 7, value: (r) => (r as (typeof m.rows)[number]).time },
        ...m.days.map((day, i) => ({
          header: String(Number(day.slice(8))),
          width: 5,
          value: (r: unknown) => (r as (typeof m.rows)[number]).cells[i] ?? '',
        })),
      ],
    };
  } else {
    const moves = meds.stock.ledger(input.residentId, input.drugId);
    rows = moves.length;
    type Move = (typeof moves)[number];
    out = {
      sheetName: '代管药品台账',
      title: `${deps.institution} 代管药品出入库台账 ${resident.name} ${resident.bed} （${moves.length} 条，${today} 导出）`,
      fileName: `代管药品台账-${resident.name}-${today}.xlsx`,
      rows: moves,
      columns: [
        { header: '时间', width: 17, value: (r) => stamp((r as Move).at, deps.timeZone) },
        { header: '药品', width: 16, value: (r) => (r as Move).drugName },
        { header: '批号', width: 12, value: (r) => (r as Move).batchNo, text: true },
        { header: '有效期至', width: 11, value: (r) => (r as Move).expiresOn },
        { header: '类别', width: 9, value: (r) => stockMoveLabels[(r as Move).kind] },
        { header: '数量', width: 8, value: (r) => (r as Move).quantity, text: true },
        { header: '结存', width: 8, value: (r) => (r as Move).balance, text: true },
        { header: '经办人', width: 9, value: (r) => (r as Move).byName },
        { header: '核对人', width: 9, value: (r) => (r as Move).witnessName },
        { header: '来源/原因', width: 24, value: (r) => (r as Move).source || (r as Move).reason },
      ],
    };
  }
  op.audit({
    entity: 'medsExport',
    after: { what: input.what, residentId: input.residentId, month: input.month ?? null, rows },
  });
  return out;
}
