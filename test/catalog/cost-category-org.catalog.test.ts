import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { catalog, catalogStack, deployTime } from './catalog';
import { BudgetLimit, CostAnomalyMonitor, CostCategoryOrg, CostCategoryOrgProps, CostCategoryRule, CostFilter, FinOpsBudget, SplitChargeRule } from '../../src';

const CATEGORY_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryReference.html';
const CREATE_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CreateCostCategoryDefinition.html';
const RULE_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategoryRule.html';
const SPLIT_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategorySplitChargeRule.html';
const PERCENT_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategorySplitChargeRuleParameter.html';
const UNIQUE_PAGE = 'https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_CostCategory.html';
const ACCOUNT_PAGE = 'https://docs.aws.amazon.com/sdk-for-kotlin/api/latest/organizations/aws.sdk.kotlin.services.organizations.model/-describe-account-request/-builder/account-id.html';

const accountsByValue = { Production: ['222222222222'], Development: ['333333333333'], Shared: ['444444444444'] };

function category(stack: Stack, props: Partial<CostCategoryOrgProps>, id = 'Category'): CostCategoryOrg {
  return new CostCategoryOrg(stack, id, { costCategoryName: 'business-unit', accountsByValue, ...props });
}

const manyValues = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, index) => [`unit-${index}`, [String(100000000000 + index)]]));

catalog('CostCategoryOrg', {
  invalid: [
    { name: 'name of 51 characters', source: CATEGORY_PAGE, build: (s) => category(s, { costCategoryName: 'n'.repeat(51) }), path: 'Stack/Category', value: '"nnn', rule: /a cost category name is 1-50 characters/ },
    { name: 'name with "/"', source: CATEGORY_PAGE, build: (s) => category(s, { costCategoryName: 'business/unit' }), path: 'Stack/Category', value: '"business/unit"', rule: /holds only letters, numbers, spaces, "-" and "_" \(not "\/"\)/ },
    { name: 'name with a trailing space', source: CATEGORY_PAGE, build: (s) => category(s, { costCategoryName: 'business-unit ' }), path: 'Stack/Category', value: '"business-unit "', rule: /no leading or trailing spaces/ },
    { name: 'default value with "."', source: CREATE_PAGE, build: (s) => category(s, { defaultValue: 'n.a.' }), path: 'Stack/Category', value: '"n.a."', rule: /a cost category default value holds only letters/ },
    { name: 'default value of 51 characters', source: CREATE_PAGE, build: (s) => category(s, { defaultValue: 'd'.repeat(51) }), path: 'Stack/Category', value: '"ddd', rule: /default value is 1-50 characters/ },
    { name: 'no rule', source: CREATE_PAGE, build: (s) => category(s, { accountsByValue: {} }), path: 'Stack/Category', value: '"0 rules"', rule: /at least 1 rule/ },
    { name: '501 rules, said in a short message', source: CREATE_PAGE, build: (s) => category(s, { accountsByValue: manyValues(501) }), path: 'Stack/Category', value: '"501 rules"', rule: /at most 500 rules/ },
    {
      name: 'a rule on the SERVICE dimension',
      source: RULE_PAGE,
      build: (s) => category(s, { rules: [CostCategoryRule.value('Compute', CostFilter.services(['Amazon Elastic Compute Cloud - Compute']))] }),
      path: 'Stack/Category',
      value: '"SERVICE"',
      rule: /cost category rules match only the dimensions/,
    },
    { name: 'an 11-digit account', source: ACCOUNT_PAGE, build: (s) => category(s, { accountsByValue: { Production: ['22222222222'] } }), path: 'Stack/Category', value: '"22222222222"', rule: /an account ID is 12 digits/ },
    {
      name: 'a split charge to a value the category does not define',
      source: SPLIT_PAGE,
      build: (s) => category(s, { splitChargeRules: [SplitChargeRule.even('Shared', ['Staging'])] }),
      path: 'Stack/Category',
      value: '"Staging"',
      rule: /splits and receives values that the cost category defines/,
    },
    {
      name: 'FIXED percentages that add up to 99.99',
      source: PERCENT_PAGE,
      build: (s) => category(s, { splitChargeRules: [SplitChargeRule.fixedPercentages('Shared', [{ target: 'Production', percentage: 60 }, { target: 'Development', percentage: 39.99 }])] }),
      path: 'Stack/Category',
      value: '[60,39.99]',
      rule: /add up to exactly 100 \(these add up to 99\.99\)/,
    },
    {
      name: '11 split charge rules',
      source: CREATE_PAGE,
      build: (s) => category(s, { accountsByValue: manyValues(12), splitChargeRules: Array.from({ length: 11 }, (_, index) => SplitChargeRule.even(`unit-${index}`, ['unit-11'])) }),
      path: 'Stack/Category',
      value: '[{"Source":"unit-0"',
      rule: /at most 10 split charge rules per cost category/,
    },
    { name: 'filterFor a value the category does not assign', source: RULE_PAGE, build: (s) => category(s, {}).filterFor('Staging'), path: 'Stack/Category', value: '"Staging"', rule: /matches one of its values \("Production", "Development", "Shared"\)/ },
    {
      name: 'CostFilter.costCategory with a value the CostCategoryOrg of that name does not assign',
      source: RULE_PAGE,
      build: (s) => {
        category(s, {});
        new FinOpsBudget(s, 'Budget', { limit: BudgetLimit.fixedAmount(100), costFilter: CostFilter.costCategory('business-unit', ['Staging']) });
      },
      path: 'Stack/Budget',
      value: '"Staging"',
      rule: /a filter on cost category "business-unit" \(Stack\/Category\) matches one of its values/,
    },
    {
      name: 'two categories of one name in one account',
      source: UNIQUE_PAGE,
      build: (s) => {
        category(s, {});
        category(s, {}, 'Again');
      },
      path: 'Stack/Again',
      value: '"business-unit"',
      rule: /a cost category name is unique in its account, and Stack\/Category already names/,
    },
  ],
  valid: [
    { name: 'name of 50 characters with letters of any script, spaces, "-" and "_"', build: (s) => category(s, { costCategoryName: `Coûts équipe-A_${'x'.repeat(35)}` }) },
    { name: '500 rules', build: (s) => category(s, { accountsByValue: manyValues(500) }) },
    { name: 'string tokens: name, default value, rule value', build: (s) => category(s, { costCategoryName: deployTime.string(s, 'Name'), defaultValue: deployTime.string(s, 'DefaultValueParameter'), rules: [CostCategoryRule.accounts(deployTime.string(s, 'Value'), ['555555555555'])] }) },
    { name: 'list token accounts (CommaDelimitedList)', build: (s) => category(s, { accountsByValue: { Production: deployTime.list(s, 'Accounts') } }) },
    { name: 'list token accounts (Fn.split)', build: (s) => category(s, { accountsByValue: { Production: deployTime.split(s, 'Accounts') } }) },
    { name: 'list token tag values in a rule', build: (s) => category(s, { rules: [CostCategoryRule.value('Data', CostFilter.tag('team', deployTime.list(s, 'Teams')))] }) },
    { name: 'list token tags to activate', build: (s) => category(s, { activateTags: deployTime.list(s, 'Tags') }) },
    {
      name: 'number token FIXED percentage',
      build: (s) => category(s, { splitChargeRules: [SplitChargeRule.fixedPercentages('Shared', [{ target: 'Production', percentage: deployTime.number(s, 'Share') }, { target: 'Development', percentage: 40 }])] }),
    },
    { name: 'filterFor a value a tag will produce (inheritFromTag)', build: (s) => category(s, { rules: [CostCategoryRule.inheritFromTag('team')] }).filterFor('data-platform') },
    { name: 'filterFor an account name (inheritFromAccountName)', build: (s) => category(s, { accountsByValue: {}, rules: [CostCategoryRule.inheritFromAccountName()] }).filterFor('prod-payments') },
    { name: 'filterFor a string token', build: (s) => category(s, {}).filterFor(deployTime.string(s, 'Value')) },
    { name: 'split charge to a value an inherited rule produces', build: (s) => category(s, { rules: [CostCategoryRule.inheritFromTag('team')], splitChargeRules: [SplitChargeRule.even('Shared', ['data-platform'])] }) },
    {
      name: 'one name in two accounts',
      build: (s) => {
        category(s, {});
        category(new Stack(s.node.root, 'Other', { env: { account: '999999999999', region: 'us-east-1' } }), {});
      },
    },
    {
      name: 'CostFilter.costCategory with a STARTS_WITH match on a prefix',
      build: (s) => {
        category(s, {});
        new CostAnomalyMonitor(s, 'Monitor', { costFilter: CostFilter.costCategory('business-unit', ['Prod'], ['STARTS_WITH' as any]) });
      },
    },
  ],
});

describe('a filter on a CostCategoryOrg waits for it', () => {
  test('filterFor and CostFilter.costCategory make the budget and the monitor depend on the category', () => {
    const stack = catalogStack();
    const businessUnit = category(stack, {});
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), costFilter: businessUnit.filterFor('Production') });
    new CostAnomalyMonitor(stack, 'Monitor', { costFilter: CostFilter.costCategory('business-unit', ['Development']) });
    const template = Template.fromStack(stack);
    const categoryId = Object.keys(template.findResources('AWS::CE::CostCategory'))[0];
    for (const type of ['AWS::Budgets::Budget', 'AWS::CE::AnomalyMonitor']) {
      const [resource] = Object.values(template.findResources(type));
      expect(resource.DependsOn).toContain(categoryId);
    }
  });
});
