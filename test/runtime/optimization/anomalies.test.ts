import type { GetAnomaliesResponse } from '@aws-sdk/client-cost-explorer';
import { loadFixture } from './fixtures';
import { summarizeAnomalies } from '../../../src/runtime/optimization';

const pages = [loadFixture<GetAnomaliesResponse>('GetAnomalies.page1'), loadFixture<GetAnomaliesResponse>('GetAnomalies.page2')];

describe('summarizeAnomalies', () => {
  const summary = summarizeAnomalies(pages);

  test('counts each anomaly once across pages and sums total impact exactly', () => {
    expect(summary.count).toBe(3);
    expect(summary.totalImpact).toBe('1033.22');
  });

  test('orders anomalies by total impact, largest first', () => {
    expect(summary.anomalies.map(anomaly => [anomaly.id, anomaly.totalImpact])).toEqual([
      ['a1b2c3d4-0000-4000-8000-000000000001', '912.30'],
      ['a1b2c3d4-0000-4000-8000-000000000003', '75.25'],
      ['a1b2c3d4-0000-4000-8000-000000000002', '45.67'],
    ]);
  });

  test('keeps root causes, scores and dates', () => {
    expect(summary.anomalies[0]).toEqual({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      startDate: '2026-11-10',
      endDate: '2026-11-12',
      monitorArn: 'arn:aws:ce::111122223333:anomalymonitor/11111111-2222-3333-4444-555555555555',
      dimensionValue: 'Amazon Elastic Compute Cloud - Compute',
      totalImpact: '912.30',
      maxImpact: '512.30',
      totalImpactPercentage: '182.46',
      maxScore: 0.92,
      currentScore: 0.41,
      feedback: 'YES',
      rootCauses: [
        {
          service: 'Amazon Elastic Compute Cloud - Compute',
          region: 'us-east-1',
          linkedAccount: '111122223333',
          linkedAccountName: 'production',
          usageType: 'BoxUsage:p4d.24xlarge',
          contribution: '812.10',
        },
        {
          service: 'Amazon Elastic Compute Cloud - Compute',
          region: 'us-west-2',
          linkedAccount: '111122223333',
          linkedAccountName: 'production',
          usageType: 'BoxUsage:g5.xlarge',
          contribution: '100.20',
        },
      ],
    });
  });

  test('falls back to MaxImpact when TotalImpact is missing', () => {
    const withoutTotal = summary.anomalies[1];
    expect(withoutTotal.totalImpact).toBe('75.25');
    expect(withoutTotal.maxImpact).toBe('75.25');
    expect(withoutTotal.rootCauses).toEqual([]);
    expect(withoutTotal.feedback).toBe('PLANNED_ACTIVITY');
  });

  test('attributes impact to services through root causes, without floating-point drift', () => {
    expect(summary.impactByService).toEqual([
      { service: 'Amazon Elastic Compute Cloud - Compute', contribution: '912.30', anomalyCount: 1 },
      { service: 'Amazon Simple Storage Service', contribution: '45.67', anomalyCount: 1 },
    ]);
    expect(812.1 + 100.2).not.toBe(912.3);
  });

  test('summarizes no anomalies as zero', () => {
    expect(summarizeAnomalies([{ Anomalies: [] }])).toEqual({ count: 0, totalImpact: '0.00', anomalies: [], impactByService: [] });
  });
});
