import {
  abilityItems,
  abilityLevelInfo,
  abilityLevels,
  itemMaxScore,
  scoreAbility,
  type AbilityDimension,
  type AbilityFlags,
  type AbilityLevel,
} from '../../shared/assessment/ability';
import { ageOn, makeIdNumber, type Sex } from '../../shared/id-number';
import type { SupportType } from '../../shared/residents/lifecycle';

/** A small, fast, seedable PRNG. Demo data must be reproducible, so `Math.random` is never used. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

function hashSeed(seed: number | string): number {
  const text = String(seed);
  // FNV-1a, so string seeds such as "bench-500" work as well as numbers.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number | string): Rng {
  let state = hashSeed(seed);
  // mulberry32
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new RangeError('pick from an empty list');
      return item;
    },
    weighted: (entries) => {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
  };
  return rng;
}

function toDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
function fromDate(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}
const dayMs = 86_400_000;
function addDays(date: string, days: number): string {
  return toDate(fromDate(date) + days * dayMs);
}
/** Same day `years` earlier or later; 29 February falls back to the 28th. */
function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

/** Weights roughly follow the 2020 census frequencies. */
// prettier-ignore
const surnames: readonly (readonly [string, number])[] = [
  ['王', 71], ['李', 70], ['张', 67], ['刘', 54], ['陈', 46], ['杨', 31], ['黄', 23], ['赵', 22], ['吴', 20],
  ['周', 19], ['徐', 15], ['孙', 15], ['马', 14], ['朱', 13], ['胡', 12], ['郭', 12], ['何', 11], ['林', 10],
  ['高', 10], ['罗', 9], ['郑', 9], ['梁', 8], ['谢', 7], ['宋', 7], ['唐', 7], ['许', 6], ['韩', 6], ['冯', 6],
  ['邓', 6], ['曹', 6], ['彭', 5], ['曾', 5], ['肖', 5], ['田', 5], ['董', 5], ['袁', 4], ['潘', 4], ['于', 4],
  ['蒋', 4], ['蔡', 4], ['余', 4], ['杜', 4], ['叶', 4], ['程', 4], ['苏', 3], ['魏', 3], ['吕', 3], ['丁', 3],
  ['任', 3], ['沈', 3], ['姚', 3], ['卢', 3], ['姜', 3], ['崔', 3], ['钟', 2], ['谭', 2], ['陆', 2], ['汪', 2],
  ['范', 2], ['金', 2], ['石', 2], ['廖', 2], ['贾', 2], ['夏', 2], ['付', 2], ['方', 2], ['白', 2], ['邹', 2],
  ['孟', 2], ['熊', 2], ['秦', 2], ['邱', 2], ['江', 2], ['尹', 2], ['薛', 2], ['闫', 2], ['段', 2], ['雷', 2],
  ['侯', 2], ['史', 2], ['陶', 1], ['贺', 1], ['顾', 1], ['毛', 1], ['郝', 1], ['龚', 1], ['邵', 1], ['万', 1],
  ['钱', 1], ['严', 1], ['武', 1], ['戴', 1], ['孔', 1], ['单', 1], ['欧阳', 0.3], ['司马', 0.1],
];

// prettier-ignore
const elderFemaleNames = [
  '桂兰', '秀英', '淑珍', '秀兰', '玉兰', '桂英', '凤英', '秀珍', '淑兰', '玉珍', '桂芝', '玉梅', '秀芳', '桂珍', '凤兰', '淑英', '秀云',
  '玉英', '素珍', '秀华', '美兰', '翠兰', '金凤', '淑芬', '桂荣', '淑华', '玉芳', '凤琴', '秀荣', '玉华', '桂香', '翠英', '兰英', '素英',
  '淑贞', '玉琴', '桂花', '秀梅', '凤珍', '淑琴', '玉凤', '春兰', '冬梅', '秀琴', '桂芳', '淑云', '英', '兰', '梅', '珍', '芳', '凤',
];
// prettier-ignore
const elderMaleNames = [
  '德明', '德福', '福生', '永祥', '永福', '宝山', '长福', '春生', '国栋', '文华', '玉林', '树林', '金山', '德胜', '富贵', '志明', '振华',
  '国华', '国强', '志强', '保国', '学文', '德才', '庆祥', '长海', '世昌', '万福', '有才', '长林', '玉成', '文斌', '光明', '宗华', '立群',
  '家明', '守仁', '明', '强', '刚', '忠', '义', '林', '山', '海',
];
/** Names that mark the years around 1949; used only for people born in those years. */
const eraNames: readonly { name: string; sex: Sex; from: number; to: number }[] = [
  { name: '解放', sex: 'male', from: 1945, to: 1951 },
  { name: '胜利', sex: 'male', from: 1945, to: 1950 },
  { name: '建国', sex: 'male', from: 1949, to: 1956 },
  { name: '国庆', sex: 'male', from: 1949, to: 1962 },
  { name: '援朝', sex: 'male', from: 1950, to: 1954 },
  { name: '抗美', sex: 'male', from: 1950, to: 1954 },
  { name: '跃进', sex: 'male', from: 1958, to: 1960 },
  { name: '建英', sex: 'female', from: 1949, to: 1956 },
  { name: '建华', sex: 'female', from: 1949, to: 1960 },
  { name: '爱华', sex: 'female', from: 1950, to: 1962 },
];
// prettier-ignore
const childMaleNames = [
  '建军', '海涛', '志刚', '伟', '磊', '军', '强', '勇', '斌', '海峰', '晓东', '立新', '红军', '卫国', '建平', '志勇', '海波', '卫东',
  '新华', '建伟', '亮', '鹏', '涛', '永刚', '红兵', '建新',
];
// prettier-ignore
const childFemaleNames = [
  '红', '丽', '艳', '敏', '静', '燕', '丽娟', '红梅', '海燕', '晓红', '秀梅', '玉霞', '晓燕', '丽华', '桂梅', '红霞', '春燕', '小红',
  '建红', '卫红', '丽萍', '雪梅', '淑敏', '晓霞',
];
const grandchildMaleNames = ['浩', '磊', '鑫', '帅', '超', '宇', '昊', '博', '晨', '子豪', '浩然', '宇航'];
const grandchildFemaleNames = ['婷婷', '静', '雪', '佳', '丹', '倩', '悦', '欣怡', '梦瑶', '雨涵', '思琪'];

/** Real district codes with their places, so addresses and 身份证号 agree. */
const areas: readonly { code: string; place: string }[] = [
  { code: '110101', place: '北京市东城区' },
  { code: '110102', place: '北京市西城区' },
  { code: '110105', place: '北京市朝阳区' },
  { code: '110106', place: '北京市丰台区' },
  { code: '110107', place: '北京市石景山区' },
  { code: '110108', place: '北京市海淀区' },
  { code: '110111', place: '北京市房山区' },
  { code: '110112', place: '北京市通州区' },
  { code: '370102', place: '山东省济南市历下区' },
  { code: '370103', place: '山东省济南市市中区' },
  { code: '370104', place: '山东省济南市槐荫区' },
  { code: '370202', place: '山东省青岛市市南区' },
  { code: '370203', place: '山东省青岛市市北区' },
  { code: '370302', place: '山东省淄博市淄川区' },
  { code: '370602', place: '山东省烟台市芝罘区' },
  { code: '370702', place: '山东省潍坊市潍城区' },
  { code: '371302', place: '山东省临沂市兰山区' },
  { code: '320102', place: '江苏省南京市玄武区' },
  { code: '320104', place: '江苏省南京市秦淮区' },
  { code: '320106', place: '江苏省南京市鼓楼区' },
  { code: '320205', place: '江苏省无锡市锡山区' },
  { code: '320311', place: '江苏省徐州市泉山区' },
  { code: '320402', place: '江苏省常州市天宁区' },
  { code: '320506', place: '江苏省苏州市吴中区' },
  { code: '320583', place: '江苏省昆山市' },
  { code: '321002', place: '江苏省扬州市广陵区' },
  { code: '130102', place: '河北省石家庄市长安区' },
  { code: '130104', place: '河北省石家庄市桥西区' },
];
// prettier-ignore
const streets = [
  '解放路', '人民路', '和平路', '建设路', '胜利街', '文化路', '中山路', '新华街', '工农路', '光明街', '朝阳路', '东风路', '红旗路', '青年路', '幸福路',
  '团结路', '跃进路', '健康路', '长江路', '黄河路',
];
// prettier-ignore
const mobilePrefixes = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
  '157', '158', '159', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '199',
];

interface DiagnosisDef {
  name: string;
  p: number;
  sex?: Sex;
}
const commonDiagnoses: readonly DiagnosisDef[] = [
  { name: '高血压', p: 0.55 },
  { name: '2型糖尿病', p: 0.25 },
  { name: '冠状动脉粥样硬化性心脏病', p: 0.2 },
  { name: '高脂血症', p: 0.15 },
  { name: '骨质疏松症', p: 0.15, sex: 'female' },
  { name: '膝骨关节炎', p: 0.12 },
  { name: '白内障', p: 0.1 },
  { name: '前列腺增生', p: 0.2, sex: 'male' },
  { name: '慢性阻塞性肺疾病', p: 0.08 },
  { name: '心房颤动', p: 0.06 },
  { name: '慢性心力衰竭', p: 0.05 },
  { name: '老年性耳聋', p: 0.05 },
  { name: '慢性肾脏病', p: 0.04 },
  { name: '甲状腺功能减退症', p: 0.03 },
  { name: '痛风', p: 0.03, sex: 'male' },
];
/** Diagnoses that explain physical dependency; more likely the more dependent the person. */
const disablingDiagnoses: readonly DiagnosisDef[] = [
  { name: '脑梗死后遗症', p: 0.25 },
  { name: '脑出血后遗症', p: 0.06 },
  { name: '帕金森病', p: 0.06 },
  { name: '股骨颈骨折术后', p: 0.06 },
];
const dementiaDiagnoses = ['阿尔茨海默病', '血管性痴呆', '混合型痴呆'] as const;
const mentalDiagnoses = ['抑郁症', '焦虑障碍', '精神分裂症'] as const;
// prettier-ignore
const allergens = [
  '青霉素', '头孢类抗生素', '磺胺类药物', '阿司匹林', '碘造影剂', '海鲜', '花生', '牛奶', '鸡蛋', '花粉',
];

export interface DemoGuardian {
  name: string;
  /** 儿子, 女儿, 配偶, 侄子…; in Chinese as staff write it. */
  relation: string;
  phone: string;
  /** The first contact: the one called first and the 监护人 when the resident lacks capacity. */
  isPrimary: boolean;
}

export interface DemoAbility {
  scores: Record<string, number>;
  flags: AbilityFlags;
  careRiskEventsLast30Days: number;
  /** The level after adjustments, as `scoreAbility` computes it. */
  level: AbilityLevel;
}

export interface DemoPerson {
  name: string;
  sex: Sex;
  birthDate: string;
  /** Age on the generator's `today`. */
  age: number;
  idType: 'resident';
  idNumber: string;
  ethnicity: string;
  /** 户籍地址, consistent with the area code of the 身份证号. */
  address: string;
  /** 11 digits without spaces; many residents have no phone of their own. */
  phone: string | null;
  supportType: SupportType;
  guardians: DemoGuardian[];
  diagnoses: string[];
  allergies: string[];
  ability: DemoAbility;
  /** Date the admission application was made, within the three years before `today`. */
  appliedOn: string;
}

export interface GeneratePeopleOptions {
  seed: number | string;
  /** The institution's local date (`YYYY-MM-DD`) that ages are relative to. */
  today: string;
}

export function makePhone(rng: Rng): string {
  return rng.pick(mobilePrefixes) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

type Profile = 'physical' | 'cognitive' | 'mixed';

const profileWeights: Record<Profile, Record<AbilityDimension, number>> = {
  physical: { selfCare: 3, mobility: 3.5, mental: 0.4, perceptionSocial: 1.5 },
  cognitive: { selfCare: 1.5, mobility: 0.8, mental: 3, perceptionSocial: 2.5 },
  mixed: { selfCare: 2, mobility: 2, mental: 1.5, perceptionSocial: 1.8 },
};

// Stairs and going out by transport are lost early; consciousness hardly ever outside coma.
const itemBias: Record<string, number> = { '12': 2, '25': 2, '24': 1.4, '21': 0.05, '19': 0.3, '20': 0.5 };

/**
 * Item scores whose total falls in `level`'s range (before adjustments), spread the way real
 * records look: losses come from every item in proportion to what is left, weighted by a profile.
 * `fixed` pins items (e.g. 抑郁症状 = 0 for a depressed resident); consciousness stays above 0,
 * since coma is a flag, not a score to stumble into.
 */
export function generateAbilityScores(
  level: AbilityLevel,
  rng: Rng,
  options: { profile?: Profile; fixed?: Record<string, number> } = {},
): Record<string, number> {
  const profile = options.profile ?? 'mixed';
  const fixed = options.fixed ?? {};
  const info = abilityLevelInfo[level];
  const scores: Record<string, number> = {};
  for (const item of abilityItems) scores[item.key] = fixed[item.key] ?? itemMaxScore(item);
  const floors: Record<string, number> = { '21': 1 };
  const total = () => abilityItems.reduce((s, i) => s + (scores[i.key] ?? 0), 0);
  const minReachable = abilityItems.reduce((s, i) => s + (fixed[i.key] ?? floors[i.key] ?? 0), 0);
  const low = Math.max(info.minTotal, minReachable);
  const high = Math.min(info.maxTotal, total());
  if (low > high) throw new RangeError(`无法生成${info.name}的评分：固定分值与等级矛盾`);
  let deficit = total() - rng.int(low, high);
  while (deficit > 0) {
    const candidates: [string, number][] = [];
    for (const item of abilityItems) {
      const score = scores[item.key] ?? 0;
      if (item.key in fixed || score <= (floors[item.key] ?? 0)) continue;
      candidates.push([
        item.key,
        score * profileWeights[profile][item.dimension] * (itemBias[item.key] ?? 1),
      ]);
    }
    const key = rng.weighted(candidates);
    scores[key] = (scores[key] ?? 0) - 1;
    deficit -= 1;
  }
  return scores;
}

const levelWeights: readonly (readonly [AbilityLevel, number])[] = [
  ['intact', 15],
  ['mild', 28],
  ['moderate', 25],
  ['severe', 18],
  ['complete', 14],
];
const ageBands: readonly (readonly [[number, number], number])[] = [
  [[60, 64], 3],
  [[65, 69], 6],
  [[70, 74], 12],
  [[75, 79], 18],
  [[80, 84], 24],
  [[85, 89], 22],
  [[90, 94], 11],
  [[95, 100], 4],
];
const supportWeights: readonly (readonly [SupportType, number])[] = [
  ['social', 82],
  ['extremePoverty', 6],
  ['minimumLiving', 5],
  ['lowIncome', 3],
  ['familyPlanningSpecial', 2],
  ['other', 2],
];
const ethnicities: readonly (readonly [string, number])[] = [
  ['汉族', 92],
  ['回族', 3],
  ['满族', 3],
  ['蒙古族', 1],
  ['朝鲜族', 1],
];

function otherSurname(rng: Rng, not: string): string {
  for (;;) {
    const s = rng.weighted(surnames);
    if (s !== not) return s;
  }
}

function elderGivenName(rng: Rng, sex: Sex, birthYear: number): string {
  const era = eraNames.filter((e) => e.sex === sex && birthYear >= e.from && birthYear <= e.to);
  if (era.length > 0 && rng.chance(0.15)) return rng.pick(era).name;
  return rng.pick(sex === 'male' ? elderMaleNames : elderFemaleNames);
}

type Kin =
  | 'son'
  | 'daughter'
  | 'spouse'
  | 'nephew'
  | 'niece'
  | 'sistersSon'
  | 'grandson'
  | 'granddaughter'
  | 'daughterInLaw'
  | 'sonInLaw';
const kinRelation: Record<Kin, string> = {
  son: '儿子',
  daughter: '女儿',
  spouse: '配偶',
  nephew: '侄子',
  niece: '侄女',
  sistersSon: '外甥',
  grandson: '孙子',
  granddaughter: '孙女',
  daughterInLaw: '儿媳',
  sonInLaw: '女婿',
};

/**
 * Guardians follow Chinese naming: children take the father's surname, so a woman's children
 * usually carry her husband's; 侄子/侄女 are a brother's children (her maiden surname), 外甥 a
 * sister's. 特困 and 失独 residents have no children to call on.
 */
function makeGuardians(
  rng: Rng,
  person: { surname: string; sex: Sex; birthYear: number; age: number; supportType: SupportType },
): DemoGuardian[] {
  const childless = person.supportType === 'extremePoverty' || person.supportType === 'familyPlanningSpecial';
  const familySurname = person.sex === 'male' ? person.surname : otherSurname(rng, person.surname);
  const spouseAlive = person.age < 88 && rng.chance(person.supportType === 'extremePoverty' ? 0 : 0.35);
  const kinWeights: [Kin, number][] = childless
    ? [
        ['nephew', 5],
        ['niece', 3],
        ['sistersSon', 2],
      ]
    : [
        ['son', 36],
        ['daughter', 36],
        ['nephew', 3],
        ['niece', 2],
        ['sistersSon', 2],
        ['grandson', 4],
        ['granddaughter', 3],
        ['daughterInLaw', 2],
        ['sonInLaw', 1],
      ];
  const count = rng.weighted([
    [1, 35],
    [2, 50],
    [3, 15],
  ] as const);
  const chosen: Kin[] = [];
  if (spouseAlive && person.supportType !== 'familyPlanningSpecial' && rng.chance(0.5)) chosen.push('spouse');
  while (chosen.length < count) chosen.push(rng.weighted(kinWeights));
  if (person.supportType === 'familyPlanningSpecial' && spouseAlive) chosen.unshift('spouse');

  const used = new Set<string>();
  const guardians: DemoGuardian[] = [];
  for (const kin of chosen.slice(0, 3)) {
    let name = '';
    for (let attempt = 0; attempt < 20 && (name === '' || used.has(name)); attempt += 1) {
      name = guardianName(rng, kin, person, familySurname);
    }
    if (used.has(name)) continue;
    used.add(name);
    guardians.push({
      name,
      relation: kinRelation[kin],
      phone: makePhone(rng),
      isPrimary: guardians.length === 0,
    });
  }
  return guardians;
}

function guardianName(
  rng: Rng,
  kin: Kin,
  person: { surname: string; sex: Sex; birthYear: number },
  familySurname: string,
): string {
  switch (kin) {
    case 'spouse':
      return person.sex === 'male'
        ? otherSurname(rng, person.surname) + elderGivenName(rng, 'female', person.birthYear + 2)
        : familySurname + elderGivenName(rng, 'male', person.birthYear - 2);
    case 'son':
      return familySurname + rng.pick(childMaleNames);
    case 'daughter':
      return familySurname + rng.pick(childFemaleNames);
    case 'grandson':
      return familySurname + rng.pick(grandchildMaleNames);
    case 'granddaughter':
      return familySurname + rng.pick(grandchildFemaleNames);
    case 'nephew':
      return person.surname + rng.pick(childMaleNames);
    case 'niece':
      return person.surname + rng.pick(childFemaleNames);
    case 'sistersSon':
      return otherSurname(rng, person.surname) + rng.pick(childMaleNames);
    case 'daughterInLaw':
      return otherSurname(rng, familySurname) + rng.pick(childFemaleNames);
    case 'sonInLaw':
      return otherSurname(rng, familySurname) + rng.pick(childMaleNames);
  }
}

function makeAddress(rng: Rng, place: string): string {
  const base = `${place}${rng.pick(streets)}${rng.int(1, 260)}号`;
  return rng.chance(0.6)
    ? `${base}${rng.int(1, 24)}号楼${rng.int(1, 6)}单元${rng.int(1, 7)}0${rng.int(1, 4)}室`
    : base;
}

/**
 * Believable residents for demos, screenshots and benchmarks. The same `seed` and `today` always
 * give the same people; every 身份证号 is valid, unique in the batch and agrees with sex and age.
 */
export function generatePeople(count: number, options: GeneratePeopleOptions): DemoPerson[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError(`count must be a non-negative integer: ${count}`);
  const rng = createRng(options.seed);
  const { today } = options;
  const usedIds = new Set<string>();
  const people: DemoPerson[] = [];

  for (let n = 0; n < count; n += 1) {
    const sex: Sex = rng.chance(0.6) ? 'female' : 'male';
    const [minAge, maxAge] = rng.weighted(ageBands);
    const age = rng.int(minAge, maxAge);
    // Birth dates for a given age run from the day after the (age+1)th birthday back to the age-th.
    const earliest = addDays(addYears(today, -(age + 1)), 1);
    const latest = addYears(today, -age);
    const span = Math.round((fromDate(latest) - fromDate(earliest)) / dayMs);
    const birthDate = addDays(earliest, rng.int(0, span));
    const birthYear = Number(birthDate.slice(0, 4));

    const area = rng.pick(areas);
    let idNumber = '';
    do {
      const sequence = sex === 'male' ? rng.int(0, 499) * 2 + 1 : rng.int(1, 499) * 2;
      idNumber = makeIdNumber(area.code, birthDate, sequence);
    } while (usedIds.has(idNumber));
    usedIds.add(idNumber);

    const surname = rng.weighted(surnames);
    const name = surname + elderGivenName(rng, sex, birthYear);
    const supportType = rng.weighted(supportWeights);

    const level = rng.weighted(levelWeights);
    const levelIndex = abilityLevels.indexOf(level);
    const dementia = levelIndex >= 2 && rng.chance([0, 0, 0.25, 0.35, 0.35][levelIndex] ?? 0);
    const mentalDiagnosis = levelIndex >= 2 && rng.chance(0.05) ? rng.pick(mentalDiagnoses) : null;
    const flags: AbilityFlags = { coma: false, dementia, mentalDisorder: mentalDiagnosis !== null };
    const raised = flags.dementia || flags.mentalDisorder;
    // A raise moves one level more severe, so scores aim one level milder (or stay at 完全失能).
    const baseLevel: AbilityLevel = !raised
      ? level
      : level === 'complete' && rng.chance(0.3)
        ? 'complete'
        : (abilityLevels[levelIndex - 1] ?? level);
    const profile: Profile = dementia ? 'cognitive' : rng.chance(0.7) ? 'physical' : 'mixed';
    const fixed: Record<string, number> = mentalDiagnosis === '抑郁症' ? { '20': 0 } : {};
    const scores = generateAbilityScores(baseLevel, rng, { profile, fixed });
    const careRiskEventsLast30Days = 0;
    const scored = scoreAbility({ scores, flags, careRiskEventsLast30Days });

    const diagnoses: string[] = [];
    for (const d of commonDiagnoses) if ((!d.sex || d.sex === sex) && rng.chance(d.p)) diagnoses.push(d.name);
    for (const d of disablingDiagnoses) if (rng.chance(d.p * levelIndex * 0.6)) diagnoses.push(d.name);
    if (dementia) diagnoses.unshift(rng.pick(dementiaDiagnoses));
    if (mentalDiagnosis) diagnoses.push(mentalDiagnosis);
    if (diagnoses.length === 0 && level !== 'intact') diagnoses.push('高血压');

    const allergies: string[] = [];
    if (rng.chance(0.25)) {
      allergies.push(rng.pick(allergens));
      if (rng.chance(0.25)) {
        const second = rng.pick(allergens);
        if (!allergies.includes(second)) allergies.push(second);
      }
    }

    people.push({
      name,
      sex,
      birthDate,
      age: ageOn(birthDate, today),
      idType: 'resident',
      idNumber,
      ethnicity: rng.weighted(ethnicities),
      address: makeAddress(rng, area.place),
      phone: rng.chance(0.5) && scored.level !== 'complete' ? makePhone(rng) : null,
      supportType,
      guardians: makeGuardians(rng, { surname, sex, birthYear, age, supportType }),
      diagnoses,
      allergies,
      ability: { scores, flags, careRiskEventsLast30Days, level: scored.level },
      appliedOn: addDays(today, -rng.int(0, 1095)),
    });
  }
  return people;
}
