import { AthenaClient } from '@aws-sdk/client-athena';
import { CostExplorerClient, type GetCostAndUsageRequest, type GetCostAndUsageResponse, type GroupDefinition } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import {
  athenaCostParameters,
  breakdownLabel,
  buildCostForecastRequest,
  buildReport,
  collectSource,
  costAndUsagePageFromRows,
  CostExplorerRequestCounter,
  failedSources,
  FORECAST_METRICS,
  planCostAndUsageRequests,
  successfulData,
  summarizeBreakdown,
  summarizeCosts,
  type AthenaCostRow,
  type CostBreakdownSection,
  type CostPeriod,
  type SourceResult,
} from '../runtime/optimization';
import { DEFAULT_ATHENA_POLLING, namedQuerySql, runAthenaQuery } from '../runtime/optimization-handlers/athena-source';
import { readCostAnalysisSettings, type AthenaCostSettings, type CostAnalysisSettings } from '../runtime/optimization-handlers/cost-analysis-settings';
import { anomaliesFrom, costAndUsagePagesFrom, forecastFrom } from '../runtime/optimization-handlers/cost-explorer-sources';
import { accountIdOfFunctionArn, readOptimizerEnvironment, runTimeOf } from '../runtime/optimization-handlers/environment';
import { athenaScanMetricData } from '../runtime/optimization-handlers/metrics';
import { publishMetrics } from '../runtime/optimization-handlers/outputs';
import { analysisPeriod, dayOf, daysBefore, forecastPeriod } from '../runtime/optimization-handlers/periods';
import { finishRun, RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const athena = new AthenaClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const clients = { s3: new S3Client({}), sns: new SNSClient({}) };

/** One breakdown as both modes answer it: the pages of its question and its report section. */
interface AnsweredBreakdown {
  readonly pages: GetCostAndUsageResponse[];
  readonly groupBy: GroupDefinition;
  readonly section: CostBreakdownSection;
}

/**
 * The daily cost analysis: spend broken down each way asked for (one GetCostAndUsage query per
 * breakdown, paged, whatever the number of accounts), its trend, the forecast with its prediction
 * interval, and recent anomalies with root causes. In Athena mode each breakdown is one query over
 * the CUR 2.0 or FOCUS table instead, read into the same sections, and Cost Explorer is not called at all.
 * A breakdown that fails is named in the report; the others still make it.
 */
export async function handler(
  event: unknown,
  context: Pick<Context, 'invokedFunctionArn'> & Partial<Pick<Context, 'getRemainingTimeInMillis'>>,
): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const counter = new CostExplorerRequestCounter();
  const settings = readCostAnalysisSettings(environment.settings);
  const period = analysisPeriod(now, settings.lookbackMonths);
  if (settings.athena !== undefined) {
    // Queries still running when the function has 30 seconds left are stopped, so the report is still written.
    const deadline = context.getRemainingTimeInMillis === undefined ? undefined : Date.now() + context.getRemainingTimeInMillis() - 30_000;
    const { breakdowns, dataScannedInBytes } = await athenaBreakdowns(settings, settings.athena, period, deadline);
    const report = buildReport({
      ...costSections(successfulData(breakdowns), settings.metric),
      accountId,
      generatedAt: now,
      period,
      opportunities: [],
      costExplorerRequests: counter.usage(),
      failedSources: failedSources(breakdowns),
      notes: [
        `Costs from Athena over ${settings.athena.database} (workgroup ${settings.athena.workGroup}): ${dataScannedInBytes} bytes scanned.`,
        'No forecast or anomalies: they come from Cost Explorer, which the Athena mode does not call.',
      ],
    });
    const result = await finishRun(clients, environment, report);
    publishMetrics(environment, athenaScanMetricData(environment.optimizer, dataScannedInBytes, now));
    return result;
  }
  const requests = planCostAndUsageRequests({
    ...period, granularity: settings.granularity, metrics: [settings.metric], breakdowns: settings.breakdowns, filter: settings.filter,
  });
  const breakdowns: Array<SourceResult<AnsweredBreakdown>> = [];
  for (const request of requests) {
    breakdowns.push(await collectSource(breakdownSource(request), async () => {
      const pages = await costAndUsagePagesFrom(costExplorer, counter, request);
      return answered(pages, request.GroupBy![0], settings);
    }));
  }
  const forecastable = FORECAST_METRICS[settings.metric] !== undefined;
  const forecast = forecastable
    ? await collectSource(SOURCES.costForecast, () => forecastFrom(costExplorer, counter, buildCostForecastRequest({
      ...forecastPeriod(now, settings.forecastMonths),
      metric: settings.metric,
      predictionIntervalLevel: settings.predictionIntervalLevel,
      filter: settings.filter,
    })))
    : undefined;
  const anomalies = await collectSource(SOURCES.anomalies,
    () => anomaliesFrom(costExplorer, counter, daysBefore(now, settings.anomalyLookbackDays), dayOf(now)));
  const report = buildReport({
    ...costSections(successfulData(breakdowns), settings.metric),
    accountId,
    generatedAt: now,
    period,
    forecast: forecast?.ok ? forecast.data : undefined,
    anomalies: anomalies.ok ? anomalies.data : undefined,
    opportunities: [],
    costExplorerRequests: counter.usage(),
    failedSources: failedSources([...breakdowns, ...(forecast === undefined ? [] : [forecast]), anomalies]),
    notes: forecastable ? [] : [`GetCostForecast does not forecast ${settings.metric}: no forecast this run.`],
  });
  return finishRun(clients, environment, report);
}

/** Each breakdown's named query read and run in Athena (in order, each a source of its own), and read as the GetCostAndUsage page it stands for. */
async function athenaBreakdowns(
  settings: CostAnalysisSettings,
  athenaSettings: AthenaCostSettings,
  period: CostPeriod,
  deadline: number | undefined,
) {
  let dataScannedInBytes = 0;
  const breakdowns: Array<SourceResult<AnsweredBreakdown>> = [];
  for (const query of athenaSettings.queries) {
    breakdowns.push(await collectSource(`Athena query by ${breakdownLabel(query.groupBy)}`, async () => {
      const sql = await namedQuerySql(athena, query.namedQueryId);
      const result = await runAthenaQuery(athena, {
        workGroup: athenaSettings.workGroup, database: athenaSettings.database, sql, parameters: athenaCostParameters(period, query.parameters),
      }, { ...DEFAULT_ATHENA_POLLING, deadline });
      dataScannedInBytes += result.dataScannedInBytes;
      const page = costAndUsagePageFromRows(result.rows as unknown as AthenaCostRow[], {
        period, granularity: settings.granularity, groupBy: query.groupBy, metric: settings.metric,
      });
      return answered([page], query.groupBy, settings);
    }));
  }
  return { breakdowns, dataScannedInBytes };
}

function answered(pages: GetCostAndUsageResponse[], groupBy: GroupDefinition, settings: CostAnalysisSettings): AnsweredBreakdown {
  return { pages, groupBy, section: summarizeBreakdown(pages, { metric: settings.metric, topCount: settings.topGroupsCount }) };
}

/** Every breakdown partitions the same costs: the first that answered gives the total, series and trend. */
function costSections(answeredBreakdowns: readonly AnsweredBreakdown[], metric: string) {
  return {
    costSummary: answeredBreakdowns.length === 0 ? undefined
      : summarizeCosts(answeredBreakdowns[0].pages, { metric, groupBy: answeredBreakdowns[0].groupBy }),
    costBreakdowns: answeredBreakdowns.map((breakdown) => breakdown.section),
  };
}

/** The source a breakdown's query is reported as when it fails: `Cost Explorer GetCostAndUsage by LINKED_ACCOUNT`. */
function breakdownSource(request: GetCostAndUsageRequest): string {
  return `${SOURCES.costAndUsage} by ${breakdownLabel(request.GroupBy![0])}`;
}
