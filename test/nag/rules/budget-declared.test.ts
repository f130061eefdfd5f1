import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { findings, newStack } from './utils';
import { withoutBuiltinValidation } from '../../../src/core/builtin-validation';
import { FinOpsChecks } from '../../../src/nag';

function budget(stack: Stack, id: string): budgets.CfnBudget {
  return new budgets.CfnBudget(stack, id, {
    budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' } },
  });
}

describe('FinOps-BudgetDeclared', () => {
  test('non-compliant: an app without a budget gets one finding, on its first resource', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'First');
    new s3.Bucket(stack, 'Second');
    expect(findings(stack, 'FinOps-BudgetDeclared')).toEqual(['FinOps-BudgetDeclared Test/First/Resource']);
  });

  test('compliant: a budget anywhere in the app counts, in another stack too', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'Workload');
    budget(new Stack(stack.node.root, 'Governance'), 'Budget');
    expect(findings(stack, 'FinOps-BudgetDeclared')).toEqual([]);
  });

  test('acknowledged once, on the app, when budgets are declared in another app', () => {
    const workloadApp = (acknowledged: boolean): App => {
      const app = new App(withoutBuiltinValidation());
      new s3.Bucket(new Stack(app, 'Workload'), 'Bucket', { lifecycleRules: [{ expiration: Duration.days(90) }] });
      if (acknowledged) {
        Validations.of(app).acknowledge({ id: 'FinOps::FinOps-BudgetDeclared', reason: 'Budgets live in the management account app' });
      }
      Validations.of(app).addPlugins(new FinOpsChecks(app));
      return app;
    };
    expect(() => workloadApp(false).synth()).toThrow(/FinOps-BudgetDeclared/);
    expect(() => workloadApp(true).synth()).not.toThrow();
  });
});
