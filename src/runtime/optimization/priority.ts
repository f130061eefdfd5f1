import {
  addExact, decimalFromExact, divideExact, EXACT_ZERO, ExactAmount, MONTHS_PER_YEAR, multiplyExact, parseExactAmount, toDecimalPrecision,
} from './exact-amount';
import { Decimal, maxDecimal, minDecimal, parseAmount, ZERO } from './money';
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
 * sources. An opportunity that saves nothing scores 0. Computed by {@link exactPriorityScore}.
 */
export function priorityScore(opportunity: PriorityInputs): Decimal {
  return decimalFromExact(exactPriorityScore(
    parseExactAmount(opportunity.monthlySavings, 'monthlySavings'),
    parseExactAmount(opportunity.upfrontCost, 'upfrontCost'),
    opportunity.effort,
    opportunity.risk,
  ));
}

const PAYBACK_HALVING = parseExactAmount(PAYBACK_HALVING_MONTHS, 'PAYBACK_HALVING_MONTHS');
const ONE: ExactAmount = { units: 1n, scale: 0 };
const EXACT_RISK_FACTORS = exactFactors(RISK_FACTORS);
const EXACT_EFFORT_FACTORS = exactFactors(EFFORT_FACTORS);

function exactFactors<K extends string>(factors: Readonly<Record<K, string>>): Readonly<Record<K, ExactAmount>> {
  const exact = {} as Record<K, ExactAmount>;
  for (const key of Object.keys(factors) as K[]) {
    exact[key] = parseExactAmount(factors[key], key);
  }
  return exact;
}

/**
 * {@link priorityScore} on exact amounts, without decimal.js objects: each step rounds to 40
 * significant digits as decimal.js does, so the score is the one decimal.js computes.
 */
export function exactPriorityScore(monthlySavings: ExactAmount, upfrontCost: ExactAmount, effort: Effort, risk: Risk): ExactAmount {
  if (monthlySavings.units <= 0n) {
    return EXACT_ZERO;
  }
  const payback = upfrontCost.units <= 0n ? EXACT_ZERO : divideExact(upfrontCost, monthlySavings);
  const paybackDivisor = toDecimalPrecision(addExact(divideExact(payback, PAYBACK_HALVING), ONE));
  const annual = toDecimalPrecision(multiplyExact(monthlySavings, MONTHS_PER_YEAR));
  const riskAdjusted = toDecimalPrecision(multiplyExact(annual, EXACT_RISK_FACTORS[risk]));
  const adjusted = toDecimalPrecision(multiplyExact(riskAdjusted, EXACT_EFFORT_FACTORS[effort]));
  return divideExact(adjusted, paybackDivisor);
}

/**
 * Exact default scores of the opportunities `createOpportunity` built, by object: ranking reads
 * them back instead of parsing the amounts and dividing again. Opportunities are immutable, so a
 * remembered score stays true; a copy or a hand-built opportunity is simply scored anew.
 */
const DEFAULT_SCORES = new WeakMap<PriorityInputs, ExactAmount>();

/** Records the exact {@link priorityScore} of an opportunity just built from these very amounts. */
export function rememberDefaultScore(opportunity: PriorityInputs, score: ExactAmount): void {
  DEFAULT_SCORES.set(opportunity, score);
}

/** The exact {@link priorityScore} `createOpportunity` remembered for this very object, if it built it. */
export function rememberedDefaultScore(opportunity: PriorityInputs): ExactAmount | undefined {
  return DEFAULT_SCORES.get(opportunity);
}

/** The exact {@link priorityScore} of an opportunity: remembered when `createOpportunity` built it, else computed. */
export function exactDefaultScore(opportunity: PriorityInputs): ExactAmount {
  return DEFAULT_SCORES.get(opportunity) ?? exactPriorityScore(
    parseExactAmount(opportunity.monthlySavings, 'monthlySavings'),
    parseExactAmount(opportunity.upfrontCost, 'upfrontCost'),
    opportunity.effort,
    opportunity.risk,
  );
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

/** Points the seed takes off for the work an opportunity needs. */
export const SEED_EFFORT_PENALTIES: Readonly<Record<Effort, number>> = { LOW: 0, MEDIUM: 10, HIGH: 20 };

/** Points the seed takes off for the risk of acting on an opportunity. */
export const SEED_RISK_PENALTIES: Readonly<Record<Risk, number>> = { LOW: 0, MEDIUM: 5, HIGH: 15 };

/** The seed's score of the largest savings: a point per 100 USD a month, up to this. */
export const SEED_MAX_SAVINGS_POINTS = 50;

/**
 * The seed script's priority, for readers who compare with its reports:
 *
 * `max(min(int(monthlySavings / 100), 50) - effortPenalty - riskPenalty, 1)`
 *
 * with `int` truncating toward zero, effort penalties LOW 0, MEDIUM 10, HIGH 20 and risk
 * penalties LOW 0, MEDIUM 5, HIGH 15. Whole numbers from 1 to 50: it stops telling savings
 * apart above 5,000 USD a month, ignores upfront cost, and scores everything below its
 * penalties 1.
 */
export function seedPriorityScore(opportunity: PriorityInputs): Decimal {
  const monthlySavings = parseAmount(opportunity.monthlySavings, 'monthlySavings');
  const savingsPoints = minDecimal(monthlySavings.dividedBy(100).truncated(), new Decimal(SEED_MAX_SAVINGS_POINTS));
  const score = savingsPoints.minus(SEED_EFFORT_PENALTIES[opportunity.effort]).minus(SEED_RISK_PENALTIES[opportunity.risk]);
  return maxDecimal(score, new Decimal(1));
}

/** The name of a priority formula, as the construct passes it in the environment. */
export type PriorityFormulaName = 'risk-adjusted-savings' | 'seed';

/** The priority formulas a pipeline can rank with, by name. */
export const PRIORITY_SCORERS: Readonly<Record<PriorityFormulaName, PriorityScorer>> = {
  'risk-adjusted-savings': priorityScore,
  'seed': seedPriorityScore,
};

/** The formula ranking uses when none is named. */
export const DEFAULT_PRIORITY_FORMULA: PriorityFormulaName = 'risk-adjusted-savings';

/**
 * The scorer of a formula name.
 *
 * @throws on a name that is not a formula, so a misconfigured pipeline fails loudly instead of ranking by another formula
 */
export function priorityScorerNamed(name: string): PriorityScorer {
  if (!Object.prototype.hasOwnProperty.call(PRIORITY_SCORERS, name)) {
    throw new Error(`The priority formula is one of ${Object.keys(PRIORITY_SCORERS).join(', ')}; got ${JSON.stringify(name)}`);
  }
  return PRIORITY_SCORERS[name as PriorityFormulaName];
}
