import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * One broken rule, described so that the message can say what was wrong and how to fix it.
 */
export interface RuleViolation {
  /** The offending value, as the user wrote it. */
  readonly value: unknown;
  /** The AWS rule that the value breaks, e.g. "a budget name is 1-100 characters". */
  readonly rule: string;
  /** What to do instead. */
  readonly fix: string;
}

/**
 * The error this library throws at synth when a prop breaks an AWS limit or pairing rule.
 *
 * aws-cdk-lib's own `ValidationError` is internal to it, hence our own class.
 */
export class FinOpsValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FinOpsValidationError';
  }
}

/** A value in a message is cut to this many characters, so that one message stays readable. */
export const MAX_VALUE_CHARACTERS = 200;
/** One error lists at most this many violations, then says how many more there are. */
export const MAX_LISTED_VIOLATIONS = 25;

/**
 * A whole number with thousands separators ("20,000"), as `toLocaleString('en-US')` writes it but
 * without loading ICU's locale data, which costs a synth process hundreds of milliseconds.
 */
export function formatCount(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Renders a value for an error message: strings quoted, arrays and objects as JSON, tokens as
 * "(a value known at deploy time)"; cut to {@link MAX_VALUE_CHARACTERS} with the full length said.
 */
export function describeValue(value: unknown): string {
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'number' && isUnresolved(value)) {
    return 'a number known only at deploy time';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return truncate(JSON.stringify(value) ?? String(value));
}

/** Lists values for a rule or fix: at most `max`, quoted, then how many more. */
export function describeList(values: readonly unknown[], max = 10): string {
  const shown = values.slice(0, max).map(describeValue).join(', ');
  return values.length > max ? `${shown} and ${values.length - max} more` : shown;
}

function truncate(text: string): string {
  return text.length <= MAX_VALUE_CHARACTERS ? text : `${text.slice(0, MAX_VALUE_CHARACTERS)}… (${text.length} characters)`;
}

/** The one-line message format: construct path, bad value, rule, fix. */
export function formatViolation(path: string, violation: RuleViolation): string {
  return `${path}: ${describeValue(violation.value)} breaks the rule: ${violation.rule}. Fix: ${violation.fix}.`;
}

/**
 * The message for every violation of one construct: a single violation is its one line; several
 * are a count, then one line each (at most {@link MAX_LISTED_VIOLATIONS}), so that one synth shows
 * everything to fix.
 */
export function formatViolations(path: string, violations: readonly RuleViolation[]): string {
  // The same value can break the same rule in several places (one address in four notifications): say it once.
  const lines = [...new Set(violations.map((violation) => formatViolation(path, violation)))];
  if (lines.length === 1) {
    return lines[0];
  }
  const more = lines.length > MAX_LISTED_VIOLATIONS ? [`${path}: … and ${lines.length - MAX_LISTED_VIOLATIONS} more`] : [];
  return [`${path} breaks ${lines.length} rules:`, ...lines.slice(0, MAX_LISTED_VIOLATIONS), ...more].join('\n');
}

/** Throws a {@link FinOpsValidationError} for the construct `scope`. */
export function fail(scope: IConstruct, violation: RuleViolation): never {
  throw new FinOpsValidationError(formatViolation(scope.node.path, violation));
}

/** Throws one {@link FinOpsValidationError} that lists every violation of the construct `scope`, if any. */
export function failOnViolations(scope: IConstruct, violations: readonly RuleViolation[]): void {
  if (violations.length > 0) {
    throw new FinOpsValidationError(formatViolations(scope.node.path, violations));
  }
}

/**
 * The name older callers use for {@link failOnViolations}: it reports every violation, not only the first.
 */
export const failOnFirst = failOnViolations;

/**
 * True when the value is a token whose value is only known at deploy time: such values are not
 * checked. That includes an element of a list token (a `CommaDelimitedList` parameter or `Fn.split`
 * is an array whose one element is `#{Token[...]}`, which `Token.isUnresolved` alone does not see).
 */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value) || (typeof value === 'string' && Token.isUnresolved([value]));
}

/** A resolved string's length within [min, max]. */
export function checkLength(
  value: string,
  min: number,
  max: number,
  what: string,
  fix: string,
): RuleViolation | undefined {
  if (isUnresolved(value) || (value.length >= min && value.length <= max)) {
    return undefined;
  }
  return { value, rule: `${what} is ${min}-${max} characters (this one has ${value.length})`, fix };
}

/** A resolved number within [min, max]. */
export function checkRange(
  value: number,
  min: number,
  max: number,
  what: string,
  fix: string,
): RuleViolation | undefined {
  if (isUnresolved(value) || (Number.isFinite(value) && value >= min && value <= max)) {
    return undefined;
  }
  return { value, rule: `${what} must be between ${min} and ${max}`, fix };
}

/** A resolved array with at most `max` entries. */
export function checkCount(
  items: readonly unknown[],
  max: number,
  what: string,
  fix: string,
): RuleViolation | undefined {
  if (items.length <= max) {
    return undefined;
  }
  return { value: items, rule: `at most ${max} ${what} (got ${items.length})`, fix };
}

/** Drops the checks that passed. */
export function violationsOf(...checks: Array<RuleViolation | undefined>): RuleViolation[] {
  return checks.filter((check): check is RuleViolation => check !== undefined);
}

/** A simple, deliberately permissive email form check: one @, no spaces, a dot in the domain. */
export function isEmailAddress(address: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address);
}

/** A 12-digit AWS account ID. */
export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}
