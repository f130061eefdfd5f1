import type { Snapshot, Volume } from '@aws-sdk/client-ec2';
import type { S3Client } from '@aws-sdk/client-s3';
import { pendingChanges, settleChanges, type LedgerLocation } from './realized-savings-ledger';
import {
  realizedSavingsSection, settleChange, type EbsRegionPrices, type LedgerEntry, type LiveInventory, type RealizedSavingsSection, type SettledChange,
} from '../optimization';

/**
 * The follow-up is a step of the storage run rather than a function of its own: the run already
 * reads, every page of it, the inventory of volumes and snapshots the follow-up must re-read, with
 * the EC2 permissions it needs, on a schedule (weekly by default: a change is confirmed in the
 * next report), and it writes the report the "Realized savings" section belongs in. A separate
 * function would list the same inventory again under a second schedule and role.
 */
export interface FollowUpInput {
  readonly ledger: LedgerLocation;
  readonly accountId: string;
  readonly region: string;
  readonly now: Date;
  /** The run's inventory; undefined when its source failed: nothing is settled on a partial view. */
  readonly volumes?: readonly Volume[];
  readonly snapshots?: readonly Snapshot[];
  readonly priceTable?: Readonly<Record<string, EbsRegionPrices>>;
  readonly priceBasis: string;
}

/** What the follow-up found, and how to record it once the report is written. */
export interface FollowUp {
  readonly section: RealizedSavingsSection;
  /** Moves the settled changes out of pending: called after the report is written, so a failed write settles nothing. */
  readonly settle: () => Promise<void>;
}

/** Reads the account's pending changes and settles each on the run's inventory, when it has one. */
export async function followUpExecutedChanges(s3: S3Client, input: FollowUpInput): Promise<FollowUp> {
  const { settled, stillPending } = await settlePendingChanges(s3, input);
  return {
    section: realizedSavingsSection(settled, stillPending),
    settle: () => settleChanges(s3, input.ledger, settled),
  };
}

/** What one account and Region's follow-up settled, and how many of its changes it had to leave pending. */
export interface PendingSettlement {
  readonly settled: SettledChange[];
  /** Changes left pending because the inventory failed (0 when it was read). */
  readonly stillPending: number;
}

/**
 * Settles the pending changes of one account and Region on the inventory a run just read, without
 * moving them: the caller moves them (`settleChanges`) once its report is written.
 */
export async function settlePendingChanges(s3: S3Client, input: FollowUpInput): Promise<PendingSettlement> {
  return settleOnInventory(await pendingChanges(s3, input.ledger, input.accountId, input.region), input);
}

/** With no inventory (its source failed) nothing is settled on a partial view: every change stays pending. */
export function settleOnInventory(pending: readonly LedgerEntry[], input: Omit<FollowUpInput, 'ledger' | 'accountId' | 'region'>): PendingSettlement {
  if (input.volumes === undefined || input.snapshots === undefined) return { settled: [], stillPending: pending.length };
  const live = inventoryOf(input.volumes, input.snapshots, input.priceTable, input.priceBasis);
  return { settled: pending.map((entry) => settleChange(entry, live, input.now)), stillPending: 0 };
}

function inventoryOf(
  volumes: readonly Volume[],
  snapshots: readonly Snapshot[],
  priceTable: Readonly<Record<string, EbsRegionPrices>> | undefined,
  priceBasis: string,
): LiveInventory {
  return {
    volumes: new Map(volumes.flatMap((volume) => (volume.VolumeId === undefined ? [] : [[volume.VolumeId, {
      volumeType: volume.VolumeType, sizeGb: volume.Size, iops: volume.Iops, throughputMbps: volume.Throughput,
    }]]))),
    snapshotIds: new Set(snapshots.flatMap((snapshot) => snapshot.SnapshotId ?? [])),
    priceTable,
    priceBasis,
  };
}
