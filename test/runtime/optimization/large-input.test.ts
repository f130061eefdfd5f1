import type { GetRightsizingRecommendationResponse, RightsizingRecommendation } from '@aws-sdk/client-cost-explorer';
import { RUN_TIME } from './pipeline-fixture';
import {
  buildReport, costOptimizationHubOpportunities, renderReportCsv, rightsizingOpportunities, selectOpportunities,
} from '../../../src/runtime/optimization';
import { hubRecommendations, syntheticAccountId, syntheticInstanceId, syntheticSavingsCents } from '../../support/synthetic-payloads';

const HUB_RECOMMENDATIONS = 20_000;

/** Cost Explorer's view of every fourth instance: the same resources, which must count once. */
function explorerPage(): GetRightsizingRecommendationResponse {
  const recommendations: RightsizingRecommendation[] = [];
  for (let index = 0; index < HUB_RECOMMENDATIONS; index += 4) {
    recommendations.push({
      AccountId: syntheticAccountId(index),
      CurrentInstance: { ResourceId: syntheticInstanceId(index).toUpperCase(), MonthlyCost: '500.00' },
      RightsizingType: 'MODIFY',
      ModifyRecommendationDetail: { TargetInstances: [{ EstimatedMonthlySavings: '250.00', DefaultTargetInstance: true }] },
    });
  }
  return { RightsizingRecommendations: recommendations };
}

describe('20,000 recommendations', () => {
  const opportunities = [...rightsizingOpportunities([explorerPage()]), ...costOptimizationHubOpportunities(hubRecommendations(HUB_RECOMMENDATIONS))];
  const selection = selectOpportunities(opportunities);

  test('each resource counts once, and only those meeting the thresholds are kept', () => {
    expect(opportunities).toHaveLength(25_000);
    expect(selection.duplicates).toHaveLength(5_000);
    expect(selection.duplicates.every(duplicate => duplicate.opportunity.source === 'COST_EXPLORER')).toBe(true);
    expect(selection.rejected).toHaveLength(2_000);
    expect(selection.rejected.every(rejection => rejection.reason === 'saves 49.99 USD a month, below the minimum of 50')).toBe(true);
    expect(selection.ranked).toHaveLength(18_000);
  });

  test('the total equals an independent sum in integer cents', () => {
    let expectedCents = 0n;
    for (let index = 0; index < HUB_RECOMMENDATIONS; index++) {
      if (syntheticSavingsCents(index) >= 5_000) {
        expectedCents += BigInt(syntheticSavingsCents(index));
      }
    }
    const expected = `${expectedCents / 100n}.${String(expectedCents % 100n).padStart(2, '0')}`;
    const report = buildReport({
      accountId: '111122223333',
      generatedAt: RUN_TIME,
      period: { start: '2026-11-01', end: '2026-11-26' },
      opportunities: selection.ranked,
      costExplorerRequests: { requestCount: 1, costUsd: '0.01', byOperation: { GetRightsizingRecommendation: 1 } },
    });
    expect(report.totals.monthlySavings).toBe(expected);
    expect(report.totals.count).toBe(18_000);
  });

  test('the ranking is ordered by score, ties by id, ranks 1 to n', () => {
    const ranked = selection.ranked;
    const outOfOrder: string[] = [];
    for (let index = 1; index < ranked.length; index++) {
      const previousScore = BigInt(ranked[index - 1].priorityScore.replace('.', ''));
      const score = BigInt(ranked[index].priorityScore.replace('.', ''));
      const tieOutOfOrder = score === previousScore && ranked[index - 1].id >= ranked[index].id;
      if (score > previousScore || tieOutOfOrder || ranked[index].rank !== index + 1) {
        outOfOrder.push(ranked[index].id);
      }
    }
    expect(outOfOrder).toEqual([]);
    expect(new Set(ranked.map(opportunity => opportunity.priorityScore)).size).toBeLessThan(1_000);
    expect(ranked[0]).toMatchObject({ monthlySavings: '149.90', priorityScore: '1798.80' });
    // 50.00 only comes up for indexes that are multiples of 1,000, which save 49.99 and are turned down.
    expect(ranked[ranked.length - 1]).toMatchObject({ monthlySavings: '50.10', priorityScore: '601.20' });
  });

  test('the CSV has one record per opportunity', () => {
    const report = buildReport({
      accountId: '111122223333',
      generatedAt: RUN_TIME,
      period: { start: '2026-11-01', end: '2026-11-26' },
      opportunities: selection.ranked,
      costExplorerRequests: { requestCount: 0, costUsd: '0.00', byOperation: {} },
    });
    expect(renderReportCsv(report).split('\r\n')).toHaveLength(18_002);
  });
});
