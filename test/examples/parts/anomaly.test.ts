import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ce from 'aws-cdk-lib/aws-ce';
import { buildFinOpsApp } from '../../../examples/finops-stack';
import { addAnomalyDetection } from '../../../examples/parts/anomaly';
import { reviewStacks } from '../../../src/review/review';
import { stackFromTemplate } from '../../../src/review/template';

describe('the anomaly part of the example FinOps app', () => {
  const { stack } = buildFinOpsApp();
  const template = Template.fromStack(stack);

  test('has the AWS services monitor and custom monitors over the Production business unit and two member accounts', () => {
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 3);
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', { MonitorName: 'aws-services', MonitorType: 'DIMENSIONAL', MonitorDimension: 'SERVICE' });
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorName: 'business-unit-production',
      MonitorType: 'CUSTOM',
      MonitorSpecification: JSON.stringify({ CostCategories: { Key: 'business-unit', Values: ['Production'] } }),
    });
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorName: 'shared-services-accounts',
      MonitorSpecification: JSON.stringify({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222', '333333333333'] } }),
    });
  });

  test('alerts immediately over SNS above 100 USD and 10%, daily and weekly by email', () => {
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      SubscriptionName: 'aws-services-immediate',
      Frequency: 'IMMEDIATE',
      Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('^AwsServicesMonitorAlertTopic') } }],
      ThresholdExpression: Match.serializedJson({
        And: [
          { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['100'] } },
          { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['10'] } },
        ],
      }),
    });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { SubscriptionName: 'aws-services-daily', Frequency: 'DAILY', Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }] });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      SubscriptionName: 'custom-monitors-weekly',
      Frequency: 'WEEKLY',
      MonitorArnList: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^ProductionMonitor'), 'MonitorArn'] },
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^SharedServicesMonitor'), 'MonitorArn'] },
      ],
    });
  });

  test('the review lists the monitors and subscriptions', () => {
    const review = reviewStacks([stackFromTemplate('FinOpsGovernance', template.toJSON())]);
    expect(review).toContain('- **aws-services** (DIMENSIONAL): each AWS service on its own');
    expect(review).toContain('- **business-unit-production** (CUSTOM): cost category business-unit is "Production"');
    expect(review).toContain('(IMMEDIATE, impact >= 100 USD and impact >= 10%) watching aws-services → SNS');
    expect(review).toContain('watching business-unit-production, shared-services-accounts → email finops@example.com, email production-leads@example.com');
  });
});

describe('addAnomalyDetection', () => {
  test('creates the Production monitor after the business-unit cost category of the same stack', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    new ce.CfnCostCategory(stack, 'BusinessUnit', {
      name: 'business-unit',
      ruleVersion: 'CostCategoryExpression.v1',
      rules: JSON.stringify([{ Value: 'Production', Rule: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222'] } } }]),
    });
    addAnomalyDetection(stack);

    const monitors = Template.fromStack(stack).findResources('AWS::CE::AnomalyMonitor', { DependsOn: ['BusinessUnit'] });
    expect(Object.values(monitors).map((monitor) => monitor.Properties.MonitorName)).toEqual(['business-unit-production']);
  });
});
