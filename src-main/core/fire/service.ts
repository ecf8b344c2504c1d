import type { FireOverview } from '../../shared/contract/fire';
import { localDate } from '../clock';
import { addMonths, endOfMonth, type FireDeps } from './common';
import { createHazards } from './hazards';
import { createRecords } from './records';
import { createRegisters } from './registers';
import { createTemplates } from './templates';

/** The fire-safety module's services: templates, records and slots, hazards, registers, overview. */
export function createFireModule(deps: FireDeps) {
  const templates = createTemplates(deps);
  const hazards = createHazards(deps);
  const registers = createRegisters(deps);
  const records = createRecords({
    ...deps,
    templates,
    hazards,
    drillDays: (from, to) => registers.fireDrillDays(from, to),
  });

  /** What the overview and the alerts are computed from, read once (alerts ask six times a call). */
  function facts(day: string, now: Date) {
    const allDrills = registers.drills();
    const fireDrills = allDrills.filter((d) => d.plan === 'fire' && d.on <= day);
    const lastInspection = records.lastOn('inspection');
    const thisMonth = day.slice(0, 7);
    const lastDrill = fireDrills[0]?.on ?? null;
    return {
      inspection: {
        lastOn: lastInspection,
        dueOn:
          lastInspection && lastInspection.slice(0, 7) >= thisMonth
            ? endOfMonth(addMonths(`${thisMonth}-01`, 1))
            : endOfMonth(day),
      },
      openHazards: hazards.list('open', { now }),
      drills: {
        lastOn: lastDrill,
        nextDueOn: lastDrill ? addMonths(lastDrill, 6) : day,
        nightDrillThisYear: fireDrills.some((d) => d.night && d.on.slice(0, 4) === day.slice(0, 4)),
      },
      equipment: registers.equipment({ now }),
      plans: registers.plans(allDrills),
      /** Patrol slots that started in the last 24 hours. */
      lastDaySlots: records.slotsBetween('patrol', new Date(now.getTime() - 86_400_000), now, now),
    };
  }

  function overview(on: string | undefined, now: Date): FireOverview {
    const day = on ?? localDate(now, deps.timeZone());
    const patrols = { done: 0, late: 0, missed: 0, open: 0 };
    for (const slot of records.patrolSlotsOn(day, now)) {
      if (slot.status !== 'upcoming') patrols[slot.status] += 1;
    }
    const f = facts(day, now);
    return {
      on: day,
      patrols,
      inspection: f.inspection,
      hazards: { open: f.openHazards.length, overdue: f.openHazards.filter((h) => h.overdue).length },
      drills: f.drills,
      equipment: {
        expiringSoon: f.equipment.filter((e) => e.state === 'expiringSoon').length,
        expired: f.equipment.filter((e) => e.state === 'expired').length,
      },
    };
  }

  /**
   * The regulator's periodic summary (消防安全 part): patrols kept, night patrols, inspections,
   * hazards found and closed, drills. Slot statuses are as of `now`.
   */
  function summary(period: { from: string; to: string }, now: Date) {
    const count = (slots: Array<{ status: string }>) => ({
      slots: slots.length,
      done: slots.filter((x) => x.status === 'done').length,
      late: slots.filter((x) => x.status === 'late').length,
      missed: slots.filter((x) => x.status === 'missed').length,
    });
    const patrols = records.schedule({ ...period, template: 'patrol' }, { now });
    const all = hazards.list(undefined, { now });
    const drills = registers.drills().filter((d) => d.on >= period.from && d.on <= period.to);
    const equipment = registers.equipment({ now });
    return {
      patrols: count(patrols),
      nightPatrols: count(patrols.filter((x) => x.night)),
      inspections: records.list({ ...period, template: 'inspection' }).length,
      hazards: {
        found: all.filter((h) => h.foundOn >= period.from && h.foundOn <= period.to).length,
        major: all.filter((h) => h.level === 'major' && h.foundOn >= period.from && h.foundOn <= period.to)
          .length,
        closed: all.filter(
          (h) => h.verifiedOn !== null && h.verifiedOn >= period.from && h.verifiedOn <= period.to,
        ).length,
        open: all.filter((h) => h.status !== 'closed').length,
        overdue: all.filter((h) => h.overdue).length,
      },
      drills: {
        held: drills.length,
        fire: drills.filter((d) => d.plan === 'fire').length,
        night: drills.filter((d) => d.night).length,
      },
      equipment: { total: equipment.length, expired: equipment.filter((e) => e.state === 'expired').length },
    };
  }

  return { templates, records, hazards, registers, overview, facts, summary };
}

export type FireModule = ReturnType<typeof createFireModule>;
