import { addDays } from './common';
import type { GenerateContext } from '../module';

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

/**
 * A large home's caregivers, enough to meet the ratio on most days: one for every three and a half
 * beds, hired over the years with their training and certificates, and a few who left.
 */
export function generateStaff(ctx: GenerateContext): void {
  const staff = ctx.modules.staff;
  if (!staff) return;
  const count = Math.max(4, Math.round(ctx.beds / 3.5));
  const firstDay = addDays(ctx.today, -ctx.years * 365);
  ctx.progress(`staff: ${count} 名护理员`);
  ctx.writes.run({ procedure: 'demo.generate', now: ctx.now, user: null }, (w) => {
    const ids: number[] = [];
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
}
