import { ComparisonOperator, NotificationType, ThresholdType } from './budget-alert';
import { BoundActionDefinition } from './private/bound-action';
import { LimitConfig } from './private/limit-config';
import {
  BUDGET_ACTION_MAX_TARGETS,
  BUDGET_ADJUSTMENT_PERIOD_MAX,
  BUDGET_MAX_ABSOLUTE_THRESHOLD,
  BUDGET_MAX_ACTION_THRESHOLD,
  BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION,
  BUDGET_MAX_NOTIFICATIONS,
  BUDGET_MAX_PERCENTAGE_THRESHOLD,
  BUDGET_NAME_FORBIDDEN_CHARACTERS,
  BUDGET_NAME_FORBIDDEN_SCRIPT,
  BUDGET_NAME_FORBIDDEN_SUBSTRING,
  BUDGET_NAME_MAX_LENGTH,
  COMMITMENT_BUDGET_LIMIT,
  PLANNED_LIMITS_MAX_PERIODS,
  SCP_POLICY_ID_PATTERN,
  SCP_TARGET_ID_PATTERN,
} from '../core/limits/budgets';
import { isListToken } from '../core/private/deploy-time';
import { CostExpression, expressionViolations } from '../core/private/expression';
import { checkLength, isEmailAddress, isUnresolved, RuleViolation, violationsOf } from '../core/validation';

/** One notification of a budget, after alerts are expanded to one per threshold. */
export interface ResolvedNotification {
  readonly threshold: number;
  readonly notificationType: NotificationType;
  readonly thresholdType: ThresholdType;
  readonly comparisonOperator: ComparisonOperator;
  readonly emails: string[];
}

/** What the budget rules look at. */
export interface BudgetRuleInput {
  readonly budgetName: string;
  readonly budgetType: string;
  readonly period: string;
  readonly limit?: LimitConfig;
  readonly isCommitmentBudget: boolean;
  readonly hasCostTypes: boolean;
  readonly notifications: ResolvedNotification[];
  readonly alertEmails: string[];
  readonly filterExpression?: CostExpression;
  readonly startDate?: string;
  readonly endDate?: string;
}

/** Every documented AWS Budgets rule a budget's props can break, first the most basic. */
export function budgetViolations(input: BudgetRuleInput): RuleViolation[] {
  // Notifications share their email list (and usually alertEmails): a list checked once gives every
  // line the message would hold, since the message says each line once.
  const checkedEmailLists = new Set<readonly string[]>();
  return [
    ...nameViolations(input.budgetName),
    ...periodViolations(input),
    ...limitViolations(input),
    ...(input.filterExpression ? expressionViolations(input.filterExpression) : []),
    ...notificationViolations(input.notifications, checkedEmailLists),
    ...emailViolationsOnce(input.alertEmails, checkedEmailLists),
    ...dateViolations(input.startDate, input.endDate),
  ];
}

/** The budget name rules of API_budgets_Budget; `property` names what the user sets to fix it. */
export function nameViolations(budgetName: string, property = 'budgetName'): RuleViolation[] {
  if (isUnresolved(budgetName)) {
    return [];
  }
  return violationsOf(
    checkLength(budgetName, 1, BUDGET_NAME_MAX_LENGTH, 'a budget name', `shorten ${property}`),
    BUDGET_NAME_FORBIDDEN_CHARACTERS.test(budgetName) || budgetName.includes(BUDGET_NAME_FORBIDDEN_SUBSTRING)
      ? { value: budgetName, rule: 'a budget name contains no ":" or "\\" and not "/action/"', fix: `remove those characters from ${property}` }
      : undefined,
    BUDGET_NAME_FORBIDDEN_SCRIPT.test(budgetName)
      ? { value: budgetName, rule: 'a budget name contains no <script>...</script> element', fix: `remove the script element from ${property}` }
      : undefined,
  );
}

function periodViolations(input: BudgetRuleInput): RuleViolation[] {
  if (input.period === 'DAILY' && input.budgetType !== 'RI_UTILIZATION' && input.budgetType !== 'RI_COVERAGE') {
    return [{
      value: `${input.budgetType} budget with period DAILY`,
      rule: 'the DAILY period is available only for RI_UTILIZATION and RI_COVERAGE budgets',
      fix: 'use BudgetPeriod.MONTHLY (or QUARTERLY, ANNUALLY)',
    }];
  }
  return [];
}

function limitViolations(input: BudgetRuleInput): RuleViolation[] {
  const { limit, budgetType, period } = input;
  if (input.isCommitmentBudget) {
    const allowed = limit === undefined || (limit.kind === 'fixed' && limit.amount === COMMITMENT_BUDGET_LIMIT);
    return violationsOf(
      allowed ? undefined : {
        value: limit?.kind === 'fixed' ? limit.amount : `BudgetLimit.${limit?.kind}`,
        rule: `${budgetType} budgets take ${COMMITMENT_BUDGET_LIMIT} (percent) as their only limit`,
        fix: 'omit limit and express the target as an alert threshold, e.g. alerts: [{ thresholds: [80] }]',
      },
      input.hasCostTypes ? { value: 'costTypes', rule: `${budgetType} budgets have no cost types`, fix: 'remove costTypes' } : undefined,
    );
  }
  if (limit === undefined) {
    return [{ value: limit, rule: `a ${budgetType} budget needs a limit`, fix: 'set limit, e.g. BudgetLimit.fixedAmount(1000)' }];
  }
  const costTypesRule: RuleViolation | undefined =
    input.hasCostTypes && budgetType !== 'COST' ? { value: 'costTypes', rule: `only COST budgets have cost types (this is ${budgetType})`, fix: 'remove costTypes' } : undefined;
  switch (limit.kind) {
    case 'fixed':
      return violationsOf(costTypesRule, positiveAmount(limit.amount, 'the limit'));
    case 'planned':
      return violationsOf(costTypesRule, ...plannedLimitViolations(limit.periods, period));
    case 'autoAdjust':
      return violationsOf(costTypesRule, ...autoAdjustViolations(limit, budgetType, period));
  }
}

function positiveAmount(amount: number, what: string): RuleViolation | undefined {
  if (isUnresolved(amount) || (Number.isFinite(amount) && amount > 0)) {
    return undefined;
  }
  return { value: amount, rule: `${what} of a budget is a positive amount`, fix: 'use an amount above 0, e.g. 0.01 for a zero-spend budget' };
}

function plannedLimitViolations(periods: ReadonlyArray<{ startDate: string; amount: number }>, period: string): Array<RuleViolation | undefined> {
  const maxPeriods = PLANNED_LIMITS_MAX_PERIODS[period];
  if (maxPeriods === undefined) {
    return [{ value: `planned limits with period ${period}`, rule: 'planned limits are for MONTHLY or QUARTERLY budgets', fix: 'use BudgetPeriod.MONTHLY or QUARTERLY, or BudgetLimit.fixedAmount' }];
  }
  const startMonths = period === 'QUARTERLY' ? [1, 4, 7, 10] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const seen = new Set<string>();
  return [
    periods.length === 0 || periods.length > maxPeriods
      ? { value: `${periods.length} planned periods`, rule: `a ${period} budget plans 1-${maxPeriods} periods`, fix: `list at most ${maxPeriods} periods from the current one` }
      : undefined,
    ...periods.flatMap((planned) => {
      if (isUnresolved(planned.startDate)) {
        return [{
          value: 'a planned startDate known only at deploy time',
          rule: 'a planned period\'s start date is a key of PlannedBudgetLimits (epoch seconds), which CloudFormation takes only as a literal',
          fix: 'write the start dates as YYYY-MM-DD literals (amounts may be tokens), or use BudgetLimit.fixedAmount',
        }];
      }
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(planned.startDate);
      const duplicate = seen.has(planned.startDate);
      seen.add(planned.startDate);
      return [
        !match || match[3] !== '01' || !startMonths.includes(Number(match[2]))
          ? { value: planned.startDate, rule: `a planned period starts on the first day of a ${period === 'QUARTERLY' ? 'calendar quarter' : 'month'}, written YYYY-MM-DD`, fix: 'use e.g. 2027-01-01' }
          : undefined,
        duplicate ? { value: planned.startDate, rule: 'each planned period appears once', fix: 'remove the duplicate period' } : undefined,
        positiveAmount(planned.amount, `the planned amount for ${planned.startDate}`),
      ];
    }),
  ];
}

function autoAdjustViolations(limit: Extract<LimitConfig, { kind: 'autoAdjust' }>, budgetType: string, period: string): Array<RuleViolation | undefined> {
  const maxLookback = BUDGET_ADJUSTMENT_PERIOD_MAX[period];
  const lookback = limit.lookbackPeriods;
  return [
    budgetType !== 'COST' ? { value: `auto-adjusting ${budgetType} budget`, rule: 'auto-adjusting budgets are COST budgets', fix: 'use BudgetLimit.fixedAmount for this budget type' } : undefined,
    lookback !== undefined && !isUnresolved(lookback) && (!Number.isInteger(lookback) || lookback < 1 || lookback > maxLookback)
      ? { value: lookback, rule: `a ${period} auto-adjusting budget looks back 1-${maxLookback} periods`, fix: `use BudgetLimit.autoAdjustHistorical(n) with 1 <= n <= ${maxLookback}` }
      : undefined,
  ];
}

function notificationViolations(notifications: ResolvedNotification[], checkedEmailLists: Set<readonly string[]>): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (notifications.length > BUDGET_MAX_NOTIFICATIONS) {
    violations.push({
      value: `${notifications.length} notifications (${notifications.map((n) => `${n.notificationType} ${n.threshold}`).join(', ')})`,
      rule: `a budget has at most ${BUDGET_MAX_NOTIFICATIONS} notifications (one per threshold)`,
      fix: 'drop thresholds, or split the budget',
    });
  }
  const seen = new Set<string>();
  for (const notification of notifications) {
    const key = `${notification.notificationType} ${notification.comparisonOperator} ${notification.threshold} ${notification.thresholdType}`;
    if (seen.has(key)) {
      violations.push({ value: key, rule: 'a budget has each notification (type, comparison, threshold) once', fix: 'remove the duplicate threshold' });
    }
    seen.add(key);
    violations.push(...violationsOf(thresholdViolation(notification.threshold, notification.thresholdType)));
    violations.push(...emailViolationsOnce(notification.emails, checkedEmailLists));
  }
  return violations;
}

/** {@link emailViolations} of a list not checked yet (by identity); nothing for a list already checked. */
function emailViolationsOnce(emails: string[], checkedEmailLists: Set<readonly string[]>): RuleViolation[] {
  if (checkedEmailLists.has(emails)) {
    return [];
  }
  checkedEmailLists.add(emails);
  return emailViolations(emails);
}

/** A threshold within AWS's range for its type. */
export function thresholdViolation(threshold: number, thresholdType: ThresholdType): RuleViolation | undefined {
  const max = thresholdType === ThresholdType.PERCENTAGE ? BUDGET_MAX_PERCENTAGE_THRESHOLD : BUDGET_MAX_ABSOLUTE_THRESHOLD;
  if (isUnresolved(threshold) || (Number.isFinite(threshold) && threshold >= 0 && threshold <= max)) {
    return undefined;
  }
  return {
    value: threshold,
    rule: `a ${thresholdType === ThresholdType.PERCENTAGE ? 'percentage' : 'absolute'} threshold is between 0 and ${max}`,
    fix: thresholdType === ThresholdType.PERCENTAGE ? 'use a percentage of the budget, e.g. 80' : 'use an amount in the budget unit',
  };
}

/** At most 10 email subscribers, each a plausible email address; a list token is counted at deploy time. */
export function emailViolations(emails: string[]): RuleViolation[] {
  if (isListToken(emails)) {
    return [];
  }
  return violationsOf(
    emails.length > BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION
      ? {
        value: emails,
        rule: `a notification has at most 1 SNS and ${BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION} email subscribers (got ${emails.length} emails)`,
        fix: 'send to a mailing list, or subscribe the extra addresses to the alert topic',
      }
      : undefined,
    ...emails
      .filter((email) => !isUnresolved(email) && !isEmailAddress(email))
      .map((email) => ({ value: email, rule: 'an email subscriber is an email address (name@domain.tld)', fix: 'correct the address' })),
  );
}

function dateViolations(startDate?: string, endDate?: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  for (const date of [startDate, endDate]) {
    if (date !== undefined && !isUnresolved(date) && (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))) {
      violations.push({ value: date, rule: 'budget dates are written YYYY-MM-DD', fix: 'use e.g. 2027-01-01' });
    }
  }
  if (violations.length === 0 && startDate && endDate && !isUnresolved(startDate) && !isUnresolved(endDate) && startDate >= endDate) {
    violations.push({ value: `${startDate} to ${endDate}`, rule: 'a budget starts before it ends', fix: 'swap or correct the dates' });
  }
  return violations;
}

/** What the budget action rules look at. */
export interface BudgetActionRuleInput {
  readonly id: string;
  readonly bound: BoundActionDefinition;
  readonly threshold: number;
  readonly thresholdType: ThresholdType;
  readonly emails: string[];
}

/** Target counts and IDs, threshold range and subscribers of a budget action. */
export function budgetActionViolations(input: BudgetActionRuleInput): RuleViolation[] {
  return violationsOf(
    ...scpViolations(input.bound),
    ...input.bound.targetLists.map(({ what, items }) =>
      !isListToken(items) && (items.length < 1 || items.length > BUDGET_ACTION_MAX_TARGETS)
        ? { value: items, rule: `budget action ${input.id} names 1-${BUDGET_ACTION_MAX_TARGETS} ${what} (got ${items.length})`, fix: 'split the action or narrow its targets' }
        : undefined,
    ),
    actionThresholdViolation(input.threshold),
    ...emailViolations(input.emails),
  );
}

/** An action's threshold within AWS's one range for both threshold types. */
function actionThresholdViolation(threshold: number): RuleViolation | undefined {
  if (isUnresolved(threshold) || (Number.isFinite(threshold) && threshold >= 0 && threshold <= BUDGET_MAX_ACTION_THRESHOLD)) {
    return undefined;
  }
  return {
    value: threshold,
    rule: `a budget action threshold is between 0 and ${BUDGET_MAX_ACTION_THRESHOLD}`,
    fix: 'use a percentage of the budget, e.g. 100, or an amount in the budget unit',
  };
}

/** The SCP's ID and targets: accounts or organizational units, never a root. */
function scpViolations(bound: BoundActionDefinition): RuleViolation[] {
  const scp = bound.scp;
  if (!scp) {
    return [];
  }
  return violationsOf(
    !isUnresolved(scp.policyId) && !SCP_POLICY_ID_PATTERN.test(scp.policyId)
      ? { value: scp.policyId, rule: 'an SCP policy ID matches ^p-[0-9a-zA-Z_]{8,128}$', fix: 'use the ID of the service control policy, e.g. p-examplepolicyid111' }
      : undefined,
    ...scp.targetIds
      .filter((targetId) => !isUnresolved(targetId) && !SCP_TARGET_ID_PATTERN.test(targetId))
      .map((targetId) => ({
        value: targetId,
        rule: targetId.startsWith('r-')
          ? 'an SCP budget action targets accounts or organizational units; a root is not a valid target'
          : 'an SCP budget action target is a 12-digit account ID or an organizational unit ID (ou-xxxx-xxxxxxxx)',
        fix: targetId.startsWith('r-') ? 'list the organizational units or accounts under the root instead' : 'correct the target ID',
      })),
  );
}
