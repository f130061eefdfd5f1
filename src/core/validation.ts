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

/** Renders a value for an error message: strings quoted, arrays and objects as JSON. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (value === undefined) {
    return 'nothing';
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** The one-line message format: construct path, bad value, rule, fix. */
export function formatViolation(path: string, violation: RuleViolation): string {
  return `${path}: ${describeValue(violation.value)} breaks the rule: ${violation.rule}. Fix: ${violation.fix}.`;
}

/** Throws a {@link FinOpsValidationError} for the construct `scope`. */
export function fail(scope: IConstruct, violation: RuleViolation): never {
  throw new FinOpsValidationError(formatViolation(scope.node.path, violation));
}

/** Throws for the first violation, if any. */
export function failOnFirst(scope: IConstruct, violations: readonly RuleViolation[]): void {
  if (violations.length > 0) {
    fail(scope, violations[0]);
  }
}

/** True when the value is a token whose value is only known at deploy time: such values are not checked. */
export function isUnresolved(value: unknown): boolean {
  return Token.isUnresolved(value);
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
