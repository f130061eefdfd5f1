import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import {
  buildCostForecastRequest,
  buildReport,
  collectSource,
  CostExplorerRequestCounter,
  failedSources,
  planCostAndUsageRequests,
} from '../runtime/optimization';
import { anomaliesFrom, costSummaryFrom, forecastFrom } from '../runtime/optimization-handlers/cost-explorer-sources';
import { accountIdOfFunctionArn, readOptimizerEnvironment, runTimeOf } from '../runtime/optimization-handlers/environment';
import { analysisPeriod, dayOf, daysBefore, forecastPeriod } from '../runtime/optimization-handlers/periods';
import { finishRun, RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const clients = { s3: new S3Client({}), sns: new SNSClient({}), cloudWatch: new CloudWatchClient({}) };

/**
 * The daily cost analysis: spend by service with its trend, the forecast with its prediction
 * interval, and recent anomalies with root causes. Three Cost Explorer requests when each
 * answer fits in one page.
 */
export async function handler(event: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const counter = new CostExplorerRequestCounter();
  const lookbackMonths = Number(environment.settings.lookbackMonths ?? '6');
  const anomalyLookbackDays = Number(environment.settings.anomalyLookbackDays ?? '30');
  const period = analysisPeriod(now, lookbackMonths);
  const forecast = forecastPeriod(now, Number(environment.settings.forecastMonths ?? '1'));
  const [costs, forecastResult, anomalies] = [
    await collectSource(SOURCES.costAndUsage, () =>
      costSummaryFrom(costExplorer, counter, planCostAndUsageRequests({ ...period, granularity: 'MONTHLY' }))),
    await collectSource(SOURCES.costForecast, () => forecastFrom(costExplorer, counter, buildCostForecastRequest({
      ...forecast,
      predictionIntervalLevel: Number(environment.settings.predictionIntervalLevel ?? '80'),
    }))),
    await collectSource(SOURCES.anomalies, () => anomaliesFrom(costExplorer, counter, daysBefore(now, anomalyLookbackDays), dayOf(now))),
  ];
  const report = buildReport({
    accountId,
    generatedAt: now,
    period,
    costSummary: costs.ok ? costs.data : undefined,
    forecast: forecastResult.ok ? forecastResult.data : undefined,
    anomalies: anomalies.ok ? anomalies.data : undefined,
    opportunities: [],
    costExplorerRequests: counter.usage(),
    failedSources: failedSources([costs, forecastResult, anomalies]),
  });
  return finishRun(clients, environment, report);
}
