import * as budgets from 'aws-cdk-lib/aws-budgets';
import { findings, newStack } from './utils';

const budget: budgets.CfnBudget.BudgetDataProperty = { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' } };

describe('FinOps-BudgetNotifies', () => {
  test('non-compliant: a budget without notifications', () => {
    const stack = newStack();
    new budgets.CfnBudget(stack, 'Silent', { budget });
    new budgets.CfnBudget(stack, 'Empty', { budget, notificationsWithSubscribers: [] });
    expect(findings(stack, 'FinOps-BudgetNotifies')).toEqual(['FinOps-BudgetNotifies Test/Silent', 'FinOps-BudgetNotifies Test/Empty']);
  });

  test('compliant: a budget that emails someone at 80%', () => {
    const stack = newStack();
    new budgets.CfnBudget(stack, 'Alerting', {
      budget,
      notificationsWithSubscribers: [
        {
          notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80 },
          subscribers: [{ subscriptionType: 'EMAIL', address: 'finops@example.com' }],
        },
      ],
    });
    expect(findings(stack, 'FinOps-BudgetNotifies')).toEqual([]);
  });
});
