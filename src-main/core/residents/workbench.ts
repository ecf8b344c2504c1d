import {
  NURSING_BED_TARGET_PERCENT,
  OCCUPANCY_TARGET_PERCENT,
  type BedKpis,
  type ResidentsToday,
  type TodayMovement,
} from '../../shared/contract/residents';
import { leaveKindLabels, type LeaveKind } from '../../shared/residents/lifecycle';
import type { AuditSubjectNamer } from '../audit/audit-names';
import { todayOf, type ModuleDeps } from './common';
import type { createFacilities } from './facilities';

type Facilities = Pick<ReturnType<typeof createFacilities>, 'board'>;

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);

/** What the workbench reads of the residents module: the day's movements and the bed figures. */
export function createWorkbench(deps: ModuleDeps & { facilities: Facilities }) {
  const { sql } = deps;
  const { qb } = sql;

  function eventsOn(day: string, action: string): TodayMovement[] {
    return sql
      .all(
        qb
          .selectFrom('resident_events as e')
          .innerJoin('residents as r', 'r.id', 'e.resident_id')
          .select(['r.id', 'r.name', 'e.bed_label', 'e.detail', 'e.at'])
          .where('e.on_date', '=', day)
          .where('e.action', '=', action)
          .orderBy('e.at'),
      )
      .map((e) => ({
        residentId: e.id,
        name: e.name,
        bed: e.bed_label ? `${e.bed_label}床` : null,
        done: true,
        detail: e.detail,
      }));
  }

  return {
    today(ctx: { now: Date }): ResidentsToday {
      const day = todayOf(deps, ctx);
      const back = eventsOn(day, 'endLeave');
      const backIds = new Set(back.map((m) => m.residentId));
      const expected = sql
        .all(
          qb
            .selectFrom('resident_leaves as l')
            .innerJoin('residents as r', 'r.id', 'l.resident_id')
            .leftJoin('beds as b', 'b.id', 'r.bed_id')
            .leftJoin('rooms as rm', 'rm.id', 'b.room_id')
            .leftJoin('buildings as bl', 'bl.id', 'rm.building_id')
            .select(['r.id', 'r.name', 'l.kind', 'l.start_on', 'b.label', 'bl.name as building'])
            .where('l.closed_on', 'is', null)
            .where('l.expected_return_on', '=', day)
            .orderBy('r.name'),
        )
        .filter((l) => !backIds.has(l.id))
        .map((l): TodayMovement => ({
          residentId: l.id,
          name: l.name,
          bed: l.label ? `${l.building ?? ''} ${l.label}床`.trim() : null,
          done: false,
          detail: `${leaveKindLabels[l.kind as LeaveKind]?.zh ?? '请假'}，${l.start_on} 起，今天应返院`,
        }));
      const reservations =
        sql.first(
          qb
            .selectFrom('residents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', '=', 'reserved'),
        )?.n ?? 0;
      return {
        date: day,
        admissions: eventsOn(day, 'admit'),
        leaveReturns: [...expected, ...back],
        leaveStarts: eventsOn(day, 'startLeave'),
        discharges: eventsOn(day, 'discharge'),
        reservations,
      };
    },

    kpis(ctx: { now: Date }): BedKpis {
      const board = deps.facilities.board(undefined, ctx);
      const c = board.counts;
      const occupied = c.occupied + c.onLeave;
      // `total` leaves retired beds out already; beds out of service cannot be let.
      const inService = c.total - c.outOfService;
      const byClass = new Map<string, { vacant: number; total: number }>();
      for (const b of board.buildings)
        for (const f of b.floors)
          for (const r of f.rooms)
            for (const bed of r.beds) {
              if (bed.status === 'retired' || bed.status === 'outOfService') continue;
              const row = byClass.get(r.roomClass) ?? { vacant: 0, total: 0 };
              row.total += 1;
              if (bed.status === 'vacant') row.vacant += 1;
              byClass.set(r.roomClass, row);
            }
      return {
        occupancy: {
          occupied,
          inService,
          percent: percent(occupied, inService),
          target: OCCUPANCY_TARGET_PERCENT,
        },
        nursingBeds: {
          nursing: c.nursingBeds,
          total: c.total,
          percent: percent(c.nursingBeds, c.total),
          target: NURSING_BED_TARGET_PERCENT,
        },
        vacantByRoomClass: [...byClass.entries()]
          .map(([roomClass, v]) => ({ roomClass, ...v }))
          .sort((a, b) => b.vacant - a.vacant || a.roomClass.localeCompare(b.roomClass, 'zh')),
      };
    },

    /** Names for the audit viewer: 老人 张庆祥, 床位 1号楼 101-1床, 请假 → whose leave. */
    auditSubjects(): Record<string, AuditSubjectNamer> {
      const numbers = (ids: string[]) => ids.map(Number).filter(Number.isInteger);
      const byResident = (rows: Array<{ id: number; name: string }>) =>
        new Map(rows.map((r) => [String(r.id), r.name]));
      // Kysely cannot type a join over a union of table names; four small queries it can.
      const leaveOwners: AuditSubjectNamer = (ids) =>
        byResident(
          sql.all(
            qb
              .selectFrom('resident_leaves as t')
              .innerJoin('residents as r', 'r.id', 't.resident_id')
              .select(['t.id', 'r.name'])
              .where('t.id', 'in', numbers(ids)),
          ),
        );
      const abilityOwners: AuditSubjectNamer = (ids) =>
        byResident(
          sql.all(
            qb
              .selectFrom('ability_assessments as t')
              .innerJoin('residents as r', 'r.id', 't.resident_id')
              .select(['t.id', 'r.name'])
              .where('t.id', 'in', numbers(ids)),
          ),
        );
      const riskOwners: AuditSubjectNamer = (ids) =>
        byResident(
          sql.all(
            qb
              .selectFrom('risk_assessments as t')
              .innerJoin('residents as r', 'r.id', 't.resident_id')
              .select(['t.id', 'r.name'])
              .where('t.id', 'in', numbers(ids)),
          ),
        );
      const incidentOwners: AuditSubjectNamer = (ids) =>
        byResident(
          sql.all(
            qb
              .selectFrom('incidents as t')
              .innerJoin('residents as r', 'r.id', 't.resident_id')
              .select(['t.id', 'r.name'])
              .where('t.id', 'in', numbers(ids)),
          ),
        );
      return {
        resident: (ids) =>
          byResident(
            sql.all(qb.selectFrom('residents').select(['id', 'name']).where('id', 'in', numbers(ids))),
          ),
        bed: (ids) =>
          new Map(
            sql
              .all(
                qb
                  .selectFrom('beds as b')
                  .innerJoin('rooms as rm', 'rm.id', 'b.room_id')
                  .innerJoin('buildings as bl', 'bl.id', 'rm.building_id')
                  .select(['b.id', 'b.label', 'bl.name'])
                  .where('b.id', 'in', numbers(ids)),
              )
              .map((b) => [String(b.id), `${b.name} ${b.label}床`]),
          ),
        // beds.bulkCreate records the building the beds went into.
        beds: (ids) => buildingNames(ids),
        building: (ids) => buildingNames(ids),
        residentLeave: leaveOwners,
        abilityAssessment: abilityOwners,
        riskAssessment: riskOwners,
        incident: incidentOwners,
        attachment: (ids) =>
          new Map(
            sql
              .all(
                qb
                  .selectFrom('resident_attachments as a')
                  .innerJoin('residents as r', 'r.id', 'a.resident_id')
                  .select(['a.id', 'a.file_name', 'r.name'])
                  .where('a.id', 'in', numbers(ids)),
              )
              .map((a) => [String(a.id), `${a.name}：${a.file_name}`]),
          ),
        admissionDraft: (ids) =>
          new Map(
            sql
              .all(
                qb
                  .selectFrom('admission_drafts')
                  .select(['id', 'resident_name'])
                  .where('id', 'in', numbers(ids)),
              )
              .map((d) => [String(d.id), d.resident_name]),
          ),
      };

      function buildingNames(ids: string[]) {
        return new Map(
          sql
            .all(qb.selectFrom('buildings').select(['id', 'name']).where('id', 'in', numbers(ids)))
            .map((b) => [String(b.id), b.name]),
        );
      }
    },
  };
}
