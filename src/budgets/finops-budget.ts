import { Arn, ArnFormat, Duration, IResolvable, IResource, Names, Resource, Stack } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertTier, BudgetAlertHandlerOptions } from './alert-tier';
import { ApprovalModel, BudgetActionOptions } from './budget-action';
import { BudgetAlert, ComparisonOperator, NotificationType, ThresholdType } from './budget-alert';
import { BudgetLimit } from './budget-limit';
import { budgetActionViolations, budgetViolations, ResolvedNotification } from './budget-rules';
import { claimBudgetName } from './private/budget-names';
import { DEFAULT_ALERT_TIERS, DEFAULT_BUDGET_ALERTS } from './private/defaults';
import { AlertPublisher, AlertTopic } from '../core/alert-topic';
import { CostFilter } from '../core/cost-filter';
import { BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION } from '../core/limits/budgets';
import { checkAccountQuotas } from '../core/private/account-quotas';
import { renderBudgetFilter } from '../core/private/budget-filter';
import { emailSubscribers } from '../core/private/deploy-time';
import { jsonLogging } from '../core/private/function-logging';
import { resolveLogicalIdOnce } from '../core/private/logical-id';
import { acknowledgeRules } from '../core/private/nag';
import { resolveAlertTopic, topicArnFor } from '../core/private/resolve-alert-topic';
import { fail, failOnFirst, isUnresolved } from '../core/validation';
import { OptimizerKind } from '../optimization/optimizer-kind';
import { OptimizerRunTarget } from '../optimization/optimizer-run-target';

/**
 * An AWS Budgets budget, defined in this app or imported by name or ARN.
 */
export interface IFinOpsBudget extends IResource {
  /**
   * The budget's name.
   *
   * @attribute
   */
  readonly budgetName: string;

  /**
   * The budget's ARN (`arn:<partition>:budgets::<account>:budget/<name>`).
   *
   * @attribute
   */
  readonly budgetArn: string;

  /**
   * Grants reading the budget and its actions: budgets:ViewBudget and
   * budgets:DescribeBudgetAction* on this budget.
   */
  grantView(grantee: iam.IGrantable): iam.Grant;
}

/**
 * What a budget tracks.
 *
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-managing-costs.html
 */
export enum BudgetType {
  /** Spend in money. */
  COST = 'COST',
  /** Usage in a usage unit (hours, GB, ...). */
  USAGE = 'USAGE',
  /** How much of the purchased Reserved Instance hours are used. */
  RI_UTILIZATION = 'RI_UTILIZATION',
  /** How much of the eligible usage Reserved Instances cover. */
  RI_COVERAGE = 'RI_COVERAGE',
  /** How much of the Savings Plans commitment is used. */
  SAVINGS_PLANS_UTILIZATION = 'SAVINGS_PLANS_UTILIZATION',
  /** How much of the eligible spend Savings Plans cover. */
  SAVINGS_PLANS_COVERAGE = 'SAVINGS_PLANS_COVERAGE',
}

/** The length of a budget period; spend resets at each period's start. */
export enum BudgetPeriod {
  /** Every day (RI utilization and coverage budgets only). */
  DAILY = 'DAILY',
  /** Every calendar month. */
  MONTHLY = 'MONTHLY',
  /** Every calendar quarter. */
  QUARTERLY = 'QUARTERLY',
  /** Every calendar year. */
  ANNUALLY = 'ANNUALLY',
}

/**
 * Which costs a COST budget counts.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-budgets-budget-costtypes.html
 */
export interface BudgetCostTypes {
  /** @default true */
  readonly includeCredit?: boolean;
  /** @default true */
  readonly includeDiscount?: boolean;
  /** @default true */
  readonly includeOtherSubscription?: boolean;
  /** @default true */
  readonly includeRecurring?: boolean;
  /** @default true */
  readonly includeRefund?: boolean;
  /** @default true */
  readonly includeSubscription?: boolean;
  /** @default true */
  readonly includeSupport?: boolean;
  /** @default true */
  readonly includeTax?: boolean;
  /** @default true */
  readonly includeUpfront?: boolean;
  /** Count amortized costs (upfront RI and Savings Plans fees spread over the term). @default false */
  readonly useAmortized?: boolean;
  /** Count blended costs. @default false */
  readonly useBlended?: boolean;
}

/**
 * Properties of a {@link FinOpsBudget}.
 */
export interface FinOpsBudgetProps {
  /**
   * The budget's name, unique in the account: 1-100 characters, without ":", "\", "/action/" or a script element.
   *
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html
   *
   * @default - a name derived from the construct path
   */
  readonly budgetName?: string;

  /** @default BudgetType.COST */
  readonly budgetType?: BudgetType;

  /** @default BudgetPeriod.MONTHLY */
  readonly period?: BudgetPeriod;

  /**
   * The amount tracked. Required for COST and USAGE budgets; RI and Savings Plans budgets take 100 (percent).
   *
   * @default - none (100 for RI and Savings Plans budgets)
   */
  readonly limit?: BudgetLimit;

  /**
   * Which costs the budget looks at.
   *
   * @default - all costs of the account (or, in a management account, of the organization)
   */
  readonly costFilter?: CostFilter;

  /**
   * Which kinds of cost a COST budget counts.
   *
   * @default - AWS's defaults: unblended cost including credits, refunds, taxes, support and fees
   */
  readonly costTypes?: BudgetCostTypes;

  /**
   * The alerts.
   *
   * @default - a FinOps practitioner's baseline: ACTUAL at 80% and 100%, and FORECASTED at 100%, so
   * the team hears early, hears when the budget is spent, and hears when the period is on track to overspend
   */
  readonly alerts?: BudgetAlert[];

  /**
   * Email addresses told about every alert (at most 10).
   *
   * @default - none: alerts go to the alert topic only
   */
  readonly alertEmails?: string[];

  /**
   * The topic every alert is published to. When it belongs to this app, its policy is extended to
   * let AWS Budgets publish; for an imported topic, do that yourself.
   *
   * @default - a new topic encrypted with a customer-managed KMS key
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * Budget actions to run when thresholds are crossed. More can be added with `addAction`.
   *
   * @default - none
   */
  readonly actions?: BudgetActionOptions[];

  /**
   * Subscribe a Lambda to the alert topic that turns notifications into tiered escalations.
   *
   * @default - no alert handler
   */
  readonly alertHandler?: BudgetAlertHandlerOptions;

  /**
   * The first day the budget counts, `YYYY-MM-DD` (UTC). A token is passed to CloudFormation's
   * `TimePeriod.Start` unchanged: it must then resolve to what that property takes (seconds since the epoch).
   *
   * @default - the start of the current period
   */
  readonly startDate?: string;

  /**
   * The last day the budget counts, `YYYY-MM-DD` (UTC). AWS deletes the budget after it. A token is
   * passed to `TimePeriod.End` unchanged, as for `startDate`.
   *
   * @default - no end
   */
  readonly endDate?: string;
}

const COMMITMENT_BUDGET_TYPES = [
  BudgetType.RI_UTILIZATION,
  BudgetType.RI_COVERAGE,
  BudgetType.SAVINGS_PLANS_UTILIZATION,
  BudgetType.SAVINGS_PLANS_COVERAGE,
];

/**
 * An AWS budget with alerts, optional budget actions, and an optional alert handler that
 * escalates by utilization tier.
 *
 * Every alert is published to an SNS topic encrypted with a customer-managed key that only AWS
 * Budgets, for this account, may use; limits that AWS would reject at deploy time are checked at synth.
 *
 * @example
 * new FinOpsBudget(this, 'Ec2Compute', {
 *   budgetName: 'ec2-compute-monthly',
 *   limit: BudgetLimit.fixedAmount(10000),
 *   costFilter: CostFilter.services(['Amazon Elastic Compute Cloud - Compute']),
 *   alerts: [{ thresholds: [70, 90, 95] }],
 *   alertEmails: ['finops@example.com'],
 * });
 */
export class FinOpsBudget extends Resource implements IFinOpsBudget {
  /** A budget of this stack's account defined elsewhere (the console, another app), by its name. */
  public static fromBudgetName(scope: Construct, id: string, budgetName: string): IFinOpsBudget {
    return new ImportedBudget(scope, id, budgetName, Stack.of(scope).formatArn(budgetArnComponents(budgetName)));
  }

  /** A budget defined elsewhere, by its ARN (`arn:<partition>:budgets::<account>:budget/<name>`). */
  public static fromBudgetArn(scope: Construct, id: string, budgetArn: string): IFinOpsBudget {
    const budgetName = Arn.split(budgetArn, ArnFormat.SLASH_RESOURCE_NAME).resourceName!;
    return new ImportedBudget(scope, id, budgetName, budgetArn);
  }

  /** The budget's name. */
  public get budgetName(): string {
    // Its Ref, made when first read: most budgets are never referenced by name.
    return this.budget.ref;
  }
  /** The budget's ARN. */
  public get budgetArn(): string {
    // Built when first read: most budgets are never referenced by ARN, and building it costs a token per budget.
    this.lazyBudgetArn ??= Stack.of(this).formatArn(budgetArnComponents(this.budgetName));
    return this.lazyBudgetArn;
  }
  /** The topic every alert of this budget is published to. */
  public readonly alertTopic: sns.ITopic;
  /** The alert handler Lambda, when enabled. */
  public readonly alertHandler?: lambda.IFunction;
  /** The topic of escalations for tiers that name no topic, when the alert handler is enabled. */
  public readonly escalationTopic?: sns.ITopic;

  private readonly budget: budgets.CfnBudget;
  private readonly alertEmails: string[];
  private readonly budgetType: BudgetType;
  private defaultExecutionRole?: iam.Role;
  private lazyBudgetArn?: string;

  constructor(scope: Construct, id: string, props: FinOpsBudgetProps = {}) {
    super(scope, id);
    checkAccountQuotas(this);
    this.budgetType = props.budgetType ?? BudgetType.COST;
    const period = props.period ?? BudgetPeriod.MONTHLY;
    const budgetName = props.budgetName ?? Names.uniqueResourceName(this, { maxLength: 100, separator: '-' });
    this.alertEmails = props.alertEmails ?? [];
    const isCommitmentBudget = COMMITMENT_BUDGET_TYPES.includes(this.budgetType);
    const defaultComparison = isCommitmentBudget ? ComparisonOperator.LESS_THAN : ComparisonOperator.GREATER_THAN;
    const notifications = resolveNotifications(props.alerts ?? DEFAULT_BUDGET_ALERTS, this.alertEmails, defaultComparison);
    const filterExpression = props.costFilter?.toCostExplorerExpression();

    failOnFirst(
      this,
      budgetViolations({
        budgetName,
        budgetType: this.budgetType,
        period,
        limit: props.limit?._config,
        isCommitmentBudget,
        hasCostTypes: props.costTypes !== undefined,
        notifications,
        alertEmails: this.alertEmails,
        filterExpression,
        startDate: props.startDate,
        endDate: props.endDate,
      }),
    );

    claimBudgetName(this, budgetName);

    this.alertTopic = resolveAlertTopic(this, 'AlertTopic', AlertPublisher.BUDGETS, props.alertTopic);
    const limit = props.limit?._config;
    const alertTopicArn = topicArnFor(this, this.alertTopic);
    this.budget = new budgets.CfnBudget(this, 'Resource', {
      budget: {
        budgetName,
        budgetType: this.budgetType,
        timeUnit: period,
        budgetLimit: limit?.kind === 'fixed' && !isCommitmentBudget ? { amount: limit.amount, unit: limit.unit } : undefined,
        plannedBudgetLimits: limit?.kind === 'planned' ? renderPlannedLimits(limit.periods, limit.unit) : undefined,
        autoAdjustData:
          limit?.kind === 'autoAdjust'
            ? {
              autoAdjustType: limit.autoAdjustType,
              historicalOptions: limit.lookbackPeriods !== undefined ? { budgetAdjustmentPeriod: limit.lookbackPeriods } : undefined,
            }
            : undefined,
        costTypes: props.costTypes,
        timePeriod: props.startDate || props.endDate ? { start: toBudgetTime(props.startDate), end: toBudgetTime(props.endDate) } : undefined,
        ...(filterExpression ? renderBudgetFilter(filterExpression) : {}),
      },
      notificationsWithSubscribers: notifications.map((notification) => ({
        notification: {
          notificationType: notification.notificationType,
          comparisonOperator: notification.comparisonOperator,
          threshold: notification.threshold,
          thresholdType: notification.thresholdType,
        },
        subscribers: this.subscribersFor(alertTopicArn, notification.emails),
      })),
    });
    resolveLogicalIdOnce(this.budget);

    (props.actions ?? []).forEach((action, index) => this.addAction(`Action${index + 1}`, action));

    if (props.alertHandler) {
      const handler = this.createAlertHandler(props.alertHandler, budgetName);
      this.alertHandler = handler.function;
      this.escalationTopic = handler.escalationTopic;
    }
  }

  /**
   * Adds a budget action: when spend crosses the threshold, AWS Budgets applies the IAM policy or
   * SCP, or stops the instances (after approval unless the approval model is AUTOMATIC).
   */
  public addAction(id: string, options: BudgetActionOptions): budgets.CfnBudgetsAction {
    const bound = options.definition._bind(this);
    const emails = options.emails ?? this.alertEmails;
    const thresholdType = options.thresholdType ?? ThresholdType.PERCENTAGE;
    failOnFirst(this, budgetActionViolations({ id, bound, threshold: options.threshold, thresholdType, emails }));
    const executionRole = options.executionRole ?? this.executionRoleFor(bound.executionStatements);
    return new budgets.CfnBudgetsAction(this, id, {
      budgetName: this.budgetName,
      actionType: bound.actionType,
      actionThreshold: { type: thresholdType, value: options.threshold },
      approvalModel: options.approvalModel ?? ApprovalModel.MANUAL,
      notificationType: options.notificationType ?? NotificationType.ACTUAL,
      executionRoleArn: executionRole.roleArn,
      definition: bound.definition,
      subscribers: [
        { type: 'SNS', address: this.alertTopic.topicArn },
        ...emailSubscribers(this, emails, BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION, (address) => ({ type: 'EMAIL', address }), (address) => ({ Type: 'EMAIL', Address: address })),
      ],
    });
  }

  /**
   * Grants reading the budget and its actions: budgets:ViewBudget and
   * budgets:DescribeBudgetAction* on this budget.
   */
  public grantView(grantee: iam.IGrantable): iam.Grant {
    return grantViewBudget(grantee, this.budgetArn);
  }

  private subscribersFor(alertTopicArn: string, emails: string[]): Array<budgets.CfnBudget.SubscriberProperty | IResolvable> {
    return [
      { subscriptionType: 'SNS', address: alertTopicArn },
      ...emailSubscribers(
        this, emails, BUDGET_MAX_EMAIL_SUBSCRIBERS_PER_NOTIFICATION,
        (address) => ({ subscriptionType: 'EMAIL', address }),
        (address) => ({ SubscriptionType: 'EMAIL', Address: address }),
      ),
    ];
  }

  /** One role for all actions of this budget, trusted by AWS Budgets for this account only. */
  private executionRoleFor(statements: iam.PolicyStatement[]): iam.IRole {
    if (!this.defaultExecutionRole) {
      const stack = Stack.of(this);
      this.defaultExecutionRole = new iam.Role(this, 'ActionExecutionRole', {
        description: `Lets AWS Budgets run the actions of budget ${this.node.path}`,
        assumedBy: new iam.ServicePrincipal('budgets.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'budgets', region: '', resource: 'budget', resourceName: '*' }) },
        }),
      });
    }
    statements.forEach((statement) => this.defaultExecutionRole!.addToPrincipalPolicy(statement));
    return this.defaultExecutionRole;
  }

  /** The optimizers the tier starts, each granted to the handler; undefined when the tier starts none. */
  private optimizerRunsOf(tier: AlertTier, handler: lambda.IFunction): OptimizerRunTarget[] | undefined {
    const pipeline = tier.startOptimizers;
    if (pipeline === undefined) {
      if (tier.optimizerKinds !== undefined) {
        fail(this, {
          value: tier.optimizerKinds,
          rule: `alert tier "${tier.name}" names optimizerKinds without a pipeline to start them in`,
          fix: 'set startOptimizers to the OptimizationPipeline, or drop optimizerKinds',
        });
      }
      return undefined;
    }
    const kinds = tier.optimizerKinds ?? OPTIMIZER_KINDS.filter((kind) => pipeline.functionFor(kind) !== undefined);
    return kinds.map((kind) => pipeline.grantStartRun(handler, kind));
  }

  private createAlertHandler(options: BudgetAlertHandlerOptions, budgetName: string): { function: lambda.IFunction; escalationTopic?: sns.ITopic } {
    const { lambdaModule, logs, subscriptions, AlertHandlerFunction } = alertHandlerModules();
    const tiers: readonly AlertTier[] = options.tiers ?? DEFAULT_ALERT_TIERS;
    tiers.forEach((tier) => {
      if (!(tier.minUtilization > 0)) {
        fail(this, {
          value: tier.minUtilization,
          rule: `alert tier "${tier.name}" starts at a utilization above 0 percent`,
          fix: 'set minUtilization to a positive percentage, e.g. 80',
        });
      }
    });
    const needsEscalationTopic = tiers.some((tier) => !tier.topic && !tier.targetFunction);
    const escalationTopic = needsEscalationTopic
      ? options.escalationTopic ?? new AlertTopic(this, 'EscalationTopic', { publishers: [] }).topic
      : options.escalationTopic;
    const logGroup = new logs.LogGroup(this, 'AlertHandlerLogs', { retention: logs.RetentionDays.THREE_MONTHS });
    // An own role instead of AWSLambdaBasicExecutionRole: it may write to its log group only.
    const role = new iam.Role(this, 'AlertHandlerRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the budget alert handler of ${this.node.path}`,
    });
    logGroup.grantWrite(role);
    const handler = new AlertHandlerFunction(this, 'AlertHandler', {
      description: `Escalates AWS Budgets notifications of ${this.node.path} by utilization tier`,
      timeout: Duration.seconds(30),
      memorySize: 256,
      architecture: lambdaModule.Architecture.ARM_64,
      role,
      ...jsonLogging(logGroup),
    });
    acknowledgeRules(role, [{
      id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
      reason: 'Publishing to an encrypted topic needs the GenerateDataKey variants, granted on that topic\'s key only',
    }]);
    const tierTargets = tiers.map((tier) => {
      const topic = tier.topic ?? (tier.targetFunction ? undefined : escalationTopic);
      topic?.grantPublish(handler);
      tier.targetFunction?.grantInvoke(handler);
      return {
        name: tier.name,
        minUtilization: String(tier.minUtilization),
        topicArn: topic?.topicArn,
        functionArn: tier.targetFunction?.functionArn,
        optimizerRuns: this.optimizerRunsOf(tier, handler),
      };
    });
    handler.addEnvironment('ALERT_TIERS', Stack.of(this).toJsonString(tierTargets));
    // The topic may be shared with other budgets: the handler escalates only the notifications
    // naming this budget (the name as written, which is what the budget's Ref returns).
    handler.addEnvironment('BUDGET_NAME', budgetName);
    this.alertTopic.addSubscription(new subscriptions.LambdaSubscription(handler));
    return { function: handler, escalationTopic };
  }
}

/**
 * What only a budget with an alert handler uses, loaded when the first one is created: aws-lambda
 * and the handler's function class take a synth process about 200 ms to load, which budgets without
 * a handler (the most) need not pay.
 */
function alertHandlerModules() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    lambdaModule: require('aws-cdk-lib/aws-lambda') as typeof import('aws-cdk-lib/aws-lambda'),
    logs: require('aws-cdk-lib/aws-logs') as typeof import('aws-cdk-lib/aws-logs'),
    subscriptions: require('aws-cdk-lib/aws-sns-subscriptions') as typeof import('aws-cdk-lib/aws-sns-subscriptions'),
    AlertHandlerFunction: (require('./alert-handler-function') as typeof import('./alert-handler-function')).AlertHandlerFunction,
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/** Every optimizer kind, in the order the pipeline documents them. */
const OPTIMIZER_KINDS = Object.values(OptimizerKind);

function resolveNotifications(
  alerts: readonly BudgetAlert[],
  defaultEmails: string[],
  defaultComparison: ComparisonOperator,
): ResolvedNotification[] {
  return alerts.flatMap((alert) =>
    alert.thresholds.map((threshold) => ({
      threshold,
      notificationType: alert.notificationType ?? NotificationType.ACTUAL,
      thresholdType: alert.thresholdType ?? ThresholdType.PERCENTAGE,
      comparisonOperator: alert.comparisonOperator ?? defaultComparison,
      emails: alert.emails ?? defaultEmails,
    })),
  );
}

/** PlannedBudgetLimits is keyed by the period's start in epoch seconds (UTC). */
function renderPlannedLimits(
  periods: ReadonlyArray<{ startDate: string; amount: number }>,
  unit: string,
): Record<string, { Amount: number; Unit: string }> {
  return Object.fromEntries(
    periods.map((period) => [String(Date.parse(`${period.startDate}T00:00:00Z`) / 1000), { Amount: period.amount, Unit: unit }]),
  );
}

/** Budgets take start and end as epoch seconds (as a string); a token is passed as it is. */
function toBudgetTime(date: string | undefined): string | undefined {
  if (date === undefined || isUnresolved(date)) {
    return date;
  }
  return String(Date.parse(`${date}T00:00:00Z`) / 1000);
}

/** Budgets are global: their ARNs have no region. */
function budgetArnComponents(budgetName: string) {
  return { service: 'budgets', region: '', resource: 'budget', resourceName: budgetName };
}

function grantViewBudget(grantee: iam.IGrantable, budgetArn: string): iam.Grant {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: ['budgets:ViewBudget', 'budgets:DescribeBudgetAction', 'budgets:DescribeBudgetActionsForBudget', 'budgets:DescribeBudgetActionHistories'],
    resourceArns: [budgetArn, `${budgetArn}/action/*`],
  });
}

class ImportedBudget extends Resource implements IFinOpsBudget {
  constructor(scope: Construct, id: string, public readonly budgetName: string, public readonly budgetArn: string) {
    super(scope, id);
  }

  public grantView(grantee: iam.IGrantable): iam.Grant {
    return grantViewBudget(grantee, this.budgetArn);
  }
}
