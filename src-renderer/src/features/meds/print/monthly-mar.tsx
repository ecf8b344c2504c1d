import { callOrThrow } from '../../../api/client';
import { block, sectionTitle } from '../../print/templates';
import type { PrintContext, PrintDocument, PrintItem } from '../../print/types';

const legend =
  '图例：格内为给药人签名（姓名末两字）；* 延迟给药；拒 拒服；停 暂停给药；漏 漏给；空白 当日无此次给药或尚未到时。';

/** 月度给药记录单: one resident's month, a row per medicine and time, a column per day. */
export async function monthlyMar(
  _ctx: PrintContext,
  input: { residentId: number; month: string },
): Promise<PrintDocument> {
  const m = await callOrThrow('meds.monthly', input);
  const dayColumns = m.days.map((d) => ({
    title: String(Number(d.slice(8))),
    width: `${62 / m.days.length}%`,
    align: 'center' as const,
  }));
  const items: PrintItem[] = [
    {
      kind: 'table',
      key: 'mar',
      dense: true,
      columns: [
        { title: '药品 / 规格', width: '18%' },
        { title: '剂量 用法', width: '12%' },
        { title: '时间', width: '5%', align: 'center' },
        ...dayColumns,
      ],
      rows: m.rows.map((r) => ({
        key: `${r.orderId}-${r.time}-${r.dose}`,
        cells: [`${r.drugName} ${r.spec}`, `${r.dose}${r.unit} ${r.route}`, r.time, ...r.cells],
      })),
    },
    block('legend', <div style={{ fontSize: 11, marginTop: 4 }}>{legend}</div>),
  ];
  if (m.rows.length === 0) items.push(block('empty', <div>本月没有按时给药的医嘱。</div>));
  if (m.prn.length > 0) {
    items.push(sectionTitle('prn-title', '按需用药（PRN）'));
    items.push({
      kind: 'table',
      key: 'prn',
      dense: true,
      columns: [
        { title: '时间', width: '16%' },
        { title: '药品 剂量', width: '22%' },
        { title: '指征', width: '24%' },
        { title: '给药人', width: '12%' },
        { title: '效果', width: '26%' },
      ],
      rows: m.prn.map((p, i) => ({
        key: i,
        cells: [
          new Date(p.at).toLocaleString('zh-CN', { hour12: false }).slice(0, -3),
          `${p.drugName} ${p.dose}`,
          p.indication,
          p.byName,
          p.effect,
        ],
      })),
    });
  }
  return {
    title: '月度给药记录单',
    subtitle: `${m.residentName}（${m.bed}） · ${m.month}`,
    orientation: 'landscape',
    fileName: `给药记录-${m.residentName}-${m.month}`,
    items,
    signatures: ['责任护士', '护士长', '日期'],
  };
}
