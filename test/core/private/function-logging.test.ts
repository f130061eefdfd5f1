import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { BudgetLimit, FinOpsBudget } from '../../../src/budgets';
import { CostAllocationTags } from '../../../src/cost-categories';
import { OptimizationPipeline, Optimizer, OrganizationTargets } from '../../../src/optimization';

/** A stack with every function the library creates: the optimizers, the organization run, the approval workflow, the alert handler and the tag activation (with its provider). */
function everyFunction(): Template {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.costAnalysis(), Optimizer.rightsizing(), Optimizer.storage(), Optimizer.commitments()],
    approval: { approverEmails: ['ops@example.com'] },
    organization: { targets: OrganizationTargets.entireOrganization(), regions: ['us-east-1'] },
  });
  new FinOpsBudget(stack, 'Budget', { budgetName: 'monthly', limit: BudgetLimit.fixedAmount(1000), alertHandler: {} });
  new CostAllocationTags(stack, 'Tags', { tagKeys: ['team'] });
  return Template.fromStack(stack);
}

describe('every function the library creates', () => {
  const template = everyFunction();
  const functions = Object.entries<any>(template.findResources('AWS::Lambda::Function'));

  test('logs in Lambda\'s JSON format to its own log group', () => {
    // 3 optimizers, the organization run's targets, scan and merge, the executor, tally and decision,
    // the alert handler, the tag activation handler and its provider framework.
    expect(functions).toHaveLength(12);
    for (const [logicalId, resource] of functions) {
      expect({ logicalId, logFormat: resource.Properties.LoggingConfig?.LogFormat }).toEqual({ logicalId, logFormat: 'JSON' });
      expect(resource.Properties.LoggingConfig.LogGroup).toEqual({ Ref: expect.any(String) });
    }
  });

  test('no policy grants cloudwatch:PutMetricData: metrics are embedded metric format log lines', () => {
    const actions = Object.values<any>(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .flatMap((statement: any) => [statement.Action].flat());
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.filter((action: string) => action.startsWith('cloudwatch:Put'))).toEqual([]);
  });
});
