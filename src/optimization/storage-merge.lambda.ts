import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { CostExplorerRequestCounter, sourceSucceeded, type Opportunity } from '../runtime/optimization';
import { approvalStarter } from '../runtime/optimization-handlers/approval-start';
import { accountIdOfFunctionArn, readOptimizerEnvironment } from '../runtime/optimization-handlers/environment';
import {
  itemOutcomes, organizationFailures, organizationSection, readChildResults, readFindings, type ResultWriterDetails,
} from '../runtime/optimization-handlers/organization-merge';
import { organizationReportObjects } from '../runtime/optimization-handlers/organization-report';
import type { TargetsRun } from '../runtime/optimization-handlers/organization-run';
import { dayOf } from '../runtime/optimization-handlers/periods';
import { finishRun, recommendationReport, type RunResult } from '../runtime/optimization-handlers/run';

const s3 = new S3Client({});
const clients = { s3, sns: new SNSClient({}), cloudWatch: new CloudWatchClient({}) };
const startApproval = approvalStarter(new SFNClient({}));

/** What the state machine passes: the targets step's output and the Distributed Map's ResultWriterDetails. */
export interface MergeEvent {
  readonly targets: TargetsRun;
  readonly results: ResultWriterDetails;
}

/**
 * The last step of an organization-wide storage run: reads every item's result (the
 * ResultWriter's manifest and files) and the findings they point to, ranks every account's
 * findings together into ONE report (a section per account, totals by account and OU, each
 * account and Region that failed named), writes it as JSON, Markdown and CSV, puts the metrics,
 * publishes the summary and routes the storage actions, each with its account, to approval.
 */
export async function handler(event: MergeEvent, context: Pick<Context, 'invokedFunctionArn'>): Promise<RunResult> {
  const environment = readOptimizerEnvironment(process.env);
  const now = new Date(event.targets.runAt);
  const outcomes = itemOutcomes(await readChildResults(s3, event.results));
  const findings = await readFindings(s3, environment.reportBucket, outcomes);
  const opportunities: Opportunity[] = findings.flatMap((found) => found.opportunities);
  const report = recommendationReport({
    accountId: accountIdOfFunctionArn(context.invokedFunctionArn),
    now,
    period: { start: dayOf(now), end: dayOf(now) },
    counter: new CostExplorerRequestCounter(),
    results: [sourceSucceeded('EC2 inventory', opportunities)],
    notes: [...event.targets.notes, ...new Set(findings.flatMap((found) => found.notes))],
  }, environment);
  const withFailures = { ...report, failedSources: [...report.failedSources, ...organizationFailures(outcomes)] };
  const organization = organizationSection(withFailures.opportunities, outcomes);
  const objects = organizationReportObjects(withFailures, organization, environment.optimizer, environment.reportPrefix);
  return finishRun(clients, environment, withFailures, startApproval, objects);
}
