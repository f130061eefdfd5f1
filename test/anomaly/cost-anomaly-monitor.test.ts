import { App, CfnElement, Stack, Tags } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { AnomalyAlertFrequency, AnomalySubscription, AnomalyThreshold, CostAnomalyMonitor, CostFilter } from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

const ABSOLUTE_100 = { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['100'] } };
const PERCENTAGE_10 = { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['10'] } };

describe('CostAnomalyMonitor', () => {
  test('without a cost filter it is the AWS services monitor (DIMENSIONAL, SERVICE)', () => {
    const stack = newStack();
    const monitor = new CostAnomalyMonitor(stack, 'Services', { monitorName: 'aws-services' });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::CE::AnomalyMonitor', 1);
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorName: 'aws-services',
      MonitorType: 'DIMENSIONAL',
      MonitorDimension: 'SERVICE',
      MonitorSpecification: Match.absent(),
    });
    expect(stack.resolve(monitor.monitorArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(monitor.node.defaultChild as CfnElement), 'MonitorArn'] });
    expect(monitor.monitorName).toBe('aws-services');
    expect(monitor.alertTopic).toBeUndefined();
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::CE::AnomalySubscription', 0);
  });

  test('the AWS services monitor warns that an account holds only one', () => {
    const stack = newStack();
    new CostAnomalyMonitor(stack, 'Services');
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Services',
      Match.stringLikeRegexp('An account holds only one AWS services monitor: the deployment fails if account 111111111111 already has one'),
    );
  });

  test('a custom monitor carries its cost filter as the JSON MonitorSpecification', () => {
    const stack = newStack();
    new CostAnomalyMonitor(stack, 'Production', { costFilter: CostFilter.costCategory('business-unit', ['Production']) });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorName: Match.stringLikeRegexp('^Stack-Production-'),
      MonitorType: 'CUSTOM',
      MonitorDimension: Match.absent(),
      MonitorSpecification: JSON.stringify({ CostCategories: { Key: 'business-unit', Values: ['Production'] } }),
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(0);
  });

  test('custom monitors over linked accounts and cost allocation tags', () => {
    const stack = newStack();
    new CostAnomalyMonitor(stack, 'Accounts', { costFilter: CostFilter.linkedAccounts(['222222222222', '333333333333']) });
    new CostAnomalyMonitor(stack, 'Team', { costFilter: CostFilter.tag('team', ['data', 'web']) });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorSpecification: JSON.stringify({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222', '333333333333'] } }),
    });
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorSpecification: JSON.stringify({ Tags: { Key: 'team', Values: ['data', 'web'] } }),
    });
  });

  test('tokens in a custom monitor filter survive into the MonitorSpecification', () => {
    const stack = newStack();
    const team = new sns.Topic(stack, 'Topic').topicName;
    new CostAnomalyMonitor(stack, 'Team', { costFilter: CostFilter.tag('team', [team]) });

    Template.fromStack(stack).hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorSpecification: { 'Fn::Join': ['', ['{"Tags":{"Key":"team","Values":["', { 'Fn::GetAtt': [Match.stringLikeRegexp('Topic'), 'TopicName'] }, '"]}}']] },
    });
  });

  test('an IMMEDIATE subscription publishes to a new encrypted topic that only Cost Anomaly Detection of this account may use', () => {
    const stack = newStack();
    const monitor = new CostAnomalyMonitor(stack, 'Services', {
      subscriptions: [{
        subscriptionName: 'services-immediate',
        frequency: AnomalyAlertFrequency.IMMEDIATE,
        threshold: AnomalyThreshold.allOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10)),
      }],
    });
    const template = Template.fromStack(stack);
    const topicRef = { Ref: Match.stringLikeRegexp('^ServicesAlertTopic') };

    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      SubscriptionName: 'services-immediate',
      Frequency: 'IMMEDIATE',
      MonitorArnList: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^Services'), 'MonitorArn'] }],
      Subscribers: [{ Type: 'SNS', Address: topicRef }],
      ThresholdExpression: JSON.stringify({ And: [ABSOLUTE_100, PERCENTAGE_10] }),
      Threshold: Match.absent(),
    });
    // Scoped to the account only: a SourceArn on anomalymonitor/* never matches the subscription that sends the alert.
    const costAlertsOfThisAccount = { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: Match.absent() };
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'AllowCostalertsToPublish', Principal: { Service: 'costalerts.amazonaws.com' }, Action: 'sns:Publish', Condition: costAlertsOfThisAccount }),
        ],
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowCostalertsToEncrypt', Principal: { Service: 'costalerts.amazonaws.com' }, Condition: costAlertsOfThisAccount }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServicesAlertTopicKey'), 'Arn'] } });
    template.hasResource('AWS::CE::AnomalySubscription', { DependsOn: Match.arrayWith([Match.stringLikeRegexp('^ServicesAlertTopicPolicy')]) });
    expect(monitor.alertTopic).toBe(monitor.subscriptions[0].alertTopic);
  });

  test('DAILY and WEEKLY subscriptions go to email only and create no topic', () => {
    const stack = newStack();
    const monitor = new CostAnomalyMonitor(stack, 'Services');
    monitor.addSubscription('Daily', {
      frequency: AnomalyAlertFrequency.DAILY,
      threshold: AnomalyThreshold.absoluteImpact(100),
      emails: ['finops@example.com', 'cfo@example.com'],
    });
    monitor.addSubscription('Weekly', {
      frequency: AnomalyAlertFrequency.WEEKLY,
      threshold: AnomalyThreshold.anyOf(AnomalyThreshold.absoluteImpact(100), AnomalyThreshold.percentageImpact(10)),
      emails: ['finops@example.com'],
    });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'DAILY',
      Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }, { Type: 'EMAIL', Address: 'cfo@example.com' }],
      ThresholdExpression: JSON.stringify(ABSOLUTE_100),
    });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'WEEKLY',
      Subscribers: [{ Type: 'EMAIL', Address: 'finops@example.com' }],
      ThresholdExpression: JSON.stringify({ Or: [ABSOLUTE_100, PERCENTAGE_10] }),
    });
    template.resourceCountIs('AWS::SNS::Topic', 0);
    expect(monitor.alertTopic).toBeUndefined();
    expect(monitor.subscriptions.map((subscription) => subscription.frequency)).toEqual([AnomalyAlertFrequency.DAILY, AnomalyAlertFrequency.WEEKLY]);
  });

  test('several IMMEDIATE subscriptions of a monitor share one topic with one publish statement', () => {
    const stack = newStack();
    const monitor = new CostAnomalyMonitor(stack, 'Services');
    monitor.addSubscription('Big', { frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.absoluteImpact(1000) });
    monitor.addSubscription('Steep', { frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.percentageImpact(50) });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::CE::AnomalySubscription', 2);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy'));
    expect(policies).toHaveLength(1);
    expect(policies[0].Properties.PolicyDocument.Statement.map((statement: any) => statement.Sid)).toEqual(['AllowPublishThroughSSLOnly', 'AllowCostalertsToPublish']);
  });

  test('a user topic is used for IMMEDIATE subscriptions, with a publish statement for Cost Anomaly Detection', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Mine');
    const monitor = new CostAnomalyMonitor(stack, 'Services', {
      alertTopic: topic,
      subscriptions: [{ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.absoluteImpact(100) }],
    });
    const template = Template.fromStack(stack);

    expect(monitor.alertTopic).toBe(topic);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('^Mine') } }] });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: Match.stringLikeRegexp('^Mine') }],
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'AllowCostalertsToPublish', Principal: { Service: 'costalerts.amazonaws.com' } })] },
    });
  });

  test('an imported topic is used as is, with a warning to allow publishing on it', () => {
    const stack = newStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Imported', 'arn:aws:sns:us-east-1:111111111111:cost-alerts');
    new CostAnomalyMonitor(stack, 'Team', {
      costFilter: CostFilter.tag('team', ['data']),
      subscriptions: [{ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.absoluteImpact(100), alertTopic: topic }],
    });

    Template.fromStack(stack).hasResourceProperties('AWS::CE::AnomalySubscription', {
      Subscribers: [{ Type: 'SNS', Address: 'arn:aws:sns:us-east-1:111111111111:cost-alerts' }],
    });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp('allow costalerts.amazonaws.com to sns:Publish to it yourself'));
  });

  test('monitors accept tags', () => {
    const stack = newStack();
    const monitor = new CostAnomalyMonitor(stack, 'Team', { costFilter: CostFilter.tag('team', ['data']) });
    monitor.addSubscription('Daily', { frequency: AnomalyAlertFrequency.DAILY, threshold: AnomalyThreshold.absoluteImpact(10), emails: ['a@example.com'] });
    Tags.of(monitor).add('cost-center', 'finops');
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::CE::AnomalyMonitor', { ResourceTags: [{ Key: 'cost-center', Value: 'finops' }] });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { ResourceTags: [{ Key: 'cost-center', Value: 'finops' }] });
  });
});

describe('AnomalySubscription', () => {
  test('one subscription watches several monitors, including an imported one', () => {
    const stack = newStack();
    const services = new CostAnomalyMonitor(stack, 'Services');
    const team = new CostAnomalyMonitor(stack, 'Team', { costFilter: CostFilter.tag('team', ['data']) });
    const imported = CostAnomalyMonitor.fromMonitorArn(stack, 'Console', 'arn:aws:ce::111111111111:anomalymonitor/11111111-2222-3333-4444-555555555555');
    const subscription = new AnomalySubscription(stack, 'Digest', {
      subscriptionName: 'weekly-digest',
      monitors: [services, team, imported],
      frequency: AnomalyAlertFrequency.WEEKLY,
      threshold: AnomalyThreshold.absoluteImpact(50),
      emails: ['finops@example.com'],
    });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      SubscriptionName: 'weekly-digest',
      MonitorArnList: [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Services'), 'MonitorArn'] },
        { 'Fn::GetAtt': [Match.stringLikeRegexp('^Team'), 'MonitorArn'] },
        'arn:aws:ce::111111111111:anomalymonitor/11111111-2222-3333-4444-555555555555',
      ],
    });
    expect(subscription.subscriptionName).toBe('weekly-digest');
    expect(stack.resolve(subscription.subscriptionArn)).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(subscription.node.defaultChild as CfnElement), 'SubscriptionArn'] });
    expect(subscription.alertTopic).toBeUndefined();
  });

  test('an IMMEDIATE subscription of several monitors gets its own encrypted topic', () => {
    const stack = newStack();
    const services = new CostAnomalyMonitor(stack, 'Services');
    const team = new CostAnomalyMonitor(stack, 'Team', { costFilter: CostFilter.tag('team', ['data']) });
    const subscription = new AnomalySubscription(stack, 'Now', {
      monitors: [services, team],
      frequency: AnomalyAlertFrequency.IMMEDIATE,
      threshold: AnomalyThreshold.absoluteImpact(500),
    });
    const template = Template.fromStack(stack);

    expect(subscription.alertTopic).toBeDefined();
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      SubscriptionName: Match.stringLikeRegexp('^Stack-Now-'),
      Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('^NowAlertTopic') } }],
    });
  });
});

describe('the IMMEDIATE alert topic that nobody reads', () => {
  const WITHOUT_SUBSCRIBER = Match.stringLikeRegexp('Nothing subscribes to the alert topic');
  const immediate = { frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.absoluteImpact(100) };

  test('is a warning: Cost Anomaly Detection publishes to it, nobody reads it', () => {
    const stack = newStack();
    new CostAnomalyMonitor(stack, 'Services', { subscriptions: [immediate] });
    Annotations.fromStack(stack).hasWarning('/Stack/Services/AlertTopic', WITHOUT_SUBSCRIBER);
  });

  test('is no warning once subscribed, also when the subscription is added after the monitor', () => {
    const stack = newStack();
    const monitor = new CostAnomalyMonitor(stack, 'Services', { subscriptions: [immediate] });
    monitor.alertTopic!.addSubscription(new subscriptions.EmailSubscription('finops@example.com'));
    expect(Annotations.fromStack(stack).findWarning('*', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });
});
