import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
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
