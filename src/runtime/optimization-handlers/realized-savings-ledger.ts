import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { StorageActionRequest } from './approval';
import { foldPages } from './paging';
import type { LedgerEntry, SettledChange } from '../optimization';

/**
 * Where executed changes are recorded: one JSON object per change under
 * `<prefix>/pending/<account>/<region>/`, moved to `<prefix>/settled/<account>/<region>/` once the
 * follow-up confirmed it or found it not realized. The executor writes the pending object right
 * after the change succeeded, so a change is on record even when its workflow fails later.
 *
 * Why not Cost Explorer's resource-level cost: "This is an opt-in only feature. You can enable this
 * feature from the Cost Explorer Settings page." and its period "must be within the last 14 days
 * (the start date cannot be earlier than 14 days ago)"
 * (https://docs.aws.amazon.com/cli/latest/reference/ce/get-cost-and-usage-with-resources.html,
 * https://docs.aws.amazon.com/sdk-for-sap-abap/v1/api/latest/cex/operation/GETCOSTANDUSAGEWITHRESOURCES.html):
 * a weekly follow-up could not see the cost before a change older than a week, and most accounts
 * have not opted in. The price difference, from the same price table the finding used, is always there.
 */
export interface LedgerLocation {
  readonly bucket: string;
  /** Without a trailing slash, e.g. `reports/ledger`. */
  readonly prefix: string;
}

/** The environment variables that name the ledger, in the executor and the storage run. */
export const LEDGER_ENVIRONMENT = { bucket: 'LEDGER_BUCKET', prefix: 'LEDGER_PREFIX' } as const;

/** The ledger, or undefined when the function has none (no approval workflow). */
export function readLedgerLocation(env: Readonly<Record<string, string | undefined>>): LedgerLocation | undefined {
  const bucket = env[LEDGER_ENVIRONMENT.bucket];
  const prefix = env[LEDGER_ENVIRONMENT.prefix];
  if (!bucket && !prefix) return undefined;
  if (!bucket || !prefix) throw new Error(`The environment variables ${LEDGER_ENVIRONMENT.bucket} and ${LEDGER_ENVIRONMENT.prefix} are set together`);
  return { bucket, prefix: prefix.replace(/\/+$/, '') };
}

/** The prefix of the changes of one account and Region still waiting for a follow-up. */
export function pendingPrefix(ledger: LedgerLocation, accountId: string, region: string): string {
  return `${ledger.prefix}/pending/${accountId}/${region}/`;
}

/** One key per resource and change: a retried executor rewrites it, a later change of the same resource replaces it. */
export function pendingKey(ledger: LedgerLocation, entry: Pick<LedgerEntry, 'accountId' | 'region' | 'change' | 'resourceId'>): string {
  return `${pendingPrefix(ledger, entry.accountId, entry.region)}${entry.change}-${entry.resourceId}.json`;
}

/** One key per execution, so the settled history keeps every change of a resource; a rerun rewrites the same key. */
export function settledKey(ledger: LedgerLocation, entry: LedgerEntry): string {
  const moment = entry.executedAt.replace(/[-:.]/g, '');
  return `${ledger.prefix}/settled/${entry.accountId}/${entry.region}/${entry.change}-${entry.resourceId}-${moment}.json`;
}

/** Records an executed change. */
export async function recordExecutedChange(s3: S3Client, ledger: LedgerLocation, entry: LedgerEntry): Promise<void> {
  await s3.send(new PutObjectCommand({
    Bucket: ledger.bucket, Key: pendingKey(ledger, entry), Body: JSON.stringify(entry), ContentType: 'application/json',
  }));
}

/** Every change of the account and Region not yet settled, every listing page read. */
export async function pendingChanges(s3: S3Client, ledger: LedgerLocation, accountId: string, region: string): Promise<LedgerEntry[]> {
  const keys = await foldPages(
    (token) => s3.send(new ListObjectsV2Command({
      Bucket: ledger.bucket, Prefix: pendingPrefix(ledger, accountId, region), ContinuationToken: token,
    })),
    (page) => page.NextContinuationToken,
    (page) => (page.Contents ?? []).flatMap((object) => (object.Key?.endsWith('.json') ? [object.Key] : [])),
  );
  const entries: LedgerEntry[] = [];
  for (const key of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: ledger.bucket, Key: key }));
    entries.push(JSON.parse(await object.Body!.transformToString()) as LedgerEntry);
  }
  return entries;
}

/**
 * Writes each settled change, then removes it from pending: a run that stops between the two
 * settles it again next time, under the same settled key, so no executed change is lost. A pending
 * entry the executor rewrote since it was read (the same change of the same resource executed
 * again, while an organization run was scanning) is left for the next run rather than deleted.
 */
export async function settleChanges(s3: S3Client, ledger: LedgerLocation, settled: readonly SettledChange[]): Promise<void> {
  for (const change of settled) {
    await s3.send(new PutObjectCommand({
      Bucket: ledger.bucket, Key: settledKey(ledger, change), Body: JSON.stringify(change), ContentType: 'application/json',
    }));
    const key = pendingKey(ledger, change);
    const current = await s3.send(new GetObjectCommand({ Bucket: ledger.bucket, Key: key })).then(
      async (object) => JSON.parse(await object.Body!.transformToString()) as LedgerEntry,
      (error: { name?: string }) => {
        if (error.name === 'NoSuchKey') return undefined;
        throw error;
      });
    if (current?.executedAt === change.executedAt) {
      await s3.send(new DeleteObjectCommand({ Bucket: ledger.bucket, Key: key }));
    }
  }
}

/** The ledger entry of a change the executor just made, its saving as the executor recomputed it from the live resource, at prices `priceBasis` names. */
export function ledgerEntryOf(
  action: StorageActionRequest,
  change: {
    accountId: string; sizeGb: number; expectedMonthlySavings: string; priceBasis: string; approvedBy: string; requestedAt?: string; executedAt: Date;
  },
): LedgerEntry {
  return {
    opportunityId: action.opportunityId,
    change: action.action,
    resourceId: action.resourceId,
    accountId: change.accountId,
    region: action.region,
    ...(change.requestedAt === undefined ? {} : { requestedAt: change.requestedAt }),
    executedAt: change.executedAt.toISOString(),
    sizeGb: change.sizeGb,
    expectedMonthlySavings: change.expectedMonthlySavings,
    priceBasis: change.priceBasis,
    approvedBy: change.approvedBy,
  };
}
