import type { StaffRole } from '../../shared/contract/staff';
import { addDays, mondayOf, type OpContext } from './common';
import type { StaffModule } from './module';

const caregivers = [
  '王桂英',
  '李春梅',
  '张秀兰',
  '刘玉珍',
  '陈凤英',
  '杨淑华',
  '赵美玲',
  '黄丽娟',
  '周红霞',
  '吴小燕',
  '徐翠萍',
  '孙桂香',
  '马金凤',
  '朱爱华',
  '胡海燕',
  '郭秋菊',
  '何春兰',
  '林晓梅',
  '罗淑芬',
  '高德明',
];
const others: Array<[string, StaffRole]> = [
  ['钱护士', 'nurse'],
  ['许雅婷', 'nurse'],
  ['冯文静', 'nurse'],
  ['邓医生', 'doctor'],
  ['韩社工', 'socialWorker'],
  ['曹康复', 'rehabTherapist'],
  ['彭师傅', 'cook'],
  ['曾阿姨', 'cleaner'],
  ['谢保安', 'security'],
];

/**
 * The demo home's staff: twenty caregivers (two part time), nurses and support staff, certificates
 * with two about to run out and one lapsed, one newcomer still without pre-job training, the usual
 * shifts with minimums, and this week and last on the rota.
 */
export function seedStaffDemo(staff: StaffModule, ctx: OpContext, today: string): void {
  const { roster, rota } = staff;
  const year = Number(today.slice(0, 4));
  const ids: number[] = [];
  caregivers.forEach((name, i) => {
    const newcomer = i === caregivers.length - 1;
    const id = roster.create(
      {
        name,
        roles: ['caregiver'],
        employment: i >= 16 && i < 18 ? 'partTime' : 'fullTime',
        ...(i >= 16 && i < 18 ? { fte: 0.5 } : {}),
        hiredOn: newcomer ? addDays(today, -3) : `${year - 1 - (i % 5)}-0${(i % 9) + 1}-01`,
        phone: `139${String(10_000_000 + i * 7_919).padStart(8, '0')}`,
        areas: [i % 2 === 0 ? '1号楼' : '2号楼'],
      },
      ctx,
    );
    ids.push(id);
    if (newcomer) return;
    const expiresOn =
      i === 3
        ? addDays(today, 20)
        : i === 7
          ? addDays(today, 45)
          : i === 11
            ? addDays(today, -10)
            : `${year + 2}-06-30`;
    roster.addCertificate(
      {
        staffId: id,
        kind: 'caregiverSkill',
        number: `3201${year - 3}${String(1000 + i)}`,
        level: i % 3 === 0 ? 4 : 5,
        issuedOn: `${year - 3}-07-01`,
        expiresOn,
      },
      ctx,
    );
    roster.addCertificate(
      {
        staffId: id,
        kind: 'healthCertificate',
        number: `JK${year}${String(100 + i)}`,
        issuedOn: `${year}-03-01`,
        expiresOn: `${year + 1}-02-28`,
      },
      ctx,
    );
  });
  const otherIds = others.map(([name, role], i) =>
    roster.create({ name, roles: [role], employment: 'fullTime', hiredOn: `${year - 2}-0${i + 1}-15` }, ctx),
  );
  const trained = ids.slice(0, -1);
  roster.recordTraining(
    {
      kind: 'preJob',
      on: `${year - 1}-01-10`,
      hours: 40,
      topic: '岗前培训：职业道德、安全规范、基础照护',
      staffIds: trained,
    },
    ctx,
  );
  roster.recordTraining(
    {
      kind: 'fireSafety',
      on: `${year}-03-15`,
      hours: 4,
      topic: '消防安全培训：四个能力、初起火灾扑救、夜间疏散',
      staffIds: [...trained, ...otherIds],
    },
    ctx,
  );

  const shifts = rota.shifts();
  const minimum: Record<string, number> = { 白班: 5, 中班: 3, 夜班: 3 };
  for (const s of shifts) rota.saveShift({ ...s, minimum: minimum[s.name] ?? 0 }, ctx);
  // Each caregiver works five days of seven, staggered so every day has people on each shift.
  const monday = mondayOf(today);
  const rostered = trained.filter((_, i) => i !== 3);
  for (let d = -7; d < 7; d += 1) {
    const date = addDays(monday, d);
    rostered.forEach((staffId, i) => {
      if ((i + d + 14) % 7 >= 5) return;
      // Eight on days, five on the evening shift, the rest on nights.
      const shift = shifts[i < 8 ? 0 : i < 13 ? 1 : 2]!;
      rota.assign({ staffId, date, shiftId: shift.id }, ctx);
    });
  }
}
