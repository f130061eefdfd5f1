import type {
  GetReservationCoverageResponse, GetReservationUtilizationResponse, GetSavingsPlansCoverageResponse, GetSavingsPlansUtilizationResponse,
} from '@aws-sdk/client-cost-explorer';
import type { CostPeriod } from './cost-analysis';
import { Decimal } from './money';
import type { OptimizationReport } from './report';

/**
 * How well the account's commitments were used and how much of its usage they covered, over one
 * period, each figure exactly as Cost Explorer states it (percentages are its decimal strings).
 * A figure is absent when its source failed or Cost Explorer had no data (no commitment).
 */
export interface CommitmentUsage {
  readonly period: CostPeriod;
  /** GetReservationUtilization `Total.UtilizationPercentage`, with the purchased and used hours. */
  readonly reservationUtilization?: { readonly percentage: string; readonly purchasedHours: string; readonly actualHours: string };
  /** GetReservationCoverage `Total.CoverageHours.CoverageHoursPercentage`, with the reserved and running hours. */
  readonly reservationCoverage?: { readonly percentage: string; readonly reservedHours: string; readonly totalRunningHours: string };
  /** GetSavingsPlansUtilization `Total.Utilization.UtilizationPercentage`, with the commitment and what of it was used (USD). */
  readonly savingsPlansUtilization?: { readonly percentage: string; readonly totalCommitment: string; readonly usedCommitment: string };
  /**
   * GetSavingsPlansCoverage has no total: the spend covered over the total cost of every entry, summed exactly, as a
   * percentage with two decimals.
   */
  readonly savingsPlansCoverage?: { readonly percentage: string; readonly coveredSpend: string; readonly totalCost: string };
}

/** A report with the commitments run's usage figures (kept beside the report's own fields, not inside them). */
export type ReportWithCommitmentUsage = OptimizationReport & { readonly commitmentUsage?: CommitmentUsage };

/** The reservation utilization of the pages' total; undefined when Cost Explorer gave no total. */
export function reservationUtilizationOf(pages: readonly GetReservationUtilizationResponse[]): CommitmentUsage['reservationUtilization'] {
  const total = pages.map((page) => page.Total).find((candidate) => candidate?.UtilizationPercentage !== undefined);
  if (total === undefined) return undefined;
  return { percentage: total.UtilizationPercentage!, purchasedHours: total.PurchasedHours ?? '0', actualHours: total.TotalActualHours ?? '0' };
}

/** The reservation coverage (in hours) of the pages' total; undefined when Cost Explorer gave no total. */
export function reservationCoverageOf(pages: readonly GetReservationCoverageResponse[]): CommitmentUsage['reservationCoverage'] {
  const hours = pages.map((page) => page.Total?.CoverageHours).find((candidate) => candidate?.CoverageHoursPercentage !== undefined);
  if (hours === undefined) return undefined;
  return { percentage: hours.CoverageHoursPercentage!, reservedHours: hours.ReservedHours ?? '0', totalRunningHours: hours.TotalRunningHours ?? '0' };
}

/** The Savings Plans utilization of the response's total; undefined when Cost Explorer gave no total. */
export function savingsPlansUtilizationOf(response: GetSavingsPlansUtilizationResponse): CommitmentUsage['savingsPlansUtilization'] {
  const utilization = response.Total?.Utilization;
  if (utilization?.UtilizationPercentage === undefined) return undefined;
  return { percentage: utilization.UtilizationPercentage, totalCommitment: utilization.TotalCommitment ?? '0', usedCommitment: utilization.UsedCommitment ?? '0' };
}

/** The Savings Plans coverage of every entry of every page; undefined when there was no cost at all. */
export function savingsPlansCoverageOf(pages: readonly GetSavingsPlansCoverageResponse[]): CommitmentUsage['savingsPlansCoverage'] {
  const entries = pages.flatMap((page) => page.SavingsPlansCoverages ?? []).map((entry) => entry.Coverage ?? {});
  const covered = entries.reduce((sum, entry) => sum.plus(entry.SpendCoveredBySavingsPlans ?? '0'), new Decimal(0));
  const total = entries.reduce((sum, entry) => sum.plus(entry.TotalCost ?? '0'), new Decimal(0));
  if (total.isZero()) return undefined;
  return {
    percentage: covered.dividedBy(total).times(100).toFixed(2),
    coveredSpend: covered.toFixed(),
    totalCost: total.toFixed(),
  };
}

/** One line per figure for the report's notes (what the Markdown and CSV readers see). */
export function commitmentUsageNotes(usage: CommitmentUsage): string[] {
  const span = `${usage.period.start} to ${usage.period.end}`;
  const { reservationUtilization: ru, reservationCoverage: rc, savingsPlansUtilization: su, savingsPlansCoverage: sc } = usage;
  return [
    ru && `Reserved Instance utilization ${span}: ${ru.percentage}% (${ru.actualHours} of ${ru.purchasedHours} purchased hours used)`,
    rc && `Reserved Instance coverage ${span}: ${rc.percentage}% (${rc.reservedHours} of ${rc.totalRunningHours} running hours reserved)`,
    su && `Savings Plans utilization ${span}: ${su.percentage}% (${su.usedCommitment} of ${su.totalCommitment} USD committed used)`,
    sc && `Savings Plans coverage ${span}: ${sc.percentage}% (${sc.coveredSpend} of ${sc.totalCost} USD covered)`,
  ].filter((line): line is string => line !== undefined);
}
