import { CFN_MAX_TEMPLATE_BYTES } from '../../core/limits/cloudformation';
import { BudgetAlert } from '../budget-alert';

/** What the plan needs to know of a budget. */
export interface PlannedBudget {
  readonly budgetName: string;
  readonly emails: string[];
  readonly accountId?: string;
  readonly costCategoryValue?: string;
}

/** A stack closes when its estimated template passes this share of the quota: the estimate is not exact. */
const TEMPLATE_BYTES_TARGET = CFN_MAX_TEMPLATE_BYTES * 0.8;

/**
 * Bytes of a compact budget resource, measured on synthesized templates (the logical ID, type,
 * name, limit and filter; each notification; each subscriber besides its address), rounded up.
 */
const BUDGET_BASE_BYTES = 400;
const NOTIFICATION_BYTES = 140;
const SUBSCRIBER_BYTES = 45;
const TOPIC_SUBSCRIBER_BYTES = 110;

/**
 * Splits the budgets, in order, into stacks of at most `budgetsPerStack` budgets whose templates
 * stay within {@link TEMPLATE_BYTES_TARGET}.
 */
export function planStacks<T extends PlannedBudget>(budgets: T[], alerts: readonly BudgetAlert[], budgetsPerStack: number): T[][] {
  const stacks: T[][] = [];
  let current: T[] = [];
  let currentBytes = 0;
  for (const budget of budgets) {
    const bytes = estimatedBudgetBytes(budget, alerts);
    if (current.length === budgetsPerStack || (current.length > 0 && currentBytes + bytes > TEMPLATE_BYTES_TARGET)) {
      stacks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(budget);
    currentBytes += bytes;
  }
  if (current.length > 0) {
    stacks.push(current);
  }
  return stacks;
}

function estimatedBudgetBytes(budget: PlannedBudget, alerts: readonly BudgetAlert[]): number {
  const identity = 3 * budget.budgetName.length + (budget.accountId ?? budget.costCategoryValue ?? '').length;
  const notifications = alerts.reduce((sum, alert) => {
    const emails = alert.emails ?? budget.emails;
    const emailBytes = emails.reduce((bytes, email) => bytes + SUBSCRIBER_BYTES + email.length, 0);
    return sum + alert.thresholds.length * (NOTIFICATION_BYTES + TOPIC_SUBSCRIBER_BYTES + emailBytes);
  }, 0);
  return BUDGET_BASE_BYTES + identity + notifications;
}
