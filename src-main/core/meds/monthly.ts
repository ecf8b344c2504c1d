import type { MonthlyMar } from '../../shared/contract';
import type { Mar } from './mar';
import type { People } from './people';
import type { Prn } from './prn';

/** Legend of the paper MAR: who gave a dose by initials, anything else by one character. */
export const monthlyLegend = { late: '*', refused: '拒', held: '停', missed: '漏' } as const;

/** Two characters of a name are what fits a cell and what colleagues recognise. */
export const initialsOf = (name: string) => [...name.replace(/\s+/g, '')].slice(-2).join('');

function daysOf(month: string): string[] {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** One resident's month: a row per order and dose time, a cell per day. */
export function monthlyMar(
  deps: { mar: Mar; prn: Prn; people: People; timeZone(): string },
  input: { residentId: number; month: string },
  now: Date,
): MonthlyMar {
  const resident = deps.people.resident(input.residentId);
  const days = daysOf(input.month);
  const rows = new Map<string, MonthlyMar['rows'][number]>();
  deps.mar.residentDays(input.residentId, days, now).forEach((doses, i) => {
    for (const d of doses) {
      const key = `${d.orderId}|${d.time}|${d.dose}`;
      let row = rows.get(key);
      if (!row) {
        row = {
          orderId: d.orderId,
          drugName: d.drug.name,
          spec: d.drug.spec,
          dose: d.dose,
          unit: d.unit,
          route: d.route,
          time: d.time,
          cells: days.map(() => ''),
        };
        rows.set(key, row);
      }
      row.cells[i] =
        d.status === 'given'
          ? initialsOf(d.byName ?? '')
          : d.status === 'late'
            ? `${initialsOf(d.byName ?? '')}${monthlyLegend.late}`
            : d.status === 'due'
              ? ''
              : monthlyLegend[d.status];
    }
  });
  const prn = deps.prn.list({ residentId: input.residentId, from: days[0], to: days.at(-1) }).map((p) => ({
    at: p.at,
    drugName: p.drug.name,
    dose: `${p.dose}${p.drug.unit}`,
    indication: p.indication,
    byName: p.byName,
    effect: p.effect ?? '',
  }));
  return {
    residentId: input.residentId,
    residentName: resident.name,
    bed: resident.bed,
    month: input.month,
    days,
    rows: [...rows.values()].sort((a, b) => a.time.localeCompare(b.time) || a.orderId - b.orderId),
    prn,
  };
}
