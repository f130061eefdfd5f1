import type { MetricDatum } from '@aws-sdk/client-cloudwatch';
import type { RealizedSavingsSection, ReportWithCommitmentUsage } from '../optimization';

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
  reservationUtilizationPercentage: 'ReservationUtilizationPercentage',
  reservationCoveragePercentage: 'ReservationCoveragePercentage',
  savingsPlansUtilizationPercentage: 'SavingsPlansUtilizationPercentage',
  savingsPlansCoveragePercentage: 'SavingsPlansCoveragePercentage',
  anomalyCount: 'AnomalyCount',
  anomalyTotalImpact: 'AnomalyTotalImpact',
  realizedMonthlySavings: 'RealizedMonthlySavings',
  successRate: 'SuccessRate',
  timeToImplement: 'TimeToImplement',
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
 * A cost analysis that read GetAnomalies puts the period's anomaly count and total impact (USD); a
 * commitments run puts each utilization and coverage percentage it measured.
 *
 * CloudWatch takes doubles; savings are converted from their exact two-decimal strings here, at the edge.
 * The data points keep PutMetricData's shape (`MetricDatum`); `publishMetrics` (outputs.ts) writes them
 * as embedded metric format documents.
 */
export function runMetricData(optimizer: string, report: ReportWithCommitmentUsage, timestamp: Date): MetricDatum[] {
  // Every breakdown partitions the same costs, so the first one's change is the cost's change.
  const costIncrease = report.costBreakdowns?.[0]?.change.changePercentage;
  const datum = (name: string, value: number, unit: MetricUnit, extra: Dimension[] = []) =>
    optimizerDatum(optimizer, timestamp, name, value, unit, extra);
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
    ...report.anomalies === undefined ? [] : [
      datum(METRIC_NAMES.anomalyCount, report.anomalies.count, 'Count'),
      datum(METRIC_NAMES.anomalyTotalImpact, Number(report.anomalies.totalImpact), 'None'),
    ],
    ...commitmentUsageData(report).map(([name, percentage]) => datum(name, Number(percentage), 'Percent')),
    ...report.realizedSavings === undefined ? []
      : realizedSavingsMetricData(report.realizedSavings).map((point) => datum(point.name, point.value, point.unit)),
  ];
}

/**
 * The follow-up's data points: the monthly savings it confirmed (0 when none), the success rate
 * (confirmed / settled, percent; none when nothing was settled, so an average is not dragged to 0
 * by empty runs) and, per settled change, the seconds from the approval request to the change.
 */
export function realizedSavingsMetricData(section: RealizedSavingsSection): Array<{ name: string; value: number; unit: 'None' | 'Percent' | 'Seconds' }> {
  return [
    { name: METRIC_NAMES.realizedMonthlySavings, value: Number(section.realizedMonthlySavings), unit: 'None' },
    ...section.successRatePercentage === undefined ? [] : [{ name: METRIC_NAMES.successRate, value: Number(section.successRatePercentage), unit: 'Percent' as const }],
    ...section.timeToImplementSeconds.map((seconds) => ({ name: METRIC_NAMES.timeToImplement, value: seconds, unit: 'Seconds' as const })),
  ];
}

/** The commitment figures a commitments run measured, by metric name. */
function commitmentUsageData(report: ReportWithCommitmentUsage): Array<[string, string]> {
  const usage = report.commitmentUsage;
  const figures: Array<[string, string | undefined]> = [
    [METRIC_NAMES.reservationUtilizationPercentage, usage?.reservationUtilization?.percentage],
    [METRIC_NAMES.reservationCoveragePercentage, usage?.reservationCoverage?.percentage],
    [METRIC_NAMES.savingsPlansUtilizationPercentage, usage?.savingsPlansUtilization?.percentage],
    [METRIC_NAMES.savingsPlansCoveragePercentage, usage?.savingsPlansCoverage?.percentage],
  ];
  return figures.filter((figure): figure is [string, string] => figure[1] !== undefined);
}

/** The bytes a cost analysis's Athena queries scanned (what Athena bills), put once per run in Athena mode. */
export function athenaScanMetricData(optimizer: string, dataScannedInBytes: number, timestamp: Date): MetricDatum[] {
  return [optimizerDatum(optimizer, timestamp, METRIC_NAMES.athenaDataScannedBytes, dataScannedInBytes, 'Bytes')];
}

type MetricUnit = 'None' | 'Count' | 'Percent' | 'Seconds' | 'Bytes';
type Dimension = { Name: string; Value: string };

/** One data point of an optimizer's run, under its `Optimizer` dimension (and any others). */
function optimizerDatum(optimizer: string, timestamp: Date, name: string, value: number, unit: MetricUnit, extra: Dimension[] = []): MetricDatum {
  return { MetricName: name, Dimensions: [{ Name: 'Optimizer', Value: optimizer }, ...extra], Timestamp: timestamp, Value: value, Unit: unit };
}
