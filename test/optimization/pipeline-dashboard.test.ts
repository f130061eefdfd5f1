import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CostCategoryOrg } from '../../src/cost-categories';
import { OptimizationPipeline, OptimizationPipelineProps, Optimizer, OptimizerKind, OrganizationTargets } from '../../src/optimization';
import { cfnLintFindings } from '../support/cfn-lint';

/** The pipeline's dashboard body as CloudWatch receives it, in a eu-west-1 stack (so us-east-1 can only come from the billing widgets). */
function dashboardOf(props: OptimizationPipelineProps = {}): { widgets: any[]; pipeline: OptimizationPipeline } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', props);
  const [dashboard] = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard')) as any[];
  const body = dashboard.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '<token>')).join('');
  return { widgets: JSON.parse(text).widgets, pipeline };
}

const headers = (widgets: any[]) => widgets.filter((widget) => widget.type === 'text').map((widget) => widget.properties.markdown);
const metricNames = (widgets: any[]) => new Set(widgets.flatMap((widget) => (widget.properties.metrics ?? [])
  .map((metric: any[]) => metric.find((part) => typeof part === 'string' && !part.includes('/') && part !== '...' && part !== 'Optimizer'))));
const expressions = (widgets: any[]) => widgets.flatMap((widget) => (widget.properties.metrics ?? [])
  .flatMap((metric: any[]) => metric.filter((part) => typeof part === 'object' && part.expression !== undefined)));
const titled = (widgets: any[], title: string) => widgets.find((widget) => widget.properties.title === title);

describe('the pipeline dashboard', () => {
  test('the seed\'s four views, in order, each under its header', () => {
    expect(headers(dashboardOf().widgets)).toEqual([
      '## Cost overview',
      '## Optimization opportunities',
      '## Reserved Instances and Savings Plans (last month, from the commitments run)',
      '## Cost anomalies (the cost analysis\'s period, from Cost Anomaly Detection)',
    ]);
  });

  test('graphs every metric the optimizers publish, and only CloudWatch metrics: no custom widget, nothing that calls Cost Explorer', () => {
    const { widgets } = dashboardOf();
    expect(new Set(widgets.map((widget) => widget.type))).toEqual(new Set(['text', 'metric']));
    const names = metricNames(widgets);
    for (const name of [
      'EstimatedCharges', 'CostIncreasePercentage', 'PotentialMonthlySavings', 'OpportunityCount', 'CostExplorerRequests', 'FailedSources',
      'ReservationUtilizationPercentage', 'ReservationCoveragePercentage', 'SavingsPlansUtilizationPercentage', 'SavingsPlansCoveragePercentage',
      'AnomalyCount', 'AnomalyTotalImpact',
    ]) {
      expect(names).toContain(name);
    }
    expect(JSON.stringify(widgets)).not.toMatch(/arn:aws:lambda|"custom"|ce:/);
  });

  test('cost overview: EstimatedCharges total and by ServiceName from us-east-1, whatever the stack\'s Region', () => {
    const { widgets } = dashboardOf();
    const [total] = titled(widgets, 'Estimated charges this month (USD, AWS/Billing)').properties.metrics;
    expect(total).toEqual(['AWS/Billing', 'EstimatedCharges', 'Currency', 'USD', expect.objectContaining({ region: 'us-east-1', stat: 'Maximum', period: 21600 })]);
    const byService = titled(widgets, 'Estimated charges by service (USD, AWS/Billing)');
    expect(expressions([byService])).toEqual([expect.objectContaining({
      expression: 'SEARCH(\'{AWS/Billing,Currency,ServiceName} MetricName="EstimatedCharges" Currency="USD"\', \'Maximum\', 21600)',
      region: 'us-east-1',
    })]);
  });

  test('opportunities by optimizer and by OpportunityType, in the pipeline\'s namespace', () => {
    const { widgets } = dashboardOf({ metricNamespace: 'Acme/FinOps' });
    expect(expressions([titled(widgets, 'Potential monthly savings (USD) by opportunity type')])[0].expression)
      .toBe('SEARCH(\'{Acme/FinOps,Optimizer,OpportunityType} MetricName="PotentialMonthlySavings"\', \'Maximum\', 86400)');
    expect(expressions([titled(widgets, 'Opportunities by opportunity type')])[0].expression)
      .toBe('SEARCH(\'{Acme/FinOps,Optimizer,OpportunityType} MetricName="OpportunityCount"\', \'Maximum\', 86400)');
    const byOptimizer = titled(widgets, 'Potential monthly savings (USD) by optimizer').properties.metrics;
    expect(byOptimizer.map((metric: any[]) => metric.slice(0, 4))).toEqual([
      ['Acme/FinOps', 'PotentialMonthlySavings', 'Optimizer', 'cost-analysis'],
      ['Acme/FinOps', 'PotentialMonthlySavings', 'Optimizer', 'rightsizing'],
      ['Acme/FinOps', 'PotentialMonthlySavings', 'Optimizer', 'storage'],
      ['Acme/FinOps', 'PotentialMonthlySavings', 'Optimizer', 'commitments'],
    ]);
  });

  test('with an approval workflow over storage changes: realized savings, success rate and time to implement', () => {
    const { widgets } = dashboardOf({ optimizers: [Optimizer.storage()], approval: { approverEmails: ['approver@example.com'] } });
    expect(headers(widgets)).toEqual(['## Cost overview', '## Optimization opportunities', '## Realized savings (executed changes confirmed by the storage run)']);
    expect(titled(widgets, 'Realized monthly savings (USD)').properties.metrics)
      .toEqual([['FinOps/Optimization', 'RealizedMonthlySavings', 'Optimizer', 'storage', expect.objectContaining({ stat: 'Sum' })]]);
    expect(titled(widgets, 'Time to implement (seconds from approval request to change)').properties.metrics.map((metric: any[]) => metric[4]?.stat ?? 'Average'))
      .toEqual(['Average', 'p90']);
    expect(metricNames(widgets)).toContain('SuccessRate');
  });

  test('a view whose optimizer is not in the pipeline is left out', () => {
    const { widgets } = dashboardOf({ optimizers: [Optimizer.storage()] });
    expect(headers(widgets)).toEqual(['## Cost overview', '## Optimization opportunities']);
    expect(metricNames(widgets)).not.toContain('ReservationUtilizationPercentage');
    expect(metricNames(widgets)).not.toContain('AnomalyCount');
    expect(metricNames(widgets)).not.toContain('CostIncreasePercentage');
  });

  test('each new metric method names its metric and optimizer', () => {
    const { pipeline } = dashboardOf();
    const named = (metric: { metricName: string; dimensions?: Record<string, unknown> }) => [metric.metricName, metric.dimensions?.Optimizer];
    expect([
      pipeline.metricCostIncreasePercentage(),
      pipeline.metricReservationUtilizationPercentage(),
      pipeline.metricReservationCoveragePercentage(),
      pipeline.metricSavingsPlansUtilizationPercentage(),
      pipeline.metricSavingsPlansCoveragePercentage(),
      pipeline.metricAnomalyCount(),
      pipeline.metricAnomalyTotalImpact(),
    ].map(named)).toEqual([
      ['CostIncreasePercentage', OptimizerKind.COST_ANALYSIS],
      ['ReservationUtilizationPercentage', OptimizerKind.COMMITMENTS],
      ['ReservationCoveragePercentage', OptimizerKind.COMMITMENTS],
      ['SavingsPlansUtilizationPercentage', OptimizerKind.COMMITMENTS],
      ['SavingsPlansCoveragePercentage', OptimizerKind.COMMITMENTS],
      ['AnomalyCount', OptimizerKind.COST_ANALYSIS],
      ['AnomalyTotalImpact', OptimizerKind.COST_ANALYSIS],
    ]);
  });

  test('the pipeline with every optimizer, its dashboard and an organization scan passes cfn-lint', () => {
    const app = new App();
    const stack = new Stack(app, 'Pipeline', { env: { account: '111122223333', region: 'us-east-1' } });
    new OptimizationPipeline(stack, 'Pipeline', {
      approval: {},
      organization: {
        targets: OrganizationTargets.entireOrganization(),
        regions: ['us-east-1'],
        businessUnitCostCategory: new CostCategoryOrg(stack, 'BusinessUnit', { costCategoryName: 'business-unit', accountsByValue: { Core: ['222233334444'] } }),
      },
    });
    app.synth();
    expect(cfnLintFindings([path.join(app.outdir, 'Pipeline.template.json')])).toBe('');
  });
});
