import {
  acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, expectedReportKey, metricsLogged,
  setEnvironment, storedObject, storedReport, wireFixture,
} from './loopback-fixtures';
import { CostDimension, CostFilter } from '../../../src/core/cost-filter';
import { CostBreakdown, CostMetric, Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/cost-analysis.lambda';
import { AwsLoopback, awsJsonError, awsJsonReply, LoopbackRequest, useLoopbackEnvironment } from '../../support/aws-loopback';

const SCHEDULED_TIME = '2026-11-30T06:00:00Z';

let loopback: AwsLoopback;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  // Chargeback as issue 13 asks: by linked account (one organization-level query, paged), by region, amortized, usage only.
  deployed = deployOptimizer(OptimizerKind.COST_ANALYSIS, {
    optimizers: [Optimizer.costAnalysis({
      lookbackMonths: 3,
      breakdowns: [CostBreakdown.LINKED_ACCOUNT, CostBreakdown.REGION],
      metric: CostMetric.AMORTIZED_COST,
      filter: CostFilter.dimension(CostDimension.RECORD_TYPE, ['Usage']),
      topGroupsCount: 2,
    })],
  });
  restore.push(setEnvironment(deployed.environment));
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

/** Answers by what was asked: the LINKED_ACCOUNT query in two pages, the second throttled once; REGION refused. */
function serveCostExplorer(): void {
  let throttled = false;
  loopback.on('GetCostAndUsage', (request: LoopbackRequest) => {
    if (request.input.GroupBy[0].Key === 'REGION') {
      return awsJsonError('ValidationException', 'Invalid group by key REGION');
    }
    if (request.input.NextPageToken === undefined) {
      return awsJsonReply(wireFixture('GetCostAndUsage.monthly-by-linked-account.page1'));
    }
    if (!throttled) {
      throttled = true;
      return awsJsonError('LimitExceededException', 'You have exceeded the rate limit');
    }
    return awsJsonReply(wireFixture('GetCostAndUsage.monthly-by-linked-account.page2'));
  });
  loopback.on('GetCostForecast', () => awsJsonReply(wireFixture('GetCostForecast')));
  loopback.on('GetAnomalies', () => awsJsonReply({ Anomalies: [] }));
  acceptOutputs(loopback);
}

describe('cost analysis by linked account and region over the loopback', () => {
  let result: Awaited<ReturnType<typeof handler>>;
  let report: any;

  beforeAll(async () => {
    serveCostExplorer();
    result = await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
    report = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
  });

  test('asks one query per breakdown, grouped by it, with the metric and filter; pages and retries', () => {
    const calls = loopback.requestsFor('GetCostAndUsage');
    const question = {
      TimePeriod: { Start: '2026-08-01', End: '2026-11-30' },
      Granularity: 'MONTHLY',
      Metrics: ['AmortizedCost'],
      Filter: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage'] } },
    };
    expect(calls.map((call) => call.input)).toEqual([
      { ...question, GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }] },
      { ...question, GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }], NextPageToken: 'AAMA-LINKED-ACCOUNT-PAGE-2' },
      { ...question, GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }], NextPageToken: 'AAMA-LINKED-ACCOUNT-PAGE-2' },
      { ...question, GroupBy: [{ Type: 'DIMENSION', Key: 'REGION' }] },
    ]);
    expect(calls.map(attemptOf)).toEqual(['1', '1', '2', '1']);
    // The forecast is of the same metric and the same costs.
    expect(loopback.requestsFor('GetCostForecast')[0].input).toMatchObject({ Metric: 'AMORTIZED_COST', Filter: question.Filter });
    // 2 LINKED_ACCOUNT pages + 1 refused REGION query is not billed + forecast + anomalies; the throttled attempt is not billed either.
    expect(report.costExplorerRequests.byOperation).toEqual({ GetAnomalies: 1, GetCostAndUsage: 2, GetCostForecast: 1 });
  });

  test('reports each account with its name, share and change, and the parts add up to the total to the cent', () => {
    const [byAccount] = report.costBreakdowns;
    expect(byAccount).toMatchObject({ label: 'LINKED_ACCOUNT', metric: 'AmortizedCost', unit: 'USD', total: '5466.73' });
    expect(byAccount.periodTotals).toEqual(['1260.4429', '1360.3371', '1455.9618', '1389.99']);
    expect(byAccount.change).toEqual({ changePercentage: '2.05', direction: 'up' });
    expect(byAccount.top.map((group: any) => [group.key, group.name, group.amount, group.sharePercentage, group.change])).toEqual([
      ['111122223333', 'Production', '4510.01', '82.50', { changePercentage: '6.01', direction: 'up' }],
      // 780.6049 alone rounds to 780.60; the cent the parts lost to truncation goes to the largest remainder.
      ['444455556666', 'Staging', '780.61', '14.28', { changePercentage: '1.00', direction: 'flat' }],
    ]);
    expect(byAccount.other).toMatchObject({ count: 2, amount: '176.11', sharePercentage: '3.22', change: { changePercentage: '-80.74', direction: 'down' } });
    expect(byAccount.other.groups.map((group: any) => [group.key, group.name])).toEqual([['777788889999', 'Sandbox'], ['123456789012', 'Shared Services']]);
    expect(report.costSummary).toMatchObject({ metric: 'AmortizedCost', total: '5466.73' });
    expect(report.costSummary.topServices).toBeUndefined();
  });

  test('publishes the cost\'s growth over the period before, which the unexpected-increase alarm watches', () => {
    expect(metricsLogged()).toContainEqual({ name: 'CostIncreasePercentage', dimensions: 'Optimizer=cost-analysis', value: 2.05 });
  });

  test('names the refused breakdown and keeps the rest', () => {
    expect(result.failedSources).toEqual(['Cost Explorer GetCostAndUsage by REGION']);
    expect(report.costBreakdowns).toHaveLength(1);
  });

  test('writes the CSV a finance team loads: one row per account and month, exact amounts', () => {
    const csv = storedObject(loopback, expectedReportKey('cost-analysis', SCHEDULED_TIME, 'costs.csv'))!.rawBody;
    const rows = csv.split('\r\n');
    expect(rows[0]).toBe('breakdown_type,breakdown_key,group,group_name,period_start,period_end,estimated,metric,unit,amount');
    expect(rows).toHaveLength(1 + 4 * 4 + 1);
    expect(rows).toContain('DIMENSION,LINKED_ACCOUNT,444455556666,Staging,2026-08-01,2026-09-01,false,AmortizedCost,USD,200.1049');
    expect(rows).toContain('DIMENSION,LINKED_ACCOUNT,777788889999,Sandbox,2026-11-01,2026-11-30,true,AmortizedCost,USD,0.00');
    const exactSum = rows.slice(1, -1).map((row) => row.split(',').pop()!)
      .reduce((sum, amount) => sum + BigInt(amount.replace('.', '').padEnd(amount.indexOf('.') + 4, '0')), 0n);
    // 4 decimals at most in the fixture: the rows add up to the exact total 5466.7318.
    expect(exactSum).toBe(54667318n);
  });

  test('the Markdown report has a section per breakdown with its top accounts and one "other" line', () => {
    const markdown = storedObject(loopback, expectedReportKey('cost-analysis', SCHEDULED_TIME, 'md'))!.rawBody;
    expect(markdown).toContain('## Spend by LINKED_ACCOUNT');
    expect(markdown).toContain('| 111122223333 | Production | 4,510.01 | 82.50% | +6.01% (up) |');
    expect(markdown).toContain('| 2 other |  | 176.11 | 3.22% | -80.74% (down) |');
  });
});
