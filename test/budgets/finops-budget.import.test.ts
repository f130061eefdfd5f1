import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { BudgetLimit, FinOpsBudget, IFinOpsBudget } from '../../src';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
}

function viewedResources(stack: Stack, budget: IFinOpsBudget): unknown {
  budget.grantView(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')) as any[];
  return policy.Properties.PolicyDocument.Statement[0].Resource;
}

describe('imported budgets', () => {
  test('fromBudgetName builds the ARN in the stack\'s account, without a region', () => {
    const stack = newStack();
    const budget = FinOpsBudget.fromBudgetName(stack, 'Existing', 'ops-monthly');
    expect(budget.budgetName).toBe('ops-monthly');
    expect(stack.resolve(budget.budgetArn)).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:budget/ops-monthly']] });
    expect(viewedResources(stack, budget)).toEqual([
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:budget/ops-monthly']] },
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':budgets::111111111111:budget/ops-monthly/action/*']] },
    ]);
  });

  test('fromBudgetArn takes the name from the ARN, and grants on exactly that ARN', () => {
    const stack = newStack();
    const budget = FinOpsBudget.fromBudgetArn(stack, 'Existing', 'arn:aws:budgets::222222222222:budget/team-data');
    expect(budget.budgetName).toBe('team-data');
    expect(viewedResources(stack, budget)).toEqual([
      'arn:aws:budgets::222222222222:budget/team-data',
      'arn:aws:budgets::222222222222:budget/team-data/action/*',
    ]);
  });

  test('fromBudgetArn accepts an ARN known only at deploy time', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'BudgetArn').valueAsString;
    const budget = FinOpsBudget.fromBudgetArn(stack, 'Existing', arn);
    expect(stack.resolve(budget.budgetName)).toEqual({ 'Fn::Select': [1, { 'Fn::Split': ['/', { 'Fn::Select': [5, { 'Fn::Split': [':', { Ref: 'BudgetArn' }] }] }] }] });
  });

  test('a budget defined here is an IFinOpsBudget', () => {
    const stack = newStack();
    const budget: IFinOpsBudget = new FinOpsBudget(stack, 'Budget', { budgetName: 'b1', limit: BudgetLimit.fixedAmount(100) });
    expect(budget.stack).toBe(stack);
  });
});
