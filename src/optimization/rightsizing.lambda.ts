import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostOptimizationHubClient } from '@aws-sdk/client-cost-optimization-hub';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { collectSource, CostExplorerRequestCounter } from '../runtime/optimization';
import { rightsizingFrom } from '../runtime/optimization-handlers/cost-explorer-sources';
import { costOptimizationHubFrom } from '../runtime/optimization-handlers/cost-optimization-hub-source';
import { accountIdOfFunctionArn, readOptimizerEnvironment, runTimeOf } from '../runtime/optimization-handlers/environment';
import { dayOf, daysBefore } from '../runtime/optimization-handlers/periods';
import { finishRun, recommendationReport, RunResult } from '../runtime/optimization-handlers/run';
import { RESOURCE_ACTION_TYPES, SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });
// Cost Optimization Hub's endpoint is in us-east-1 only, whatever region the function runs in.
const costOptimizationHub = new CostOptimizationHubClient({ maxAttempts: SDK_MAX_ATTEMPTS, region: 'us-east-1' });
const clients = { s3: new S3Client({}), sns: new SNSClient({}), cloudWatch: new CloudWatchClient({}) };

/**
 * The weekly rightsizing run: EC2 rightsizing from Cost Explorer (one request per page) and
 * rightsize / stop / Graviton recommendations from Cost Optimization Hub (free), deduplicated,
 * filtered by the policy and ranked. Recommended only: nothing is changed.
 */
export async function handler(event: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const counter = new CostExplorerRequestCounter();
  const options = { accountId };
  const results = [
    await collectSource(SOURCES.rightsizing, () => rightsizingFrom(costExplorer, counter, environment.policy, options)),
    await collectSource(SOURCES.costOptimizationHub, () => costOptimizationHubFrom(costOptimizationHub, RESOURCE_ACTION_TYPES, options)),
  ];
  const period = { start: daysBefore(now, environment.policy.rightsizing.lookbackDays), end: dayOf(now) };
  return finishRun(clients, environment, recommendationReport({ accountId, now, period, counter, results }, environment));
}
