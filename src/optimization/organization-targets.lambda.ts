import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { runTimeOf } from '../runtime/optimization-handlers/environment';
import { organizationRunPrefix, readTargetsEnvironment, type TargetsRun } from '../runtime/optimization-handlers/organization-run';
import { scanItems, targetAccounts, type TargetsSetting } from '../runtime/optimization-handlers/organization-targets';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/source-settings';

const organizations = new OrganizationsClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const s3 = new S3Client({});

/** What the state machine passes: the schedule's moment and the execution's name. */
export interface TargetsEvent {
  readonly scheduledTime?: string;
  readonly executionName: string;
}

/**
 * The first step of an organization-wide storage run: lists the active target accounts (paged),
 * crosses them with the Regions, and writes the items to S3 for the Distributed Map's ItemReader
 * (20,000 items are megabytes, far over the 256 KiB state payload). Returns only where they are.
 */
export async function handler(event: TargetsEvent): Promise<TargetsRun> {
  const environment = readTargetsEnvironment(process.env);
  const runAt = runTimeOf(event);
  const targets: TargetsSetting = environment.targets;
  const { accounts, notes } = await targetAccounts(organizations, targets);
  const items = scanItems(accounts, environment.regions);
  const runPrefix = organizationRunPrefix(environment.reportPrefix, runAt, event.executionName);
  const itemsKey = `${runPrefix}/items.json`;
  await s3.send(new PutObjectCommand({ Bucket: environment.reportBucket, Key: itemsKey, Body: JSON.stringify(items), ContentType: 'application/json' }));
  return { runAt: runAt.toISOString(), runPrefix, itemsKey, accounts: accounts.length, items: items.length, notes };
}
