import type { GetCostForecastResponse } from '@aws-sdk/client-cost-explorer';
import { parseAmount, toMoney } from './money';

/** A forecast amount with the interval AWS gives it (lower and upper bounds absent when AWS sent none). */
export interface ForecastPeriod {
  readonly start: string;
  readonly end: string;
  /** Money, two decimals. */
  readonly mean: string;
  readonly lowerBound?: string;
  readonly upperBound?: string;
}

/** What GetCostForecast predicts, with its real prediction interval. */
export interface ForecastSummary {
  readonly unit: string;
  /** The forecast total for the whole requested span (AWS's `Total`), two decimals. */
  readonly total: string;
  /**
   * The interval of the total. Only known when the forecast has exactly one period, whose
   * interval then is the total's: intervals of several periods do not add up to the
   * interval of their sum, and none is made up (the seed faked +/-10%).
   */
  readonly totalLowerBound?: string;
  readonly totalUpperBound?: string;
  readonly periods: ForecastPeriod[];
}

/** Summarizes a GetCostForecast response, keeping AWS's prediction interval as given. */
export function summarizeForecast(response: GetCostForecastResponse): ForecastSummary {
  const periods = (response.ForecastResultsByTime ?? []).map(result => {
    const start = result.TimePeriod?.Start ?? '';
    return {
      start,
      end: result.TimePeriod?.End ?? '',
      mean: toMoney(parseAmount(result.MeanValue, `MeanValue of ${start}`)),
      ...optionalBound('lowerBound', result.PredictionIntervalLowerBound, `PredictionIntervalLowerBound of ${start}`),
      ...optionalBound('upperBound', result.PredictionIntervalUpperBound, `PredictionIntervalUpperBound of ${start}`),
    };
  });
  const onlyPeriod = periods.length === 1 ? periods[0] : undefined;
  return {
    unit: response.Total?.Unit ?? 'USD',
    total: toMoney(parseAmount(response.Total?.Amount, 'Total.Amount')),
    ...(onlyPeriod?.lowerBound === undefined ? {} : { totalLowerBound: onlyPeriod.lowerBound }),
    ...(onlyPeriod?.upperBound === undefined ? {} : { totalUpperBound: onlyPeriod.upperBound }),
    periods,
  };
}

function optionalBound(name: 'lowerBound' | 'upperBound', value: string | undefined, field: string): Partial<Record<'lowerBound' | 'upperBound', string>> {
  return value === undefined || value === '' ? {} : { [name]: toMoney(parseAmount(value, field)) };
}
