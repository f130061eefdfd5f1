import { AnomalyAlertFrequency } from './anomaly-alert-frequency';
import { ThresholdExpression, thresholdViolations } from './private/threshold-expression';
import {
  CUSTOM_MONITOR_DIMENSIONS,
  MONITOR_MAX_LINKED_ACCOUNTS,
  MONITOR_NAME_MAX_LENGTH,
  SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS,
  SUBSCRIPTION_MAX_MONITORS,
  SUBSCRIPTION_MAX_SNS_SUBSCRIBERS,
  SUBSCRIPTION_NAME_MAX_LENGTH,
} from '../core/limits/anomaly';
import { isListToken } from '../core/private/deploy-time';
import { CostExpression, expressionLeaves, expressionViolations } from '../core/private/expression';
import { checkLength, isEmailAddress, isUnresolved, RuleViolation, violationsOf } from '../core/validation';

/** What the monitor rules look at. */
export interface MonitorRuleInput {
  readonly monitorName: string;
  /** The custom monitor's filter; undefined for the AWS services monitor. */
  readonly filterExpression?: CostExpression;
}

/** Every documented Cost Anomaly Detection rule a monitor's props can break. */
export function monitorViolations(input: MonitorRuleInput): RuleViolation[] {
  return [
    ...violationsOf(checkLength(input.monitorName, 1, MONITOR_NAME_MAX_LENGTH, 'an anomaly monitor name', 'shorten monitorName')),
    ...(input.filterExpression ? customMonitorViolations(input.filterExpression) : []),
  ];
}

function customMonitorViolations(expression: CostExpression): RuleViolation[] {
  const leaves = expressionLeaves(expression);
  const accountLists = leaves.filter(({ kind, leaf }) => kind === 'Dimensions' && leaf.Key === 'LINKED_ACCOUNT').map(({ leaf }) => leaf.Values ?? []);
  // A list token's accounts are counted by AWS at deploy time.
  const distinctAccounts = [...new Set(accountLists.filter((accounts) => !isListToken(accounts)).flat())];
  return [
    ...expressionViolations(expression),
    ...leaves
      .filter(({ kind, leaf }) => kind === 'Dimensions' && !CUSTOM_MONITOR_DIMENSIONS.includes(leaf.Key))
      .map(({ leaf }) => ({
        value: `dimension ${leaf.Key}`,
        rule: 'a custom anomaly monitor watches member accounts (LINKED_ACCOUNT), cost allocation tags or cost categories',
        fix: 'filter with CostFilter.linkedAccounts, CostFilter.tag or CostFilter.costCategory; every AWS service is watched by the AWS services monitor (no costFilter)',
      })),
    ...violationsOf(
      distinctAccounts.length > MONITOR_MAX_LINKED_ACCOUNTS
        ? {
          value: distinctAccounts,
          rule: `a linked account monitor tracks at most ${MONITOR_MAX_LINKED_ACCOUNTS} member accounts (got ${distinctAccounts.length})`,
          fix: `split the accounts across monitors of at most ${MONITOR_MAX_LINKED_ACCOUNTS}, or monitor a cost category that groups them`,
        }
        : undefined,
    ),
  ];
}

/** What the subscription rules look at. */
export interface SubscriptionRuleInput {
  readonly subscriptionName: string;
  readonly frequency: AnomalyAlertFrequency;
  readonly threshold: ThresholdExpression;
  readonly emails: string[];
  /** The SNS topic ARNs the subscription would deliver to. */
  readonly topicArns: string[];
  readonly monitorCount: number;
}

/** Every documented Cost Anomaly Detection rule a subscription's props can break. */
export function subscriptionViolations(input: SubscriptionRuleInput): RuleViolation[] {
  return [
    ...violationsOf(checkLength(input.subscriptionName, 1, SUBSCRIPTION_NAME_MAX_LENGTH, 'an anomaly subscription name', 'shorten subscriptionName')),
    ...monitorCountViolations(input.monitorCount),
    ...deliveryViolations(input),
    ...thresholdViolations(input.threshold),
  ];
}

function monitorCountViolations(monitorCount: number): RuleViolation[] {
  if (monitorCount >= 1 && monitorCount <= SUBSCRIPTION_MAX_MONITORS) {
    return [];
  }
  return [{
    value: `${monitorCount} monitors`,
    rule: `an anomaly subscription watches 1-${SUBSCRIPTION_MAX_MONITORS} monitors`,
    fix: monitorCount < 1 ? 'pass the monitors to watch' : 'split the monitors across subscriptions',
  }];
}

function deliveryViolations(input: SubscriptionRuleInput): RuleViolation[] {
  const { frequency, topicArns } = input;
  const emails = input.emails;
  const emailCountKnown = !isListToken(emails);
  if (frequency === AnomalyAlertFrequency.IMMEDIATE) {
    return violationsOf(
      emails.length > 0
        ? { value: emails, rule: 'IMMEDIATE anomaly alerts are delivered only to SNS, never by email', fix: 'remove emails, or use AnomalyAlertFrequency.DAILY or WEEKLY for email' }
        : undefined,
      topicArns.length > SUBSCRIPTION_MAX_SNS_SUBSCRIBERS
        ? {
          value: topicArns,
          rule: `an anomaly subscription has at most ${SUBSCRIPTION_MAX_SNS_SUBSCRIBERS} SNS topic (got ${topicArns.length})`,
          fix: 'publish to one topic and subscribe the other endpoints to it',
        }
        : undefined,
    );
  }
  return violationsOf(
    topicArns.length > 0
      ? {
        value: `${frequency} alerts to an SNS topic`,
        rule: `${frequency} anomaly alerts are delivered only by email, never to SNS`,
        fix: 'remove alertTopic, or use AnomalyAlertFrequency.IMMEDIATE for SNS',
      }
      : undefined,
    emails.length === 0
      ? { value: emails, rule: `${frequency} anomaly alerts need at least one email subscriber`, fix: 'list the addresses in emails' }
      : undefined,
    emailCountKnown && emails.length > SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS
      ? {
        value: emails,
        rule: `an anomaly subscription has at most ${SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS} email subscribers (got ${emails.length})`,
        fix: 'send to a mailing list, or split the addresses across subscriptions',
      }
      : undefined,
    ...emails
      .filter((email) => !isUnresolved(email) && !isEmailAddress(email))
      .map((email) => ({ value: email, rule: 'an email subscriber is an email address (name@domain.tld)', fix: 'correct the address' })),
  );
}
