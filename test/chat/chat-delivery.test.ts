import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  AnomalyAlertFrequency, AnomalyThreshold, BudgetLimit, ChatChannel, ChatDelivery, CostAnomalyMonitor, FinOpsBudget, OptimizationPipeline, Optimizer,
} from '../../src';
import { cfnLintFindings } from '../support/cfn-lint';
import { awsSolutionsFindings } from '../support/nag';

const SLACK = ChatChannel.slack({ workspaceId: 'T0123456789', channelId: 'C0123456789' });
const TEAMS = ChatChannel.microsoftTeams({
  tenantId: '00000000-0000-0000-0000-000000000001',
  teamId: '00000000-0000-0000-0000-000000000002',
  channelId: '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
  channelName: 'finops',
});

/** A budget with the alert handler, an anomaly monitor with an IMMEDIATE subscription and a pipeline, all delivered to one channel. */
function finOpsStack(channel: ChatChannel) {
  const app = new App();
  const stack = new Stack(app, 'FinOps', { env: { account: '111111111111', region: 'us-east-1' } });
  const budget = new FinOpsBudget(stack, 'Ec2Compute', { limit: BudgetLimit.fixedAmount(10000), alertHandler: {} });
  const monitor = new CostAnomalyMonitor(stack, 'AwsServices', {
    subscriptions: [{ frequency: AnomalyAlertFrequency.IMMEDIATE, threshold: AnomalyThreshold.absoluteImpact(100) }],
  });
  const pipeline = new OptimizationPipeline(stack, 'Optimization', { optimizers: [Optimizer.costAnalysis()] });
  const delivery = new ChatDelivery(stack, 'Chat', {
    channel,
    configurationName: 'finops-alerts',
    topics: [budget.alertTopic, budget.escalationTopic!, monitor.alertTopic!],
  });
  delivery.addTopic(pipeline.alertTopic);
  delivery.addTopic(budget.alertTopic);
  const topicArns = [budget.alertTopic, budget.escalationTopic!, monitor.alertTopic!, pipeline.alertTopic]
    .map((topic) => stack.resolve(topic.topicArn));
  return { app, stack, budget, monitor, pipeline, delivery, topicArns };
}

describe('ChatDelivery to Slack', () => {
  const { app, stack, delivery, monitor, topicArns } = finOpsStack(SLACK);
  const template = Template.fromStack(stack);

  test('one channel configuration receives the budget, escalation, anomaly and pipeline topics, each once, logging errors', () => {
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      ConfigurationName: 'finops-alerts',
      SlackWorkspaceId: 'T0123456789',
      SlackChannelId: 'C0123456789',
      IamRoleArn: stack.resolve(delivery.role.roleArn),
      LoggingLevel: 'ERROR',
      SnsTopicArns: topicArns,
    });
  });

  test('notifications only: the role has no permissions and the guardrail denies every action', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' } }] },
      Description: 'Notifications-only role of the chat channel FinOps/Chat',
    });
    const roleRef = stack.resolve(delivery.role.roleName);
    expect(Object.values<any>(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles ?? []).includes(JSON.stringify(roleRef)))).toEqual([]);
    const guardrails = template.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('Guardrail of the chat channel') } });
    expect(Object.values<any>(guardrails).map((policy) => policy.Properties.PolicyDocument.Statement)).toEqual([[{ Action: '*', Effect: 'Deny', Resource: '*' }]]);
    template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', { GuardrailPolicies: [{ Ref: Object.keys(guardrails)[0] }] });
  });

  test('Cost Anomaly Detection still publishes to the encrypted anomaly topic: its topic and key statements are unchanged, Chatbot is given no key', () => {
    const anomalyTopicArn = stack.resolve(monitor.alertTopic!.topicArn);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [anomalyTopicArn],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: 'sns:Publish', Principal: { Service: 'costalerts.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        })]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowCostalertsToEncrypt', Principal: { Service: 'costalerts.amazonaws.com' } })]) },
    });
    expect(JSON.stringify(template.findResources('AWS::KMS::Key'))).not.toContain('chatbot');
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { Subscribers: [{ Type: 'SNS', Address: anomalyTopicArn }] });
  });

  test('the channel counts as the topics\' subscriber: no alert topic warns that nothing reads it', () => {
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Nothing subscribes to the alert topic'))).toEqual([]);
  });

  test('cdk-nag AwsSolutions finds nothing unacknowledged, and cfn-lint passes', () => {
    expect(awsSolutionsFindings(app)).toBe('');
    expect(cfnLintFindings([path.join(app.outdir, 'FinOps.template.json')])).toBe('');
  });
});

describe('ChatDelivery to Microsoft Teams', () => {
  const { app, stack, delivery, topicArns } = finOpsStack(TEAMS);

  test('one Teams channel configuration with the same topics, role, guardrail and logging', () => {
    Template.fromStack(stack).hasResourceProperties('AWS::Chatbot::MicrosoftTeamsChannelConfiguration', {
      ConfigurationName: 'finops-alerts',
      TeamsTenantId: '00000000-0000-0000-0000-000000000001',
      TeamId: '00000000-0000-0000-0000-000000000002',
      TeamsChannelId: '19%3ab6ef35dc342d56ba5654e6fc6d25a071%40thread.tacv2',
      TeamsChannelName: 'finops',
      IamRoleArn: stack.resolve(delivery.role.roleArn),
      GuardrailPolicies: [{ Ref: Match.stringLikeRegexp('ChatNotificationsOnlyGuardrail') }],
      LoggingLevel: 'ERROR',
      SnsTopicArns: topicArns,
    });
  });

  test('cdk-nag AwsSolutions finds nothing unacknowledged, and cfn-lint passes', () => {
    expect(awsSolutionsFindings(app)).toBe('');
    expect(cfnLintFindings([path.join(app.outdir, 'FinOps.template.json')])).toBe('');
  });
});

test('a given role, guardrails and logging level are used as given', () => {
  const stack = new Stack(new App(), 'Custom');
  const role = iam.Role.fromRoleArn(stack, 'ChannelRole', 'arn:aws:iam::111111111111:role/finops-chat');
  const readOnly = iam.ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess');
  new ChatDelivery(stack, 'Chat', { channel: SLACK, configurationName: 'custom', role, guardrailPolicies: [readOnly], loggingLevel: chatbot.LoggingLevel.INFO });
  const template = Template.fromStack(stack);
  template.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
    ConfigurationName: 'custom',
    GuardrailPolicies: [stack.resolve(readOnly.managedPolicyArn)],
    LoggingLevel: 'INFO',
    IamRoleArn: 'arn:aws:iam::111111111111:role/finops-chat',
  });
  template.resourceCountIs('AWS::IAM::ManagedPolicy', 0);
});
