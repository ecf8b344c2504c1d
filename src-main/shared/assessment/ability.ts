import { z } from 'zod';
import itemBankJson from '../../../resources/assessment/gbt42195-ability-items.json';

export const abilityDimensions = ['selfCare', 'mobility', 'mental', 'perceptionSocial'] as const;
export type AbilityDimension = (typeof abilityDimensions)[number];

/** Ordered from most able to least able; "raising" a level moves one step to the right. */
export const abilityLevels = ['intact', 'mild', 'moderate', 'severe', 'complete'] as const;
export type AbilityLevel = (typeof abilityLevels)[number];

export interface AbilityItemOption {
  score: number;
  description: string;
}

export interface AbilityItem {
  /** "1"…"26", the item's number in GB/T 42195-2022 Appendix B. */
  key: string;
  name: string;
  nameEn: string;
  dimension: AbilityDimension;
  definition: string;
  /** Highest score first; a higher score means more able. */
  options: AbilityItemOption[];
}

export interface AbilityDimensionInfo {
  key: AbilityDimension;
  name: string;
  nameEn: string;
  max: number;
}

export interface AbilityLevelInfo {
  key: AbilityLevel;
  name: string;
  nameEn: string;
  minTotal: number;
  maxTotal: number;
}

const itemBankSchema = z.object({
  standard: z.string(),
  title: z.string(),
  titleEn: z.string(),
  note: z.string(),
  dimensions: z.array(
    z.object({ key: z.enum(abilityDimensions), name: z.string(), nameEn: z.string(), max: z.number().int() }),
  ),
  levels: z.array(
    z.object({
      key: z.enum(abilityLevels),
      name: z.string(),
      nameEn: z.string(),
      minTotal: z.number().int(),
      maxTotal: z.number().int(),
    }),
  ),
  items: z.record(
    z.string(),
    z.object({
      key: z.string(),
      name: z.string(),
      nameEn: z.string(),
      dimension: z.enum(abilityDimensions),
      definition: z.string(),
      options: z.array(z.object({ score: z.number().int().min(0), description: z.string() })).min(2),
    }),
  ),
});

// Parsing at load turns the JSON's widened strings into the unions above, and a damaged resource
// file fails at start-up instead of mis-scoring a resident.
const bank = itemBankSchema.parse(itemBankJson);

export const abilityStandard = { code: bank.standard, title: bank.title, titleEn: bank.titleEn } as const;

/** The 26 items in the standard's order. */
export const abilityItems: readonly AbilityItem[] = Array.from({ length: 26 }, (_, i) => {
  const item = bank.items[String(i + 1)];
  if (!item) throw new Error(`能力评估条目缺失：第${i + 1}项`);
  return item;
});

export const abilityItemKeys: readonly string[] = abilityItems.map((i) => i.key);

export function abilityItem(key: string): AbilityItem | undefined {
  return abilityItems.find((i) => i.key === key);
}

/** Highest allowed score of an item (lowest is always 0). */
export function itemMaxScore(item: AbilityItem): number {
  return Math.max(...item.options.map((o) => o.score));
}

export const abilityDimensionInfo: Record<AbilityDimension, AbilityDimensionInfo> = Object.fromEntries(
  abilityDimensions.map((key) => {
    const d = bank.dimensions.find((x) => x.key === key);
    if (!d) throw new Error(`能力评估维度缺失：${key}`);
    return [key, d];
  }),
) as Record<AbilityDimension, AbilityDimensionInfo>;

export const abilityLevelInfo: Record<AbilityLevel, AbilityLevelInfo> = Object.fromEntries(
  abilityLevels.map((key) => {
    const l = bank.levels.find((x) => x.key === key);
    if (!l) throw new Error(`能力等级缺失：${key}`);
    return [key, l];
  }),
) as Record<AbilityLevel, AbilityLevelInfo>;

export const abilityLevelLabels: Record<AbilityLevel, { zh: string; en: string }> = Object.fromEntries(
  abilityLevels.map((key) => [key, { zh: abilityLevelInfo[key].name, en: abilityLevelInfo[key].nameEn }]),
) as Record<AbilityLevel, { zh: string; en: string }>;

export const abilityMaxTotal = abilityDimensions.reduce((s, d) => s + abilityDimensionInfo[d].max, 0);

/** The level a total score falls into before any adjustment. */
export function levelForTotal(total: number): AbilityLevel {
  const found = abilityLevels.find(
    (key) => total >= abilityLevelInfo[key].minTotal && total <= abilityLevelInfo[key].maxTotal,
  );
  if (!found) throw new RangeError(`能力评估总分 ${total} 超出 0–${abilityMaxTotal} 的范围`);
  return found;
}

export interface AbilityFlags {
  /** 处于昏迷状态. */
  coma: boolean;
  /** 确诊为痴呆 (ICD-10 F00–F03). */
  dementia: boolean;
  /** 精神科专科医生诊断的其他精神和行为障碍 (F04–F99). */
  mentalDisorder: boolean;
}

export interface AbilityInput {
  /** Item key "1"…"26" → score. */
  scores: Record<string, number>;
  flags: AbilityFlags;
  /** 照护风险事件 (fall, choking, self-harm, wandering…) in the 30 days before the assessment. */
  careRiskEventsLast30Days: number;
}

export type AbilityAdjustment = 'none' | 'coma' | 'raisedOneLevel' | 'raisedTwoLevels';

export interface AbilityResult {
  dimensionTotals: Record<AbilityDimension, number>;
  total: number;
  /** Level by total score alone. */
  baseLevel: AbilityLevel;
  /** Level after the standard's adjustments: the one care decisions use. */
  level: AbilityLevel;
  adjustment: AbilityAdjustment;
  /**
   * Every adjustment condition that held, in Chinese, for the report, including ones that could
   * not change the level because it was already 完全失能.
   */
  adjustmentReasons: string[];
}

/**
 * How the standard's level-change rules are read. The text says each condition raises "one
 * level" but not whether a dementia diagnosis and repeated risk events together raise two, so
 * this is a setting (REFERENCE §2.1 marks it "verify").
 */
export interface AbilityAdjustmentRules {
  /** Risk events in 30 days from which the level is raised. */
  careRiskEventThreshold: number;
  /** Whether the diagnosis clause and the risk-event clause each raise a level (at most two). */
  stackRaises: boolean;
}

export const defaultAbilityAdjustmentRules: AbilityAdjustmentRules = {
  careRiskEventThreshold: 2,
  stackRaises: false,
};

/**
 * Scores a GB/T 42195-2022 assessment. Throws `RangeError` for a missing or out-of-range score:
 * inputs from users go through `abilityInputSchema` first, so reaching that is a programming error.
 */
export function scoreAbility(
  input: AbilityInput,
  rules: AbilityAdjustmentRules = defaultAbilityAdjustmentRules,
): AbilityResult {
  const dimensionTotals: Record<AbilityDimension, number> = {
    selfCare: 0,
    mobility: 0,
    mental: 0,
    perceptionSocial: 0,
  };
  for (const item of abilityItems) {
    const score = input.scores[item.key];
    if (score === undefined || !item.options.some((o) => o.score === score)) {
      throw new RangeError(`第${item.key}项「${item.name}」的分值无效：${String(score)}`);
    }
    dimensionTotals[item.dimension] += score;
  }
  const total = abilityDimensions.reduce((s, d) => s + dimensionTotals[d], 0);
  const baseLevel = levelForTotal(total);

  if (input.flags.coma) {
    return {
      dimensionTotals,
      total,
      baseLevel,
      level: 'complete',
      adjustment: 'coma',
      adjustmentReasons: ['处于昏迷状态，直接评定为完全失能'],
    };
  }

  const reasons: string[] = [];
  let clauses = 0;
  if (input.flags.dementia || input.flags.mentalDisorder) {
    clauses += 1;
    if (input.flags.dementia) reasons.push('确诊为痴呆');
    if (input.flags.mentalDisorder) reasons.push('经精神科专科医生诊断患有其他精神和行为障碍疾病');
  }
  if (input.careRiskEventsLast30Days >= rules.careRiskEventThreshold) {
    clauses += 1;
    reasons.push(`近30天内发生过${input.careRiskEventsLast30Days}次照护风险事件`);
  }
  const wanted = rules.stackRaises ? clauses : Math.min(clauses, 1);
  const baseIndex = abilityLevels.indexOf(baseLevel);
  const index = Math.min(baseIndex + wanted, abilityLevels.length - 1);
  const level = abilityLevels[index] ?? 'complete';
  const raised = index - baseIndex;
  return {
    dimensionTotals,
    total,
    baseLevel,
    level,
    adjustment: raised === 0 ? 'none' : raised === 1 ? 'raisedOneLevel' : 'raisedTwoLevels',
    adjustmentReasons: reasons,
  };
}

function itemRangeMessage(item: AbilityItem): string {
  return `第${item.key}项「${item.name}」的分值应在 0–${itemMaxScore(item)} 之间`;
}

/**
 * All 26 item scores, each an integer within its item's range. Nested under `scores` the
 * messages land at `scores.<key>`, e.g. "第3项「洗澡」的分值应在 0–4 之间".
 */
export const abilityScoresSchema = z.strictObject(
  Object.fromEntries(
    abilityItems.map((item) => [
      item.key,
      z
        .number({
          error: (iss) =>
            iss.input === undefined
              ? `第${item.key}项「${item.name}」尚未评分，请选择分值`
              : itemRangeMessage(item),
        })
        .int({ error: itemRangeMessage(item), abort: true })
        .min(0, { error: itemRangeMessage(item) })
        .max(itemMaxScore(item), { error: itemRangeMessage(item) }),
    ]),
  ),
  {
    error: (iss) =>
      iss.code === 'unrecognized_keys' ? `评估表中没有这些条目：${iss.keys.join('、')}` : undefined,
  },
);

export const abilityFlagsSchema = z.object({
  coma: z.boolean(),
  dementia: z.boolean(),
  mentalDisorder: z.boolean(),
});

/** The scoring input as a form or procedure receives it. */
export const abilityInputSchema = z
  .object({
    scores: abilityScoresSchema,
    flags: abilityFlagsSchema,
    careRiskEventsLast30Days: z
      .number()
      .int({ error: '照护风险事件次数应为整数' })
      .min(0, { error: '照护风险事件次数不能为负数' })
      .max(100, { error: '照护风险事件次数不能超过100次，请核对' }),
  })
  .superRefine((value, ctx) => {
    // A comatose person cannot score above 0 on 意识水平; catching it here stops a ticked box
    // from silently overriding an otherwise clear record.
    const consciousness = value.scores['21'];
    if (value.flags.coma && consciousness !== undefined && consciousness !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['scores', '21'],
        message: '已勾选「处于昏迷状态」，第21项「意识水平」应为0分，请核对',
      });
    }
  });

export const abilityAssessmentReasons = ['initial', 'routine', 'changed', 'review', 'other'] as const;
export type AbilityAssessmentReason = (typeof abilityAssessmentReasons)[number];
export const abilityAssessmentReasonLabels: Record<AbilityAssessmentReason, { zh: string; en: string }> = {
  initial: { zh: '首次评估', en: 'Initial' },
  routine: { zh: '常规评估', en: 'Routine' },
  changed: { zh: '即时评估（状况变化）', en: 'Condition changed' },
  review: { zh: '复评（对结果有异议）', en: 'Review of a disputed result' },
  other: { zh: '其他', en: 'Other' },
};

export const careCategories = ['selfCare', 'partlyDependent', 'dependent'] as const;
export type CareCategory = (typeof careCategories)[number];

export const careCategoryLabels: Record<
  CareCategory,
  { zh: string; en: string; /** antd Tag preset colour */ color: string; hex: string }
> = {
  selfCare: { zh: '自理', en: 'Self-care', color: 'green', hex: '#389e0d' },
  partlyDependent: { zh: '半失能', en: 'Partly dependent', color: 'orange', hex: '#d46b08' },
  dependent: { zh: '失能', en: 'Dependent', color: 'red', hex: '#cf1322' },
};

export type CareCategoryMapping = Record<AbilityLevel, CareCategory>;

/** REFERENCE §2.2 default; institutions may change it in Settings. */
export const defaultCareCategoryMapping: CareCategoryMapping = {
  intact: 'selfCare',
  mild: 'partlyDependent',
  moderate: 'partlyDependent',
  severe: 'dependent',
  complete: 'dependent',
};

export const careCategoryMappingSchema = z.object({
  intact: z.enum(careCategories),
  mild: z.enum(careCategories),
  moderate: z.enum(careCategories),
  severe: z.enum(careCategories),
  complete: z.enum(careCategories),
});

export function careCategoryForLevel(
  level: AbilityLevel,
  mapping: CareCategoryMapping = defaultCareCategoryMapping,
): CareCategory {
  return mapping[level];
}

/**
 * The parts of the institution's settings that decide a level and its category (`ResidentsConfig`
 * has them all). Missing rule fields fall back to the standard's defaults.
 */
export interface AbilityRulesConfig {
  careCategoryMapping: CareCategoryMapping;
  careRiskEventThreshold?: number | undefined;
  stackRaises?: boolean | undefined;
}

/** The level-raising rules the institution chose, for `scoreAbility`. */
export function abilityAdjustmentRulesOf(
  config: Pick<AbilityRulesConfig, 'careRiskEventThreshold' | 'stackRaises'>,
): AbilityAdjustmentRules {
  return {
    careRiskEventThreshold:
      config.careRiskEventThreshold ?? defaultAbilityAdjustmentRules.careRiskEventThreshold,
    stackRaises: config.stackRaises ?? defaultAbilityAdjustmentRules.stackRaises,
  };
}

/**
 * Scores an assessment under the institution's rules and maps the level to its care category.
 * The core stores exactly this and the assessment form previews exactly this, so what the
 * assessor sees before saving is what is saved.
 */
export function assessAbility(
  input: AbilityInput,
  config: AbilityRulesConfig,
): AbilityResult & { careCategory: CareCategory } {
  const result = scoreAbility(input, abilityAdjustmentRulesOf(config));
  return { ...result, careCategory: careCategoryForLevel(result.level, config.careCategoryMapping) };
}

export const abilityLevelColors: Record<AbilityLevel, { color: string; hex: string }> = {
  intact: { color: 'green', hex: '#389e0d' },
  mild: { color: 'gold', hex: '#d48806' },
  moderate: { color: 'orange', hex: '#d46b08' },
  severe: { color: 'volcano', hex: '#d4380d' },
  complete: { color: 'red', hex: '#cf1322' },
};
