import { Decimal, minDecimal, parseAmount, ZERO } from './money';
import type { Effort, Opportunity, Risk } from './opportunity';

/** The fields a priority formula reads. */
export type PriorityInputs = Pick<Opportunity, 'monthlySavings' | 'savingsPercentage' | 'upfrontCost' | 'effort' | 'risk'>;

/** A priority formula: larger is more urgent. */
export type PriorityScorer = (opportunity: PriorityInputs) => Decimal;

/**
 * Share of the savings expected to survive the risk: a HIGH-risk change (irreversible, or a
 * multi-year commitment) is often not made or is rolled back, so half its savings are counted.
 */
export const RISK_FACTORS: Readonly<Record<Risk, string>> = { LOW: '1', MEDIUM: '0.75', HIGH: '0.5' };

/** Share of the savings left after the work: engineering time is not free, and busy teams defer hard changes. */
export const EFFORT_FACTORS: Readonly<Record<Effort, string>> = { LOW: '1', MEDIUM: '0.8', HIGH: '0.6' };

/** Payback, in months, that halves a score: a year of tied-up cash is as bad as a coin-flip risk. */
export const PAYBACK_HALVING_MONTHS = '12';

/**
 * The default priority: risk- and effort-adjusted annual savings, penalized by payback.
 *
 * `score = monthlySavings * 12 * RISK_FACTORS[risk] * EFFORT_FACTORS[effort] / (1 + paybackMonths / 12)`
 *
 * with `paybackMonths = upfrontCost / monthlySavings` (0 without upfront cost). The result is
 * in dollars per year, so scores read as "what this is really worth" and compare across
 * sources. An opportunity that saves nothing scores 0.
 */
export function priorityScore(opportunity: PriorityInputs): Decimal {
  const monthlySavings = parseAmount(opportunity.monthlySavings, 'monthlySavings');
  if (monthlySavings.lessThanOrEqualTo(0)) {
    return ZERO;
  }
  const payback = paybackMonths(parseAmount(opportunity.upfrontCost, 'upfrontCost'), monthlySavings) ?? ZERO;
  const paybackDivisor = payback.dividedBy(PAYBACK_HALVING_MONTHS).plus(1);
  return monthlySavings
    .times(12)
    .times(RISK_FACTORS[opportunity.risk])
    .times(EFFORT_FACTORS[opportunity.effort])
    .dividedBy(paybackDivisor);
}

/**
 * Months of savings needed to recover an upfront cost: 0 without upfront cost, undefined
 * when nothing is saved (never recovered).
 */
export function paybackMonths(upfrontCost: Decimal, monthlySavings: Decimal): Decimal | undefined {
  if (upfrontCost.lessThanOrEqualTo(0)) {
    return ZERO;
  }
  return monthlySavings.greaterThan(0) ? upfrontCost.dividedBy(monthlySavings) : undefined;
}

/** The seed's effort scores. */
export const SEED_EFFORT_SCORES: Readonly<Record<Effort, number>> = { LOW: 100, MEDIUM: 60, HIGH: 30 };

/**
 * The seed script's priority, kept for comparison with its reports:
 *
 * `savings_percentage * 0.4 + min(monthly_savings / 1000, 1) * 100 * 0.4 + effort_score * 0.2`
 *
 * with effort_score LOW=100, MEDIUM=60, HIGH=30. It ignores risk and upfront cost, and stops
 * telling savings apart above 1000 USD a month.
 */
export function seedPriorityScore(opportunity: PriorityInputs): Decimal {
  const savingsPercentage = parseAmount(opportunity.savingsPercentage, 'savingsPercentage');
  const monthlySavings = parseAmount(opportunity.monthlySavings, 'monthlySavings');
  return savingsPercentage
    .times('0.4')
    .plus(minDecimal(monthlySavings.dividedBy(1000), new Decimal(1)).times(100).times('0.4'))
    .plus(new Decimal(SEED_EFFORT_SCORES[opportunity.effort]).times('0.2'));
}
