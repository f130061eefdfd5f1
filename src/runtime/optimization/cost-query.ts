import type { Expression, GetCostAndUsageRequest, GetCostForecastRequest, GroupDefinition } from '@aws-sdk/client-cost-explorer';
import { DEFAULT_COST_METRIC, SERVICE_GROUP } from './cost-analysis';

/**
 * Cost Explorer accepts at most two GroupBy definitions per GetCostAndUsage request.
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html#awscostmanagement-GetCostAndUsage-request-GroupBy
 */
export const MAX_GROUP_BY_PER_REQUEST = 2;

/** A question about spend, to be answered with as few billed requests as possible. */
export interface CostQuestion {
  /** First day, inclusive, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day, exclusive, `YYYY-MM-DD` (Cost Explorer's convention). */
  readonly end: string;
  readonly granularity: 'DAILY' | 'MONTHLY';
  /** @default [DEFAULT_COST_METRIC] */
  readonly metrics?: string[];
  /** The breakdowns wanted (SERVICE, LINKED_ACCOUNT, REGION, a tag, a cost category). @default [SERVICE_GROUP] */
  readonly breakdowns?: GroupDefinition[];
  readonly filter?: Expression;
}

/**
 * One GetCostAndUsage request per breakdown (each page billed at 0.01 USD), grouped by that
 * breakdown alone, in the order given (repeats dropped).
 *
 * Every cost line has exactly one value of each dimension, tag (untagged is the empty value) and
 * cost category, so each breakdown's groups add up to the same total: the first answers total,
 * time series and trend without an ungrouped request. One GroupBy per request keeps the groups of
 * a page one per value: the number of requests grows with pages, never with accounts or services.
 * A DAILY question also answers the monthly series (see `rollUpToMonths`).
 */
export function planCostAndUsageRequests(question: CostQuestion): GetCostAndUsageRequest[] {
  assertPeriod(question.start, question.end);
  const breakdowns = uniqueGroups(question.breakdowns ?? [SERVICE_GROUP]);
  if (breakdowns.length === 0) {
    throw new Error('A cost question needs at least one breakdown');
  }
  return breakdowns.map(group => ({
    TimePeriod: { Start: question.start, End: question.end },
    Granularity: question.granularity,
    Metrics: [...(question.metrics ?? [DEFAULT_COST_METRIC])],
    GroupBy: [{ ...group }],
    ...(question.filter === undefined ? {} : { Filter: question.filter }),
  }));
}

/**
 * GetCostAndUsage metric names mapped to the GetCostForecast `Metric` enum, which spells
 * the same metrics differently.
 */
export const FORECAST_METRICS: Readonly<Record<string, string>> = {
  UnblendedCost: 'UNBLENDED_COST',
  BlendedCost: 'BLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
  NetUnblendedCost: 'NET_UNBLENDED_COST',
  NetAmortizedCost: 'NET_AMORTIZED_COST',
};

/** Options for {@link buildCostForecastRequest}. */
export interface ForecastQuestion {
  /** First day, inclusive, `YYYY-MM-DD` (today or later). */
  readonly start: string;
  /** Last day, exclusive. */
  readonly end: string;
  /** @default 'MONTHLY' */
  readonly granularity?: 'DAILY' | 'MONTHLY';
  /** A GetCostAndUsage metric name. @default DEFAULT_COST_METRIC */
  readonly metric?: string;
  /** Confidence of the prediction interval, 51-99. @default 80 */
  readonly predictionIntervalLevel?: number;
  readonly filter?: Expression;
}

/** The one GetCostForecast request for a forecast question, asking for a real prediction interval. */
export function buildCostForecastRequest(question: ForecastQuestion): GetCostForecastRequest {
  assertPeriod(question.start, question.end);
  const metric = question.metric ?? DEFAULT_COST_METRIC;
  const forecastMetric = FORECAST_METRICS[metric];
  if (forecastMetric === undefined) {
    throw new Error(`GetCostForecast cannot forecast ${metric}; use one of ${Object.keys(FORECAST_METRICS).join(', ')}`);
  }
  const level = question.predictionIntervalLevel ?? 80;
  if (!Number.isInteger(level) || level < 51 || level > 99) {
    throw new Error(`predictionIntervalLevel ${level} is outside 51-99, the range GetCostForecast accepts`);
  }
  return {
    TimePeriod: { Start: question.start, End: question.end },
    Metric: forecastMetric as GetCostForecastRequest['Metric'],
    Granularity: question.granularity ?? 'MONTHLY',
    PredictionIntervalLevel: level,
    ...(question.filter === undefined ? {} : { Filter: question.filter }),
  };
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function assertPeriod(start: string, end: string): void {
  if (!DATE_PATTERN.test(start) || !DATE_PATTERN.test(end) || Number.isNaN(Date.parse(start)) || Number.isNaN(Date.parse(end))) {
    throw new Error(`Cost Explorer periods are YYYY-MM-DD dates; got ${start} to ${end}`);
  }
  if (start >= end) {
    throw new Error(`The period ${start} to ${end} is empty: end is exclusive and must be after start`);
  }
}

function uniqueGroups(groups: readonly GroupDefinition[]): GroupDefinition[] {
  return groups.filter((group, index) => groups.findIndex(other => sameGroup(other, group)) === index);
}

function sameGroup(first: GroupDefinition, second: GroupDefinition): boolean {
  return first.Type === second.Type && first.Key === second.Key;
}
