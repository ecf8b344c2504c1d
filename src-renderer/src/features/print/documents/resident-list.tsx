import { careCategoryLabels, type CareCategory } from '../../../../../src-main/shared/assessment/ability';
import type { InputOf } from '../../../../../src-main/shared/contract';
import type { ResidentListRow } from '../../../../../src-main/shared/contract/residents';
import { sexLabels } from '../../../../../src-main/shared/id-number';
import { residentStatusLabels } from '../../../../../src-main/shared/residents/lifecycle';
import { callOrThrow } from '../../../api/client';
import { block } from '../templates';
import type { PrintContext, PrintDocument } from '../types';
import { CategoryMark, riskText } from './common';
import { todayLocal } from '../../../lib/dates';

type Filter = Omit<InputOf<'residents.list'>, 'offset' | 'limit'>;

/** Every row the filter matches, not just the page on screen. */
async function allRows(filter: Filter): Promise<ResidentListRow[]> {
  const rows: ResidentListRow[] = [];
  for (;;) {
    const page = await callOrThrow('residents.list', { ...filter, offset: rows.length, limit: 500 });
    rows.push(...page.rows);
    if (page.rows.length === 0 || rows.length >= page.total) return rows;
  }
}

function describe(filter: Filter, buildingName: string | undefined): string {
  const parts: string[] = [];
  if (filter.statuses?.length) parts.push(filter.statuses.map((s) => residentStatusLabels[s].zh).join('、'));
  if (filter.careCategory) parts.push(careCategoryLabels[filter.careCategory as CareCategory].zh);
  if (buildingName) parts.push(buildingName);
  if (filter.search) parts.push(`搜索“${filter.search}”`);
  return parts.join(' · ') || '全部';
}

/** 老人名单 as on the 在住 page with its filters; ID numbers stay masked, as in the list. */
export async function residentList(
  _ctx: PrintContext,
  filter: Filter,
  buildingName?: string,
): Promise<PrintDocument> {
  const rows = await allRows(filter);
  const byCategory = new Map<string, number>();
  for (const r of rows) {
    const key = r.careCategory ? careCategoryLabels[r.careCategory].zh : '未评估';
    byCategory.set(key, (byCategory.get(key) ?? 0) + 1);
  }
  return {
    title: '在住老人名单',
    subtitle: `范围：${describe(filter, buildingName)} · 共 ${rows.length} 人（${[...byCategory].map(([k, n]) => `${k} ${n}`).join('，')}） · 证件号码已脱敏`,
    orientation: 'landscape',
    fileName: `老人名单-${todayLocal()}`,
    items: [
      {
        kind: 'table',
        key: 'residents',
        dense: true,
        columns: [
          { title: '序号', width: '4.5%', align: 'center' },
          { title: '姓名', width: '7.5%' },
          { title: '性别', width: '4.5%', align: 'center' },
          { title: '年龄', width: '4.5%', align: 'center' },
          { title: '床位', width: '11%' },
          { title: '护理类别', width: '7.5%' },
          { title: '护理等级', width: '7%' },
          { title: '九防中高风险', width: '26%' },
          { title: '状态', width: '6%' },
          { title: '入住日期', width: '8.5%' },
          { title: '证件号码', width: '13%' },
        ],
        rows: rows.map((r, i) => ({
          key: r.id,
          cells: [
            i + 1,
            r.name,
            r.sex ? sexLabels[r.sex].zh : '',
            r.age ?? '',
            r.bed ? `${r.bed.buildingName} ${r.bed.label}床` : '',
            <CategoryMark key="c" category={r.careCategory} />,
            r.careGrade ?? '',
            riskText(r.riskBadges),
            residentStatusLabels[r.status].zh,
            r.admittedOn ?? '',
            r.idNumberMasked,
          ],
        })),
      },
      ...(rows.length === 0 ? [block('empty', <div>没有符合条件的老人。</div>)] : []),
    ],
  };
}
