import { Names, Stack } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AnomalyAlertFrequency } from './anomaly-alert-frequency';
import { subscriptionViolations } from './anomaly-rules';
import { AnomalyThreshold, isAnomalyThreshold } from './anomaly-threshold';
import type { ICostAnomalyMonitor } from './cost-anomaly-monitor';
import { AlertPublisher } from '../core/alert-topic';
import { SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS, SUBSCRIPTION_NAME_MAX_LENGTH } from '../core/limits/anomaly';
import { emailSubscribers } from '../core/private/deploy-time';
import { resolveAlertTopic } from '../core/private/resolve-alert-topic';
import { fail, failOnFirst } from '../core/validation';

/**
 * An alert subscription of one or more anomaly monitors: how often, above which impact, to whom.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ce-anomalysubscription.html
 */
export interface AnomalySubscriptionOptions {
  /**
   * How often alerts are sent: IMMEDIATE alerts go to an SNS topic, DAILY and WEEKLY summaries by email.
   */
  readonly frequency: AnomalyAlertFrequency;

  /**
   * Which anomalies are worth an alert, e.g. `AnomalyThreshold.absoluteImpact(100)`.
   */
  readonly threshold: AnomalyThreshold;

  /**
   * The email addresses of a DAILY or WEEKLY subscription (1-10). IMMEDIATE subscriptions take none.
   *
   * @default - none
   */
  readonly emails?: string[];

  /**
   * The topic of an IMMEDIATE subscription. When it belongs to this app, its policy is extended to
   * let Cost Anomaly Detection publish for this account; for an imported topic, do that yourself.
   * DAILY and WEEKLY subscriptions take none.
   *
   * @default - for IMMEDIATE, the monitor's alert topic (with `addSubscription`) or a new topic
   * encrypted with a customer-managed KMS key (with `new AnomalySubscription`)
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * The subscription's name (1-1024 characters).
   *
   * @default - a name derived from the construct path
   */
  readonly subscriptionName?: string;
}

/**
 * Properties of an {@link AnomalySubscription}.
 */
export interface AnomalySubscriptionProps extends AnomalySubscriptionOptions {
  /**
   * The monitors whose anomalies this subscription alerts on (1-101).
   */
  readonly monitors: ICostAnomalyMonitor[];
}

/**
 * A Cost Anomaly Detection alert subscription that watches one or more monitors.
 *
 * For a subscription of a single monitor, `CostAnomalyMonitor.addSubscription` is shorter.
 *
 * @example
 * declare const servicesMonitor: CostAnomalyMonitor;
 * declare const teamMonitor: CostAnomalyMonitor;
 * new AnomalySubscription(this, 'WeeklyDigest', {
 *   monitors: [servicesMonitor, teamMonitor],
 *   frequency: AnomalyAlertFrequency.WEEKLY,
 *   threshold: AnomalyThreshold.absoluteImpact(50),
 *   emails: ['finops@example.com'],
 * });
 */
export class AnomalySubscription extends Construct {
  /** The subscription's ARN. */
  public readonly subscriptionArn: string;
  /** The subscription's name. */
  public readonly subscriptionName: string;
  /** How often the subscription alerts. */
  public readonly frequency: AnomalyAlertFrequency;
  /** The topic IMMEDIATE alerts are published to; undefined for DAILY and WEEKLY subscriptions. */
  public readonly alertTopic?: sns.ITopic;

  constructor(scope: Construct, id: string, props: AnomalySubscriptionProps) {
    super(scope, id);
    this.frequency = props.frequency;
    this.subscriptionName = props.subscriptionName ?? Names.uniqueResourceName(this, { maxLength: SUBSCRIPTION_NAME_MAX_LENGTH, separator: '-' });
    const emails = props.emails ?? [];
    if (!isAnomalyThreshold(props.threshold)) {
      fail(this, {
        value: Array.isArray(props.threshold) ? `threshold: an array of ${(props.threshold as unknown[]).length}` : `threshold: ${String(props.threshold)}`,
        rule: 'a subscription\'s threshold is one AnomalyThreshold',
        fix: 'combine thresholds with AnomalyThreshold.allOf(a, b) or AnomalyThreshold.anyOf(a, b), or use AnomalyThreshold.absoluteImpact(100)',
      });
    }
    const thresholdExpression = props.threshold.toThresholdExpression();
    failOnFirst(this, props.threshold._shapeViolations());
    failOnFirst(
      this,
      subscriptionViolations({
        subscriptionName: this.subscriptionName,
        frequency: this.frequency,
        threshold: thresholdExpression,
        emails,
        topicArns: props.alertTopic ? [props.alertTopic.topicArn] : [],
        monitorCount: props.monitors.length,
      }),
    );

    if (this.frequency === AnomalyAlertFrequency.IMMEDIATE) {
      this.alertTopic = resolveAlertTopic(this, 'AlertTopic', AlertPublisher.COST_ANOMALY_DETECTION, props.alertTopic);
    }
    const subscription = new ce.CfnAnomalySubscription(this, 'Resource', {
      subscriptionName: this.subscriptionName,
      frequency: this.frequency,
      monitorArnList: props.monitors.map((monitor) => monitor.monitorArn),
      subscribers: this.alertTopic
        ? [{ type: 'SNS', address: this.alertTopic.topicArn }]
        : emailSubscribers(this, emails, SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS, (address) => ({ type: 'EMAIL', address }), (address) => ({ Type: 'EMAIL', Address: address })),
      thresholdExpression: Stack.of(this).toJsonString(thresholdExpression),
    });
    if (this.alertTopic) {
      // Alerts need the topic policy that lets Cost Anomaly Detection publish: create it first.
      subscription.node.addDependency(this.alertTopic);
    }
    this.subscriptionArn = subscription.attrSubscriptionArn;
  }
}
