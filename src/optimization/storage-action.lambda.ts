import {
  CreateSnapshotCommand, DeleteSnapshotCommand, DescribeSnapshotsCommand, DescribeVolumesCommand, DescribeVolumesModificationsCommand, EC2Client,
  ModifyVolumeCommand, type Tag,
} from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { gp3EquivalentOfGp2, type EbsRegionPrices } from '../runtime/optimization';
import type { StorageActionRequest } from '../runtime/optimization-handlers/approval';
import { ebsPricesFrom } from '../runtime/optimization-handlers/ebs-price-source';
import { accountIdOfFunctionArn } from '../runtime/optimization-handlers/environment';
import { assumeMemberRole, memberRoleArn, partitionOfArn } from '../runtime/optimization-handlers/member-credentials';
import { priceListClient, priceListQuery } from '../runtime/optimization-handlers/price-list-client';
import { ledgerEntryOf, readLedgerLocation, recordExecutedChange } from '../runtime/optimization-handlers/realized-savings-ledger';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/source-settings';
import {
  actionPrices, approvalOf, approversOf, backupSnapshotTags, executionPlaceOf, gp3MonthlySaving, protectionOf, readExecutorPolicy, requestBlocker,
  snapshotDeletionBlocker, snapshotMonthlyCost, verifiedOutcome, volumeModificationBlocker,
  type ActionOutcome, type ExecutionPlace, type ExecutorPolicy,
} from '../runtime/optimization-handlers/storage-actions';

// In its own account, the function's own region only: its role may change nothing elsewhere.
const ownEc2 = new EC2Client({ maxAttempts: SDK_MAX_ATTEMPTS });
const sts = new STSClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const s3 = new S3Client({ maxAttempts: SDK_MAX_ATTEMPTS });
// With the function's own credentials, also for a member account's action: prices are the same for every account.
const priceList = priceListQuery(priceListClient());

/**
 * What the state machine passes: the action, how it was approved (set by the state machine, not
 * the input) and when the workflow asked for approval (its execution's start); or, to check a
 * modification it made, the action and the outcome so far.
 */
export type StorageActionEvent =
  | { readonly action: StorageActionRequest; readonly approval: unknown; readonly requestedAt?: string }
  | { readonly action: StorageActionRequest; readonly verify: ActionOutcome };

/**
 * Runs ONE approved storage action, after checking it again against live state and the
 * pipeline's policy (from its environment): a policy approval only for a gp2-to-gp3 change whose
 * saving, recomputed from the live volume at the AWS Price List's current prices (the hand-copied
 * table when the Price List fails), is below the threshold; people's approval only when
 * enough distinct allowed principals approved for the tier of the saving recomputed from live
 * state; the volume still gp2 and unprotected; the snapshot unprotected, unmanaged and past
 * retention by the real clock. A volume is snapshotted before it is changed (unless turned off);
 * with `verify`, the modification is looked at once more. Each change made is recorded in the
 * realized-savings ledger right after it succeeded, for the storage run's follow-up to confirm.
 */
export async function handler(event: StorageActionEvent, context?: Pick<Context, 'invokedFunctionArn'>): Promise<ActionOutcome> {
  const policy = readExecutorPolicy(process.env);
  const action = event.action;
  if (action.action !== 'MODIFY_VOLUME_TO_GP3' && action.action !== 'DELETE_SNAPSHOT') {
    throw new Error(`Unknown storage action ${JSON.stringify((action as { action?: unknown }).action)}: only gp3 changes and snapshot deletions are executed`);
  }
  const done = { opportunityId: action.opportunityId, resourceId: action.resourceId, change: action.action };
  const ownAccountId = context === undefined ? undefined : accountIdOfFunctionArn(context.invokedFunctionArn);
  const place = executionPlaceOf(action, ownAccountId);
  if ('verify' in event) return verifyModification(event.verify, action, place, policy, context);
  const approval = approvalOf(event.approval);
  const refused = requestBlocker(action, approval, policy, place);
  if (refused !== undefined || approval === undefined) return { ...done, outcome: 'SKIPPED', reason: refused };
  const approvedBy = approversOf(approval);
  const ledger = readLedgerLocation(process.env);
  const accountId = action.accountId ?? ownAccountId;
  // Checked before anything changes: a change the ledger cannot name would never be confirmed.
  if (ledger !== undefined && accountId === undefined) throw new Error('The invocation context names the account a change is recorded under');
  const record = async (sizeGb: number, expectedMonthlySavings: string, priceBasis: string) => ledger
    && recordExecutedChange(s3, ledger, ledgerEntryOf(action, {
      accountId: accountId!, sizeGb, expectedMonthlySavings, priceBasis, approvedBy, requestedAt: event.requestedAt, executedAt: new Date(),
    }));
  // Live state is read, and the change made, through the same credentials: the account's own.
  const ec2 = await ec2For(place, action, policy, context);
  const skipped = (reason: string): ActionOutcome => ({ ...done, outcome: 'SKIPPED', reason, approvedBy });
  const protectedResource = (tags: Tag[] | undefined): ActionOutcome | undefined => {
    const protection = protectionOf(tags, policy);
    return protection === undefined ? undefined : { ...done, outcome: 'SKIPPED_PROTECTED', reason: `the resource is protected (${protection})`, approvedBy };
  };

  if (action.action === 'MODIFY_VOLUME_TO_GP3') {
    const volumes = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [action.resourceId] })).catch(notFoundAsEmpty);
    const volume = volumes.Volumes?.[0];
    const protection = protectedResource(volume?.Tags);
    if (protection !== undefined) return protection;
    const { prices, basis } = await regionPrices(action.region);
    const blocker = volumeModificationBlocker(volume, approval, policy, prices);
    if (blocker !== undefined) return skipped(blocker);
    // A point-in-time copy first: if the change goes wrong, the data as it was is one CreateVolume away.
    const backup = policy.snapshotBeforeModify
      ? await ec2.send(new CreateSnapshotCommand({
        VolumeId: action.resourceId,
        Description: `Before ${action.resourceId} changes from gp2 to gp3 (${action.opportunityId})`,
        TagSpecifications: [{ ResourceType: 'snapshot', Tags: backupSnapshotTags(action, approvedBy) }],
      }))
      : undefined;
    // The same gp3 configuration the finding priced: never less IOPS or throughput than gp2 gave.
    const target = gp3EquivalentOfGp2(volume!.Size!);
    await ec2.send(new ModifyVolumeCommand({ VolumeId: action.resourceId, VolumeType: 'gp3', Iops: target.iops, Throughput: target.throughputMbps }));
    await record(volume!.Size!, gp3MonthlySaving(volume!.Size!, prices).toFixed(), basis);
    return {
      ...done,
      outcome: 'EXECUTED',
      approvedBy,
      verificationPending: true,
      verificationAttempts: 0,
      ...(backup?.SnapshotId ? { backupSnapshotId: backup.SnapshotId } : {}),
    };
  }
  const snapshots = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [action.resourceId] })).catch(notFoundAsEmpty);
  const protection = protectedResource(snapshots.Snapshots?.[0]?.Tags);
  if (protection !== undefined) return protection;
  const { prices, basis } = await regionPrices(action.region);
  const blocker = snapshotDeletionBlocker(snapshots.Snapshots?.[0], approval, policy, new Date(), prices);
  if (blocker !== undefined) return skipped(blocker);
  await ec2.send(new DeleteSnapshotCommand({ SnapshotId: action.resourceId }));
  const snapshotSize = snapshots.Snapshots![0].VolumeSize ?? 0;
  await record(snapshotSize, snapshotMonthlyCost(snapshotSize, prices).toFixed(), basis);
  return { ...done, outcome: 'EXECUTED', approvedBy };
}

/**
 * The region's prices an action is decided and recorded at, and where they came from: read once the
 * resource is known to be unprotected, so a protected resource costs no Price List request.
 */
async function regionPrices(region: string): Promise<{ prices: EbsRegionPrices; basis: string }> {
  return actionPrices(await ebsPricesFrom(priceList, region), region);
}

/** One more look at the modification the executor started (DescribeVolumesModifications): read-only. */
async function verifyModification(
  previous: ActionOutcome,
  action: StorageActionRequest,
  place: ExecutionPlace,
  policy: ExecutorPolicy,
  context?: Pick<Context, 'invokedFunctionArn'>,
): Promise<ActionOutcome> {
  if (previous.resourceId !== action.resourceId || previous.change !== 'MODIFY_VOLUME_TO_GP3') {
    throw new Error(`Only a volume modification of ${action.resourceId} can be verified`);
  }
  if (requestBlocker(action, { by: 'POLICY' }, policy, place) !== undefined) throw new Error(`${action.resourceId} is not a volume this executor may look at`);
  const ec2 = await ec2For(place, action, policy, context);
  const answer = await ec2.send(new DescribeVolumesModificationsCommand({ VolumeIds: [action.resourceId] }));
  // The latest modification of the volume: the one this executor started.
  const latest = [...(answer.VolumesModifications ?? [])].sort((a, b) => (b.StartTime?.getTime() ?? 0) - (a.StartTime?.getTime() ?? 0))[0];
  return verifiedOutcome(previous, latest);
}

/** The function's own client, or one acting in the action's member account and Region through the member executor role. */
async function ec2For(place: ExecutionPlace, action: StorageActionRequest, policy: ExecutorPolicy, context?: Pick<Context, 'invokedFunctionArn'>): Promise<EC2Client> {
  if (place.inOwnAccount) return ownEc2;
  if (context === undefined) throw new Error('Acting in a member account needs the invocation context (the function ARN names the partition)');
  const roleArn = memberRoleArn(partitionOfArn(context.invokedFunctionArn), place.accountId, policy.member!.executorRoleName);
  const credentials = await assumeMemberRole(sts, roleArn, 'finops-storage-action');
  return new EC2Client({ region: action.region, credentials, maxAttempts: SDK_MAX_ATTEMPTS });
}

/** EC2 answers a Describe of a deleted resource with an error, not an empty list. */
function notFoundAsEmpty(error: Error): { Volumes?: undefined; Snapshots?: undefined } {
  if (/NotFound$/.test(error.name)) return {};
  throw error;
}
