import type { GetCostAndUsageResponse, GroupDefinition } from '@aws-sdk/client-cost-explorer';
import { CostPeriod, DEFAULT_COST_METRIC, mergeCostAndUsagePages, metricAmount, MergedCostAndUsage, tagValueOf, unitOf } from './cost-analysis';
import { latestChange, PeriodChange, TrendOptions } from './cost-trend';
import { apportionMoney, Decimal, percentageOf, sumAmounts, toExactAmount, toMoney, toPercentage, ZERO } from './money';
import { compareText } from './ordering';

/** One period of a breakdown. */
export interface BreakdownPeriod extends CostPeriod {
  /** True when Cost Explorer marked the period as not final. */
  readonly estimated: boolean;
}

/** What every line of a breakdown carries: its cost per period, exactly, and its latest change. */
export interface GroupSeries {
  /** The exact amount of each of the section's `periods`, as Cost Explorer's strings add up (`"0.004"` stays). */
  readonly periodAmounts: string[];
  /** The last period over the one before it (see `latestChange`). */
  readonly change: PeriodChange;
}

/** One group of a breakdown (a service, an account, a tag value), with its cost and share. */
export interface BreakdownGroup extends GroupSeries {
  /** The group's value: a service name, an account ID, a Region; for a tag the value ('' for untagged). */
  readonly key: string;
  /** What Cost Explorer calls the value, where it says (a linked account's name). */
  readonly name?: string;
  /** Money, two decimals; the top groups and "other" add up to the section's `total` exactly. */
  readonly amount: string;
  /** Percentage of the total, two decimals. */
  readonly sharePercentage: string;
}

/** The groups after the top ones, as one line; each of them is still listed with its exact amounts. */
export interface OtherGroups extends GroupSeries {
  readonly count: number;
  readonly amount: string;
  readonly sharePercentage: string;
  readonly groups: Array<{ readonly key: string; readonly name?: string; readonly periodAmounts: string[] }>;
}

/** One section of the report: costs broken down one way. */
export interface CostBreakdownSection {
  /** What the costs are grouped by: `DIMENSION`/`SERVICE`, `TAG`/`team`, `COST_CATEGORY`/`BusinessUnit`. */
  readonly groupBy: { readonly type: string; readonly key: string };
  /** `SERVICE`, `tag team`, `cost category BusinessUnit`. */
  readonly label: string;
  readonly metric: string;
  readonly unit: string;
  readonly periods: BreakdownPeriod[];
  /** Money, two decimals: the exact sum rounded once. */
  readonly total: string;
  /** The exact total of each period. */
  readonly periodTotals: string[];
  readonly change: PeriodChange;
  /** Largest first (ties by key). */
  readonly top: BreakdownGroup[];
  readonly other: OtherGroups;
}

/** Options for {@link summarizeBreakdown}. */
export interface BreakdownOptions extends TrendOptions {
  /** @default DEFAULT_COST_METRIC */
  readonly metric?: string;
  /** @default 10 */
  readonly topCount?: number;
}

/**
 * The section of one breakdown from the pages of its GetCostAndUsage query (grouped by that
 * breakdown alone, see `planCostAndUsageRequests`): amounts parsed once, summed exactly, rounded
 * once where shown, so the top groups and "other" add up to the total to the cent.
 */
export function summarizeBreakdown(pages: readonly GetCostAndUsageResponse[], options: BreakdownOptions = {}): CostBreakdownSection {
  const metric = options.metric ?? DEFAULT_COST_METRIC;
  const topCount = options.topCount ?? 10;
  const merged = mergeCostAndUsagePages(pages);
  const groupBy = onlyGroupDefinition(merged);
  const periods = merged.resultsByTime.map(result => ({
    start: result.TimePeriod!.Start!, end: result.TimePeriod!.End!, estimated: result.Estimated === true,
  }));
  const groups = groupSeries(merged, groupBy, metric);
  const periodTotals = periods.map((_, index) => sumAmounts(groups.map(group => group.amounts[index])));
  const total = sumAmounts(periodTotals);
  const top = groups.slice(0, topCount);
  const rest = groups.slice(topCount);
  const restAmounts = periods.map((_, index) => sumAmounts(rest.map(group => group.amounts[index])));
  const rendered = apportionMoney([...top.map(group => group.total), sumAmounts(restAmounts)]);
  const names = valueNames(pages);
  const nameOf = (key: string) => (names.has(key) ? { name: names.get(key) } : {});
  return {
    groupBy: { type: groupBy.Type ?? 'DIMENSION', key: groupBy.Key ?? '' },
    label: breakdownLabel(groupBy),
    metric,
    unit: unitOf(merged, metric),
    periods,
    total: toMoney(total),
    periodTotals: periodTotals.map(toExactAmount),
    change: latestChange(periods, periodTotals, options),
    top: top.map((group, index) => ({
      key: group.key,
      ...nameOf(group.key),
      amount: rendered[index],
      sharePercentage: toPercentage(percentageOf(group.total, total)),
      periodAmounts: group.amounts.map(toExactAmount),
      change: latestChange(periods, group.amounts, options),
    })),
    other: {
      count: rest.length,
      amount: rendered[top.length],
      sharePercentage: toPercentage(percentageOf(sumAmounts(restAmounts), total)),
      periodAmounts: restAmounts.map(toExactAmount),
      change: latestChange(periods, restAmounts, options),
      groups: rest.map(group => ({ key: group.key, ...nameOf(group.key), periodAmounts: group.amounts.map(toExactAmount) })),
    },
  };
}

/** A breakdown as its section names it: `SERVICE`, `tag team`, `cost category BusinessUnit`. */
export function breakdownLabel(groupBy: GroupDefinition): string {
  switch (groupBy.Type) {
    case 'TAG': return `tag ${groupBy.Key}`;
    case 'COST_CATEGORY': return `cost category ${groupBy.Key}`;
    default: return groupBy.Key ?? '';
  }
}

interface ExactGroup {
  readonly key: string;
  readonly amounts: Decimal[];
  readonly total: Decimal;
}

/** Each group's exact amount per period, largest total first (ties by key, so the order is stable). */
function groupSeries(merged: MergedCostAndUsage, groupBy: GroupDefinition, metric: string): ExactGroup[] {
  const byKey = new Map<string, Decimal[]>();
  merged.resultsByTime.forEach((result, periodIndex) => {
    for (const group of result.Groups ?? []) {
      const rawKey = group.Keys?.[0] ?? '';
      const key = groupBy.Type === 'TAG' || groupBy.Type === 'COST_CATEGORY' ? tagValueOf(rawKey) : rawKey;
      const amounts = byKey.get(key) ?? merged.resultsByTime.map(() => ZERO);
      amounts[periodIndex] = amounts[periodIndex].plus(metricAmount(group.Metrics, metric, `${result.TimePeriod?.Start} ${rawKey}`));
      byKey.set(key, amounts);
    }
  });
  return [...byKey.entries()]
    .map(([key, amounts]) => ({ key, amounts, total: sumAmounts(amounts) }))
    .sort((first, second) => second.total.comparedTo(first.total) || compareText(first.key, second.key));
}

function onlyGroupDefinition(merged: MergedCostAndUsage): GroupDefinition {
  if (merged.groupDefinitions.length !== 1) {
    throw new Error(`A breakdown comes from a GetCostAndUsage question grouped one way; this one was grouped ${merged.groupDefinitions.length} ways`);
  }
  return merged.groupDefinitions[0];
}

/**
 * Names of values from `DimensionValueAttributes`: "if the value is a linked account, the attribute
 * is that account name" (GetCostAndUsage response), under the attribute `description`.
 */
function valueNames(pages: readonly GetCostAndUsageResponse[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const page of pages) {
    for (const attributes of page.DimensionValueAttributes ?? []) {
      const name = attributes.Attributes?.description;
      if (attributes.Value !== undefined && name !== undefined && name !== '') {
        names.set(attributes.Value, name);
      }
    }
  }
  return names;
}
