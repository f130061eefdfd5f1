import { EC2Client } from '@aws-sdk/client-ec2';
import { S3Client } from '@aws-sdk/client-s3';
import { STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { accountIdOfFunctionArn } from '../runtime/optimization-handlers/environment';
import { assumeMemberRole, memberRoleArn, partitionOfArn } from '../runtime/optimization-handlers/member-credentials';
import { readScanSettings, scanAccountRegion, type ScanEvent, type ScanSummary } from '../runtime/optimization-handlers/organization-scan';
import { priceListClient, priceListQuery } from '../runtime/optimization-handlers/price-list-client';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/source-settings';

const sts = new STSClient({ maxAttempts: SDK_MAX_ATTEMPTS });
const s3 = new S3Client({});
// Prices are the same for every account: read with the function's own role, never the member's. One
// query for the container's life: the prices it reads serve the container's next items in the Region.
const priceList = priceListQuery(priceListClient());

/**
 * One item of an organization-wide storage run: the storage inventory of one account and Region,
 * through the member read role (the pipeline's own account with the function's own role). A role
 * that cannot be assumed throws: the state machine records it as this item's result and the run
 * goes on.
 */
export async function handler(event: ScanEvent, context: Pick<Context, 'invokedFunctionArn'>): Promise<ScanSummary> {
  const settings = readScanSettings(process.env);
  const ownAccount = accountIdOfFunctionArn(context.invokedFunctionArn);
  const credentials = event.item.accountId === ownAccount
    ? undefined
    : await assumeMemberRole(sts, memberRoleArn(partitionOfArn(context.invokedFunctionArn), event.item.accountId, settings.readRoleName), 'finops-storage-scan');
  const ec2 = new EC2Client({ region: event.item.region, credentials, maxAttempts: SDK_MAX_ATTEMPTS });
  try {
    return await scanAccountRegion({ ec2, s3, priceList }, event, settings);
  } finally {
    ec2.destroy();
  }
}
