import { analyzeTrend, CostDataPoint, Decimal, periodGrowthRates } from '../../../src/runtime/optimization';

function days(...amounts: string[]): CostDataPoint[] {
  return amounts.map((amount, index) => ({
    start: `2026-11-${String(index + 1).padStart(2, '0')}`,
    end: `2026-11-${String(index + 2).padStart(2, '0')}`,
    amount,
    estimated: false,
  }));
}

describe('analyzeTrend', () => {
  test('averages period-over-period growth and measures volatility', () => {
    const trend = analyzeTrend(days('100.01', '101.00', '99.50'));
    expect(trend).toEqual({
      periods: 3,
      averageGrowthPercentage: '-0.25',
      direction: 'flat',
      average: '100.17',
      volatility: '0.62',
      minimum: { start: '2026-11-03', end: '2026-11-04', amount: '99.50', estimated: false },
      maximum: { start: '2026-11-02', end: '2026-11-03', amount: '101.00', estimated: false },
      range: '1.50',
    });
  });

  test('compares cost per hour, so a short month is not a drop', () => {
    const months: CostDataPoint[] = [
      { start: '2026-01-01', end: '2026-02-01', amount: '3100.00', estimated: false },
      { start: '2026-02-01', end: '2026-03-01', amount: '2800.00', estimated: false },
    ];
    const trend = analyzeTrend(months);
    expect(trend.averageGrowthPercentage).toBe('0.00');
    expect(trend.direction).toBe('flat');
  });

  test('uses the tolerance inclusively: exactly +2% per period is flat, more is up', () => {
    expect(analyzeTrend(days('100', '102')).direction).toBe('flat');
    expect(analyzeTrend(days('100', '102.01')).direction).toBe('up');
    expect(analyzeTrend(days('100', '98')).direction).toBe('flat');
    expect(analyzeTrend(days('100', '97.99')).direction).toBe('down');
  });

  test('takes a custom tolerance', () => {
    expect(analyzeTrend(days('100', '102'), { flatTolerancePercentage: '1' }).direction).toBe('up');
    expect(analyzeTrend(days('100', '110'), { flatTolerancePercentage: '10' }).direction).toBe('flat');
  });

  test('skips growth from a period that cost nothing', () => {
    const trend = analyzeTrend(days('0', '50', '100'));
    expect(trend.averageGrowthPercentage).toBe('100.00');
    expect(trend.direction).toBe('up');
  });

  test('says unknown with fewer than two comparable periods', () => {
    expect(analyzeTrend(days('42')).direction).toBe('unknown');
    expect(analyzeTrend(days('42')).averageGrowthPercentage).toBeUndefined();
    expect(analyzeTrend(days('0', '0')).direction).toBe('unknown');
    expect(analyzeTrend([])).toEqual({ periods: 0, averageGrowthPercentage: undefined, direction: 'unknown', average: '0.00', volatility: '0.00', minimum: undefined, maximum: undefined, range: '0.00' });
  });

  test('picks the earliest period when extremes tie', () => {
    const trend = analyzeTrend(days('5', '7', '5', '7'));
    expect(trend.minimum?.start).toBe('2026-11-01');
    expect(trend.maximum?.start).toBe('2026-11-02');
    expect(trend.volatility).toBe('1.00');
  });

  test('refuses a period that is not a positive span', () => {
    expect(() => analyzeTrend([
      { start: '2026-11-02', end: '2026-11-01', amount: '1', estimated: false },
      { start: '2026-11-02', end: '2026-11-03', amount: '1', estimated: false },
    ])).toThrow('is not a positive span of time');
  });
});

describe('periodGrowthRates', () => {
  test('gives each growth exactly', () => {
    const series = days('200', '250', '125');
    const rates = periodGrowthRates(series, series.map(point => new Decimal(point.amount)));
    expect(rates.map(rate => rate.toString())).toEqual(['25', '-50']);
  });
});
