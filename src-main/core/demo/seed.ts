import { seedBillingDemo } from '../billing/demo';
import type { BillingService } from '../billing/module';
import { randomBytes } from 'node:crypto';
import { abilityLevels, type AbilityLevel } from '../../shared/assessment/ability';
import {
  nineRiskItems,
  nineRiskKeys,
  type NineRiskKey,
  type NineRiskLevel,
} from '../../shared/assessment/nine-risks';
import { procedures, type ParsedInputOf, type ProcedureName } from '../../shared/contract';
import type { BedKind } from '../../shared/contract/residents';
import type { DischargeReason } from '../../shared/residents/lifecycle';
import type { RoleKey } from '../../shared/roles';
import type { WriteContext, WritePath } from '../api/write-path';
import type { AuthService } from '../auth/service';
import type { Clock } from '../clock';
import type { InstitutionService } from '../institution/service';
import { seedMedsDemo } from '../meds/demo';
import type { MedsModule } from '../meds/service';
import type { NurseCallModule } from '../nursecall/service';
import { seedFireDemo } from '../fire/demo';
import type { FireModule } from '../fire/service';
import type { ResidentsModule } from '../residents/service';
import { seedStaffDemo } from '../staff/demo';
import type { StaffModule } from '../staff/module';
import type { AddressOpContext } from '../nursecall/addresses';
import { localDate } from '../clock';
import { addDays, type OpContext } from '../residents/common';
import { createRng, generatePeople, type DemoPerson, type Rng } from './people';

export const demoUsers: Array<[string, string, RoleKey]> = [
  ['admin', '王建国', 'administrator'],
  ['headnurse', '李秀梅', 'headNurse'],
  ['nurse', '张丽', 'nurse'],
  ['caregiver', '刘桂芳', 'caregiver'],
  ['finance', '陈会计', 'finance'],
  ['fireofficer', '赵安全', 'fireOfficer'],
  ['frontdesk', '孙前台', 'frontDesk'],
];

export interface DemoAccount {
  username: string;
  password: string;
}

export interface SeedOptions {
  /** Same seed and same day give the same residents, beds and assessments. */
  seed?: number | string;
}

/**
 * Fills an empty installation with a believable demo institution. Passwords are random and must
 * be changed at first login, so a demo database never ships a known password.
 */
/** What the seed needs of the core: the services it fills through. */
export interface SeedTarget {
  services: {
    auth: AuthService;
    institution: InstitutionService;
    residents: ResidentsModule;
    nurseCall: NurseCallModule;
    staff?: StaffModule;
    billing?: BillingService;
    fire?: FireModule | undefined;
    meds?: MedsModule | undefined;
  };
}

/** Seeds through the write path in one transaction (the `--seed demo` flag of the server). */
export function seedDemo(
  core: SeedTarget & { writes: WritePath; clock: Clock },
  options: SeedOptions = {},
): DemoAccount[] | null {
  if (core.services.auth.hasUsers()) return null;
  return core.writes.run({ procedure: 'demo.seed', now: core.clock.now(), user: null }, (ctx) =>
    seedDemoWithin(core, ctx, options),
  );
}

/**
 * Fills an empty installation inside the caller's write (the first-run button calls `demo.seed`).
 * Returns null when someone has already set the installation up.
 */
export function seedDemoWithin(
  core: SeedTarget,
  ctx: WriteContext,
  options: SeedOptions = {},
): DemoAccount[] | null {
  const { auth, institution } = core.services;
  if (auth.hasUsers()) return null;
  const now = ctx.now;
  const accounts: DemoAccount[] = [];
  const userIds = new Map<string, number>();
  const { after } = institution.save(
    {
      name: '幸福里颐养中心（演示）',
      licenseNo: '民养备字 3201052026001',
      address: '江苏省南京市秦淮区幸福里 88 号',
      nature: 'private',
      timeZone: 'Asia/Shanghai',
    },
    now,
  );
  ctx.audit({ entity: 'institution', entityId: 1, before: null, after });
  for (const [username, displayName, role] of demoUsers) {
    const password = randomBytes(6).toString('base64url');
    const id = auth.insertUser(
      { username, displayName, password, roles: [role], mustChangePassword: true },
      now,
    );
    ctx.audit({ entity: 'user', entityId: id, before: null, after: auth.userRow(id) });
    accounts.push({ username, password });
    userIds.set(username, id);
  }
  seedResidents(core, {
    seed: options.seed ?? 'caredesk-demo',
    ctx,
    assessorIds: [userIds.get('headnurse')!, userIds.get('nurse')!],
  });
  seedNurseCallAddresses(core, ctx);
  if (core.services.staff) seedStaffDemo(core.services.staff, ctx, localDate(now, after.timeZone));
  if (core.services.billing) seedBillingDemo(core.services.billing, ctx, institution.timeZone());
  if (core.services.fire) {
    seedFireDemo(core.services.fire, ctx, institution.timeZone(), {
      officer: { id: userIds.get('fireofficer')!, displayName: '赵安全' },
      patrollers: [userIds.get('caregiver')!, userIds.get('nurse')!],
      headNurse: userIds.get('headnurse')!,
    });
  }
  if (core.services.meds)
    seedMedsDemo(core.services.meds, ctx, {
      seed: options.seed ?? 'caredesk-demo',
      nurses: ['nurse', 'headnurse'].map((u) => ({ id: userIds.get(u)!, displayName: u })),
      timeZone: institution.timeZone(),
    });
  return accounts;
}

/**
 * Call addresses 201–220 ring the first twenty beds of 1号楼 and 301 the ground-floor washroom, so
 * `npm run sim:nursecall -- --address 201` lights up a real bed and resident on the alarm board.
 */
function seedNurseCallAddresses(core: SeedTarget, ctx: AddressOpContext): void {
  const board = core.services.residents.facilities.board(undefined, ctx);
  const firstBuilding = board.buildings[0];
  const beds = (firstBuilding?.floors ?? []).flatMap((f) => f.rooms.flatMap((r) => r.beds)).slice(0, 20);
  beds.forEach((bed, i) => {
    core.services.nurseCall.addresses.save(
      parse('nursecall.addresses.save', { address: String(201 + i), bedId: bed.id }),
      ctx,
    );
  });
  core.services.nurseCall.addresses.save(
    parse('nursecall.addresses.save', {
      address: '301',
      area: `${firstBuilding?.name ?? ''} 1层 公共卫生间`.trim(),
    }),
    ctx,
  );
}

/** Validates like the dispatcher would, so the seed cannot store what the UI could not. */
function parse<K extends ProcedureName>(name: K, input: unknown): ParsedInputOf<K> {
  return procedures[name].input.parse(input) as ParsedInputOf<K>;
}

interface RoomPlan {
  building: string;
  floor: number;
  from: number;
  to: number;
  beds: number;
  roomClass: string;
  kind: BedKind;
}

/** 1号楼 is the nursing wing (护理型床位), 2号楼 general: 120 beds in all. */
const roomPlans: readonly RoomPlan[] = [
  { building: '1号楼', floor: 1, from: 101, to: 110, beds: 2, roomClass: '双人间', kind: 'nursing' },
  { building: '1号楼', floor: 2, from: 201, to: 212, beds: 2, roomClass: '双人间', kind: 'nursing' },
  { building: '1号楼', floor: 3, from: 301, to: 306, beds: 3, roomClass: '三人间', kind: 'nursing' },
  { building: '1号楼', floor: 3, from: 307, to: 310, beds: 1, roomClass: '单人间', kind: 'nursing' },
  { building: '2号楼', floor: 1, from: 101, to: 112, beds: 2, roomClass: '双人间', kind: 'general' },
  { building: '2号楼', floor: 2, from: 201, to: 210, beds: 2, roomClass: '双人间', kind: 'general' },
  { building: '2号楼', floor: 2, from: 211, to: 220, beds: 1, roomClass: '单人间', kind: 'general' },
];

const maritalWeights = [
  ['widowed', 45],
  ['married', 40],
  ['divorced', 5],
  ['unmarried', 4],
  ['unknown', 6],
] as const;
const educations = [
  ['小学', 35],
  ['初中', 25],
  ['文盲或半文盲', 15],
  ['高中/中专', 15],
  ['大专及以上', 10],
] as const;
const occupations = [
  '工人',
  '农民',
  '教师',
  '干部',
  '医生',
  '个体经营',
  '会计',
  '售货员',
  '司机',
  '家务',
] as const;

export function profileOf(person: DemoPerson, rng: Rng) {
  const diet: string[] = [];
  if (person.diagnoses.includes('2型糖尿病')) diet.push('低糖饮食');
  if (person.diagnoses.includes('高血压')) diet.push('低盐饮食');
  if (person.diagnoses.includes('痛风')) diet.push('低嘌呤饮食');
  return parse('residents.create', {
    name: person.name,
    idType: 'resident',
    idNumber: person.idNumber,
    phone: person.phone ?? undefined,
    nativePlace: /^.*?[省市]/.exec(person.address)?.[0],
    ethnicity: person.ethnicity,
    maritalStatus: rng.weighted(maritalWeights),
    education: rng.weighted(educations),
    formerOccupation: rng.pick(occupations),
    insuranceType: rng.chance(0.6) ? '城镇职工基本医疗保险' : '城乡居民基本医疗保险',
    supportType: person.supportType,
    diagnoses: person.diagnoses,
    allergies: person.allergies,
    dietRestrictions: diet,
    contacts: person.guardians.map((g) => ({
      name: g.name,
      relation: g.relation,
      phones: [g.phone],
      isGuardian: g.isPrimary,
      isEmergency: true,
    })),
    appliedOn: person.appliedOn,
  });
}

/** Nine-risk levels that follow the person's dependency and diagnoses, as an assessor would judge. */
export function risksOf(
  residentId: number,
  person: DemoPerson,
  rng: Rng,
  assessedOn: string,
  assessorIds: number[],
) {
  const severity = abilityLevels.indexOf(person.ability.level);
  const dementia = person.ability.flags.dementia;
  const base: Record<NineRiskKey, number> = {
    choking: severity >= 3 ? 2 : severity,
    ingestion: dementia ? 2 : 0,
    pressureInjury: severity >= 4 ? 3 : severity >= 3 ? 2 : 0,
    scald: severity >= 2 ? 1 : 0,
    fallFromBed: severity >= 3 ? 2 : severity >= 1 ? 1 : 0,
    fall: Math.min(3, severity + (rng.chance(0.3) ? 1 : 0)),
    wandering: dementia ? 3 : 0,
    harm: person.ability.flags.mentalDisorder ? 2 : 0,
    activityAccident: severity >= 1 ? 1 : 0,
  };
  const levels: NineRiskLevel[] = ['none', 'low', 'medium', 'high'];
  const items = Object.fromEntries(
    nineRiskKeys.map((key) => {
      const level = levels[Math.max(0, Math.min(3, base[key] + (rng.chance(0.15) ? -1 : 0)))]!;
      const offered = nineRiskItems[key].measures;
      const count = level === 'high' ? 3 : level === 'medium' ? 2 : level === 'low' ? rng.int(0, 1) : 0;
      return [key, { level, measures: offered.slice(0, count) }];
    }),
  );
  const guardian = person.guardians[0];
  return parse('assessments.recordRisks', {
    residentId,
    assessedOn,
    items,
    guardianInformed: guardian
      ? { name: guardian.name, relation: guardian.relation, informedOn: assessedOn }
      : null,
    assessorIds,
  });
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

/**
 * Buildings, beds and about 90 residents in residence (with both assessments, some on leave, a few
 * recent falls), plus reservations, a waiting list and some discharged and archived records. Every
 * record goes through the residents services, so the demo obeys the same rules as the front desk.
 */
function seedResidents(
  core: SeedTarget,
  options: { seed: number | string; ctx: OpContext; assessorIds: number[] },
): void {
  const { residents } = core.services;
  const { ctx, assessorIds } = options;
  const rng = createRng(`${options.seed}:residents`);
  const today = localDate(ctx.now, core.services.institution.timeZone());

  const buildingIds = new Map<string, number>();
  for (const plan of roomPlans) {
    if (!buildingIds.has(plan.building)) {
      buildingIds.set(plan.building, residents.facilities.saveBuilding({ name: plan.building }, ctx).id);
    }
    residents.facilities.bulkCreate(
      parse('beds.bulkCreate', {
        buildingId: buildingIds.get(plan.building),
        floor: plan.floor,
        roomFrom: plan.from,
        roomTo: plan.to,
        bedsPerRoom: plan.beds,
        roomClass: plan.roomClass,
        bedKind: plan.kind,
      }),
      ctx,
    );
  }
  const repairBed = residents.facilities
    .available()
    .find((b) => b.buildingName === '2号楼' && b.label === '220-1');
  if (repairBed)
    residents.facilities.setOutOfService({ id: repairBed.id, reason: '卫生间漏水，维修中' }, ctx);

  const people = generatePeople(105, { seed: options.seed, today });
  const inResidence = people.slice(0, 90);
  const reservedPeople = people.slice(90, 92);
  const waitingPeople = people.slice(92, 100);
  const dischargedPeople = people.slice(100, 105);

  const assess = (residentId: number, person: DemoPerson, on: string, reason: 'initial' | 'routine') => {
    residents.assessments.recordAbility(
      parse('assessments.recordAbility', {
        residentId,
        assessedOn: on,
        reason,
        scores: person.ability.scores,
        flags: person.ability.flags,
        assessorIds,
      }),
      ctx,
    );
    residents.assessments.recordRisks(risksOf(residentId, person, rng, on, assessorIds), ctx);
  };
  let contractNo = 1;
  const admit = (residentId: number, bedId: number, admittedOn: string) =>
    residents.lifecycle.admit(
      parse('residents.admit', {
        id: residentId,
        bedId,
        admittedOn,
        contract: {
          number: `XFL-${admittedOn.slice(0, 4)}-${String(contractNo++).padStart(4, '0')}`,
          startOn: admittedOn,
        },
      }),
      ctx,
    );

  // Past residents first, so their beds are free again for today's residents.
  const pastReasons: DischargeReason[] = ['death', 'voluntary', 'death', 'transfer', 'voluntary'];
  dischargedPeople.forEach((person, i) => {
    const id = residents.records.create(profileOf(person, rng), ctx).id;
    const admittedOn = minDate(addDays(person.appliedOn, rng.int(5, 30)), addDays(today, -60));
    assess(id, person, addDays(admittedOn, -rng.int(1, 10)), 'initial');
    const bed = rng.pick(residents.facilities.available());
    admit(id, bed.id, admittedOn);
    const reason = pastReasons[i]!;
    residents.lifecycle.discharge(
      parse('residents.discharge', {
        id,
        dischargedOn: minDate(addDays(admittedOn, rng.int(30, 400)), addDays(today, -3)),
        reason,
        destination:
          reason === 'transfer'
            ? '市第一人民医院老年病科'
            : reason === 'voluntary'
              ? '回家由子女照顾'
              : undefined,
      }),
      ctx,
    );
    if (i === 4) residents.lifecycle.archive(id, ctx);
  });

  // The most dependent residents get the nursing beds of 1号楼; a quarter of the beds stay free.
  const free = residents.facilities.available();
  const chosen = free
    .map((bed) => ({ bed, r: rng.next() }))
    .sort((a, b) => a.r - b.r)
    .slice(0, inResidence.length + reservedPeople.length)
    .map((x) => x.bed)
    .sort((a, b) => (a.kind === b.kind ? a.id - b.id : a.kind === 'nursing' ? -1 : 1));
  const bySeverity = [...inResidence].sort(
    (a, b) =>
      abilityLevels.indexOf(b.ability.level as AbilityLevel) -
      abilityLevels.indexOf(a.ability.level as AbilityLevel),
  );
  const residentIds: number[] = [];
  bySeverity.forEach((person, i) => {
    const id = residents.records.create(profileOf(person, rng), ctx).id;
    const admittedOn = minDate(addDays(person.appliedOn, rng.int(3, 60)), today);
    assess(id, person, addDays(admittedOn, -rng.int(0, 10)), 'initial');
    admit(id, chosen[i]!.id, admittedOn);
    // Routine reassessments once a year; some are overdue, as in any real home.
    const routineOn = addDays(today, -rng.int(5, 400));
    if (routineOn > addDays(admittedOn, 300)) assess(id, person, routineOn, 'routine');
    residentIds.push(id);
  });

  const reservedBeds = chosen.slice(inResidence.length);
  reservedPeople.forEach((person, i) => {
    const id = residents.records.create(profileOf(person, rng), ctx).id;
    assess(id, person, addDays(today, -rng.int(0, 10)), 'initial');
    residents.lifecycle.reserve({ id, bedId: reservedBeds[i]!.id, on: addDays(today, -rng.int(0, 5)) }, ctx);
  });

  waitingPeople.forEach((person, i) => {
    const id = residents.records.create(profileOf(person, rng), ctx).id;
    if (i % 3 !== 2) assess(id, person, addDays(today, -rng.int(0, 20)), 'initial');
  });

  // A few recent falls; two residents fell twice, which flags them for reassessment.
  const fallers = residentIds.filter(() => rng.chance(0.1)).slice(0, 8);
  fallers.forEach((id, i) => {
    const times = i < 2 ? 2 : 1;
    for (let n = 0; n < times; n += 1) {
      residents.assessments.recordIncident(
        parse('incidents.record', {
          residentId: id,
          kind: 'fall',
          occurredOn: addDays(today, -rng.int(1, 25)),
          note: rng.pick([
            '夜间如厕时在卫生间滑倒，无明显外伤',
            '起床时跌坐在床边，已通知家属',
            '走廊行走时跌倒，右膝擦伤，已处理',
          ]),
        }),
        ctx,
      );
    }
  });

  // Some residents are away today: in hospital, or home for a few days.
  const away = residentIds.filter((id) => !fallers.includes(id) && rng.chance(0.08)).slice(0, 6);
  away.forEach((id, i) => {
    const hospital = i % 3 === 0;
    const detail = residents.records.detail(id, ctx);
    const startOn = addDays(today, -rng.int(1, 10));
    residents.lifecycle.startLeave(
      parse('residents.startLeave', {
        id,
        kind: hospital ? 'hospital' : 'outing',
        startOn: detail.admittedOn && startOn < detail.admittedOn ? detail.admittedOn : startOn,
        expectedReturnOn: hospital ? undefined : addDays(today, rng.int(1, 5)),
        destination: hospital ? rng.pick(['市第一人民医院', '区中医院', '市第二人民医院']) : '回子女家小住',
      }),
      ctx,
    );
  });
}
