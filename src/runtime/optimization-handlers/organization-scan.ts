import type { EC2Client } from '@aws-sdk/client-ec2';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ebsPricesCachedFrom, type PriceListQuery } from './ebs-price-source';
import { snapshotsFrom, volumesFrom } from './ec2-sources';
import type { ScanItem } from './organization-targets';
import { settleOnInventory } from './realized-savings-follow-up';
import { pendingChanges, readLedgerLocation, type LedgerLocation } from './realized-savings-ledger';
import { SOURCES } from './source-settings';
import {
  collectSource, failedSources, resolvePolicy, storageOpportunities,
  type FailedSource, type Opportunity, type OptimizationPolicyOverrides, type SettledChange, type StoragePolicy,
} from '../optimization';

/** What the Distributed Map hands each item processor (its ItemSelector). */
export interface ScanEvent {
  readonly item: ScanItem;
  /** Where this run's intermediate objects go. */
  readonly runPrefix: string;
  /** The moment the run is about (ISO-8601): every account's snapshots are aged to the same clock. */
  readonly runAt: string;
}

/** What one account and Region found, written to S3 (the state payload carries only the summary). */
export interface ScanFindings {
  readonly accountId: string;
  readonly region: string;
  readonly opportunities: Opportunity[];
  readonly notes: string[];
  /**
   * The account and Region's executed changes, settled on the inventory just read (absent without
   * an approval workflow): the merge reports them and moves them out of pending once its report is written.
   */
  readonly settledChanges?: SettledChange[];
}

/**
 * The item's result in the Distributed Map: small, whatever the account holds. Opportunities and
 * settled changes stay in S3 because a task's output has a hard limit: "Length Constraints:
 * Maximum length of 262144." (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TaskSucceededEventDetails.html),
 * and the ResultWriter writes each child execution's output as it is.
 */
export interface ScanSummary extends ScanItem {
  /** Where the findings and settled changes are; absent when there were none. */
  readonly findingsKey?: string;
  readonly opportunities: number;
  readonly failedSources: FailedSource[];
  /** Executed changes settled by this scan (in the findings object); absent without an approval workflow. */
  readonly settledChanges?: number;
  /** Executed changes left pending because the inventory failed; absent without an approval workflow. */
  readonly pendingChanges?: number;
}

/** The scan function's environment. */
export const SCAN_ENVIRONMENT = {
  reportBucket: 'REPORT_BUCKET',
  policy: 'OPTIMIZATION_POLICY',
  readRoleName: 'MEMBER_READ_ROLE_NAME',
} as const;

export interface ScanSettings {
  readonly reportBucket: string;
  readonly readRoleName: string;
  readonly snapshotRetentionDays: number;
  readonly protectionTagKey: string;
  readonly protectedTags?: StoragePolicy['protectedTags'];
  /** The realized-savings ledger, in the pipeline's report bucket; undefined without an approval workflow. */
  readonly ledger?: LedgerLocation;
}

/** Reads the scan function's environment; a missing variable is a deployment error, reported by name. */
export function readScanSettings(env: Readonly<Record<string, string | undefined>>): ScanSettings {
  const required = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`The environment variable ${name} is not set`);
    return value;
  };
  const policy = resolvePolicy(JSON.parse(env[SCAN_ENVIRONMENT.policy] || '{}') as OptimizationPolicyOverrides);
  return {
    reportBucket: required(SCAN_ENVIRONMENT.reportBucket),
    readRoleName: required(SCAN_ENVIRONMENT.readRoleName),
    snapshotRetentionDays: policy.storage.snapshotRetentionDays,
    protectionTagKey: policy.storage.protectionTagKey,
    protectedTags: policy.storage.protectedTags,
    ledger: readLedgerLocation(env),
  };
}

/** The key of one account and Region's findings under the run's prefix. */
export function findingsKey(runPrefix: string, accountId: string, region: string): string {
  return `${runPrefix}/items/${accountId}-${region}.json`;
}

/** What a scan reads through: EC2 acting in the member account, S3 and the Price List with the function's own role. */
export interface ScanClients {
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  /** The container's own query: each Region's prices are read through it once and kept (see ebsPricesCachedFrom). */
  readonly priceList: PriceListQuery;
}

/**
 * Inventories one account and Region with `ec2` (already acting in that account), prices what it
 * found from the Price List (the hand-copied table when that fails; the findings' notes say which),
 * settles the account and Region's executed changes on that inventory (the ledger is read with
 * `s3`, the function's own role: a member role never sees the ledger), writes the findings and
 * settled changes under the run's prefix and returns the summary. A failing EC2 call is named in
 * the summary, never thrown: the other source still counts, but no change is settled on a partial view.
 */
export async function scanAccountRegion(clients: ScanClients, event: ScanEvent, settings: ScanSettings): Promise<ScanSummary> {
  const { item } = event;
  const now = new Date(event.runAt);
  const sourceName = (source: string) => `${source} in ${item.accountId} ${item.region}`;
  const volumes = await collectSource(sourceName(SOURCES.volumes), () => volumesFrom(clients.ec2));
  const snapshots = await collectSource(sourceName(SOURCES.snapshots), () => snapshotsFrom(clients.ec2));
  const inventory = { volumes: volumes.ok ? volumes.data : [], snapshots: snapshots.ok ? snapshots.data : [] };
  const inventoryRead = volumes.ok && snapshots.ok;
  const ledger = settings.ledger;
  // A ledger that cannot be read is named like a failed EC2 call: the findings still count, nothing is settled.
  const ledgerRead = ledger
    && await collectSource(sourceName(SOURCES.pendingChanges), () => pendingChanges(clients.s3, ledger, item.accountId, item.region));
  const pending = ledgerRead?.ok ? ledgerRead.data : undefined;
  // An empty account and Region with nothing to settle has nothing to price: no Price List request for it.
  // The other items this container scans in the same Region reuse the prices read here.
  const prices = inventory.volumes.length + inventory.snapshots.length + (pending?.length ?? 0) > 0
    ? await ebsPricesCachedFrom(clients.priceList, item.region)
    : undefined;
  const findings = storageOpportunities(inventory.volumes, inventory.snapshots, {
    accountId: item.accountId,
    region: item.region,
    now,
    snapshotRetentionDays: settings.snapshotRetentionDays,
    protectionTagKey: settings.protectionTagKey,
    protectedTags: settings.protectedTags,
    priceTable: prices?.table,
  });
  const followUp = pending && settleOnInventory(pending, {
    now,
    volumes: inventoryRead ? inventory.volumes : undefined,
    snapshots: inventoryRead ? inventory.snapshots : undefined,
    priceTable: prices?.table,
    priceBasis: prices?.note ?? '',
  });
  const settled = followUp?.settled ?? [];
  const summary = {
    ...item,
    opportunities: findings.opportunities.length,
    failedSources: failedSources([volumes, snapshots, ...ledgerRead ? [ledgerRead] : []]),
    ...followUp && { settledChanges: settled.length, pendingChanges: followUp.stillPending },
  };
  if (findings.opportunities.length === 0 && settled.length === 0) return summary;
  const key = findingsKey(event.runPrefix, item.accountId, item.region);
  const notes = [...prices ? [prices.note] : [], ...findings.notes];
  const body: ScanFindings = {
    accountId: item.accountId, region: item.region, opportunities: findings.opportunities, notes, ...followUp && { settledChanges: settled },
  };
  await clients.s3.send(new PutObjectCommand({ Bucket: settings.reportBucket, Key: key, Body: JSON.stringify(body), ContentType: 'application/json' }));
  return { ...summary, findingsKey: key };
}
