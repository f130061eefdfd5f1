import type { EC2Client } from '@aws-sdk/client-ec2';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ebsPricesFrom, type PriceListQuery } from './ebs-price-source';
import { snapshotsFrom, volumesFrom } from './ec2-sources';
import type { ScanItem } from './organization-targets';
import { SOURCES } from './source-settings';
import {
  collectSource, failedSources, resolvePolicy, storageOpportunities,
  type FailedSource, type Opportunity, type OptimizationPolicyOverrides, type StoragePolicy,
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
}

/** The item's result in the Distributed Map: small, whatever the account holds. */
export interface ScanSummary extends ScanItem {
  /** Where the findings are; absent when there were none. */
  readonly findingsKey?: string;
  readonly opportunities: number;
  readonly failedSources: FailedSource[];
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
  readonly priceList: PriceListQuery;
}

/**
 * Inventories one account and Region with `ec2` (already acting in that account), prices what it
 * found from the Price List (the hand-copied table when that fails; the findings' notes say which),
 * writes the findings under the run's prefix and returns the summary. A failing EC2 call is named
 * in the summary, never thrown: the other source still counts.
 */
export async function scanAccountRegion(clients: ScanClients, event: ScanEvent, settings: ScanSettings): Promise<ScanSummary> {
  const { item } = event;
  const sourceName = (source: string) => `${source} in ${item.accountId} ${item.region}`;
  const volumes = await collectSource(sourceName(SOURCES.volumes), () => volumesFrom(clients.ec2));
  const snapshots = await collectSource(sourceName(SOURCES.snapshots), () => snapshotsFrom(clients.ec2));
  const inventory = { volumes: volumes.ok ? volumes.data : [], snapshots: snapshots.ok ? snapshots.data : [] };
  // An empty account and Region has nothing to price: no Price List request for it.
  const prices = inventory.volumes.length + inventory.snapshots.length > 0 ? await ebsPricesFrom(clients.priceList, item.region) : undefined;
  const findings = storageOpportunities(inventory.volumes, inventory.snapshots, {
    accountId: item.accountId,
    region: item.region,
    now: new Date(event.runAt),
    snapshotRetentionDays: settings.snapshotRetentionDays,
    protectionTagKey: settings.protectionTagKey,
    protectedTags: settings.protectedTags,
    priceTable: prices?.table,
  });
  const summary = { ...item, opportunities: findings.opportunities.length, failedSources: failedSources([volumes, snapshots]) };
  if (findings.opportunities.length === 0) return summary;
  const key = findingsKey(event.runPrefix, item.accountId, item.region);
  const notes = [...prices ? [prices.note] : [], ...findings.notes];
  const body: ScanFindings = { accountId: item.accountId, region: item.region, opportunities: findings.opportunities, notes };
  await clients.s3.send(new PutObjectCommand({ Bucket: settings.reportBucket, Key: key, Body: JSON.stringify(body), ContentType: 'application/json' }));
  return { ...summary, findingsKey: key };
}
