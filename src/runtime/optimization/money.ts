// decimal.js is bundled into each handler when the library builds, so a devDependency is enough.
// eslint-disable-next-line import/no-extraneous-dependencies
import DecimalJs from 'decimal.js';

/**
 * decimal.js configured for money, isolated from the global `Decimal` other code may configure.
 *
 * 40 significant digits keep sums of tens of thousands of amounts exact (AWS sends up to
 * ~15 significant digits); half-up rounding is what readers of a cost report expect when
 * an amount is shown in cents.
 */
export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
/** An exact decimal number (money, percentages, scores). */
export type Decimal = DecimalJs;

/** Zero, shared because it is used as the start of every sum. */
export const ZERO = new Decimal(0);

/** Thrown when an AWS amount is not a decimal number: the source is reported as failed rather than mis-summed. */
export class InvalidAmountError extends Error {
  constructor(field: string, value: unknown) {
    super(`${field} is not a decimal amount: ${JSON.stringify(value)}`);
    this.name = 'InvalidAmountError';
  }
}

/**
 * Parses an amount that AWS sends as a string (Cost Explorer amounts, `"12.3456"`).
 *
 * A missing or empty amount is zero: Cost Explorer omits amounts it has nothing for
 * (e.g. no `UpfrontCost` for a no-upfront plan).
 *
 * @param field where the amount came from, for the error message
 */
export function parseAmount(value: string | undefined, field: string): Decimal {
  if (value === undefined || value.trim() === '') {
    return ZERO;
  }
  try {
    const amount = new Decimal(value.trim());
    if (!amount.isFinite()) {
      throw new InvalidAmountError(field, value);
    }
    return amount;
  } catch {
    throw new InvalidAmountError(field, value);
  }
}

/**
 * Converts an amount that an AWS API sends as a JSON number (Cost Optimization Hub
 * `estimatedMonthlySavings`, Cost Anomaly Detection `TotalImpact`).
 *
 * `String(x)` gives the shortest decimal that round-trips to the same double, which is the
 * decimal the service wrote in its JSON (`0.1` stays `0.1`, not `0.1000000000000000055...`),
 * so no binary rounding error enters the arithmetic. Missing is zero.
 */
export function amountFromNumber(value: number | undefined, field: string): Decimal {
  if (value === undefined) {
    return ZERO;
  }
  if (!Number.isFinite(value)) {
    throw new InvalidAmountError(field, value);
  }
  return new Decimal(String(value));
}

/**
 * Renders an amount exactly, in plain notation (never `1e-7`) and with at least two decimals:
 * `"10.00"`, `"23.60"`, `"0.004"`, `"533.4125"`. What an opportunity carries, so every total is
 * the exact sum of what the sources sent, rounded once where it is shown. Rounding never happens
 * here: an amount with more than two decimals keeps them all.
 */
export function toExactAmount(amount: Decimal): string {
  return amount.decimalPlaces() <= 2 ? amount.toFixed(2) : amount.toFixed();
}

/** Renders money with exactly two decimals, rounding half up: `"1234.50"`. */
export function toMoney(amount: Decimal): string {
  return amount.toFixed(2, Decimal.ROUND_HALF_UP);
}

/** Renders a percentage (or score) with exactly two decimals, rounding half up. */
export function toPercentage(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}

/**
 * Two-decimal renderings of amounts that add up to the rendering of their exact sum, for a table
 * of parts next to their total (top services and "other", anomalies and their total impact).
 *
 * The whole is rounded once, half up. Each part is truncated to cents and the cents the parts
 * lost in truncation go one each to the parts that lost the most (largest remainder; ties to
 * the earlier part), so a part shows at most one cent more than its truncation and never
 * disagrees with its total. Rounding each part on its own would not add up: three amounts of
 * 0.004 render as 0.00 each, their sum as 0.01.
 */
export function apportionMoney(amounts: readonly Decimal[]): string[] {
  const exactCents = amounts.map(amount => amount.times(100));
  const truncatedCents = exactCents.map(cents => cents.floor());
  const totalCents = sumAmounts(exactCents).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const missingCents = totalCents.minus(sumAmounts(truncatedCents)).toNumber();
  const byRemainder = exactCents
    .map((cents, index) => ({ index, remainder: cents.minus(truncatedCents[index]) }))
    .sort((first, second) => second.remainder.comparedTo(first.remainder) || first.index - second.index);
  const roundedUp = new Set(byRemainder.slice(0, missingCents).map(entry => entry.index));
  return truncatedCents.map((cents, index) => toMoney((roundedUp.has(index) ? cents.plus(1) : cents).dividedBy(100)));
}

/** Exact sum of amounts (strings are parsed, so two-decimal money strings can be summed directly). */
export function sumAmounts(amounts: Iterable<Decimal | string>): Decimal {
  let total = ZERO;
  for (const amount of amounts) {
    total = total.plus(typeof amount === 'string' ? parseAmount(amount, 'amount') : amount);
  }
  return total;
}

/** `part / whole * 100`, or zero when `whole` is zero (a share of nothing is nothing). */
export function percentageOf(part: Decimal, whole: Decimal): Decimal {
  if (whole.isZero()) {
    return ZERO;
  }
  return part.dividedBy(whole).times(100);
}

/** The larger of two decimals. */
export function maxDecimal(first: Decimal, second: Decimal): Decimal {
  return first.greaterThanOrEqualTo(second) ? first : second;
}

/** The smaller of two decimals. */
export function minDecimal(first: Decimal, second: Decimal): Decimal {
  return first.lessThanOrEqualTo(second) ? first : second;
}

/** Renders a score with exactly two decimals, rounding half up. */
export function toScore(value: Decimal): string {
  return value.toFixed(2, Decimal.ROUND_HALF_UP);
}
