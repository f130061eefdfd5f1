/**
 * Catalog of synth-time checks for FinOpsBudget and OrganizationBudgets: invalid configurations drawn
 * from AWS's documents (each with its page) must fail with a message naming the construct path, the
 * value, the rule and the fix; valid boundary configurations, with tokens of every kind (string,
 * number, list), must synthesize into what CloudFormation would deploy.
 */
import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  AlertPublisher,
  AlertTopic,
  BudgetActionDefinition,
  BudgetLimit,
  CostDimension,
  CostFilter,
  FinOpsBudget,
  FinOpsBudgetProps,
  MatchOption,
  OrganizationBudgets,
  OrganizationBudgetsProps,
  ThresholdType,
} from '../../src';
import { deployedProperties } from '../budgets/evaluate-conditions';

const ACCOUNT = '111111111111';
const newStack = (app = new App(), id = 'Stack', account: string | null = ACCOUNT) =>
  new Stack(app, id, account ? { env: { account, region: 'us-east-1' } } : undefined);
const fixed = BudgetLimit.fixedAmount(1000);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
/** The one-line format `<path>: <value> breaks the rule: <rule>. Fix: <fix>.`, each part a regex source. */
function refusal(path: string, value: string, rule: string, fix: string): RegExp {
  return new RegExp(`^${escape(path)}: ${value} breaks the rule: ${rule}\\. Fix: ${fix}\\.$`);
}
const budget = (props: FinOpsBudgetProps, stack = newStack()) => new FinOpsBudget(stack, 'Budget', props);
const organization = (props: OrganizationBudgetsProps, stack = newStack()) => new OrganizationBudgets(stack, 'Org', props);
const scp = (policyId: string, targetIds: string[]) => ({
  limit: fixed,
  actions: [{ threshold: 90, definition: BudgetActionDefinition.applyScp({ policyId, targetIds }) }],
});

describe('invalid budgets are refused at synth', () => {
  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html
  // BudgetName: "Length Constraints: Minimum length of 1. Maximum length of 100."
  // "Pattern: ^(?![^:\\]*/action/|(?i).*<script>.*</script>.*)[^:\\]+$"
  test.each([
    ['101 characters', 'b'.repeat(101), 'a budget name is 1-100 characters \\(this one has 101\\)', 'shorten budgetName'],
    ['an empty name', '', 'a budget name is 1-100 characters \\(this one has 0\\)', 'shorten budgetName'],
    ['a colon', 'team:data', 'a budget name contains no ":" or "\\\\" and not "/action/"', 'remove those characters from budgetName'],
    ['a backslash', 'team\\data', 'a budget name contains no ":" or "\\\\" and not "/action/"', 'remove those characters from budgetName'],
    ['the /action/ substring', 'team/action/data', 'a budget name contains no ":" or "\\\\" and not "/action/"', 'remove those characters from budgetName'],
    ['a script element', 'x<script>alert(1)</script>', 'a budget name contains no <script>...</script> element', 'remove the script element from budgetName'],
    ['a script element in capitals', '<SCRIPT>x</Script>', 'a budget name contains no <script>...</script> element', 'remove the script element from budgetName'],
  ])('a budget name with %s', (_, budgetName, rule, fix) => {
    expect(() => budget({ limit: fixed, budgetName })).toThrow(refusal('Stack/Budget', '".*"', rule, fix));
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Budget.html
  // "The name of a budget. The name must be unique within an account."
  test('two budgets of one name in one account, in two stacks of the app', () => {
    const app = new App();
    budget({ limit: fixed, budgetName: 'shared' }, newStack(app, 'One'));
    expect(() => budget({ limit: fixed, budgetName: 'shared' }, newStack(app, 'Two'))).toThrow(
      refusal('Two/Budget', '"shared"', 'budget names are unique in an account, and the budget One/Budget has this name in the same account',
        'give one of the budgets another budgetName, or deploy them to different accounts'),
    );
  });

  test('an organization list naming one account twice', () => {
    expect(() => organization({ budgets: [{ accountId: '222222222222', amount: 1 }, { accountId: '222222222222', amount: 2 }] })).toThrow(
      refusal('Stack/Org', '"Org-222222222222"', 'budget names are unique in an account', 'list each account or cost category value once, or give the entries distinct budgetName values'),
    );
  });

  test('an organization budget name prefix that makes names too long', () => {
    expect(() => organization({ budgetNamePrefix: 'p'.repeat(90), budgets: [{ accountId: '222222222222', amount: 1 }] })).toThrow(
      refusal('Stack/Org', '"p{90}-222222222222"', 'a budget name is 1-100 characters \\(this one has 103\\)', 'shorten budgets\\[0\\]\\.budgetName \\(or budgetNamePrefix\\)'),
    );
  });

  // Not an AWS rule but the library's shape: budgetsPerStack splits the budgets into nested stacks (within the
  // template resource quota of src/core/limits/cloudformation.ts), which is decided at synth and cannot wait for deploy time.
  test('a budgetsPerStack known only at deploy time', () => {
    const stack = newStack();
    const perStack = new CfnParameter(stack, 'PerStack', { type: 'Number' }).valueAsNumber;
    expect(() => organization({ budgetsPerStack: perStack, budgets: [{ accountId: '222222222222', amount: 1 }] }, stack)).toThrow(
      refusal('Stack/Org', '"budgetsPerStack known only at deploy time"', 'budgetsPerStack decides at synth how the budgets are split into nested stacks, so it cannot be a value known only at deploy time',
        'write budgetsPerStack as a number, or omit it'),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_ScpActionDefinition.html
  // PolicyId "Pattern: ^p-[0-9a-zA-Z_]{8,128}$"; TargetIds "Pattern: ^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$)|(\d{12})"
  test.each([
    ['a policy ID too short', scp('p-1234567', ['222222222222']), '"p-1234567"', 'an SCP policy ID matches \\^p-\\[0-9a-zA-Z_\\]\\{8,128\\}\\$', 'use the ID of the service control policy, e\\.g\\. p-examplepolicyid111'],
    ['a policy ID without p-', scp('examplepolicyid111', ['222222222222']), '"examplepolicyid111"', 'an SCP policy ID matches .*', 'use the ID .*'],
    ['a root as target', scp('p-examplepolicyid111', ['r-ab12']), '"r-ab12"', 'an SCP budget action targets accounts or organizational units; a root is not a valid target',
      'list the organizational units or accounts under the root instead'],
    ['an 11-digit account', scp('p-examplepolicyid111', ['22222222222']), '"22222222222"',
      'an SCP budget action target is a 12-digit account ID or an organizational unit ID \\(ou-xxxx-xxxxxxxx\\)', 'correct the target ID'],
    ['an OU ID in capitals', scp('p-examplepolicyid111', ['ou-AB12-CDEF3456']), '"ou-AB12-CDEF3456"', 'an SCP budget action target is .*', 'correct the target ID'],
  ])('an SCP action with %s', (_, props, value, rule, fix) => {
    expect(() => budget(props)).toThrow(refusal('Stack/Budget', value, rule, fix));
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_DescribeBudgetAction.html
  // AccountId: "It's a 12-digit number." "Pattern: \d{12}"
  test('a linked account in a budget filter that is not 12 digits', () => {
    expect(() => budget({ limit: fixed, costFilter: CostFilter.linkedAccounts(['12345']) })).toThrow(
      refusal('Stack/Budget', '"12345"', 'an account ID is 12 digits', 'correct the account ID of the cost filter'),
    );
  });

  test('an organization entry whose account is not 12 digits', () => {
    expect(() => organization({ budgets: [{ accountId: '2222-2222-2222', amount: 1 }] })).toThrow(
      refusal('Stack/Org', '"2222-2222-2222"', 'budget entry 0: an AWS account ID is 12 digits', 'use the 12-digit ID of a member account'),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Subscriber.html
  // "The subscriber consists of a subscription type and either an Amazon SNS topic or an email address."
  // "the value of Address can't contain line breaks"
  test.each(['finops-at-example.com', 'finops@example.com\nsecond@example.com'])('an email subscriber that is not an email address (%j)', (address) => {
    expect(() => budget({ limit: fixed, alertEmails: [address] })).toThrow(
      refusal('Stack/Budget', '".*"', 'an email subscriber is an email address \\(name@domain\\.tld\\)', 'correct the address'),
    );
  });

  // https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_Notification.html
  // "A notification can have one SNS subscriber and up to 10 email subscribers."
  test('11 email subscribers', () => {
    const emails = Array.from({ length: 11 }, (_, index) => `team${index}@example.com`);
    expect(() => budget({ limit: fixed, alertEmails: emails })).toThrow(
      refusal('Stack/Budget', '\\[.*… \\(\\d+ characters\\)', 'a notification has at most 1 SNS and 10 email subscribers \\(got 11 emails\\)', 'send to a mailing list, or subscribe the extra addresses to the alert topic'),
    );
  });

  // "A budget can have up to ten notifications." (same page)
  test('11 notifications', () => {
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110] }] })).toThrow(
      refusal('Stack/Budget', '"11 notifications .*"', 'a budget has at most 10 notifications \\(one per threshold\\)', 'drop thresholds, or split the budget'),
    );
  });

  // https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-sns-policy.html: the topic policy and
  // key policy must let budgets.amazonaws.com publish; the AWS-managed alias/aws/sns key policy cannot be changed.
  test.each([
    ['an alias', (stack: Stack) => kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sns')],
    ['its ARN', (stack: Stack) => kms.Key.fromKeyArn(stack, 'Managed', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sns`)],
  ])('an alert topic encrypted with the AWS-managed alias/aws/sns key, given as %s', (_, managedKey) => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Topic', { masterKey: managedKey(stack) });
    expect(() => budget({ limit: fixed, alertTopic: topic }, stack)).toThrow(
      refusal('Stack/Budget', '"alertTopic encrypted with alias/aws/sns"', '.*the policy of the AWS-managed key alias/aws/sns cannot be changed',
        'encrypt the topic with a customer-managed KMS key \\(or omit the topic: a new one gets such a key\\)'),
    );
  });

  test('an imported topic whose key is alias/aws/sns', () => {
    const stack = newStack();
    const topic = sns.Topic.fromTopicAttributes(stack, 'Topic', { topicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:alerts`, keyArn: `arn:aws:kms:us-east-1:${ACCOUNT}:alias/aws/sns` });
    expect(() => budget({ limit: fixed, alertTopic: topic }, stack)).toThrow(/^Stack\/Budget: "alertTopic encrypted with alias\/aws\/sns" breaks the rule/);
  });

  test('an AlertTopic on the AWS-managed key', () => {
    const stack = newStack();
    expect(() => new AlertTopic(stack, 'Alerts', { publishers: [AlertPublisher.BUDGETS], encryptionKey: kms.Alias.fromAliasName(stack, 'Managed', 'alias/aws/sns') })).toThrow(
      /^Stack\/Alerts: "encryptionKey encrypted with alias\/aws\/sns" breaks the rule/,
    );
  });

  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-budgets-budget-budgetdata.html
  // PlannedBudgetLimits is a map keyed by each period's start time: a key cannot be a CloudFormation function.
  test('a planned period whose start date is a token', () => {
    const stack = newStack();
    const start = new CfnParameter(stack, 'Start').valueAsString;
    expect(() => budget({ limit: BudgetLimit.planned([{ startDate: start, amount: 10 }]) }, stack)).toThrow(
      refusal('Stack/Budget', '"a planned startDate known only at deploy time"', 'a planned period\'s start date is a key of PlannedBudgetLimits \\(epoch seconds\\), which CloudFormation takes only as a literal',
        'write the start dates as YYYY-MM-DD literals \\(amounts may be tokens\\), or use BudgetLimit\\.fixedAmount'),
    );
  });
});

describe('valid budgets synthesize, tokens of every kind included', () => {
  test('the boundaries: a 100-character name, 10 notifications, 10 emails, the largest percentage threshold', () => {
    const stack = newStack();
    budget({
      budgetName: 'b'.repeat(100),
      limit: fixed,
      alerts: [{ thresholds: [10, 20, 30, 40, 50, 60, 70, 80, 90, 1_000_000] }],
      alertEmails: Array.from({ length: 10 }, (_, index) => `team${index}@example.com`),
    }, stack);
    Template.fromStack(stack).resourceCountIs('AWS::Budgets::Budget', 1);
  });

  test('one budget name in two accounts, and in two environment-agnostic stacks', () => {
    const app = new App();
    budget({ limit: fixed, budgetName: 'shared' }, newStack(app, 'One', '111111111111'));
    budget({ limit: fixed, budgetName: 'shared' }, newStack(app, 'Two', '222222222222'));
    budget({ limit: fixed, budgetName: 'shared' }, newStack(app, 'Three', null));
    budget({ limit: fixed, budgetName: 'shared' }, newStack(app, 'Four', null));
    expect(() => app.synth()).not.toThrow();
  });

  test('string and number tokens: name, dates, limit, threshold, SCP policy ID', () => {
    const stack = newStack();
    const text = (id: string) => new CfnParameter(stack, id).valueAsString;
    const amount = new CfnParameter(stack, 'Amount', { type: 'Number' }).valueAsNumber;
    budget({
      budgetName: text('Name'),
      limit: BudgetLimit.fixedAmount(amount),
      alerts: [{ thresholds: [amount], thresholdType: ThresholdType.ABSOLUTE_VALUE }],
      startDate: text('Start'),
      endDate: text('End'),
      actions: [{ threshold: amount, definition: BudgetActionDefinition.applyScp({ policyId: text('Policy'), targetIds: [text('Target')] }) }],
    }, stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: { BudgetName: { Ref: 'Name' }, BudgetLimit: { Amount: { Ref: 'Amount' } }, TimePeriod: { Start: { Ref: 'Start' }, End: { Ref: 'End' } } },
    });
  });

  test('list tokens: a CommaDelimitedList of emails becomes one email subscriber per address at deploy time', () => {
    const stack = newStack();
    const emails = new CfnParameter(stack, 'Emails', { type: 'CommaDelimitedList' });
    budget({ limit: fixed, alerts: [{ thresholds: [80] }], alertEmails: emails.valueAsList }, stack);
    const template = Template.fromStack(stack).toJSON();
    const [budgetId] = Object.keys(Template.fromStack(stack).findResources('AWS::Budgets::Budget'));
    const subscribersFor = (addresses: string[]) =>
      deployedProperties(template, budgetId, { Emails: addresses }).NotificationsWithSubscribers[0].Subscribers.slice(1);
    expect(subscribersFor(['a@example.com', 'b@example.com'])).toEqual([
      { SubscriptionType: 'EMAIL', Address: 'a@example.com' },
      { SubscriptionType: 'EMAIL', Address: 'b@example.com' },
    ]);
    expect(subscribersFor([''])).toEqual([]);
    // Eleven addresses reach AWS as eleven subscribers, which AWS refuses: nothing is silently dropped.
    expect(subscribersFor(Array.from({ length: 11 }, (_, index) => `t${index}@example.com`))).toHaveLength(11);
  });

  test('list tokens: Fn.split emails, linked accounts, SCP targets and instance IDs', () => {
    const stack = newStack();
    const list = (id: string) => new CfnParameter(stack, id, { type: 'CommaDelimitedList' }).valueAsList;
    budget({
      limit: fixed,
      alertEmails: Fn.split(',', new CfnParameter(stack, 'EmailText').valueAsString),
      costFilter: CostFilter.linkedAccounts(list('Accounts')),
      actions: [
        { threshold: 90, definition: BudgetActionDefinition.applyScp({ policyId: 'p-examplepolicyid111', targetIds: list('Targets') }) },
        { threshold: 95, definition: BudgetActionDefinition.stopEc2Instances({ instanceIds: list('Instances') }) },
      ],
    }, stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Budgets::Budget', { Budget: { CostFilters: { LinkedAccount: { Ref: 'Accounts' } } } });
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', { Definition: { ScpActionDefinition: { TargetIds: { Ref: 'Targets' } } } });
    template.hasResourceProperties('AWS::Budgets::BudgetsAction', { Definition: { SsmActionDefinition: { InstanceIds: { Ref: 'Instances' } } } });
    const [policyId] = Object.keys(template.findResources('AWS::IAM::Policy'));
    const deployed = deployedProperties(template.toJSON(), policyId, {
      'Targets': ['222222222222', 'ou-ab12-cdef3456'],
      'Instances': ['i-0123456789abcdef0'],
      'AWS::Partition': 'aws',
    });
    const resources = deployed.PolicyDocument.Statement.flatMap((statement: any) => [statement.Resource].flat());
    expect(resources).toEqual(expect.arrayContaining([
      `arn:*:organizations::${ACCOUNT}:account/o-*/222222222222`,
      `arn:*:organizations::${ACCOUNT}:account/o-*/ou-ab12-cdef3456`,
      `arn:*:organizations::${ACCOUNT}:ou/o-*/222222222222`,
      `arn:*:organizations::${ACCOUNT}:ou/o-*/ou-ab12-cdef3456`,
      `arn:*:ec2:us-east-1:${ACCOUNT}:instance/i-0123456789abcdef0`,
    ]));
  });

  test('a partial linked account match (STARTS_WITH) is not an account ID', () => {
    const stack = newStack();
    budget({ limit: fixed, costFilter: CostFilter.dimension(CostDimension.LINKED_ACCOUNT, ['1111'], [MatchOption.STARTS_WITH]) }, stack);
    Template.fromStack(stack).resourceCountIs('AWS::Budgets::Budget', 1);
  });

  test('SCP boundaries: the AWS-managed policy ID form, an account and a long OU ID', () => {
    const stack = newStack();
    budget(scp('p-FullAWSAccess', ['222222222222', `ou-${'a'.repeat(32)}-${'b'.repeat(32)}`]), stack);
    Template.fromStack(stack).resourceCountIs('AWS::Budgets::BudgetsAction', 1);
  });

  test('OrganizationBudgets: a token account ID, a number token amount and a list token of emails', () => {
    const stack = newStack();
    const org = organization({
      budgets: [
        { accountId: new CfnParameter(stack, 'Account').valueAsString, amount: new CfnParameter(stack, 'Amount', { type: 'Number' }).valueAsNumber },
        { accountId: '222222222222', amount: 100 },
      ],
      alertEmails: new CfnParameter(stack, 'Emails', { type: 'CommaDelimitedList' }).valueAsList,
    }, stack);
    // The list reaches the nested stack as one string, read there as a CommaDelimitedList again.
    const parent = Template.fromStack(stack);
    const [nestedId] = Object.keys(parent.findResources('AWS::CloudFormation::Stack'));
    const passed = deployedProperties(parent.toJSON(), nestedId, { Emails: ['a@example.com', 'b@example.com'] }).Parameters.EmailList1;
    expect(passed).toBe('a@example.com,b@example.com');
    const nested = Template.fromStack(org.stacks[0]);
    expect(nested.toJSON().Parameters.EmailList1).toEqual({ Type: 'CommaDelimitedList' });
    const budgetIds = Object.keys(nested.findResources('AWS::Budgets::Budget'));
    expect(budgetIds).toHaveLength(2);
    const deployed = deployedProperties(nested.toJSON(), budgetIds[0], { EmailList1: passed.split(',') });
    expect(deployed.NotificationsWithSubscribers[0].Subscribers.slice(1)).toEqual([
      { SubscriptionType: 'EMAIL', Address: 'a@example.com' },
      { SubscriptionType: 'EMAIL', Address: 'b@example.com' },
    ]);
  });

  test('OrganizationBudgets: a list token of emails on one alert reaches the nested stacks too', () => {
    const stack = newStack();
    const org = organization({
      budgets: [{ accountId: '222222222222', amount: 100 }],
      alerts: [{ thresholds: [100], emails: new CfnParameter(stack, 'Oncall', { type: 'CommaDelimitedList' }).valueAsList }],
    }, stack);
    const parent = Template.fromStack(stack);
    const [nestedId] = Object.keys(parent.findResources('AWS::CloudFormation::Stack'));
    const passed = deployedProperties(parent.toJSON(), nestedId, { Oncall: ['oncall@example.com'] }).Parameters.EmailList1;
    const nested = Template.fromStack(org.stacks[0]);
    const [budgetId] = Object.keys(nested.findResources('AWS::Budgets::Budget'));
    expect(deployedProperties(nested.toJSON(), budgetId, { EmailList1: passed.split(',') }).NotificationsWithSubscribers[0].Subscribers.slice(1)).toEqual([
      { SubscriptionType: 'EMAIL', Address: 'oncall@example.com' },
    ]);
  });

  test('OrganizationBudgets: a long construct id still gives names of at most 100 characters without ":"', () => {
    const stack = newStack();
    const org = new OrganizationBudgets(stack, `Team:${'x'.repeat(120)}`, { budgets: [{ accountId: '222222222222', amount: 1 }] });
    const name = org.budgets[0].node.id;
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).not.toContain(':');
    expect(name.endsWith('-222222222222')).toBe(true);
  });
});
