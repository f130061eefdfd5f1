import { Annotations, Fn, Names, Resource, Stack } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct, IConstruct } from 'constructs';
import { AnomalyAlertFrequency } from './anomaly-alert-frequency';
import { monitorViolations } from './anomaly-rules';
import { AnomalySubscription, AnomalySubscriptionOptions } from './anomaly-subscription';
import { AlertPublisher } from '../core/alert-topic';
import { CostFilter } from '../core/cost-filter';
import { MONITOR_NAME_MAX_LENGTH } from '../core/limits/anomaly';
import { checkAccountQuotas } from '../core/private/account-quotas';
import { isListToken } from '../core/private/deploy-time';
import { CostExpression, KeyedValues } from '../core/private/expression';
import { resolveAlertTopic } from '../core/private/resolve-alert-topic';
import { fail, failOnFirst, isUnresolved } from '../core/validation';

/**
 * A Cost Anomaly Detection monitor, defined in this app or imported.
 */
export interface ICostAnomalyMonitor extends IConstruct {
  /**
   * The monitor's ARN.
   *
   * @attribute
   */
  readonly monitorArn: string;
}

/**
 * Properties of a {@link CostAnomalyMonitor}.
 */
export interface CostAnomalyMonitorProps {
  /**
   * The monitor's name (1-1024 characters).
   *
   * @default - a name derived from the construct path
   */
  readonly monitorName?: string;

  /**
   * The costs a custom monitor watches in aggregate: member accounts (`CostFilter.linkedAccounts`,
   * at most 10), cost allocation tags (`CostFilter.tag`) or cost categories (`CostFilter.costCategory`).
   *
   * @see https://docs.aws.amazon.com/cost-management/latest/userguide/getting-started-ad.html#monitor-type-def
   * @default - the AWS services monitor (DIMENSIONAL, SERVICE): every AWS service evaluated on its
   * own. An account holds only one.
   */
  readonly costFilter?: CostFilter;

  /**
   * Alert subscriptions of this monitor. More can be added with `addSubscription`.
   *
   * @default - none: anomalies are visible in the console and the GetAnomalies API only
   */
  readonly subscriptions?: AnomalySubscriptionOptions[];

  /**
   * The topic of IMMEDIATE subscriptions that name none. When it belongs to this app, its policy is
   * extended to let Cost Anomaly Detection publish for this account; for an imported topic, do that yourself.
   *
   * @default - a new topic encrypted with a customer-managed KMS key, created with the first
   * IMMEDIATE subscription
   */
  readonly alertTopic?: sns.ITopic;
}

/**
 * A Cost Anomaly Detection monitor with its alert subscriptions.
 *
 * Without a cost filter it is the account's AWS services monitor, which evaluates every AWS service
 * on its own; with one it is a custom monitor of member accounts, cost allocation tags or cost
 * categories. IMMEDIATE alerts go to an SNS topic encrypted with a customer-managed key that only
 * Cost Anomaly Detection, for this account, may use; DAILY and WEEKLY summaries go by email.
 *
 * @example
 * const services = new CostAnomalyMonitor(this, 'AwsServices', {
 *   subscriptions: [{
 *     frequency: AnomalyAlertFrequency.IMMEDIATE,
 *     threshold: AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10)),
 *   }],
 * });
 * services.addSubscription('Daily', {
 *   frequency: AnomalyAlertFrequency.DAILY,
 *   threshold: AnomalyThreshold.absoluteImpact(20),
 *   emails: ['finops@example.com'],
 * });
 */
export class CostAnomalyMonitor extends Construct implements ICostAnomalyMonitor {
  /** A monitor defined elsewhere (e.g. the account's AWS services monitor made in the console), to subscribe to. */
  public static fromMonitorArn(scope: Construct, id: string, monitorArn: string): ICostAnomalyMonitor {
    class Import extends Resource implements ICostAnomalyMonitor {
      public readonly monitorArn = monitorArn;
    }
    return new Import(scope, id);
  }

  /** The monitor's ARN. */
  public readonly monitorArn: string;
  /** The monitor's name. */
  public readonly monitorName: string;

  private readonly isAwsServicesMonitor: boolean;
  private readonly defaultAlertTopic?: sns.ITopic;
  private immediateAlertTopic?: sns.ITopic;
  private readonly subscriptionList: AnomalySubscription[] = [];

  constructor(scope: Construct, id: string, props: CostAnomalyMonitorProps = {}) {
    super(scope, id);
    checkAccountQuotas(this);
    this.monitorName = props.monitorName ?? Names.uniqueResourceName(this, { maxLength: MONITOR_NAME_MAX_LENGTH, separator: '-' });
    this.isAwsServicesMonitor = props.costFilter === undefined;
    this.defaultAlertTopic = props.alertTopic;
    const filterExpression = props.costFilter?.toCostExplorerExpression();
    failOnFirst(this, monitorViolations({ monitorName: this.monitorName, filterExpression }));
    if (this.isAwsServicesMonitor) {
      this.claimAwsServicesMonitor();
    }

    const monitor = new ce.CfnAnomalyMonitor(this, 'Resource', {
      monitorName: this.monitorName,
      ...(filterExpression
        ? { monitorType: 'CUSTOM', monitorSpecification: monitorSpecification(Stack.of(this), filterExpression) }
        : { monitorType: 'DIMENSIONAL', monitorDimension: 'SERVICE' }),
    });
    this.monitorArn = monitor.attrMonitorArn;

    (props.subscriptions ?? []).forEach((options, index) => this.addSubscription(`Subscription${index + 1}`, options));
  }

  /** The topic IMMEDIATE subscriptions publish to by default; undefined until one is added. */
  public get alertTopic(): sns.ITopic | undefined {
    return this.immediateAlertTopic;
  }

  /** The subscriptions added to this monitor. */
  public get subscriptions(): AnomalySubscription[] {
    return [...this.subscriptionList];
  }

  /**
   * Adds an alert subscription of this monitor. To alert on several monitors in one subscription,
   * use `new AnomalySubscription` with `monitors`.
   */
  public addSubscription(id: string, options: AnomalySubscriptionOptions): AnomalySubscription {
    const alertTopic = options.frequency === AnomalyAlertFrequency.IMMEDIATE ? options.alertTopic ?? this.sharedAlertTopic() : options.alertTopic;
    const subscription = new AnomalySubscription(this, id, { ...options, alertTopic, monitors: [this] });
    this.subscriptionList.push(subscription);
    return subscription;
  }

  private sharedAlertTopic(): sns.ITopic {
    this.immediateAlertTopic ??= resolveAlertTopic(this, 'AlertTopic', AlertPublisher.COST_ANOMALY_DETECTION, this.defaultAlertTopic);
    return this.immediateAlertTopic;
  }

  /** An account holds one AWS services monitor: warn about ones outside the app, fail on a second one in it. */
  private claimAwsServicesMonitor(): void {
    const account = Stack.of(this).account;
    const where = isUnresolved(account) ? 'the same stack' : `account ${account}`;
    const other = this.node.root.node.findAll().find((candidate) => candidate !== this && this.sharesAccountWithServicesMonitor(candidate));
    if (other) {
      fail(this, {
        value: `a second AWS services monitor in ${where} (the first is ${other.node.path})`,
        rule: 'an account holds only one AWS services monitor (DIMENSIONAL, SERVICE)',
        fix: `add subscriptions to ${other.node.path} instead, or give this monitor a costFilter`,
      });
    }
    Annotations.of(this).addWarningV2(
      '@finops-as-code/cdk-finops:oneAwsServicesMonitorPerAccount',
      `An account holds only one AWS services monitor: the deployment fails if ${isUnresolved(account) ? 'the account' : `account ${account}`} ` +
        'already has one (e.g. the one AWS sets up for new Cost Explorer users, or one made in the console). ' +
        'Then subscribe to that one with CostAnomalyMonitor.fromMonitorArn instead, and acknowledge this warning.',
    );
  }

  /** Env-agnostic stacks may deploy anywhere: only the same stack or the same resolved account counts as one account. */
  private sharesAccountWithServicesMonitor(candidate: IConstruct): boolean {
    if (!(candidate instanceof CostAnomalyMonitor) || !candidate.isAwsServicesMonitor) {
      return false;
    }
    const [ownStack, otherStack] = [Stack.of(this), Stack.of(candidate)];
    return ownStack === otherStack || (!isUnresolved(ownStack.account) && ownStack.account === otherStack.account);
  }
}


/**
 * The monitor specification, JSON at deploy time. A list token of values (a CommaDelimitedList,
 * `Fn.split`) is written as its values joined with `","` between the array's quotes, which renders
 * `["a","b"]`: `toJsonString` would escape that separator, and would serialize a bare list token with a
 * custom resource (a Lambda function in the user's stack).
 */
function monitorSpecification(stack: Stack, expression: CostExpression): string {
  const lists: string[][] = [];
  const withPlaceholders = mapLeafValues(expression, (values) => (isListToken(values) ? [`@@LIST${lists.push(values) - 1}@@`] : values));
  if (lists.length === 0) {
    return stack.toJsonString(expression);
  }
  const pieces = JSON.stringify(withPlaceholders).split(/@@LIST(\d+)@@/);
  return Fn.join('', pieces.map((piece, index) => (index % 2 === 1 ? Fn.join('","', lists[Number(piece)]) : piece)));
}

function mapLeafValues(expression: CostExpression, map: (values: string[]) => string[]): CostExpression {
  const leaf = (keyed?: KeyedValues): KeyedValues | undefined => keyed && (keyed.Values ? { ...keyed, Values: map(keyed.Values) } : keyed);
  return {
    Dimensions: leaf(expression.Dimensions),
    Tags: leaf(expression.Tags),
    CostCategories: leaf(expression.CostCategories),
    And: expression.And?.map((operand) => mapLeafValues(operand, map)),
    Or: expression.Or?.map((operand) => mapLeafValues(operand, map)),
    Not: expression.Not && mapLeafValues(expression.Not, map),
  };
}
