import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { collectSource, CostExplorerRequestCounter, failedSources, sourceSucceeded, type Opportunity } from '../runtime/optimization';
import { approvalStarter } from '../runtime/optimization-handlers/approval-start';
import { accountIdOfFunctionArn, readOptimizerEnvironment } from '../runtime/optimization-handlers/environment';
import { readBusinessUnits } from '../runtime/optimization-handlers/organization-business-units';
import {
  itemOutcomes, organizationFailures, organizationSection, readChildResults, readFindings, type ResultWriterDetails,
} from '../runtime/optimization-handlers/organization-merge';
import { organizationReportObjects } from '../runtime/optimization-handlers/organization-report';
import { ORGANIZATION_ENVIRONMENT, type TargetsRun } from '../runtime/optimization-handlers/organization-run';
import { dayOf } from '../runtime/optimization-handlers/periods';
import { finishRun, recommendationReport, type RunResult } from '../runtime/optimization-handlers/run';
import { SDK_MAX_ATTEMPTS } from '../runtime/optimization-handlers/source-settings';

const s3 = new S3Client({});
const clients = { s3, sns: new SNSClient({}), cloudWatch: new CloudWatchClient({}) };
const startApproval = approvalStarter(new SFNClient({}));
const costExplorer = new CostExplorerClient({ maxAttempts: SDK_MAX_ATTEMPTS });

/** What the state machine passes: the targets step's output and the Distributed Map's ResultWriterDetails. */
export interface MergeEvent {
  readonly targets: TargetsRun;
  readonly results: ResultWriterDetails;
}

/**
 * The last step of an organization-wide storage run: reads every item's result (the
 * ResultWriter's manifest and files) and the findings they point to, ranks every account's
 * findings together into ONE report (a section per account, totals by account, OU and business
 * unit, each account and Region that failed named), writes it as JSON, Markdown and CSV, puts the metrics,
 * publishes the summary and routes the storage actions, each with its account, to approval.
 */
export async function handler(event: MergeEvent, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const now = new Date(event.targets.runAt);
  const outcomes = itemOutcomes(await readChildResults(s3, event.results));
  const findings = await readFindings(s3, environment.reportBucket, outcomes);
  const opportunities: Opportunity[] = findings.flatMap((found) => found.opportunities);
  const counter = new CostExplorerRequestCounter();
  // One paged request for the whole organization, however many accounts; failing, it is named and the report goes on without it.
  const costCategoryName = process.env[ORGANIZATION_ENVIRONMENT.businessUnitCostCategory];
  const businessUnits = costCategoryName
    ? await collectSource(`Cost Explorer business units (cost category ${costCategoryName})`,
      async () => ({ costCategoryName, businessUnitOf: await readBusinessUnits(costExplorer, counter, costCategoryName, now) }))
    : undefined;
  const report = recommendationReport({
    accountId: accountIdOfFunctionArn(context.invokedFunctionArn),
    now,
    period: { start: dayOf(now), end: dayOf(now) },
    counter,
    results: [sourceSucceeded('EC2 inventory', opportunities)],
    notes: [...event.targets.notes, ...new Set(findings.flatMap((found) => found.notes))],
  }, environment);
  const withFailures = {
    ...report,
    failedSources: [...report.failedSources, ...failedSources(businessUnits ? [businessUnits] : []), ...organizationFailures(outcomes)],
  };
  const organization = organizationSection(withFailures.opportunities, outcomes, businessUnits?.ok ? businessUnits.data : undefined);
  const objects = organizationReportObjects(withFailures, organization, environment.optimizer, environment.reportPrefix);
  return finishRun(clients, environment, withFailures, startApproval, objects);
}
