import type { RatioCategory, RatioResult, StaffingConfig } from '../../shared/contract/staff';

export const defaultStaffingConfig: StaffingConfig = {
  perCaregiver: { dependent: 3, partlyDependent: 6, selfCare: 10 },
  rounding: 'total',
  countedRoles: ['caregiver'],
  excludeOnLeave: false,
  uncategorisedAs: 'dependent',
};

export type ResidentCounts = Record<RatioCategory | 'uncategorised', number>;

const categories: readonly RatioCategory[] = ['dependent', 'partlyDependent', 'selfCare'];

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** ⌈a ÷ b⌉ for non-negative integers, without floating point. */
function ceilDiv(a: number, b: number): number {
  return Math.floor((a + b - 1) / b);
}

/**
 * Caregivers required for the residents, by exact rational arithmetic: Σ nᶜ ÷ pᶜ is brought to the
 * common denominator lcm(p) and rounded up once (`total`), or each nᶜ ÷ pᶜ is rounded up before
 * adding (`perCategory`). Floating point would make 6 ÷ 3 + 3 ÷ 6 + … drift past a whole number and
 * ask for a caregiver too many.
 */
export function requiredCaregivers(
  counts: Record<RatioCategory, number>,
  perCaregiver: Record<RatioCategory, number>,
  rounding: StaffingConfig['rounding'],
): number {
  if (rounding === 'perCategory') {
    return categories.reduce((sum, c) => sum + ceilDiv(counts[c], perCaregiver[c]), 0);
  }
  const lcm = categories.reduce((l, c) => (l * perCaregiver[c]) / gcd(l, perCaregiver[c]), 1);
  const numerator = categories.reduce((sum, c) => sum + counts[c] * (lcm / perCaregiver[c]), 0);
  return ceilDiv(numerator, lcm);
}

/** The ratio for one day: residents by category (uncategorised counted as configured) against FTE. */
export function computeRatio(input: {
  on: string;
  config: StaffingConfig;
  residents: ResidentCounts;
  /** Sum of counted staff's FTE in thousandths (exact: 0.5 + 0.5 is 1). */
  availableMilli: number;
  /** No counted staff on the books yet (see `RatioResult.rosterEmpty`). */
  rosterEmpty?: boolean;
}): RatioResult {
  const { config, residents, availableMilli } = input;
  const counted: Record<RatioCategory, number> = {
    dependent: residents.dependent,
    partlyDependent: residents.partlyDependent,
    selfCare: residents.selfCare,
  };
  counted[config.uncategorisedAs] += residents.uncategorised;
  const required = requiredCaregivers(counted, config.perCaregiver, config.rounding);
  const shortMilli = Math.max(0, required * 1000 - availableMilli);
  return {
    on: input.on,
    rounding: config.rounding,
    perCaregiver: { ...config.perCaregiver },
    residents: { ...residents },
    required,
    available: availableMilli / 1000,
    compliant: shortMilli === 0,
    shortfall: shortMilli / 1000,
    ...(input.rosterEmpty ? { rosterEmpty: true as const } : {}),
  };
}
