import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import {
  BudgetActionDefinition,
  BudgetLimit,
  BudgetPeriod,
  BudgetType,
  CostFilter,
  FinOpsBudget,
  FinOpsBudgetProps,
  ThresholdType,
} from '../../src';

function budget(props: FinOpsBudgetProps): FinOpsBudget {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  return new FinOpsBudget(stack, 'Budget', props);
}

const fixed = BudgetLimit.fixedAmount(1000);

describe('FinOpsBudget fails at synth on', () => {
  test('a name over 100 characters', () => {
    expect(() => budget({ limit: fixed, budgetName: 'b'.repeat(101) })).toThrow(
      /^Stack\/Budget: "b{101}" breaks the rule: a budget name is 1-100 characters \(this one has 101\)\. Fix: shorten budgetName\.$/,
    );
  });

  test.each(['team:a', 'team\\a', 'x/action/y'])('a name with forbidden characters (%s)', (budgetName) => {
    expect(() => budget({ limit: fixed, budgetName })).toThrow(/a budget name contains no ":" or "\\" and not "\/action\/"\. Fix: remove those characters from budgetName\.$/);
  });

  test('a COST budget without a limit', () => {
    expect(() => budget({})).toThrow(/Stack\/Budget: nothing breaks the rule: a COST budget needs a limit\. Fix: set limit, e\.g\. BudgetLimit\.fixedAmount\(1000\)/);
  });

  test('a limit that is not positive', () => {
    expect(() => budget({ limit: BudgetLimit.fixedAmount(0) })).toThrow(/0 breaks the rule: the limit of a budget is a positive amount/);
  });

  test('an RI or Savings Plans budget with a limit other than 100', () => {
    expect(() => budget({ budgetType: BudgetType.SAVINGS_PLANS_COVERAGE, limit: BudgetLimit.fixedAmount(80) })).toThrow(
      /80 breaks the rule: SAVINGS_PLANS_COVERAGE budgets take 100 \(percent\) as their only limit\. Fix: omit limit/,
    );
  });

  test('an RI budget with planned limits', () => {
    expect(() => budget({ budgetType: BudgetType.RI_UTILIZATION, limit: BudgetLimit.planned([{ startDate: '2027-01-01', amount: 5 }]) })).toThrow(
      /"BudgetLimit.planned" breaks the rule: RI_UTILIZATION budgets take 100/,
    );
  });

  test('cost types on a usage budget', () => {
    expect(() => budget({ budgetType: BudgetType.USAGE, limit: BudgetLimit.fixedAmount(500, 'Hrs'), costTypes: { includeTax: false } })).toThrow(
      /only COST budgets have cost types \(this is USAGE\)/,
    );
  });

  test('a DAILY period on a COST budget', () => {
    expect(() => budget({ limit: fixed, period: BudgetPeriod.DAILY })).toThrow(
      /"COST budget with period DAILY" breaks the rule: the DAILY period is available only for RI_UTILIZATION and RI_COVERAGE budgets/,
    );
  });

  test('planned limits on an annual budget', () => {
    expect(() => budget({ period: BudgetPeriod.ANNUALLY, limit: BudgetLimit.planned([{ startDate: '2027-01-01', amount: 5 }]) })).toThrow(
      /planned limits are for MONTHLY or QUARTERLY budgets/,
    );
  });

  test('more than 4 planned quarters', () => {
    const quarters = ['2027-01-01', '2027-04-01', '2027-07-01', '2027-10-01', '2028-01-01'].map((startDate) => ({ startDate, amount: 100 }));
    expect(() => budget({ period: BudgetPeriod.QUARTERLY, limit: BudgetLimit.planned(quarters) })).toThrow(
      /"5 planned periods" breaks the rule: a QUARTERLY budget plans 1-4 periods/,
    );
  });

  test('a planned period that does not start a quarter', () => {
    expect(() => budget({ period: BudgetPeriod.QUARTERLY, limit: BudgetLimit.planned([{ startDate: '2027-02-01', amount: 1 }]) })).toThrow(
      /"2027-02-01" breaks the rule: a planned period starts on the first day of a calendar quarter/,
    );
  });

  test('a planned period listed twice', () => {
    const periods = [{ startDate: '2027-01-01', amount: 1 }, { startDate: '2027-01-01', amount: 2 }];
    expect(() => budget({ limit: BudgetLimit.planned(periods) })).toThrow(/"2027-01-01" breaks the rule: each planned period appears once/);
  });

  test('an auto-adjust look-back beyond the period maximum', () => {
    expect(() => budget({ period: BudgetPeriod.QUARTERLY, limit: BudgetLimit.autoAdjustHistorical(5) })).toThrow(
      /5 breaks the rule: a QUARTERLY auto-adjusting budget looks back 1-4 periods\. Fix: use BudgetLimit\.autoAdjustHistorical\(n\) with 1 <= n <= 4/,
    );
    expect(() => budget({ limit: BudgetLimit.autoAdjustHistorical(0) })).toThrow(/0 breaks the rule: a MONTHLY auto-adjusting budget looks back 1-12 periods/);
  });

  test('an auto-adjusting usage budget', () => {
    expect(() => budget({ budgetType: BudgetType.USAGE, limit: BudgetLimit.autoAdjustForecast() })).toThrow(/auto-adjusting budgets are COST budgets/);
  });

  test('more than 10 notifications', () => {
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110] }] })).toThrow(
      /breaks the rule: a budget has at most 10 notifications \(one per threshold\)/,
    );
  });

  test('more than 10 email subscribers on a notification', () => {
    const emails = Array.from({ length: 11 }, (_, index) => `person${index}@example.com`);
    expect(() => budget({ limit: fixed, alertEmails: emails })).toThrow(/a notification has at most 1 SNS and 10 email subscribers \(got 11 emails\)/);
  });

  test('an email subscriber that is not an email address', () => {
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [80], emails: ['finops at example.com'] }] })).toThrow(
      /"finops at example\.com" breaks the rule: an email subscriber is an email address/,
    );
  });

  test('a percentage threshold out of range', () => {
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [-5] }] })).toThrow(/-5 breaks the rule: a percentage threshold is between 0 and 1000000/);
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [2_000_000] }] })).toThrow(/2000000 breaks the rule: a percentage threshold/);
  });

  test('an absolute threshold out of range', () => {
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [2e13], thresholdType: ThresholdType.ABSOLUTE_VALUE }] })).toThrow(
      /breaks the rule: a absolute threshold is between 0 and 15000000000000/,
    );
  });

  test('the same threshold twice', () => {
    expect(() => budget({ limit: fixed, alerts: [{ thresholds: [80] }, { thresholds: [80, 90] }] })).toThrow(
      /"ACTUAL GREATER_THAN 80 PERCENTAGE" breaks the rule: a budget has each notification \(type, comparison, threshold\) once/,
    );
  });

  test('a malformed or inverted date range', () => {
    expect(() => budget({ limit: fixed, startDate: '2027/01/01' })).toThrow(/"2027\/01\/01" breaks the rule: budget dates are written YYYY-MM-DD/);
    expect(() => budget({ limit: fixed, startDate: '2027-06-01', endDate: '2027-01-01' })).toThrow(/"2027-06-01 to 2027-01-01" breaks the rule: a budget starts before it ends/);
  });

  test('a cost filter that combines fewer than two filters', () => {
    expect(() => budget({ limit: fixed, costFilter: CostFilter.allOf(CostFilter.regions(['eu-west-1'])) })).toThrow(
      /"allOf\(\) of 1 filter\(s\)" breaks the rule: a cost filter allOf\(\) combines at least 2 filters\. Fix: use the single filter on its own/,
    );
  });

  test('a cost filter without values', () => {
    expect(() => budget({ limit: fixed, costFilter: CostFilter.services([]) })).toThrow(/"Dimensions SERVICE with no values" breaks the rule: a cost filter matches at least one value/);
  });

  test('a budget action without targets', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    const policy = new iam.ManagedPolicy(stack, 'Deny', { statements: [new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['ec2:RunInstances'], resources: ['*'] })] });
    const target = new FinOpsBudget(stack, 'Budget', { limit: fixed });
    expect(() => target.addAction('Deny', { definition: BudgetActionDefinition.applyIamPolicy({ policy }), threshold: 100 })).toThrow(
      /breaks the rule: budget action Deny names 1-100 roles, groups and users \(got 0\)/,
    );
  });

  test('a budget action with more than 100 instances', () => {
    const instanceIds = Array.from({ length: 101 }, (_, index) => `i-${String(index).padStart(17, '0')}`);
    const stopTooMany = { definition: BudgetActionDefinition.stopEc2Instances({ instanceIds }), threshold: 100 };
    expect(() => budget({ limit: fixed, actions: [stopTooMany] })).toThrow(
      /budget action Action1 names 1-100 instance IDs \(got 101\)/,
    );
  });

  test('a budget action threshold out of range', () => {
    expect(() => budget({ limit: fixed, actions: [{ definition: BudgetActionDefinition.applyScp({ policyId: 'p-12345678', targetIds: ['222222222222'] }), threshold: -1 }] })).toThrow(
      /-1 breaks the rule: a budget action threshold is between 0 and 15000000000000/,
    );
  });

  test('a budget action at 2,000,000% is accepted: ActionThreshold has one range, 0 to 15e12, for both types', () => {
    expect(() => budget({ limit: fixed, actions: [{ definition: BudgetActionDefinition.applyScp({ policyId: 'p-12345678', targetIds: ['222222222222'] }), threshold: 2_000_000 }] }))
      .not.toThrow();
  });

  test('an alert tier that starts at zero', () => {
    expect(() => budget({ limit: fixed, alertHandler: { tiers: [{ name: 'all', minUtilization: 0 }] } })).toThrow(
      /0 breaks the rule: alert tier "all" starts at a utilization above 0 percent/,
    );
  });
});

describe('FinOpsBudget accepts', () => {
  test('deploy-time tokens without checking them', () => {
    const stack = new Stack(new App(), 'Stack');
    expect(() => new FinOpsBudget(stack, 'Budget', { limit: fixed, budgetName: `${stack.stackName}-budget` })).not.toThrow();
  });

  test('an RI utilization budget without a limit, alerting below the target', () => {
    expect(() => budget({ budgetType: BudgetType.RI_UTILIZATION, period: BudgetPeriod.DAILY, alerts: [{ thresholds: [80] }] })).not.toThrow();
  });
});
