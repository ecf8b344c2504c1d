import { z } from 'zod';
import {
  abilityLevels,
  careCategories,
  careCategoryMappingSchema,
  defaultAbilityAdjustmentRules,
  defaultCareCategoryMapping,
  type CareCategory,
} from '../../shared/assessment/ability';
import type { ParsedInputOf } from '../../shared/contract';
import type { ResidentsConfig } from '../../shared/contract/residents';
import { AppError, type FieldError } from '../../shared/errors';
import {
  defaultArchiveRetentionYears,
  defaultWaitingPriorityRules,
  supportTypes,
  type WaitingPriorityRule,
} from '../../shared/residents/lifecycle';
import type { Sql } from '../db/sql';
import type { ResidentsTables } from './tables';

export const defaultResidentsConfig: ResidentsConfig = {
  careCategoryMapping: defaultCareCategoryMapping,
  // Keys are what staff say ("他是二级"), so a key shown without its name still reads right.
  careGrades: [
    { key: '三级', name: '三级护理' },
    { key: '二级', name: '二级护理' },
    { key: '一级', name: '一级护理' },
    { key: '特级', name: '特级护理' },
  ],
  categoryGrade: { selfCare: '三级', partlyDependent: '二级', dependent: '一级' },
  roomClasses: ['单人间', '双人间', '三人间', '多人间'],
  admissionAssessmentMaxAgeDays: 30,
  reassessmentMonths: 12,
  archiveRetentionYears: defaultArchiveRetentionYears,
  waitingPriorityRules: defaultWaitingPriorityRules,
  attachmentMaxBytes: 10 * 1024 * 1024,
  careRiskEventThreshold: defaultAbilityAdjustmentRules.careRiskEventThreshold,
  stackRaises: defaultAbilityAdjustmentRules.stackRaises,
  minAssessors: 1,
};

export const waitingPriorityRuleSchema: z.ZodType<WaitingPriorityRule> = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('supportType'),
    first: z.array(z.enum(supportTypes)).min(1, '请至少选择一种供养类型').max(supportTypes.length),
  }),
  z.object({
    kind: z.literal('careCategory'),
    first: z.array(z.enum(careCategories)).min(1, '请至少选择一种护理类别').max(careCategories.length),
  }),
  z.object({ kind: z.literal('appliedOn') }),
]);

/** How each stored key is checked when read back; a value that no longer fits falls back to the default. */
const storedSchemas: { [K in keyof ResidentsConfig]-?: z.ZodType<ResidentsConfig[K]> } = {
  careCategoryMapping: careCategoryMappingSchema,
  careGrades: z.array(z.object({ key: z.string().min(1), name: z.string().min(1) })).min(1),
  categoryGrade: z.object({ selfCare: z.string(), partlyDependent: z.string(), dependent: z.string() }),
  roomClasses: z.array(z.string().min(1)).min(1),
  admissionAssessmentMaxAgeDays: z.number().int().min(1),
  reassessmentMonths: z.number().int().min(1),
  archiveRetentionYears: z.number().int().min(5),
  waitingPriorityRules: z.array(waitingPriorityRuleSchema),
  attachmentMaxBytes: z.number().int().positive(),
  careRiskEventThreshold: z.number().int().min(1),
  stackRaises: z.boolean(),
  minAssessors: z.union([z.literal(1), z.literal(2)]),
};

export type ConfigPatch = ParsedInputOf<'residents.updateConfig'>;

export interface ConfigUsage {
  /** Care-grade keys residents are individually set to, with how many. */
  overriddenGrades(): Map<string, number>;
  roomClassesInUse(): Set<string>;
}

export function createResidentsConfig(sql: Sql<ResidentsTables>) {
  const { qb } = sql;

  /** Remembered until the next write: the list, the board and every detail read it. */
  function get(): ResidentsConfig {
    return sql.remember('residents.config', read);
  }

  function read(): ResidentsConfig {
    const stored = new Map(
      sql.all(qb.selectFrom('residents_config').select(['key', 'value'])).map((r) => [r.key, r.value]),
    );
    const out: Record<string, unknown> = { ...defaultResidentsConfig };
    for (const key of Object.keys(defaultResidentsConfig) as Array<keyof ResidentsConfig>) {
      const raw = stored.get(key);
      if (raw === undefined) continue;
      const parsed = storedSchemas[key].safeParse(JSON.parse(raw));
      if (parsed.success) out[key] = parsed.data;
    }
    return out as unknown as ResidentsConfig;
  }

  /**
   * Validates a patch against the current config and what is in use, and stores it. Returns the
   * config before and after so the caller can re-derive categories and audit.
   */
  function update(
    patch: ConfigPatch,
    usage: ConfigUsage,
    now: Date,
  ): { before: ResidentsConfig; after: ResidentsConfig } {
    const before = get();
    const next: ResidentsConfig = { ...before };
    const errors: FieldError[] = [];

    if (patch.careCategoryMapping) {
      const unknown = Object.keys(patch.careCategoryMapping).filter(
        (k) => !(abilityLevels as readonly string[]).includes(k),
      );
      for (const k of unknown) {
        errors.push({
          path: `careCategoryMapping.${k}`,
          message: `没有「${k}」这个能力等级，请从五个能力等级中选择`,
        });
      }
      next.careCategoryMapping = careCategoryMappingSchema.parse({
        ...before.careCategoryMapping,
        ...pick(patch.careCategoryMapping),
      });
    }
    if (patch.careGrades) {
      const keys = patch.careGrades.map((g) => g.key);
      const dup = keys.find((k, i) => keys.indexOf(k) !== i);
      if (dup)
        errors.push({ path: 'careGrades', message: `护理等级代码「${dup}」重复了，每个等级的代码必须不同` });
      for (const [grade, count] of usage.overriddenGrades()) {
        if (!keys.includes(grade)) {
          errors.push({
            path: 'careGrades',
            message: `护理等级「${grade}」仍有 ${count} 位老人单独使用，不能删除；请先调整这些老人的护理等级`,
          });
        }
      }
      next.careGrades = patch.careGrades;
    }
    if (patch.categoryGrade) next.categoryGrade = { ...before.categoryGrade, ...patch.categoryGrade };
    const gradeKeys = next.careGrades.map((g) => g.key);
    for (const category of careCategories) {
      const grade = next.categoryGrade[category];
      if (!gradeKeys.includes(grade)) {
        errors.push({
          path: `categoryGrade.${category}`,
          message: `护理类别对应的护理等级「${grade}」不在护理等级列表中，请重新选择`,
        });
      }
    }
    if (patch.roomClasses) {
      const dup = patch.roomClasses.find((c, i) => patch.roomClasses!.indexOf(c) !== i);
      if (dup) errors.push({ path: 'roomClasses', message: `房型「${dup}」重复了` });
      for (const used of usage.roomClassesInUse()) {
        if (!patch.roomClasses.includes(used)) {
          errors.push({
            path: 'roomClasses',
            message: `房型「${used}」仍有房间在使用，不能删除；请先修改这些房间的房型`,
          });
        }
      }
      next.roomClasses = patch.roomClasses;
    }
    if (patch.admissionAssessmentMaxAgeDays !== undefined)
      next.admissionAssessmentMaxAgeDays = patch.admissionAssessmentMaxAgeDays;
    if (patch.reassessmentMonths !== undefined) next.reassessmentMonths = patch.reassessmentMonths;
    if (patch.archiveRetentionYears !== undefined) next.archiveRetentionYears = patch.archiveRetentionYears;
    if (patch.careRiskEventThreshold !== undefined)
      next.careRiskEventThreshold = patch.careRiskEventThreshold;
    if (patch.stackRaises !== undefined) next.stackRaises = patch.stackRaises;
    if (patch.minAssessors !== undefined) next.minAssessors = patch.minAssessors;
    if (patch.waitingPriorityRules) {
      const rules: WaitingPriorityRule[] = [];
      patch.waitingPriorityRules.forEach((raw, i) => {
        const parsed = waitingPriorityRuleSchema.safeParse(raw);
        if (parsed.success) rules.push(parsed.data);
        else
          errors.push({
            path: `waitingPriorityRules.${i}`,
            message: '轮候排序规则不完整，请重新选择排序依据',
          });
      });
      next.waitingPriorityRules = rules;
    }

    if (errors.length > 0) {
      throw new AppError('VALIDATION', errors[0]!.message, { fieldErrors: errors });
    }
    for (const key of Object.keys(next) as Array<keyof ResidentsConfig>) {
      const value = JSON.stringify(next[key]);
      if (value === JSON.stringify(before[key])) continue;
      sql.run(
        qb
          .insertInto('residents_config')
          .values({ key, value, updated_at: now.toISOString() })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() })),
      );
    }
    return { before, after: get() };
  }

  return { get, update };
}

function pick(mapping: Record<string, CareCategory>): Record<string, CareCategory> {
  return Object.fromEntries(
    Object.entries(mapping).filter(([k]) => (abilityLevels as readonly string[]).includes(k)),
  );
}

export type ResidentsConfigService = ReturnType<typeof createResidentsConfig>;

/** The GB/T 42195 level-raising rules the institution chose (shared with the assessment form). */
export { abilityAdjustmentRulesOf } from '../../shared/assessment/ability';

/** The grade a resident is billed and staffed at: the override, or the category's default grade. */
export function careGradeFor(
  config: ResidentsConfig,
  category: string | null,
  override: string | null,
): string | null {
  if (override) return override;
  if (!category) return null;
  return config.categoryGrade[category as CareCategory] ?? null;
}
