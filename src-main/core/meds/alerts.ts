import type { Alert } from '../../shared/contract/platform';
import { formatDecimal, type MarDose } from '../../shared/contract';
import type { AlertProvider } from '../module';
import { addDays, instantCache } from './doses';
import type { Drugs } from './drugs';
import type { HandoverService } from './handover';
import type { Mar } from './mar';
import type { Orders } from './orders';
import type { People } from './people';
import { EFFECT_FROM_MINUTES, EFFECT_TO_MINUTES, type Prn } from './prn';
import type { Stock } from './stock';

export const EXPIRY_WARNING_DAYS = 30;
export const LOW_STOCK_DAYS = 3;

const DAY_MS = 86_400_000;

/** Daily need per resident and drug from the scheduled orders in force today. */
export function dailyNeed(orders: Orders, today: string, now: Date): Map<string, number> {
  const need = new Map<string, number>();
  for (const o of orders.activeOn(today)) {
    if (o.stoppedAt && o.stoppedAt <= now.toISOString()) continue;
    const v = orders.currentVersion(o, now);
    if (v.end_on !== null && v.end_on < today) continue;
    const schedule = JSON.parse(v.schedule_json) as { times?: string[] };
    if (!schedule.times) continue;
    const key = `${o.residentId}|${o.drugId}`;
    need.set(key, (need.get(key) ?? 0) + v.dose_e4 * schedule.times.length);
  }
  return need;
}

/** Missed doses, PRN effects to record, kept medicines expiring or running low. */
export function medsAlerts(deps: {
  mar: Mar;
  prn: Prn;
  stock: Stock;
  orders: Orders;
  drugs: Drugs;
  people: People;
  handover: HandoverService;
  timeZone(): string;
}): AlertProvider[] {
  const { mar, prn, stock, orders, drugs, people, handover } = deps;
  // Everyone in residence in one read (kept until the next write); others looked up one by one.
  const residentOf = (id: number, now: Date) => people.residentsNow(now).get(id) ?? people.resident(id);
  // Building a formatter costs far more than using one: thousands of missed doses each format two times.
  const formats = new Map<string, Intl.DateTimeFormat>();
  const time = (iso: string) => {
    const tz = deps.timeZone();
    let f = formats.get(tz);
    if (!f) {
      f = new Intl.DateTimeFormat('zh-CN', {
        timeZone: tz,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      formats.set(tz, f);
    }
    return f.format(new Date(iso));
  };
  return [
    {
      kind: 'meds.doseMissed',
      access: 'meds.read',
      // One alert per resident and day listing the doses: a large home's missed round would
      // otherwise bury the workbench under thousands of single-dose alerts.
      list: ({ now }) => {
        const groups = new Map<string, MarDose[]>();
        for (const d of mar.missedBetween(new Date(now.getTime() - DAY_MS), now)) {
          const key = `${d.residentId}@${d.doseId.split('@')[1]!.slice(0, 10)}`;
          const list = groups.get(key);
          if (list) list.push(d);
          else groups.set(key, [d]);
        }
        return [...groups].map(([key, doses]): Alert => {
          const first = doses[0]!;
          const date = key.split('@')[1]!;
          const line = (d: MarDose) =>
            `${d.time} ${d.drug.name} ${d.dose}${d.unit}（${d.route}，应在 ${time(d.windowFrom)}–${time(d.windowTo)} 给）`;
          const single = doses.length === 1;
          return {
            kind: 'meds.doseMissed',
            severity: 'critical',
            title: single
              ? `${first.residentName} ${first.time} 的 ${first.drug.name} 漏给`
              : `${first.residentName} ${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 漏给 ${doses.length} 次药`,
            detail: `${first.bed}：${doses.map(line).join('；')}。没有任何给药记录。请核实：已给请补记为延迟给药并写明原因，未给请报告护士长。`,
            // The earliest closed window: the group sorts by its oldest miss.
            dueAt: first.windowTo,
            subject: { type: 'residentDoses', id: key },
            link: `/meds/round?date=${date}`,
            action: '去给药单',
            actionProcedure: 'meds.administer',
          };
        });
      },
    },
    {
      kind: 'meds.handoverCountMissing',
      access: 'meds.read',
      list: ({ now }) =>
        handover.missedSince(new Date(now.getTime() - DAY_MS), now).map((h): Alert => {
          const shown = h.missing.slice(0, 6).map((x) => `${x.residentName}（${x.bed}）${x.drug}`);
          const more = h.missing.length > shown.length ? ` 等 ${h.missing.length} 项` : '';
          return {
            kind: 'meds.handoverCountMissing',
            severity: 'critical',
            title: `${Number(h.date.slice(5, 7))}月${Number(h.date.slice(8, 10))}日 ${h.time} 交接班未双人清点精神/麻醉药品`,
            detail: `${h.label} 交接时没有清点：${shown.join('、')}${more}。请现在两人一起补点实物并在清点单上登记，报告护士长；补点会记在这次交接下，漏点的提醒保留一天。`,
            dueAt: h.windowTo,
            subject: { type: 'handover', id: h.at },
            link: `/meds/handover?date=${h.date}&time=${h.time}`,
            action: '去清点',
            actionProcedure: 'meds.stock.count',
          };
        }),
    },
    {
      kind: 'meds.prnEffectDue',
      access: 'meds.read',
      list: ({ now }) =>
        prn
          .effectsPending(new Date(now.getTime() - DAY_MS))
          .filter((p) => now.getTime() >= Date.parse(p.at) + EFFECT_FROM_MINUTES * 60_000)
          .map((p): Alert => {
            const resident = residentOf(p.residentId, now);
            const overdue = now.getTime() > Date.parse(p.at) + EFFECT_TO_MINUTES * 60_000;
            return {
              kind: 'meds.prnEffectDue',
              severity: overdue ? 'critical' : 'warning',
              title: `${resident.name} 按需用药后请记录效果`,
              detail: `${resident.bed}：${time(p.at)} 因“${p.indication}”给了 ${drugs.get(p.drugId).name}，请在给药后 30–60 分钟观察并记录效果。`,
              dueAt: new Date(Date.parse(p.at) + EFFECT_TO_MINUTES * 60_000).toISOString(),
              subject: { type: 'prnDose', id: `prn-${p.recordId}` },
              link: '/meds/round?tab=prn',
              action: '记录效果',
              actionProcedure: 'meds.prn.effect',
            };
          }),
    },
    {
      kind: 'meds.stockExpiring',
      access: 'meds.read',
      list: ({ today, now }) => {
        const limit = addDays(today, EXPIRY_WARNING_DAYS);
        return stock
          .overview()
          .filter((b) => b.expiresOn <= limit)
          .map((b): Alert => {
            const resident = residentOf(b.residentId, now);
            const drug = drugs.get(b.drugId);
            const expired = b.expiresOn < today;
            return {
              kind: 'meds.stockExpiring',
              severity: expired ? 'critical' : 'warning',
              title: `${resident.name} 的 ${drug.name} ${expired ? '已过期' : `将于 ${b.expiresOn} 过期`}`,
              detail: `${resident.bed}：批号 ${b.batchNo || '（未填）'}，余 ${formatDecimal(b.balance)}${drug.unit}，有效期至 ${b.expiresOn}。${expired ? '请停止使用，双人核对后处置或退还家属。' : '请通知家属准备新药，到期后处置。'}`,
              dueAt: b.expiresOn,
              subject: { type: 'stockBatch', id: `${b.residentId}-${b.drugId}-${b.batchNo}-${b.expiresOn}` },
              link: `/meds/stock?resident=${b.residentId}`,
              action: '查看代管药品',
              actionProcedure: 'meds.stock.dispose',
            };
          });
      },
    },
    {
      kind: 'meds.stockLow',
      access: 'meds.read',
      list: ({ now, today }) => {
        const out: Alert[] = [];
        const usable = stock.usableAll(now);
        if (usable.size === 0) return out;
        const need = dailyNeed(orders, today, now);
        for (const [key, perDay] of need) {
          const [residentId, drugId] = key.split('|').map(Number) as [number, number];
          const have = usable.get(key);
          if (have === undefined || have > perDay * LOW_STOCK_DAYS) continue;
          const resident = residentOf(residentId, now);
          const drug = drugs.get(drugId);
          const days = Math.floor(have / perDay);
          out.push({
            kind: 'meds.stockLow',
            severity: days < 1 ? 'critical' : 'warning',
            title: `${resident.name} 的 ${drug.name} 只够 ${days} 天`,
            detail: `${resident.bed}：可用 ${formatDecimal(have)}${drug.unit}，每天需要 ${formatDecimal(perDay)}${drug.unit}。请通知家属或医院续药。`,
            dueAt: instantCache(deps.timeZone())(addDays(today, days), '00:00'),
            subject: { type: 'stock', id: key },
            link: `/meds/stock?resident=${residentId}`,
            action: '查看代管药品',
            actionProcedure: 'meds.stock.receive',
          });
        }
        return out;
      },
    },
  ];
}
