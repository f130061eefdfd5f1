import { App, Stack } from 'aws-cdk-lib';
import { CfnBudget } from 'aws-cdk-lib/aws-budgets';
import { CfnAnomalyMonitor, CfnCostCategory } from 'aws-cdk-lib/aws-ce';
import { CostAnomalyMonitor, CostCategoryOrg, CostCategoryRule, CostFilter, OrganizationBudgets } from '../../src';
import { MAX_CUSTOM_MONITORS_PER_ACCOUNT } from '../../src/core/limits/anomaly';
import { BUDGETS_PER_ACCOUNT } from '../../src/core/limits/budgets';
import { COST_CATEGORIES_PER_ACCOUNT } from '../../src/core/limits/cost-categories';

// Quotas AWS sets per account, counted over every stack of an app: each stack alone is within them.

function stackIn(app: App, id: string, account?: string): Stack {
  return new Stack(app, id, account === undefined ? {} : { env: { account, region: 'us-east-1' } });
}

/** Plain L1 budgets, cheap to declare by the thousand: the quota counts every budget of the account, the library's or not. */
function l1Budgets(stack: Stack, count: number): void {
  for (let index = 0; index < count; index++) {
    new CfnBudget(stack, `Budget${index}`, { budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 1, unit: 'USD' } } });
  }
}

function categories(stack: Stack, count: number): void {
  for (let index = 0; index < count; index++) {
    new CfnCostCategory(stack, `Category${index}`, { name: `category-${index}`, ruleVersion: 'CostCategoryExpression.v1', rules: '[]' });
  }
}

function organizationOfTwo(stack: Stack): OrganizationBudgets {
  return new OrganizationBudgets(stack, 'Accounts', { budgets: [{ accountId: '222222222222', amount: 10 }, { accountId: '333333333333', amount: 10 }] });
}

describe('budgets per account', () => {
  test('an OrganizationBudgets (its budgets in nested stacks) and another stack of the same payer account together pass 20,000: the app validation fails', () => {
    const app = new App();
    organizationOfTwo(stackIn(app, 'Organization', '111111111111'));
    l1Budgets(stackIn(app, 'Teams', '111111111111'), BUDGETS_PER_ACCOUNT - 1);
    expect(app.node.validate()).toEqual([expect.stringContaining(
      'Organization, Teams (account 111111111111): 20001 breaks the rule: an account holds at most 20,000 budgets (AWS Budgets quota), counted over every stack of the app deployed to it.',
    )]);
  });
});

describe('cost categories per account', () => {
  test('51 cost categories over two stacks of one management account fail the synth', () => {
    const app = new App();
    new CostCategoryOrg(stackIn(app, 'Chargeback', '111111111111'), 'BusinessUnit', {
      costCategoryName: 'business-unit',
      rules: [CostCategoryRule.value('Platform', CostFilter.linkedAccounts(['222222222222']))],
    });
    categories(stackIn(app, 'Reporting', '111111111111'), COST_CATEGORIES_PER_ACCOUNT);
    expect(() => app.synth()).toThrow(
      'Chargeback, Reporting (account 111111111111): 51 breaks the rule: a management account holds at most 50 cost categories, counted over every stack of the app deployed to it. '
      + 'Fix: fold categories together (one category holds up to 500 rules), or remove unused ones.',
    );
  });
});

describe('stacks whose account is known only at deploy', () => {
  test('are counted apart: each may go to another account', () => {
    const app = new App();
    new CostCategoryOrg(stackIn(app, 'AnyAccount'), 'BusinessUnit', {
      costCategoryName: 'business-unit',
      rules: [CostCategoryRule.value('Platform', CostFilter.linkedAccounts(['222222222222']))],
    });
    categories(stackIn(app, 'AnyAccountToo'), COST_CATEGORIES_PER_ACCOUNT);
    expect(app.node.validate()).toEqual([]);
  });
});

describe('custom anomaly monitors per account', () => {
  test('more than 500 custom monitors in one account fail', () => {
    const app = new App();
    const stack = stackIn(app, 'Teams', '111111111111');
    new CostAnomalyMonitor(stack, 'Team', { costFilter: CostFilter.tag('team', ['data']) });
    for (let index = 0; index < MAX_CUSTOM_MONITORS_PER_ACCOUNT; index++) {
      new CfnAnomalyMonitor(stack, `Monitor${index}`, {
        monitorName: `team-${index}`,
        monitorType: 'CUSTOM',
        monitorSpecification: JSON.stringify({ Tags: { Key: 'team', Values: [`team-${index}`] } }),
      });
    }
    expect(app.node.validate()).toEqual([expect.stringMatching(/^Teams \(account 111111111111\): 501 breaks the rule: an account holds at most 500 custom anomaly monitors/)]);
  });
});
