import { abilityLevels, scoreAbility, type AbilityLevel } from '../../shared/assessment/ability';
import { procedures, type ParsedInputOf, type ProcedureName } from '../../shared/contract';
import type { BedKind } from '../../shared/contract/residents';
import type { DischargeReason } from '../../shared/residents/lifecycle';
import type { Actor, WriteContext } from '../api/write-path';
import { generateAbilityScores, generatePeople, type DemoPerson } from '../demo/people';
import { profileOf, risksOf } from '../demo/seed';
import type { GenerateContext } from '../module';
import { addDays } from './common';

/** Beds on one floor: 20 double rooms, 2 triple and 4 single, 50 beds in all. */
const FLOOR_PLAN: Array<{ rooms: number; beds: number; roomClass: string }> = [
  { rooms: 20, beds: 2, roomClass: '双人间' },
  { rooms: 2, beds: 3, roomClass: '三人间' },
  { rooms: 4, beds: 1, roomClass: '单人间' },
];
const BEDS_PER_FLOOR = 50;
const FLOORS_PER_BUILDING = 5;
/** Residents in residence as a share of beds, like a full home with a few beds turning over. */
const OCCUPANCY = 0.95;
/** Daily chance a resident leaves for good; most of it is death. About a three-year stay. */
const DAILY_DEPARTURE = 1 / 1100;
const departureReasons: Array<[DischargeReason, number]> = [
  ['death', 55],
  ['voluntary', 25],
  ['transfer', 20],
];
const fallNotes = [
  '夜间如厕时在卫生间滑倒，无明显外伤',
  '起床时跌坐在床边，已通知家属',
  '走廊行走时跌倒，右膝擦伤，已处理',
  '洗澡时滑倒，左肘擦伤，已消毒包扎',
];

interface Stay {
  id: number;
  person: DemoPerson;
  level: number;
  onLeaveUntil: string | null;
  nextAssessmentOn: string;
}

function parse<K extends ProcedureName>(name: K, input: unknown): ParsedInputOf<K> {
  return procedures[name].input.parse(input) as ParsedInputOf<K>;
}

/** Noon, Beijing time, of a business date: when the front desk records the day's business. */
const noonOf = (date: string) => new Date(`${date}T12:00:00+08:00`);

/**
 * Buildings and beds, then ten years of a home day by day through the residents services (so
 * care history, events and audit rows are what the front desk would have produced): admissions
 * after both assessments, reassessments every 6–12 months with a slow decline, falls, hospital
 * stays and visits home, deaths and discharges, and a waiting list at the end.
 */
export async function generateResidents(ctx: GenerateContext): Promise<void> {
  const residents = ctx.modules.residents;
  if (!residents) throw new Error('the residents generator needs the residents module');
  const { rng } = ctx;
  const users = ctx.auth.listUsers();
  const actorOf = (username: string): Actor => {
    const u = users.find((x) => x.username === username);
    if (!u) throw new Error(`generated user ${username} missing`);
    return { id: u.id, username: u.username, displayName: u.displayName };
  };
  const headNurse = actorOf('headnurse');
  const colleagues = users
    .filter((u) => (u.roles.includes('nurse') || u.roles.includes('headNurse')) && u.id !== headNurse.id)
    .map((u) => u.id);
  // The head nurse records every assessment, so she is always one of its assessors (the core
  // refuses a record whose author did not assess), with a colleague as the second.
  const assessorPair = () => [headNurse.id, rng.pick(colleagues)];
  const start = addDays(ctx.today, -Math.round(ctx.years * 365));

  // ---------------------------------------------------------------- buildings and beds
  ctx.writes.run({ procedure: 'demo.generate', now: noonOf(start), user: headNurse }, (w) => {
    let left = ctx.beds;
    for (let b = 1; left > 0; b += 1) {
      const building = residents.facilities.saveBuilding({ name: `${b}号楼` }, w).id;
      // The first two buildings are the nursing wing (护理型床位).
      const kind: BedKind = b <= 2 ? 'nursing' : 'general';
      for (let floor = 1; floor <= FLOORS_PER_BUILDING && left > 0; floor += 1) {
        let room = floor * 100 + 1;
        const plan =
          left >= BEDS_PER_FLOOR
            ? FLOOR_PLAN
            : [
                { rooms: Math.floor(left / 2), beds: 2, roomClass: '双人间' },
                { rooms: left % 2, beds: 1, roomClass: '单人间' },
              ];
        for (const part of plan) {
          if (part.rooms === 0) continue;
          const made = residents.facilities.bulkCreate(
            parse('beds.bulkCreate', {
              buildingId: building,
              floor,
              roomFrom: room,
              roomTo: room + part.rooms - 1,
              bedsPerRoom: part.beds,
              roomClass: part.roomClass,
              bedKind: kind,
            }),
            w,
          );
          room += part.rooms;
          left -= made.bedsCreated;
        }
      }
    }
    const broken = residents.facilities.available().slice(-2);
    for (const bed of broken)
      residents.facilities.setOutOfService({ id: bed.id, reason: '卫生间漏水，维修中' }, w);
  });
  ctx.progress(`${ctx.beds} beds`);

  // ---------------------------------------------------------------- people, a year's cohort at a time
  const usedIds = new Set<string>();
  const queue: DemoPerson[] = [];
  let cohort = 0;
  const nextPerson = (day: string): DemoPerson => {
    while (queue.length === 0) {
      cohort += 1;
      // Ages are as of the cohort's year, so someone admitted nine years ago was a believable age then.
      for (const p of generatePeople(400, { seed: `${rng.next()}:${cohort}`, today: day })) {
        if (usedIds.has(p.idNumber)) continue;
        usedIds.add(p.idNumber);
        queue.push(p);
      }
    }
    return queue.shift()!;
  };

  const stays = new Map<number, Stay>();
  let contractNo = 1;
  const counts = { admitted: 0, discharged: 0, assessments: 0, incidents: 0, leaves: 0 };

  const assess = (
    w: WriteContext,
    id: number,
    person: DemoPerson,
    on: string,
    reason: 'initial' | 'routine',
  ) => {
    residents.assessments.recordAbility(
      parse('assessments.recordAbility', {
        residentId: id,
        assessedOn: on,
        reason,
        scores: person.ability.scores,
        flags: person.ability.flags,
        assessorIds: assessorPair(),
      }),
      w,
    );
    residents.assessments.recordRisks(risksOf(id, person, rng, on, assessorPair()), w);
    counts.assessments += 1;
  };

  /** A little worse than last time, now and then: most residents decline slowly. */
  const decline = (person: DemoPerson): void => {
    const current = abilityLevels.indexOf(person.ability.level);
    if (current >= abilityLevels.length - 1 || !rng.chance(0.3)) return;
    const level = abilityLevels[current + 1] as AbilityLevel;
    const scores = generateAbilityScores(level, rng);
    const flags = { ...person.ability.flags, dementia: person.ability.flags.dementia && level !== 'intact' };
    const scored = scoreAbility({ scores, flags, careRiskEventsLast30Days: 0 });
    person.ability = { scores, flags, careRiskEventsLast30Days: 0, level: scored.level };
  };

  const admit = (w: WriteContext, day: string, bedId: number) => {
    const person = nextPerson(day);
    const appliedOn = addDays(day, -rng.int(10, 200));
    const id = residents.records.insert({ ...profileOf(person, rng), appliedOn }, w);
    assess(w, id, person, addDays(day, -rng.int(0, 7)), 'initial');
    residents.lifecycle.admit(
      parse('residents.admit', {
        id,
        bedId,
        admittedOn: day,
        contract: { number: `SHY-${day.slice(0, 4)}-${String(contractNo++).padStart(5, '0')}`, startOn: day },
      }),
      w,
    );
    stays.set(id, {
      id,
      person,
      level: abilityLevels.indexOf(person.ability.level),
      onLeaveUntil: null,
      nextAssessmentOn: addDays(day, rng.int(180, 365)),
    });
    counts.admitted += 1;
  };

  const simulateDay = (w: WriteContext, day: string, firstFill: boolean) => {
    for (const stay of [...stays.values()]) {
      if (stay.onLeaveUntil !== null) {
        if (day >= stay.onLeaveUntil) {
          residents.lifecycle.endLeave(parse('residents.endLeave', { id: stay.id, returnedOn: day }), w);
          stay.onLeaveUntil = null;
        }
        continue;
      }
      if (rng.chance(DAILY_DEPARTURE * (0.6 + stay.level * 0.25))) {
        const reason = rng.weighted(departureReasons);
        residents.lifecycle.discharge(
          parse('residents.discharge', {
            id: stay.id,
            dischargedOn: day,
            reason,
            destination:
              reason === 'transfer'
                ? '市第一人民医院老年病科'
                : reason === 'voluntary'
                  ? '回家由子女照顾'
                  : undefined,
          }),
          w,
        );
        stays.delete(stay.id);
        counts.discharged += 1;
        continue;
      }
      if (day >= stay.nextAssessmentOn) {
        decline(stay.person);
        stay.level = abilityLevels.indexOf(stay.person.ability.level);
        assess(w, stay.id, stay.person, day, 'routine');
        stay.nextAssessmentOn = addDays(day, rng.int(180, 365));
        continue;
      }
      if (rng.chance((1 + stay.level) / 1500)) {
        residents.assessments.recordIncident(
          parse('incidents.record', {
            residentId: stay.id,
            kind: 'fall',
            occurredOn: day,
            note: rng.pick(fallNotes),
          }),
          w,
        );
        counts.incidents += 1;
      }
      const hospital = rng.chance(1 / 600);
      if (hospital || rng.chance(1 / 1200)) {
        const days = hospital ? rng.int(3, 21) : rng.int(1, 7);
        residents.lifecycle.startLeave(
          parse('residents.startLeave', {
            id: stay.id,
            kind: hospital ? 'hospital' : 'outing',
            startOn: day,
            expectedReturnOn: hospital ? undefined : addDays(day, days),
            destination: hospital
              ? rng.pick(['市第一人民医院', '区中医院', '市第二人民医院'])
              : '回子女家小住',
          }),
          w,
        );
        stay.onLeaveUntil = addDays(day, days);
        counts.leaves += 1;
      }
    }
    const target = Math.round(ctx.beds * OCCUPANCY);
    // The home opened full over its first two months; afterwards up to three admissions a day.
    const room = target - stays.size;
    const today = firstFill ? Math.min(room, Math.ceil(target / 60)) : Math.min(room, 3);
    if (today <= 0) return;
    const free = residents.facilities.available();
    for (let i = 0; i < today && free.length > 0; i += 1) {
      const bed = free.splice(rng.int(0, free.length - 1), 1)[0]!;
      admit(w, day, bed.id);
    }
  };

  // One transaction per month of business; the audit rows are the operations' own.
  let day = start;
  let opened = 0;
  while (day <= ctx.today) {
    const monthEnd = day.slice(0, 7);
    const days: string[] = [];
    while (day <= ctx.today && day.slice(0, 7) === monthEnd) {
      days.push(day);
      day = addDays(day, 1);
    }
    ctx.writes.run({ procedure: 'demo.generate', now: noonOf(days.at(-1)!), user: headNurse }, (w) => {
      for (const d of days) {
        const dayCtx: WriteContext = { ...w, now: noonOf(d) };
        simulateDay(dayCtx, d, opened < 60);
        opened += 1;
      }
    });
    await new Promise<void>((r) => setImmediate(r));
    if (monthEnd.endsWith('-12') || day > ctx.today)
      ctx.progress(
        `residents to ${days.at(-1)}: ${stays.size} in residence, ${counts.admitted} admitted, ${counts.discharged} left, ${counts.assessments} assessments`,
      );
  }

  // A waiting list, as any popular home has.
  ctx.writes.run({ procedure: 'demo.generate', now: ctx.now, user: headNurse }, (w) => {
    for (let i = 0; i < 25; i += 1) {
      const person = nextPerson(ctx.today);
      const id = residents.records.insert(
        { ...profileOf(person, rng), appliedOn: addDays(ctx.today, -rng.int(0, 300)) },
        w,
      );
      if (i % 3 !== 2) assess(w, id, person, addDays(ctx.today, -rng.int(0, 20)), 'initial');
    }
  });
  ctx.progress(
    `residents: ${stays.size} in residence, ${counts.admitted} admissions, ${counts.discharged} departures, ${counts.assessments} assessments, ${counts.incidents} falls, ${counts.leaves} leaves`,
  );
}
