import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { collectSource, CostExplorerRequestCounter, sourceSucceeded, storageOpportunities } from '../runtime/optimization';
import { approvalStarter } from '../runtime/optimization-handlers/approval-start';
import { snapshotsFrom, volumesFrom } from '../runtime/optimization-handlers/ec2-sources';
import { accountIdOfFunctionArn, readOptimizerEnvironment, regionOfFunctionArn, runTimeOf } from '../runtime/optimization-handlers/environment';
import { dayOf } from '../runtime/optimization-handlers/periods';
import { finishRun, recommendationReport, RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const ec2 = new EC2Client({ maxAttempts: SDK_MAX_ATTEMPTS });
const clients = { s3: new S3Client({}), sns: new SNSClient({}), cloudWatch: new CloudWatchClient({}) };
const startApproval = approvalStarter(new SFNClient({}));

/**
 * The weekly storage run in the function's region: gp2 volumes worth moving to gp3, unattached
 * volumes, snapshots past retention. No Cost Explorer request. When an approval workflow is
 * configured, gp2-to-gp3 changes and snapshot deletions are routed through it.
 */
export async function handler(event: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const region = regionOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const volumes = await collectSource(SOURCES.volumes, () => volumesFrom(ec2));
  const snapshots = await collectSource(SOURCES.snapshots, () => snapshotsFrom(ec2));
  const findings = storageOpportunities(volumes.ok ? volumes.data : [], snapshots.ok ? snapshots.data : [], {
    accountId,
    region,
    now,
    snapshotRetentionDays: environment.policy.storage.snapshotRetentionDays,
    protectionTagKey: environment.policy.storage.protectionTagKey,
    protectedTags: environment.policy.storage.protectedTags,
  });
  const results = [volumes, snapshots].map((result) => (result.ok ? sourceSucceeded(result.source, []) : result));
  const report = recommendationReport({
    accountId,
    now,
    period: { start: dayOf(now), end: dayOf(now) },
    counter: new CostExplorerRequestCounter(),
    results: [...results, sourceSucceeded('EC2 inventory', findings.opportunities)],
    notes: findings.notes,
  }, environment);
  return finishRun(clients, environment, report, startApproval);
}
