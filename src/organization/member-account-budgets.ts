import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { MemberDeploymentTarget } from './member-deployment-target';
import { MemberStackSetOptions } from './member-stack-set-options';
import { OrganizationStackSet } from './private/organization-stack-set';
import { BudgetAlert } from '../budgets/budget-alert';
import { BudgetLimit } from '../budgets/budget-limit';
import { BudgetCostTypes, BudgetPeriod, BudgetType, FinOpsBudget } from '../budgets/finops-budget';
import { AlertPublisher } from '../core/alert-topic';
import { CostFilter } from '../core/cost-filter';
import { subscribeEmails } from '../core/private/email-subscriptions';
import { resolveAlertTopic } from '../core/private/resolve-alert-topic';
import { isEmailAddress, isUnresolved } from '../core/validation';

/**
 * One budget deployed into every targeted member account: the props of a {@link FinOpsBudget} that make
 * sense in another account. There is no alert topic to pass (each account gets its own encrypted topic),
 * no alert handler (its Lambda code would need an asset bucket in every member account) and no budget
 * action (its roles and policies would have to exist in every member account).
 */
export interface MemberBudgetProps {
  /**
   * The budget's name, the same in every member account: 1-100 characters, without ":", "\", "/action/"
   * or a script element.
   *
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html
   */
  readonly budgetName: string;

  /** @default BudgetType.COST */
  readonly budgetType?: BudgetType;

  /** @default BudgetPeriod.MONTHLY */
  readonly period?: BudgetPeriod;

  /**
   * The amount tracked in each account. Required for COST and USAGE budgets.
   *
   * @default - none (100 for RI and Savings Plans budgets)
   */
  readonly limit?: BudgetLimit;

  /**
   * Which costs of the member account the budget looks at.
   *
   * @default - all costs of the member account
   */
  readonly costFilter?: CostFilter;

  /** @default - AWS's defaults */
  readonly costTypes?: BudgetCostTypes;

  /**
   * The alerts.
   *
   * @default - ACTUAL at 80% and 100%, and FORECASTED at 100%, as FinOpsBudget
   */
  readonly alerts?: BudgetAlert[];

  /**
   * Email addresses told about every alert (at most 10), written as literals: the member template
   * cannot reference this app's resources or parameters.
   *
   * @default - none: alerts go to the member account's alert topic only
   */
  readonly alertEmails?: string[];

  /** @default - the start of the current period */
  readonly startDate?: string;

  /** @default - no end */
  readonly endDate?: string;
}

/**
 * Properties of {@link MemberAccountBudgets}.
 */
export interface MemberAccountBudgetsProps extends MemberStackSetOptions {
  /** The budgets every targeted account gets. */
  readonly budgets: MemberBudgetProps[];

  /** The member accounts that get the budgets. */
  readonly target: MemberDeploymentTarget;

  /**
   * Email addresses subscribed to each member account's alert topic (one SNS email subscription
   * each, confirmed by its owner), so that someone reads what every budget of the account publishes
   * there. Budgets' own `alertEmails` are notified by AWS Budgets directly and are not subscribed.
   *
   * @default - nothing subscribes to the member topic: a synth warning, and a review finding
   */
  readonly alertTopicEmails?: string[];
}

/**
 * Budgets deployed into member accounts by deployment target (organizational units, or accounts
 * within them), through a service-managed CloudFormation StackSet with automatic deployment, as Landing
 * Zone Accelerator does. Each account gets every budget as a {@link FinOpsBudget} (same validation, same
 * default alerts) publishing to one alert topic of its own, encrypted with a customer-managed key that
 * only AWS Budgets, for that account, may use.
 *
 * Complements `OrganizationBudgets`, which watches member accounts from the payer with linked-account filters.
 *
 * @example
 * new MemberAccountBudgets(this, 'SandboxBudgets', {
 *   budgets: [{ budgetName: 'sandbox-monthly', limit: BudgetLimit.fixedAmount(500), alertEmails: ['finops@example.com'] }],
 *   target: MemberDeploymentTarget.organizationalUnits(['ou-ab12-sandbox1']),
 * });
 */
export class MemberAccountBudgets extends Construct {
  /** The StackSet's name. */
  public readonly stackSetName: string;
  /** The template deployed into every member account (synthesized into the cloud assembly, not deployed by `cdk deploy`). */
  public readonly memberTemplate: Stack;
  /** The budgets, as declared in the member template. */
  public readonly budgets: FinOpsBudget[];

  constructor(scope: Construct, id: string, props: MemberAccountBudgetsProps) {
    super(scope, id);
    const stackSet = new OrganizationStackSet(this, 'StackSet', {
      ...props,
      description: `FinOps budgets of member accounts (${this.node.path})`,
      capabilities: [],
      violations: [
        ...(props.budgets.length > 0 ? [] : [{ value: [], rule: 'a StackSet of member budgets deploys at least one budget', fix: 'list the budgets every targeted account gets' }]),
        ...(props.alertTopicEmails ?? []).filter((email) => !isUnresolved(email) && !isEmailAddress(email)).map((email) => ({
          value: email,
          rule: 'alertTopicEmails are email addresses (local@domain)',
          fix: 'give the address of a person or a mailing list',
        })),
      ],
      parameters: {},
    });
    this.stackSetName = stackSet.stackSetName;
    this.memberTemplate = stackSet.template;
    const alertTopic = resolveAlertTopic(stackSet.template, 'AlertTopic', AlertPublisher.BUDGETS);
    subscribeEmails(stackSet.template, 'AlertTopicEmails', alertTopic, props.alertTopicEmails ?? []);
    this.budgets = props.budgets.map((budget) => new FinOpsBudget(stackSet.template, budget.budgetName, { ...budget, alertTopic }));
  }
}
