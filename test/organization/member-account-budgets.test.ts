import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { managementStack, memberTemplateFile } from './support';
import { BudgetLimit, MemberAccountBudgets, MemberDeploymentTarget } from '../../src';
import { cfnLintFindings } from '../support/cfn-lint';
import { awsSolutionsFindings } from '../support/nag';

function memberBudgets() {
  const app = new App();
  const { stack } = managementStack(app);
  const budgets = new MemberAccountBudgets(stack, 'SandboxBudgets', {
    budgets: [
      { budgetName: 'sandbox-monthly', limit: BudgetLimit.fixedAmount(500), alertEmails: ['finops@example.com'] },
      { budgetName: 'sandbox-ec2', limit: BudgetLimit.fixedAmount(200), alerts: [{ thresholds: [50, 90] }] },
    ],
    target: MemberDeploymentTarget.accounts(['111111111111'], ['ou-ab12-22222222']),
  });
  return { app, stack, budgets };
}

describe('MemberAccountBudgets', () => {
  test('declares a service-managed StackSet with automatic deployment, no parameters and no IAM capability', () => {
    const { stack } = memberBudgets();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      AutoDeployment: { Enabled: true },
      Capabilities: Match.absent(),
      Parameters: [],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: ['ou-ab12-22222222'], AccountFilterType: 'INTERSECTION', Accounts: ['111111111111'] } }],
    });
  });

  test('each member account gets every budget, publishing to one encrypted topic of its own with the FinOpsBudget alerts', () => {
    const member = Template.fromJSON(memberTemplateFile(memberBudgets().app).template);
    member.resourceCountIs('AWS::SNS::Topic', 1);
    member.resourceCountIs('AWS::Budgets::Budget', 2);
    member.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    const topicRef = { Ref: Match.stringLikeRegexp('^AlertTopic') };
    member.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetName: 'sandbox-monthly', BudgetLimit: { Amount: 500, Unit: 'USD' } },
      // The FinOpsBudget default alerts: ACTUAL 80 and 100, FORECASTED 100.
      NotificationsWithSubscribers: [
        { Notification: { NotificationType: 'ACTUAL', Threshold: 80 }, Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }, { SubscriptionType: 'EMAIL', Address: 'finops@example.com' }] },
        { Notification: { NotificationType: 'ACTUAL', Threshold: 100 }, Subscribers: Match.anyValue() },
        { Notification: { NotificationType: 'FORECASTED', Threshold: 100 }, Subscribers: Match.anyValue() },
      ],
    });
    member.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetName: 'sandbox-ec2' },
      NotificationsWithSubscribers: [
        { Notification: { Threshold: 50 }, Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }] },
        { Notification: { Threshold: 90 }, Subscribers: [{ SubscriptionType: 'SNS', Address: topicRef }] },
      ],
    });
  });

  test('the topic key lets AWS Budgets publish for the member account it is deployed in', () => {
    const member = Template.fromJSON(memberTemplateFile(memberBudgets().app).template);
    member.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'budgets.amazonaws.com' }, Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } }) })]) },
    });
  });

  test('refuses FinOpsBudget rules in the member template too', () => {
    const { stack } = managementStack();
    expect(() => new MemberAccountBudgets(stack, 'Bad', {
      budgets: [{ budgetName: 'a:b', limit: BudgetLimit.fixedAmount(1) }],
      target: MemberDeploymentTarget.organizationalUnits(['ou-ab12-22222222']),
    })).toThrow(/Management\/Bad\/StackSet\/MemberTemplate\/a:b: "a:b" breaks the rule: a budget name contains no ":" or "\\"/);
  });

  test('refuses an empty list of budgets', () => {
    const { stack } = managementStack();
    expect(() => new MemberAccountBudgets(stack, 'Empty', { budgets: [], target: MemberDeploymentTarget.organizationalUnits(['ou-ab12-22222222']) }))
      .toThrow('Management/Empty: [] breaks the rule: a StackSet of member budgets deploys at least one budget. Fix: list the budgets every targeted account gets.');
  });

  test('passes cfn-lint on the member template and the management stack', () => {
    const { app } = memberBudgets();
    expect(cfnLintFindings([memberTemplateFile(app).file, path.join(app.outdir, 'Management.template.json')])).toBe('');
  });

  test('passes cdk-nag AwsSolutions on both stacks', () => {
    expect(awsSolutionsFindings(memberBudgets().app)).toBe('');
  });
});
