import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  BudgetLimit,
  CostCategoryOrg,
  CostCategoryOrgProps,
  CostCategoryRule,
  CostDimension,
  CostFilter,
  FinOpsBudget,
  SplitChargeRule,
} from '../../src';

function stackWith(props: CostCategoryOrgProps): { stack: Stack; category: CostCategoryOrg } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
  return { stack, category: new CostCategoryOrg(stack, 'BusinessUnit', props) };
}

function costCategoryOf(stack: Stack): { properties: any; rules: any[]; splitChargeRules?: any[] } {
  const [resource] = Object.values(Template.fromStack(stack).findResources('AWS::CE::CostCategory')) as any[];
  const properties = resource.Properties;
  return {
    properties,
    rules: JSON.parse(properties.Rules),
    splitChargeRules: properties.SplitChargeRules ? JSON.parse(properties.SplitChargeRules) : undefined,
  };
}

const businessUnits: CostCategoryOrgProps = {
  costCategoryName: 'business-unit',
  accountsByValue: {
    'Production': ['222222222222', '333333333333'],
    'Development': ['444444444444'],
    'Shared Services': ['555555555555'],
  },
  defaultValue: 'Unallocated',
};

describe('CostCategoryOrg', () => {
  test('maps each value of the account map to a LINKED_ACCOUNT rule, in insertion order', () => {
    const { stack } = stackWith(businessUnits);
    Template.fromStack(stack).resourceCountIs('AWS::CE::CostCategory', 1);
    const { properties, rules } = costCategoryOf(stack);
    expect(properties).toMatchObject({ Name: 'business-unit', RuleVersion: 'CostCategoryExpression.v1', DefaultValue: 'Unallocated' });
    expect(properties.SplitChargeRules).toBeUndefined();
    expect(rules).toEqual([
      { Type: 'REGULAR', Value: 'Production', Rule: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['222222222222', '333333333333'] } } },
      { Type: 'REGULAR', Value: 'Development', Rule: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['444444444444'] } } },
      { Type: 'REGULAR', Value: 'Shared Services', Rule: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['555555555555'] } } },
    ]);
  });

  test('puts filter rules and inherited-value rules after the account map, in order', () => {
    const { stack } = stackWith({
      costCategoryName: 'cost-center',
      accountsByValue: { Production: ['222222222222'] },
      rules: [
        CostCategoryRule.value('Data', CostFilter.allOf(CostFilter.tag('team', ['data']), CostFilter.dimension(CostDimension.SERVICE_CODE, ['AmazonRedshift']))),
        CostCategoryRule.value('Finance', CostFilter.costCategory('department', ['finance'])),
        CostCategoryRule.inheritFromTag('cost-center'),
        CostCategoryRule.inheritFromAccountName(),
      ],
    });
    const { properties, rules } = costCategoryOf(stack);
    expect(properties.DefaultValue).toBeUndefined();
    expect(rules.map((rule) => rule.Value ?? rule.InheritedValue.DimensionName)).toEqual(['Production', 'Data', 'Finance', 'TAG', 'LINKED_ACCOUNT_NAME']);
    expect(rules[1].Rule).toEqual({
      And: [{ Tags: { Key: 'team', Values: ['data'] } }, { Dimensions: { Key: 'SERVICE_CODE', Values: ['AmazonRedshift'] } }],
    });
    expect(rules[2].Rule).toEqual({ CostCategories: { Key: 'department', Values: ['finance'] } });
    expect(rules[3]).toEqual({ Type: 'INHERITED_VALUE', InheritedValue: { DimensionName: 'TAG', DimensionKey: 'cost-center' } });
    expect(rules[4]).toEqual({ Type: 'INHERITED_VALUE', InheritedValue: { DimensionName: 'LINKED_ACCOUNT_NAME' } });
  });

  test('renders PROPORTIONAL, EVEN and FIXED split charge rules', () => {
    const { stack } = stackWith({
      ...businessUnits,
      accountsByValue: { ...businessUnits.accountsByValue, Support: ['666666666666'], Network: ['777777777777'] },
      splitChargeRules: [
        SplitChargeRule.proportional('Shared Services', ['Production', 'Development']),
        SplitChargeRule.even('Support', ['Production', 'Development']),
        SplitChargeRule.fixedPercentages('Network', [{ target: 'Production', percentage: 33.34 }, { target: 'Development', percentage: 66.66 }]),
      ],
    });
    expect(costCategoryOf(stack).splitChargeRules).toEqual([
      { Source: 'Shared Services', Targets: ['Production', 'Development'], Method: 'PROPORTIONAL' },
      { Source: 'Support', Targets: ['Production', 'Development'], Method: 'EVEN' },
      {
        Source: 'Network',
        Targets: ['Production', 'Development'],
        Method: 'FIXED',
        Parameters: [{ Type: 'ALLOCATION_PERCENTAGES', Values: ['33.34', '66.66'] }],
      },
    ]);
  });

  test('lets an account appear under two values when overlap is allowed (the first value wins)', () => {
    const { stack } = stackWith({
      costCategoryName: 'environment',
      accountsByValue: { Production: ['222222222222'], Everything: ['222222222222', '333333333333'] },
      allowOverlappingAccounts: true,
    });
    expect(costCategoryOf(stack).rules.map((rule) => rule.Value)).toEqual(['Production', 'Everything']);
  });

  test('exposes the ARN, the name and the values, and filters budgets on a value', () => {
    const { stack, category } = stackWith(businessUnits);
    expect(stack.resolve(category.costCategoryArn)).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^BusinessUnit[0-9A-F]{8}$/), 'Arn'] });
    expect(category.costCategoryName).toBe('business-unit');
    expect(category.values).toEqual(['Production', 'Development', 'Shared Services', 'Unallocated']);

    new FinOpsBudget(stack, 'ProductionBudget', { limit: BudgetLimit.fixedAmount(50000), costFilter: category.filterFor('Production') });
    Template.fromStack(stack).hasResourceProperties('AWS::Budgets::Budget', {
      Budget: Match.objectLike({
        FilterExpression: { CostCategories: { Key: 'business-unit', Values: ['Production'] } },
      }),
    });
  });

  test('activates cost allocation tags through a custom resource with a least-privilege handler', () => {
    const { stack } = stackWith({ ...businessUnits, activateTags: ['team', 'cost-center'] });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::CostAllocationTags', { TagKeys: ['team', 'cost-center'], DeactivateOnDelete: 'false' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Timeout: 120,
      MemorySize: 256,
      Description: 'Activates cost allocation tags for Stack/BusinessUnit/CostAllocationTags',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([{ Action: 'ce:UpdateCostAllocationTagsStatus', Effect: 'Allow', Resource: '*' }]),
      },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    for (const role of Object.values(template.findResources('AWS::IAM::Role')) as any[]) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });

  test('deactivates on delete only when opted in', () => {
    const { stack } = stackWith({ ...businessUnits, activateTags: ['team'], deactivateTagsOnDelete: true });
    Template.fromStack(stack).hasResourceProperties('Custom::CostAllocationTags', { TagKeys: ['team'], DeactivateOnDelete: 'true' });
  });

  test('creates no tag activation without activateTags', () => {
    const { stack } = stackWith(businessUnits);
    Template.fromStack(stack).resourceCountIs('Custom::CostAllocationTags', 0);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 0);
  });
});

test('the deprecated SplitChargeRule.fixed, a reserved word in C#, still makes a fixedPercentages rule', () => {
  const allocations = [{ target: 'Production', percentage: 40 }, { target: 'Development', percentage: 60 }];
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  expect(SplitChargeRule.fixed('Network', allocations)._toJson()).toEqual(SplitChargeRule.fixedPercentages('Network', allocations)._toJson());
});
