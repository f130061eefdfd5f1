import Decimal from 'decimal.js';
import { BudgetNotification } from './notification';

/**
 * An optimizer of the optimization pipeline that a tier starts: its function, or the state machine
 * of its organization-wide run.
 */
export interface OptimizerRun {
  /** The optimizer's kind, e.g. "storage". */
  readonly kind: string;
  readonly functionArn?: string;
  readonly stateMachineArn?: string;
}

/** An escalation tier: where a notification goes when utilization reaches `minUtilization` percent. */
export interface TierConfig {
  readonly name: string;
  /** Percent of the budget, e.g. "80". */
  readonly minUtilization: string;
  readonly topicArn?: string;
  readonly functionArn?: string;
  /** The optimizers started once utilization reaches this tier (whichever higher tier the notification escalates to). */
  readonly optimizerRuns?: OptimizerRun[];
}

/** The structured message the alert handler sends for a notification. */
export interface Escalation {
  readonly tier: string;
  readonly budgetName: string;
  readonly alertType: string;
  readonly accountId?: string;
  readonly budgetedAmount: string;
  readonly observedAmount: string;
  readonly unit: string;
  /** observed / budgeted in percent, two decimals, e.g. "83.12". */
  readonly utilizationPercent: string;
  /** budgeted - observed, negative when over budget. */
  readonly remainingAmount: string;
}

/** observed / budgeted × 100, exact; undefined when the budgeted amount is zero. */
export function utilizationPercent(observedAmount: string, budgetedAmount: string): Decimal | undefined {
  const budgeted = new Decimal(budgetedAmount);
  if (budgeted.isZero()) {
    return undefined;
  }
  return new Decimal(observedAmount).div(budgeted).times(100);
}

/** The highest tier whose threshold the utilization reaches, or undefined below every tier. */
export function selectTier<T extends TierConfig>(utilization: Decimal, tiers: readonly T[]): T | undefined {
  return [...tiers]
    .sort((a, b) => new Decimal(b.minUtilization).comparedTo(new Decimal(a.minUtilization)))
    .find((tier) => utilization.greaterThanOrEqualTo(tier.minUtilization));
}

/** Decides which tier a notification escalates to; undefined when no tier applies. */
export function escalate<T extends TierConfig>(
  notification: BudgetNotification,
  tiers: readonly T[],
): { tier: T; escalation: Escalation } | undefined {
  const utilization = utilizationPercent(notification.observedAmount, notification.budgetedAmount);
  const tier = utilization ? selectTier(utilization, tiers) : undefined;
  if (!utilization || !tier) {
    return undefined;
  }
  const escalation: Escalation = {
    tier: tier.name,
    budgetName: notification.budgetName,
    alertType: notification.alertType,
    accountId: notification.accountId,
    budgetedAmount: notification.budgetedAmount,
    observedAmount: notification.observedAmount,
    unit: notification.unit,
    utilizationPercent: utilization.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    remainingAmount: new Decimal(notification.budgetedAmount).minus(notification.observedAmount).toFixed(),
  };
  return { tier, escalation };
}

/** An SNS subject (at most 100 printable ASCII characters) for an escalation. */
export function escalationSubject(escalation: Escalation): string {
  const subject = `[${escalation.tier}] Budget ${escalation.budgetName} at ${escalation.utilizationPercent}% (${escalation.alertType})`;
  // eslint-disable-next-line no-control-regex
  return subject.replace(/[^\x20-\x7E]/g, '?').slice(0, 100);
}

/**
 * The optimizers to start for a notification: those of every tier its utilization reaches, each
 * once (a budget passing 95% also passes the 80% tier that starts the optimizers). None when the
 * budgeted amount is zero.
 */
export function optimizerRunsReached(notification: BudgetNotification, tiers: readonly TierConfig[]): OptimizerRun[] {
  const utilization = utilizationPercent(notification.observedAmount, notification.budgetedAmount);
  if (!utilization) {
    return [];
  }
  const runs = tiers
    .filter((tier) => utilization.greaterThanOrEqualTo(tier.minUtilization))
    .flatMap((tier) => tier.optimizerRuns ?? []);
  const byTarget = new Map(runs.map((run) => [run.stateMachineArn ?? run.functionArn, run]));
  return [...byTarget.values()];
}

/** Reads the tiers from the handler's environment (JSON written by the construct). */
export function parseTiers(json: string | undefined): TierConfig[] {
  const tiers = JSON.parse(json ?? '[]') as TierConfig[];
  const runsWellFormed = (tier: TierConfig) => (tier.optimizerRuns ?? []).every((run) => run.kind && (run.functionArn || run.stateMachineArn));
  const hasDestination = (tier: TierConfig) => Boolean(tier.topicArn || tier.functionArn || tier.optimizerRuns?.length);
  if (!Array.isArray(tiers) || tiers.some((tier) => !tier.name || !tier.minUtilization || !hasDestination(tier) || !runsWellFormed(tier))) {
    throw new Error(`ALERT_TIERS must be a JSON list of { name, minUtilization, topicArn | functionArn | optimizerRuns: [{ kind, functionArn | stateMachineArn }] }; got ${json}`);
  }
  return tiers;
}
