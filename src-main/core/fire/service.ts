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

  function overview(on: string | undefined, now: Date): FireOverview {
    const today = localDate(now, deps.timeZone());
    const day = on ?? today;
    const patrols = { done: 0, late: 0, missed: 0, open: 0 };
    for (const slot of records.patrolSlotsOn(day, now)) {
      if (slot.status !== 'upcoming') patrols[slot.status] += 1;
    }
    const lastInspection = records.lastOn('inspection');
    const thisMonth = day.slice(0, 7);
    const inspectionDue =
      lastInspection && lastInspection.slice(0, 7) >= thisMonth
        ? endOfMonth(addMonths(`${thisMonth}-01`, 1))
        : endOfMonth(day);
    const open = hazards.list('open', { now });
    const fireDrills = registers.drills('fire').filter((d) => d.on <= day);
    const lastDrill = fireDrills[0]?.on ?? null;
    const equipment = registers.equipment({ now });
    return {
      on: day,
      patrols,
      inspection: { lastOn: lastInspection, dueOn: inspectionDue },
      hazards: { open: open.length, overdue: open.filter((h) => h.overdue).length },
      drills: {
        lastOn: lastDrill,
        nextDueOn: lastDrill ? addMonths(lastDrill, 6) : day,
        nightDrillThisYear: fireDrills.some((d) => d.night && d.on.slice(0, 4) === day.slice(0, 4)),
      },
      equipment: {
        expiringSoon: equipment.filter((e) => e.state === 'expiringSoon').length,
        expired: equipment.filter((e) => e.state === 'expired').length,
      },
    };
  }

  return { templates, records, hazards, registers, overview };
}

export type FireModule = ReturnType<typeof createFireModule>;
