import { careCategoryLabels, type CareCategory } from '../../../../../src-main/shared/assessment/ability';
import { nineRiskItems, nineRiskLevelLabels } from '../../../../../src-main/shared/assessment/nine-risks';
import type { ResidentDetail, RiskBadge } from '../../../../../src-main/shared/contract/residents';
import { callOrThrow } from '../../../api/client';
import type { PrintContext } from '../types';

/** What prints of an ID number: the full number for those allowed (the reveal is audited), else masked. */
export async function idNumberForPrint(ctx: PrintContext, r: ResidentDetail): Promise<string> {
  if (!r.idNumberMasked) return '';
  if (!ctx.can('residents.viewIdNumber')) return r.idNumberMasked;
  return (await callOrThrow('residents.revealIdNumber', { id: r.id })).idNumber;
}

export function bedText(bed: { buildingName: string; label: string } | null | undefined): string {
  return bed ? `${bed.buildingName} ${bed.label}床` : '';
}

export function riskText(badges: RiskBadge[]): string {
  return badges.map((b) => `${nineRiskItems[b.key].zh}(${nineRiskLevelLabels[b.level].zh})`).join('、');
}

/** A care category as printed: a colour square (kept in colour and grey print) and the word. */
export function CategoryMark({ category }: { category: CareCategory | null }) {
  if (!category) return <>未评估</>;
  const info = careCategoryLabels[category];
  return (
    <span>
      <span className="print-swatch" style={{ background: info.hex }} />
      {info.zh}
    </span>
  );
}

export const orDash = (s: string | number | null | undefined) =>
  s === null || s === undefined || s === '' ? '—' : String(s);
