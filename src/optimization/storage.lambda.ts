import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import {
  collectSource, CostExplorerRequestCounter, describeIntelligentTieringCandidate, intelligentTieringCandidates, sourceSucceeded, storageOpportunities,
} from '../runtime/optimization';
import { approvalStarter } from '../runtime/optimization-handlers/approval-start';
import { ebsPricesFrom } from '../runtime/optimization-handlers/ebs-price-source';
import { snapshotsFrom, volumesFrom } from '../runtime/optimization-handlers/ec2-sources';
import { accountIdOfFunctionArn, readOptimizerEnvironment, regionOfFunctionArn, runTimeOf } from '../runtime/optimization-handlers/environment';
import { dayOf } from '../runtime/optimization-handlers/periods';
import { priceListClient, priceListQuery } from '../runtime/optimization-handlers/price-list-client';
import { followUpExecutedChanges, type FollowUp } from '../runtime/optimization-handlers/realized-savings-follow-up';
import { readLedgerLocation } from '../runtime/optimization-handlers/realized-savings-ledger';
import { finishRun, recommendationReport, RunResult } from '../runtime/optimization-handlers/run';
import { bucketStorageFrom } from '../runtime/optimization-handlers/s3-sources';
import { SDK_MAX_ATTEMPTS, SOURCES } from '../runtime/optimization-handlers/source-settings';

const ec2 = new EC2Client({ maxAttempts: SDK_MAX_ATTEMPTS });
const clients = { s3: new S3Client({}), sns: new SNSClient({}) };
const sourceClients = { s3: new S3Client({ maxAttempts: SDK_MAX_ATTEMPTS }), cloudWatch: new CloudWatchClient({ maxAttempts: SDK_MAX_ATTEMPTS }) };
const startApproval = approvalStarter(new SFNClient({}));
const priceList = priceListQuery(priceListClient());

/**
 * The weekly storage run in the function's region: gp2 volumes worth moving to gp3, unattached
 * volumes, snapshots past retention and, when `s3IntelligentTiering` is on, S3 buckets worth moving
 * to Intelligent-Tiering (report notes: no saving is estimated), priced from the AWS Price List
 * (the hand-copied table when it fails; the report's notes say which). No Cost Explorer request. When an approval workflow is
 * configured, gp2-to-gp3 changes and snapshot deletions are routed through it, and the changes it
 * executed since the last run are confirmed (or found not realized) in the report's "Realized
 * savings" section; they leave the ledger's pending list once the report is written.
 */
export async function handler(event: unknown, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const accountId = accountIdOfFunctionArn(context.invokedFunctionArn);
  const region = regionOfFunctionArn(context.invokedFunctionArn);
  const now = runTimeOf(event);
  const volumes = await collectSource(SOURCES.volumes, () => volumesFrom(ec2));
  const snapshots = await collectSource(SOURCES.snapshots, () => snapshotsFrom(ec2));
  const prices = await ebsPricesFrom(priceList, region);
  const findings = storageOpportunities(volumes.ok ? volumes.data : [], snapshots.ok ? snapshots.data : [], {
    accountId,
    region,
    now,
    snapshotRetentionDays: environment.policy.storage.snapshotRetentionDays,
    protectionTagKey: environment.policy.storage.protectionTagKey,
    priceTable: prices.table,
    protectedTags: environment.policy.storage.protectedTags,
  });
  const buckets = environment.settings.s3IntelligentTiering === 'true'
    ? [await collectSource(SOURCES.bucketStorage, () => bucketStorageFrom(sourceClients.s3, sourceClients.cloudWatch, region, now))]
    : [];
  const bucketNotes = buckets.flatMap((result) =>
    (result.ok ? intelligentTieringCandidates(result.data).map(describeIntelligentTieringCandidate) : []));
  const results = [volumes, snapshots, ...buckets].map((result) => (result.ok ? sourceSucceeded(result.source, []) : result));
  const ledger = readLedgerLocation(process.env);
  const followUp: FollowUp | undefined = ledger && await followUpExecutedChanges(sourceClients.s3, {
    ledger,
    accountId,
    region,
    now,
    volumes: volumes.ok ? volumes.data : undefined,
    snapshots: snapshots.ok ? snapshots.data : undefined,
    priceTable: prices.table,
    priceBasis: prices.note,
  });
  const report = recommendationReport({
    accountId,
    now,
    period: { start: dayOf(now), end: dayOf(now) },
    counter: new CostExplorerRequestCounter(),
    results: [...results, sourceSucceeded('EC2 inventory', findings.opportunities)],
    notes: [prices.note, ...findings.notes, ...bucketNotes],
  }, environment);
  const result = await finishRun(clients, environment, followUp ? { ...report, realizedSavings: followUp.section } : report, startApproval);
  await followUp?.settle();
  return result;
}
