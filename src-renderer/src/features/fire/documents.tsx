import {
  hazardLevelLabels,
  hazardStatusLabels,
  planLabels,
  type FireRecord,
  type ScheduleSlot,
} from '../../../../src-main/shared/contract/fire';
import { callOrThrow } from '../../api/client';
import { block, PrintTable, Signatures } from '../print/templates';
import type { PrintContext, PrintDocument, PrintItem } from '../print/types';
import { clock, slotStatusLabels } from './common';

const resultMark = { ok: '✓', fail: '✗', na: '—' } as const;

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to;) {
    out.push(d);
    d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  }
  return out;
}

function itemsCell(r: FireRecord | undefined, keys: string[]): string[] {
  return keys.map((k) => {
    const item = r?.items.find((i) => i.key === k);
    if (!item) return '';
    return `${resultMark[item.result]}${item.result === 'fail' && item.fixedOnSpot ? '（已现场整改）' : ''}`;
  });
}

function problems(r: FireRecord | undefined): string {
  if (!r) return '';
  return [
    ...r.items.filter((i) => i.result === 'fail').map((i) => `${i.text.slice(0, 12)}：${i.note ?? ''}`),
    r.hazardIds.length > 0 ? `已登记隐患 ${r.hazardIds.map((id) => `#${id}`).join('、')}` : '',
    r.note,
  ]
    .filter(Boolean)
    .join('；');
}

/**
 * 防火巡查记录表: one day per A4 landscape page, a row per two-hour slot, night patrols marked, the
 * checklist items as columns, missed slots left standing as 漏巡.
 */
export async function patrolLedger(
  _ctx: PrintContext,
  range: { from: string; to: string },
): Promise<PrintDocument> {
  const [templates, institution, records, slots] = await Promise.all([
    callOrThrow('fire.templates.list', {}),
    callOrThrow('institution.get', {}),
    callOrThrow('fire.records.list', { ...range, template: 'patrol' }),
    callOrThrow('fire.schedule', { ...range, template: 'patrol' }),
  ]);
  const tz = institution.timeZone;
  const template = templates.find((t) => t.key === 'patrol')!;
  const keys = template.items.map((i) => i.key);
  const byId = new Map(records.map((r) => [r.id, r]));
  const dayOf = (s: ScheduleSlot) =>
    new Intl.DateTimeFormat('en-CA', { timeZone: tz }).format(new Date(s.start));
  const items: PrintItem[] = days(range.from, range.to).map((day) => {
    const mine = slots.filter((s) => dayOf(s) === day);
    const done = mine.filter((s) => s.status === 'done').length;
    const missed = mine.filter((s) => s.status === 'missed').length;
    return block(
      `day-${day}`,
      // A day fills its page, so the next day starts on a new sheet as the paper ledger does.
      <div style={{ minHeight: '150mm' }} data-testid={`ledger-day-${day}`}>
        <div className="print-section-title">
          {day} 防火巡查记录（按时 {done} 次，漏巡 {missed} 次）
        </div>
        <PrintTable
          dense
          columns={[
            { title: '时段', width: '9%' },
            { title: '夜间', width: '4%', align: 'center' },
            ...template.items.map((i, n) => ({
              title: `${n + 1}. ${i.text.slice(0, 10)}`,
              width: `${36 / keys.length}%`,
              align: 'center' as const,
            })),
            { title: '巡查时间', width: '7%' },
            { title: '巡查人', width: '9%' },
            { title: '发现问题及处理', width: '27%' },
            { title: '状态', width: '8%' },
          ]}
          rows={mine.map((s) => {
            const r = s.recordId !== undefined ? byId.get(s.recordId) : undefined;
            return {
              key: s.start,
              className: s.night ? 'fire-night' : undefined,
              cells: [
                `${clock(s.start, tz)}–${clock(s.end, tz)}`,
                s.night ? '夜' : '',
                ...itemsCell(r, keys),
                r ? clock(r.performedAt, tz) : '',
                r ? r.performers.map((p) => p.name).join('、') : '',
                problems(r),
                slotStatusLabels[s.status].zh,
              ],
            };
          })}
        />
        <div style={{ marginTop: 6 }}>说明：✓ 正常，✗ 有问题，— 不适用；夜间为 20:00–次日 08:00 的巡查。</div>
        <Signatures labels={['巡查人', '消防安全管理人', '日期']} />
      </div>,
    );
  });
  return {
    title: '防火巡查记录表',
    subtitle: range.from === range.to ? range.from : `${range.from} 至 ${range.to}`,
    orientation: 'landscape',
    fileName: `防火巡查记录表-${range.from}${range.from === range.to ? '' : `至${range.to}`}`,
    items,
    signatures: false,
  };
}

/** 防火检查记录表 / 灭火器检查记录表 / 消防培训记录: every record in the period with its checklist. */
export async function checkLedger(
  _ctx: PrintContext,
  template: 'inspection' | 'extinguisherCheck' | 'training',
  range: { from: string; to: string },
): Promise<PrintDocument> {
  const titles = {
    inspection: '防火检查记录表',
    extinguisherCheck: '灭火器检查记录表',
    training: '消防培训记录',
  };
  const [records, institution] = await Promise.all([
    callOrThrow('fire.records.list', { ...range, template }),
    callOrThrow('institution.get', {}),
  ]);
  const items: PrintItem[] = records.flatMap((r) => [
    block(
      `r${r.id}`,
      <div>
        <div className="print-section-title">
          {r.performedOn} {clock(r.performedAt, institution.timeZone)} ·{' '}
          {r.performers.map((p) => p.name).join('、')}
          {r.timing === 'late' ? '（逾期补做）' : ''}
        </div>
        <PrintTable
          dense
          columns={[
            { title: '序号', width: '6%', align: 'center' },
            { title: '检查内容', width: '50%' },
            { title: '结果', width: '10%', align: 'center' },
            { title: '问题及处理', width: '34%' },
          ]}
          rows={r.items.map((i, n) => ({
            key: i.key,
            cells: [
              n + 1,
              i.text,
              resultMark[i.result],
              [i.note, i.fixedOnSpot ? '已现场整改' : ''].filter(Boolean).join('；'),
            ],
          }))}
        />
      </div>,
    ),
  ]);
  return {
    title: titles[template],
    subtitle: `${range.from} 至 ${range.to} · 共 ${records.length} 次`,
    orientation: 'portrait',
    fileName: `${titles[template]}-${range.from}至${range.to}`,
    items: items.length > 0 ? items : [block('empty', <div>这段时间没有记录。</div>)],
    signatures: ['检查人', '消防安全管理人', '日期'],
  };
}

/** 火灾隐患整改台账: every hazard from discovery to sign-off. */
export async function hazardLedger(): Promise<PrintDocument> {
  const hazards = await callOrThrow('fire.hazards.list', {});
  return {
    title: '火灾隐患整改台账',
    subtitle: `共 ${hazards.length} 条，未销案 ${hazards.filter((h) => h.status !== 'closed').length} 条`,
    orientation: 'landscape',
    fileName: '火灾隐患整改台账',
    items: [
      {
        kind: 'table',
        key: 'hazards',
        dense: true,
        columns: [
          { title: '编号', width: '5%', align: 'center' },
          { title: '发现日期', width: '8%' },
          { title: '隐患', width: '17%' },
          { title: '位置', width: '10%' },
          { title: '等级', width: '6%' },
          { title: '负责人/期限', width: '10%' },
          { title: '临时措施', width: '11%' },
          { title: '整改措施/日期', width: '14%' },
          { title: '验收', width: '12%' },
          { title: '状态', width: '7%' },
        ],
        rows: hazards.map((h) => ({
          key: h.id,
          cells: [
            h.id,
            h.foundOn,
            h.title,
            h.location,
            hazardLevelLabels[h.level].zh,
            h.owner ? `${h.owner.name} / ${h.deadline}` : '',
            h.interimMeasures,
            h.rectifiedOn ? `${h.measures}（${h.rectifiedOn}）` : '',
            h.verifiedOn
              ? `${h.verifiedBy?.name ?? ''} ${h.verifiedOn} ${h.verifyNote}`
              : h.rejections.map((r) => `${r.on} 不通过：${r.note}`).join('；'),
            `${hazardStatusLabels[h.status].zh}${h.overdue ? '（逾期）' : ''}`,
          ],
        })),
      },
    ],
  };
}

/** 消防演练记录 (and the other emergency plans' drills). */
export async function drillLedger(): Promise<PrintDocument> {
  const drills = await callOrThrow('fire.drills.list', {});
  return {
    title: '应急演练记录',
    subtitle: `共 ${drills.length} 次，其中消防演练 ${drills.filter((d) => d.plan === 'fire').length} 次`,
    orientation: 'landscape',
    fileName: '应急演练记录',
    items: [
      {
        kind: 'table',
        key: 'drills',
        dense: true,
        columns: [
          { title: '日期', width: '9%' },
          { title: '预案', width: '9%' },
          { title: '情景', width: '20%' },
          { title: '夜间', width: '5%', align: 'center' },
          { title: '参加人数', width: '7%', align: 'right' },
          { title: '疏散老人', width: '7%', align: 'right' },
          { title: '其中卧床', width: '7%', align: 'right' },
          { title: '疏散用时', width: '8%', align: 'right' },
          { title: '存在问题', width: '28%' },
        ],
        rows: drills.map((d) => ({
          key: d.id,
          cells: [
            d.on,
            planLabels[d.plan].zh,
            d.scenario,
            d.night ? '是' : '',
            d.participants,
            d.residentsEvacuated,
            d.bedriddenEvacuated,
            `${Math.floor(d.evacuationSeconds / 60)}分${d.evacuationSeconds % 60}秒`,
            d.problems,
          ],
        })),
      },
    ],
  };
}
