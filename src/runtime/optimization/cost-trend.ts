import type { CostDataPoint, CostPeriod } from './cost-analysis';
import { Decimal, parseAmount, toMoney, toPercentage, ZERO } from './money';

/** Which way spend is heading; `unknown` when fewer than two periods can be compared. */
export type TrendDirection = 'up' | 'down' | 'flat' | 'unknown';

/**
 * The default band, in percent per period, within which the average growth counts as flat.
 *
 * Daily costs move a few percent from day to day (weekends, batch jobs, the day AWS posts
 * a monthly charge), so a smaller average is noise rather than a trend.
 */
export const DEFAULT_FLAT_TOLERANCE_PERCENTAGE = '2';

/** Options for {@link analyzeTrend}. */
export interface TrendOptions {
  /**
   * Average growth per period, in percent, within which (inclusive) the trend is `flat`.
   * @default DEFAULT_FLAT_TOLERANCE_PERCENTAGE
   */
  readonly flatTolerancePercentage?: string;
}

/** The shape of a cost series. Money has two decimals, percentages two decimals. */
export interface CostTrend {
  /** Number of periods in the series. */
  readonly periods: number;
  /**
   * Mean of the period-over-period growth rates, in percent; undefined with fewer than two
   * comparable periods.
   */
  readonly averageGrowthPercentage?: string;
  readonly direction: TrendDirection;
  /** Mean cost per period. */
  readonly average: string;
  /** Population standard deviation of the period costs. */
  readonly volatility: string;
  /** The cheapest period (the earliest on a tie). */
  readonly minimum?: CostDataPoint;
  /** The most expensive period (the earliest on a tie). */
  readonly maximum?: CostDataPoint;
  /** `maximum - minimum`. */
  readonly range: string;
}

/**
 * Average growth, direction, volatility and extremes of a cost series.
 *
 * Growth compares the cost per hour of each period with the one before, so periods of
 * different lengths compare fairly: February's 28 days are not a 10% drop from January's 31,
 * and a month-to-date period is not a collapse. A period after one that cost nothing is
 * skipped (growth from zero has no percentage).
 *
 * Volatility is the population standard deviation (the series is the whole window observed,
 * not a sample of it) of the period costs as reported.
 */
export function analyzeTrend(series: readonly CostDataPoint[], options: TrendOptions = {}): CostTrend {
  const tolerance = parseAmount(options.flatTolerancePercentage ?? DEFAULT_FLAT_TOLERANCE_PERCENTAGE, 'flatTolerancePercentage').abs();
  const amounts = series.map(point => parseAmount(point.amount, `cost of ${point.start}`));
  const growthRates = periodGrowthRates(series, amounts);
  const averageGrowth = growthRates.length === 0 ? undefined : mean(growthRates);
  const average = amounts.length === 0 ? ZERO : mean(amounts);
  const minimumIndex = extremeIndex(amounts, (candidate, best) => candidate.lessThan(best));
  const maximumIndex = extremeIndex(amounts, (candidate, best) => candidate.greaterThan(best));
  return {
    periods: series.length,
    averageGrowthPercentage: averageGrowth === undefined ? undefined : toPercentage(averageGrowth),
    direction: directionOf(averageGrowth, tolerance),
    average: toMoney(average),
    volatility: toMoney(populationStandardDeviation(amounts, average)),
    minimum: minimumIndex === undefined ? undefined : series[minimumIndex],
    maximum: maximumIndex === undefined ? undefined : series[maximumIndex],
    range: minimumIndex === undefined || maximumIndex === undefined ? toMoney(ZERO) : toMoney(amounts[maximumIndex].minus(amounts[minimumIndex])),
  };
}

/** How the last period of a series compares with the one before it. */
export interface PeriodChange {
  /**
   * Growth of the cost per hour of the last period over the period before, in percent, two
   * decimals; undefined with fewer than two periods or when the period before cost nothing.
   */
  readonly changePercentage?: string;
  /** `up` or `down` beyond the flat tolerance, else `flat`; `unknown` without a percentage. */
  readonly direction: TrendDirection;
}

/**
 * The period-over-period change at the end of a series: what "cost grew 12% since last month"
 * means. Per hour, like {@link analyzeTrend}, so a month to date compares fairly with a whole month.
 */
export function latestChange(periods: readonly CostPeriod[], amounts: readonly Decimal[], options: TrendOptions = {}): PeriodChange {
  const tolerance = parseAmount(options.flatTolerancePercentage ?? DEFAULT_FLAT_TOLERANCE_PERCENTAGE, 'flatTolerancePercentage').abs();
  const last = periods.length - 1;
  const rates = last < 1 ? [] : periodGrowthRates(
    [periods[last - 1], periods[last]].map(period => ({ ...period, amount: '0', estimated: false })),
    [amounts[last - 1], amounts[last]],
  );
  const change = rates[0];
  return change === undefined ? { direction: 'unknown' } : { changePercentage: toPercentage(change), direction: directionOf(change, tolerance) };
}

/**
 * Growth in percent of the cost per hour of each period over the previous one. Computed as
 * `(amount * previousHours - previousAmount * hours) / (previousAmount * hours)`, one division,
 * so equal-length periods give exact percentages.
 */
export function periodGrowthRates(series: readonly CostDataPoint[], amounts: readonly Decimal[]): Decimal[] {
  const rates: Decimal[] = [];
  for (let index = 1; index < series.length; index++) {
    const previousAmount = amounts[index - 1];
    if (previousAmount.isZero()) {
      continue;
    }
    const previousHours = hoursIn(series[index - 1]);
    const hours = hoursIn(series[index]);
    const change = amounts[index].times(previousHours).minus(previousAmount.times(hours));
    rates.push(change.dividedBy(previousAmount.times(hours)).times(100));
  }
  return rates;
}

function directionOf(averageGrowth: Decimal | undefined, tolerance: Decimal): TrendDirection {
  if (averageGrowth === undefined) {
    return 'unknown';
  }
  if (averageGrowth.greaterThan(tolerance)) {
    return 'up';
  }
  return averageGrowth.lessThan(tolerance.negated()) ? 'down' : 'flat';
}

function hoursIn(point: CostDataPoint): Decimal {
  const milliseconds = Date.parse(point.end) - Date.parse(point.start);
  if (!Number.isFinite(milliseconds) || milliseconds <= 0) {
    throw new Error(`Cost period ${point.start} to ${point.end} is not a positive span of time`);
  }
  return new Decimal(milliseconds).dividedBy(3_600_000);
}

function mean(values: readonly Decimal[]): Decimal {
  return values.reduce((sum, value) => sum.plus(value), ZERO).dividedBy(values.length);
}

function populationStandardDeviation(values: readonly Decimal[], average: Decimal): Decimal {
  if (values.length === 0) {
    return ZERO;
  }
  const squaredDeviations = values.reduce((sum, value) => sum.plus(value.minus(average).pow(2)), ZERO);
  return squaredDeviations.dividedBy(values.length).sqrt();
}

function extremeIndex(values: readonly Decimal[], isBetter: (candidate: Decimal, best: Decimal) => boolean): number | undefined {
  let bestIndex: number | undefined;
  values.forEach((value, index) => {
    if (bestIndex === undefined || isBetter(value, values[bestIndex])) {
      bestIndex = index;
    }
  });
  return bestIndex;
}
