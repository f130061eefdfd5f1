import type { GetCostAndUsageResponse } from '@aws-sdk/client-cost-explorer';
import { loadFixture } from './fixtures';
import {
  costBreakdown, costSeries, mergeCostAndUsagePages, rollUpToMonths, SERVICE_GROUP, summarizeCosts,
} from '../../../src/runtime/optimization';

const page1 = loadFixture<GetCostAndUsageResponse>('GetCostAndUsage.monthly-by-service.page1');
const page2 = loadFixture<GetCostAndUsageResponse>('GetCostAndUsage.monthly-by-service.page2');

describe('mergeCostAndUsagePages', () => {
  test('joins a period split across pages into one, in time order', () => {
    const merged = mergeCostAndUsagePages([page2, page1]);
    expect(merged.resultsByTime.map(result => result.TimePeriod?.Start)).toEqual(['2026-08-01', '2026-09-01', '2026-10-01']);
    expect(merged.resultsByTime[1].Groups?.map(group => group.Keys?.[0])).toEqual([
      'Amazon Relational Database Service', 'AmazonCloudWatch', 'Amazon Elastic Compute Cloud - Compute', 'Amazon Simple Storage Service',
    ]);
    expect(merged.groupDefinitions).toEqual([{ Type: 'DIMENSION', Key: 'SERVICE' }]);
  });

  test('counts a page passed twice (a retried request) once', () => {
    const once = summarizeCosts([page1, page2]);
    const twice = summarizeCosts([page1, page2, page1]);
    expect(twice.total).toBe(once.total);
    expect(twice.total).toBe('6401.00');
  });

  test('refuses pages of different questions', () => {
    const other: GetCostAndUsageResponse = { GroupDefinitions: [{ Type: 'DIMENSION', Key: 'REGION' }], ResultsByTime: [] };
    expect(() => mergeCostAndUsagePages([page1, other])).toThrow('pages disagree on GroupDefinitions');
  });

  test('refuses a result without a time period', () => {
    expect(() => mergeCostAndUsagePages([{ ResultsByTime: [{ Groups: [] }] }])).toThrow('no TimePeriod');
  });
});

describe('summarizeCosts', () => {
  const summary = summarizeCosts([page1, page2], { topServicesCount: 3 });

  test('totals every group of every period', () => {
    expect(summary.metric).toBe('UnblendedCost');
    expect(summary.unit).toBe('USD');
    expect(summary.total).toBe('6401.00');
    expect(summary.period).toEqual({ start: '2026-08-01', end: '2026-11-01' });
  });

  test('gives one point per period', () => {
    expect(summary.series).toEqual([
      { start: '2026-08-01', end: '2026-09-01', amount: '2000.00', estimated: false },
      { start: '2026-09-01', end: '2026-10-01', amount: '2100.00', estimated: false },
      { start: '2026-10-01', end: '2026-11-01', amount: '2301.00', estimated: false },
    ]);
  });

  test('lists the top services with their share, and the rest together', () => {
    expect(summary.topServices).toEqual([
      { key: 'Amazon Elastic Compute Cloud - Compute', amount: '4000.58', sharePercentage: '62.50' },
      { key: 'Amazon Relational Database Service', amount: '1390.00', sharePercentage: '21.72' },
      { key: 'Amazon Simple Storage Service', amount: '930.35', sharePercentage: '14.53' },
    ]);
    expect(summary.otherServices).toEqual({ count: 1, amount: '80.07', sharePercentage: '1.25' });
  });

  test('includes the trend of the series', () => {
    expect(summary.trend.direction).toBe('up');
    expect(summary.trend.averageGrowthPercentage).toBe('7.27');
  });

  test('reads the metric it is asked for', () => {
    const amortized = summarizeCosts([page1, page2], { metric: 'AmortizedCost' });
    expect(amortized.metric).toBe('AmortizedCost');
    expect(amortized.total).toBe('6701.00');
    expect(amortized.topServices![0]).toEqual({ key: 'Amazon Elastic Compute Cloud - Compute', amount: '4300.58', sharePercentage: '64.18' });
  });

  test('treats a metric the response lacks as zero', () => {
    expect(summarizeCosts([page1, page2], { metric: 'NetUnblendedCost' }).total).toBe('0.00');
  });

  test('refuses to add amounts in different units', () => {
    const mixed: GetCostAndUsageResponse = {
      GroupDefinitions: [SERVICE_GROUP],
      ResultsByTime: [{
        TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
        Groups: [
          { Keys: ['A'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } },
          { Keys: ['B'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'EUR' } } },
        ],
      }],
    };
    expect(() => summarizeCosts([mixed])).toThrow('UnblendedCost is reported in several units (EUR, USD)');
  });

  test('summarizes an empty answer as zero', () => {
    const empty = summarizeCosts([{ GroupDefinitions: [SERVICE_GROUP], ResultsByTime: [] }]);
    expect(empty.total).toBe('0.00');
    expect(empty.series).toEqual([]);
    expect(empty.topServices).toEqual([]);
    expect(empty.trend.direction).toBe('unknown');
  });
});

describe('costSeries without grouping', () => {
  test('reads each period Total', () => {
    const merged = mergeCostAndUsagePages([loadFixture<GetCostAndUsageResponse>('GetCostAndUsage.ungrouped-daily')]);
    expect(costSeries(merged)).toEqual([
      { start: '2026-11-23', end: '2026-11-24', amount: '100.01', estimated: false },
      { start: '2026-11-24', end: '2026-11-25', amount: '101.00', estimated: false },
      { start: '2026-11-25', end: '2026-11-26', amount: '99.50', estimated: true },
    ]);
  });
});

describe('costBreakdown', () => {
  const merged = mergeCostAndUsagePages([loadFixture<GetCostAndUsageResponse>('GetCostAndUsage.service-and-tag')]);

  test('breaks down by a tag, reading the value after "key$" and keeping untagged as ""', () => {
    expect(costBreakdown(merged, { Type: 'TAG', Key: 'Environment' })).toEqual([
      { key: 'prod', amount: '950.15', sharePercentage: '73.09' },
      { key: 'staging', amount: '200.20', sharePercentage: '15.40' },
      { key: '', amount: '149.65', sharePercentage: '11.51' },
    ]);
  });

  test('breaks down by the first grouping across the second', () => {
    expect(costBreakdown(merged, SERVICE_GROUP).map(share => [share.key, share.amount])).toEqual([
      ['Amazon Elastic Compute Cloud - Compute', '1200.00'],
      ['Amazon Simple Storage Service', '100.00'],
    ]);
  });

  test('orders equal amounts by key', () => {
    const tied = mergeCostAndUsagePages([{
      GroupDefinitions: [SERVICE_GROUP],
      ResultsByTime: [{
        TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
        Groups: [
          { Keys: ['b'], Metrics: { UnblendedCost: { Amount: '5', Unit: 'USD' } } },
          { Keys: ['a'], Metrics: { UnblendedCost: { Amount: '5', Unit: 'USD' } } },
        ],
      }],
    }]);
    expect(costBreakdown(tied, SERVICE_GROUP).map(share => share.key)).toEqual(['a', 'b']);
  });

  test('refuses a grouping the question did not use', () => {
    expect(() => costBreakdown(merged, { Type: 'DIMENSION', Key: 'REGION' })).toThrow('not grouped by DIMENSION:REGION');
  });
});

describe('rollUpToMonths', () => {
  test('sums days into calendar months', () => {
    const days = [
      { start: '2026-09-29', end: '2026-09-30', amount: '10.10', estimated: false },
      { start: '2026-09-30', end: '2026-10-01', amount: '20.20', estimated: false },
      { start: '2026-10-01', end: '2026-10-02', amount: '0.01', estimated: false },
      { start: '2026-10-02', end: '2026-10-03', amount: '5.00', estimated: true },
    ];
    expect(rollUpToMonths(days)).toEqual([
      { start: '2026-09-29', end: '2026-10-01', amount: '30.30', estimated: false },
      { start: '2026-10-01', end: '2026-10-03', amount: '5.01', estimated: true },
    ]);
  });

  test('does not depend on the order of the days', () => {
    const days = [
      { start: '2026-10-02', end: '2026-10-03', amount: '5.00', estimated: false },
      { start: '2026-10-01', end: '2026-10-02', amount: '1.00', estimated: false },
    ];
    expect(rollUpToMonths(days)).toEqual([{ start: '2026-10-01', end: '2026-10-03', amount: '6.00', estimated: false }]);
  });
});
