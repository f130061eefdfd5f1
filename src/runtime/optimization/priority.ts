import {
  addExact, decimalFromExact, divideExact, EXACT_ZERO, ExactAmount, MONTHS_PER_YEAR, multiplyExact, parseExactAmount, toDecimalPrecision,
} from './exact-amount';
import { FIXED_SCALE, multiplyFixed, parseFixedAmount } from './fixed-amount';
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

/** Factors as integers of `10^-decimals` (`"0.75"` is 75 hundredths): read from the factor tables, so the two never drift apart. */
function integerFactors<K extends string>(factors: Readonly<Record<K, string>>, decimals: number): Readonly<Record<K, number>> {
  const integers = {} as Record<K, number>;
  for (const key of Object.keys(factors) as K[]) {
    const units = parseFixedAmount(factors[key])! / 10 ** (FIXED_SCALE - decimals);
    if (!Number.isInteger(units)) {
      throw new Error(`The factor ${key} (${factors[key]}) has more than ${decimals} decimals`);
    }
    integers[key] = units;
  }
  return integers;
}

const RISK_HUNDREDTHS = integerFactors(RISK_FACTORS, 2);
const EFFORT_TENTHS = integerFactors(EFFORT_FACTORS, 1);

/** Decimals of a {@link fixedPriorityScore}: the amounts' micro-units, then hundredths and tenths of the factors. */
export const FIXED_SCORE_SCALE = FIXED_SCALE + 3;

/**
 * {@link priorityScore} of fixed amounts (see fixed-amount.ts), in units of 10^-9, when there is no
 * upfront cost: then the payback divisor is exactly 1 and the score is `savings * 12 * risk * effort`,
 * an integer product that decimal.js computes without rounding too. Undefined with an upfront cost
 * or past the fixed range: the caller takes {@link exactPriorityScore}.
 */
export function fixedPriorityScore(monthlySavings: number, upfrontCost: number, effort: Effort, risk: Risk): number | undefined {
  if (monthlySavings <= 0) {
    return 0;
  }
  if (upfrontCost > 0) {
    return undefined;
  }
  const annual = multiplyFixed(monthlySavings, 12);
  const riskAdjusted = annual === undefined ? undefined : multiplyFixed(annual, RISK_HUNDREDTHS[risk]);
  return riskAdjusted === undefined ? undefined : multiplyFixed(riskAdjusted, EFFORT_TENTHS[effort]);
}

/** The exact {@link priorityScore} of an opportunity. */
export function exactDefaultScore(opportunity: PriorityInputs): ExactAmount {
  return exactPriorityScore(
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
