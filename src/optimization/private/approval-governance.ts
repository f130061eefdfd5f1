import { Duration, Token } from 'aws-cdk-lib';
import { RESERVED_TAG_KEY_PREFIX, STATE_MACHINE_MAX_EXECUTION_DAYS, TAG_KEY_MAX_LENGTH, TASK_MIN_TIMEOUT_SECONDS } from '../../core/limits/optimization';
import { isUnresolved, RuleViolation } from '../../core/validation';
import { ApprovalActionType, ApprovalOptions, ApprovalTier, ProtectedTag } from '../approval-options';

/**
 * One tier as the tally and executor read it from `APPROVAL_TIERS`: the same shape as TierRule in
 * src/runtime/optimization-handlers/approval-tiers.ts (constructs never import the runtime).
 */
export interface ResolvedTier {
  readonly name: string;
  readonly minMonthlySavings: string;
  readonly actions: string[];
  readonly requiredApprovers: number;
  readonly approvers: string[];
  readonly decisionTimeoutSeconds: number;
}

/** A resolved tier and its timeout as a Duration, for the state machine's wait. */
export interface WorkflowTier extends ResolvedTier {
  readonly decisionTimeout: Duration;
}

/** From this monthly saving, the default tiers ask two distinct approvers instead of one. */
export const TWO_APPROVERS_FROM_MONTHLY_SAVINGS = 1000;

const ALL_ACTION_TYPES = [ApprovalActionType.MODIFY_VOLUME_TO_GP3, ApprovalActionType.DELETE_SNAPSHOT];

/** The default protected workloads: production environments and anything tagged critical. */
export const DEFAULT_PROTECTED_TAGS: ProtectedTag[] = [{ key: 'environment', values: ['production'] }, { key: 'critical' }];

/** The default tiers: one approver below 1,000 USD a month, two distinct approvers at or above. */
function defaultTiers(): ApprovalTier[] {
  return [{ requiredApprovers: 1 }, { minMonthlySavings: TWO_APPROVERS_FROM_MONTHLY_SAVINGS, requiredApprovers: 2 }];
}

/** The decision timeout when neither the tier nor the approval sets one. */
export const DEFAULT_DECISION_TIMEOUT = Duration.days(7);

/** The tiers with every default applied, named for the messages and records that cite them. */
export function resolveTiers(approval: ApprovalOptions): WorkflowTier[] {
  const fallbackTimeout = approval.decisionTimeout ?? DEFAULT_DECISION_TIMEOUT;
  return (approval.tiers ?? defaultTiers()).map((tier, index) => {
    const minimum = tier.minMonthlySavings ?? 0;
    const actions = tier.actionTypes ?? ALL_ACTION_TYPES;
    const decisionTimeout = tier.decisionTimeout ?? fallbackTimeout;
    return {
      name: `${index + 1} (${actions.join(', ')} from ${Token.isUnresolved(minimum) ? 'a deploy-time amount' : minimum} USD/month)`,
      minMonthlySavings: Token.asString(minimum),
      actions: [...actions],
      requiredApprovers: tier.requiredApprovers ?? 1,
      approvers: [...(tier.approvers ?? [])],
      decisionTimeoutSeconds: decisionTimeout.toSeconds(),
      decisionTimeout,
    };
  });
}

/** A tier as the handlers read it: the timeout in seconds only. */
export function handlerTier(tier: WorkflowTier): ResolvedTier {
  const { decisionTimeout: _timeout, ...resolved } = tier;
  return resolved;
}

/** The protected tags with the default applied. */
export function resolveProtectedTags(approval: ApprovalOptions): ProtectedTag[] {
  return approval.protectedTags ?? DEFAULT_PROTECTED_TAGS;
}

/** The longest single wait for a decision among the tiers; a token timeout counts as the longest possible. */
export function longestDecisionTimeout(approval: ApprovalOptions): Duration {
  const timeouts = [approval.decisionTimeout ?? DEFAULT_DECISION_TIMEOUT, ...(approval.tiers ?? []).flatMap((tier) => tier.decisionTimeout ?? [])];
  if (timeouts.some((timeout) => timeout.isUnresolved())) return Duration.days(STATE_MACHINE_MAX_EXECUTION_DAYS);
  return timeouts.reduce((longest, timeout) => (timeout.toSeconds() > longest.toSeconds() ? timeout : longest));
}

/** The most approvers any tier needs (a token count as one: the execution timeout then allows the year). */
export function mostRequiredApprovers(approval: ApprovalOptions): number {
  const counts = (approval.tiers ?? defaultTiers()).map((tier) => tier.requiredApprovers ?? 1);
  return counts.some((count) => Token.isUnresolved(count)) ? STATE_MACHINE_MAX_EXECUTION_DAYS : Math.max(...counts);
}

/**
 * An IAM user or role ARN: what a decision's signer resolves to (a role session counts as its role).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
const APPROVER_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/([\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/** Every rule of the tiers and protected tags. */
export function governanceViolations(approval: ApprovalOptions): RuleViolation[] {
  const tiers = approval.tiers;
  return [
    ...(tiers === undefined ? [] : tierViolations(tiers)),
    ...(approval.protectedTags ?? []).flatMap(protectedTagViolations),
  ];
}

function tierViolations(tiers: ApprovalTier[]): RuleViolation[] {
  if (tiers.length === 0) {
    return [{ value: tiers, rule: 'approval tiers, when given, are at least one', fix: 'add a tier, or omit tiers for the default (one approver, two from 1,000 USD a month)' }];
  }
  return [
    ...tiers.flatMap((tier, index) => singleTierViolations(tier, index + 1)),
    ...overlapViolations(tiers),
    ...coverageViolations(tiers),
  ];
}

function singleTierViolations(tier: ApprovalTier, position: number): RuleViolation[] {
  const what = `tier ${position}`;
  const violations: RuleViolation[] = [];
  const count = tier.requiredApprovers;
  if (count !== undefined && !isUnresolved(count) && (!Number.isInteger(count) || count < 1)) {
    violations.push({ value: count, rule: `${what}: requiredApprovers is a whole number, at least 1`, fix: 'require 1 or more approvers' });
  }
  const minimum = tier.minMonthlySavings;
  if (minimum !== undefined && !isUnresolved(minimum) && !(Number.isFinite(minimum) && minimum >= 0)) {
    violations.push({ value: minimum, rule: `${what}: minMonthlySavings is an amount of USD per month, 0 or more`, fix: 'set 0 or a positive amount' });
  }
  if (tier.actionTypes !== undefined && tier.actionTypes.length === 0) {
    violations.push({ value: [], rule: `${what}: a tier covers at least one action type`, fix: 'list its action types, or omit actionTypes for both' });
  }
  for (const approver of tier.approvers ?? []) {
    if (!isUnresolved(approver) && !APPROVER_ARN.test(approver)) {
      violations.push({
        value: approver,
        rule: `${what}: each approver is an IAM user or role ARN (a decision's signer resolves to one)`,
        fix: 'use e.g. arn:aws:iam::111122223333:role/FinOpsApprover',
      });
    }
  }
  const approvers = tier.approvers ?? [];
  if (count !== undefined && !isUnresolved(count) && approvers.length > 0 && !approvers.some(isUnresolved) && new Set(approvers).size < count) {
    violations.push({
      value: approvers,
      rule: `${what}: ${count} distinct approvers are required but only ${new Set(approvers).size} may approve`,
      fix: `list at least ${count} approvers, or require fewer`,
    });
  }
  if (tier.decisionTimeout !== undefined) violations.push(...[decisionTimeoutViolation(tier.decisionTimeout, `${what}: decisionTimeout`)].filter(isViolation));
  return violations;
}

/** Two tiers of one action type from the same saving would leave the tier of an action ambiguous. */
function overlapViolations(tiers: ApprovalTier[]): RuleViolation[] {
  const seen = new Map<string, number>();
  const violations: RuleViolation[] = [];
  tiers.forEach((tier, index) => {
    const minimum = tier.minMonthlySavings ?? 0;
    if (isUnresolved(minimum)) return;
    for (const type of tier.actionTypes ?? ALL_ACTION_TYPES) {
      const key = `${type} ${minimum}`;
      const other = seen.get(key);
      if (other !== undefined) {
        violations.push({
          value: { tiers: [other, index + 1], actionType: type, minMonthlySavings: minimum },
          rule: 'approval tiers do not overlap: one tier per action type and minimum saving',
          fix: `merge tiers ${other} and ${index + 1}, or give one another minMonthlySavings or actionTypes`,
        });
      }
      seen.set(key, index + 1);
    }
  });
  return violations;
}

/** Every action must find its tier: each action type needs a tier from 0 USD. */
function coverageViolations(tiers: ApprovalTier[]): RuleViolation[] {
  if (tiers.some((tier) => isUnresolved(tier.minMonthlySavings ?? 0))) return [];
  return ALL_ACTION_TYPES
    .filter((type) => !tiers.some((tier) => (tier.minMonthlySavings ?? 0) === 0 && (tier.actionTypes ?? ALL_ACTION_TYPES).includes(type)))
    .map((type) => ({
      value: type,
      rule: 'every action finds its approval tier: each action type needs a tier from 0 USD a month',
      fix: `add a tier without minMonthlySavings covering ${type}`,
    }));
}

function protectedTagViolations(tag: ProtectedTag): RuleViolation[] {
  if (isUnresolved(tag.key)) return [];
  if (tag.key.length < 1 || tag.key.length > TAG_KEY_MAX_LENGTH) {
    return [{ value: tag.key, rule: `a protected tag key is an EC2 tag key, 1-${TAG_KEY_MAX_LENGTH} characters`, fix: 'use a shorter key' }];
  }
  if (tag.key.toLowerCase().startsWith(RESERVED_TAG_KEY_PREFIX)) {
    return [{ value: tag.key, rule: 'tag keys starting with "aws:" are reserved for AWS and cannot be set by users', fix: 'use a key like "environment"' }];
  }
  return [];
}

/** The wait for a decision is a task timeout (whole seconds, at least 1) inside a Standard execution (at most a year). */
export function decisionTimeoutViolation(timeout: Duration, what: string = 'decisionTimeout'): RuleViolation | undefined {
  if (timeout.isUnresolved()) {
    return timeout.unitLabel() === 'seconds' ? undefined : {
      value: `${timeout.unitLabel()} from a token`,
      rule: 'a Step Functions task timeout is rendered in seconds, and a token duration converts to seconds only when given in seconds',
      fix: 'pass Duration.seconds(token)',
    };
  }
  const seconds = timeout.toSeconds({ integral: false });
  if (!Number.isInteger(seconds) || seconds < TASK_MIN_TIMEOUT_SECONDS) {
    return {
      value: timeout.toString(),
      rule: 'a Step Functions task timeout, here the wait for a decision, is a whole number of seconds, at least 1',
      fix: `set ${what} to at least Duration.seconds(1), e.g. Duration.days(7)`,
    };
  }
  const maxSeconds = Duration.days(STATE_MACHINE_MAX_EXECUTION_DAYS).toSeconds();
  return seconds <= maxSeconds ? undefined : {
    value: timeout.toString(),
    rule: `a Standard Step Functions execution, and so a wait for a decision, lasts at most ${STATE_MACHINE_MAX_EXECUTION_DAYS} days`,
    fix: `set ${what} to at most Duration.days(${STATE_MACHINE_MAX_EXECUTION_DAYS})`,
  };
}

function isViolation(violation: RuleViolation | undefined): violation is RuleViolation {
  return violation !== undefined;
}
