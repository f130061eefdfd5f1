import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, type GetCostAndUsageRequest } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import {
  breakdownLabel,
  buildCostForecastRequest,
  buildReport,
  collectSource,
  CostExplorerRequestCounter,
  failedSources,
  FORECAST_METRICS,
  planCostAndUsageRequests,
  successfulData,
  summarizeBreakdown,
  summarizeCosts,
} from '../runtime/optimization';
import { readCostAnalysisSettings } from '../runtime/optimization-handlers/cost-analysis-settings';
import { anomaliesFrom, costAndUsagePagesFrom, forecastFrom } from '../runtime/optimization-handlers/cost-explorer-sources';
import { accountIdOfFunctionArn, readOptimizerEnvironment, runTimeOf } from '../runtime/optimization-handlers/environment';
import { analysisPeriod, dayOf, daysBefore, forecastPeriod } from '../runtime/optimization-handlers/periods';
import { finishRun, RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const clients = { s3: new S3Client({}), sns: new SNSClient({}), cloudWatch: new CloudWatchClient({}) };

/**
 * The daily cost analysis: spend broken down each way asked for (one GetCostAndUsage query per
 * breakdown, paged, whatever the number of accounts), its trend, the forecast with its prediction
 * interval, and recent anomalies with root causes. A breakdown that fails is named in the report;
 * the others still make it.
 */
export async function handler(event: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const counter = new CostExplorerRequestCounter();
  const settings = readCostAnalysisSettings(environment.settings);
  const period = analysisPeriod(now, settings.lookbackMonths);
  const requests = planCostAndUsageRequests({
    ...period, granularity: settings.granularity, metrics: [settings.metric], breakdowns: settings.breakdowns, filter: settings.filter,
  });
  const breakdowns = [];
  for (const request of requests) {
    breakdowns.push(await collectSource(breakdownSource(request), async () => {
      const pages = await costAndUsagePagesFrom(costExplorer, counter, request);
      const section = summarizeBreakdown(pages, { metric: settings.metric, topCount: settings.topGroupsCount });
      return { pages, groupBy: request.GroupBy![0], section };
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
  // Every breakdown partitions the same costs: the first that answered gives the total, series and trend.
  const answered = successfulData(breakdowns);
  const report = buildReport({
    accountId,
    generatedAt: now,
    period,
    costSummary: answered.length === 0 ? undefined : summarizeCosts(answered[0].pages, { metric: settings.metric, groupBy: answered[0].groupBy }),
    costBreakdowns: answered.map((breakdown) => breakdown.section),
    forecast: forecast?.ok ? forecast.data : undefined,
    anomalies: anomalies.ok ? anomalies.data : undefined,
    opportunities: [],
    costExplorerRequests: counter.usage(),
    failedSources: failedSources([...breakdowns, ...(forecast === undefined ? [] : [forecast]), anomalies]),
    notes: forecastable ? [] : [`GetCostForecast does not forecast ${settings.metric}: no forecast this run.`],
  });
  return finishRun(clients, environment, report);
}

/** The source a breakdown's query is reported as when it fails: `Cost Explorer GetCostAndUsage by LINKED_ACCOUNT`. */
function breakdownSource(request: GetCostAndUsageRequest): string {
  return `${SOURCES.costAndUsage} by ${breakdownLabel(request.GroupBy![0])}`;
}
