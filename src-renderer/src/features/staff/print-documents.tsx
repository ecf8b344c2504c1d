import dayjs from 'dayjs';
import {
  certificateKindLabels,
  ratioCategoryLabels,
  staffRoleLabels,
} from '../../../../src-main/shared/contract/staff';
import { callOrThrow } from '../../api/client';
import { block } from '../print/templates';
import type { PrintContext, PrintDocument } from '../print/types';

const statusWords = {
  valid: '有效',
  expiring: '即将到期',
  expired: '已过期',
  notYetValid: '未生效',
} as const;

/** 人员配比情况表: today's ratio by category and the last 30 days, for inspectors. */
export async function ratioReport(_ctx: PrintContext): Promise<PrintDocument> {
  const today = await callOrThrow('staffing.ratio', {});
  const from = dayjs(today.on).subtract(29, 'day').format('YYYY-MM-DD');
  const days = await callOrThrow('staffing.history', { from, to: today.on });
  const categories = ['dependent', 'partlyDependent', 'selfCare'] as const;
  return {
    title: '人员配比情况表',
    subtitle: `${today.on} · 近 30 天（${from} 至 ${today.on}）`,
    orientation: 'portrait',
    fileName: `人员配比情况表-${today.on}`,
    items: [
      {
        kind: 'table',
        key: 'today',
        columns: [
          { title: '护理类别', width: '25%' },
          { title: '配比标准', width: '25%', align: 'center' },
          { title: '在住老人（人）', width: '25%', align: 'right' },
          { title: '折合护理员（人）', width: '25%', align: 'right' },
        ],
        rows: [
          ...categories.map((c) => ({
            key: c,
            cells: [
              ratioCategoryLabels[c].zh,
              `1 : ${today.perCaregiver[c]}`,
              today.residents[c],
              (today.residents[c] / today.perCaregiver[c]).toFixed(2),
            ],
          })),
          {
            key: 'u',
            cells: [
              '未评估（按失能计）',
              `1 : ${today.perCaregiver.dependent}`,
              today.residents.uncategorised,
              '',
            ],
          },
        ],
      },
      block(
        'verdict',
        <p style={{ fontSize: '11pt', margin: '4mm 0' }}>
          需护理员 <b>{today.required}</b> 人，现有护理员（折算全职）<b>{today.available}</b> 人，
          {today.rosterEmpty
            ? '员工名册中尚未登记护理员，无法核算配比。'
            : today.compliant
              ? '符合配比要求。'
              : `缺 ${today.shortfall} 人，不符合配比要求。`}
          {today.rounding === 'perCategory' ? '（各类别分别向上取整）' : '（合计后向上取整）'}
        </p>,
      ),
      {
        kind: 'table',
        key: 'days',
        dense: true,
        columns: [
          { title: '日期', width: '16%' },
          { title: '失能', width: '12%', align: 'right' },
          { title: '半失能', width: '12%', align: 'right' },
          { title: '自理', width: '12%', align: 'right' },
          { title: '未评估', width: '12%', align: 'right' },
          { title: '需护理员', width: '12%', align: 'right' },
          { title: '现有', width: '12%', align: 'right' },
          { title: '结论', width: '12%', align: 'center' },
        ],
        rows: days.map((d) => ({
          key: d.on,
          cells: [
            d.on,
            d.residents.dependent,
            d.residents.partlyDependent,
            d.residents.selfCare,
            d.residents.uncategorised,
            d.required,
            d.available,
            d.rosterEmpty ? '未登记' : d.compliant ? '达标' : `缺 ${d.shortfall}`,
          ],
        })),
      },
    ],
  };
}

/** 持证情况表: every certificate of the staff on the roll, with caregivers' 持证率. */
export async function certificateReport(_ctx: PrintContext): Promise<PrintDocument> {
  const [rows, kpis] = await Promise.all([
    callOrThrow('staff.certificates', {}),
    callOrThrow('staffing.kpis', {}),
  ]);
  const c = kpis.certification;
  rows.sort((a, b) => a.staffName.localeCompare(b.staffName, 'zh') || a.kind.localeCompare(b.kind));
  return {
    title: '持证情况表',
    subtitle: `${kpis.on} · 护理员 ${c.caregivers} 人，持有效养老护理员证 ${c.certified} 人，持证率 ${c.rate === null ? '—' : `${Math.floor(c.rate * 1000) / 10}%`}`,
    orientation: 'landscape',
    fileName: `持证情况表-${kpis.on}`,
    items: [
      {
        kind: 'table',
        key: 'certs',
        dense: true,
        columns: [
          { title: '序号', width: '6%', align: 'center' },
          { title: '姓名', width: '10%' },
          { title: '岗位', width: '14%' },
          { title: '证书', width: '22%' },
          { title: '等级', width: '6%', align: 'center' },
          { title: '证书编号', width: '16%' },
          { title: '发证日期', width: '9%' },
          { title: '有效期至', width: '9%' },
          { title: '状态', width: '8%', align: 'center' },
        ],
        rows: rows.map((r, i) => ({
          key: r.id,
          cells: [
            i + 1,
            r.staffName,
            r.roles.map((x) => staffRoleLabels[x].zh).join('、'),
            certificateKindLabels[r.kind].zh,
            r.level ?? '',
            r.number,
            r.issuedOn,
            r.expiresOn ?? '长期',
            statusWords[r.status],
          ],
        })),
      },
      ...(rows.length === 0 ? [block('empty', <div>还没有登记证书。</div>)] : []),
    ],
  };
}
