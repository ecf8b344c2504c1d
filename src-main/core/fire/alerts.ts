import type { Alert } from '../../shared/contract/platform';
import type { AlertProvider } from '../module';
import { wallClock } from '../platform/slots';
import { addDays } from './slots';
import type { FireModule } from './service';

/** `12-01 22:00` on the institution's wall clock. */
const hhmm = (iso: string, timeZone: string) => {
  const w = wallClock(new Date(iso), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(w.month)}-${two(w.day)} ${two(w.hour)}:${two(w.minute)}`;
};

/** Days before the end of the month an undone inspection starts to show. */
const INSPECTION_WARNING_DAYS = 7;

/**
 * Overdue fire-safety work must be impossible to miss (REFERENCE §4): missed and late patrols of the
 * last day, the month's inspection, hazards past their deadline, drills, equipment and plan reviews.
 */
export function fireAlerts(
  fire: FireModule,
  timeZone: () => string,
  generation: () => number,
): AlertProvider[] {
  // Every provider is asked in the same alerts.list call with the same `now`: read the facts once.
  // `generation` moves with every fire write, so a frozen test clock never sees stale facts.
  let cached: { key: string; facts: ReturnType<FireModule['facts']> } | null = null;
  const factsAt = (now: Date, today: string) => {
    const key = `${now.getTime()} ${today} ${generation()}`;
    if (cached?.key !== key) cached = { key, facts: fire.facts(today, now) };
    return cached.facts;
  };
  return [
    {
      kind: 'fire.patrolMissed',
      access: 'fire.read',
      list: ({ now, today }) => {
        return factsAt(now, today)
          .lastDaySlots.filter((s) => s.status === 'missed' || (s.status === 'late' && s.night))
          .map((s): Alert => {
            const when = `${hhmm(s.start, timeZone())}–${hhmm(s.end, timeZone()).slice(-5)}`;
            const night = s.night ? '夜间' : '';
            return {
              kind: 'fire.patrolMissed',
              severity: s.status === 'missed' && s.night ? 'critical' : 'warning',
              title:
                s.status === 'missed' ? `${night}防火巡查漏巡：${when}` : `${night}防火巡查超时补录：${when}`,
              detail:
                s.status === 'missed'
                  ? '这个时段结束时没有巡查记录。请立即安排巡查，并在时间轴上补录（补录记为超时）。'
                  : '这个时段的巡查是在时段结束后才完成的，请查明原因并督促按时巡查。',
              dueAt: s.end,
              subject: { type: 'patrolSlot', id: s.start },
              link: '/fire/patrol',
              action: '去巡查',
              actionProcedure: 'fire.records.submit',
            };
          });
      },
    },
    {
      kind: 'fire.inspectionDue',
      access: 'fire.read',
      list: ({ now, today }) => {
        const { inspection } = factsAt(now, today);
        if (inspection.dueOn > addDays(today, INSPECTION_WARNING_DAYS)) return [];
        return [
          {
            kind: 'fire.inspectionDue',
            severity: inspection.dueOn < today ? 'critical' : 'warning',
            title: `本月防火检查尚未完成（${inspection.dueOn} 前）`,
            detail: `上次防火检查：${inspection.lastOn ?? '无记录'}。每月至少进行一次防火检查。`,
            dueAt: inspection.dueOn,
            subject: { type: 'inspection', id: inspection.dueOn.slice(0, 7) },
            link: '/fire/patrol?template=inspection',
            action: '去检查',
            actionProcedure: 'fire.records.submit',
          },
        ];
      },
    },
    {
      kind: 'fire.hazardOverdue',
      access: 'fire.read',
      list: ({ now, today }) =>
        factsAt(now, today)
          .openHazards.filter((h) => h.overdue || h.status === 'reported')
          .map((h): Alert => ({
            kind: 'fire.hazardOverdue',
            severity: h.overdue || h.level === 'major' ? 'critical' : 'warning',
            title: h.overdue ? `火灾隐患逾期未整改：${h.title}` : `火灾隐患待指派整改：${h.title}`,
            detail: h.overdue
              ? `整改期限 ${h.deadline}，负责人 ${h.owner?.name ?? '未指派'}。${h.location}`
              : `发现于 ${h.foundOn}，${h.location}。请消防安全管理人指派负责人和期限。`,
            ...(h.deadline ? { dueAt: h.deadline } : { dueAt: h.foundOn }),
            subject: { type: 'fireHazard', id: h.id },
            link: `/fire/hazards?id=${h.id}`,
            action: h.overdue ? '查看隐患' : '去指派',
            actionProcedure: h.overdue ? 'fire.hazards.rectify' : 'fire.hazards.assign',
          })),
    },
    {
      kind: 'fire.drillDue',
      access: 'fire.read',
      list: ({ now, today }) => {
        const { drills } = factsAt(now, today);
        const out: Alert[] = [];
        if (drills.nextDueOn <= addDays(today, 30)) {
          out.push({
            kind: 'fire.drillDue',
            severity: drills.nextDueOn < today ? 'critical' : 'warning',
            title: `消防演练${drills.nextDueOn < today ? '已逾期' : '即将到期'}（${drills.nextDueOn}）`,
            detail: `上次消防演练：${drills.lastOn ?? '无记录'}。每半年至少组织一次消防演练。`,
            dueAt: drills.nextDueOn,
            subject: { type: 'drill', id: 'fire' },
            link: '/fire/drills',
            action: '记录演练',
            actionProcedure: 'fire.drills.record',
          });
        }
        // From the fourth quarter on, a year without a night drill needs one soon.
        if (!drills.nightDrillThisYear && today.slice(5) >= '10-01') {
          out.push({
            kind: 'fire.drillDue',
            severity: 'warning',
            title: '今年还没有进行夜间消防演练',
            detail: '每年至少进行一次夜间疏散演练，检验夜班人员疏散卧床老人的能力。',
            dueAt: `${today.slice(0, 4)}-12-31`,
            subject: { type: 'nightDrill', id: today.slice(0, 4) },
            link: '/fire/drills',
            action: '记录演练',
            actionProcedure: 'fire.drills.record',
          });
        }
        return out;
      },
    },
    {
      kind: 'fire.equipmentExpiring',
      access: 'fire.read',
      list: ({ now, today }) =>
        factsAt(now, today)
          .equipment.filter((e) => e.state !== 'ok')
          .map((e): Alert => ({
            kind: 'fire.equipmentExpiring',
            severity: e.state === 'expired' ? 'critical' : 'warning',
            title:
              e.state === 'expired'
                ? `消防设施已过期：${e.code}（${e.location}）`
                : e.state === 'expiringSoon'
                  ? `消防设施即将过期：${e.code}（${e.location}）`
                  : `消防设施需维保：${e.code}（${e.location}）`,
            detail: e.state === 'serviceDue' ? `下次维保日期 ${e.nextServiceOn}` : `有效期至 ${e.expiresOn}`,
            dueAt: (e.state === 'serviceDue' ? e.nextServiceOn : e.expiresOn) ?? undefined,
            subject: { type: 'fireEquipment', id: e.id },
            link: '/fire/equipment',
            action: '查看设施',
          })),
    },
    {
      kind: 'fire.planReviewDue',
      access: 'fire.read',
      list: ({ now, today }) =>
        factsAt(now, today)
          .plans.filter((p) => !p.nextReviewOn || p.nextReviewOn <= addDays(today, 30))
          .map((p): Alert => ({
            kind: 'fire.planReviewDue',
            severity: !p.nextReviewOn || p.nextReviewOn < today ? 'warning' : 'info',
            title: p.nextReviewOn ? `应急预案需年度评审：${p.title}` : `应急预案尚未评审：${p.title}`,
            detail: p.nextReviewOn
              ? `上次评审 ${p.reviewedOn}，应于 ${p.nextReviewOn} 前重新评审。`
              : '这份预案还没有评审记录，请组织评审并记录评审日期。',
            ...(p.nextReviewOn ? { dueAt: p.nextReviewOn } : {}),
            subject: { type: 'firePlan', id: p.key },
            link: '/fire/drills',
            action: '评审预案',
            actionProcedure: 'fire.plans.save',
          })),
    },
  ];
}
