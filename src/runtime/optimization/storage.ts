import type { Snapshot, Tag, Volume } from '@aws-sdk/client-ec2';
import { EBS_PRICES, EbsRegionPrices, ebsPricesFor, PriceLookup } from './ebs-prices';
import { gp3EquivalentOfGp2, monthlyVolumeCost } from './ebs-volume-cost';
import { Decimal, toMoney } from './money';
import { createOpportunity, Effort, Opportunity, OpportunitySource, OpportunityType, Risk } from './opportunity';
import { protectedBy, type ProtectedTagRule } from './protected-tags';

/** Snapshots younger than this many days are kept (the seed's retention). */
export const DEFAULT_SNAPSHOT_RETENTION_DAYS = 30;

/** A resource carrying this tag key (any value) is never proposed for deletion. */
export const DEFAULT_PROTECTION_TAG_KEY = 'finops:retain';

/**
 * Tag keys of snapshots whose lifetime another service manages (AWS Backup, Data Lifecycle
 * Manager): deleting them by hand fights that service's retention rules, so they are skipped.
 */
export const MANAGED_SNAPSHOT_TAG_KEYS: readonly string[] = ['aws:backup:source-resource', 'dlm:managed'];

const MILLISECONDS_PER_DAY = 86_400_000;

/** Where and when the inventory was taken, and the rules to apply. */
export interface StorageOptions {
  /** The account the volumes and snapshots belong to. */
  readonly accountId: string;
  /** The region DescribeVolumes / DescribeSnapshots were called in. */
  readonly region: string;
  /** The run's time; snapshot ages are measured to it. */
  readonly now: Date;
  /** @default DEFAULT_SNAPSHOT_RETENTION_DAYS */
  readonly snapshotRetentionDays?: number;
  /** @default DEFAULT_PROTECTION_TAG_KEY */
  readonly protectionTagKey?: string;
  /** Tags of workloads never changed automatically: their gp3 changes and snapshot deletions say `details.protectedBy`. @default none */
  readonly protectedTags?: readonly ProtectedTagRule[];
  /** @default EBS_PRICES */
  readonly priceTable?: Readonly<Record<string, EbsRegionPrices>>;
}

/** Storage opportunities, and what the analysis could not price or chose to skip. */
export interface StorageFindings {
  readonly opportunities: Opportunity[];
  /** Human-readable notes for the report (price fallbacks, unknown volume types). */
  readonly notes: string[];
}

/**
 * All storage opportunities in one region: gp2 volumes to change to gp3, unattached volumes to
 * delete, and snapshots past retention to delete.
 *
 * An unattached gp2 volume is proposed for deletion only: changing the type of a volume that
 * should be deleted would count the same money twice.
 */
export function storageOpportunities(volumes: readonly Volume[], snapshots: readonly Snapshot[], options: StorageOptions): StorageFindings {
  const lookup = ebsPricesFor(options.region, options.priceTable ?? EBS_PRICES);
  const notes: string[] = lookup.fallbackNote === undefined ? [] : [lookup.fallbackNote];
  const unattached = unattachedVolumeOpportunities(volumes, options, lookup, notes);
  const gp2 = gp2ToGp3Opportunities(volumes, options, lookup);
  const oldSnapshots = oldSnapshotOpportunities(snapshots, options, lookup);
  return { opportunities: [...gp2, ...unattached, ...oldSnapshots], notes };
}

/** Attached (in-use) gp2 volumes whose gp3 equivalent (see `gp3EquivalentOfGp2`) costs less. */
export function gp2ToGp3Opportunities(volumes: readonly Volume[], options: StorageOptions, lookup: PriceLookup = lookupFor(options)): Opportunity[] {
  return volumes
    .filter(volume => volume.VolumeType === 'gp2' && volume.State === 'in-use' && volume.Size !== undefined)
    .map(volume => {
      const sizeGb = volume.Size!;
      const gp2Cost = monthlyVolumeCost({ volumeType: 'gp2', sizeGb }, lookup.prices)!;
      const gp3 = gp3EquivalentOfGp2(sizeGb);
      const gp3Cost = monthlyVolumeCost(gp3, lookup.prices)!;
      return createOpportunity({
        ...volumeCommon(volume, options, OpportunityType.STORAGE_GP2_TO_GP3),
        currentMonthlyCost: gp2Cost,
        monthlySavings: gp2Cost.minus(gp3Cost),
        effort: Effort.LOW,
        risk: Risk.LOW,
        action: `Modify ${volume.VolumeId} (${sizeGb} GB) from gp2 to gp3 with ${gp3.iops} IOPS and ${gp3.throughputMbps} MB/s; online, no detach`,
        details: {
          ...priceDetails(lookup),
          sizeGb: String(sizeGb),
          targetIops: String(gp3.iops),
          targetThroughputMbps: String(gp3.throughputMbps),
          attachedTo: (volume.Attachments ?? []).map(attachment => attachment.InstanceId).filter(Boolean).join(' '),
          name: tagValue(volume.Tags, 'Name'),
          protectedBy: protectedBy(volume.Tags, options.protectedTags ?? []),
        },
      });
    })
    .filter(opportunity => new Decimal(opportunity.monthlySavings).greaterThan(0));
}

/**
 * Volumes in the `available` state (attached to nothing), without the protection tag: their
 * whole monthly cost is saved by deleting them. A final snapshot, if wanted, costs at most the
 * volume's size at the snapshot price (in `details.finalSnapshotMonthlyCost`).
 */
export function unattachedVolumeOpportunities(
  volumes: readonly Volume[],
  options: StorageOptions,
  lookup: PriceLookup = lookupFor(options),
  notes: string[] = [],
): Opportunity[] {
  const protectionTagKey = options.protectionTagKey ?? DEFAULT_PROTECTION_TAG_KEY;
  const opportunities: Opportunity[] = [];
  for (const volume of volumes) {
    if (volume.State !== 'available' || volume.Size === undefined || hasTag(volume.Tags, protectionTagKey)) {
      continue;
    }
    const volumeType = volume.VolumeType ?? 'unknown';
    const cost = monthlyVolumeCost({ volumeType, sizeGb: volume.Size, iops: volume.Iops, throughputMbps: volume.Throughput }, lookup.prices);
    if (cost === undefined) {
      notes.push(`Unattached volume ${volume.VolumeId} has volume type ${volumeType}, which the EBS price table does not price; not reported`);
      continue;
    }
    opportunities.push(createOpportunity({
      ...volumeCommon(volume, options, OpportunityType.STORAGE_UNATTACHED_VOLUME),
      currentMonthlyCost: cost,
      monthlySavings: cost,
      effort: Effort.LOW,
      risk: Risk.MEDIUM,
      action: `Snapshot ${volume.VolumeId} (${volume.Size} GB ${volumeType}, attached to nothing) if its data is needed, then delete it`,
      details: {
        ...priceDetails(lookup),
        volumeType,
        sizeGb: String(volume.Size),
        createTime: volume.CreateTime?.toISOString(),
        finalSnapshotMonthlyCost: toMoney(new Decimal(volume.Size).times(lookup.prices.snapshotPerGbMonth)),
        name: tagValue(volume.Tags, 'Name'),
      },
    }));
  }
  return opportunities;
}

/**
 * Completed standard-tier snapshots older than the retention (strictly: a snapshot exactly
 * `snapshotRetentionDays` old is kept), without the protection tag and not managed by AWS Backup
 * or Data Lifecycle Manager.
 *
 * The cost is `VolumeSize` at the snapshot price: an upper bound, since snapshots are incremental
 * and one that shares blocks with a younger snapshot frees less when deleted. A snapshot made by
 * CreateImage backs an AMI, which must be deregistered first: effort MEDIUM, risk HIGH.
 */
export function oldSnapshotOpportunities(
  snapshots: readonly Snapshot[],
  options: StorageOptions,
  lookup: PriceLookup = lookupFor(options),
): Opportunity[] {
  const retentionDays = options.snapshotRetentionDays ?? DEFAULT_SNAPSHOT_RETENTION_DAYS;
  const protectionTagKey = options.protectionTagKey ?? DEFAULT_PROTECTION_TAG_KEY;
  const cutoff = options.now.getTime() - retentionDays * MILLISECONDS_PER_DAY;
  return snapshots
    .filter(snapshot => snapshot.StartTime !== undefined && snapshot.StartTime.getTime() < cutoff)
    .filter(snapshot => (snapshot.State ?? 'completed') === 'completed' && (snapshot.StorageTier ?? 'standard') === 'standard')
    .filter(snapshot => !hasTag(snapshot.Tags, protectionTagKey) && !MANAGED_SNAPSHOT_TAG_KEYS.some(key => hasTag(snapshot.Tags, key)))
    .map(snapshot => {
      const snapshotId = snapshot.SnapshotId ?? '';
      const sizeGb = snapshot.VolumeSize ?? 0;
      const cost = new Decimal(sizeGb).times(lookup.prices.snapshotPerGbMonth);
      const ageDays = Math.floor((options.now.getTime() - snapshot.StartTime!.getTime()) / MILLISECONDS_PER_DAY);
      const amiId = /CreateImage\(.*\) for (ami-[0-9a-f]+)/.exec(snapshot.Description ?? '')?.[1];
      return createOpportunity({
        id: `ec2-inventory:${OpportunityType.STORAGE_OLD_SNAPSHOT}:${options.accountId}:${snapshotId}`,
        type: OpportunityType.STORAGE_OLD_SNAPSHOT,
        resourceId: snapshotId,
        service: 'EBS',
        region: options.region,
        accountId: options.accountId,
        currentMonthlyCost: cost,
        monthlySavings: cost,
        effort: amiId === undefined ? Effort.LOW : Effort.MEDIUM,
        risk: amiId === undefined ? Risk.MEDIUM : Risk.HIGH,
        source: OpportunitySource.EC2_INVENTORY,
        action: amiId === undefined
          ? `Delete snapshot ${snapshotId} (${ageDays} days old, retention ${retentionDays} days)`
          : `Deregister ${amiId} if unused, then delete its snapshot ${snapshotId} (${ageDays} days old, retention ${retentionDays} days)`,
        details: {
          ...priceDetails(lookup),
          ageDays: String(ageDays),
          sizeGb: String(sizeGb),
          sizeBasis: 'VolumeSize: an upper bound, snapshots are incremental',
          startTime: snapshot.StartTime!.toISOString(),
          volumeId: snapshot.VolumeId,
          amiId,
          description: snapshot.Description,
          name: tagValue(snapshot.Tags, 'Name'),
          protectedBy: protectedBy(snapshot.Tags, options.protectedTags ?? []),
        },
      });
    });
}

function volumeCommon(volume: Volume, options: StorageOptions, type: OpportunityType) {
  const volumeId = volume.VolumeId ?? '';
  return {
    id: `ec2-inventory:${type}:${options.accountId}:${volumeId}`,
    type,
    resourceId: volumeId,
    service: 'EBS',
    region: options.region,
    accountId: options.accountId,
    source: OpportunitySource.EC2_INVENTORY,
  };
}

function priceDetails(lookup: PriceLookup): Record<string, string | undefined> {
  return { priceRegion: lookup.priceRegion, priceNote: lookup.fallbackNote };
}

function lookupFor(options: StorageOptions): PriceLookup {
  return ebsPricesFor(options.region, options.priceTable ?? EBS_PRICES);
}

function hasTag(tags: readonly Tag[] | undefined, key: string): boolean {
  return (tags ?? []).some(tag => tag.Key === key);
}

function tagValue(tags: readonly Tag[] | undefined, key: string): string | undefined {
  return (tags ?? []).find(tag => tag.Key === key)?.Value;
}
