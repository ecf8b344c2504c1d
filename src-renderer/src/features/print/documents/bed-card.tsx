import { careCategoryLabels } from '../../../../../src-main/shared/assessment/ability';
import { nineRiskItems, nineRiskLevelLabels } from '../../../../../src-main/shared/assessment/nine-risks';
import type { ResidentDetail } from '../../../../../src-main/shared/contract/residents';
import { sexLabels } from '../../../../../src-main/shared/id-number';
import { callOrThrow } from '../../../api/client';
import { riskIcons } from '../../residents/common';
import type { PrintContext, PrintDocument, PrintItem } from '../types';
import { bedText } from './common';
import './bed-card.css';

/** One 床头卡: big name and bed, the care category as a coloured band, allergies and risks. */
function BedCard({ r, institutionName }: { r: ResidentDetail; institutionName: string }) {
  const category = r.careCategory ? careCategoryLabels[r.careCategory] : null;
  return (
    <div className="bed-card" data-resident={r.name}>
      <div className="bed-card-band" style={{ background: category?.hex ?? '#8c8c8c' }}>
        <span className="bed-card-category">{category ? category.zh : '未评估'}</span>
        <span>{r.careGrade ?? ''}</span>
        <span className="bed-card-bed">{bedText(r.bed)}</span>
      </div>
      <div className="bed-card-main">
        <div className="bed-card-name">{r.name}</div>
        <div className="bed-card-who">
          {[r.sex ? sexLabels[r.sex].zh : null, r.age !== null ? `${r.age}岁` : null]
            .filter(Boolean)
            .join(' · ')}
          {r.admittedOn ? <span className="bed-card-since">{r.admittedOn} 入住</span> : null}
        </div>
      </div>
      <table className="bed-card-facts">
        <tbody>
          <tr>
            <th>过敏</th>
            <td className={r.allergies.length ? 'bed-card-warn' : undefined}>
              {r.allergies.length ? r.allergies.join('、') : '无'}
            </td>
          </tr>
          <tr>
            <th>饮食禁忌</th>
            <td>{r.dietRestrictions.length ? r.dietRestrictions.join('、') : '无'}</td>
          </tr>
        </tbody>
      </table>
      <div className="bed-card-risks">
        <span className="bed-card-risks-label">风险提示</span>
        {r.riskBadges.length === 0 && <span>无中高风险</span>}
        {r.riskBadges.map((b) => {
          const Icon = riskIcons[b.key];
          const level = nineRiskLevelLabels[b.level];
          return (
            <span key={b.key} className="bed-card-risk" style={{ borderColor: level.hex, color: level.hex }}>
              <Icon /> 防{nineRiskItems[b.key].zh}·{level.zh}
            </span>
          );
        })}
      </div>
      <div className="bed-card-foot">{institutionName}</div>
    </div>
  );
}

/** 床头卡 for one or more residents, three to an A4 sheet with cut lines. */
export async function bedCards(ctx: PrintContext, residentIds: number[]): Promise<PrintDocument> {
  const residents: ResidentDetail[] = [];
  // A few at a time: a whole floor's cards should not flood the server with requests.
  for (let i = 0; i < residentIds.length; i += 8) {
    const batch = residentIds.slice(i, i + 8).map((id) => callOrThrow('residents.get', { id }));
    residents.push(...(await Promise.all(batch)));
  }
  const items: PrintItem[] = residents.map((r) => ({
    kind: 'block',
    key: `card-${r.id}`,
    node: <BedCard r={r} institutionName={ctx.institutionName} />,
  }));
  const first = residents[0];
  return {
    title: '床头卡',
    subtitle:
      residents.length === 1 && first ? `${first.name} ${bedText(first.bed)}` : `共 ${residents.length} 张`,
    orientation: 'portrait',
    chrome: 'bare',
    signatures: false,
    fileName: residents.length === 1 && first ? `床头卡-${first.name}` : `床头卡-${residents.length}张`,
    items,
  };
}
