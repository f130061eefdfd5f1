import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { OptimizationReport } from '../optimization';

/** The namespace every optimizer writes to, unless the construct sets another. */
export const DEFAULT_METRIC_NAMESPACE = 'FinOps/Optimization';

/** Metric names, shared with the construct's dashboard through the same strings. */
export const METRIC_NAMES = {
  potentialMonthlySavings: 'PotentialMonthlySavings',
  opportunityCount: 'OpportunityCount',
  costExplorerRequests: 'CostExplorerRequests',
  failedSources: 'FailedSources',
  costIncreasePercentage: 'CostIncreasePercentage',
  athenaDataScannedBytes: 'AthenaDataScannedBytes',
} as const;

/**
 * The data points of one run: savings and counts in total and per opportunity type, Cost
 * Explorer requests made, and sources that failed (0 on a clean run, so an alarm can see the
 * difference between "no failure" and "no data").
 *
 * A cost analysis also puts its cost's period-over-period change (per hour, the last period against
 * the one before), which the pipeline's unexpected-increase alarm watches; none when there is
 * nothing to compare.
 *
 * CloudWatch takes doubles; savings are converted from their exact two-decimal strings here, at the edge.
 * The data points keep PutMetricData's shape (`MetricDatum`); `publishMetrics` (outputs.ts) writes them
 * as embedded metric format documents.
 */
export function runMetricData(optimizer: string, report: OptimizationReport, timestamp: Date): MetricDatum[] {
  const byOptimizer = [{ Name: 'Optimizer', Value: optimizer }];
  // Every breakdown partitions the same costs, so the first one's change is the cost's change.
  const costIncrease = report.costBreakdowns?.[0]?.change.changePercentage;
  const datum = (name: string, value: number, unit: 'None' | 'Count' | 'Percent', extra: Array<{ Name: string; Value: string }> = []): MetricDatum => ({
    MetricName: name,
    Dimensions: [...byOptimizer, ...extra],
    Timestamp: timestamp,
    Value: value,
    Unit: unit,
  });
  return [
    datum(METRIC_NAMES.potentialMonthlySavings, Number(report.totals.monthlySavings), 'None'),
    datum(METRIC_NAMES.opportunityCount, report.totals.count, 'Count'),
    ...report.totalsByType.flatMap((totals) => [
      datum(METRIC_NAMES.potentialMonthlySavings, Number(totals.monthlySavings), 'None', [{ Name: 'OpportunityType', Value: totals.type }]),
      datum(METRIC_NAMES.opportunityCount, totals.count, 'Count', [{ Name: 'OpportunityType', Value: totals.type }]),
    ]),
    datum(METRIC_NAMES.costExplorerRequests, report.costExplorerRequests.requestCount, 'Count'),
    datum(METRIC_NAMES.failedSources, report.failedSources.length, 'Count'),
    ...costIncrease === undefined ? [] : [datum(METRIC_NAMES.costIncreasePercentage, Number(costIncrease), 'Percent')],
  ];
}

/** The bytes a cost analysis's Athena queries scanned (what Athena bills), put once per run in Athena mode. */
export function athenaScanMetricData(optimizer: string, dataScannedInBytes: number, timestamp: Date): MetricDatum[] {
  return [{
    MetricName: METRIC_NAMES.athenaDataScannedBytes,
    Dimensions: [{ Name: 'Optimizer', Value: optimizer }],
    Timestamp: timestamp,
    Value: dataScannedInBytes,
    Unit: 'Bytes',
  }];
}
