import type { ParsedInputOf } from '../../shared/contract';
import {
  equipmentKindLabels,
  hazardLevelLabels,
  hazardStatusLabels,
  planLabels,
  slotStatusWords,
  type FireRecord,
} from '../../shared/contract/fire';
import { fieldError } from '../../shared/errors';
import { localDate } from '../clock';
import type { ListSheet } from '../export/excel';
import { wallClock } from '../platform/slots';
import type { WriteOp } from './common';
import { addDays } from './slots';
import type { FireModule } from './service';

const mark = { ok: '正常', fail: '有问题', na: '不适用' } as const;
const sheet = <R>(s: ListSheet<R>) => s as unknown as ListSheet<never>;
/** `2026-12-01 20:10` on the wall clock; the platform's formatter is built once per zone. */
const time = (iso: string, timeZone: string) => {
  const w = wallClock(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
};
const problems = (r: FireRecord) =>
  r.items
    .filter((i) => i.result === 'fail')
    .map((i) => `${i.text}：${i.note ?? ''}${i.fixedOnSpot ? '（已现场整改）' : ''}`)
    .join('；');

const titles = {
  patrol: '防火巡查记录表',
  inspection: '防火检查记录表',
  extinguisherCheck: '灭火器检查记录表',
  training: '消防培训记录',
  hazards: '火灾隐患整改台账',
  drills: '消防演练记录',
  equipment: '消防设施登记表',
} as const;

/**
 * The paper ledgers as spreadsheets. Reads and audits inside the call's transaction; the handler
 * builds the workbook after the commit.
 */
export function fireLedgerSheet(
  fire: FireModule,
  input: ParsedInputOf<'fire.export'>,
  op: WriteOp,
  deps: { timeZone: string; institution: string },
): ListSheet<never> {
  const today = localDate(op.now, deps.timeZone);
  const from = input.from ?? `${today.slice(0, 7)}-01`;
  const to = input.to ?? today;
  if (to < from) throw fieldError('to', '结束日期不能早于开始日期');
  const title = (count: number) =>
    `${deps.institution} ${titles[input.ledger]}（${['patrol', 'inspection', 'extinguisherCheck', 'training'].includes(input.ledger) ? `${from} 至 ${to}，` : ''}${count} 条，${today} 导出）`;
  const fileName = `${titles[input.ledger]}-${today}.xlsx`;
  let out: ListSheet<never>;
  let count: number;
  switch (input.ledger) {
    case 'patrol': {
      const slots = fire.records.schedule({ from, to, template: 'patrol' }, op);
      // A slot of the last day may have been filled in late the next morning.
      const records = new Map(
        fire.records.list({ from, to: addDays(to, 1), template: 'patrol' }).map((r) => [r.id, r]),
      );
      count = slots.length;
      out = sheet({
        sheetName: '防火巡查',
        title: title(count),
        fileName,
        rows: slots.map((s) => ({ s, r: s.recordId !== undefined ? records.get(s.recordId) : undefined })),
        columns: [
          { header: '日期', width: 12, value: ({ s }) => localDate(new Date(s.start), deps.timeZone) },
          {
            header: '时段',
            width: 14,
            value: ({ s }) =>
              `${time(s.start, deps.timeZone).slice(11)}–${time(s.end, deps.timeZone).slice(11)}`,
          },
          { header: '夜间', width: 6, value: ({ s }) => (s.night ? '夜' : '') },
          { header: '状态', width: 10, value: ({ s }) => slotStatusWords[s.status] },
          { header: '巡查时间', width: 18, value: ({ r }) => (r ? time(r.performedAt, deps.timeZone) : '') },
          {
            header: '巡查人',
            width: 14,
            value: ({ r }) => r?.performers.map((p) => p.name).join('、') ?? '',
          },
          { header: '发现问题及处理', width: 50, value: ({ r }) => (r ? problems(r) : '') },
          { header: '备注', width: 20, value: ({ r }) => r?.note ?? '' },
        ],
      });
      break;
    }
    case 'inspection':
    case 'extinguisherCheck':
    case 'training': {
      const records = fire.records.list({ from, to, template: input.ledger });
      const rows = records.flatMap((r) => r.items.map((item, n) => ({ r, item, n })));
      count = records.length;
      out = sheet({
        sheetName: titles[input.ledger].slice(0, 31),
        title: title(count),
        fileName,
        rows,
        columns: [
          { header: '检查时间', width: 18, value: ({ r }) => time(r.performedAt, deps.timeZone) },
          { header: '检查人', width: 14, value: ({ r }) => r.performers.map((p) => p.name).join('、') },
          { header: '序号', width: 6, value: ({ n }) => n + 1 },
          { header: '检查内容', width: 50, value: ({ item }) => item.text },
          { header: '结果', width: 8, value: ({ item }) => mark[item.result] },
          {
            header: '问题及处理',
            width: 40,
            value: ({ item }) => [item.note, item.fixedOnSpot ? '已现场整改' : ''].filter(Boolean).join('；'),
          },
          { header: '补做', width: 6, value: ({ r }) => (r.timing === 'late' ? '是' : '') },
        ],
      });
      break;
    }
    case 'hazards': {
      const rows = fire.hazards.list(undefined, op);
      count = rows.length;
      out = sheet({
        sheetName: '隐患整改',
        title: title(count),
        fileName,
        rows,
        columns: [
          { header: '编号', width: 6, value: (h) => h.id },
          { header: '发现日期', width: 12, value: (h) => h.foundOn },
          { header: '隐患', width: 36, value: (h) => h.title },
          { header: '位置', width: 20, value: (h) => h.location },
          { header: '等级', width: 10, value: (h) => hazardLevelLabels[h.level].zh },
          { header: '报告人', width: 10, value: (h) => h.reportedBy ?? '' },
          { header: '整改负责人', width: 10, value: (h) => h.owner?.name ?? '' },
          { header: '整改期限', width: 12, value: (h) => h.deadline ?? '' },
          { header: '临时措施', width: 30, value: (h) => h.interimMeasures },
          { header: '整改日期', width: 12, value: (h) => h.rectifiedOn ?? '' },
          { header: '整改措施', width: 30, value: (h) => h.measures },
          { header: '验收人', width: 10, value: (h) => h.verifiedBy?.name ?? '' },
          { header: '验收日期', width: 12, value: (h) => h.verifiedOn ?? '' },
          {
            header: '验收意见',
            width: 30,
            value: (h) =>
              [h.verifyNote, ...h.rejections.map((r) => `${r.on} 不通过：${r.note}`)]
                .filter(Boolean)
                .join('；'),
          },
          {
            header: '状态',
            width: 10,
            value: (h) => `${hazardStatusLabels[h.status].zh}${h.overdue ? '（逾期）' : ''}`,
          },
        ],
      });
      break;
    }
    case 'drills': {
      const rows = fire.registers.drills();
      count = rows.length;
      out = sheet({
        sheetName: '演练记录',
        title: title(count),
        fileName,
        rows,
        columns: [
          { header: '日期', width: 12, value: (d) => d.on },
          { header: '预案', width: 12, value: (d) => planLabels[d.plan].zh },
          { header: '情景', width: 30, value: (d) => d.scenario },
          { header: '夜间', width: 6, value: (d) => (d.night ? '是' : '') },
          { header: '参加人数', width: 8, value: (d) => d.participants },
          { header: '疏散老人', width: 8, value: (d) => d.residentsEvacuated },
          { header: '其中卧床', width: 8, value: (d) => d.bedriddenEvacuated },
          { header: '疏散用时（秒）', width: 10, value: (d) => d.evacuationSeconds },
          { header: '存在问题', width: 40, value: (d) => d.problems },
        ],
      });
      break;
    }
    case 'equipment': {
      const rows = fire.registers.equipment(op);
      count = rows.length;
      out = sheet({
        sheetName: '消防设施',
        title: title(count),
        fileName,
        rows,
        columns: [
          { header: '编号', width: 14, value: (e) => e.code, text: true },
          { header: '类型', width: 12, value: (e) => equipmentKindLabels[e.kind].zh },
          { header: '位置', width: 24, value: (e) => e.location },
          { header: '规格型号', width: 16, value: (e) => e.spec },
          { header: '安装日期', width: 12, value: (e) => e.installedOn ?? '' },
          { header: '有效期至', width: 12, value: (e) => e.expiresOn ?? '' },
          { header: '下次维保', width: 12, value: (e) => e.nextServiceOn ?? '' },
          { header: '上次检查', width: 12, value: (e) => e.lastCheckedOn ?? '' },
        ],
      });
      break;
    }
  }
  op.audit({ entity: 'fireLedgerExport', after: { ledger: input.ledger, from, to, rows: count } });
  return out;
}
