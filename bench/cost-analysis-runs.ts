import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Measurement } from './measure';
import { CurExport, CurReport } from '../src/cur';
import { CostBreakdown, CostDataSource, CostMetric, Optimizer, OptimizerKind } from '../src/optimization';
// The clients it creates when loaded find their endpoint, region and credentials in the environment at their first request.
import { handler } from '../src/optimization/cost-analysis.lambda';
import { acceptOutputWrites, deployOptimizer, DeployedOptimizer, serveNamedQueries, wireFixture } from '../test/optimization/handlers/loopback-fixtures';
import { AwsLoopback, awsJsonReply, LoopbackRequest, setEnvironment, useLoopbackEnvironment } from '../test/support/aws-loopback';

/** The breakdowns of a run with 1, 2 and 4 of them: the seed's by service, then by account, region and a tag. */
const BREAKDOWNS = [CostBreakdown.SERVICE, CostBreakdown.LINKED_ACCOUNT, CostBreakdown.REGION, CostBreakdown.tag('team')];
export const BREAKDOWN_COUNTS = [1, 2, 4];
const SCHEDULED_TIME = '2026-11-30T06:00:00Z';

/** A column of a Glue table the CurReport creates, as the template declares it. */
export interface GlueColumn {
  readonly name: string;
  readonly type: string;
}

/** What a benchmarked cost analysis asks: its mode, the first `breakdownCount` of {@link BREAKDOWNS}, its metric. */
export interface CostAnalysisSpec {
  readonly mode: 'cost_explorer' | 'athena';
  readonly breakdownCount: number;
  /** @default CostMetric.UNBLENDED_COST */
  readonly metric?: CostMetric;
}

/** Each mode with 1, 2 and 4 breakdowns, unblended (the default metric). */
export const MODES_BY_BREAKDOWN_COUNT: CostAnalysisSpec[] = (['cost_explorer', 'athena'] as const)
  .flatMap((mode) => BREAKDOWN_COUNTS.map((breakdownCount) => ({ mode, breakdownCount })));

/** One cost analysis, synthesized in a pipeline and deployed as CloudFormation would. */
export interface SynthesizedCostAnalysis extends CostAnalysisSpec {
  readonly optimizer: DeployedOptimizer;
  /** Athena mode: the named queries the function runs, in the order of the breakdowns: name (`cur2_daily cost-analysis-by-region`) and SQL. */
  readonly queries: Array<{ readonly name: string; readonly sql: string }>;
  /** Athena mode: the database, and the columns and partition keys of each table of the report, by table name. */
  readonly database?: string;
  readonly tables: ReadonlyMap<string, { readonly columns: GlueColumn[]; readonly partitionKeys: GlueColumn[] }>;
}

/** Each cost analysis in a pipeline of its own; the Athena mode over a CurReport's CUR 2.0 table. */
export function synthesizeCostAnalyses(specs: readonly CostAnalysisSpec[]): SynthesizedCostAnalysis[] {
  return specs.map(({ mode, breakdownCount, metric }) => {
    let stack: Stack | undefined;
    const optimizer = deployOptimizer(OptimizerKind.COST_ANALYSIS, (scope) => {
      stack = scope;
      const source = mode === 'cost_explorer' ? undefined : CostDataSource.athena(new CurReport(scope, 'Reports', {
        exports: [CurExport.cur2({ exportName: 'cur2-daily' })], databaseName: 'cost_reports', workGroupName: 'cost-reports',
      }));
      return { optimizers: [Optimizer.costAnalysis({ breakdowns: BREAKDOWNS.slice(0, breakdownCount), metric, source })] };
    });
    const settings = JSON.parse(optimizer.environment.OPTIMIZER_SETTINGS);
    const queryIds: string[] = settings.athenaQueries === undefined ? [] : JSON.parse(settings.athenaQueries).map((query: any) => query.namedQueryId);
    return {
      mode,
      breakdownCount,
      metric,
      optimizer,
      queries: queryIds.map((id) => optimizer.namedQueries.get(id)!).map((query) => ({ name: query.Name, sql: query.QueryString })),
      database: settings.athenaDatabase,
      tables: glueTables(Template.fromStack(stack!).toJSON()),
    };
  });
}

/** Each Glue table of a template: its columns and partition keys with their types. */
function glueTables(template: any): Map<string, { columns: GlueColumn[]; partitionKeys: GlueColumn[] }> {
  const toColumn = (column: any): GlueColumn => ({ name: column.Name, type: column.Type });
  return new Map(Object.values<any>(template.Resources ?? {})
    .filter((resource) => resource.Type === 'AWS::Glue::Table')
    .map((resource) => [resource.Properties.TableInput.Name, {
      columns: resource.Properties.TableInput.StorageDescriptor.Columns.map(toColumn),
      partitionKeys: (resource.Properties.TableInput.PartitionKeys ?? []).map(toColumn),
    }]));
}

/**
 * Runs the cost analysis handler (src/optimization/cost-analysis.lambda.ts, as deployed: its
 * environment from the template) once per synthesized analysis against one loopback, and counts
 * what each run sent: Cost Explorer requests (SigV4 service `ce`), Athena queries started and Athena
 * requests in all. Cost Explorer answers with the recorded fixtures (GetCostAndUsage in two pages);
 * Athena with finished queries of one row per group and month.
 */
export async function costAnalysisRequests(analyses: readonly SynthesizedCostAnalysis[]): Promise<Measurement[]> {
  const loopback = await AwsLoopback.start();
  const restoreEnvironment = useLoopbackEnvironment(loopback.endpoint);
  try {
    serveCostAnalysisSources(loopback);
    const measurements: Measurement[] = [];
    for (const analysis of analyses) {
      serveNamedQueries(loopback, analysis.optimizer);
      const first = loopback.requests.length;
      const restoreOptimizer = setEnvironment(analysis.optimizer.environment);
      try {
        const event = analysis.optimizer.scheduledEvent(SCHEDULED_TIME);
        await withStdoutCaptured(() => handler(event, { invokedFunctionArn: analysis.optimizer.functionArn }));
      } finally {
        restoreOptimizer();
      }
      const sent = loopback.requests.slice(first);
      const name = `cost_analysis.${analysis.mode}.breakdowns_${analysis.breakdownCount}`;
      measurements.push(
        { name: `${name}.cost_explorer_requests`, value: sent.filter((request) => request.service === 'ce').length, unit: 'requests' },
        { name: `${name}.athena_queries`, value: sent.filter((request) => request.operation === 'StartQueryExecution').length, unit: 'queries' },
        { name: `${name}.athena_requests`, value: sent.filter((request) => request.service === 'athena').length, unit: 'requests' },
      );
    }
    return measurements;
  } finally {
    restoreEnvironment();
    await loopback.stop();
  }
}

function serveCostAnalysisSources(loopback: AwsLoopback): void {
  loopback.on('GetCostAndUsage', (request: LoopbackRequest) => awsJsonReply({
    ...wireFixture(`GetCostAndUsage.monthly-by-service.page${request.input.NextPageToken === undefined ? 1 : 2}`),
    GroupDefinitions: request.input.GroupBy,
  }));
  loopback.on('GetCostForecast', () => awsJsonReply(wireFixture('GetCostForecast')));
  loopback.on('GetAnomalies', (request: LoopbackRequest) => awsJsonReply(wireFixture(`GetAnomalies.page${request.input.NextPageToken === undefined ? 1 : 2}`)));
  let started = 0;
  loopback.on('StartQueryExecution', () => awsJsonReply({ QueryExecutionId: `query-${++started}` }));
  loopback.on('GetQueryExecution', (request: LoopbackRequest) => awsJsonReply({
    QueryExecution: { QueryExecutionId: request.input.QueryExecutionId, Status: { State: 'SUCCEEDED' }, Statistics: { DataScannedInBytes: 0 } },
  }));
  const months = ['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11'];
  const rows = [['period', 'group_key', 'amount'], ...months.flatMap((month) => [[month, 'group-a', '120.50'], [month, 'group-b', '80.25']])];
  loopback.on('GetQueryResults', () => awsJsonReply({
    ResultSet: { Rows: rows.map((row) => ({ Data: row.map((value) => ({ VarCharValue: value })) })) },
  }));
  acceptOutputWrites(loopback);
}

/** The handler logs and writes its metrics (embedded metric format) to stdout, where the bench prints its figures. */
async function withStdoutCaptured<T>(work: () => Promise<T>): Promise<T> {
  const write = process.stdout.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await work();
  } finally {
    process.stdout.write = write;
  }
}
