import type { Alert } from '../../shared/contract/platform';
import type { Sql } from '../db/sql';
import type { AlertProvider } from '../module';
import { addDays } from './common';
import type { ResidentsModule } from './service';
import type { ResidentsTables } from './tables';

/** A bed held this long without the admission is worth a look (the family may have chosen elsewhere). */
export const RESERVATION_HOLD_DAYS = 7;

const residentLink = (id: number, tab?: string) => `/residents?resident=${id}${tab ? `&tab=${tab}` : ''}`;

/** Assessments due or overdue, leave past its expected return, reservations held too long. */
export function residentAlerts(residents: ResidentsModule, sql: Sql<ResidentsTables>): AlertProvider[] {
  const { qb } = sql;
  const bedOf = (r: { bed_label: string | null; building_name: string | null }) =>
    r.bed_label ? `${r.building_name ?? ''} ${r.bed_label}床`.trim() : '';

  return [
    {
      kind: 'assessments.due',
      access: 'residents.read',
      list: ({ now, today }) =>
        residents.assessments.due({ now }).map((row): Alert => {
          const overdue = row.dueOn === null || row.dueOn < today;
          const where = row.bedLabel ? `（${row.bedLabel}床）` : '';
          const detail =
            row.why === 'never'
              ? '还没有做过能力评估，护理等级无法确定。'
              : row.why === 'flagged'
                ? `需要重新评估：${row.flagReason ?? ''}`
                : overdue
                  ? `上次评估 ${row.lastAssessedOn ?? ''}，应在 ${row.dueOn ?? ''} 前复评，已逾期。`
                  : `上次评估 ${row.lastAssessedOn ?? ''}，请在 ${row.dueOn ?? ''} 前复评。`;
          return {
            kind: 'assessments.due',
            severity: overdue || row.why !== 'interval' ? 'warning' : 'info',
            title: `${row.name}${where}${overdue ? '评估已逾期' : '评估即将到期'}`,
            detail,
            ...(row.dueOn ? { dueAt: row.dueOn } : {}),
            subject: { type: 'resident', id: row.residentId },
            link: residentLink(row.residentId, 'assessments'),
            action: '去评估',
            actionProcedure: 'assessments.recordAbility',
          };
        }),
    },
    {
      kind: 'residents.leaveReturnDue',
      access: 'residents.read',
      list: ({ today }) =>
        sql
          .all(
            qb
              .selectFrom('resident_leaves as l')
              .innerJoin('residents as r', 'r.id', 'l.resident_id')
              .leftJoin('beds as b', 'b.id', 'r.bed_id')
              .leftJoin('rooms as rm', 'rm.id', 'b.room_id')
              .leftJoin('buildings as bl', 'bl.id', 'rm.building_id')
              .select([
                'r.id',
                'r.name',
                'l.start_on',
                'l.expected_return_on',
                'b.label as bed_label',
                'bl.name as building_name',
              ])
              .where('l.closed_on', 'is', null)
              .where('r.status', '=', 'onLeave')
              .where('l.expected_return_on', '<', today),
          )
          .map((r): Alert => ({
            kind: 'residents.leaveReturnDue',
            severity:
              r.expected_return_on && addDays(r.expected_return_on, 2) < today ? 'critical' : 'warning',
            title: `${r.name}${bedOf(r) ? `（${bedOf(r)}）` : ''}请假已超过预计返院日期`,
            detail: `${r.start_on} 起请假，预计 ${r.expected_return_on ?? ''} 返院。已回来请登记返院；仍在外请联系家属并续假。`,
            dueAt: r.expected_return_on ?? r.start_on,
            subject: { type: 'resident', id: r.id },
            link: residentLink(r.id, 'leave'),
            action: '登记返院',
            actionProcedure: 'residents.endLeave',
          })),
    },
    {
      kind: 'residents.reservationOverdue',
      access: 'residents.read',
      list: ({ today }) => {
        const cutoff = addDays(today, -RESERVATION_HOLD_DAYS);
        return sql
          .all(
            qb
              .selectFrom('residents as r')
              .leftJoin('beds as b', 'b.id', 'r.bed_id')
              .leftJoin('rooms as rm', 'rm.id', 'b.room_id')
              .leftJoin('buildings as bl', 'bl.id', 'rm.building_id')
              .select(['r.id', 'r.name', 'r.reserved_on', 'b.label as bed_label', 'bl.name as building_name'])
              .where('r.status', '=', 'reserved')
              .where('r.reserved_on', '<', cutoff),
          )
          .map((r): Alert => ({
            kind: 'residents.reservationOverdue',
            severity: 'info',
            title: `${r.name}预订的${bedOf(r) || '床位'}已保留超过 ${RESERVATION_HOLD_DAYS} 天`,
            detail: `${r.reserved_on ?? ''} 预订，至今未办理入住。请联系家属确认：办理入住，或取消预订让出床位。`,
            dueAt: addDays(r.reserved_on ?? today, RESERVATION_HOLD_DAYS),
            subject: { type: 'resident', id: r.id },
            link: residentLink(r.id),
            action: '查看',
          }));
      },
    },
  ];
}
