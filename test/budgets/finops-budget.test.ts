import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import {
  ApprovalModel,
  BudgetActionDefinition,
  BudgetLimit,
  BudgetPeriod,
  BudgetType,
  ComparisonOperator,
  CostFilter,
  FinOpsBudget,
  MatchOption,
  NotificationType,
} from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('FinOpsBudget', () => {
  test('a fixed monthly cost budget with the default alerts, published to a new encrypted topic', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { budgetName: 'ec2-compute', limit: BudgetLimit.fixedAmount(10000), alertEmails: ['finops@example.com'] });
    const template = Template.fromStack(stack);

    const snsAndEmail = [
      { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('BudgetAlertTopic') } },
      { SubscriptionType: 'EMAIL', Address: 'finops@example.com' },
    ];
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetName: 'ec2-compute', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 10000, Unit: 'USD' } },
      NotificationsWithSubscribers: [
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 80, ThresholdType: 'PERCENTAGE' }, Subscribers: snsAndEmail },
        { Notification: { NotificationType: 'ACTUAL', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: snsAndEmail },
        { Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100, ThresholdType: 'PERCENTAGE' }, Subscribers: snsAndEmail },
      ],
    });
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('the alert topic is encrypted with a rotating customer key that only AWS Budgets of this account may use', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100) });
    const template = Template.fromStack(stack);
    const budgetsOfThisAccount = {
      StringEquals: { 'aws:SourceAccount': '111111111111' },
      ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:*']] } },
    };
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowBudgetsToEncrypt',
            Principal: { Service: 'budgets.amazonaws.com' },
            Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
            Condition: budgetsOfThisAccount,
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('BudgetAlertTopicKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Sid: 'AllowBudgetsToPublish', Principal: { Service: 'budgets.amazonaws.com' }, Action: 'sns:Publish', Condition: budgetsOfThisAccount }),
        ]),
      },
    });
  });

  test('a user topic is used as is, with a publish statement for AWS Budgets', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Mine');
    const budget = new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), alertTopic: topic });
    const template = Template.fromStack(stack);
    expect(budget.alertTopic).toBe(topic);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: Match.stringLikeRegexp('Mine') }],
      PolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'budgets.amazonaws.com' } })] },
    });
  });

  test('an escalation is one line: one notification per threshold', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), alerts: [{ thresholds: [70, 90, 95], notificationType: NotificationType.FORECASTED }] });
    const budget = Template.fromStack(stack).findResources('AWS::Budgets::Budget');
    const notifications = Object.values(budget)[0].Properties.NotificationsWithSubscribers.map((entry: any) => entry.Notification);
    expect(notifications.map((n: any) => `${n.NotificationType} ${n.Threshold}`)).toEqual(['FORECASTED 70', 'FORECASTED 90', 'FORECASTED 95']);
  });

  test('simple filters render to CostFilters, richer ones to FilterExpression', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Simple', {
      limit: BudgetLimit.fixedAmount(100),
      costFilter: CostFilter.allOf(CostFilter.services(['Amazon Relational Database Service']), CostFilter.linkedAccounts(['222222222222']), CostFilter.tag('team', ['data'])),
    });
    new FinOpsBudget(stack, 'Rich', {
      limit: BudgetLimit.fixedAmount(100),
      costFilter: CostFilter.anyOf(CostFilter.costCategory('business-unit', ['Production']), CostFilter.negate(CostFilter.regions(['us-east-1']))),
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { CostFilters: { Service: ['Amazon Relational Database Service'], LinkedAccount: ['222222222222'], TagKeyValue: ['user:team$data'] } },
    });
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        FilterExpression: {
          Or: [
            { CostCategories: { Key: 'business-unit', Values: ['Production'] } },
            { Not: { Dimensions: { Key: 'REGION', Values: ['us-east-1'] } } },
          ],
        },
        CostFilters: Match.absent(),
      },
    });
  });

  test('match options need FilterExpression', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), costFilter: CostFilter.tag('team', ['da'], [MatchOption.STARTS_WITH]) });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { FilterExpression: { Tags: { Key: 'team', Values: ['da'], MatchOptions: ['STARTS_WITH'] } } },
    });
  });

  test('planned limits are keyed by the period start in epoch seconds', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', {
      period: BudgetPeriod.QUARTERLY,
      limit: BudgetLimit.planned([{ startDate: '2027-01-01', amount: 30000 }, { startDate: '2027-04-01', amount: 32000 }]),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        TimeUnit: 'QUARTERLY',
        BudgetLimit: Match.absent(),
        PlannedBudgetLimits: { 1798761600: { Amount: 30000, Unit: 'USD' }, 1806537600: { Amount: 32000, Unit: 'USD' } },
      },
    });
  });

  test('auto-adjusting budgets, cost types and a time period', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', {
      limit: BudgetLimit.autoAdjustHistorical(6),
      costTypes: { useAmortized: true, includeCredit: false },
      startDate: '2027-01-01',
      endDate: '2028-01-01',
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        AutoAdjustData: { AutoAdjustType: 'HISTORICAL', HistoricalOptions: { BudgetAdjustmentPeriod: 6 } },
        CostTypes: { UseAmortized: true, IncludeCredit: false },
        TimePeriod: { Start: '1798761600', End: '1830297600' },
        BudgetLimit: Match.absent(),
      },
    });
  });

  test('RI and Savings Plans budgets take no limit and alert when utilization drops below the threshold', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { budgetType: BudgetType.SAVINGS_PLANS_UTILIZATION, alerts: [{ thresholds: [90] }] });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetType: 'SAVINGS_PLANS_UTILIZATION', BudgetLimit: Match.absent() },
      NotificationsWithSubscribers: [{ Notification: Match.objectLike({ ComparisonOperator: ComparisonOperator.LESS_THAN, Threshold: 90 }) }],
    });
  });

  test('grantView allows reading this budget and its actions only', () => {
    const stack = newStack();
    const budget = new FinOpsBudget(stack, 'Budget', { budgetName: 'b1', limit: BudgetLimit.fixedAmount(100) });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    budget.grantView(reader);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['budgets:ViewBudget', 'budgets:DescribeBudgetAction', 'budgets:DescribeBudgetActionsForBudget', 'budgets:DescribeBudgetActionHistories'],
            Resource: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:budget/', { Ref: Match.stringLikeRegexp('^Budget[0-9A-F]{8}$') }]] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:budget/', { Ref: Match.stringLikeRegexp('^Budget[0-9A-F]{8}$') }, '/action/*']] },
            ],
          }),
        ],
      },
    });
  });
});

describe('FinOpsBudget actions', () => {
  const budgetsTrust = {
    AssumeRolePolicyDocument: {
      Statement: [
        {
          Action: 'sts:AssumeRole',
          Effect: 'Allow',
          Principal: { Service: 'budgets.amazonaws.com' },
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:budget/*']] } },
          },
        },
      ],
    },
  };

  test('applying an IAM policy: manual approval by default, a role allowed to attach exactly that policy to exactly those roles', () => {
    const stack = newStack();
    const policy = new iam.ManagedPolicy(stack, 'Deny', { statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['ec2:RunInstances'], resources: ['*'] })] });
    const role = iam.Role.fromRoleName(stack, 'Deploy', 'deploy');
    new FinOpsBudget(stack, 'Budget', {
      limit: BudgetLimit.fixedAmount(100),
      alertEmails: ['finops@example.com'],
      actions: [{ definition: BudgetActionDefinition.applyIamPolicy({ policy, roles: [role] }), threshold: 100 }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      BudgetName: { Ref: Match.stringLikeRegexp('^Budget[0-9A-F]{8}$') },
      ActionType: 'APPLY_IAM_POLICY',
      ApprovalModel: 'MANUAL',
      NotificationType: 'ACTUAL',
      ActionThreshold: { Type: 'PERCENTAGE', Value: 100 },
      Definition: { IamActionDefinition: { PolicyArn: { Ref: Match.stringLikeRegexp('Deny') }, Roles: ['deploy'] } },
      Subscribers: [{ Type: 'SNS', Address: { Ref: Match.stringLikeRegexp('AlertTopic') } }, { Type: 'EMAIL', Address: 'finops@example.com' }],
      ExecutionRoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ActionExecutionRole'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::IAM::Role', budgetsTrust);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::111111111111:role/deploy']] },
            Condition: { ArnEquals: { 'iam:PolicyARN': { Ref: Match.stringLikeRegexp('Deny') } } },
          },
        ],
      },
    });
  });

  test('applying an SCP: the role may attach that policy to those targets of the organization', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', {
      limit: BudgetLimit.fixedAmount(100),
      actions: [{ definition: BudgetActionDefinition.applyScp({ policyId: 'p-abcd1234', targetIds: ['222222222222', 'ou-ab12-cdef3456'] }), threshold: 120, approvalModel: ApprovalModel.AUTOMATIC }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      ActionType: 'APPLY_SCP_POLICY',
      ApprovalModel: 'AUTOMATIC',
      Definition: { ScpActionDefinition: { PolicyId: 'p-abcd1234', TargetIds: ['222222222222', 'ou-ab12-cdef3456'] } },
    });
    const orgArn = (resource: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:organizations::111111111111:${resource}`]] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: ['organizations:AttachPolicy', 'organizations:DetachPolicy'],
            Resource: [orgArn('policy/o-*/service_control_policy/p-abcd1234'), orgArn('account/o-*/222222222222'), orgArn('ou/o-*/ou-ab12-cdef3456')],
          },
        ],
      },
    });
  });

  test('stopping EC2 instances: the AWS stop/start documents and those instances only', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', {
      limit: BudgetLimit.fixedAmount(100),
      actions: [{ definition: BudgetActionDefinition.stopEc2Instances({ instanceIds: ['i-0123456789abcdef0'], region: 'eu-west-1' }), threshold: 95 }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      ActionType: 'RUN_SSM_DOCUMENTS',
      Definition: { SsmActionDefinition: { Subtype: 'STOP_EC2_INSTANCES', Region: 'eu-west-1', InstanceIds: ['i-0123456789abcdef0'] } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [
          {
            Action: 'ssm:StartAutomationExecution',
            Resource: [
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:eu-west-1::automation-definition/AWS-StopEC2Instance:*']] },
              { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ssm:eu-west-1::automation-definition/AWS-StartEC2Instance:*']] },
            ],
            Effect: 'Allow',
          },
          {
            Action: ['ec2:StopInstances', 'ec2:StartInstances'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1:111111111111:instance/i-0123456789abcdef0']] },
            Effect: 'Allow',
          },
          { Action: 'ec2:DescribeInstanceStatus', Resource: '*', Effect: 'Allow' },
        ],
      },
    });
  });

  test('stopping RDS instances and a user execution role', () => {
    const stack = newStack();
    const executionRole = iam.Role.fromRoleArn(stack, 'Exec', 'arn:aws:iam::111111111111:role/budgets-exec');
    new FinOpsBudget(stack, 'Budget', {
      limit: BudgetLimit.fixedAmount(100),
      actions: [{ definition: BudgetActionDefinition.stopRdsInstances({ instanceIds: ['reporting-db'] }), threshold: 100, executionRole }],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', {
      ExecutionRoleArn: 'arn:aws:iam::111111111111:role/budgets-exec',
      Definition: { SsmActionDefinition: { Subtype: 'STOP_RDS_INSTANCES', Region: 'us-east-1', InstanceIds: ['reporting-db'] } },
    });
    template.resourceCountIs('AWS::IAM::Role', 0);
  });
});

describe('FinOpsBudget alert handler', () => {
  test('a Node.js 24 arm64 function subscribed to the alert topic, with the seed tiers and an escalation topic', () => {
    const stack = newStack();
    const budget = new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), alertHandler: {} });
    const template = Template.fromStack(stack);
    expect(budget.alertHandler).toBeDefined();
    expect(budget.escalationTopic).toBeDefined();
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Environment: {
        Variables: {
          ALERT_TIERS: {
            'Fn::Join': ['', [
              '[{"name":"analyze","minUtilization":"70","topicArn":"',
              { Ref: Match.stringLikeRegexp('EscalationTopic') },
              '"},{"name":"optimize","minUtilization":"80","topicArn":"',
              { Ref: Match.stringLikeRegexp('EscalationTopic') },
              '"},{"name":"emergency","minUtilization":"90","topicArn":"',
              { Ref: Match.stringLikeRegexp('EscalationTopic') },
              '"}]',
            ]],
          },
        },
      },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: Match.stringLikeRegexp('BudgetAlertTopic') } });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['logs:CreateLogStream', 'logs:PutLogEvents'] }),
          Match.objectLike({ Action: 'sns:Publish', Resource: { Ref: Match.stringLikeRegexp('EscalationTopic') } }),
          Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    // Only the role's own log-group grant: no AWS managed policy.
    template.hasResourceProperties('AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({}), ManagedPolicyArns: Match.absent() });
  });

  test('tiers with their own topic or function need no escalation topic', () => {
    const stack = newStack();
    const pager = new sns.Topic(stack, 'Pager');
    const responder = lambda.Function.fromFunctionArn(stack, 'Responder', 'arn:aws:lambda:us-east-1:111111111111:function:responder');
    const budget = new FinOpsBudget(stack, 'Budget', {
      limit: BudgetLimit.fixedAmount(100),
      alertHandler: { tiers: [{ name: 'page', minUtilization: 95, topic: pager }, { name: 'act', minUtilization: 110, targetFunction: responder }] },
    });
    expect(budget.escalationTopic).toBeUndefined();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'lambda:InvokeFunction' })]) },
    });
  });
});

describe('FinOpsBudget topics that nobody reads', () => {
  const WITHOUT_SUBSCRIBER = Match.stringLikeRegexp('Nothing subscribes to the alert topic');

  test('the alert handler reads the alert topic; its escalation topic without a subscriber is a warning', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), alertHandler: {} });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Stack/Budget/EscalationTopic', WITHOUT_SUBSCRIBER);
    expect(annotations.findWarning('/Stack/Budget/AlertTopic', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });

  test('an escalation topic subscribed by the user is no warning', () => {
    const stack = newStack();
    const budget = new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), alertHandler: {} });
    budget.escalationTopic!.addSubscription(new subscriptions.EmailSubscription('oncall@example.com'));
    expect(Annotations.fromStack(stack).findWarning('*', WITHOUT_SUBSCRIBER)).toHaveLength(0);
  });

  test('a budget alert topic that only AWS Budgets publishes to is a warning', () => {
    const stack = newStack();
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), alertEmails: ['finops@example.com'] });
    Annotations.fromStack(stack).hasWarning('/Stack/Budget/AlertTopic', WITHOUT_SUBSCRIBER);
  });
});

test('the deprecated BudgetLimit.fixed, a reserved word in C#, still makes a fixedAmount limit', () => {
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  expect(BudgetLimit.fixed(500, 'GB')._config).toEqual(BudgetLimit.fixedAmount(500, 'GB')._config);
});
