import {
  abilityAssessmentReasonLabels,
  abilityDimensionInfo,
  abilityDimensions,
  abilityItems,
  abilityLevelInfo,
  abilityLevelLabels,
  abilityLevels,
  abilityMaxTotal,
  abilityStandard,
  careCategoryLabels,
  itemMaxScore,
} from '../../../../../src-main/shared/assessment/ability';
import { sexLabels } from '../../../../../src-main/shared/id-number';
import { callOrThrow } from '../../../api/client';
import { block, FieldGrid, sectionTitle } from '../templates';
import type { PrintContext, PrintDocument, PrintRow } from '../types';
import { bedText, idNumberForPrint, orDash } from './common';

/**
 * 老年人能力评估报告 in the layout of GB/T 42195-2022 Appendix B/C: who and why, every item's
 * score and the state it describes, the dimension scores, the preliminary and final level with the
 * reasons for any change, and the assessors' and informant's signatures.
 */
export async function abilityReport(
  ctx: PrintContext,
  residentId: number,
  assessmentId: number,
): Promise<PrintDocument> {
  const [r, history] = await Promise.all([
    callOrThrow('residents.get', { id: residentId }),
    callOrThrow('assessments.history', { residentId }),
  ]);
  const a = history.ability.find((x) => x.id === assessmentId);
  if (!a) throw new Error('找不到这次评估，可能已被删除。请刷新后重试。');
  const idNumber = await idNumberForPrint(ctx, r);

  const rows: PrintRow[] = [];
  let n = 0;
  for (const dim of abilityDimensions) {
    const info = abilityDimensionInfo[dim];
    const items = abilityItems.filter((i) => i.dimension === dim);
    items.forEach((item, i) => {
      n += 1;
      const score = a.scores[item.key];
      const option = item.options.find((o) => o.score === score);
      rows.push({
        key: item.key,
        cells: [
          n,
          i === 0 ? info.name : '',
          item.name,
          score ?? '—',
          itemMaxScore(item),
          option ? option.description : '—',
        ],
      });
    });
    rows.push({
      key: `${dim}-total`,
      className: 'subtotal',
      cells: ['', info.name, '小计', a.dimensionTotals[dim], info.max, ''],
    });
  }
  rows.push({
    key: 'total',
    className: 'subtotal',
    cells: ['', '合计', '总分', a.total, abilityMaxTotal, ''],
  });

  const levelScale = abilityLevels
    .map((l) => {
      const info = abilityLevelInfo[l];
      const range =
        info.minTotal === info.maxTotal ? `${info.minTotal}分` : `${info.minTotal}–${info.maxTotal}分`;
      return `${range}${info.name}`;
    })
    .join('；');

  return {
    title: '老年人能力评估报告',
    subtitle: `${r.name} · 评估日期 ${a.assessedOn} · 评估编号 NL-${String(a.id).padStart(6, '0')} · 依据 ${abilityStandard.code}《${abilityStandard.title}》`,
    orientation: 'portrait',
    fileName: `老年人能力评估报告-${r.name}-${a.assessedOn}`,
    items: [
      sectionTitle('basic-title', '一、基本信息'),
      block(
        'basic',
        <FieldGrid
          fields={[
            { label: '姓名', value: r.name },
            { label: '性别', value: r.sex ? sexLabels[r.sex].zh : '' },
            { label: '年龄', value: r.age !== null ? `${r.age}岁` : '' },
            { label: '出生日期', value: r.birthDate ?? '' },
            { label: '证件号码', value: idNumber, span: true },
            { label: '床位', value: bedText(r.bed) },
            { label: '评估日期', value: a.assessedOn },
            { label: '评估原因', value: abilityAssessmentReasonLabels[a.reason].zh },
            { label: '评估员', value: a.assessorNames.join('、'), span: true },
          ]}
        />,
      ),
      sectionTitle('items-title', '二、评估指标得分'),
      {
        kind: 'table',
        key: 'items',
        dense: true,
        columns: [
          { title: '序号', width: '6%', align: 'center' },
          { title: '一级指标', width: '15%' },
          { title: '二级指标', width: '15%' },
          { title: '得分', width: '6%', align: 'center' },
          { title: '满分', width: '6%', align: 'center' },
          { title: '评定情况（所选分值的描述）', width: '52%' },
        ],
        rows,
      },
      sectionTitle('level-title', '三、能力等级'),
      block(
        'level',
        <FieldGrid
          perRow={2}
          fields={[
            ...abilityDimensions.map((d) => ({
              label: abilityDimensionInfo[d].name,
              value: `${a.dimensionTotals[d]} / ${abilityDimensionInfo[d].max} 分`,
            })),
            { label: '总分', value: `${a.total} / ${abilityMaxTotal} 分` },
            { label: '初步等级', value: abilityLevelLabels[a.baseLevel].zh },
            {
              label: '等级变更依据',
              value: a.adjustmentReasons.length > 0 ? a.adjustmentReasons.join('；') : '无',
              span: true,
            },
            {
              label: '能力等级',
              value: <strong style={{ fontSize: '12pt' }}>{abilityLevelLabels[a.level].zh}</strong>,
            },
            { label: '对应护理类别', value: careCategoryLabels[a.careCategory].zh },
            { label: '近30天照护风险事件', value: `${a.careRiskEvents} 次` },
            { label: '下次常规评估', value: orDash(r.reassessmentDueOn) },
            { label: '备注', value: a.note, span: true },
          ]}
        />,
      ),
      block(
        'scale',
        <div className="print-note">等级划分（总分）：{levelScale}。昏迷者直接评定为完全失能。</div>,
      ),
    ],
    signatures: ['评估员（签名）', '评估员（签名）', '信息提供者（签名）', '日期'],
  };
}
