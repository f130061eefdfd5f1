import type { AnomalySummary } from './anomalies';
import type { CostPeriod, CostSummary } from './cost-analysis';
import type { ForecastSummary } from './forecast';
import { Decimal, sumAmounts, toMoney } from './money';
import { OpportunityType } from './opportunity';
import { compareText } from './ordering';
import type { RankedOpportunity } from './ranking';
import type { CostExplorerUsage, FailedSource } from './requests';

/** Bumped when a field of the JSON report changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 1;

/** Savings of a set of opportunities. Money is two-decimal strings. */
export interface SavingsTotals {
  readonly count: number;
  readonly monthlySavings: string;
  /** `monthlySavings * 12`. */
  readonly annualSavings: string;
  readonly upfrontCost: string;
}

/** Savings of the opportunities of one type. */
export interface TypeSavingsTotals extends SavingsTotals {
  readonly type: OpportunityType;
}

/** One optimization run's findings for one account. */
export interface OptimizationReport {
  readonly schemaVersion: number;
  readonly accountId: string;
  /** The run's UTC date, `YYYY-MM-DD`. */
  readonly runDate: string;
  /** The moment the run is about (the schedule's `scheduledTime`), ISO-8601; with the account and optimizer it names the report (see `reportObjectKey`). */
  readonly generatedAt: string;
  /** The span of cost analysed. */
  readonly period: CostPeriod;
  readonly currency: string;
  readonly costSummary?: CostSummary;
  readonly forecast?: ForecastSummary;
  readonly anomalies?: AnomalySummary;
  /** Ranked, first is the most urgent. */
  readonly opportunities: RankedOpportunity[];
  readonly totals: SavingsTotals;
  /** Largest monthly savings first. */
  readonly totalsByType: TypeSavingsTotals[];
  /** Opportunities set aside before ranking. */
  readonly excluded: { readonly duplicates: number; readonly belowThresholds: number };
  readonly costExplorerRequests: CostExplorerUsage;
  readonly failedSources: FailedSource[];
  /** Caveats for the reader (prices from another region, unpriced volume types...). */
  readonly notes: string[];
}

/** What {@link buildReport} needs. */
export interface ReportInput {
  /** The 12-digit account the report is about. */
  readonly accountId: string;
  readonly generatedAt: Date;
  /** @default the UTC date of `generatedAt` */
  readonly runDate?: string;
  readonly period: CostPeriod;
  readonly costSummary?: CostSummary;
  readonly forecast?: ForecastSummary;
  readonly anomalies?: AnomalySummary;
  readonly opportunities: readonly RankedOpportunity[];
  readonly excluded?: { readonly duplicates: number; readonly belowThresholds: number };
  readonly costExplorerRequests: CostExplorerUsage;
  readonly failedSources?: readonly FailedSource[];
  readonly notes?: readonly string[];
}

const ACCOUNT_ID_PATTERN = /^\d{12}$/;
const RUN_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Assembles the report model that every format renders.
 *
 * @throws when the account is not 12 digits, the run date is not `YYYY-MM-DD`, or opportunities
 * come in more than one currency (their totals would mean nothing)
 */
export function buildReport(input: ReportInput): OptimizationReport {
  assertAccountId(input.accountId);
  const runDate = input.runDate ?? runDateOf(input.generatedAt);
  assertRunDate(runDate);
  const opportunities = [...input.opportunities].sort((first, second) => first.rank - second.rank || compareText(first.id, second.id));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    accountId: input.accountId,
    runDate,
    generatedAt: input.generatedAt.toISOString(),
    period: input.period,
    currency: currencyOf(opportunities),
    ...(input.costSummary === undefined ? {} : { costSummary: input.costSummary }),
    ...(input.forecast === undefined ? {} : { forecast: input.forecast }),
    ...(input.anomalies === undefined ? {} : { anomalies: input.anomalies }),
    opportunities,
    totals: savingsTotals(opportunities),
    totalsByType: totalsByType(opportunities),
    excluded: input.excluded ?? { duplicates: 0, belowThresholds: 0 },
    costExplorerRequests: input.costExplorerRequests,
    failedSources: [...(input.failedSources ?? [])],
    notes: [...(input.notes ?? [])],
  };
}

/** The UTC calendar date of a moment, `YYYY-MM-DD`. */
export function runDateOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** Count and exact sums of savings and upfront costs. */
export function savingsTotals(opportunities: readonly RankedOpportunity[]): SavingsTotals {
  const monthlySavings = sumAmounts(opportunities.map(opportunity => opportunity.monthlySavings));
  return {
    count: opportunities.length,
    monthlySavings: toMoney(monthlySavings),
    annualSavings: toMoney(monthlySavings.times(12)),
    upfrontCost: toMoney(sumAmounts(opportunities.map(opportunity => opportunity.upfrontCost))),
  };
}

/** Totals per opportunity type, largest monthly savings first (ties by type name). */
export function totalsByType(opportunities: readonly RankedOpportunity[]): TypeSavingsTotals[] {
  const byType = new Map<OpportunityType, RankedOpportunity[]>();
  for (const opportunity of opportunities) {
    const ofType = byType.get(opportunity.type);
    if (ofType === undefined) {
      byType.set(opportunity.type, [opportunity]);
    } else {
      ofType.push(opportunity);
    }
  }
  return [...byType.entries()]
    .map(([type, ofType]) => ({ type, ...savingsTotals(ofType) }))
    .sort((first, second) => new Decimal(second.monthlySavings).comparedTo(first.monthlySavings) || compareText(first.type, second.type));
}

/** Checks a 12-digit AWS account id. */
export function assertAccountId(accountId: string): void {
  if (!ACCOUNT_ID_PATTERN.test(accountId)) {
    throw new Error(`An AWS account id is 12 digits; got ${JSON.stringify(accountId)}`);
  }
}

/** Checks a `YYYY-MM-DD` date that exists. */
export function assertRunDate(runDate: string): void {
  if (!RUN_DATE_PATTERN.test(runDate) || Number.isNaN(Date.parse(runDate)) || new Date(runDate).toISOString().slice(0, 10) !== runDate) {
    throw new Error(`A run date is a real YYYY-MM-DD date; got ${JSON.stringify(runDate)}`);
  }
}

function currencyOf(opportunities: readonly RankedOpportunity[]): string {
  const currencies = [...new Set(opportunities.map(opportunity => opportunity.currency))].sort(compareText);
  if (currencies.length > 1) {
    throw new Error(`Opportunities are in several currencies (${currencies.join(', ')}); their savings cannot be added up`);
  }
  return currencies[0] ?? 'USD';
}
