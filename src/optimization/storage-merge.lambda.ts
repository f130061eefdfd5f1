import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { approvalStarter } from '../runtime/optimization-handlers/approval-start';
import { readOptimizerEnvironment } from '../runtime/optimization-handlers/environment';
import { mergeOrganizationRun, type MergeClients, type MergeEvent } from '../runtime/optimization-handlers/organization-merge-run';
import { ORGANIZATION_ENVIRONMENT } from '../runtime/optimization-handlers/organization-run';
import { readLedgerLocation } from '../runtime/optimization-handlers/realized-savings-ledger';
import type { RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/source-settings';

export type { MergeEvent } from '../runtime/optimization-handlers/organization-merge-run';

const clients: MergeClients = {
  s3: new S3Client({}),
  sns: new SNSClient({}),
  costExplorer: new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS }),
  startApproval: approvalStarter(new SFNClient({})),
};

/** The last step of an organization-wide storage run: merges every item's findings into one report (see `mergeOrganizationRun`). */
export async function handler(event: MergeEvent, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  return mergeOrganizationRun(clients, {
    environment: readOptimizerEnvironment(process.env),
    businessUnitCostCategory: process.env[ORGANIZATION_ENVIRONMENT.businessUnitCostCategory] || undefined,
    ledger: readLedgerLocation(process.env),
  }, event, context.invokedFunctionArn);
}
