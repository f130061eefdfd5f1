import type { GetCostAndUsageResponse, GroupDefinition, MetricValue, ResultByTime } from '@aws-sdk/client-cost-explorer';
import { analyzeTrend, CostTrend, TrendOptions } from './cost-trend';
import { apportionMoney, Decimal, parseAmount, percentageOf, sumAmounts, toMoney, toPercentage, ZERO } from './money';
import { compareText } from './ordering';

/** The Cost Explorer metric read when none is given (the seed's choice, and what the console shows by default). */
export const DEFAULT_COST_METRIC = 'UnblendedCost';

/** The grouping that answers "which services cost the most". */
export const SERVICE_GROUP: GroupDefinition = { Type: 'DIMENSION', Key: 'SERVICE' };

/** All pages of one GetCostAndUsage question, as one result. */
export interface MergedCostAndUsage {
  /** The GroupBy the question used (empty when ungrouped). */
  readonly groupDefinitions: GroupDefinition[];
  /** One entry per time period, in time order, with the groups of every page. */
  readonly resultsByTime: ResultByTime[];
}

/** A span of time as Cost Explorer states it: `start` inclusive, `end` exclusive. */
export interface CostPeriod {
  readonly start: string;
  readonly end: string;
}

/** The cost of one period of a time series. */
export interface CostDataPoint extends CostPeriod {
  /** Money, two decimals. */
  readonly amount: string;
  /** True when Cost Explorer marked the period as not final (the current day or month). */
  readonly estimated: boolean;
}

/** The cost of one group (a service, an account, a tag value) and its share of the total. */
export interface CostShare {
  /** The group's value: the service name, or for a TAG group the tag value ('' for untagged). */
  readonly key: string;
  /** Money, two decimals; the amounts of a breakdown add up to its rounded total (see `apportionMoney`). */
  readonly amount: string;
  /** Percentage of the total, two decimals. */
  readonly sharePercentage: string;
}

/** What the cost report says about spend. */
export interface CostSummary {
  /** The Cost Explorer metric summed, e.g. `UnblendedCost`. */
  readonly metric: string;
  /** The unit Cost Explorer reported, e.g. `USD`. */
  readonly unit: string;
  readonly period: CostPeriod;
  /** Money, two decimals: the exact sum, rounded once. `topServices` and `otherServices` add up to it. */
  readonly total: string;
  /** One point per period at the question's granularity. */
  readonly series: CostDataPoint[];
  /** The services that cost the most, largest first; only when the costs were grouped by SERVICE (the report's `costBreakdowns` has every breakdown). */
  readonly topServices?: CostShare[];
  /** The services not listed in `topServices`, together; only when grouped by SERVICE. */
  readonly otherServices?: { readonly count: number; readonly amount: string; readonly sharePercentage: string };
  readonly trend: CostTrend;
}

/** Options for {@link summarizeCosts}. */
export interface CostSummaryOptions extends TrendOptions {
  /** @default DEFAULT_COST_METRIC */
  readonly metric?: string;
  /** @default 10 */
  readonly topServicesCount?: number;
  /** The one GroupBy of the pages: every cost line has one value of it, so its groups add up to the total. @default SERVICE_GROUP */
  readonly groupBy?: GroupDefinition;
}

/**
 * Merges the pages of one GetCostAndUsage question.
 *
 * Cost Explorer pages through groups, so one time period can be split across two pages:
 * its groups are concatenated. A group already seen for a period (the same page passed
 * twice after a retry) is kept once, so a retry never doubles a cost.
 */
export function mergeCostAndUsagePages(pages: readonly GetCostAndUsageResponse[]): MergedCostAndUsage {
  const periods = new Map<string, { result: ResultByTime; groupKeys: Set<string> }>();
  let groupDefinitions: GroupDefinition[] | undefined;
  for (const page of pages) {
    if (page.GroupDefinitions !== undefined && page.GroupDefinitions.length > 0) {
      if (groupDefinitions !== undefined && !sameGroupDefinitions(groupDefinitions, page.GroupDefinitions)) {
        throw new Error('GetCostAndUsage pages disagree on GroupDefinitions: they answer different questions and cannot be merged');
      }
      groupDefinitions = page.GroupDefinitions;
    }
    for (const result of page.ResultsByTime ?? []) {
      mergePeriod(periods, result);
    }
  }
  const resultsByTime = [...periods.values()]
    .map(entry => entry.result)
    .sort((first, second) => compareText(periodOf(first).start, periodOf(second).start));
  return { groupDefinitions: groupDefinitions ?? [], resultsByTime };
}

/**
 * The cost of each period, at the granularity the question asked for.
 *
 * A grouped period's cost is the sum of its groups (Cost Explorer leaves `Total` empty when
 * grouping); an ungrouped period's cost is its `Total`.
 */
export function costSeries(merged: MergedCostAndUsage, metric: string = DEFAULT_COST_METRIC): CostDataPoint[] {
  return merged.resultsByTime.map(result => dataPoint(result, periodAmount(result, metric)));
}

function dataPoint(result: ResultByTime, amount: Decimal): CostDataPoint {
  return { ...periodOf(result), amount: toMoney(amount), estimated: result.Estimated === true };
}

/**
 * Rolls a daily series up to calendar months (by each day's start date), so a daily question
 * also answers the monthly one without a second request.
 */
export function rollUpToMonths(series: readonly CostDataPoint[]): CostDataPoint[] {
  const months = new Map<string, { start: string; end: string; amount: Decimal; estimated: boolean }>();
  for (const point of series) {
    const month = point.start.slice(0, 7);
    const existing = months.get(month);
    const amount = parseAmount(point.amount, `cost of ${point.start}`);
    if (existing === undefined) {
      months.set(month, { start: point.start, end: point.end, amount, estimated: point.estimated });
    } else {
      existing.amount = existing.amount.plus(amount);
      existing.start = compareText(point.start, existing.start) < 0 ? point.start : existing.start;
      existing.end = compareText(point.end, existing.end) > 0 ? point.end : existing.end;
      existing.estimated = existing.estimated || point.estimated;
    }
  }
  return [...months.values()]
    .sort((first, second) => compareText(first.start, second.start))
    .map(month => ({ start: month.start, end: month.end, amount: toMoney(month.amount), estimated: month.estimated }));
}

/**
 * The cost of each value of one GroupBy of the question (SERVICE, LINKED_ACCOUNT, a tag...),
 * over all periods, largest first (ties by key, so the order is stable).
 *
 * For a TAG group Cost Explorer returns keys as `tagKey$value`; the key here is the value,
 * and `''` collects the resources without the tag.
 *
 * @throws when the question was not grouped by `groupBy`
 */
export function costBreakdown(merged: MergedCostAndUsage, groupBy: GroupDefinition, metric: string = DEFAULT_COST_METRIC): CostShare[] {
  const amounts = groupAmounts(merged, groupBy, metric);
  const total = sumAmounts(amounts.map(group => group.amount));
  const rendered = apportionMoney(amounts.map(group => group.amount));
  return amounts.map((group, index) => ({
    key: group.key,
    amount: rendered[index],
    sharePercentage: toPercentage(percentageOf(group.amount, total)),
  }));
}

/** The exact cost of each value of one GroupBy over all periods, largest first (ties by key). */
function groupAmounts(merged: MergedCostAndUsage, groupBy: GroupDefinition, metric: string): Array<{ key: string; amount: Decimal }> {
  const index = merged.groupDefinitions.findIndex(definition => definition.Type === groupBy.Type && definition.Key === groupBy.Key);
  if (index < 0) {
    throw new Error(`The GetCostAndUsage question was not grouped by ${groupBy.Type}:${groupBy.Key}; group by it to get this breakdown`);
  }
  const amounts = new Map<string, Decimal>();
  for (const result of merged.resultsByTime) {
    for (const group of result.Groups ?? []) {
      const rawKey = group.Keys?.[index] ?? '';
      const key = groupBy.Type === 'TAG' ? tagValueOf(rawKey) : rawKey;
      amounts.set(key, (amounts.get(key) ?? ZERO).plus(metricAmount(group.Metrics, metric, `group ${rawKey}`)));
    }
  }
  return [...amounts.entries()]
    .sort(([firstKey, firstAmount], [secondKey, secondAmount]) => secondAmount.comparedTo(firstAmount) || compareText(firstKey, secondKey))
    .map(([key, amount]) => ({ key, amount }));
}

/**
 * Total, time series, trend and, grouped by SERVICE, top services, from the pages of one
 * GetCostAndUsage question with one GroupBy (see `planCostAndUsageRequests`).
 */
export function summarizeCosts(pages: readonly GetCostAndUsageResponse[], options: CostSummaryOptions = {}): CostSummary {
  const metric = options.metric ?? DEFAULT_COST_METRIC;
  const merged = mergeCostAndUsagePages(pages);
  // Each period's amount is summed once and serves both the series and the total.
  const periodAmounts = merged.resultsByTime.map(result => periodAmount(result, metric));
  const series = merged.resultsByTime.map((result, index) => dataPoint(result, periodAmounts[index]));
  const total = sumAmounts(periodAmounts);
  const groupBy = options.groupBy ?? SERVICE_GROUP;
  return {
    metric,
    unit: unitOf(merged, metric),
    period: {
      start: series[0]?.start ?? '',
      end: series[series.length - 1]?.end ?? '',
    },
    total: toMoney(total),
    series,
    ...(groupBy.Type === SERVICE_GROUP.Type && groupBy.Key === SERVICE_GROUP.Key
      ? topServices(groupAmounts(merged, SERVICE_GROUP, metric), total, options.topServicesCount ?? 10)
      : {}),
    trend: analyzeTrend(series, options),
  };
}

/** Exact amounts are summed; the top services and "other" are rendered once, together, so they add up to the total. */
function topServices(services: ReadonlyArray<{ key: string; amount: Decimal }>, total: Decimal, count: number): Pick<CostSummary, 'topServices' | 'otherServices'> {
  const top = services.slice(0, count);
  const otherAmount = sumAmounts(services.slice(count).map(service => service.amount));
  const rendered = apportionMoney([...top.map(service => service.amount), otherAmount]);
  return {
    topServices: top.map((service, index) => ({
      key: service.key,
      amount: rendered[index],
      sharePercentage: toPercentage(percentageOf(service.amount, total)),
    })),
    otherServices: {
      count: Math.max(services.length - count, 0),
      amount: rendered[top.length],
      sharePercentage: toPercentage(percentageOf(otherAmount, total)),
    },
  };
}

/** Reads one metric's amount; a missing metric is zero (Cost Explorer omits metrics with no usage). */
export function metricAmount(metrics: Record<string, MetricValue> | undefined, metric: string, field: string): Decimal {
  return parseAmount(metrics?.[metric]?.Amount, `${metric} of ${field}`);
}

function periodAmount(result: ResultByTime, metric: string): Decimal {
  const start = result.TimePeriod?.Start ?? '?';
  if (result.Groups !== undefined && result.Groups.length > 0) {
    return result.Groups.reduce(
      (sum, group) => sum.plus(metricAmount(group.Metrics, metric, `${start} ${(group.Keys ?? []).join('/')}`)),
      ZERO,
    );
  }
  return metricAmount(result.Total, metric, `${start} total`);
}

/** The one unit a metric is reported in (USD when none is given). @throws when pages disagree on it */
export function unitOf(merged: MergedCostAndUsage, metric: string): string {
  const units = new Set<string>();
  for (const result of merged.resultsByTime) {
    const metricValues = [result.Total?.[metric], ...(result.Groups ?? []).map(group => group.Metrics?.[metric])];
    for (const value of metricValues) {
      if (value?.Unit !== undefined && value.Unit !== '') {
        units.add(value.Unit);
      }
    }
  }
  if (units.size > 1) {
    throw new Error(`${metric} is reported in several units (${[...units].sort().join(', ')}); amounts in different units cannot be summed`);
  }
  return [...units][0] ?? 'USD';
}

function mergePeriod(periods: Map<string, { result: ResultByTime; groupKeys: Set<string> }>, result: ResultByTime): void {
  const period = periodOf(result);
  const periodKey = `${period.start}/${period.end}`;
  let entry = periods.get(periodKey);
  if (entry === undefined) {
    entry = {
      result: { TimePeriod: { Start: period.start, End: period.end }, Total: result.Total, Groups: [], Estimated: result.Estimated },
      groupKeys: new Set(),
    };
    periods.set(periodKey, entry);
  } else {
    entry.result.Estimated = entry.result.Estimated === true || result.Estimated === true;
    if (isEmpty(entry.result.Total) && !isEmpty(result.Total)) {
      entry.result.Total = result.Total;
    }
  }
  for (const group of result.Groups ?? []) {
    const groupKey = JSON.stringify(group.Keys ?? []);
    if (!entry.groupKeys.has(groupKey)) {
      entry.groupKeys.add(groupKey);
      entry.result.Groups!.push(group);
    }
  }
}

function periodOf(result: ResultByTime): CostPeriod {
  const start = result.TimePeriod?.Start;
  const end = result.TimePeriod?.End;
  if (start === undefined || end === undefined) {
    throw new Error('A GetCostAndUsage result has no TimePeriod');
  }
  return { start, end };
}

function sameGroupDefinitions(first: readonly GroupDefinition[], second: readonly GroupDefinition[]): boolean {
  return first.length === second.length
    && first.every((definition, index) => definition.Type === second[index].Type && definition.Key === second[index].Key);
}

/** TAG and COST_CATEGORY groups come back as `key$value`: the value is what a reader needs. */
export function tagValueOf(rawKey: string): string {
  const separator = rawKey.indexOf('$');
  return separator < 0 ? rawKey : rawKey.slice(separator + 1);
}

function isEmpty(metrics: Record<string, MetricValue> | undefined): boolean {
  return metrics === undefined || Object.keys(metrics).length === 0;
}
