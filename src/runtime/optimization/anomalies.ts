import type { Anomaly, GetAnomaliesResponse, RootCause } from '@aws-sdk/client-cost-explorer';
import { amountFromNumber, apportionMoney, Decimal, sumAmounts, toMoney, toPercentage, ZERO } from './money';
import { compareText } from './ordering';

/** One likely cause of an anomaly, as Cost Anomaly Detection names it. */
export interface AnomalyRootCause {
  readonly service?: string;
  readonly region?: string;
  readonly linkedAccount?: string;
  readonly linkedAccountName?: string;
  readonly usageType?: string;
  /** Dollars this cause contributed, two decimals (absent when AWS gave none). */
  readonly contribution?: string;
}

/** One anomaly, money as two-decimal strings. */
export interface AnomalyDetail {
  readonly id: string;
  readonly startDate?: string;
  readonly endDate?: string;
  readonly monitorArn?: string;
  /** The monitored dimension's value (e.g. the service for a SERVICE monitor). */
  readonly dimensionValue?: string;
  /**
   * Cost above the expected spend over the anomaly. AWS's `TotalImpact`; for an anomaly
   * without it, `MaxImpact` (its largest daily impact, a lower bound of the total).
   */
  readonly totalImpact: string;
  readonly maxImpact: string;
  readonly totalImpactPercentage?: string;
  readonly maxScore?: number;
  readonly currentScore?: number;
  readonly feedback?: string;
  readonly rootCauses: AnomalyRootCause[];
}

/** The impact of anomalies attributed to one service through their root causes. */
export interface ServiceImpact {
  readonly service: string;
  /** Exact sum of the root causes' contributions (as AWS sent them) for this service, rounded once to two decimals. */
  readonly contribution: string;
  readonly anomalyCount: number;
}

/** What the report says about anomalies. */
export interface AnomalySummary {
  readonly count: number;
  /** Exact sum of the anomalies' total impact, rounded once; the anomalies' rendered impacts add up to it. */
  readonly totalImpact: string;
  /** Largest total impact first (ties by id). */
  readonly anomalies: AnomalyDetail[];
  /** Services most to blame across all anomalies, largest contribution first. */
  readonly impactByService: ServiceImpact[];
}

/**
 * Summarizes the pages of GetAnomalies.
 *
 * Impacts and contributions are JSON numbers in this API; they are converted through their
 * shortest decimal text (see `amountFromNumber`). An anomaly repeated across pages counts once.
 */
export function summarizeAnomalies(pages: readonly GetAnomaliesResponse[]): AnomalySummary {
  const byId = new Map<string, Anomaly>();
  for (const page of pages) {
    for (const anomaly of page.Anomalies ?? []) {
      if (anomaly.AnomalyId !== undefined && !byId.has(anomaly.AnomalyId)) {
        byId.set(anomaly.AnomalyId, anomaly);
      }
    }
  }
  const impacts = [...byId.values()]
    .map(anomaly => ({ anomaly, totalImpact: totalImpactOf(anomaly) }))
    .sort((first, second) => second.totalImpact.comparedTo(first.totalImpact) || compareText(first.anomaly.AnomalyId!, second.anomaly.AnomalyId!));
  const rendered = apportionMoney(impacts.map(impact => impact.totalImpact));
  const details = impacts.map((impact, index) => ({ ...toDetail(impact.anomaly), totalImpact: rendered[index] }));
  return {
    count: details.length,
    totalImpact: toMoney(sumAmounts(impacts.map(impact => impact.totalImpact))),
    anomalies: details,
    impactByService: impactByService(impacts.map(impact => impact.anomaly)),
  };
}

/** AWS's `TotalImpact`, or `MaxImpact` for an anomaly without it. */
function totalImpactOf(anomaly: Anomaly): Decimal {
  const id = anomaly.AnomalyId ?? '';
  const maxImpact = amountFromNumber(anomaly.Impact?.MaxImpact, `Impact.MaxImpact of ${id}`);
  return anomaly.Impact?.TotalImpact === undefined ? maxImpact : amountFromNumber(anomaly.Impact.TotalImpact, `Impact.TotalImpact of ${id}`);
}

/** An anomaly with money rendered on its own (its total impact is apportioned by the summary). */
function toDetail(anomaly: Anomaly): AnomalyDetail {
  const id = anomaly.AnomalyId ?? '';
  const maxImpact = amountFromNumber(anomaly.Impact?.MaxImpact, `Impact.MaxImpact of ${id}`);
  const totalImpact = totalImpactOf(anomaly);
  const percentage = anomaly.Impact?.TotalImpactPercentage;
  return {
    id,
    startDate: anomaly.AnomalyStartDate,
    endDate: anomaly.AnomalyEndDate,
    monitorArn: anomaly.MonitorArn,
    dimensionValue: anomaly.DimensionValue,
    totalImpact: toMoney(totalImpact),
    maxImpact: toMoney(maxImpact),
    totalImpactPercentage: percentage === undefined ? undefined : toPercentage(amountFromNumber(percentage, `Impact.TotalImpactPercentage of ${id}`)),
    maxScore: anomaly.AnomalyScore?.MaxScore,
    currentScore: anomaly.AnomalyScore?.CurrentScore,
    feedback: anomaly.Feedback,
    rootCauses: (anomaly.RootCauses ?? []).map(cause => toRootCause(cause, id)),
  };
}

function toRootCause(cause: RootCause, anomalyId: string): AnomalyRootCause {
  const contribution = contributionOf(cause, anomalyId);
  return {
    service: cause.Service,
    region: cause.Region,
    linkedAccount: cause.LinkedAccount,
    linkedAccountName: cause.LinkedAccountName,
    usageType: cause.UsageType,
    contribution: contribution === undefined ? undefined : toMoney(contribution),
  };
}

function contributionOf(cause: RootCause, anomalyId: string): Decimal | undefined {
  const contribution = cause.Impact?.Contribution;
  return contribution === undefined ? undefined : amountFromNumber(contribution, `RootCauses.Impact.Contribution of ${anomalyId}`);
}

/** Sums the contributions AWS sent, not their two-decimal renderings: three causes of 0.004 make 0.01, not 0.00. */
function impactByService(anomalies: readonly Anomaly[]): ServiceImpact[] {
  const services = new Map<string, { contribution: Decimal; anomalies: Set<string> }>();
  for (const anomaly of anomalies) {
    const id = anomaly.AnomalyId ?? '';
    for (const cause of anomaly.RootCauses ?? []) {
      const service = cause.Service ?? '(unknown service)';
      const entry = services.get(service) ?? { contribution: ZERO, anomalies: new Set<string>() };
      entry.contribution = entry.contribution.plus(contributionOf(cause, id) ?? ZERO);
      entry.anomalies.add(id);
      services.set(service, entry);
    }
  }
  return [...services.entries()]
    .map(([service, entry]) => ({ service, contribution: entry.contribution, anomalyCount: entry.anomalies.size }))
    .sort((first, second) => second.contribution.comparedTo(first.contribution) || compareText(first.service, second.service))
    .map(entry => ({ service: entry.service, contribution: toMoney(entry.contribution), anomalyCount: entry.anomalyCount }));
}
