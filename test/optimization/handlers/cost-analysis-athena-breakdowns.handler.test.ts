import { acceptOutputs, athenaResultSet, deployOptimizer, DeployedOptimizer, serveNamedQueries, setEnvironment, storedReport } from './loopback-fixtures';
import { CostFilter } from '../../../src/core/cost-filter';
import { CurExport, CurReport } from '../../../src/cur';
import { CostBreakdown, CostDataSource, CostMetric, Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/cost-analysis.lambda';
import { summarizeBreakdown } from '../../../src/runtime/optimization';
import { AwsLoopback, awsJsonReply, LoopbackReply, LoopbackRequest, useLoopbackEnvironment } from '../../support/aws-loopback';

const SCHEDULED_TIME = '2026-11-30T06:00:00Z';

/**
 * Amortized costs of two accounts' production line items, by the CUR 2.0 tag `team` (the map key
 * `user_team` of resource_tags) and by the cost category `business_unit`, as Athena renders the
 * query's rows: period, group_key (`''` the costs without the key), amount as DECIMAL(38, 10) text.
 * Each period adds up to the same total both ways: 1330.9549999999, 1240.25 and 1015.75.
 */
const BY_TEAM_ROWS = [
  ['2026-09', '', '120.5000000000'],
  ['2026-09', 'payments', '800.1200000000'],
  ['2026-09', 'search', '410.3349999999'],
  // Every line item of October carries the tag: the remainder sums to zero and Cost Explorer lists no `team$` group.
  ['2026-10', '', '0.0000000000'],
  ['2026-10', 'payments', '850.0000000000'],
  ['2026-10', 'search', '390.2500000000'],
  ['2026-11', '', '15.7500000000'],
  ['2026-11', 'payments', '700.0000000000'],
  ['2026-11', 'search', '300.0000000000'],
];
const BY_BUSINESS_UNIT_ROWS = [
  ['2026-09', 'Platform', '405.8349999999'],
  ['2026-09', 'Retail', '925.1200000000'],
  ['2026-10', '', '90.0000000000'],
  ['2026-10', 'Platform', '300.2500000000'],
  ['2026-10', 'Retail', '850.0000000000'],
  ['2026-11', 'Platform', '315.7500000000'],
  ['2026-11', 'Retail', '700.0000000000'],
];
const PERIOD_PARAMETERS = ["'2026-09'", "'2026-11'", "'2026-09-01'", "'2026-11-30'"];
const FILTER_PARAMETERS = ["'111122223333'", "'444455556666'", "'user_environment'", "'prod'"];

const COLUMNS = ['period', 'group_key', 'amount'];

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
        metric: CostMetric.AMORTIZED_COST,
        breakdowns: [CostBreakdown.tag('team'), CostBreakdown.costCategory('business_unit')],
        filter: CostFilter.allOf(CostFilter.linkedAccounts(['111122223333', '444455556666']), CostFilter.tag('environment', ['prod'])),
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

/** Pages of a query's results: the header row first, then `pageSize` rows a page, chained by NextToken. */
function resultPage(rows: string[][], pageSize: number, token: string | undefined): LoopbackReply {
  const page = token === undefined ? 0 : Number(token.replace('page-', ''));
  const body = page === 0 ? [COLUMNS, ...rows.slice(0, pageSize)] : rows.slice(page * pageSize, (page + 1) * pageSize);
  const next = (page + 1) * pageSize < rows.length ? { NextToken: `page-${page + 1}` } : {};
  return awsJsonReply({ ResultSet: athenaResultSet(COLUMNS, body), ...next });
}

function serveAthena(): void {
  const mapColumnOf = new Map<string, string>();
  loopback.on('StartQueryExecution', (request: LoopbackRequest) => {
    const id = `query-${mapColumnOf.size + 1}`;
    mapColumnOf.set(id, /CROSS JOIN UNNEST\((\w+)\)/.exec(request.input.QueryString)![1]);
    return awsJsonReply({ QueryExecutionId: id });
  });
  loopback.on('GetQueryExecution', (request: LoopbackRequest) => awsJsonReply({
    QueryExecution: { QueryExecutionId: request.input.QueryExecutionId, Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 2_097_152 } },
  }));
  loopback.on('GetQueryResults', (request: LoopbackRequest) => (mapColumnOf.get(request.input.QueryExecutionId) === 'resource_tags'
    ? resultPage(BY_TEAM_ROWS, 4, request.input.NextToken)
    : resultPage(BY_BUSINESS_UNIT_ROWS, 10, request.input.NextToken)));
  serveNamedQueries(loopback, deployed);
  acceptOutputs(loopback);
}

describe('cost analysis in Athena mode by a tag and a cost category, amortized and filtered, over the loopback', () => {
  let report: any;

  beforeAll(async () => {
    serveAthena();
    await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
    report = storedReport(loopback, 'cost-analysis', SCHEDULED_TIME);
  }, 30_000);

  test('sends the period, the filter\'s values and the key as execution parameters, in the order of the ?s', () => {
    const starts = loopback.requestsFor('StartQueryExecution').map((request) => request.input);
    expect(starts.map((start) => start.ExecutionParameters)).toEqual([
      [...PERIOD_PARAMETERS, ...FILTER_PARAMETERS, ...PERIOD_PARAMETERS, ...FILTER_PARAMETERS, "'user_team'"],
      [...PERIOD_PARAMETERS, ...FILTER_PARAMETERS, ...PERIOD_PARAMETERS, ...FILTER_PARAMETERS, "'business_unit'"],
    ]);
    for (const start of starts) {
      expect(start).toMatchObject({ QueryExecutionContext: { Database: 'cost_reports' }, WorkGroup: 'cost-reports' });
      expect(start.QueryString.split('?')).toHaveLength(start.ExecutionParameters.length + 1);
      expect(start.QueryString).not.toMatch(/team|business_unit|111122223333|prod/);
    }
  });

  test('reads each query\'s SQL from its named query, by the ID its settings hold', () => {
    const ids = JSON.parse(JSON.parse(deployed.environment.OPTIMIZER_SETTINGS).athenaQueries).map((query: any) => query.namedQueryId);
    expect(loopback.requestsFor('GetNamedQuery').map((request) => request.input)).toEqual(ids.map((id: string) => ({ NamedQueryId: id })));
    expect(loopback.requestsFor('StartQueryExecution').map((request) => request.input.QueryString))
      .toEqual(ids.map((id: string) => deployed.namedQueries.get(id)!.QueryString));
  });

  test('sums amortized cost with the CUR Query Library\'s expression, filtered in both branches', () => {
    const [byTeam] = loopback.requestsFor('StartQueryExecution').map((request) => request.input.QueryString as string);
    expect(byTeam.match(/WHEN line_item_line_item_type = 'SavingsPlanCoveredUsage' THEN coalesce\(CAST\(savings_plan_savings_plan_effective_cost AS DECIMAL\(38, 10\)\), 0\)/g))
      .toHaveLength(2);
    expect(byTeam.match(/AND \(\(line_item_usage_account_id IN \(\?, \?\)\) AND \(element_at\(resource_tags, \?\) IN \(\?\)\)\)/g)).toHaveLength(2);
  });

  test('pages the tag query\'s results by NextToken', () => {
    expect(loopback.requestsFor('GetQueryResults').map((request) => request.input)).toEqual([
      { QueryExecutionId: 'query-1' },
      { QueryExecutionId: 'query-1', NextToken: 'page-1' },
      { QueryExecutionId: 'query-1', NextToken: 'page-2' },
      { QueryExecutionId: 'query-2' },
    ]);
  });

  test('breaks the amortized costs down by value, the costs without the key as \'\', to the cent', () => {
    expect(report.costSummary).toMatchObject({
      metric: 'AmortizedCost',
      total: '3586.95',
      series: [
        { start: '2026-09-01', end: '2026-10-01', amount: '1330.95' },
        { start: '2026-10-01', end: '2026-11-01', amount: '1240.25' },
        { start: '2026-11-01', end: '2026-11-30', amount: '1015.75' },
      ],
    });
    const [byTeam, byBusinessUnit] = report.costBreakdowns;
    expect(byTeam).toMatchObject({
      label: 'tag team',
      total: '3586.95',
      top: [
        { key: 'payments', amount: '2350.12', periodAmounts: ['800.12', '850.00', '700.00'] },
        { key: 'search', amount: '1100.58', periodAmounts: ['410.3349999999', '390.25', '300.00'] },
        { key: '', amount: '136.25', periodAmounts: ['120.50', '0.00', '15.75'] },
      ],
    });
    expect(byTeam.top).toHaveLength(3);
    expect(byBusinessUnit).toMatchObject({
      label: 'cost category business_unit',
      total: '3586.95',
      top: [
        { key: 'Retail', amount: '2475.12' },
        { key: 'Platform', amount: '1021.83' },
        { key: '', amount: '90.00' },
      ],
    });
  });

  test('gives the same sections as Cost Explorer\'s pages grouped key$value, with key$ for the costs without the key', () => {
    const costExplorerPage = (groupBy: { Type: 'TAG' | 'COST_CATEGORY'; Key: string }, rows: string[][]) => ({
      GroupDefinitions: [groupBy],
      ResultsByTime: [['2026-09-01', '2026-10-01'], ['2026-10-01', '2026-11-01'], ['2026-11-01', '2026-11-30']].map(([start, end], index) => ({
        TimePeriod: { Start: start, End: end },
        Total: {},
        Estimated: index === 2,
        Groups: rows.filter(([period, value, amount]) => period === start.slice(0, 7) && !(value === '' && Number(amount) === 0))
          .map(([, value, amount]) => ({ Keys: [`${groupBy.Key}$${value}`], Metrics: { AmortizedCost: { Amount: amount, Unit: 'USD' } } })),
      })),
    });
    expect(report.costBreakdowns).toEqual([
      summarizeBreakdown([costExplorerPage({ Type: 'TAG', Key: 'team' }, BY_TEAM_ROWS)], { metric: 'AmortizedCost', topCount: 10 }),
      summarizeBreakdown([costExplorerPage({ Type: 'COST_CATEGORY', Key: 'business_unit' }, BY_BUSINESS_UNIT_ROWS)], { metric: 'AmortizedCost', topCount: 10 }),
    ]);
  });
});
