import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AnomalyAlertFrequency, AnomalySubscription, AnomalyThreshold, CostAnomalyMonitor, CostFilter } from '../../../src';
import { reviewAnomalyDetection } from '../../../src/review/sections/anomaly';
import { stackFromTemplate } from '../../../src/review/template';

function review(stack: Stack): string[] {
  return reviewAnomalyDetection(stackFromTemplate(stack.stackName, Template.fromStack(stack).toJSON()));
}

describe('the anomaly detection review section', () => {
  test('lists every monitor with what it watches and every subscription with threshold, subscribers and monitors', () => {
    // Path metadata, as the CDK CLI writes it: topics and subscriptions are named by construct path.
    const app = new App({ context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const services = new CostAnomalyMonitor(stack, 'Services', {
      monitorName: 'aws-services',
      subscriptions: [{ subscriptionName: 'now', frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.percentageImpact(10) }],
    });
    const team = new CostAnomalyMonitor(stack, 'Team', {
      monitorName: 'team-data',
      costFilter: CostFilter.allOf(CostFilter.tag('team', ['data']), CostFilter.linkedAccounts(['222222222222'])),
    });
    const imported = CostAnomalyMonitor.fromMonitorArn(stack, 'Console', 'arn:aws:ce::111111111111:anomalymonitor/abc');
    new AnomalySubscription(stack, 'Weekly', {
      subscriptionName: 'weekly',
      monitors: [services, team, imported],
      frequency: AnomalyAlertFrequency.WEEKLY,
      threshold: AnomalyThreshold.anyOf(AnomalyThreshold.absoluteImpact(500), AnomalyThreshold.percentageImpact(20)),
      emails: ['finops@example.com'],
    });

    const lines = review(stack);
    expect(lines).toContain('### Anomaly monitors (2)');
    expect(lines).toContain('- **aws-services** (DIMENSIONAL): each AWS service on its own `Stack/Services`');
    expect(lines).toContain('- **team-data** (CUSTOM): tag team is "data" and LINKED_ACCOUNT is "222222222222" `Stack/Team`');
    expect(lines).toContain('### Anomaly subscriptions (2)');
    expect(lines).toContain('- **now** (IMMEDIATE, impact >= 10%) watching aws-services → SNS Stack/Services/AlertTopic/Topic `Stack/Services/Subscription1`');
    expect(lines).toContain(
      '- **weekly** (WEEKLY, impact >= 500 USD or impact >= 20%) watching aws-services, team-data, arn:aws:ce::111111111111:anomalymonitor/abc'
        + ' → email finops@example.com `Stack/Weekly`',
    );
  });

  test('adds nothing for a stack without anomaly detection', () => {
    const stack = new Stack(new App(), 'Other');
    new sns.Topic(stack, 'Topic');
    expect(review(stack)).toEqual([]);
  });
});
