import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { AlertPublisher, AlertTopic } from '../../src';
import { resolveAlertTopic } from '../../src/core/private/resolve-alert-topic';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'eu-west-1' } });
}

describe('AlertTopic', () => {
  test('lets each publisher publish and use the key, for this account only, as each service\'s SNS topic page says', () => {
    const stack = newStack();
    new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS, AlertPublisher.COST_ANOMALY_DETECTION], topicName: 'cost-alerts' });
    const template = Template.fromStack(stack);
    // ad-SNS.html: "only on behalf of a certain account": aws:SourceAccount, no aws:SourceArn on the monitor
    // (an IMMEDIATE alert comes from the subscription: a condition on anomalymonitor/* drops it).
    const anomalyAlertsOfThisAccount = {
      StringEquals: { 'aws:SourceAccount': '111111111111' },
      ArnLike: Match.absent(),
    };
    // budgets-sns-policy.html: "aws:SourceArn": "arn:aws:budgets::<account-id>:*"
    const budgetsOfThisAccount = {
      StringEquals: { 'aws:SourceAccount': '111111111111' },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:*']] } },
    };
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'cost-alerts', KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowBudgetsToPublish', Principal: { Service: 'budgets.amazonaws.com' }, Condition: budgetsOfThisAccount }),
          Match.objectLike({ Sid: 'AllowCostalertsToPublish', Principal: { Service: 'costalerts.amazonaws.com' }, Condition: anomalyAlertsOfThisAccount }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Sid: 'AllowBudgetsToEncrypt', Condition: budgetsOfThisAccount }),
          Match.objectLike({ Sid: 'AllowCostalertsToEncrypt', Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Condition: anomalyAlertsOfThisAccount }),
        ]),
      },
    });
  });

  test('a custom regional publisher', () => {
    const stack = newStack();
    new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.service('events.amazonaws.com', 'events', 'rule/*', true)] });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowEventsToPublish',
            Condition: {
              StringEquals: { 'aws:SourceAccount': '111111111111' },
              ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:111111111111:rule/*']] } },
            },
          }),
        ]),
      },
    });
  });

  test('an imported key gets a warning saying which statement to add', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Key', 'arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS], encryptionKey: key });
    Annotations.fromStack(stack).hasWarning(
      '/Stack/Alerts',
      Match.stringLikeRegexp('cannot be changed here: allow budgets.amazonaws.com kms:GenerateDataKey\\* and kms:Decrypt on it yourself'),
    );
  });
});

describe('resolveAlertTopic', () => {
  test('an imported topic is used with a warning to allow the publisher', () => {
    const stack = newStack();
    const imported = sns.Topic.fromTopicArn(stack, 'Imported', 'arn:aws:sns:eu-west-1:111111111111:existing');
    expect(resolveAlertTopic(stack, 'Alerts', AlertPublisher.COST_ANOMALY_DETECTION, imported)).toBe(imported);
    Annotations.fromStack(stack).hasWarning('/Stack', Match.stringLikeRegexp('allow costalerts.amazonaws.com to sns:Publish to it yourself'));
    Template.fromStack(stack).resourceCountIs('AWS::SNS::Topic', 0);
  });
});

describe('AlertTopic without a subscriber', () => {
  const WITHOUT_SUBSCRIBER = Match.stringLikeRegexp('Nothing subscribes to the alert topic .*: the alerts published to it reach nobody');

  test('warns at synth: AWS would publish alerts that reach nobody', () => {
    const stack = newStack();
    new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] });
    Annotations.fromStack(stack).hasWarning('/Stack/Alerts', WITHOUT_SUBSCRIBER);
  });

  test('a budget notification pointing at the topic publishes to it: it is no subscriber', () => {
    const stack = newStack();
    const alerts = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] });
    new budgets.CfnBudget(stack, 'Budget', {
      budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' } },
      notificationsWithSubscribers: [{
        notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80 },
        subscribers: [{ subscriptionType: 'SNS', address: alerts.topic.topicArn }],
      }],
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Alerts', WITHOUT_SUBSCRIBER);
  });

  test('a subscription added by the user after the topic counts', () => {
    const stack = newStack();
    const alerts = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] });
    alerts.topic.addSubscription(new subscriptions.EmailSubscription('finops@example.com'));
    expect(Annotations.fromStack(stack).findWarning('*', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });

  test('an L1 subscription elsewhere in the stack counts', () => {
    const stack = newStack();
    const alerts = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] });
    new sns.CfnSubscription(new Construct(stack, 'Elsewhere'), 'Pager', { topicArn: alerts.topic.topicArn, protocol: 'https', endpoint: 'https://pager.example.com/sns' });
    expect(Annotations.fromStack(stack).findWarning('*', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });

  test('an L1 subscription in another stack of the app counts', () => {
    const app = new App();
    const env = { account: '111111111111', region: 'eu-west-1' };
    const alertStack = new Stack(app, 'Alerting', { env });
    const alerts = new AlertTopic(alertStack, 'Alerts', { publishers: [AlertPublisher.BUDGETS] });
    new sns.CfnSubscription(new Stack(app, 'OnCall', { env }), 'Pager', { topicArn: alerts.topic.topicArn, protocol: 'email', endpoint: 'oncall@example.com' });
    expect(Annotations.fromStack(alertStack).findWarning('*', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });

  test('a chat channel that the topic notifies counts', () => {
    const stack = newStack();
    const alerts = new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.COST_ANOMALY_DETECTION] });
    new chatbot.SlackChannelConfiguration(stack, 'Slack', {
      slackChannelConfigurationName: 'cost-alerts',
      slackWorkspaceId: 'T0123456789',
      slackChannelId: 'C0123456789',
      notificationTopics: [alerts.topic],
    });
    expect(Annotations.fromStack(stack).findWarning('*', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });
});
