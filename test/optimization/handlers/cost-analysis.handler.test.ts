import {
  acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, metricsLogged, setEnvironment, storedReport, wireFixture,
} from './loopback-fixtures';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/cost-analysis.lambda';
import { AwsLoopback, awsJsonError, awsJsonReply, useLoopbackEnvironment } from '../../support/aws-loopback';

/** When the cost analysis schedule fires (daily 06:00 UTC by default); the SDK's clock stays real. */
const SCHEDULED_TIME = '2026-11-30T06:00:00Z';

let loopback: AwsLoopback;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  deployed = deployOptimizer(OptimizerKind.COST_ANALYSIS, { optimizers: [Optimizer.costAnalysis({ lookbackMonths: 3 })] });
});

beforeEach(() => {
  loopback.requests.length = 0;
  acceptOutputs(loopback);
  restore.push(setEnvironment(deployed.environment));
});

/** Runs the handler as deployed: the schedule's event and the function's ARN. */
function runScheduled() {
  return handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
}

afterEach(() => {
  restore.pop()?.();
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

function queueCostAndUsage(): void {
  loopback.queue('GetCostAndUsage',
    awsJsonReply(wireFixture('GetCostAndUsage.monthly-by-service.page1')),
    awsJsonError('LimitExceededException', 'You have exceeded the rate limit'),
    awsJsonReply(wireFixture('GetCostAndUsage.monthly-by-service.page2')),
  );
  loopback.queue('GetAnomalies', awsJsonReply(wireFixture('GetAnomalies.page1')), awsJsonReply(wireFixture('GetAnomalies.page2')));
}

describe('cost analysis handler over the loopback', () => {
  test('asks the fewest questions, pages every answer and reports them exactly', async () => {
    queueCostAndUsage();
    loopback.queue('GetCostForecast', awsJsonReply(wireFixture('GetCostForecast')));

    const result = await runScheduled();

    const costCalls = loopback.requestsFor('GetCostAndUsage');
    expect(costCalls.map(attemptOf)).toEqual(['1', '1', '2']);
    expect(costCalls[0].input).toEqual({
      TimePeriod: { Start: '2026-08-01', End: '2026-11-30' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(costCalls[2].input.NextPageToken).toBe('AAMA-EXAMPLE-PAGE-2');
    expect(loopback.requestsFor('GetCostForecast')[0].input).toEqual({
      TimePeriod: { Start: '2026-11-30', End: '2026-12-01' }, Metric: 'UNBLENDED_COST', Granularity: 'MONTHLY', PredictionIntervalLevel: 80,
    });
    const anomalyCalls = loopback.requestsFor('GetAnomalies');
    expect(anomalyCalls.map((call) => call.input.DateInterval)).toEqual([
      { StartDate: '2026-10-31', EndDate: '2026-11-30' }, { StartDate: '2026-10-31', EndDate: '2026-11-30' },
    ]);
    expect(anomalyCalls[1].input.NextPageToken).toBe('eyJwYWdlIjoyfQ==');

    const report = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
    expect(report.costSummary.total).toBe('6401.00');
    expect(report.costSummary.topServices.slice(0, 3)).toEqual([
      { key: 'Amazon Elastic Compute Cloud - Compute', amount: '4000.58', sharePercentage: '62.50' },
      { key: 'Amazon Relational Database Service', amount: '1390.00', sharePercentage: '21.72' },
      { key: 'Amazon Simple Storage Service', amount: '930.35', sharePercentage: '14.53' },
    ]);
    expect(report.costSummary.trend).toMatchObject({
      periods: 3, averageGrowthPercentage: '7.27', direction: 'up', average: '2133.67', volatility: '125.17', range: '301.00',
    });
    // The interval is the one GetCostForecast computed, not a made-up +/-10%.
    expect([report.forecast.total, report.forecast.totalLowerBound, report.forecast.totalUpperBound]).toEqual(['2450.12', '2201.50', '2698.75']);
    expect([report.anomalies.count, report.anomalies.totalImpact]).toEqual([3, '1033.22']);
    expect(report.costExplorerRequests).toEqual({ requestCount: 5, costUsd: '0.05', byOperation: { GetAnomalies: 2, GetCostAndUsage: 2, GetCostForecast: 1 } });
    expect(result).toMatchObject({ optimizer: 'cost-analysis', opportunities: 0, costExplorerRequests: 5, failedSources: [] });
    expect(metricsLogged()).toContainEqual({ name: 'CostExplorerRequests', dimensions: 'Optimizer=cost-analysis', value: 5 });
    // The period's anomalies for the dashboard's anomaly view.
    expect(metricsLogged()).toEqual(expect.arrayContaining([
      { name: 'AnomalyCount', dimensions: 'Optimizer=cost-analysis', value: 3 },
      { name: 'AnomalyTotalImpact', dimensions: 'Optimizer=cost-analysis', value: 1033.22 },
    ]));
  });

  test('a forecast Cost Explorer cannot make does not lose the analysis', async () => {
    queueCostAndUsage();
    loopback.on('GetCostForecast', () => awsJsonError('DataUnavailableException', 'Insufficient amount of historical data to generate forecast.'));

    const result = await runScheduled();

    expect(result.failedSources).toEqual(['Cost Explorer GetCostForecast']);
    const report = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
    expect(report.forecast).toBeUndefined();
    expect(report.costSummary.total).toBe('6401.00');
    expect(report.anomalies.count).toBe(3);
    expect(report.failedSources).toEqual([{
      source: 'Cost Explorer GetCostForecast',
      errorName: 'DataUnavailableException',
      errorMessage: 'Insufficient amount of historical data to generate forecast.',
    }]);
    expect(report.costExplorerRequests.requestCount).toBe(4);
    expect(metricsLogged()).toContainEqual({ name: 'FailedSources', dimensions: 'Optimizer=cost-analysis', value: 1 });
  });
});
