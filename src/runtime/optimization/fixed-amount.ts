/**
 * Amounts as safe integers of micro-units (10^-6), the optimizer's fastest exact path: a
 * recommendation's amounts are parsed from their decimal text by reading its digits (never
 * `parseFloat`), added, compared and multiplied as integers, and written back as text, with no
 * BigInt or decimal.js object per field. Integer arithmetic on doubles is exact while every
 * result stays a safe integer, so each operation checks that; an amount with more than six
 * decimals, or a result past 2^51 (well below `Number.MAX_SAFE_INTEGER`), gives `undefined` and the caller takes
 * the exact BigInt path (exact-amount.ts), which gives the same figures.
 */

/** Decimals of a fixed amount: micro-units. */
export const FIXED_SCALE = 6;
const FIXED_UNIT = 1_000_000;
/**
 * Every fixed value stays below 2^51: integer results of integer operations below it are exact,
 * with room for the divisor in {@link roundedQuotientFixed}'s correction.
 */
const FIXED_LIMIT = 2 ** 51;

/** Zero as {@link fixedAmountText} and {@link fixedPercentageText} write it. */
const ZERO_TEXT = '0.00';

/** Whether an integer result is still exact and within the fixed range. */
function inRange(value: number): boolean {
  return value < FIXED_LIMIT && value > -FIXED_LIMIT;
}

/** The units of a decimal text (`"12.34"`, `"-0.004"`, `"7"`), or undefined when it is not plain notation, has more than six significant decimals or is too large. */
export function parseFixedAmount(text: string): number | undefined {
  const length = text.length;
  let index = 0;
  const negative = length > 0 && text.charCodeAt(0) === 45; // '-'
  if (negative) index++;
  let units = 0;
  let digits = 0;
  let decimals = -1;
  for (; index < length; index++) {
    const code = text.charCodeAt(index);
    if (code === 46 && decimals < 0) { // '.', after at least one digit
      if (digits === 0) return undefined;
      decimals = 0;
      continue;
    }
    const digit = code - 48;
    if (digit < 0 || digit > 9) return undefined;
    if (decimals >= 0) {
      decimals++;
      if (decimals > FIXED_SCALE) {
        if (digit !== 0) return undefined;
        continue;
      }
    }
    units = units * 10 + digit;
    digits++;
  }
  if (digits === 0 || decimals === 0) return undefined;
  for (let scale = decimals < 0 ? 0 : Math.min(decimals, FIXED_SCALE); scale < FIXED_SCALE; scale++) {
    units *= 10;
  }
  if (!inRange(units)) return undefined;
  return negative && units !== 0 ? -units : units;
}

/** `first * second` of integers, or undefined past the fixed range (doubles are exact below 2^53). */
export function multiplyFixed(first: number, second: number): number | undefined {
  const product = first * second;
  return inRange(product) ? product : undefined;
}

/** `first + second` of integers, or undefined past the fixed range. */
export function addFixed(first: number, second: number): number | undefined {
  const sum = first + second;
  return inRange(sum) ? sum : undefined;
}

/** The digits of a non-negative integer below 10^places, zero-padded to `places`. */
function padded(value: number, places: number): string {
  const text = String(value);
  return text.length >= places ? text : '0'.repeat(places - text.length) + text;
}

/** As `exactAmountText` for `units` micro-units: exact, plain, at least two decimals (`"10.00"`, `"0.004"`). */
export function fixedAmountText(units: number): string {
  if (units === 0) {
    // Most opportunities' upfront cost: one shared string rather than a new one each (see centsText).
    return ZERO_TEXT;
  }
  const magnitude = units < 0 ? -units : units;
  const whole = Math.floor(magnitude / FIXED_UNIT);
  let fraction = magnitude - whole * FIXED_UNIT;
  let places = FIXED_SCALE;
  while (places > 2 && fraction % 10 === 0) {
    fraction /= 10;
    places--;
  }
  const text = `${whole}.${padded(fraction, places)}`;
  return units < 0 ? `-${text}` : text;
}

/** `magnitude / divisor` of non-negative integers below 2^51, rounded half up to an integer, exactly. */
export function roundedQuotientFixed(magnitude: number, divisor: number): number {
  let quotient = Math.floor(magnitude / divisor);
  let remainder = magnitude - quotient * divisor;
  // The double quotient may be one off near an integer: correct it with the exact remainder.
  if (remainder < 0) {
    quotient--;
    remainder += divisor;
  } else if (remainder >= divisor) {
    quotient++;
    remainder -= divisor;
  }
  return remainder * 2 >= divisor ? quotient + 1 : quotient;
}

/**
 * As `roundedText` for `units` at `scale` decimals (`scale` >= 2): rounded half up to cents; a
 * negative amount that rounds to zero keeps its sign, as decimal.js does.
 */
export function fixedRoundedText(units: number, scale: number = FIXED_SCALE): string {
  const magnitude = units < 0 ? -units : units;
  const text = writtenCents(roundedQuotientFixed(magnitude, 10 ** (scale - 2)));
  return units < 0 ? `-${text}` : text;
}

/**
 * {@link fixedRoundedText}, or `written` when it is that text already (a score an opportunity
 * carries, computed again when it is ranked): the ranking keeps the string it has rather than an
 * equal copy, one string less per opportunity for the garbage collector.
 */
export function fixedRoundedTextAs(units: number, scale: number, written: string): string {
  if (units < 0) {
    return fixedRoundedText(units, scale);
  }
  const cents = roundedQuotientFixed(units, 10 ** (scale - 2));
  return isWrittenCents(written, cents) ? written : writtenCents(cents);
}

/** Characters of the longest text {@link isWrittenCents} reads: 15 digits, below 2^53, add up exactly. */
const WRITTEN_CENTS_MAX_LENGTH = 16;

/** Whether `text` is what {@link writtenCents} writes for `cents`: digits without a leading zero, a point, two digits. */
function isWrittenCents(text: string, cents: number): boolean {
  const point = text.length - 3;
  if (point < 1 || text.length > WRITTEN_CENTS_MAX_LENGTH || text.charCodeAt(point) !== 46 || (point > 1 && text.charCodeAt(0) === 48)) {
    return false;
  }
  let value = 0;
  for (let index = 0; index < text.length; index++) {
    if (index !== point) {
      const digit = text.charCodeAt(index) - 48;
      if (digit < 0 || digit > 9) return false;
      value = value * 10 + digit;
    }
  }
  return value === cents;
}

/** `part / whole * 100` rounded half up to cents, as `percentageText`; undefined past the fixed range. */
export function fixedPercentageText(part: number, whole: number): string | undefined {
  const partMagnitude = part < 0 ? -part : part;
  const scaled = partMagnitude * 10_000;
  if (!inRange(scaled) || whole === 0) return undefined;
  if (part === 0) return ZERO_TEXT;
  const cents = roundedQuotientFixed(scaled, whole < 0 ? -whole : whole);
  const text = centsText(cents);
  return (part < 0) !== (whole < 0) ? `-${text}` : text;
}

/** Texts of the amounts from 0.00 to 100.00 written so far, by cents: see {@link centsText}. */
const CENTS_TEXTS_LIMIT = 10_000;
const CENTS_TEXTS = new Array<string | undefined>(CENTS_TEXTS_LIMIT + 1);

/**
 * A non-negative number of cents as text (`5000` is `"50.00"`). Up to 100.00, where savings
 * percentages fall unless the savings exceed the cost, each text is written once and shared: 20,000
 * opportunities hold at most 10,001 percentage strings, and fewer strings that live until the report
 * is written cost the garbage collector less.
 */
function centsText(cents: number): string {
  if (cents > CENTS_TEXTS_LIMIT) {
    return writtenCents(cents);
  }
  let text = CENTS_TEXTS[cents];
  if (text === undefined) {
    text = writtenCents(cents);
    CENTS_TEXTS[cents] = text;
  }
  return text;
}

function writtenCents(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${padded(cents - whole * 100, 2)}`;
}
