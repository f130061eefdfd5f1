import { CfnParameter, Fn, NestedStack, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BudgetAlert } from './budget-alert';
import { BudgetLimit } from './budget-limit';
import { BudgetPeriod, FinOpsBudget } from './finops-budget';
import { BudgetsNestedStack, SUPPRESS_TEMPLATE_INDENTATION_CONTEXT } from './private/budgets-nested-stack';
import { DEFAULT_BUDGET_ALERTS } from './private/defaults';
import { organizationBudgetViolations } from './private/organization-budget-rules';
import { planStacks } from './private/stack-plan';
import { AlertPublisher } from '../core/alert-topic';
import { CostFilter } from '../core/cost-filter';
import { BUDGET_NAME_FORBIDDEN_CHARACTERS, BUDGET_NAME_MAX_LENGTH } from '../core/limits/budgets';
import { CFN_MAX_RESOURCES } from '../core/limits/cloudformation';
import { checkAccountQuotas } from '../core/private/account-quotas';
import { isListToken } from '../core/private/deploy-time';
import { resolveAlertTopic } from '../core/private/resolve-alert-topic';
import { failOnFirst } from '../core/validation';

/**
 * One budget of an organization: the spend of one member account, or of one value of a cost category.
 */
export interface OrganizationBudgetEntry {
  /**
   * The member account whose spend the budget tracks (a `LinkedAccount` filter).
   *
   * @default - none: set exactly one of accountId and costCategoryValue
   */
  readonly accountId?: string;

  /**
   * The value of the cost category named by `costCategoryName` whose spend the budget tracks.
   *
   * @default - none: set exactly one of accountId and costCategoryValue
   * @see https://docs.aws.amazon.com/cost-management/latest/userguide/manage-cost-categories.html
   */
  readonly costCategoryValue?: string;

  /** The amount per period, in the organization's unit (USD by default). */
  readonly amount: number;

  /**
   * The budget's name, unique in the account that deploys it.
   *
   * @default - `<budgetNamePrefix>-<accountId>` or `<budgetNamePrefix>-<costCategoryValue>`
   */
  readonly budgetName?: string;

  /**
   * Email addresses told about this budget's alerts (at most 10).
   *
   * @default - the organization's `alertEmails`
   */
  readonly emails?: string[];
}

/**
 * Properties of {@link OrganizationBudgets}.
 */
export interface OrganizationBudgetsProps {
  /** The budgets, one per member account or cost category value. */
  readonly budgets: OrganizationBudgetEntry[];

  /**
   * The cost category whose values the entries with `costCategoryValue` track.
   *
   * @default - none: required when an entry has a costCategoryValue
   */
  readonly costCategoryName?: string;

  /**
   * The alerts of every budget, e.g. an escalation `[{ thresholds: [50, 80, 100] }]`.
   *
   * @default - ACTUAL at 80% and 100%, and FORECASTED at 100%, as FinOpsBudget
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-budgets-budget-notification.html
   */
  readonly alerts?: BudgetAlert[];

  /**
   * Email addresses told about every alert of entries that name no emails (at most 10).
   *
   * @default - none: alerts go to the shared alert topic only
   */
  readonly alertEmails?: string[];

  /**
   * The one topic every budget publishes to.
   *
   * @default - a new topic encrypted with a customer-managed KMS key, shared by all budgets
   */
  readonly alertTopic?: sns.ITopic;

  /** @default BudgetPeriod.MONTHLY */
  readonly period?: BudgetPeriod;

  /**
   * The unit of every entry's amount.
   *
   * @default "USD"
   */
  readonly unit?: string;

  /**
   * The start of generated budget names, `<budgetNamePrefix>-<accountId>` (at most 100 characters in all, without ":" or "\").
   *
   * @default - the construct's id, without ":" and "\" and shortened so that every generated name fits 100 characters
   */
  readonly budgetNamePrefix?: string;

  /**
   * The most budgets per nested stack (each budget is one resource). A stack also closes early
   * when its estimated template would pass 80 percent of CloudFormation's 1 MB template quota.
   *
   * @default 500
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
   */
  readonly budgetsPerStack?: number;
}

/**
 * Budgets for a whole organization from one list: one budget per member account or cost category
 * value, all publishing to one shared, encrypted alert topic, spread over nested stacks so that
 * every template stays within CloudFormation's quotas (checked at synth for every nested stack).
 *
 * Budgets fill the nested stacks in list order. Add new entries at the end of the list: an entry
 * inserted or removed earlier moves the budgets after it across stack boundaries, which
 * CloudFormation deploys as a delete in one nested stack and a create of the same budget name in
 * another, and that can fail on the name.
 *
 * @example
 * new OrganizationBudgets(this, 'AccountBudgets', {
 *   budgets: [
 *     { accountId: '111111111111', amount: 5000 },
 *     { accountId: '222222222222', amount: 12000, emails: ['data-team@example.com'] },
 *   ],
 *   alerts: [{ thresholds: [50, 80, 100] }, { thresholds: [100], notificationType: NotificationType.FORECASTED }],
 *   alertEmails: ['finops@example.com'],
 * });
 */
export class OrganizationBudgets extends Construct {
  /** The topic every budget publishes to. */
  public readonly alertTopic: sns.ITopic;
  /** The budgets, in the order of the list. */
  public readonly budgets: FinOpsBudget[];
  /** The nested stacks that hold the budgets. */
  public readonly stacks: NestedStack[];

  constructor(scope: Construct, id: string, props: OrganizationBudgetsProps) {
    super(scope, id);
    checkAccountQuotas(this);
    const budgetsPerStack = props.budgetsPerStack ?? CFN_MAX_RESOURCES;
    const alerts = props.alerts ?? [...DEFAULT_BUDGET_ALERTS];
    const namePrefix = props.budgetNamePrefix ?? withoutForbiddenCharacters(id);
    const entries = props.budgets.map((entry, index) => ({
      ...entry,
      budgetName: entry.budgetName ?? generatedBudgetName(namePrefix, entry, props.budgetNamePrefix === undefined),
      index,
      emails: entry.emails ?? props.alertEmails ?? [],
    }));
    failOnFirst(this, organizationBudgetViolations({ entries, costCategoryName: props.costCategoryName, budgetsPerStack }));

    // Nested templates are read by CloudFormation only: written compact, they hold a third more budgets.
    this.node.setContext(SUPPRESS_TEMPLATE_INDENTATION_CONTEXT, true);
    this.alertTopic = resolveAlertTopic(this, 'AlertTopic', AlertPublisher.BUDGETS, props.alertTopic);
    const fix = 'lower budgetsPerStack, or give the budgets fewer alerts or emails';
    const plan = planStacks(entries, alerts, budgetsPerStack);
    const allEmailLists = [...entries.map((entry) => entry.emails), ...alerts.map((alert) => alert.emails ?? [])];
    const emailLists = [...new Set(allEmailLists.filter(isListToken).map(([marker]) => marker))];
    this.stacks = plan.map((_, index) => new BudgetsNestedStack(this, `Budgets${index + 1}`, {
      description: `Budgets ${index + 1} of ${plan.length} of ${this.node.path}`,
      // A list crosses into a nested stack as one comma-separated string, read there as a list again.
      parameters: Object.fromEntries(emailLists.map((marker, listIndex) => [`EmailList${listIndex + 1}`, Fn.join(',', [marker])])),
    }, fix));
    const emailsIn = (stack: NestedStack, emails: string[]) => isListToken(emails)
      ? emailListParameter(stack, `EmailList${emailLists.indexOf(emails[0]) + 1}`).valueAsList
      : emails;
    this.budgets = plan.flatMap((stackEntries, index) => stackEntries.map((entry) => new FinOpsBudget(this.stacks[index], budgetConstructId(entry), {
      budgetName: entry.budgetName,
      period: props.period,
      limit: BudgetLimit.fixedAmount(entry.amount, props.unit),
      costFilter: entry.accountId !== undefined
        ? CostFilter.linkedAccounts([entry.accountId])
        : CostFilter.costCategory(props.costCategoryName!, [entry.costCategoryValue!]),
      alerts: alerts.map((alert) => (alert.emails ? { ...alert, emails: emailsIn(this.stacks[index], alert.emails) } : alert)),
      alertEmails: emailsIn(this.stacks[index], entry.emails),
      alertTopic: this.alertTopic,
    })));
  }
}

/** An AWS account ID has 12 digits: the length a token account ID will have. */
const ACCOUNT_ID_LENGTH = 12;

/**
 * `<prefix>-<account or value>`. A prefix the user did not choose (the construct id, without the
 * characters budget names forbid) is shortened so that the name fits; a chosen prefix is kept as
 * written and checked.
 */
function generatedBudgetName(prefix: string, entry: OrganizationBudgetEntry, derivedPrefix: boolean): string {
  const tracked = entry.accountId ?? entry.costCategoryValue ?? '';
  if (!derivedPrefix) {
    return `${prefix}-${tracked}`;
  }
  const trackedLength = Token.isUnresolved(tracked) ? ACCOUNT_ID_LENGTH : tracked.length;
  return `${prefix.slice(0, Math.max(1, BUDGET_NAME_MAX_LENGTH - 1 - trackedLength))}-${tracked}`;
}

/** The construct id as a name prefix: cleaned once for the whole list, not once per entry. */
function withoutForbiddenCharacters(id: string): string {
  return id.split('').filter((character) => !BUDGET_NAME_FORBIDDEN_CHARACTERS.test(character)).join('');
}

/** The budget's construct id: its name, or its place in the list when the name is known only at deploy time. */
function budgetConstructId(entry: { budgetName: string; index: number }): string {
  return Token.isUnresolved(entry.budgetName) ? `Budget${entry.index + 1}` : entry.budgetName;
}

/** The nested stack's CommaDelimitedList parameter of that name, created once. */
function emailListParameter(stack: NestedStack, name: string): CfnParameter {
  return (stack.node.tryFindChild(name) as CfnParameter | undefined) ?? new CfnParameter(stack, name, { type: 'CommaDelimitedList' });
}
