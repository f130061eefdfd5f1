import { readFileSync } from 'fs';
import { join } from 'path';
import { App, CfnOutput, CfnResource, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { NotificationType, OrganizationBudgetEntry, OrganizationBudgets, OrganizationBudgetsProps } from '../../src';
import {
  CFN_MAX_OUTPUTS,
  CFN_MAX_PARAMETERS,
  CFN_MAX_RESOURCES,
  CFN_MAX_TEMPLATE_BYTES,
} from '../../src/core/limits/cloudformation';
import { awsSolutionsFindings } from '../support/nag';

/** A jest timeout, not an assertion: synthesizing 5,000 budgets takes most of a minute on a busy machine. */
const ORGANIZATION_SCALE_TIMEOUT_MS = 300_000;

const ESCALATION = [{ thresholds: [50, 80, 100] }, { thresholds: [100], notificationType: NotificationType.FORECASTED }];

function newStack(): Stack {
  return new Stack(new App(), 'Org', { env: { account: '111111111111', region: 'us-east-1' } });
}

function accounts(count: number): OrganizationBudgetEntry[] {
  return Array.from({ length: count }, (_, index) => ({
    accountId: String(100_000_000_000 + index),
    amount: 1000 + index,
    emails: [`owner-${index}@example.com`],
  }));
}

function organization(props: OrganizationBudgetsProps, stack: Stack = newStack()): OrganizationBudgets {
  return new OrganizationBudgets(stack, 'Accounts', props);
}

interface WrittenTemplate {
  readonly Resources: Record<string, { Type: string; Properties: any }>;
  readonly Outputs?: Record<string, unknown>;
  readonly Parameters?: Record<string, unknown>;
}

describe('OrganizationBudgets', () => {
  describe('at organization scale: 5,000 account budgets with escalating notifications', () => {
    // aws-cdk-lib's built-in CloudFormation linter (a WebAssembly engine) is not under test here and
    // would triple the run time; the library's own limit check still runs as a construct validation.
    const builtinValidation = process.env.CDK_VALIDATION;
    beforeAll(() => { process.env.CDK_VALIDATION = 'false'; });
    afterAll(() => { process.env.CDK_VALIDATION = builtinValidation; });

    test('every template the library emits stays within CloudFormation quotas', () => {
      const stack = newStack();
      const org = organization({ budgets: accounts(5000), alerts: ESCALATION, alertEmails: ['finops@example.com'] }, stack);
      const assembly = App.of(stack)!.synth() as ReturnType<App['synth']>;

      expect(org.stacks.length).toBeGreaterThan(1);
      const templates = org.stacks.map((nested) => {
        const text = readFileSync(join(assembly.directory, nested.templateFile), 'utf8');
        return { bytes: Buffer.byteLength(text), template: JSON.parse(text) as WrittenTemplate };
      });
      for (const { bytes, template } of templates) {
        expect(bytes).toBeLessThanOrEqual(CFN_MAX_TEMPLATE_BYTES);
        expect(Object.keys(template.Resources).length).toBeLessThanOrEqual(CFN_MAX_RESOURCES);
        expect(Object.keys(template.Outputs ?? {}).length).toBeLessThanOrEqual(CFN_MAX_OUTPUTS);
        expect(Object.keys(template.Parameters ?? {}).length).toBeLessThanOrEqual(CFN_MAX_PARAMETERS);
      }
      const budgets = templates.flatMap(({ template }) => Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::Budgets::Budget'));
      expect(budgets).toHaveLength(5000);
      expect(new Set(budgets.map((budget) => budget.Properties.Budget.BudgetName)).size).toBe(5000);
      budgets.forEach((budget) => expect(budget.Properties.NotificationsWithSubscribers).toHaveLength(4));

      const parent = Template.fromJSON(JSON.parse(readFileSync(join(assembly.directory, stack.templateFile), 'utf8')));
      parent.resourceCountIs('AWS::SNS::Topic', 1);
      parent.resourceCountIs('AWS::KMS::Key', 1);
      parent.resourceCountIs('AWS::CloudFormation::Stack', org.stacks.length);
      expect(Object.keys(parent.toJSON().Resources).length).toBeLessThanOrEqual(CFN_MAX_RESOURCES);
    }, ORGANIZATION_SCALE_TIMEOUT_MS);
  });

  test('an account budget filters on its linked account and publishes to the one shared topic', () => {
    const stack = newStack();
    const org = organization({ budgets: [{ accountId: '222222222222', amount: 500 }], alertEmails: ['finops@example.com'] }, stack);
    const template = Template.fromStack(org.stacks[0]);
    template.hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'Accounts-222222222222',
        BudgetLimit: { Amount: 500, Unit: 'USD' },
        TimeUnit: 'MONTHLY',
        CostFilters: { LinkedAccount: ['222222222222'] },
      },
      NotificationsWithSubscribers: Match.arrayWith([
        Match.objectLike({
          Subscribers: [
            { SubscriptionType: 'SNS', Address: { Ref: Match.stringLikeRegexp('referencetoOrgAccountsAlertTopic') } },
            { SubscriptionType: 'EMAIL', Address: 'finops@example.com' },
          ],
        }),
      ]),
    });
    const parent = Template.fromStack(stack);
    parent.resourceCountIs('AWS::SNS::Topic', 1);
    parent.resourceCountIs('AWS::KMS::Key', 1);
    parent.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Sid: 'AllowBudgetsToPublish', Principal: { Service: 'budgets.amazonaws.com' } })]) },
    });
  });

  test('a cost category budget filters on the value; entry emails and names replace the shared ones', () => {
    const org = organization({
      costCategoryName: 'Team',
      budgets: [{ costCategoryValue: 'data', amount: 800, budgetName: 'team-data', emails: ['data@example.com'] }],
      alertEmails: ['finops@example.com'],
    });
    Template.fromStack(org.stacks[0]).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: {
        BudgetName: 'team-data',
        FilterExpression: { CostCategories: { Key: 'Team', Values: ['data'] } },
      },
      NotificationsWithSubscribers: Match.arrayWith([
        Match.objectLike({ Subscribers: [Match.objectLike({ SubscriptionType: 'SNS' }), { SubscriptionType: 'EMAIL', Address: 'data@example.com' }] }),
      ]),
    });
  });

  test('the shared topic policy has one publish statement for all budgets', () => {
    const stack = newStack();
    organization({ budgets: accounts(3) }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Sid: 'AllowPublishThroughSSLOnly' }),
          Match.objectLike({ Sid: 'AllowBudgetsToPublish', Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' }, ArnLike: Match.anyValue() } }),
        ],
      },
    });
  });

  test('a user topic is shared as is', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Mine');
    const org = organization({ budgets: accounts(2), alertTopic: topic }, stack);
    expect(org.alertTopic).toBe(topic);
    Template.fromStack(stack).resourceCountIs('AWS::KMS::Key', 0);
  });

  test('passes cdk-nag AwsSolutions, nested stacks included', () => {
    const stack = newStack();
    organization({ budgets: accounts(3), budgetsPerStack: 2, alertEmails: ['finops@example.com'] }, stack);
    expect(awsSolutionsFindings(App.of(stack) as App)).toBe('');
  });

  test('budgets fill a nested stack up to budgetsPerStack, in list order', () => {
    const org = organization({ budgets: accounts(5), budgetsPerStack: 2 });
    expect(org.stacks).toHaveLength(3);
    Template.fromStack(org.stacks[2]).resourceCountIs('AWS::Budgets::Budget', 1);
    expect(org.budgets.map((budget) => budget.node.id)).toEqual(accounts(5).map((entry) => `Accounts-${entry.accountId}`));
  });
});

describe('OrganizationBudgets fails at synth on', () => {
  test('an empty list', () => {
    expect(() => organization({ budgets: [] })).toThrow(
      /^Org\/Accounts: \[\] breaks the rule: an organization budget list has at least one entry\. Fix: add an entry per account or cost category value\.$/,
    );
  });

  test.each([
    ['both', { accountId: '111111111111', costCategoryValue: 'data', amount: 1 }],
    ['neither', { amount: 1 }],
  ])('an entry with %s of accountId and costCategoryValue', (_, entry) => {
    expect(() => organization({ budgets: [entry], costCategoryName: 'Team' })).toThrow(
      /budget entry 0 names exactly one of accountId and costCategoryValue\. Fix: give each entry either the account it tracks or the cost category value/,
    );
  });

  test('an account ID that is not 12 digits', () => {
    expect(() => organization({ budgets: [{ accountId: '1234', amount: 1 }] })).toThrow(
      /"1234" breaks the rule: budget entry 0: an AWS account ID is 12 digits\. Fix: use the 12-digit ID of a member account\./,
    );
  });

  test('a cost category value without the cost category name', () => {
    expect(() => organization({ budgets: [{ costCategoryValue: 'data', amount: 1 }] })).toThrow(
      /"data" breaks the rule: budget entry 0 tracks a cost category value, which needs the cost category's name\. Fix: set costCategoryName/,
    );
  });

  test('two budgets of the same name', () => {
    const entry = { accountId: '111111111111', amount: 1 };
    expect(() => organization({ budgets: [entry, entry] })).toThrow(
      /"Accounts-111111111111" breaks the rule: budget names are unique in an account\. Fix: list each account or cost category value once/,
    );
  });

  test.each([0, 501])('budgetsPerStack %d', (budgetsPerStack) => {
    expect(() => organization({ budgets: accounts(1), budgetsPerStack })).toThrow(
      /breaks the rule: budgetsPerStack \(each budget is one resource of a nested stack\) must be between 1 and 500\. Fix: choose at most 500/,
    );
  });

  test('a budget that FinOpsBudget rejects, under the path of its nested stack', () => {
    expect(() => organization({ budgets: [{ accountId: '111111111111', amount: 1, emails: ['not-an-email'] }] })).toThrow(
      /^Org\/Accounts\/Budgets1\/Accounts-111111111111: .*not-an-email/,
    );
  });
});

describe('the synth-time check of every emitted template', () => {
  test('more outputs than CloudFormation allows', () => {
    const stack = newStack();
    const org = organization({ budgets: accounts(1) }, stack);
    Array.from({ length: CFN_MAX_OUTPUTS + 1 }, (_, index) => new CfnOutput(org.stacks[0], `Out${index}`, { value: String(index) }));
    expect(() => App.of(stack)!.synth()).toThrow(
      /Org\/Accounts\/Budgets1: 201 breaks the rule: CloudFormation allows at most 200 outputs in a template\. Fix: lower budgetsPerStack/,
    );
  });

  test('a template over 1 MB', () => {
    const stack = newStack();
    const org = organization({ budgets: accounts(1) }, stack);
    new CfnResource(org.stacks[0], 'Big', { type: 'Custom::Big', properties: { Blob: 'x'.repeat(CFN_MAX_TEMPLATE_BYTES) } });
    expect(() => App.of(stack)!.synth()).toThrow(
      /Org\/Accounts\/Budgets1: \d+ breaks the rule: CloudFormation allows at most 1048576 bytes in a template uploaded to S3\. Fix: /,
    );
  });

  test('more resources than CloudFormation allows', () => {
    const stack = newStack();
    const org = organization({ budgets: accounts(1) }, stack);
    Array.from({ length: CFN_MAX_RESOURCES }, (_, index) => new CfnResource(org.stacks[0], `Extra${index}`, { type: 'Custom::Extra' }));
    expect(() => App.of(stack)!.synth()).toThrow(/Org\/Accounts\/Budgets1: 501 breaks the rule: CloudFormation allows at most 500 resources in a template/);
  });
});
