import { buildCostForecastRequest, MAX_GROUP_BY_PER_REQUEST, planCostAndUsageRequests } from '../../../src/runtime/optimization';

describe('planCostAndUsageRequests', () => {
  test('answers total, series and top services with one request grouped by SERVICE', () => {
    expect(planCostAndUsageRequests({ start: '2026-08-01', end: '2026-11-01', granularity: 'MONTHLY' })).toEqual([{
      TimePeriod: { Start: '2026-08-01', End: '2026-11-01' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    }]);
  });

  test('asks one request per breakdown, grouped by that breakdown alone, with the metric and filter', () => {
    const requests = planCostAndUsageRequests({
      start: '2026-08-01',
      end: '2026-11-01',
      granularity: 'DAILY',
      metrics: ['AmortizedCost'],
      breakdowns: [
        { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
        { Type: 'DIMENSION', Key: 'REGION' },
        { Type: 'TAG', Key: 'Team' },
        { Type: 'COST_CATEGORY', Key: 'BusinessUnit' },
      ],
      filter: { Dimensions: { Key: 'RECORD_TYPE', Values: ['Usage'] } },
    });
    expect(requests.map(request => request.GroupBy)).toEqual([
      [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
      [{ Type: 'DIMENSION', Key: 'REGION' }],
      [{ Type: 'TAG', Key: 'Team' }],
      [{ Type: 'COST_CATEGORY', Key: 'BusinessUnit' }],
    ]);
    // GetCostAndUsage takes "up to two different groups": one each is always within it.
    expect(requests.every(request => request.GroupBy!.length <= MAX_GROUP_BY_PER_REQUEST)).toBe(true);
    expect(requests.every(request => request.Metrics![0] === 'AmortizedCost' && request.Granularity === 'DAILY')).toBe(true);
    expect(requests.every(request => request.Filter?.Dimensions?.Key === 'RECORD_TYPE')).toBe(true);
  });

  test('asks each breakdown once', () => {
    const requests = planCostAndUsageRequests({
      start: '2026-08-01',
      end: '2026-11-01',
      granularity: 'MONTHLY',
      breakdowns: [{ Type: 'DIMENSION', Key: 'SERVICE' }, { Type: 'TAG', Key: 'Team' }, { Type: 'TAG', Key: 'Team' }],
    });
    expect(requests.map(request => request.GroupBy)).toEqual([[{ Type: 'DIMENSION', Key: 'SERVICE' }], [{ Type: 'TAG', Key: 'Team' }]]);
    expect(() => planCostAndUsageRequests({ start: '2026-08-01', end: '2026-11-01', granularity: 'MONTHLY', breakdowns: [] })).toThrow('at least one breakdown');
  });

  test('refuses malformed or empty periods', () => {
    expect(() => planCostAndUsageRequests({ start: '2026-8-1', end: '2026-11-01', granularity: 'MONTHLY' })).toThrow('YYYY-MM-DD');
    expect(() => planCostAndUsageRequests({ start: '2026-11-01', end: '2026-11-01', granularity: 'DAILY' })).toThrow('is empty');
  });
});

describe('buildCostForecastRequest', () => {
  test('asks for the forecast metric with a real prediction interval', () => {
    expect(buildCostForecastRequest({ start: '2026-11-26', end: '2026-12-01' })).toEqual({
      TimePeriod: { Start: '2026-11-26', End: '2026-12-01' },
      Metric: 'UNBLENDED_COST',
      Granularity: 'MONTHLY',
      PredictionIntervalLevel: 80,
    });
    expect(buildCostForecastRequest({ start: '2026-11-26', end: '2026-12-01', metric: 'AmortizedCost', granularity: 'DAILY', predictionIntervalLevel: 95 }))
      .toMatchObject({ Metric: 'AMORTIZED_COST', Granularity: 'DAILY', PredictionIntervalLevel: 95 });
  });

  test('refuses metrics and interval levels GetCostForecast does not take', () => {
    expect(() => buildCostForecastRequest({ start: '2026-11-26', end: '2026-12-01', metric: 'UsageQuantity' })).toThrow('cannot forecast UsageQuantity');
    expect(() => buildCostForecastRequest({ start: '2026-11-26', end: '2026-12-01', predictionIntervalLevel: 50 })).toThrow('outside 51-99');
    expect(() => buildCostForecastRequest({ start: '2026-11-26', end: '2026-12-01', predictionIntervalLevel: 100 })).toThrow('outside 51-99');
  });
});
