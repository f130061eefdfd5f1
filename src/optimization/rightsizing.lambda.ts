import { ComputeOptimizerClient } from '@aws-sdk/client-compute-optimizer';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { CostOptimizationHubClient } from '@aws-sdk/client-cost-optimization-hub';
import { S3Client } from '@aws-sdk/client-s3';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { collectSource, CostExplorerRequestCounter } from '../runtime/optimization';
import { computeOptimizerRegionsOf, computeOptimizerSources } from '../runtime/optimization-handlers/compute-optimizer-source';
import { rightsizingFrom } from '../runtime/optimization-handlers/cost-explorer-sources';
import { costOptimizationHubFrom } from '../runtime/optimization-handlers/cost-optimization-hub-source';
import { accountIdOfFunctionArn, readOptimizerEnvironment, regionOfFunctionArn, runTimeOf } from '../runtime/optimization-handlers/environment';
import { dayOf, daysBefore } from '../runtime/optimization-handlers/periods';
import { finishRun, recommendationReport, RunResult } from '../runtime/optimization-handlers/run';
import { RESOURCE_ACTION_TYPES, SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });
// Cost Optimization Hub's endpoint is in us-east-1 only, whatever region the function runs in.
const costOptimizationHub = new CostOptimizationHubClient({ maxAttempts: SDK_MAX_ATTEMPTS, region: 'us-east-1' });
const clients = { s3: new S3Client({}), sns: new SNSClient({}) };
// Compute Optimizer is regional: one client per region read, kept across invocations.
const computeOptimizerClients = new Map<string, ComputeOptimizerClient>();
function computeOptimizerIn(region: string): ComputeOptimizerClient {
  const client = computeOptimizerClients.get(region) ?? new ComputeOptimizerClient({ maxAttempts: SDK_MAX_ATTEMPTS, region });
  computeOptimizerClients.set(region, client);
  return client;
}

/**
 * The weekly rightsizing run: EC2 rightsizing from Cost Explorer (one request per page),
 * rightsize / stop / Graviton recommendations from Cost Optimization Hub (free) and, when the
 * optimizer names regions, EC2, EBS, Lambda and RDS recommendations from Compute Optimizer in
 * each (free), deduplicated by resource, filtered by the policy and ranked. Recommended only:
 * nothing is changed.
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
    ...await computeOptimizerSources(computeOptimizerIn,
      computeOptimizerRegionsOf(environment.settings, regionOfFunctionArn(context.invokedFunctionArn)), options),
  ];
  const period = { start: daysBefore(now, environment.policy.rightsizing.lookbackDays), end: dayOf(now) };
  return finishRun(clients, environment, recommendationReport({ accountId, now, period, counter, results }, environment));
}
