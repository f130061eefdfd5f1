import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BudgetLimit, CostCategoryOrg, FinOpsBudget, ICostCategory } from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

describe('imported cost categories', () => {
  test('a category imported by name filters budgets on any of its values', () => {
    const stack = newStack();
    const category: ICostCategory = CostCategoryOrg.fromCostCategoryName(stack, 'BusinessUnit', 'business-unit');
    new FinOpsBudget(stack, 'Budget', { limit: BudgetLimit.fixedAmount(100), costFilter: category.filterFor('Production') });
    const [budget] = Object.values(Template.fromStack(stack).findResources('AWS::Budgets::Budget')) as any[];
    expect(budget.Properties.Budget.FilterExpression).toEqual({ CostCategories: { Key: 'business-unit', Values: ['Production'] } });
  });

  test('an imported name keeps the rules of cost category names', () => {
    const stack = newStack();
    expect(() => CostCategoryOrg.fromCostCategoryName(stack, 'Bad', ' business unit')).toThrow(
      /Stack\/Bad: .*breaks the rule: .*leading or trailing space/,
    );
  });

  test('a value longer than 50 characters is refused', () => {
    const stack = newStack();
    const category = CostCategoryOrg.fromCostCategoryName(stack, 'BusinessUnit', 'business-unit');
    expect(() => category.filterFor('x'.repeat(51))).toThrow(/Stack\/BusinessUnit: .*breaks the rule: a cost category value .*50/);
  });
});
