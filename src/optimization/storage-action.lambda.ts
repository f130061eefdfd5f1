import { DeleteSnapshotCommand, DescribeSnapshotsCommand, DescribeVolumesCommand, EC2Client, ModifyVolumeCommand } from '@aws-sdk/client-ec2';
import { gp3EquivalentOfGp2 } from '../runtime/optimization';
import type { StorageActionRequest } from '../runtime/optimization-handlers/approval';
import { ENVIRONMENT } from '../runtime/optimization-handlers/environment';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/sources';
import { snapshotDeletionBlocker, volumeModificationBlocker } from '../runtime/optimization-handlers/storage-actions';

const clientsByRegion = new Map<string, EC2Client>();

/** What the executor did with one approved action. */
export interface StorageActionOutcome {
  readonly opportunityId: string;
  readonly resourceId: string;
  readonly outcome: 'MODIFIED' | 'DELETED' | 'SKIPPED';
  readonly reason?: string;
}

/**
 * Runs ONE approved storage action, after checking again that it is still safe: the volume is
 * still gp2; the snapshot still exists and carries neither the protection tag nor a tag of a
 * service that manages its lifetime. Its role allows nothing but these calls.
 */
export async function handler(action: StorageActionRequest): Promise<StorageActionOutcome> {
  const ec2 = clientFor(action.region);
  const done = { opportunityId: action.opportunityId, resourceId: action.resourceId };
  if (action.action === 'MODIFY_VOLUME_TO_GP3') {
    const volumes = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [action.resourceId] })).catch(notFoundAsEmpty);
    const volume = volumes.Volumes?.[0];
    const blocker = volumeModificationBlocker(volume);
    if (blocker !== undefined) return { ...done, outcome: 'SKIPPED', reason: blocker };
    // The same gp3 configuration the finding priced: never less IOPS or throughput than gp2 gave.
    const target = gp3EquivalentOfGp2(volume!.Size!);
    await ec2.send(new ModifyVolumeCommand({ VolumeId: action.resourceId, VolumeType: 'gp3', Iops: target.iops, Throughput: target.throughputMbps }));
    return { ...done, outcome: 'MODIFIED' };
  }
  if (action.action === 'DELETE_SNAPSHOT') {
    const protectionTagKey = process.env[ENVIRONMENT.protectionTagKey] ?? 'finops:retain';
    const snapshots = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: [action.resourceId] })).catch(notFoundAsEmpty);
    const blocker = snapshotDeletionBlocker(snapshots.Snapshots?.[0], protectionTagKey);
    if (blocker !== undefined) return { ...done, outcome: 'SKIPPED', reason: blocker };
    await ec2.send(new DeleteSnapshotCommand({ SnapshotId: action.resourceId }));
    return { ...done, outcome: 'DELETED' };
  }
  throw new Error(`Unknown storage action ${JSON.stringify((action as { action?: unknown }).action)}: only gp3 changes and snapshot deletions are executed`);
}

function clientFor(region: string): EC2Client {
  if (!clientsByRegion.has(region)) clientsByRegion.set(region, new EC2Client({ region, maxAttempts: SDK_MAX_ATTEMPTS }));
  return clientsByRegion.get(region)!;
}

/** EC2 answers a Describe of a deleted resource with an error, not an empty list. */
function notFoundAsEmpty(error: Error): { Volumes?: undefined; Snapshots?: undefined } {
  if (/NotFound$/.test(error.name)) return {};
  throw error;
}
