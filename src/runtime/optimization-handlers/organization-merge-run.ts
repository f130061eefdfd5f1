import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { accountIdOfFunctionArn, type OptimizerEnvironment } from './environment';
import { readBusinessUnits } from './organization-business-units';
import {
  itemOutcomes, organizationFailures, organizationFollowUp, organizationSection, readChildResults, readFindings, type ResultWriterDetails,
} from './organization-merge';
import { organizationReportObjects } from './organization-report';
import type { TargetsRun } from './organization-run';
import type { ApprovalStarter, OutputClients } from './outputs';
import { dayOf } from './periods';
import { settleChanges, type LedgerLocation } from './realized-savings-ledger';
import { finishRun, recommendationReport, type RunResult } from './run';
import { collectSource, CostExplorerRequestCounter, failedSources, sourceSucceeded, type Opportunity } from '../optimization';

/** What the state machine passes the merge: the targets step's output and the Distributed Map's ResultWriterDetails. */
export interface MergeEvent {
  readonly targets: TargetsRun;
  readonly results: ResultWriterDetails;
}

/** The clients the merge calls. */
export interface MergeClients extends OutputClients {
  readonly costExplorer: CostExplorerClient;
  readonly startApproval: ApprovalStarter;
}

/** The merge's settings: the storage optimizer's environment, the business units' cost category and the realized-savings ledger if any. */
export interface MergeSettings {
  readonly environment: OptimizerEnvironment;
  readonly businessUnitCostCategory?: string;
  /** With an approval workflow: where the scans' settled changes are moved once the report is written. */
  readonly ledger?: LedgerLocation;
}

/**
 * The last step of an organization-wide storage run: reads every item's result (the
 * ResultWriter's manifest and files) and the findings they point to, ranks every account's
 * findings together into ONE report (a section per account, totals by account, OU and business
 * unit, each account and Region that failed named), writes it as JSON, Markdown and CSV, puts the
 * metrics, publishes the summary and routes the storage actions, each with its account, to approval.
 * With an approval workflow, the report's "Realized savings" section and metrics sum the changes
 * every scan settled; they leave the ledger's pending list only once the report is written.
 */
export async function mergeOrganizationRun(
  clients: MergeClients,
  settings: MergeSettings,
  event: MergeEvent,
  invokedFunctionArn: string,
): Promise<RunResult> {
  const { environment, businessUnitCostCategory: costCategoryName } = settings;
  const now = new Date(event.targets.runAt);
  const outcomes = itemOutcomes(await readChildResults(clients.s3, event.results));
  const findings = await readFindings(clients.s3, environment.reportBucket, outcomes);
  const opportunities: Opportunity[] = findings.flatMap((found) => found.opportunities);
  const counter = new CostExplorerRequestCounter();
  // One paged request for the whole organization, however many accounts; failing, it is named and the report goes on without it.
  const businessUnits = costCategoryName
    ? await collectSource(`Cost Explorer business units (cost category ${costCategoryName})`,
      async () => ({ costCategoryName, businessUnitOf: await readBusinessUnits(clients.costExplorer, counter, costCategoryName, now) }))
    : undefined;
  const report = recommendationReport({
    accountId: accountIdOfFunctionArn(invokedFunctionArn),
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
  const ledger = settings.ledger;
  const followUp = ledger && { ledger, ...organizationFollowUp(findings, outcomes) };
  const reported = followUp ? { ...withFailures, realizedSavings: followUp.section } : withFailures;
  const objects = organizationReportObjects(reported, organization, environment.optimizer, environment.reportPrefix);
  const result = await finishRun(clients, environment, reported, clients.startApproval, objects);
  if (followUp) await settleChanges(clients.s3, followUp.ledger, followUp.settled);
  return result;
}
