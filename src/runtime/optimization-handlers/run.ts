import type { OptimizerEnvironment } from './environment';
import { ApprovalStarter, OutputClients, RunOutputs, writeRunOutputs } from './outputs';
import {
  buildReport,
  CostExplorerRequestCounter,
  failedSources,
  selectOpportunities,
  successfulData,
  withAgreeingSources,
  type CostPeriod,
  type Opportunity,
  type OptimizationReport,
  type ReportObject,
  type SourceResult,
} from '../optimization';

/** What a recommendation optimizer found, by source. */
export interface RecommendationRun {
  readonly accountId: string;
  readonly now: Date;
  readonly period: CostPeriod;
  readonly counter: CostExplorerRequestCounter;
  readonly results: ReadonlyArray<SourceResult<Opportunity[]>>;
  readonly notes?: readonly string[];
}

/**
 * Deduplicates (the opportunity kept names the other sources that agreed with it), filters by
 * policy and ranks (with the pipeline's priority formula) what the sources that answered found,
 * and names the ones that failed: one failing source never loses the others.
 */
export function recommendationReport(run: RecommendationRun, environment: OptimizerEnvironment): OptimizationReport {
  const found = withAgreeingSources(successfulData(run.results).flat());
  const selection = selectOpportunities(found, { policy: environment.policy, scorer: environment.priorityScorer });
  return buildReport({
    accountId: run.accountId,
    generatedAt: run.now,
    period: run.period,
    opportunities: selection.ranked,
    excluded: { duplicates: selection.duplicates.length, belowThresholds: selection.rejected.length },
    costExplorerRequests: run.counter.usage(),
    failedSources: failedSources(run.results),
    notes: run.notes,
  });
}

/** The handlers' answer: figures for the log and the on-success destination. */
export interface RunResult extends RunOutputs {
  readonly optimizer: string;
  readonly opportunities: number;
  readonly monthlySavings: string;
  readonly costExplorerRequests: number;
  readonly failedSources: string[];
}

/** Writes the report (and with `startApproval`, routes its storage findings to approval) and returns the run's headline figures. */
export async function finishRun(
  clients: OutputClients,
  environment: OptimizerEnvironment,
  report: OptimizationReport,
  startApproval?: ApprovalStarter,
  objects?: ReportObject[],
): Promise<RunResult> {
  const outputs = await writeRunOutputs(clients, environment, report, startApproval, objects);
  return {
    optimizer: environment.optimizer,
    opportunities: report.totals.count,
    monthlySavings: report.totals.monthlySavings,
    costExplorerRequests: report.costExplorerRequests.requestCount,
    failedSources: report.failedSources.map((failed) => failed.source),
    ...outputs,
  };
}
