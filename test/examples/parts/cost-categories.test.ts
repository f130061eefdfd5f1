import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addCostCategories, BUSINESS_UNIT_CATEGORY } from '../../../examples/parts/cost-categories';
import { reviewStacks } from '../../../src/review/review';
import { reviewCostCategories } from '../../../src/review/sections/cost-categories';
import { stackFromTemplate } from '../../../src/review/template';
import { awsSolutionsFindings } from '../../support/nag';

function exampleStack(): { app: App; stack: Stack } {
  const app = new App();
  const stack = new Stack(app, 'FinOpsGovernance', { env: { account: '111111111111', region: 'us-east-1' } });
  addCostCategories(stack);
  return { app, stack };
}

describe('the cost-categories part of the example app', () => {
  test('passes cdk-nag AwsSolutions with every finding fixed or acknowledged with a reason', () => {
    const { app } = exampleStack();
    expect(awsSolutionsFindings(app)).toBe('');
  });

  test('filters a budget on the Production business unit, created after the category', () => {
    const { stack } = exampleStack();
    const template = Template.fromStack(stack).toJSON();
    const [categoryId] = Object.entries<any>(template.Resources).find(([, resource]) => resource.Type === 'AWS::CE::CostCategory')!;
    const [, budget] = Object.entries<any>(template.Resources).find(([, resource]) => resource.Type === 'AWS::Budgets::Budget')!;
    expect(budget.Properties.Budget.FilterExpression).toEqual({ CostCategories: { Key: BUSINESS_UNIT_CATEGORY, Values: ['Production'] } });
    expect(budget.DependsOn).toContain(categoryId);
  });

  test('review lists the category rules in order, the default, the split charge and the activated tags', () => {
    const { stack } = exampleStack();
    const review = reviewCostCategories(stackFromTemplate('FinOpsGovernance', Template.fromStack(stack).toJSON()));
    expect(review).toEqual([
      '### Cost categories (1)',
      '',
      '- **business-unit** (first matching rule wins; default: Unallocated)',
      '  - rule 1: Production ← LINKED_ACCOUNT is "222222222222" or "333333333333"',
      '  - rule 2: Development ← LINKED_ACCOUNT is "444444444444"',
      '  - rule 3: Shared Services ← LINKED_ACCOUNT is "555555555555"',
      '  - rule 4: Development ← tag environment is "dev" or "test"',
      '  - rule 5: value of tag cost-center',
      '  - split charge: Shared Services → Production, Development (PROPORTIONAL)',
      '- cost allocation tags activated: team, cost-center, environment (left active on delete)',
      '',
    ]);
    expect(reviewStacks([stackFromTemplate('FinOpsGovernance', Template.fromStack(stack).toJSON())])).toContain('### Cost categories (1)');
  });
});
