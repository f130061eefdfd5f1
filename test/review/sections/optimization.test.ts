import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { buildFinOpsApp } from '../../../examples/finops-stack';
import { OptimizationPipeline, Optimizer } from '../../../src';
import { reviewOptimization, runsPerMonth } from '../../../src/review/sections/optimization';
import { stackFromTemplate } from '../../../src/review/template';

function review(stack: Stack): string {
  return reviewOptimization(stackFromTemplate(stack.stackName, Template.fromStack(stack).toJSON())).join('\n');
}

describe('the optimization review', () => {
  test("lists the example's optimizers, schedules, thresholds, approval policy and Cost Explorer spend", () => {
    const text = review(buildFinOpsApp().stack);
    // Two pipelines (the second runs the Athena cost analysis): each under its own heading, with its own spend.
    expect(text).toContain('### Optimization pipeline `FinOpsGovernance/Optimization` (4 optimizers)');
    expect(text).toContain('### Optimization pipeline `FinOpsGovernance/AthenaCostAnalysis` (1 optimizer)');
    expect(text).toContain('breakdowns=SERVICE; LINKED_ACCOUNT; REGION');
    expect(text).toContain('storage.protectedTags=environment in production; critical (any value)');
    expect(text).toMatch(/athenaQueries=by LINKED_ACCOUNT \(named query <[A-Za-z0-9]+\.NamedQueryId>\); by SERVICE \(named query <[A-Za-z0-9]+\.NamedQueryId>\); by tag team/);
    expect(text).toContain('- **cost-analysis**: cron(0 6 * * ? *) (≈ 30 runs a month)');
    expect(text).toContain('- **rightsizing**: cron(0 7 ? * MON *) (≈ 4.29 runs a month)');
    expect(text).toContain('- **storage**: cron(0 8 ? * MON *) (≈ 4.29 runs a month)');
    expect(text).toContain('- **commitments**: cron(0 9 1 * ? *) (≈ 1 run a month)');
    expect(text).toContain('rightsizing.minMonthlySavings=50, rightsizing.minSavingsPercentage=15, rightsizing.maxCpuUtilizationPercentage=20');
    expect(text).toContain('storage.minMonthlySavings=0, storage.gp2ToGp3MinMonthlySavings=0, storage.snapshotRetentionDays=30, storage.protectionTagKey=finops:retain');
    expect(text).toContain('reservedInstances.minMonthlySavings=100, reservedInstances.minUtilizationPercentage=0, reservedInstances.termInYears=ONE_YEAR, reservedInstances.paymentOption=PARTIAL_UPFRONT');
    expect(text).toContain('savingsPlans.minMonthlySavings=200, savingsPlans.minHourlyCommitment=0, savingsPlans.savingsPlansType=COMPUTE_SP');
    expect(text).toContain('Cost Explorer: 5 requests per run → 1.50 USD/month');
    expect(text).toContain('Cost Explorer: 1 request per run → 0.04 USD/month');
    expect(text).toContain('Cost Explorer: 7 requests per run → 0.07 USD/month');
    expect(text).toContain('**Cost Explorer API spend**: about 1.61 USD a month');
    expect(text).toContain('auto-approved: LOW-risk actions saving under 25 USD/month');
    expect(text).toContain('others wait for a person up to 7 days, then are rejected');
    expect(text).toContain('Cost Explorer: 0 requests per run → 0.00 USD/month');
    expect(text).toContain('  - across the organization: active accounts under ou-ab12-11111111, ou-ab12-22222222, in us-east-1, eu-west-1, '
      + 'through each member account\'s read role (`FinOpsGovernance/Optimization/OrganizationStorage/StateMachine`)');
  });

  test('says when nothing is ever changed', () => {
    const stack = new Stack(new App(), 'Stack');
    new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.rightsizing({ schedule: scheduler.ScheduleExpression.rate(Duration.hours(12)) })] });
    const text = review(stack);
    expect(text).toContain('- **rightsizing**: rate(12 hours) (≈ 60 runs a month)');
    expect(text).toContain('about 0.60 USD a month');
    expect(text).toContain('- **Approval**: none; findings are reported, nothing in the account is changed');
  });

  test('is empty without a pipeline', () => {
    expect(review(new Stack(new App(), 'Empty'))).toBe('');
  });
});

test.each([
  ['rate(1 day)', 30],
  ['rate(30 minutes)', 1440],
  ['cron(0 6,18 * * ? *)', 60],
  ['cron(0 7 ? * MON,THU *)', (2 * 30) / 7],
  ['cron(0 9 1,15 * ? *)', 2],
  ['cron(0 9 L * ? *)', undefined],
  ['at(2026-12-01T00:00:00)', undefined],
])('runs a month of %s', (expression, runs) => {
  expect(runsPerMonth(expression)).toEqual(runs);
});
