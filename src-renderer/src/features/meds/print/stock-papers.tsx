import { stockMoveLabels } from '../../../../../src-main/shared/contract/meds';
import { drugControlLabels } from '../../../../../src-main/shared/contract/meds';
import { callOrThrow } from '../../../api/client';
import { block, FieldGrid } from '../../print/templates';
import type { PrintContext, PrintDocument } from '../../print/types';

const stamp = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false }).slice(0, -3);

/** 代管药品台账: every move of one resident's kept medicines, with the running balance. */
export async function stockLedger(
  _ctx: PrintContext,
  input: { residentId: number; residentName: string },
): Promise<PrintDocument> {
  const moves = await callOrThrow('meds.stock.ledger', { residentId: input.residentId });
  return {
    title: '代管药品台账',
    subtitle: input.residentName,
    orientation: 'landscape',
    fileName: `代管药品台账-${input.residentName}`,
    items: [
      {
        kind: 'table',
        key: 'moves',
        dense: true,
        columns: [
          { title: '时间', width: '13%' },
          { title: '类别', width: '7%', align: 'center' },
          { title: '药品', width: '15%' },
          { title: '批号 / 有效期', width: '15%' },
          { title: '数量', width: '7%', align: 'right' },
          { title: '结存', width: '7%', align: 'right' },
          { title: '经办 / 核对', width: '13%' },
          { title: '来源 / 原因', width: '23%' },
        ],
        rows: moves.map((m) => ({
          key: m.id,
          cells: [
            stamp(m.at),
            stockMoveLabels[m.kind],
            m.drugName,
            `${m.batchNo || '—'} / ${m.expiresOn}`,
            m.quantity,
            m.balance,
            `${m.byName}${m.witnessName ? ` / ${m.witnessName}` : ''}`,
            [m.source, m.reason].filter(Boolean).join('；'),
          ],
        })),
      },
      ...(moves.length === 0 ? [block('empty', <div>还没有代管药品。</div>)] : []),
    ],
    signatures: ['经办人', '核对人', '护士长'],
  };
}

/** 药品委托保管单: what the family handed over, signed by both sides. */
export async function entrustmentReceipt(ctx: PrintContext, receiptId: number): Promise<PrintDocument> {
  const r = await callOrThrow('meds.stock.receipt', { receiptId });
  return {
    title: '药品委托保管单',
    subtitle: `No. ${String(r.receiptId).padStart(6, '0')}`,
    orientation: 'portrait',
    fileName: `委托保管单-${r.residentName}-${r.receiptId}`,
    items: [
      block(
        'fields',
        <FieldGrid
          perRow={2}
          fields={[
            { label: '老人姓名', value: r.residentName },
            { label: '床号', value: r.bed },
            { label: '药品名称', value: r.drug.name },
            { label: '规格', value: r.drug.spec },
            { label: '数量', value: `${r.quantity} ${r.drug.unit}` },
            {
              label: '类别',
              value: `${drugControlLabels[r.drug.controlled]}${r.drug.highAlert ? '（高警示）' : ''}`,
            },
            { label: '批号', value: r.batchNo },
            { label: '有效期至', value: r.expiresOn },
            { label: '来源', value: r.source },
            { label: '委托人', value: r.entrustedBy },
            { label: '接收时间', value: stamp(r.receivedAt) },
            {
              label: '接收人 / 核对人',
              value: `${r.receivedByName}${r.witnessName ? ` / ${r.witnessName}` : ''}`,
            },
          ]}
        />,
      ),
      block(
        'terms',
        <div style={{ marginTop: 12, lineHeight: 1.8 }}>
          兹委托 {ctx.institutionName}{' '}
          代为保管上述药品，并按医嘱给药。机构按先到期先用的原则使用，实行专人专柜加锁保管、定期盘点；
          药品将用完或临近有效期时通知委托人。剩余或过期药品由双方核对后退还或销毁并记录。
        </div>,
      ),
    ],
    signatures: ['委托人（家属）签字', '接收护士签字', '日期'],
  };
}
