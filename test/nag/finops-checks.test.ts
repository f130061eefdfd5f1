import { App, CfnResource, PolicyValidationPluginReport, Stack, Validations } from 'aws-cdk-lib';
import * as budgets from 'aws-cdk-lib/aws-budgets';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { BAD_APP_FINDINGS, BAD_APP_REQUIRED_TAG_KEYS, buildBadApp } from './bad-app';
import { buildFinOpsApp } from '../../examples/finops-stack';
import { withoutBuiltinValidation } from '../../src/core/builtin-validation';
import { FinOpsChecks } from '../../src/nag';

function findingLines(report: PolicyValidationPluginReport): string[] {
  return report.violations.flatMap((violation) => violation.violatingResources.map((resource) => `${violation.ruleName} ${resource.constructPath}`));
}

function synthesized(app: App): App {
  app.synth();
  return app;
}

describe('FinOpsChecks', () => {
  test('finds every known problem of the bad app, and nothing else', () => {
    const report = new FinOpsChecks(undefined, { requiredTagKeys: BAD_APP_REQUIRED_TAG_KEYS }).validateScope(synthesized(buildBadApp()));
    expect(findingLines(report).sort()).toEqual([...BAD_APP_FINDINGS].sort());
  });

  test('rates NAT gateways and x86 functions as warnings, the rest as errors', () => {
    const report = new FinOpsChecks().validateScope(synthesized(buildBadApp()));
    const severities = Object.fromEntries(report.violations.map((violation) => [violation.ruleName, violation.severity]));
    expect(severities).toMatchObject({
      'FinOps-AlwaysOnCost[AWS::EC2::NatGateway]': 'warning',
      'FinOps-LambdaArm64': 'warning',
      'FinOps-S3Lifecycle': 'error',
      'FinOps-BudgetNotifies': 'error',
    });
  });

  test('runs as a policy validation plugin: synthesis of the bad app fails with the findings', () => {
    const app = buildBadApp();
    Validations.of(app).addPlugins(new FinOpsChecks(app));
    expect(() => app.synth()).toThrow(/BadWorkload\/KeepForeverBucket[\s\S]*Acknowledge with 'FinOps::FinOps-S3Lifecycle'/);
  });

  test('as a plugin, warnings alone are reported without failing synthesis', () => {
    const app = new App(withoutBuiltinValidation());
    const stack = new Stack(app, 'Network');
    new ec2.CfnNatGateway(stack, 'Nat', { subnetId: 'subnet-12345678', connectivityType: 'private' });
    new budgets.CfnBudget(stack, 'Budget', {
      budget: { budgetType: 'COST', timeUnit: 'MONTHLY', budgetLimit: { amount: 100, unit: 'USD' } },
      notificationsWithSubscribers: [{
        notification: { notificationType: 'ACTUAL', comparisonOperator: 'GREATER_THAN', threshold: 80 },
        subscribers: [{ subscriptionType: 'EMAIL', address: 'finops@example.com' }],
      }],
    });
    Validations.of(app).addPlugins(new FinOpsChecks(app));
    const printed = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(() => app.synth()).not.toThrow();
      expect(printed.mock.calls.flat().join('\n')).toMatch(/WARNING The resource bills every hour[\s\S]*Acknowledge with 'FinOps::FinOps-AlwaysOnCost\[AWS::EC2::NatGateway\]'/);
    } finally {
      printed.mockRestore();
    }
  });

  test('finds in the example app only the x86 function of aws-cdk-lib\'s AwsCustomResource, which the enrollment acknowledges', () => {
    const { app, stack } = buildFinOpsApp();
    const report = new FinOpsChecks().validateScope(synthesized(app));
    expect(findingLines(report)).toEqual(['FinOps-LambdaArm64 FinOpsGovernance/AWS679f53fac002430cb0da5b7982bd2287/Resource']);
    const singleton = stack.node.findChild('AWS679f53fac002430cb0da5b7982bd2287').node.defaultChild as CfnResource;
    expect(singleton.getMetadata('cdk_nag').rules_to_suppress.map((rule: { id: string }) => rule.id)).toEqual(['FinOps::FinOps-LambdaArm64']);
  });

  test('the example app synthesizes with the pack registered next to its other checks', () => {
    const { app } = buildFinOpsApp();
    Validations.of(app).addPlugins(new FinOpsChecks(app));
    expect(() => app.synth()).not.toThrow();
  });
});
