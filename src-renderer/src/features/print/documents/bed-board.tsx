import { careCategoryLabels } from '../../../../../src-main/shared/assessment/ability';
import type { BedBoard, BedStatus, BoardCell } from '../../../../../src-main/shared/contract/residents';
import { leaveKindLabels } from '../../../../../src-main/shared/residents/lifecycle';
import { callOrThrow } from '../../../api/client';
import { block, sectionTitle } from '../templates';
import type { PrintContext, PrintDocument, PrintItem } from '../types';
import { riskText } from './common';
import { serverDay } from '../../../lib/dates';

const statusWord: Record<BedStatus, string> = {
  vacant: '空床',
  occupied: '',
  reserved: '已预订',
  onLeave: '请假',
  outOfService: '停用',
  retired: '已撤床',
};

function BedCellText({ bed }: { bed: BoardCell }) {
  const r = bed.resident;
  const no = bed.label.slice(bed.label.lastIndexOf('-') + 1);
  const category = r?.careCategory ? careCategoryLabels[r.careCategory] : null;
  return (
    <div style={{ borderLeft: `1.6mm solid ${category?.hex ?? '#bbb'}`, paddingLeft: '1.5mm' }}>
      <div>
        <strong>{no}床</strong>
        {statusWord[bed.status] && ` ${statusWord[bed.status]}`}
        {r && (
          <>
            {' '}
            <strong>{r.name}</strong> {category?.zh ?? '未评估'}
            {r.leave &&
              `（${leaveKindLabels[r.leave.kind].zh}${r.leave.expectedReturnOn ? ` 至 ${r.leave.expectedReturnOn}` : ''}）`}
          </>
        )}
      </div>
      {r && r.riskBadges.length > 0 && <div style={{ fontSize: '7.5pt' }}>{riskText(r.riskBadges)}</div>}
    </div>
  );
}

/** 房态图 on paper: one row per room, a cell per bed with the category colour bar; a summary first. */
export async function bedBoardDoc(_ctx: PrintContext, buildingId?: number): Promise<PrintDocument> {
  const board: BedBoard = await callOrThrow('beds.board', buildingId ? { buildingId } : {});
  const c = board.counts;
  const inUse = c.total - c.outOfService;
  const occupancy = inUse > 0 ? Math.round(((c.occupied + c.onLeave) / inUse) * 100) : 0;
  const items: PrintItem[] = [
    block(
      'summary',
      <div className="print-note" style={{ fontSize: '10pt' }}>
        床位 {c.total} 张（护理型 {c.nursingBeds} 张）：在住 {c.occupied}，请假 {c.onLeave}，空床 {c.vacant}
        ，已预订 {c.reserved}，停用 {c.outOfService}；入住率 {occupancy}%。
        {(['selfCare', 'partlyDependent', 'dependent'] as const).map((k) => (
          <span key={k} style={{ marginRight: '3mm' }}>
            <span className="print-swatch" style={{ background: careCategoryLabels[k].hex }} />
            {careCategoryLabels[k].zh}
          </span>
        ))}
      </div>,
    ),
  ];
  for (const b of board.buildings) {
    for (const f of b.floors) {
      const rooms = f.rooms
        .map((r) => ({ ...r, beds: r.beds.filter((x) => x.status !== 'retired') }))
        .filter((r) => r.beds.length > 0);
      if (rooms.length === 0) continue;
      const beds = rooms.flatMap((r) => r.beds);
      // As many bed columns as this floor's largest room, at most four to a row.
      const perRow = Math.min(4, Math.max(1, ...rooms.map((r) => r.beds.length)));
      const people = beds.filter((x) => x.resident).length;
      items.push(
        sectionTitle(
          `t-${b.id}-${f.floor}`,
          `${b.name} ${f.floor}楼：${rooms.length} 间 ${beds.length} 床，${people} 人，空床 ${beds.filter((x) => x.status === 'vacant').length}`,
        ),
      );
      items.push({
        kind: 'table',
        key: `f-${b.id}-${f.floor}`,
        dense: true,
        columns: [
          { title: '房间', width: '10%' },
          ...Array.from({ length: perRow }, (_, i) => ({ title: `床位 ${i + 1}`, width: `${90 / perRow}%` })),
        ],
        rows: rooms.flatMap((r) => {
          const chunks: BoardCell[][] = [];
          for (let i = 0; i < r.beds.length; i += perRow) chunks.push(r.beds.slice(i, i + perRow));
          return chunks.map((chunk, i) => ({
            key: `${r.id}-${i}`,
            cells: [
              i === 0 ? `${r.number}（${r.roomClass}）` : '',
              ...Array.from({ length: perRow }, (_, j) =>
                chunk[j] ? <BedCellText key={j} bed={chunk[j]} /> : '',
              ),
            ],
          }));
        }),
      });
    }
  }
  const name = buildingId ? (board.buildings[0]?.name ?? '') : '全部楼栋';
  return {
    title: '房态图（床位一览表）',
    subtitle: `${name} · ${serverDay().format('YYYY-MM-DD HH:mm')} 的床位状态`,
    orientation: 'landscape',
    fileName: `房态图-${name}`,
    items,
  };
}
