import { BY_ACCOUNT_SQL } from '../athena-sql';
import { acceptOutputs, athenaResultSet, deployOptimizer, DeployedOptimizer, metricDocuments, metricsLogged, serveNamedQueries, setEnvironment, storedReport } from './loopback-fixtures';
import { CurExport, CurReport } from '../../../src/cur';
import { CostBreakdown, CostDataSource, Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/cost-analysis.lambda';
import { summarizeBreakdown } from '../../../src/runtime/optimization';
import { AwsLoopback, awsJsonReply, LoopbackRequest, useLoopbackEnvironment } from '../../support/aws-loopback';

const SCHEDULED_TIME = '2026-11-30T06:00:00Z';

/**
 * What Athena answers for the CUR 2.0 aggregation by account: billing_period, the usage account and
 * CAST(sum(CAST(line_item_unblended_cost AS DECIMAL(38, 10))) AS VARCHAR), as Trino renders a
 * DECIMAL(38, 10) (ten decimals, so a double's 0.1-style residue shows as ...9999).
 */
const BY_ACCOUNT_ROWS = [
  ['2026-09', '111122223333', '1520.3300000000', 'payments-prod'],
  ['2026-09', '444455556666', '310.1250000000', 'analytics-dev'],
  ['2026-10', '111122223333', '1610.0000000000', 'payments-prod'],
  ['2026-10', '444455556666', '298.7749999999', 'analytics-dev'],
  ['2026-11', '111122223333', '1432.5000000000', 'payments-prod'],
  ['2026-11', '444455556666', '287.0000000000', 'analytics-dev'],
];
/** The same costs by product code: each period adds up to the same total as by account. */
const BY_SERVICE_ROWS = [
  ['2026-09', 'AmazonEC2', '1200.0000000000'],
  ['2026-09', 'AmazonS3', '630.4550000000'],
  ['2026-10', 'AmazonEC2', '1300.0000000000'],
  ['2026-10', 'AmazonS3', '608.7749999999'],
  ['2026-11', 'AmazonEC2', '1100.5000000000'],
  ['2026-11', 'AmazonS3', '619.0000000000'],
];


let loopback: AwsLoopback;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  deployed = deployOptimizer(OptimizerKind.COST_ANALYSIS, (stack) => {
    const reports = new CurReport(stack, 'Reports', {
      exports: [CurExport.cur2({ exportName: 'cur2-daily' })], databaseName: 'cost_reports', workGroupName: 'cost-reports',
    });
    return {
      optimizers: [Optimizer.costAnalysis({
        lookbackMonths: 2,
        breakdowns: [CostBreakdown.LINKED_ACCOUNT, CostBreakdown.SERVICE, CostBreakdown.REGION],
        source: CostDataSource.athena(reports),
      })],
    };
  });
  restore.push(setEnvironment(deployed.environment));
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

/**
 * Athena as the three queries meet it: each QUEUED, then RUNNING, then done. By account succeeds
 * with two result pages (the header row on the first), by service with one, by region fails.
 */
function serveAthena(): void {
  const breakdownOf = new Map<string, string>();
  const polls = new Map<string, number>();
  loopback.on('StartQueryExecution', (request: LoopbackRequest) => {
    const id = `query-${breakdownOf.size + 1}`;
    breakdownOf.set(id, /coalesce\((\w+)/.exec(request.input.QueryString)![1]);
    return awsJsonReply({ QueryExecutionId: id });
  });
  loopback.on('GetQueryExecution', (request: LoopbackRequest) => {
    const id: string = request.input.QueryExecutionId;
    const poll = (polls.get(id) ?? 0) + 1;
    polls.set(id, poll);
    const failed = breakdownOf.get(id) === 'product_region_code';
    const state = poll === 1 ? 'QUEUED' : poll === 2 ? 'RUNNING' : failed ? 'FAILED' : 'SUCCEEDED';
    return awsJsonReply({
      QueryExecution: {
        QueryExecutionId: id,
        Status: { State: state, ...(state === 'FAILED' ? { StateChangeReason: 'Query exhausted resources at this scale factor' } : {}) },
        Statistics: state === 'SUCCEEDED' ? { DataScannedInBytes: id === 'query-1' ? 734_003_200 : 512_000_000 } : {},
      },
    });
  });
  loopback.on('GetQueryResults', (request: LoopbackRequest) => {
    const column = breakdownOf.get(request.input.QueryExecutionId);
    if (column === 'line_item_usage_account_id') {
      const columns = ['period', 'group_key', 'amount', 'group_name'];
      return request.input.NextToken === undefined
        ? awsJsonReply({ ResultSet: athenaResultSet(columns, [columns, ...BY_ACCOUNT_ROWS.slice(0, 3)]), NextToken: 'page-2' })
        : awsJsonReply({ ResultSet: athenaResultSet(columns, BY_ACCOUNT_ROWS.slice(3)) });
    }
    const columns = ['period', 'group_key', 'amount'];
    return awsJsonReply({ ResultSet: athenaResultSet(columns, [columns, ...BY_SERVICE_ROWS]) });
  });
  serveNamedQueries(loopback, deployed);
  acceptOutputs(loopback);
}

describe('cost analysis in Athena mode over the loopback', () => {
  let result: Awaited<ReturnType<typeof handler>>;
  let report: any;

  beforeAll(async () => {
    serveAthena();
    result = await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
    report = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
  }, 30_000);

  test('runs each breakdown\'s query in the workgroup with the billing periods and days as parameters', () => {
    const starts = loopback.requestsFor('StartQueryExecution').map((request) => request.input);
    expect(starts).toHaveLength(3);
    expect(starts[0]).toEqual({
      ClientRequestToken: expect.any(String),
      QueryString: BY_ACCOUNT_SQL,
      QueryExecutionContext: { Database: 'cost_reports' },
      WorkGroup: 'cost-reports',
      ExecutionParameters: ["'2026-09'", "'2026-11'", "'2026-09-01'", "'2026-11-30'"],
    });
    expect(starts.map((start) => /coalesce\((\w+)/.exec(start.QueryString)![1]))
      .toEqual(['line_item_usage_account_id', 'line_item_product_code', 'product_region_code']);
  });

  test('waits through QUEUED and RUNNING, and pages the results', () => {
    const polls = loopback.requestsFor('GetQueryExecution').map((request) => request.input.QueryExecutionId);
    expect(polls).toEqual(['query-1', 'query-1', 'query-1', 'query-2', 'query-2', 'query-2', 'query-3', 'query-3', 'query-3']);
    expect(loopback.requestsFor('GetQueryResults').map((request) => request.input))
      .toEqual([{ QueryExecutionId: 'query-1' }, { QueryExecutionId: 'query-1', NextToken: 'page-2' }, { QueryExecutionId: 'query-2' }]);
  });

  test('makes no Cost Explorer request, and the report says 0', () => {
    expect(loopback.requests.filter((request) => request.service === 'ce')).toEqual([]);
    expect(report.costExplorerRequests.requestCount).toBe(0);
    expect(result.costExplorerRequests).toBe(0);
  });

  test('breaks costs down to the cent, with the series and trend from the first breakdown', () => {
    expect(report.costSummary).toMatchObject({
      metric: 'UnblendedCost',
      unit: 'USD',
      total: '5458.73',
      series: [
        { start: '2026-09-01', end: '2026-10-01', amount: '1830.46', estimated: false },
        { start: '2026-10-01', end: '2026-11-01', amount: '1908.77', estimated: false },
        { start: '2026-11-01', end: '2026-11-30', amount: '1719.50', estimated: true },
      ],
    });
    const [byAccount, byService] = report.costBreakdowns;
    expect(byAccount).toMatchObject({
      label: 'LINKED_ACCOUNT',
      total: '5458.73',
      periodTotals: ['1830.455', '1908.7749999999', '1719.50'],
      top: [
        { key: '111122223333', name: 'payments-prod', amount: '4562.83', periodAmounts: ['1520.33', '1610.00', '1432.50'] },
        { key: '444455556666', name: 'analytics-dev', amount: '895.90', periodAmounts: ['310.125', '298.7749999999', '287.00'] },
      ],
    });
    expect(byService).toMatchObject({ label: 'SERVICE', total: '5458.73', top: [{ key: 'AmazonEC2', amount: '3600.50' }, { key: 'AmazonS3', amount: '1858.23' }] });
  });

  test('gives the same section as the Cost Explorer mode for the same numbers', () => {
    const costExplorerPage = {
      GroupDefinitions: [{ Type: 'DIMENSION' as const, Key: 'LINKED_ACCOUNT' }],
      DimensionValueAttributes: [
        { Value: '111122223333', Attributes: { description: 'payments-prod' } },
        { Value: '444455556666', Attributes: { description: 'analytics-dev' } },
      ],
      ResultsByTime: [['2026-09-01', '2026-10-01'], ['2026-10-01', '2026-11-01'], ['2026-11-01', '2026-11-30']].map(([start, end], index) => ({
        TimePeriod: { Start: start, End: end },
        Total: {},
        Estimated: index === 2,
        Groups: BY_ACCOUNT_ROWS.filter(([period]) => period === start.slice(0, 7)).map(([, account, amount]) => ({
          Keys: [account], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } },
        })),
      })),
    };
    expect(report.costBreakdowns[0]).toEqual(summarizeBreakdown([costExplorerPage], { metric: 'UnblendedCost', topCount: 10 }));
  });

  test('names the failed query as a failed source and keeps the others', () => {
    expect(report.costBreakdowns.map((section: any) => section.label)).toEqual(['LINKED_ACCOUNT', 'SERVICE']);
    expect(report.failedSources).toEqual([{
      source: 'Athena query by REGION',
      errorName: 'Error',
      errorMessage: 'Athena query query-3 FAILED: Query exhausted resources at this scale factor',
    }]);
  });

  test('reports the bytes scanned as a metric (embedded metric format, in Bytes, no PutMetricData) and in the notes', () => {
    expect(metricsLogged()).toContainEqual({ name: 'AthenaDataScannedBytes', dimensions: 'Optimizer=cost-analysis', value: 1_246_003_200 });
    const scanned = metricDocuments().find((document) => document.AthenaDataScannedBytes !== undefined);
    expect(scanned._aws).toEqual({
      Timestamp: Date.parse(SCHEDULED_TIME),
      CloudWatchMetrics: [{ Namespace: 'FinOps/Optimization', Dimensions: [['Optimizer']], Metrics: [{ Name: 'AthenaDataScannedBytes', Unit: 'Bytes' }] }],
    });
    expect(loopback.requestsFor('PutMetricData')).toEqual([]);
    expect(report.notes[0]).toBe('Costs from Athena over cost_reports (workgroup cost-reports): 1246003200 bytes scanned.');
  });
});
