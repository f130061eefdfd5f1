import { Decimal, InvalidAmountError, parseAmount } from './money';

/**
 * An exact decimal as an integer count of `10^-scale` units: `"12.3450"` is 123450 units at
 * scale 4. The optimizer's hot path (normalize, deduplicate, rank, total, render) does its money
 * arithmetic on these instead of decimal.js objects: a BigInt holds any amount exactly, whatever
 * its number of decimals, so no amount is ever too long for the scale, and nothing is binary
 * floating point. Division rounds as decimal.js does (see {@link divideExact}), so every figure
 * is the one decimal.js gives.
 */
export interface ExactAmount {
  readonly units: bigint;
  /** Decimals; never negative. */
  readonly scale: number;
}

/** Significant digits decimal.js keeps for money (see `Decimal` in money.ts), which {@link divideExact} reproduces. */
const DECIMAL_PRECISION = 40;

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

const POWERS_OF_TEN: bigint[] = [1n];

function powerOfTen(exponent: number): bigint {
  for (let next = POWERS_OF_TEN.length; next <= exponent; next++) {
    POWERS_OF_TEN.push(POWERS_OF_TEN[next - 1] * 10n);
  }
  return POWERS_OF_TEN[exponent];
}

/** Twelve, which turns a monthly amount into an annual one. */
export const MONTHS_PER_YEAR: ExactAmount = { units: 12n, scale: 0 };

/** Zero at scale 0. */
export const EXACT_ZERO: ExactAmount = { units: 0n, scale: 0 };

/**
 * Parses an amount as {@link parseAmount} does (missing or blank is zero; a value that is not a
 * finite decimal throws `InvalidAmountError` naming `field`), without a decimal.js object for the
 * plain notation AWS sends (`"12.3456"`).
 */
export function parseExactAmount(value: string | undefined, field: string): ExactAmount {
  const text = value === undefined ? '' : value.trim();
  const plain = PLAIN_DECIMAL.exec(text);
  if (plain === null) {
    return exactFromDecimal(parseAmount(value, field));
  }
  const [, sign, whole, fraction = ''] = plain;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

/** As `amountFromNumber`: the shortest decimal that round-trips to the JSON number AWS sent; missing is zero. */
export function exactAmountFromNumber(value: number | undefined, field: string): ExactAmount {
  if (value === undefined) {
    return EXACT_ZERO;
  }
  if (!Number.isFinite(value)) {
    throw new InvalidAmountError(field, value);
  }
  return parseExactAmount(String(value), field);
}

/** The same value as a decimal.js number (exact). */
export function exactFromDecimal(amount: Decimal): ExactAmount {
  return parseExactAmount(amount.toFixed(), 'amount');
}

/** The same value as a decimal.js number, for APIs that return one. */
export function decimalFromExact(amount: ExactAmount): Decimal {
  return new Decimal(plainText(amount));
}

function atScale(amount: ExactAmount, scale: number): bigint {
  return scale === amount.scale ? amount.units : amount.units * powerOfTen(scale - amount.scale);
}

/** Negative, zero or positive as `first` is below, equal to or above `second`. */
export function compareExact(first: ExactAmount, second: ExactAmount): number {
  const scale = Math.max(first.scale, second.scale);
  const difference = atScale(first, scale) - atScale(second, scale);
  return difference === 0n ? 0 : difference < 0n ? -1 : 1;
}

/** `first + second`, exact. */
export function addExact(first: ExactAmount, second: ExactAmount): ExactAmount {
  const scale = Math.max(first.scale, second.scale);
  return { units: atScale(first, scale) + atScale(second, scale), scale };
}

/** `first - second`, exact. */
export function subtractExact(first: ExactAmount, second: ExactAmount): ExactAmount {
  return addExact(first, { units: -second.units, scale: second.scale });
}

/** `first * second`, exact. */
export function multiplyExact(first: ExactAmount, second: ExactAmount): ExactAmount {
  return { units: first.units * second.units, scale: first.scale + second.scale };
}

/** Exact sum of exact amounts. */
export function sumExact(amounts: Iterable<ExactAmount>): ExactAmount {
  let total = EXACT_ZERO;
  for (const amount of amounts) {
    total = addExact(total, amount);
  }
  return total;
}

/** Below 2^53, a BigInt converts to a double exactly. */
const EXACT_DOUBLE_LIMIT = 2n ** 53n;

/** Decimal digits of a non-negative integer, without writing it out as text when it fits a double exactly. */
function digitCount(magnitude: bigint): number {
  if (magnitude >= EXACT_DOUBLE_LIMIT) {
    return magnitude.toString().length;
  }
  // Every power of ten up to 10^16 is a double exactly, so these comparisons are exact.
  const value = Number(magnitude);
  let digits = 1;
  for (let bound = 10; value >= bound; bound *= 10) {
    digits++;
  }
  return digits;
}

/** `magnitude / divisor` rounded to an integer, half away from zero (decimal.js ROUND_HALF_UP on a magnitude). */
function roundedQuotient(magnitude: bigint, divisor: bigint): bigint {
  const quotient = magnitude / divisor;
  return (magnitude - quotient * divisor) * 2n >= divisor ? quotient + 1n : quotient;
}

function withUnits(magnitude: bigint, negative: boolean, scale: number): ExactAmount {
  const units = negative ? -magnitude : magnitude;
  return scale >= 0 ? { units, scale } : { units: units * powerOfTen(-scale), scale: 0 };
}

/**
 * `dividend / divisor` rounded as decimal.js `dividedBy` rounds for money: to 40 significant
 * digits, half away from zero. Reproducing that rounding (not the exact quotient's) keeps every
 * percentage and score identical to the cent to what the decimal.js code computed.
 *
 * @throws on a zero divisor
 */
export function divideExact(dividend: ExactAmount, divisor: ExactAmount): ExactAmount {
  if (divisor.units === 0n) {
    throw new RangeError('Division by zero');
  }
  if (dividend.units === 0n) {
    return EXACT_ZERO;
  }
  if (divisor.scale === 0 && (divisor.units === 1n || divisor.units === -1n)) {
    // The default score divides by a payback divisor of exactly 1 unless there is an upfront cost:
    // x / 1 is x rounded to 40 digits, without the long division (the same value at another scale).
    return toDecimalPrecision(divisor.units === 1n ? dividend : { units: -dividend.units, scale: dividend.scale });
  }
  const negative = (dividend.units < 0n) !== (divisor.units < 0n);
  const dividendMagnitude = dividend.units < 0n ? -dividend.units : dividend.units;
  const divisorMagnitude = divisor.units < 0n ? -divisor.units : divisor.units;
  // Enough extra digits that the truncated quotient has more than DECIMAL_PRECISION digits.
  const extraDigits = Math.max(0, DECIMAL_PRECISION + 1 + digitCount(divisorMagnitude) - digitCount(dividendMagnitude));
  const scaledDividend = dividendMagnitude * powerOfTen(extraDigits);
  const quotient = scaledDividend / divisorMagnitude;
  const remainder = scaledDividend - quotient * divisorMagnitude;
  const droppedDigits = Math.max(0, digitCount(quotient) - DECIMAL_PRECISION);
  const unit = powerOfTen(droppedDigits);
  const kept = quotient / unit;
  // The part dropped, as a fraction of one kept unit: ((quotient mod unit) + remainder / divisor) / unit.
  const droppedTimesDivisor = (quotient - kept * unit) * divisorMagnitude + remainder;
  const rounded = droppedTimesDivisor * 2n >= unit * divisorMagnitude ? kept + 1n : kept;
  return withUnits(rounded, negative, dividend.scale - divisor.scale + extraDigits - droppedDigits);
}

const ONE_HUNDRED: ExactAmount = { units: 100n, scale: 0 };
/** Below this many units at the common scale, rounding the exact percentage gives decimal.js's cents (see {@link percentageText}). */
const SHORT_PERCENTAGE_LIMIT = 10n ** 34n;

/**
 * `part / whole * 100` as decimal.js gives it for money, rounded half away from zero to cents:
 * `roundedText(toDecimalPrecision(multiplyExact(divideExact(part, whole), 100)))`, with one
 * integer division instead of a 40-digit one. With `part` and `whole` as integers `a` and `b` at
 * one scale, the exact percentage is never closer than `1 / (20000 b)` to a half cent it does not
 * sit on, and decimal.js's quotient is off by at most `a / b * 10^-39.5`: below `a = 10^34` the
 * two round alike. Longer amounts take the 40-digit path.
 *
 * @throws on a zero `whole`
 */
export function percentageText(part: ExactAmount, whole: ExactAmount): string {
  if (whole.units === 0n) {
    throw new RangeError('Division by zero');
  }
  if (part.units === 0n) {
    return '0.00';
  }
  const scale = Math.max(part.scale, whole.scale);
  const dividend = atScale(part, scale);
  const divisor = atScale(whole, scale);
  const dividendMagnitude = dividend < 0n ? -dividend : dividend;
  if (dividendMagnitude >= SHORT_PERCENTAGE_LIMIT) {
    return roundedText(toDecimalPrecision(multiplyExact(divideExact(part, whole), ONE_HUNDRED)));
  }
  const cents = roundedQuotient(dividendMagnitude * 10_000n, divisor < 0n ? -divisor : divisor);
  return textAtScale(cents, 2, (dividend < 0n) !== (divisor < 0n));
}

/** Rounded to 40 significant digits, half away from zero, as decimal.js rounds every operation's result for money. */
export function toDecimalPrecision(amount: ExactAmount): ExactAmount {
  const negative = amount.units < 0n;
  const magnitude = negative ? -amount.units : amount.units;
  if (magnitude < powerOfTen(DECIMAL_PRECISION)) {
    return amount;
  }
  const droppedDigits = digitCount(magnitude) - DECIMAL_PRECISION;
  return withUnits(roundedQuotient(magnitude, powerOfTen(droppedDigits)), negative, amount.scale - droppedDigits);
}

/**
 * Negative, zero or positive as the amount `first` is below, equal to or above `second` (both
 * read as {@link parseExactAmount} reads them): their nearest doubles decide when they differ,
 * since rounding to a double never reverses an order; only equal doubles are compared exactly.
 */
export function compareAmountTexts(first: string, second: string, field: string): number {
  const firstNumber = Number(first);
  const secondNumber = Number(second);
  if (Number.isFinite(firstNumber) && Number.isFinite(secondNumber) && firstNumber !== secondNumber) {
    return firstNumber < secondNumber ? -1 : 1;
  }
  return compareExact(parseExactAmount(first, field), parseExactAmount(second, field));
}

/** Rounds to `places` decimals, half away from zero (decimal.js ROUND_HALF_UP). */
export function roundExact(amount: ExactAmount, places: number): ExactAmount {
  if (amount.scale <= places) {
    return amount;
  }
  const negative = amount.units < 0n;
  const magnitude = roundedQuotient(negative ? -amount.units : amount.units, powerOfTen(amount.scale - places));
  return { units: negative ? -magnitude : magnitude, scale: places };
}

/** The value in plain notation with exactly `scale` decimals, `-` on negative values (zero has none). */
function textAtScale(units: bigint, scale: number, negative: boolean): string {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** Plain notation without trailing zeros (decimal.js `toFixed()`). */
function plainText(amount: ExactAmount): string {
  let { units, scale } = amount;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale--;
  }
  return textAtScale(units, scale, units < 0n);
}

/** As `toExactAmount`: exact, plain, at least two decimals (`"10.00"`, `"0.004"`). */
export function exactAmountText(amount: ExactAmount): string {
  const plain = plainText(amount);
  const point = plain.indexOf('.');
  if (point === -1) {
    return `${plain}.00`;
  }
  return plain.length - point === 2 ? `${plain}0` : plain;
}

/**
 * As `toMoney` (decimal.js `toFixed(places, ROUND_HALF_UP)`): rounded half up to `places`
 * decimals, all of them shown; a negative amount that rounds to zero keeps its sign, as decimal.js does.
 */
export function roundedText(amount: ExactAmount, places: number = 2): string {
  const rounded = roundExact(amount, places);
  return textAtScale(atScale(rounded, places), places, amount.units < 0n);
}

/** A number that orders as the amount does (the nearest double; equal doubles need {@link compareExact}). */
export function approximateNumber(amount: ExactAmount): number {
  return Number(textAtScale(amount.units, amount.scale, amount.units < 0n));
}
