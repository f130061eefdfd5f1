/**
 * Catalog of synth-time checks for CostAnomalyMonitor, AnomalySubscription and AnomalyThreshold:
 * invalid configurations drawn from AWS's documents (each with its page) must fail with a message
 * naming the construct path, the value, the rule and the fix; valid boundary configurations, with
 * tokens of every kind (string, number, list), must synthesize into what CloudFormation would deploy.
 */
import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AnomalyAlertFrequency,
  AnomalySubscription,
  AnomalySubscriptionOptions,
  AnomalyThreshold,
  CostAnomalyMonitor,
  CostAnomalyMonitorProps,
  CostFilter,
} from '../../src';
import { deployedProperties } from '../budgets/evaluate-conditions';

const ACCOUNT = '111111111111';
const newStack = (app = new App(), id = 'Stack') => new Stack(app, id, { env: { account: ACCOUNT, region: 'us-east-1' } });
const teamFilter = CostFilter.tag('team', ['data']);
const over100 = AnomalyThreshold.absoluteImpact(100);
const emailsOf = (count: number) => Array.from({ length: count }, (_, index) => `team${index}@example.com`);
const accountsOf = (count: number) => Array.from({ length: count }, (_, index) => String(100000000000 + index));

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The one-line format `<path>: <value> breaks the rule: <rule>. Fix: <fix>.`, each part a regex source. */
function refusal(path: string, value: string, rule: string, fix: string): RegExp {
  return new RegExp(`^${escape(path)}: ${value} breaks the rule: ${rule}\\. Fix: ${fix}\\.$`);
}
const monitor = (props: CostAnomalyMonitorProps, stack = newStack()) => new CostAnomalyMonitor(stack, 'Monitor', props);
const subscribe = (options: AnomalySubscriptionOptions, stack = newStack()) =>
  new CostAnomalyMonitor(stack, 'Monitor', { costFilter: teamFilter }).addSubscription('Alerts', options);

describe('invalid anomaly monitors and subscriptions are refused at synth', () => {
  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalyMonitor.html
  // MonitorName: "Length Constraints: Minimum length of 0. Maximum length of 1024." (CloudFormation requires one.)
  test('a monitor name of 1025 characters', () => {
    expect(() => monitor({ monitorName: 'm'.repeat(1025) })).toThrow(
      refusal('Stack/Monitor', '"m{199}… \\(1027 characters\\)', 'an anomaly monitor name is 1-1024 characters \\(this one has 1025\\)', 'shorten monitorName'),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html
  // SubscriptionName: "Length Constraints: Minimum length of 0. Maximum length of 1024."
  test('a subscription name of 1025 characters', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100, subscriptionName: 's'.repeat(1025) })).toThrow(
      refusal('Stack/Monitor/Alerts', '"s{199}… \\(1027 characters\\)', 'an anomaly subscription name is 1-1024 characters \\(this one has 1025\\)', 'shorten subscriptionName'),
    );
  });

  // https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/faqs/
  // "A member account monitor can track up to 10 different member accounts."
  test('a linked account monitor of 11 accounts', () => {
    expect(() => monitor({ costFilter: CostFilter.linkedAccounts(accountsOf(11)) })).toThrow(
      refusal('Stack/Monitor', '\\[.*\\]', 'a linked account monitor tracks at most 10 member accounts \\(got 11\\)', 'split the accounts across monitors of at most 10, or monitor a cost category that groups them'),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html
  // MonitorArnList pattern "arn:aws[-a-z0-9]*:[a-z0-9]+:[-a-z0-9]*:[0-9]{12}:...": an account ID is 12 digits.
  test('a linked account that is not 12 digits', () => {
    expect(() => monitor({ costFilter: CostFilter.linkedAccounts(['12345']) })).toThrow(
      refusal('Stack/Monitor', '"12345"', 'an account ID is 12 digits', 'correct the account ID of the cost filter'),
    );
  });

  // https://docs.aws.amazon.com/cost-management/latest/userguide/getting-started-ad.html#monitor-type-def
  // Customer managed monitors watch member accounts, cost allocation tags or cost categories.
  test('a custom monitor of the SERVICE dimension', () => {
    expect(() => monitor({ costFilter: CostFilter.services(['Amazon Simple Storage Service']) })).toThrow(
      refusal('Stack/Monitor', '"dimension SERVICE"', 'a custom anomaly monitor watches member accounts \\(LINKED_ACCOUNT\\), cost allocation tags or cost categories', '.*'),
    );
  });

  test('a second AWS services monitor in one account', () => {
    const stack = newStack();
    monitor({}, stack);
    expect(() => new CostAnomalyMonitor(stack, 'Second')).toThrow(
      refusal('Stack/Second', '"a second AWS services monitor in account 111111111111 \\(the first is Stack/Monitor\\)"',
        'an account holds only one AWS services monitor \\(DIMENSIONAL, SERVICE\\)', 'add subscriptions to Stack/Monitor instead, or give this monitor a costFilter'),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html
  // Frequency: "Notifications are sent either over email (for DAILY and WEEKLY frequencies) or SNS (for IMMEDIATE frequency)."
  test('IMMEDIATE alerts by email', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100, emails: ['finops@example.com'] })).toThrow(
      refusal('Stack/Monitor/Alerts', '\\["finops@example\\.com"\\]', 'IMMEDIATE anomaly alerts are delivered only to SNS, never by email',
        'remove emails, or use AnomalyAlertFrequency\\.DAILY or WEEKLY for email'),
    );
  });

  test('DAILY alerts to an SNS topic', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic');
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails: ['finops@example.com'], alertTopic: topic }, stack)).toThrow(
      refusal('Stack/Monitor/Alerts', '"DAILY alerts to an SNS topic"', 'DAILY anomaly alerts are delivered only by email, never to SNS', 'remove alertTopic, or use AnomalyAlertFrequency\\.IMMEDIATE for SNS'),
    );
  });

  test('WEEKLY alerts to nobody', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.WEEKLY, threshold: over100 })).toThrow(
      refusal('Stack/Monitor/Alerts', '\\[\\]', 'WEEKLY anomaly alerts need at least one email subscriber', 'list the addresses in emails'),
    );
  });

  // https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/faqs/
  // "For each alert subscription, you can have up to 10 email recipients or 1 SNS topic."
  test('11 email recipients', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails: emailsOf(11) })).toThrow(
      refusal('Stack/Monitor/Alerts', '\\[.*… \\(\\d+ characters\\)', 'an anomaly subscription has at most 10 email subscribers \\(got 11\\)', 'send to a mailing list, or split the addresses across subscriptions'),
    );
  });

  test('an email recipient that is not an email address', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails: ['finops'] })).toThrow(
      refusal('Stack/Monitor/Alerts', '"finops"', 'an email subscriber is an email address \\(name@domain\\.tld\\)', 'correct the address'),
    );
  });

  // "You can attach up to the maximum of all 101 monitors to an alert subscription." (FAQ above)
  test.each([
    ['no monitors', 0, 'pass the monitors to watch'],
    ['102 monitors', 102, 'split the monitors across subscriptions'],
  ])('a subscription of %s', (_, count, fix) => {
    const stack = newStack();
    const monitors = Array.from({ length: count }, (__, index) => CostAnomalyMonitor.fromMonitorArn(stack, `M${index}`, `arn:aws:ce::${ACCOUNT}:anomalymonitor/m${index}`));
    expect(() => new AnomalySubscription(stack, 'Digest', { monitors, frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails: ['finops@example.com'] })).toThrow(
      refusal('Stack/Digest', `"${count} monitors"`, 'an anomaly subscription watches 1-101 monitors', fix),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html#awscostmanagement-Type-AnomalySubscription-ThresholdExpression
  // "Values must be numbers between 0 and 10,000,000,000 in string format." "The supported nested expression types are AND and OR."
  test.each([
    ['a negative absolute impact', () => AnomalyThreshold.absoluteImpact(-1), '-1', 'an anomaly absolute impact threshold is a number between 0 and 10,000,000,000', 'use an amount in USD, e\\.g\\. 100'],
    ['a percentage above 10,000,000,000', () => AnomalyThreshold.percentageImpact(10_000_000_001), '10000000001',
      'an anomaly percentage impact threshold is a number between 0 and 10,000,000,000', 'use a percentage, e\\.g\\. 10'],
    ['allOf() of one threshold', () => AnomalyThreshold.allOf(over100), '"AnomalyThreshold\\.allOf\\(\\) of 1 threshold\\(s\\)"', 'a threshold allOf\\(\\) combines at least 2 thresholds', 'use the single threshold on its own'],
    ['allOf() given an array', () => (AnomalyThreshold.allOf as any)([over100, AnomalyThreshold.percentageImpact(10)]), '"an array of 2 passed to AnomalyThreshold\\.allOf\\(\\)"',
      'AnomalyThreshold\\.allOf\\(\\) takes thresholds as separate arguments', 'spread the array: AnomalyThreshold\\.allOf\\(\\.\\.\\.thresholds\\)'],
    ['anyOf() given a number', () => (AnomalyThreshold.anyOf as any)(over100, 10), '"number 10 passed to AnomalyThreshold\\.anyOf\\(\\)"',
      'AnomalyThreshold\\.anyOf\\(\\) takes thresholds as separate arguments', 'pass AnomalyThreshold\\.absoluteImpact\\(\\.\\.\\.\\) or AnomalyThreshold\\.percentageImpact\\(\\.\\.\\.\\)'],
    ['an array as the threshold', () => [over100] as any, '"threshold: an array of 1"', 'a subscription\'s threshold is one AnomalyThreshold', 'combine thresholds with .*'],
  ])('a threshold with %s', (_, threshold, value, rule, fix) => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: threshold() })).toThrow(refusal('Stack/Monitor/Alerts', value, rule, fix));
  });

  // https://docs.aws.amazon.com/cost-management/latest/userguide/ad-SNS.html: the topic (and its key) must let
  // costalerts.amazonaws.com publish; the AWS-managed alias/aws/sns key policy cannot be changed.
  test('an IMMEDIATE topic encrypted with the AWS-managed alias/aws/sns key', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sns') });
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100, alertTopic: topic }, stack)).toThrow(
      refusal('Stack/Monitor/Alerts', '"alertTopic encrypted with alias/aws/sns"', '.*the policy of the AWS-managed key alias/aws/sns cannot be changed', '.*customer-managed KMS key.*'),
    );
  });

  test('a monitor default topic encrypted with alias/aws/sns', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sns') });
    const subscriptions = [{ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100 }];
    expect(() => monitor({ costFilter: teamFilter, alertTopic: topic, subscriptions }, stack)).toThrow(
      /^Stack\/Monitor: "alertTopic encrypted with alias\/aws\/sns" breaks the rule/,
    );
  });
});

describe('valid anomaly monitors and subscriptions synthesize, tokens of every kind included', () => {
  test('the boundaries: 1024-character names, 10 accounts, 10 emails, thresholds of 0 and 10,000,000,000', () => {
    const stack = newStack();
    const team = monitor({ monitorName: 'm'.repeat(1024), costFilter: CostFilter.linkedAccounts(accountsOf(10)) }, stack);
    team.addSubscription('Digest', {
      subscriptionName: 's'.repeat(1024),
      frequency: AnomalyAlertFrequency.WEEKLY,
      threshold: AnomalyThreshold.anyOf(AnomalyThreshold.absoluteImpact(0), AnomalyThreshold.percentageImpact(10_000_000_000)),
      emails: emailsOf(10),
    });
    Template.fromStack(stack).resourceCountIs('AWS::CE::AnomalySubscription', 1);
  });

  test('101 monitors in one subscription', () => {
    const stack = newStack();
    const monitors = Array.from({ length: 101 }, (_, index) => CostAnomalyMonitor.fromMonitorArn(stack, `M${index}`, `arn:aws:ce::${ACCOUNT}:anomalymonitor/m${index}`));
    new AnomalySubscription(stack, 'Digest', { monitors, frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails: ['finops@example.com'] });
    Template.fromStack(stack).resourceCountIs('AWS::CE::AnomalySubscription', 1);
  });

  test('string and number tokens: names and thresholds', () => {
    const stack = newStack();
    const impact = new CfnParameter(stack, 'Impact', { type: 'Number' }).valueAsNumber;
    monitor({
      monitorName: new CfnParameter(stack, 'MonitorName').valueAsString,
      costFilter: CostFilter.linkedAccounts([new CfnParameter(stack, 'Account').valueAsString]),
      subscriptions: [{
        subscriptionName: new CfnParameter(stack, 'SubscriptionName').valueAsString,
        frequency: AnomalyAlertFrequency.IMMEDIATE,
        threshold: AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(impact), AnomalyThreshold.percentageImpact(impact)),
      }],
    }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::CE::AnomalySubscription', { SubscriptionName: { Ref: 'SubscriptionName' } });
  });

  test('list tokens: a CommaDelimitedList of emails becomes one email subscriber per address at deploy time', () => {
    const stack = newStack();
    const emails = new CfnParameter(stack, 'Emails', { type: 'CommaDelimitedList' }).valueAsList;
    subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails }, stack);
    const template = Template.fromStack(stack);
    const [subscriptionId] = Object.keys(template.findResources('AWS::CE::AnomalySubscription'));
    const subscribersFor = (addresses: string[]) => deployedProperties(template.toJSON(), subscriptionId, { Emails: addresses }).Subscribers;
    expect(subscribersFor(['a@example.com', 'b@example.com'])).toEqual([
      { Type: 'EMAIL', Address: 'a@example.com' },
      { Type: 'EMAIL', Address: 'b@example.com' },
    ]);
    // Eleven addresses reach AWS as eleven subscribers, which AWS refuses: nothing is silently dropped.
    expect(subscribersFor(emailsOf(11))).toHaveLength(11);
  });

  test('list tokens: linked accounts from a CommaDelimitedList and from Fn.split', () => {
    const stack = newStack();
    new CostAnomalyMonitor(stack, 'FromList', { costFilter: CostFilter.linkedAccounts(new CfnParameter(stack, 'Accounts', { type: 'CommaDelimitedList' }).valueAsList) });
    new CostAnomalyMonitor(stack, 'FromSplit', { costFilter: CostFilter.linkedAccounts(Fn.split(',', new CfnParameter(stack, 'AccountText').valueAsString)) });
    const template = Template.fromStack(stack);
    // No custom resource serializes the lists: the specification is JSON when CloudFormation joins it.
    template.resourceCountIs('AWS::CloudFormation::CustomResource', 0);
    const specification = (id: string) => {
      const [logicalId] = Object.keys(template.findResources('AWS::CE::AnomalyMonitor', { Properties: { MonitorName: Match.stringLikeRegexp(id) } }));
      return JSON.parse(deployedProperties(template.toJSON(), logicalId, { Accounts: ['222222222222', '333333333333'], AccountText: '444444444444,555555555555' }).MonitorSpecification);
    };
    expect(specification('FromList')).toEqual({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222', '333333333333'] } });
    expect(specification('FromSplit')).toEqual({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['444444444444', '555555555555'] } });
  });
});
