import { DeleteSnapshotCommand, DescribeSnapshotsCommand, DescribeVolumesCommand, EC2Client, ModifyVolumeCommand } from '@aws-sdk/client-ec2';
import { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { gp3EquivalentOfGp2 } from '../runtime/optimization';
import type { StorageActionRequest } from '../runtime/optimization-handlers/approval';
import { accountIdOfFunctionArn } from '../runtime/optimization-handlers/environment';
import { assumeMemberRole, memberRoleArn, partitionOfArn } from '../runtime/optimization-handlers/member-credentials';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/source-settings';
import {
  approvalOf, executionPlaceOf, readExecutorPolicy, requestBlocker, snapshotDeletionBlocker, volumeModificationBlocker,
  type ExecutionPlace, type ExecutorPolicy,
} from '../runtime/optimization-handlers/storage-actions';

// In its own account, the function's own region only: its role may change nothing elsewhere.
const ownEc2 = new EC2Client({ maxAttempts: SDK_MAX_ATTEMPTS });
const sts = new STSClient({ maxAttempts: SDK_MAX_ATTEMPTS });

/** What the state machine passes: the action, and how it was approved (set by the state machine, not the input). */
export interface StorageActionEvent {
  readonly action: StorageActionRequest;
  readonly approval: unknown;
}

/** What the executor did with one approved action. */
export interface StorageActionOutcome {
  readonly opportunityId: string;
  readonly resourceId: string;
  readonly outcome: 'MODIFIED' | 'DELETED' | 'SKIPPED';
  readonly reason?: string;
  /** `policy`, or the ARN of the person who approved. */
  readonly approvedBy?: string;
}

/**
 * Runs ONE approved storage action, after checking it again against live state and the
 * pipeline's policy (from its environment): a policy approval only for a gp2-to-gp3 change whose
 * saving, recomputed from the live volume, is below the threshold; the volume still gp2 and
 * unprotected; the snapshot unprotected, unmanaged and past retention by the real clock.
 */
export async function handler(event: StorageActionEvent, context?: Pick<Context, 'invokedFunctionArn'>): Promise<StorageActionOutcome> {
  const policy = readExecutorPolicy(process.env);
  const action = event.action;
  const approval = approvalOf(event.approval);
  const done = { opportunityId: action.opportunityId, resourceId: action.resourceId };
  if (action.action !== 'MODIFY_VOLUME_TO_GP3' && action.action !== 'DELETE_SNAPSHOT') {
    throw new Error(`Unknown storage action ${JSON.stringify((action as { action?: unknown }).action)}: only gp3 changes and snapshot deletions are executed`);
  }
  const place = executionPlaceOf(action, context === undefined ? undefined : accountIdOfFunctionArn(context.invokedFunctionArn));
  const refused = requestBlocker(action, approval, policy, place);
  if (refused !== undefined || approval === undefined) return { ...done, outcome: 'SKIPPED', reason: refused };
  const approvedBy = approval.by === 'POLICY' ? 'policy' : approval.approvedBy;
  // Live state is read, and the change made, through the same credentials: the account's own.
  const ec2 = await ec2For(place, action, policy, context);

  if (action.action === 'MODIFY_VOLUME_TO_GP3') {
    const volumes = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [action.resourceId] })).catch(notFoundAsEmpty);
    const volume = volumes.Volumes?.[0];
    const blocker = volumeModificationBlocker(volume, approval, policy, action.region);
    if (blocker !== undefined) return { ...done, outcome: 'SKIPPED', reason: blocker, approvedBy };
    // The same gp3 configuration the finding priced: never less IOPS or throughput than gp2 gave.
    const target = gp3EquivalentOfGp2(volume!.Size!);
    await ec2.send(new ModifyVolumeCommand({ VolumeId: action.resourceId, VolumeType: 'gp3', Iops: target.iops, Throughput: target.throughputMbps }));
    return { ...done, outcome: 'MODIFIED', approvedBy };
  }
  const snapshots = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [action.resourceId] })).catch(notFoundAsEmpty);
  const blocker = snapshotDeletionBlocker(snapshots.Snapshots?.[0], policy, new Date());
  if (blocker !== undefined) return { ...done, outcome: 'SKIPPED', reason: blocker, approvedBy };
  await ec2.send(new DeleteSnapshotCommand({ SnapshotId: action.resourceId }));
  return { ...done, outcome: 'DELETED', approvedBy };
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
