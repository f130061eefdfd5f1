import type { GetCostForecastResponse } from '@aws-sdk/client-cost-explorer';
import { loadFixture } from './fixtures';
import { summarizeForecast } from '../../../src/runtime/optimization';

describe('summarizeForecast', () => {
  test('keeps the interval AWS gives, as the total interval of a single period', () => {
    expect(summarizeForecast(loadFixture<GetCostForecastResponse>('GetCostForecast'))).toEqual({
      unit: 'USD',
      total: '2450.12',
      totalLowerBound: '2201.50',
      totalUpperBound: '2698.75',
      periods: [{ start: '2026-11-26', end: '2026-12-01', mean: '2450.12', lowerBound: '2201.50', upperBound: '2698.75' }],
    });
  });

  test('does not invent a total interval from several periods, nor a missing one', () => {
    const summary = summarizeForecast(loadFixture<GetCostForecastResponse>('GetCostForecast.daily'));
    expect(summary.total).toBe('301.50');
    expect(summary.totalLowerBound).toBeUndefined();
    expect(summary.totalUpperBound).toBeUndefined();
    expect(summary.periods).toEqual([
      { start: '2026-11-27', end: '2026-11-28', mean: '100.50', lowerBound: '90.25', upperBound: '110.75' },
      { start: '2026-11-28', end: '2026-11-29', mean: '100.50', lowerBound: '85.00', upperBound: '116.00' },
      { start: '2026-11-29', end: '2026-11-30', mean: '100.50' },
    ]);
  });

  test('is not the seed\'s +/-10%', () => {
    const summary = summarizeForecast(loadFixture<GetCostForecastResponse>('GetCostForecast'));
    expect(summary.totalLowerBound).not.toBe('2205.11');
    expect(summary.totalUpperBound).not.toBe('2695.14');
  });

  test('summarizes an empty response as zero without interval', () => {
    expect(summarizeForecast({})).toEqual({ unit: 'USD', total: '0.00', periods: [] });
  });
});
