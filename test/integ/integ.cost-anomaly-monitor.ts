import { ExpectedResult, IntegTest, Match } from '@aws-cdk/integ-tests-alpha';
import { App, Stack } from 'aws-cdk-lib';
import { AnomalyAlertFrequency, AnomalyThreshold, CostAnomalyMonitor, CostFilter } from '../../src';
import { acknowledgeUnreadAlertTopics, INTEG_TEST_OPTIONS } from '../support/integ-resources';

// A custom monitor (an account may already have its one AWS-services monitor) over spend tagged
// for the integ test, with an immediate alert to its encrypted topic and a daily email digest.
// After deployment the monitor and both subscriptions are read back from Cost Explorer.
const app = new App();
const stack = new Stack(app, 'CostAnomalyMonitorInteg');
acknowledgeUnreadAlertTopics(stack);

const monitor = new CostAnomalyMonitor(stack, 'TaggedSpendMonitor', {
  monitorName: 'integ-anomaly-tagged-spend',
  costFilter: CostFilter.tag('team', ['integ']),
  subscriptions: [
    {
      subscriptionName: 'integ-anomaly-immediate',
      frequency: AnomalyAlertFrequency.IMMEDIATE,
      threshold: AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10)),
    },
    {
      subscriptionName: 'integ-anomaly-daily',
      frequency: AnomalyAlertFrequency.DAILY,
      threshold: AnomalyThreshold.absoluteImpact(25),
      emails: ['finops@example.com'],
    },
  ],
});

const integ = new IntegTest(app, 'CostAnomalyMonitorTest', { testCases: [stack], ...INTEG_TEST_OPTIONS });

integ.assertions
  .awsApiCall('CostExplorer', 'getAnomalyMonitors', { MonitorArnList: [monitor.monitorArn] })
  .expect(ExpectedResult.objectLike({
    AnomalyMonitors: [Match.objectLike({ MonitorName: 'integ-anomaly-tagged-spend', MonitorType: 'CUSTOM' })],
  }));

const expectedSubscriptions = [
  { SubscriptionName: 'integ-anomaly-immediate', Frequency: 'IMMEDIATE', Subscribers: [Match.objectLike({ Type: 'SNS' })] },
  { SubscriptionName: 'integ-anomaly-daily', Frequency: 'DAILY', Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }] },
];
monitor.subscriptions.forEach((subscription, index) => {
  integ.assertions
    .awsApiCall('CostExplorer', 'getAnomalySubscriptions', { SubscriptionArnList: [subscription.subscriptionArn] })
    .expect(ExpectedResult.objectLike({
      AnomalySubscriptions: [Match.objectLike({ ...expectedSubscriptions[index], MonitorArnList: [monitor.monitorArn] })],
    }));
});

app.synth();
