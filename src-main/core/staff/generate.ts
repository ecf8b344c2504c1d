import { addDays } from './common';
import type { GenerateContext } from '../module';
import type { StaffTables } from './tables';

const surnames =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given = [
  '桂英',
  '秀兰',
  '春梅',
  '玉珍',
  '凤英',
  '淑华',
  '美玲',
  '丽娟',
  '红霞',
  '小燕',
  '翠萍',
  '桂香',
  '金凤',
  '爱华',
  '海燕',
  '秋菊',
  '春兰',
  '晓梅',
  '淑芬',
  '德明',
];

/** How far ahead of today the generated rota is planned, as a home plans the next two weeks. */
const ROTA_AHEAD_DAYS = 14;

/**
 * A large home's caregivers, enough to meet the ratio on most days: one for every three and a half
 * beds, hired over the years with their training and certificates, and a few who left. Then their
 * rota: each works five days in seven on one of the shifts, from the day they were hired to the day
 * they left, up to two weeks ahead.
 */
export async function generateStaff(ctx: GenerateContext): Promise<void> {
  const staff = ctx.modules.staff;
  if (!staff) return;
  const count = Math.max(4, Math.round(ctx.beds / 3.5));
  const firstDay = addDays(ctx.today, -ctx.years * 365);
  ctx.progress(`staff: ${count} 名护理员`);
  const ids: number[] = [];
  ctx.writes.run({ procedure: 'demo.generate', now: ctx.now, user: null }, (w) => {
    for (let i = 0; i < count; i += 1) {
      const hiredOn = addDays(firstDay, ctx.rng.int(0, Math.max(0, ctx.years * 365 - 30)));
      const name = `${surnames[ctx.rng.int(0, surnames.length - 1)]}${given[ctx.rng.int(0, given.length - 1)]}`;
      const id = staff.roster.create(
        { name, roles: ['caregiver'], employment: 'fullTime', hiredOn, areas: [`${(i % 10) + 1}号楼`] },
        w,
      );
      ids.push(id);
      staff.roster.recordTraining(
        { kind: 'preJob', on: hiredOn, hours: 40, topic: '岗前培训', staffIds: [id] },
        w,
      );
      staff.roster.addCertificate(
        {
          staffId: id,
          kind: 'caregiverSkill',
          number: `G${100000 + i}`,
          level: 5,
          issuedOn: hiredOn,
          expiresOn: addDays(hiredOn, 5 * 365),
        },
        w,
      );
      if (ctx.rng.chance(0.08)) {
        const on = addDays(hiredOn, ctx.rng.int(60, 400));
        if (on < ctx.today) staff.roster.end({ staffId: id, on, reason: '个人原因' }, w);
      }
    }
    staff.roster.recordTraining(
      {
        kind: 'fireSafety',
        on: `${ctx.today.slice(0, 4)}-03-15`,
        hours: 4,
        topic: '年度消防安全培训',
        staffIds: ids,
      },
      w,
    );
  });
  await generateRota(ctx, ids);
}

interface RotaRow {
  staffId: number;
  date: string;
  shiftId: number;
  area: string;
}

/** Each caregiver's working days, written ten thousand at a time with one summary audit row each. */
async function generateRota(ctx: GenerateContext, ids: number[]): Promise<void> {
  const staff = ctx.modules.staff!;
  const shifts = staff.rota.shifts().filter((s) => s.active);
  if (shifts.length === 0 || ids.length === 0) return;
  const people = ids.map((id) => {
    const row = staff.roster.row(id);
    return { ...row, area: (JSON.parse(row.areas_json) as string[])[0] ?? '' };
  });
  const last = addDays(ctx.today, ROTA_AHEAD_DAYS);
  const first = addDays(ctx.today, -ctx.years * 365);
  function* rows(): Generator<RotaRow> {
    for (let date = first, day = 0; date <= last; date = addDays(date, 1), day += 1) {
      for (let i = 0; i < people.length; i += 1) {
        const p = people[i]!;
        if (date < p.hired_on || (p.ended_on !== null && date >= p.ended_on)) continue;
        // Staggered so every day has people on each shift: two days off in seven.
        if ((i + day) % 7 >= 5) continue;
        // Half on days, a quarter on the evening shift, a quarter on nights.
        const shift = shifts[i % 4 < 2 ? 0 : Math.min((i % 4) - 1, shifts.length - 1)]!;
        yield { staffId: p.id, date, shiftId: shift.id, area: p.area };
      }
    }
  }
  const insert = ctx.sql
    .scope<StaffTables>()
    .db.prepare(
      'INSERT INTO staff_rota (staff_id, on_date, shift_id, area, created_at) VALUES (?, ?, ?, ?, ?)',
    );
  const written = await ctx.batches(
    {
      procedure: 'staff.generate',
      size: 10_000,
      summary: (chunk) => ({ generatedRota: chunk.length, from: chunk[0]!.date, to: chunk.at(-1)!.date }),
    },
    rows(),
    (chunk, w) => {
      const at = w.now.toISOString();
      for (const r of chunk) insert.run(r.staffId, r.date, r.shiftId, r.area, at);
    },
  );
  ctx.progress(`staff: 排班 ${written} 条（至 ${last}）`);
}
