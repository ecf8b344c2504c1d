import type { Alert } from '../../shared/contract/platform';
import {
  certificateKindLabels,
  ratioSentence,
  ROSTER_EMPTY_TEXT,
  type CertificateKind,
  type StaffRole,
} from '../../shared/contract/staff';
import type { Sql } from '../db/sql';
import type { AlertProvider } from '../module';
import { parseJson } from './common';
import type { RatioService } from './ratio';
import { certificateStatus, onRoll, type Roster } from './roster';

/** Alerts of the staff module: certificates running out, training missing, and the ratio broken. */
export function staffAlerts(roster: Roster, ratio: RatioService, sql: Sql<unknown>): AlertProvider[] {
  /**
   * Remembered until the next write (which drops every remembered value): the workbench asks for
   * alerts every minute, and these only change when the staff or residents records change or the
   * day turns. Copies go out, since remembered values are frozen.
   */
  const remembered = (kind: string, today: string, list: () => Alert[]): Alert[] =>
    sql.remember(`staff.alerts.${kind}`, list, today).map((a) => ({ ...a, subject: { ...a.subject } }));

  /** The newest certificate of each kind per person on the roll: a renewed one hides the old. */
  function currentCertificates(today: string) {
    const staff = new Map(
      roster
        .all()
        .filter((s) => onRoll(s, today))
        .map((s) => [s.id, s]),
    );
    const newest = new Map<string, ReturnType<Roster['certRows']>[number]>();
    for (const c of roster.certRows()) {
      if (!staff.has(c.staff_id) || c.issued_on > today) continue;
      const key = `${c.staff_id}:${c.kind}`;
      const held = newest.get(key);
      const later = (x: string | null) => x ?? '9999-12-31';
      if (!held || later(c.expires_on) >= later(held.expires_on)) newest.set(key, c);
    }
    return [...newest.values()].map((c) => ({ c, name: staff.get(c.staff_id)!.name }));
  }

  const certAlert = (kind: 'staff.certificateExpiring' | 'staff.certificateExpired') => ({
    kind,
    access: 'staff.read',
    list: ({ today }: { today: string }): Alert[] =>
      remembered(kind, today, () => certificateAlerts(kind, today)),
  });

  const certificateAlerts = (
    kind: 'staff.certificateExpiring' | 'staff.certificateExpired',
    today: string,
  ): Alert[] =>
    currentCertificates(today)
      .filter(
        ({ c }) =>
          certificateStatus(c, today) === (kind === 'staff.certificateExpired' ? 'expired' : 'expiring'),
      )
      .map(({ c, name }) => ({
        kind,
        severity: kind === 'staff.certificateExpired' ? 'critical' : 'warning',
        title:
          kind === 'staff.certificateExpired'
            ? `${name}的${certificateKindLabels[c.kind as CertificateKind].zh}已过期`
            : `${name}的${certificateKindLabels[c.kind as CertificateKind].zh}即将到期`,
        detail: `证书编号 ${c.number}，有效期至 ${c.expires_on}。请安排复审或换证，并登记新证书。`,
        dueAt: c.expires_on!,
        subject: { type: 'certificate', id: c.id },
        link: `/staff/roster?staff=${c.staff_id}`,
        action: '登记新证书',
        actionProcedure: 'staff.addCertificate',
      }));

  return [
    certAlert('staff.certificateExpiring'),
    certAlert('staff.certificateExpired'),
    {
      kind: 'staff.trainingMissing',
      access: 'staff.read',
      list: ({ today }): Alert[] => remembered('staff.trainingMissing', today, () => trainingAlerts(today)),
    },
    {
      kind: 'staffing.ratioBreached',
      access: 'staffing.read',
      list: ({ today }): Alert[] => remembered('staffing.ratioBreached', today, () => ratioAlerts(today)),
    },
  ];

  function trainingAlerts(today: string): Alert[] {
    const trained = roster.preJobTrained(today);
    const year = today.slice(0, 4);
    const fireThisYear = new Set(
      roster
        .trainingsOf(null, `${year}-01-01`, today)
        .filter((t) => t.kind === 'fireSafety')
        .flatMap((t) => t.staffIds),
    );
    return roster
      .all()
      .filter((s) => onRoll(s, today) && parseJson<StaffRole[]>(s.roles_json, []).includes('caregiver'))
      .filter((s) => !trained.has(s.id) || !fireThisYear.has(s.id))
      .map((s) => {
        const missing = [
          !trained.has(s.id) ? '岗前培训' : '',
          !fireThisYear.has(s.id) ? `${year} 年消防安全培训` : '',
        ]
          .filter((x) => x !== '')
          .join('和');
        return {
          kind: 'staff.trainingMissing',
          severity: trained.has(s.id) ? 'warning' : 'critical',
          title: `护理员${s.name}缺少${missing}`,
          detail: trained.has(s.id)
            ? '护理员每年须参加消防安全培训，请安排并登记培训记录。'
            : '护理员须经岗前培训后方可上岗，未培训前不能排班。请登记岗前培训。',
          subject: { type: 'staff', id: s.id },
          link: `/staff/roster?staff=${s.id}`,
          action: '登记培训',
          actionProcedure: 'training.record',
        } satisfies Alert;
      });
  }

  function ratioAlerts(today: string): Alert[] {
    const r = ratio.ratioOn(today);
    if (r.compliant) return [];
    if (r.rosterEmpty) {
      return [
        {
          kind: 'staffing.ratioBreached',
          severity: 'warning',
          title: `${ROSTER_EMPTY_TEXT}：请先登记人员名册`,
          detail: `在住老人 ${r.residents.dependent + r.residents.partlyDependent + r.residents.selfCare + r.residents.uncategorised} 人，按配比需护理员 ${r.required} 人，但员工名册里还没有护理员。请在“人员 → 员工”登记护理员（可用 Excel 导入），之后才能核算配比。`,
          dueAt: today,
          subject: { type: 'staffing', id: 'ratio' },
          link: '/staff/roster',
          action: '登记人员名册',
          actionProcedure: 'staff.create',
        },
      ];
    }
    return [
      {
        kind: 'staffing.ratioBreached',
        severity: 'critical',
        title: `护理员配比不达标，缺 ${r.shortfall} 人`,
        detail: `${ratioSentence(r, '按在住老人')}（失能 1:${r.perCaregiver.dependent}、半失能 1:${r.perCaregiver.partlyDependent}、自理 1:${r.perCaregiver.selfCare}）。请增配护理员或暂缓收住。`,
        dueAt: today,
        subject: { type: 'staffing', id: 'ratio' },
        link: '/staff/ratio',
        action: '查看配比',
      },
    ];
  }
}
