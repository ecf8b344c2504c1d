import { callOrThrow } from '../../../api/client';
import { block } from '../../print/templates';
import type { PrintContext, PrintDocument } from '../../print/types';

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', hour12: false });

/** 交接班精神/麻醉药品清点记录: one handover's count, signed by both shifts and the head nurse. */
export async function handoverSheet(
  _ctx: PrintContext,
  input: { date: string; time: string },
): Promise<PrintDocument> {
  const h = await callOrThrow('meds.handover', input);
  return {
    title: '交接班精神/麻醉药品清点记录',
    subtitle: `${h.date} ${h.time} ${h.label}（已清点 ${h.counted} / ${h.total}）`,
    orientation: 'landscape',
    fileName: `交接班清点-${h.date}-${h.time.replace(':', '')}`,
    items: [
      {
        kind: 'table',
        key: 'items',
        dense: true,
        columns: [
          { title: '老人', width: '10%' },
          { title: '床号', width: '13%' },
          { title: '药品 / 规格', width: '20%' },
          { title: '类别', width: '7%', align: 'center' },
          { title: '账面结存', width: '9%', align: 'right' },
          { title: '实点', width: '8%', align: 'right' },
          { title: '差异', width: '7%', align: 'right' },
          { title: '清点人 / 核对人', width: '16%' },
          { title: '时间', width: '10%' },
        ],
        rows: h.items.map((x) => ({
          key: `${x.residentId}-${x.drugId}`,
          cells: [
            x.residentName,
            x.bed,
            `${x.drug} ${x.spec}`,
            x.controlled === 'narcotic' ? '麻醉' : '精神',
            `${x.expected}${x.unit}`,
            x.count ? `${x.count.counted}${x.unit}` : '',
            x.count ? x.count.difference : '',
            x.count ? `${x.count.by} / ${x.count.witness}` : '',
            x.count ? `${time(x.count.at)}${x.count.late ? ' 补点' : ''}` : '',
          ],
        })),
      },
      ...(h.items.length === 0 ? [block('empty', <div>这次交接没有需要清点的精神/麻醉药品。</div>)] : []),
    ],
    signatures: ['交班人', '接班人', '护士长'],
  };
}
