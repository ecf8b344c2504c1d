import type { FireTemplateKey } from '../../shared/contract/fire';
import type { WriteContext } from '../api/write-path';
import { localDate } from '../clock';
import { wallClock } from '../platform/slots';
import { addMonths, type WriteOp } from './common';
import type { FireModule } from './service';
import { addDays, startOfDay } from './slots';

interface DemoPeople {
  officer: { id: number; displayName: string };
  patrollers: number[];
  headNurse: number;
}

/**
 * A month of patrols with a few missed night slots, two open hazards (one overdue), an equipment
 * register and a fire drill five months ago: what a fire-safety officer finds on a normal day.
 */
export function seedFireDemo(
  fire: FireModule,
  ctx: WriteContext,
  timeZone: string,
  people: DemoPeople,
): void {
  const now = ctx.now;
  const today = localDate(now, timeZone);
  const op: WriteOp = { now, user: people.officer, audit: ctx.audit };
  const ok = (key: FireTemplateKey) =>
    fire.templates.current(key).items.map((i) => ({ key: i.key, result: 'ok' as const }));

  // Night slots nobody walked: 02:00 nine days ago, 04:00 four days ago, 22:00 last night.
  const skipped = new Set([`${addDays(today, -9)} 2`, `${addDays(today, -4)} 4`, `${addDays(today, -1)} 22`]);
  const slots = fire.records.slotsBetween('patrol', startOfDay(addDays(today, -30), timeZone), now, now);
  slots.forEach((slot, i) => {
    const start = new Date(slot.start);
    const { hour } = wallClock(start, timeZone);
    if (skipped.has(`${localDate(start, timeZone)} ${hour}`)) return;
    const performedAt = new Date(start.getTime() + (15 + ((i * 7) % 60)) * 60_000);
    if (performedAt.getTime() > now.getTime()) return;
    fire.records.submit(
      {
        template: 'patrol',
        slotStart: slot.start,
        performedAt: performedAt.toISOString(),
        performerIds: [people.patrollers[i % people.patrollers.length]!],
        items: ok('patrol'),
      },
      op,
    );
  });

  const lastMonth = addMonths(`${today.slice(0, 7)}-01`, -1);
  for (const key of ['inspection', 'extinguisherCheck'] as const) {
    fire.records.submit(
      {
        template: key,
        performedAt: new Date(
          startOfDay(addDays(lastMonth, 14), timeZone).getTime() + 10 * 3_600_000,
        ).toISOString(),
        performerIds: [people.officer.id],
        items: ok(key),
      },
      op,
    );
  }

  const overdue = fire.hazards.create(
    {
      title: '2号楼1层配电间门口堆放纸箱',
      location: '2号楼1层配电间',
      level: 'general',
      foundOn: addDays(today, -10),
      description: '纸箱堵住配电间门，距配电柜不足1米。',
    },
    op,
  );
  fire.hazards.assign(
    {
      id: overdue.id,
      ownerId: people.headNurse,
      deadline: addDays(today, -3),
      interimMeasures: '张贴禁止堆放标识，每班巡查时查看',
    },
    op,
  );
  fire.hazards.create(
    {
      title: '1号楼3层东侧安全出口指示灯不亮',
      location: '1号楼3层东侧楼梯间',
      level: 'major',
      foundOn: addDays(today, -1),
      description: '夜间巡查发现，疏散指示标志无电。',
    },
    op,
  );

  const equipment: Array<
    [
      string,
      'extinguisher' | 'hydrant' | 'alarm' | 'emergencyLight' | 'exitSign' | 'fireDoor',
      string,
      string,
      number,
    ]
  > = [
    ['MHQ-1-01', 'extinguisher', '1号楼1层护士站旁', 'MFZ/ABC4', 400],
    ['MHQ-1-02', 'extinguisher', '1号楼2层走廊东', 'MFZ/ABC4', 400],
    ['MHQ-1-03', 'extinguisher', '1号楼3层走廊东', 'MFZ/ABC4', 20],
    ['MHQ-2-01', 'extinguisher', '2号楼1层大厅', 'MFZ/ABC4', -5],
    ['MHQ-2-02', 'extinguisher', '2号楼2层走廊西', 'MFZ/ABC4', 300],
    ['MHQ-KT-01', 'extinguisher', '厨房', 'MFT/ABC20 推车式', 500],
    ['XHS-1-01', 'hydrant', '1号楼1层楼梯间', 'SN65', 2000],
    ['XHS-2-01', 'hydrant', '2号楼1层楼梯间', 'SN65', 2000],
    ['BJ-01', 'alarm', '消防控制室', '火灾报警控制器', 1500],
    ['YJ-1-01', 'emergencyLight', '1号楼3层东侧楼梯间', '应急照明灯', 700],
    ['ZS-1-01', 'exitSign', '1号楼3层东侧安全出口', '疏散指示标志', 700],
    ['FHM-1-01', 'fireDoor', '1号楼2层防火分区', '乙级防火门', 3000],
  ];
  for (const [code, kind, location, spec, days] of equipment) {
    fire.registers.saveEquipment(
      {
        kind,
        code,
        location,
        spec,
        installedOn: addDays(today, -700),
        expiresOn: addDays(today, days),
        nextServiceOn: addMonths(today, 3),
      },
      op,
    );
  }
  fire.registers.markChecked('extinguisher', addDays(lastMonth, 14));

  fire.registers.recordDrill(
    {
      on: addMonths(today, -5),
      plan: 'fire',
      scenario: '2号楼2层活动室起火，白天疏散',
      night: false,
      participants: 18,
      residentsEvacuated: 46,
      bedriddenEvacuated: 9,
      evacuationSeconds: 372,
      problems: '2层卧床老人转运担架不足，需增配 2 副。',
    },
    op,
  );
  const reviewed = addMonths(today, -8);
  for (const plan of fire.registers.plans()) {
    if (plan.key === 'naturalDisaster') continue;
    fire.registers.savePlan({ key: plan.key, title: plan.title, body: plan.body, reviewedOn: reviewed }, op);
  }
}
