import { App, Stack, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AnomalyAlertFrequency,
  AnomalySubscription,
  AnomalySubscriptionOptions,
  AnomalyThreshold,
  CostAnomalyMonitor,
  CostAnomalyMonitorProps,
  CostDimension,
  CostFilter,
} from '../../src';
import { subscriptionViolations } from '../../src/anomaly/anomaly-rules';

const ACCOUNT = '111111111111';

function newStack(app = new App(), id = 'Stack', account = ACCOUNT): Stack {
  return new Stack(app, id, { env: { account, region: 'us-east-1' } });
}

function monitor(props: CostAnomalyMonitorProps): CostAnomalyMonitor {
  return new CostAnomalyMonitor(newStack(), 'Monitor', props);
}

function subscribe(options: AnomalySubscriptionOptions): void {
  new CostAnomalyMonitor(newStack(), 'Monitor', { costFilter: CostFilter.tag('team', ['data']) }).addSubscription('Alerts', options);
}

const accounts = (count: number): string[] => Array.from({ length: count }, (_, index) => String(100000000000 + index));
const over100 = AnomalyThreshold.absoluteImpact(100);

describe('CostAnomalyMonitor fails at synth on', () => {
  test('a name over 1024 characters', () => {
    expect(() => monitor({ monitorName: 'm'.repeat(1025) })).toThrow(
      /^Stack\/Monitor: "m{199}… \(1027 characters\) breaks the rule: an anomaly monitor name is 1-1024 characters \(this one has 1025\)\. Fix: shorten monitorName\.$/,
    );
  });

  test('an empty name', () => {
    expect(() => monitor({ monitorName: '' })).toThrow(/"" breaks the rule: an anomaly monitor name is 1-1024 characters \(this one has 0\)/);
  });

  test('a linked account monitor over 10 accounts', () => {
    expect(() => monitor({ costFilter: CostFilter.linkedAccounts(accounts(11)) })).toThrow(
      /breaks the rule: a linked account monitor tracks at most 10 member accounts \(got 11\)\. Fix: split the accounts across monitors of at most 10/,
    );
  });

  test('10 linked accounts are fine, also spread over an anyOf()', () => {
    const [first, second] = [accounts(10).slice(0, 5), accounts(10).slice(5)];
    expect(() => monitor({ costFilter: CostFilter.anyOf(CostFilter.linkedAccounts(first), CostFilter.linkedAccounts(second)) })).not.toThrow();
    expect(() => monitor({ costFilter: CostFilter.anyOf(CostFilter.linkedAccounts(first), CostFilter.linkedAccounts([...second, '999999999999'])) })).toThrow(
      /at most 10 member accounts \(got 11\)/,
    );
  });

  test('a linked account that is not a 12-digit account ID', () => {
    expect(() => monitor({ costFilter: CostFilter.linkedAccounts(['12345']) })).toThrow(
      /"12345" breaks the rule: an account ID is 12 digits\. Fix: correct the account ID of the cost filter\./,
    );
  });

  test('a dimension a custom monitor cannot watch', () => {
    expect(() => monitor({ costFilter: CostFilter.services(['Amazon Simple Storage Service']) })).toThrow(
      /"dimension SERVICE" breaks the rule: a custom anomaly monitor watches member accounts \(LINKED_ACCOUNT\), cost allocation tags or cost categories\./,
    );
    expect(() => monitor({ costFilter: CostFilter.dimension(CostDimension.REGION, ['eu-west-1']) })).toThrow(/"dimension REGION" breaks the rule/);
  });

  test('a broken cost filter expression (the shared rules)', () => {
    expect(() => monitor({ costFilter: CostFilter.allOf(CostFilter.tag('team', ['data'])) })).toThrow(
      /"allOf\(\) of 1 filter\(s\)" breaks the rule: a cost filter allOf\(\) combines at least 2 filters/,
    );
  });

  test('a second AWS services monitor in the same stack', () => {
    const stack = newStack();
    new CostAnomalyMonitor(stack, 'First');
    expect(() => new CostAnomalyMonitor(stack, 'Second')).toThrow(
      /^Stack\/Second: "a second AWS services monitor in account 111111111111 \(the first is Stack\/First\)" breaks the rule: an account holds only one AWS services monitor \(DIMENSIONAL, SERVICE\)\. Fix: add subscriptions to Stack\/First instead, or give this monitor a costFilter\.$/,
    );
  });

  test('a second AWS services monitor in another stack of the same account in the app', () => {
    const app = new App();
    new CostAnomalyMonitor(newStack(app, 'One'), 'Services');
    expect(() => new CostAnomalyMonitor(newStack(app, 'Two'), 'Services')).toThrow(/Two\/Services: .*the first is One\/Services.*an account holds only one AWS services monitor/);
  });

  test('but not for AWS services monitors of different accounts, nor for custom monitors', () => {
    const app = new App();
    new CostAnomalyMonitor(newStack(app, 'One'), 'Services');
    expect(() => new CostAnomalyMonitor(newStack(app, 'Two', '222222222222'), 'Services')).not.toThrow();
    expect(() => new CostAnomalyMonitor(newStack(app, 'Three'), 'Team', { costFilter: CostFilter.tag('team', ['a']) })).not.toThrow();
  });

  test('nor for AWS services monitors of env-agnostic stacks, which may deploy to different accounts', () => {
    const app = new App();
    new CostAnomalyMonitor(new Stack(app, 'One'), 'Services');
    expect(() => new CostAnomalyMonitor(new Stack(app, 'Two'), 'Services')).not.toThrow();
  });

  test('account ID tokens are not checked', () => {
    const account = Token.asString({ Ref: 'MemberAccount' });
    expect(() => monitor({ costFilter: CostFilter.linkedAccounts([account]) })).not.toThrow();
  });
});

describe('anomaly subscriptions fail at synth on', () => {
  test('IMMEDIATE alerts to email', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100, emails: ['finops@example.com'] })).toThrow(
      /^Stack\/Monitor\/Alerts: \["finops@example\.com"\] breaks the rule: IMMEDIATE anomaly alerts are delivered only to SNS, never by email\. Fix: remove emails, or use AnomalyAlertFrequency\.DAILY or WEEKLY for email\.$/,
    );
  });

  test.each([AnomalyAlertFrequency.DAILY, AnomalyAlertFrequency.WEEKLY])('%s alerts to SNS', (frequency) => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic');
    const target = new CostAnomalyMonitor(stack, 'Monitor', { costFilter: CostFilter.tag('team', ['data']) });
    expect(() => target.addSubscription('Alerts', { frequency, threshold: over100, emails: ['finops@example.com'], alertTopic: topic })).toThrow(
      new RegExp(`"${frequency} alerts to an SNS topic" breaks the rule: ${frequency} anomaly alerts are delivered only by email, never to SNS\\. Fix: remove alertTopic`),
    );
  });

  test('DAILY alerts without an email subscriber', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold: over100 })).toThrow(
      /\[\] breaks the rule: DAILY anomaly alerts need at least one email subscriber\. Fix: list the addresses in emails\./,
    );
  });

  test('more than 10 email subscribers', () => {
    const emails = Array.from({ length: 11 }, (_, index) => `person${index}@example.com`);
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.WEEKLY, threshold: over100, emails })).toThrow(
      /breaks the rule: an anomaly subscription has at most 10 email subscribers \(got 11\)\. Fix: send to a mailing list/,
    );
  });

  test('an email subscriber that is not an email address', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold: over100, emails: ['finops'] })).toThrow(
      /"finops" breaks the rule: an email subscriber is an email address/,
    );
  });

  test('more than one SNS topic (the rule behind the single alertTopic prop)', () => {
    const violations = subscriptionViolations({
      subscriptionName: 'alerts',
      frequency: AnomalyAlertFrequency.IMMEDIATE,
      threshold: over100.toThresholdExpression(),
      emails: [],
      topicArns: ['arn:aws:sns:us-east-1:111111111111:a', 'arn:aws:sns:us-east-1:111111111111:b'],
      monitorCount: 1,
    });
    expect(violations.map((violation) => violation.rule)).toEqual(['an anomaly subscription has at most 1 SNS topic (got 2)']);
  });

  test.each([
    ['a negative absolute impact', AnomalyThreshold.absoluteImpact(-0.01), /-0\.01 breaks the rule: an anomaly absolute impact threshold is a number between 0 and 10,000,000,000\. Fix: use an amount in USD/],
    ['a negative percentage impact', AnomalyThreshold.percentageImpact(-5), /-5 breaks the rule: an anomaly percentage impact threshold is a number between 0 and 10,000,000,000\. Fix: use a percentage/],
    ['an impact above 10,000,000,000', AnomalyThreshold.absoluteImpact(2e10), /20000000000 breaks the rule: an anomaly absolute impact threshold is a number between 0/],
    ['an impact that is not a number', AnomalyThreshold.absoluteImpact(NaN), /"NaN" breaks the rule: an anomaly absolute impact threshold is a number between 0/],
    ['a negative value inside allOf()', AnomalyThreshold.allOf(over100, AnomalyThreshold.percentageImpact(-1)), /-1 breaks the rule: an anomaly percentage impact threshold/],
    ['an allOf() of one threshold', AnomalyThreshold.allOf(over100), /"AnomalyThreshold\.allOf\(\) of 1 threshold\(s\)" breaks the rule: a threshold allOf\(\) combines at least 2 thresholds\. Fix: use the single threshold on its own\./],
    ['an empty anyOf()', AnomalyThreshold.anyOf(), /"AnomalyThreshold\.anyOf\(\) of 0 threshold\(s\)" breaks the rule: a threshold anyOf\(\) combines at least 2 thresholds\. Fix: pass the thresholds to combine\./],
  ])('%s', (_, threshold, message) => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.DAILY, threshold, emails: ['finops@example.com'] })).toThrow(message);
  });

  test('a subscription name over 1024 characters', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100, subscriptionName: 's'.repeat(1025) })).toThrow(
      /breaks the rule: an anomaly subscription name is 1-1024 characters \(this one has 1025\)\. Fix: shorten subscriptionName\./,
    );
  });

  test('a subscription of no monitor', () => {
    expect(() => new AnomalySubscription(newStack(), 'Alerts', { monitors: [], frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100 })).toThrow(
      /^Stack\/Alerts: "0 monitors" breaks the rule: an anomaly subscription watches 1-101 monitors\. Fix: pass the monitors to watch\.$/,
    );
  });

  test('a subscription of more than 101 monitors', () => {
    const stack = newStack();
    const monitors = Array.from({ length: 102 }, (_, index) => CostAnomalyMonitor.fromMonitorArn(stack, `M${index}`, `arn:aws:ce::111111111111:anomalymonitor/m${index}`));
    expect(() => new AnomalySubscription(stack, 'Alerts', { monitors, frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: over100 })).toThrow(
      /"102 monitors" breaks the rule: an anomaly subscription watches 1-101 monitors\. Fix: split the monitors across subscriptions\./,
    );
  });

  test('threshold tokens are not checked', () => {
    expect(() => subscribe({ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.absoluteImpact(Token.asNumber({ Ref: 'Threshold' })) })).not.toThrow();
  });
});
