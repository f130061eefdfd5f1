import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import {
  collectSource, commitmentUsageNotes, CostExplorerRequestCounter, reservationServicesOf, sourceSucceeded, type ReportWithCommitmentUsage,
} from '../runtime/optimization';
import { commitmentUsageFrom } from '../runtime/optimization-handlers/commitment-usage-source';
import { reservationsFrom, savingsPlansFrom } from '../runtime/optimization-handlers/cost-explorer-sources';
import { accountIdOfFunctionArn, readOptimizerEnvironment, runTimeOf } from '../runtime/optimization-handlers/environment';
import { dayOf, daysBefore, firstDayOfMonth } from '../runtime/optimization-handlers/periods';
import { finishRun, recommendationReport, RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const clients = { s3: new S3Client({}), sns: new SNSClient({}) };

const LOOKBACK_DAYS: Record<string, number> = { SEVEN_DAYS: 7, THIRTY_DAYS: 30, SIXTY_DAYS: 60 };

/**
 * The monthly commitments run: Reserved Instance purchase recommendations for each configured
 * service (one source each, so one service failing leaves the others' findings) and Savings Plans
 * purchase recommendations, one Cost Explorer request per page each, filtered and ranked.
 * Recommended only: nothing is bought. Also measures last month's utilization and coverage of the
 * Reserved Instances and Savings Plans already bought (four more sources), for the report and the
 * pipeline's dashboard.
 */
export async function handler(event: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const counter = new CostExplorerRequestCounter();
  const options = { accountId };
  const results = [];
  for (const service of reservationServicesOf(environment.settings.reservationServices)) {
    results.push(await collectSource(`${SOURCES.reservations} (${service})`,
      () => reservationsFrom(costExplorer, counter, environment.policy, options, service)));
  }
  results.push(await collectSource(SOURCES.savingsPlans, () => savingsPlansFrom(costExplorer, counter, environment.policy, options)));
  const lastMonth = { start: firstDayOfMonth(now, -1), end: firstDayOfMonth(now, 0) };
  const commitments = await commitmentUsageFrom(costExplorer, counter, lastMonth);
  const usageResults = commitments.results.map((result) => (result.ok ? sourceSucceeded(result.source, []) : result));
  const period = { start: daysBefore(now, LOOKBACK_DAYS[environment.policy.savingsPlans.lookbackPeriodInDays] ?? 30), end: dayOf(now) };
  const report: ReportWithCommitmentUsage = {
    ...recommendationReport({
      accountId, now, period, counter, results: [...results, ...usageResults], notes: commitmentUsageNotes(commitments.usage),
    }, environment),
    commitmentUsage: commitments.usage,
  };
  return finishRun(clients, environment, report);
}
