import type { AnomalySummary } from './anomalies';
import type { CostPeriod, CostSummary } from './cost-analysis';
import type { CostBreakdownSection } from './cost-breakdown';
import { addExact, decimalFromExact, EXACT_ZERO, ExactAmount, MONTHS_PER_YEAR, multiplyExact, parseExactAmount, roundedText, sumExact } from './exact-amount';
import { addFixed, FIXED_SCALE, parseFixedAmount } from './fixed-amount';
import type { ForecastSummary } from './forecast';
import { apportionMoney } from './money';
import { OpportunityType } from './opportunity';
import { compareText } from './ordering';
import type { RankedOpportunity } from './ranking';
import type { RealizedSavingsSection } from './realized-savings';
import type { CostExplorerUsage, FailedSource } from './requests';

/**
 * Bumped when a field of the JSON report changes meaning or disappears.
 *
 * 2: each opportunity's money fields are the exact amounts the source sent (`"0.004"`), no longer
 * rounded to cents; totals stay two-decimal strings, each the exact sum rounded once.
 */
export const REPORT_SCHEMA_VERSION = 2;

/**
 * Savings of a set of opportunities: two-decimal strings, each the exact sum of the
 * opportunities' exact amounts rounded once (half up).
 */
export interface SavingsTotals {
  readonly count: number;
  readonly monthlySavings: string;
  /** The exact monthly sum times 12, rounded once. */
  readonly annualSavings: string;
  readonly upfrontCost: string;
}

/**
 * Savings of the opportunities of one type. The types' amounts are apportioned (see
 * `apportionMoney`): they add up to the report's `totals`, as the "Savings by type" table shows them.
 */
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
  /** The cost analysis's breakdowns, in the order asked for: by service, account, region, tag, cost category. */
  readonly costBreakdowns?: CostBreakdownSection[];
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
  /** Storage runs with an approval workflow: executed changes confirmed or not realized since the last report (realized-savings.ts). */
  readonly realizedSavings?: RealizedSavingsSection;
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
  readonly costBreakdowns?: readonly CostBreakdownSection[];
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
  const opportunities = inRankOrder(input.opportunities);
  const byType = exactTotalsByType(opportunities);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    accountId: input.accountId,
    runDate,
    generatedAt: input.generatedAt.toISOString(),
    period: input.period,
    currency: currencyOf(opportunities),
    ...(input.costSummary === undefined ? {} : { costSummary: input.costSummary }),
    ...(input.costBreakdowns === undefined ? {} : { costBreakdowns: [...input.costBreakdowns] }),
    ...(input.forecast === undefined ? {} : { forecast: input.forecast }),
    ...(input.anomalies === undefined ? {} : { anomalies: input.anomalies }),
    opportunities,
    totals: roundedTotals(sumTotals([...byType.values()])),
    totalsByType: apportionedTotals(byType),
    excluded: input.excluded ?? { duplicates: 0, belowThresholds: 0 },
    costExplorerRequests: input.costExplorerRequests,
    failedSources: [...(input.failedSources ?? [])],
    notes: [...(input.notes ?? [])],
  };
}

/** A copy of the opportunities by rank, then id; sorted only when they are not in that order already (as ranking returns them). */
function inRankOrder(opportunities: readonly RankedOpportunity[]): RankedOpportunity[] {
  const byRankThenId = (first: RankedOpportunity, second: RankedOpportunity) => first.rank - second.rank || compareText(first.id, second.id);
  for (let index = 1; index < opportunities.length; index++) {
    if (byRankThenId(opportunities[index - 1], opportunities[index]) > 0) {
      return [...opportunities].sort(byRankThenId);
    }
  }
  return [...opportunities];
}

/** The UTC calendar date of a moment, `YYYY-MM-DD`. */
export function runDateOf(moment: Date): string {
  return moment.toISOString().slice(0, 10);
}

/** Count and exact sums of savings and upfront costs, each rounded once. */
export function savingsTotals(opportunities: readonly RankedOpportunity[]): SavingsTotals {
  return roundedTotals(sumTotals([...exactTotalsByType(opportunities).values()]));
}

/**
 * Totals per opportunity type, largest exact monthly savings first (ties by type name). Each
 * column is apportioned over the types, so the types add up to {@link savingsTotals} to the cent.
 */
export function totalsByType(opportunities: readonly RankedOpportunity[]): TypeSavingsTotals[] {
  return apportionedTotals(exactTotalsByType(opportunities));
}

function roundedTotals(exact: ExactTotals): SavingsTotals {
  return {
    count: exact.count,
    monthlySavings: roundedText(exact.monthlySavings),
    annualSavings: roundedText(multiplyExact(exact.monthlySavings, MONTHS_PER_YEAR)),
    upfrontCost: roundedText(exact.upfrontCost),
  };
}

function apportionedTotals(byType: ReadonlyMap<OpportunityType, ExactTotals>): TypeSavingsTotals[] {
  const types = [...byType.entries()]
    .map(([type, exact]) => ({
      type,
      count: exact.count,
      monthlySavings: decimalFromExact(exact.monthlySavings),
      upfrontCost: decimalFromExact(exact.upfrontCost),
    }))
    .sort((first, second) => second.monthlySavings.comparedTo(first.monthlySavings) || compareText(first.type, second.type));
  const monthlySavings = apportionMoney(types.map(totals => totals.monthlySavings));
  const annualSavings = apportionMoney(types.map(totals => totals.monthlySavings.times(12)));
  const upfrontCost = apportionMoney(types.map(totals => totals.upfrontCost));
  return types.map((totals, index) => ({
    type: totals.type,
    count: totals.count,
    monthlySavings: monthlySavings[index],
    annualSavings: annualSavings[index],
    upfrontCost: upfrontCost[index],
  }));
}

interface ExactTotals {
  readonly count: number;
  readonly monthlySavings: ExactAmount;
  readonly upfrontCost: ExactAmount;
}

/** Exact sums per type, in one pass over the opportunities (in order of first appearance): on fixed amounts when they all fit. */
function exactTotalsByType(opportunities: readonly RankedOpportunity[]): Map<OpportunityType, ExactTotals> {
  return fixedTotalsByType(opportunities) ?? bigintTotalsByType(opportunities);
}

interface FixedTotals {
  count: number;
  monthlySavings: number;
  upfrontCost: number;
}

/** {@link exactTotalsByType} on fixed micro-units (fixed-amount.ts), or undefined when an amount or a sum leaves them. */
function fixedTotalsByType(opportunities: readonly RankedOpportunity[]): Map<OpportunityType, ExactTotals> | undefined {
  const byType = new Map<OpportunityType, FixedTotals>();
  for (const opportunity of opportunities) {
    const monthlySavings = parseFixedAmount(opportunity.monthlySavings);
    const upfrontCost = parseFixedAmount(opportunity.upfrontCost);
    if (monthlySavings === undefined || upfrontCost === undefined) {
      return undefined;
    }
    let sums = byType.get(opportunity.type);
    if (sums === undefined) {
      sums = { count: 0, monthlySavings: 0, upfrontCost: 0 };
      byType.set(opportunity.type, sums);
    }
    const monthlySum = addFixed(sums.monthlySavings, monthlySavings);
    const upfrontSum = addFixed(sums.upfrontCost, upfrontCost);
    if (monthlySum === undefined || upfrontSum === undefined) {
      return undefined;
    }
    sums.count++;
    sums.monthlySavings = monthlySum;
    sums.upfrontCost = upfrontSum;
  }
  const exact = new Map<OpportunityType, ExactTotals>();
  for (const [type, sums] of byType) {
    exact.set(type, {
      count: sums.count,
      monthlySavings: { units: BigInt(sums.monthlySavings), scale: FIXED_SCALE },
      upfrontCost: { units: BigInt(sums.upfrontCost), scale: FIXED_SCALE },
    });
  }
  return exact;
}

function bigintTotalsByType(opportunities: readonly RankedOpportunity[]): Map<OpportunityType, ExactTotals> {
  const byType = new Map<OpportunityType, ExactTotals>();
  for (const opportunity of opportunities) {
    const sums = byType.get(opportunity.type) ?? { count: 0, monthlySavings: EXACT_ZERO, upfrontCost: EXACT_ZERO };
    byType.set(opportunity.type, {
      count: sums.count + 1,
      monthlySavings: addExact(sums.monthlySavings, parseExactAmount(opportunity.monthlySavings, 'monthlySavings')),
      upfrontCost: addExact(sums.upfrontCost, parseExactAmount(opportunity.upfrontCost, 'upfrontCost')),
    });
  }
  return byType;
}

/** Exact sums of sums (addition is exact, so the order does not matter). */
function sumTotals(parts: readonly ExactTotals[]): ExactTotals {
  return {
    count: parts.reduce((count, part) => count + part.count, 0),
    monthlySavings: sumExact(parts.map(part => part.monthlySavings)),
    upfrontCost: sumExact(parts.map(part => part.upfrontCost)),
  };
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
  const distinct = new Set<string>();
  for (const opportunity of opportunities) {
    distinct.add(opportunity.currency);
  }
  const currencies = [...distinct].sort(compareText);
  if (currencies.length > 1) {
    throw new Error(`Opportunities are in several currencies (${currencies.join(', ')}); their savings cannot be added up`);
  }
  return currencies[0] ?? 'USD';
}
