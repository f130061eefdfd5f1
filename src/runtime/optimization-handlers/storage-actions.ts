import type { Snapshot, Tag, Volume } from '@aws-sdk/client-ec2';
import { MANAGED_SNAPSHOT_TAG_KEYS } from '../optimization';

/**
 * Why an approved gp2-to-gp3 change must not run now, or undefined when it may: the volume
 * may have changed since the run that proposed it.
 */
export function volumeModificationBlocker(volume: Volume | undefined): string | undefined {
  if (volume === undefined) return 'the volume no longer exists';
  if (volume.VolumeType !== 'gp2') return `the volume is ${volume.VolumeType} now, not gp2`;
  if (volume.Size === undefined) return 'EC2 did not report the volume\'s size';
  return undefined;
}

/**
 * Why an approved snapshot deletion must not run now, or undefined when it may. Checked right
 * before DeleteSnapshot: someone may have tagged the snapshot for protection since approval.
 */
export function snapshotDeletionBlocker(snapshot: Snapshot | undefined, protectionTagKey: string): string | undefined {
  if (snapshot === undefined) return 'the snapshot no longer exists';
  if (hasTag(snapshot.Tags, protectionTagKey)) return `the snapshot carries the protection tag ${protectionTagKey}`;
  const managedBy = MANAGED_SNAPSHOT_TAG_KEYS.find((key) => hasTag(snapshot.Tags, key));
  if (managedBy !== undefined) return `the snapshot is managed by another service (tag ${managedBy})`;
  return undefined;
}

function hasTag(tags: readonly Tag[] | undefined, key: string): boolean {
  return (tags ?? []).some((tag) => tag.Key === key);
}
