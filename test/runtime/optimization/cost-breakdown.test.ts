import type { GetCostAndUsageResponse } from '@aws-sdk/client-cost-explorer';
import { buildReport, renderCostBreakdownsCsv, summarizeBreakdown } from '../../../src/runtime/optimization';

/** A page grouped by the tag `team`, two months, as GetCostAndUsage returns tag groups (`key$value`, `key$` untagged). */
const byTeam: GetCostAndUsageResponse = {
  GroupDefinitions: [{ Type: 'TAG', Key: 'team' }],
  ResultsByTime: [
    {
      TimePeriod: { Start: '2026-09-01', End: '2026-10-01' },
      Groups: [
        { Keys: ['team$payments'], Metrics: { UnblendedCost: { Amount: '0.004', Unit: 'USD' } } },
        { Keys: ['team$'], Metrics: { UnblendedCost: { Amount: '0.004', Unit: 'USD' } } },
        { Keys: ['team$=HYPERLINK("x")'], Metrics: { UnblendedCost: { Amount: '0.004', Unit: 'USD' } } },
      ],
    },
    {
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      Groups: [
        { Keys: ['team$payments'], Metrics: { UnblendedCost: { Amount: '10', Unit: 'USD' } } },
      ],
    },
  ],
};

describe('summarizeBreakdown', () => {
  const section = summarizeBreakdown([byTeam], { topCount: 1 });

  test('groups by tag value, untagged as the empty value, parts adding up to the total', () => {
    expect(section).toMatchObject({ label: 'tag team', groupBy: { type: 'TAG', key: 'team' }, total: '10.01', periodTotals: ['0.012', '10.00'] });
    expect(section.top.map(group => [group.key, group.amount, group.periodAmounts])).toEqual([['payments', '10.00', ['0.004', '10.00']]]);
    // Three amounts of 0.008 each round to 0.01 alone; apportioned, top and other add up to 10.01.
    expect([section.other.count, section.other.amount, section.other.groups.map(group => group.key)]).toEqual([2, '0.01', ['', '=HYPERLINK("x")']]);
    // Per hour: 10 over October's 31 days against 0.004 over September's 30.
    expect(section.top[0].change).toEqual({ changePercentage: '241835.48', direction: 'up' });
  });

  test('refuses pages grouped two ways, which would count each cost once per pair', () => {
    expect(() => summarizeBreakdown([{ ...byTeam, GroupDefinitions: [{ Type: 'TAG', Key: 'team' }, { Type: 'DIMENSION', Key: 'SERVICE' }] }]))
      .toThrow('grouped 2 ways');
  });

  test('the cost CSV lists every group and period, and keeps a tag value from running as a formula', () => {
    const report = buildReport({
      accountId: '111122223333',
      generatedAt: new Date('2026-11-30T06:00:00Z'),
      period: { start: '2026-09-01', end: '2026-11-01' },
      opportunities: [],
      costExplorerRequests: { requestCount: 1, costUsd: '0.01', byOperation: { GetCostAndUsage: 1 } },
      costBreakdowns: [section],
    });
    const rows = renderCostBreakdownsCsv(report).split('\r\n');
    expect(rows).toHaveLength(1 + 3 * 2 + 1);
    expect(rows).toContain('TAG,team,,,2026-09-01,2026-10-01,false,UnblendedCost,USD,0.004');
    expect(rows).toContain('TAG,team,"\'=HYPERLINK(""x"")",,2026-10-01,2026-11-01,false,UnblendedCost,USD,0.00');
  });
});
