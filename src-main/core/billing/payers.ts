import {
  shareKindLabels,
  type BillLine,
  type BillingConfig,
  type FeeKind,
  type PayerKind,
  type PayerShare,
} from '../../shared/contract/billing/types';
import { proRated, roundHalfUp } from './prorate';

export interface PayerRule {
  kind: PayerKind;
  name: string;
  /** Share of each covered line, in percent (may have decimals, e.g. 70 or 62.5). */
  percent?: number | null;
  /** At most this much in a month, over all covered lines. */
  capFen?: number | null;
  /** A fixed amount per month, pro-rated by the days in residence like a fee. */
  fixedFen?: number | null;
  itemKinds: FeeKind[];
  from: string;
  /** Inclusive; null while it lasts. */
  to?: string | null;
}

const payerOrder: Record<PayerKind, number> = { ltcInsurance: 0, subsidy: 1, other: 2 };

function covers(payer: PayerRule, line: Pick<BillLine, 'from' | 'to'>): boolean {
  return payer.from <= line.to && (payer.to === null || payer.to === undefined || payer.to >= line.from);
}

/** Percent as an exact fraction: 62.5 → 625/1000. */
function percentOf(amountFen: number, percent: number): number {
  const scaled = Math.round(percent * 1000);
  return roundHalfUp(amountFen * scaled, 100_000);
}

/**
 * Splits each line between its payers: long-term-care insurance first (a percentage of the lines it
 * covers, at most its cap per month), then subsidies (a fixed monthly amount pro-rated by the days in
 * residence, spread over the lines they cover), then other payers; the resident pays the rest. The
 * shares of a line always add up to the line exactly, and no share is negative.
 */
export function splitPayers(
  lines: Array<Omit<BillLine, 'payerShares'>>,
  payers: readonly PayerRule[],
  month: string,
  daysInResidence: number,
  proRate: BillingConfig['proRate'],
): BillLine[] {
  const out: BillLine[] = lines.map((l) => ({ ...l, payerShares: [] }));
  const left = out.map((l) => l.amountFen);
  const sorted = [...payers].sort((a, b) => payerOrder[a.kind] - payerOrder[b.kind]);
  for (const payer of sorted) {
    const kinds = new Set(payer.itemKinds);
    const covered = out.map((l, i) => ({ l, i })).filter(({ l }) => kinds.has(l.kind) && covers(payer, l));
    if (covered.length === 0) continue;
    // A fixed amount is a monthly budget to spread; a percentage is per line, up to the cap.
    let budget =
      payer.fixedFen !== null && payer.fixedFen !== undefined
        ? proRated(payer.fixedFen, daysInResidence, month, proRate).amountFen
        : Infinity;
    if (payer.capFen !== null && payer.capFen !== undefined) budget = Math.min(budget, payer.capFen);
    for (const { l, i } of covered) {
      const wanted =
        payer.percent !== null && payer.percent !== undefined
          ? percentOf(l.amountFen, payer.percent)
          : left[i]!;
      const share = Math.max(0, Math.min(wanted, left[i]!, budget));
      if (share === 0) continue;
      left[i]! -= share;
      budget -= share;
      l.payerShares.push({ kind: payer.kind, name: payer.name, amountFen: share });
    }
  }
  out.forEach((l, i) => {
    const resident: PayerShare = { kind: 'resident', name: shareKindLabels.resident, amountFen: left[i]! };
    l.payerShares.push(resident);
  });
  return out;
}
