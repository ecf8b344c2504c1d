import { parseDecimal, procedures, type ParsedInputOf, type ProcedureName } from '../../shared/contract';
import type { WriteContext } from '../api/write-path';
import { localDate } from '../clock';
import { createRng } from '../demo/people';
import type { MedsOp } from './common';
import { addDays } from './doses';
import type { MedsModule } from './service';

export type Plan = {
  name: string;
  spec: string;
  form: string;
  unit: string;
  dose: string;
  route: string;
  times?: string[];
  prn?: { indication: string; minIntervalHours: number; maxPerDay: number };
  highAlert?: boolean;
  controlled?: 'psychotropic' | 'narcotic';
};

/** Medicines an elderly-care home gives every day, with their usual dose and times. */
export const catalog: Plan[] = [
  {
    name: '氨氯地平片',
    spec: '5mg×28片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['08:00'],
  },
  {
    name: '硝苯地平控释片',
    spec: '30mg×12片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['08:00'],
  },
  {
    name: '二甲双胍片',
    spec: '0.5g×48片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['07:30', '12:00', '17:30'],
  },
  {
    name: '阿司匹林肠溶片',
    spec: '100mg×30片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['08:00'],
  },
  {
    name: '阿托伐他汀钙片',
    spec: '20mg×7片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['20:00'],
  },
  {
    name: '美托洛尔缓释片',
    spec: '47.5mg×7片',
    form: '片剂',
    unit: '片',
    dose: '0.5',
    route: '口服',
    times: ['08:00'],
  },
  {
    name: '华法林钠片',
    spec: '2.5mg×60片',
    form: '片剂',
    unit: '片',
    dose: '0.5',
    route: '口服',
    times: ['17:00'],
    highAlert: true,
  },
  {
    name: '门冬胰岛素注射液',
    spec: '300单位/3ml',
    form: '注射液',
    unit: '单位',
    dose: '6',
    route: '皮下注射',
    times: ['07:00', '11:00', '17:00'],
    highAlert: true,
  },
  {
    name: '甘精胰岛素注射液',
    spec: '300单位/3ml',
    form: '注射液',
    unit: '单位',
    dose: '10',
    route: '皮下注射',
    times: ['21:00'],
    highAlert: true,
  },
  {
    name: '多奈哌齐片',
    spec: '5mg×7片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['21:00'],
  },
  {
    name: '奥氮平片',
    spec: '5mg×28片',
    form: '片剂',
    unit: '片',
    dose: '0.5',
    route: '口服',
    times: ['20:00'],
    controlled: 'psychotropic',
  },
  {
    name: '艾司唑仑片',
    spec: '1mg×20片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['21:00'],
    controlled: 'psychotropic',
  },
  {
    name: '奥美拉唑肠溶胶囊',
    spec: '20mg×14粒',
    form: '胶囊',
    unit: '粒',
    dose: '1',
    route: '口服',
    times: ['07:00'],
  },
  {
    name: '碳酸钙D3片',
    spec: '600mg×60片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['12:00'],
  },
  {
    name: '呋塞米片',
    spec: '20mg×100片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['08:00'],
  },
  {
    name: '左甲状腺素钠片',
    spec: '50μg×100片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    times: ['06:30'],
  },
  {
    name: '乳果糖口服溶液',
    spec: '100ml',
    form: '口服溶液',
    unit: 'ml',
    dose: '15',
    route: '口服',
    times: ['20:00'],
  },
  {
    name: '对乙酰氨基酚片',
    spec: '0.5g×12片',
    form: '片剂',
    unit: '片',
    dose: '1',
    route: '口服',
    prn: { indication: '发热≥38.5℃或疼痛评分≥4', minIntervalHours: 6, maxPerDay: 3 },
  },
  {
    name: '开塞露',
    spec: '20ml',
    form: '灌肠剂',
    unit: '支',
    dose: '1',
    route: '外用',
    prn: { indication: '三天未排便', minIntervalHours: 24, maxPerDay: 1 },
  },
];

const refusals = ['老人拒绝服药，劝说无效', '老人说已经吃过了', '老人睡着未唤醒，稍后再试未果'];

function parse<K extends ProcedureName>(name: K, input: unknown): ParsedInputOf<K> {
  return procedures[name].input.parse(input) as ParsedInputOf<K>;
}

/**
 * Demo medication for about 60 residents: 2–6 orders each (insulin and warfarin among them),
 * medicines kept for half of them (two batches expiring soon), and a week of the administration
 * record with some refusals, all through the module's own services and rules.
 */
export function seedMedsDemo(
  meds: MedsModule,
  ctx: WriteContext,
  options: { seed: string | number; nurses: Array<{ id: number; displayName: string }>; timeZone: string },
): void {
  const [nurse, second] = options.nurses;
  if (!nurse || !second) return;
  const rng = createRng(`${options.seed}:meds`);
  const now = ctx.now;
  const today = localDate(now, options.timeZone);
  const asNurse = (who: { id: number; displayName: string }, at: Date): MedsOp => ({
    now: at,
    audit: ctx.audit,
    emit: ctx.emit,
    user: who,
  });
  const op = asNurse(nurse, now);
  const drugIds = catalog.map(
    (p) =>
      meds.drugs.save(
        parse('meds.drugs.save', {
          name: p.name,
          spec: p.spec,
          form: p.form,
          unit: p.unit,
          highAlert: p.highAlert ?? false,
          controlled: p.controlled ?? 'none',
        }),
        op,
      ).id,
  );
  const residents = [...meds.people.residentsNow(now).values()]
    .filter((r) => r.status === 'admitted')
    .slice(0, 60);
  const startOn = addDays(today, -14);
  let expiringSoon = 0;
  residents.forEach((resident) => {
    const count = rng.int(2, 6);
    const picked = new Set<number>();
    while (picked.size < count) picked.add(rng.int(0, catalog.length - 1));
    for (const i of picked) {
      const plan = catalog[i]!;
      meds.orders.create(
        parse('meds.orders.create', {
          residentId: resident.id,
          drugId: drugIds[i],
          dose: plan.dose,
          route: plan.route,
          schedule: plan.prn ? { prn: plan.prn } : { times: plan.times },
          startOn,
          prescriber: rng.pick(['王医生', '李医生', '陈医生']),
          source: rng.pick(['hospital', 'clinic', 'family'] as const),
        }),
        op,
      );
      if (rng.chance(0.5)) {
        const soon = expiringSoon < 2;
        if (soon) expiringSoon += 1;
        meds.stock.receive(
          parse('meds.stock.receive', {
            residentId: resident.id,
            drugId: drugIds[i],
            quantity: String(rng.int(3, 6) * 10),
            batchNo: `${rng.int(20, 26)}${String(rng.int(1000, 9999))}`,
            expiresOn: soon ? addDays(today, rng.int(10, 25)) : addDays(today, rng.int(120, 700)),
            source: '家属送药',
            entrustedBy: '家属',
            witnessId: plan.controlled ? second.id : undefined,
          }),
          asNurse(nurse, new Date(now.getTime() - 15 * 86_400_000)),
        );
      }
    }
  });

  // A week of rounds, up to half an hour ago: most doses given on time, a few refused, some held
  // when kept stock ran out. Written as history (one audit row a day, as the generator does), not
  // replayed through 给药 one by one, which would take the demo's first start past a minute.
  const cutoff = new Date(now.getTime() - 30 * 60_000).toISOString();
  // Usable stock per resident and drug, kept as the week is written instead of summed per dose.
  const balances = new Map<string, number | null>();
  for (let day = -7; day <= 0; day++) {
    const date = addDays(today, day);
    const outcomes: Record<string, number> = {};
    for (const dose of meds.mar.mar({ date }, now)) {
      if (dose.dueAt > cutoff || dose.status !== 'missed') continue;
      // One of today's early doses is left unrecorded, so the demo shows a missed-dose alert.
      if (day === 0 && dose.residentId === residents[0]?.id) continue;
      const at = new Date(Date.parse(dose.dueAt) + rng.int(-20, 25) * 60_000);
      const who = rng.chance(0.5) ? nurse : second;
      const witness = who === nurse ? second : nurse;
      const doseE4 = parseDecimal(dose.dose)!;
      const key = `${dose.residentId}|${dose.drugId}`;
      if (!balances.has(key))
        balances.set(
          key,
          meds.stock.kept(dose.residentId, dose.drugId)
            ? meds.stock.usable(dose.residentId, dose.drugId, now)
            : null,
        );
      const balance = balances.get(key) ?? null;
      const kept = balance !== null;
      let outcome: 'given' | 'refused' | 'held' = rng.chance(0.04) ? 'refused' : 'given';
      let reason = outcome === 'refused' ? rng.pick(refusals) : '';
      if (outcome === 'given' && kept && balance < doseE4) {
        outcome = 'held';
        reason = '缺药';
      }
      const recordOp = asNurse(who, at);
      const id = meds.mar.insertRecord(
        {
          kind: 'scheduled',
          dose_key: dose.doseId,
          order_id: dose.orderId,
          order_version: dose.orderVersion,
          resident_id: dose.residentId,
          drug_id: dose.drugId,
          due_on: date,
          due_at: dose.dueAt,
          outcome,
          dose_e4: doseE4,
          at: at.toISOString(),
          by_user: who.id,
          witness_id: dose.needsWitness && outcome === 'given' ? witness.id : null,
          reason,
          indication: '',
        },
        recordOp,
      );
      if (outcome === 'given' && kept) {
        meds.stock.take(dose.residentId, dose.drugId, doseE4, recordOp, { kind: 'give', recordId: id });
        balances.set(key, balance - doseE4);
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    }
    ctx.audit({ entity: 'doseRecord', after: { demo: true, date, outcomes } });
  }

  // The handovers of the last day were counted by two nurses, except the latest one closed: the
  // demo shows what an uncounted handover looks like (meds.handoverCountMissing).
  const closed = meds.handover.missedSince(new Date(now.getTime() - 86_400_000), now);
  for (const h of closed.slice(0, -1)) {
    const countOp = asNurse(nurse, new Date(Date.parse(h.at) - 10 * 60_000));
    for (const item of h.missing) {
      meds.stock.count(
        parse('meds.stock.count', {
          residentId: item.residentId,
          drugId: item.drugId,
          counted: item.expected,
          witnessId: second.id,
        }),
        countOp,
      );
    }
  }
}
