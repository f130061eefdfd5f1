import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { CostDimension, CostFilter } from '../../src/core/cost-filter';
import { REPORT_KEY_SUFFIX_BYTES, S3_OBJECT_KEY_MAX_BYTES } from '../../src/core/limits/optimization';
import {
  CostAnalysisOptimizerProps, CostBreakdown, CostGranularity, CostMetric, OptimizationPipeline, Optimizer, OptimizerKind,
} from '../../src/optimization';
import { reportObjectKey } from '../../src/runtime/optimization';
import { DeployedTemplate } from '../support/deployed';

/** The settings and request estimate the cost analysis function is deployed with. */
function deployedCostAnalysis(props: CostAnalysisOptimizerProps | ((stack: Stack) => CostAnalysisOptimizerProps)) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const optimizer = Optimizer.costAnalysis(typeof props === 'function' ? props(stack) : props);
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', { optimizers: [optimizer] });
  const environment = DeployedTemplate.of(stack).functionEnvironment(pipeline.functionFor(OptimizerKind.COST_ANALYSIS)!);
  return { settings: JSON.parse(environment.OPTIMIZER_SETTINGS), requestsPerRun: optimizer._config.costExplorerRequestsPerRun };
}

function synthesize(props: CostAnalysisOptimizerProps): void {
  const stack = new Stack(new App(), 'Stack');
  new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.costAnalysis(props)] });
}

describe('Optimizer.costAnalysis', () => {
  test('defaults to what it always did: MONTHLY UnblendedCost by SERVICE, 3 requests a run', () => {
    const { settings, requestsPerRun } = deployedCostAnalysis({});
    expect(settings).toMatchObject({
      breakdowns: JSON.stringify([{ Type: 'DIMENSION', Key: 'SERVICE' }]),
      metric: 'UnblendedCost',
      granularity: 'MONTHLY',
      topGroupsCount: '10',
      lookbackMonths: '6',
    });
    expect(settings.filter).toBeUndefined();
    expect(requestsPerRun).toBe(3);
  });

  test('takes the seed\'s analyses: by service, region, account, tag, cost category, any metric and a filter', () => {
    const { settings, requestsPerRun } = deployedCostAnalysis({
      breakdowns: [CostBreakdown.SERVICE, CostBreakdown.REGION, CostBreakdown.LINKED_ACCOUNT, CostBreakdown.tag('team'), CostBreakdown.costCategory('BusinessUnit')],
      metric: CostMetric.NET_AMORTIZED_COST,
      granularity: CostGranularity.DAILY,
      filter: CostFilter.regions(['eu-west-1']),
    });
    expect(JSON.parse(settings.breakdowns)).toEqual([
      { Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'DIMENSION', Key: 'REGION' }, { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
      { Type: 'TAG', Key: 'team' }, { Type: 'COST_CATEGORY', Key: 'BusinessUnit' },
    ]);
    expect(settings).toMatchObject({ metric: 'NetAmortizedCost', granularity: 'DAILY' });
    expect(JSON.parse(settings.filter)).toEqual({ Dimensions: { Key: 'REGION', Values: ['eu-west-1'] } });
    // One query per breakdown, the forecast and the anomalies.
    expect(requestsPerRun).toBe(7);
  });

  test('makes no forecast request for UsageQuantity, which GetCostForecast cannot forecast', () => {
    expect(deployedCostAnalysis({ metric: CostMetric.USAGE_QUANTITY, filter: CostFilter.dimension(CostDimension.USAGE_TYPE, ['BoxUsage:m7g.large']) }).requestsPerRun).toBe(2);
  });

  test('passes tag keys and cost category names known only at deploy', () => {
    const { settings } = deployedCostAnalysis((stack) => ({
      breakdowns: [CostBreakdown.tag(new CfnParameter(stack, 'TagKey').valueAsString)],
    }));
    expect(JSON.parse(settings.breakdowns)).toEqual([{ Type: 'TAG', Key: expect.any(String) }]);
  });

  test.each<[string, CostAnalysisOptimizerProps, RegExp]>([
    ['no breakdown', { breakdowns: [] }, /\[\] breaks the rule: a cost analysis breaks costs down at least one way/],
    ['a breakdown twice', { breakdowns: [CostBreakdown.tag('team'), CostBreakdown.tag('team')] }, /each breakdown is listed once .* Fix: remove the repeated "TAG team"/],
    ['a dimension GetCostAndUsage does not group by', { breakdowns: [CostBreakdown.dimension(CostDimension.SERVICE_CODE)] },
      /"SERVICE_CODE" breaks the rule: GetCostAndUsage groups by the dimensions AZ, INSTANCE_TYPE/],
    ['a metric GetCostAndUsage does not sum', { metric: 'NormalizedUsageAmount' as CostMetric }, /"NormalizedUsageAmount" breaks the rule: the cost analysis sums one of the GetCostAndUsage metrics/],
    ['HOURLY, whose data covers 14 days only', { granularity: 'HOURLY' as CostGranularity }, /"HOURLY" breaks the rule: a cost analysis compares DAILY or MONTHLY periods/],
    ['14 months back', { lookbackMonths: 14, granularity: CostGranularity.DAILY }, /lookbackMonths \(Cost Explorer keeps 13 months of history\) must be between 1 and 13/],
    ['an empty tag key', { breakdowns: [CostBreakdown.tag('')] }, /a tag key to break costs down by is 1-128 characters \(this one has 0\)/],
    ['a 129-character tag key', { breakdowns: [CostBreakdown.tag('k'.repeat(129))] }, /a tag key to break costs down by is 1-128 characters \(this one has 129\)/],
    ['a 51-character cost category name', { breakdowns: [CostBreakdown.costCategory('c'.repeat(51))] }, /a cost category name is 1-50 characters \(this one has 51\)/],
    ['a filter combining one filter', { filter: CostFilter.allOf(CostFilter.regions(['eu-west-1'])) }, /a cost filter allOf\(\) combines at least 2 filters/],
    ['no top group', { topGroupsCount: 0 }, /0 breaks the rule: topGroupsCount is a whole number of 1-100 groups/],
    ['a zero increase threshold', { increaseAlarmThresholdPercentage: 0 }, /0 breaks the rule: increaseAlarmThresholdPercentage is a growth above 0 percent/],
  ])('refuses %s at synth', (_name, props, message) => {
    expect(() => synthesize(props)).toThrow(message);
  });

  test('accepts the limits themselves', () => {
    expect(() => synthesize({
      breakdowns: [CostBreakdown.tag('k'.repeat(128)), CostBreakdown.costCategory('c'.repeat(50)), CostBreakdown.dimension(CostDimension.RECORD_TYPE)],
      lookbackMonths: 13,
      topGroupsCount: 100,
    })).not.toThrow();
  });
});

test('the longest report prefix the pipeline accepts keeps every report key, the cost CSV included, within S3\'s 1,024 bytes', () => {
  const prefix = 'p'.repeat(S3_OBJECT_KEY_MAX_BYTES - REPORT_KEY_SUFFIX_BYTES);
  const key = reportObjectKey({ accountId: '111122223333', optimizer: 'cost-analysis', runAt: '2026-11-30T06:00:00Z' }, 'costs.csv', prefix);
  expect(Buffer.byteLength(key)).toBeLessThanOrEqual(S3_OBJECT_KEY_MAX_BYTES);
});

describe('unexpected-increase alarms', () => {
  function pipelineIn(region: string, props: CostAnalysisOptimizerProps = {}) {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region } });
    const pipeline = new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.costAnalysis(props)] });
    return { stack, template: Template.fromStack(stack), topic: stack.resolve(pipeline.alertTopic.topicArn) };
  }

  test('alarm on growth above 10% by default, and on estimated charges above their anomaly band, to the alert topic', () => {
    const { template, topic } = pipelineIn('us-east-1');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'CostIncreasePercentage',
      Namespace: 'FinOps/Optimization',
      Dimensions: [{ Name: 'Optimizer', Value: 'cost-analysis' }],
      Threshold: 10,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'GreaterThanUpperThreshold',
      ThresholdMetricId: Match.anyValue(),
      AlarmActions: [topic],
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: Match.stringLikeRegexp('ANOMALY_DETECTION_BAND\\(m\\d*, 2\\)') }),
        Match.objectLike({
          MetricStat: {
            Metric: { Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', Dimensions: [{ Name: 'Currency', Value: 'USD' }] },
            Period: 86400,
            Stat: 'Maximum',
          },
        }),
      ]),
    });
  });

  test('takes another threshold', () => {
    pipelineIn('us-east-1', { increaseAlarmThresholdPercentage: 25 }).template
      .hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'CostIncreasePercentage', Threshold: 25 });
  });

  test('outside us-east-1, where billing metrics do not exist, says why there is no EstimatedCharges alarm', () => {
    const { stack, template } = pipelineIn('eu-west-1');
    expect(JSON.stringify(template.findResources('AWS::CloudWatch::Alarm'))).not.toContain('EstimatedCharges');
    Annotations.fromStack(stack).hasWarning('/Stack/Pipeline', Match.stringLikeRegexp('No EstimatedCharges alarm: AWS/Billing metrics exist only in us-east-1'));
  });
});
