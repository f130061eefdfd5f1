import { FOCUS_BY_ACCOUNT_SQL } from '../athena-sql';
import { acceptOutputs, athenaResultSet, deployOptimizer, DeployedOptimizer, serveNamedQueries, setEnvironment, storedReport, wireFixture } from './loopback-fixtures';
import { CurExport, CurReport } from '../../../src/cur';
import { CostBreakdown, CostDataSource, CostMetric, Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/cost-analysis.lambda';
import { AwsLoopback, awsJsonReply, LoopbackRequest, useLoopbackEnvironment } from '../../support/aws-loopback';

const SCHEDULED_TIME = '2026-11-30T06:00:00Z';

/**
 * Net amortized costs (EffectiveCost) of two accounts, as Athena renders the FOCUS queries' rows:
 * period, group_key, CAST(sum(CAST(effectivecost AS DECIMAL(38, 10))) AS VARCHAR) (ten decimals,
 * a double's residue showing as ...9999) and, by account, max(subaccountname). The three breakdowns
 * partition the same costs: each period adds up to 1500.5549999999, 1560.33 and 1395.2549999999.
 */
const BY_ACCOUNT_ROWS = [
  ['2026-09', '111122223333', '1200.4549999999', 'payments-prod'],
  ['2026-09', '444455556666', '300.1000000000', 'analytics-dev'],
  ['2026-10', '111122223333', '1250.0000000000', 'payments-prod'],
  ['2026-10', '444455556666', '310.3300000000', 'analytics-dev'],
  ['2026-11', '111122223333', '1100.2500000000', 'payments-prod'],
  ['2026-11', '444455556666', '295.0049999999', 'analytics-dev'],
];
const BY_REGION_ROWS = [
  ['2026-09', 'eu-west-1', '500.0000000000'],
  ['2026-09', 'us-east-1', '1000.5549999999'],
  ['2026-10', 'eu-west-1', '500.0000000000'],
  ['2026-10', 'us-east-1', '1060.3300000000'],
  ['2026-11', 'eu-west-1', '500.0000000000'],
  ['2026-11', 'us-east-1', '895.2549999999'],
];
/** By the tag `team` (the FOCUS Tags key as the user wrote it); `''` the costs without it, zero in October. */
const BY_TEAM_ROWS = [
  ['2026-09', '', '200.5549999999'],
  ['2026-09', 'payments', '1000.0000000000'],
  ['2026-09', 'search', '300.0000000000'],
  ['2026-10', '', '0.0000000000'],
  ['2026-10', 'payments', '1060.3300000000'],
  ['2026-10', 'search', '500.0000000000'],
  ['2026-11', '', '95.2549999999'],
  ['2026-11', 'payments', '1000.0000000000'],
  ['2026-11', 'search', '300.0000000000'],
];
const PERIOD_PARAMETERS = ["'2026-09'", "'2026-11'", "'2026-09-01'", "'2026-11-30'"];
const PERIODS = [['2026-09-01', '2026-10-01'], ['2026-10-01', '2026-11-01'], ['2026-11-01', '2026-11-30']];


const analysis = { lookbackMonths: 2, metric: CostMetric.NET_AMORTIZED_COST, breakdowns: [CostBreakdown.LINKED_ACCOUNT, CostBreakdown.REGION, CostBreakdown.tag('team')] };

let loopback: AwsLoopback;
let overFocus: DeployedOptimizer;
let overCostExplorer: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  overFocus = deployOptimizer(OptimizerKind.COST_ANALYSIS, (stack) => {
    const reports = new CurReport(stack, 'Reports', {
      exports: [CurExport.focus({ exportName: 'focus-daily' })], databaseName: 'cost_reports', workGroupName: 'cost-reports',
    });
    return { optimizers: [Optimizer.costAnalysis({ ...analysis, source: CostDataSource.athena(reports) })] };
  });
  overCostExplorer = deployOptimizer(OptimizerKind.COST_ANALYSIS, { optimizers: [Optimizer.costAnalysis(analysis)] });
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

/** The rows a query answers, told by the column it groups by. */
function rowsFor(sql: string): { columns: string[]; rows: string[][] } {
  if (sql.includes('coalesce(subaccountid')) {
    return { columns: ['period', 'group_key', 'amount', 'group_name'], rows: BY_ACCOUNT_ROWS };
  }
  return { columns: ['period', 'group_key', 'amount'], rows: sql.includes('coalesce(regionid') ? BY_REGION_ROWS : BY_TEAM_ROWS };
}

/** Athena: each query QUEUED, then SUCCEEDED; the results in pages of four rows (the header row on the first). */
function serveAthena(): void {
  const sqlOf = new Map<string, string>();
  const polls = new Map<string, number>();
  loopback.on('StartQueryExecution', (request: LoopbackRequest) => {
    const id = `query-${sqlOf.size + 1}`;
    sqlOf.set(id, request.input.QueryString);
    return awsJsonReply({ QueryExecutionId: id });
  });
  loopback.on('GetQueryExecution', (request: LoopbackRequest) => {
    const id: string = request.input.QueryExecutionId;
    const poll = (polls.get(id) ?? 0) + 1;
    polls.set(id, poll);
    return awsJsonReply({
      QueryExecution: {
        QueryExecutionId: id,
        Status: { State: poll === 1 ? 'QUEUED' : 'SUCCEEDED' },
        Statistics: poll === 1 ? {} : { DataScannedInBytes: 104_857_600 },
      },
    });
  });
  loopback.on('GetQueryResults', (request: LoopbackRequest) => {
    const { columns, rows } = rowsFor(sqlOf.get(request.input.QueryExecutionId)!);
    const all = [columns, ...rows];
    const page = Number(request.input.NextToken ?? '0');
    const next = page + 4 < all.length ? { NextToken: String(page + 4) } : {};
    return awsJsonReply({ ResultSet: athenaResultSet(columns, all.slice(page, page + 4)), ...next });
  });
  serveNamedQueries(loopback, overFocus);
}

/**
 * Cost Explorer answering the same costs as GetCostAndUsage would: linked accounts with their names
 * (DimensionValueAttributes), the tag's groups as `team$<value>`, `team$` for untagged costs and no
 * such group when there are none; the last period, reaching today, estimated.
 */
function serveCostExplorer(): void {
  loopback.on('GetCostAndUsage', (request: LoopbackRequest) => {
    const groupBy = request.input.GroupBy[0];
    const rows = groupBy.Key === 'LINKED_ACCOUNT' ? BY_ACCOUNT_ROWS : groupBy.Key === 'REGION' ? BY_REGION_ROWS : BY_TEAM_ROWS;
    const keyOf = (value: string) => (groupBy.Type === 'TAG' ? `team$${value}` : value);
    return awsJsonReply({
      GroupDefinitions: [groupBy],
      ...(groupBy.Key === 'LINKED_ACCOUNT' ? {
        DimensionValueAttributes: [
          { Value: '111122223333', Attributes: { description: 'payments-prod' } },
          { Value: '444455556666', Attributes: { description: 'analytics-dev' } },
        ],
      } : {}),
      ResultsByTime: PERIODS.map(([start, end], index) => ({
        TimePeriod: { Start: start, End: end },
        Total: {},
        Estimated: index === PERIODS.length - 1,
        Groups: rows.filter(([period, value, amount]) => period === start.slice(0, 7) && !(value === '' && Number(amount) === 0))
          .map(([, value, amount]) => ({ Keys: [keyOf(value)], Metrics: { NetAmortizedCost: { Amount: amount, Unit: 'USD' } } })),
      })),
    });
  });
  loopback.on('GetCostForecast', () => awsJsonReply(wireFixture('GetCostForecast')));
  loopback.on('GetAnomalies', () => awsJsonReply({ Anomalies: [] }));
}

describe('cost analysis in Athena mode over a FOCUS table, over the loopback', () => {
  let focusReport: any;
  let costExplorerReport: any;

  beforeAll(async () => {
    serveAthena();
    serveCostExplorer();
    acceptOutputs(loopback);
    const undoFocus = setEnvironment(overFocus.environment);
    await handler(overFocus.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: overFocus.functionArn });
    focusReport = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
    undoFocus();
    const undoCostExplorer = setEnvironment(overCostExplorer.environment);
    await handler(overCostExplorer.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: overCostExplorer.functionArn });
    costExplorerReport = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
    undoCostExplorer();
  }, 30_000);

  test('runs the saved FOCUS queries in the workgroup, every value an execution parameter', () => {
    const starts = loopback.requestsFor('StartQueryExecution').map((request) => request.input);
    expect(starts).toHaveLength(3);
    expect(starts[0]).toEqual({
      ClientRequestToken: expect.any(String),
      QueryString: FOCUS_BY_ACCOUNT_SQL,
      QueryExecutionContext: { Database: 'cost_reports' },
      WorkGroup: 'cost-reports',
      ExecutionParameters: PERIOD_PARAMETERS,
    });
    expect(starts[1].QueryString).toBe(FOCUS_BY_ACCOUNT_SQL.replace('subaccountid', 'regionid')
      .replace('AS amount,\n  max(subaccountname) AS group_name', 'AS amount'));
    expect(starts[1].ExecutionParameters).toEqual(PERIOD_PARAMETERS);
    expect(starts[2].QueryString).toContain('CROSS JOIN UNNEST(tags) AS entry(entry_key, entry_value)');
    expect(starts[2].QueryString).not.toContain('team');
    expect(starts[2].ExecutionParameters).toEqual([...PERIOD_PARAMETERS, ...PERIOD_PARAMETERS, "'team'"]);
  });

  test('polls each query until it succeeds and reads every page of its results', () => {
    expect(loopback.requestsFor('GetQueryExecution').map((request) => request.input.QueryExecutionId))
      .toEqual(['query-1', 'query-1', 'query-2', 'query-2', 'query-3', 'query-3']);
    expect(loopback.requestsFor('GetQueryResults').map((request) => request.input)).toEqual([
      { QueryExecutionId: 'query-1' }, { QueryExecutionId: 'query-1', NextToken: '4' },
      { QueryExecutionId: 'query-2' }, { QueryExecutionId: 'query-2', NextToken: '4' },
      { QueryExecutionId: 'query-3' }, { QueryExecutionId: 'query-3', NextToken: '4' }, { QueryExecutionId: 'query-3', NextToken: '8' },
    ]);
  });

  test('sums net amortized costs to the cent, by account with their names, by Region and by tag', () => {
    expect(focusReport.costExplorerRequests.requestCount).toBe(0);
    expect(focusReport.costSummary).toMatchObject({
      metric: 'NetAmortizedCost',
      unit: 'USD',
      total: '4456.14',
      series: [
        { start: '2026-09-01', end: '2026-10-01', amount: '1500.55', estimated: false },
        { start: '2026-10-01', end: '2026-11-01', amount: '1560.33', estimated: false },
        { start: '2026-11-01', end: '2026-11-30', amount: '1395.25', estimated: true },
      ],
    });
    const [byAccount, byRegion, byTeam] = focusReport.costBreakdowns;
    expect(byAccount).toMatchObject({
      label: 'LINKED_ACCOUNT',
      top: [
        { key: '111122223333', name: 'payments-prod', amount: '3550.71' }, // 3550.7049999999: the rendered groups add up to the total, 4456.14
        { key: '444455556666', name: 'analytics-dev', amount: '905.43' },
      ],
    });
    expect(byRegion.top.map((group: any) => [group.key, group.amount])).toEqual([['us-east-1', '2956.14'], ['eu-west-1', '1500.00']]);
    expect(byTeam.top.map((group: any) => [group.key, group.amount]))
      .toEqual([['payments', '3060.33'], ['search', '1100.00'], ['', '295.81']]);
  });

  test('gives the same cost sections as the Cost Explorer mode for the same costs', () => {
    expect(loopback.requestsFor('GetCostAndUsage').map((request) => request.input.Metrics)).toEqual([['NetAmortizedCost'], ['NetAmortizedCost'], ['NetAmortizedCost']]);
    expect(focusReport.costSummary).toEqual(costExplorerReport.costSummary);
    expect(focusReport.costBreakdowns).toEqual(costExplorerReport.costBreakdowns);
  });
});
