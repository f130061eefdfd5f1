import type { GetRightsizingRecommendationResponse, RightsizingRecommendation } from '@aws-sdk/client-cost-explorer';
import type { ListRecommendationsResponse, Recommendation } from '@aws-sdk/client-cost-optimization-hub';
import { RUN_TIME } from './pipeline-fixture';
import {
  buildReport, costOptimizationHubOpportunities, renderReportCsv, rightsizingOpportunities, selectOpportunities,
} from '../../../src/runtime/optimization';

const HUB_RECOMMENDATIONS = 20_000;
const PAGE_SIZE = 1_000;

/** Savings in cents for recommendation `index`: 50.00 to 149.90, repeating, so many scores tie. */
function savingsCents(index: number): number {
  return index % 10 === 0 ? 4_999 : 5_000 + ((index * 7_919) % 1_000) * 10;
}

function instanceId(index: number): string {
  return `i-${index.toString(16).padStart(17, '0')}`;
}

function hubPages(): ListRecommendationsResponse[] {
  const pages: ListRecommendationsResponse[] = [];
  for (let start = 0; start < HUB_RECOMMENDATIONS; start += PAGE_SIZE) {
    const items: Recommendation[] = [];
    for (let index = start; index < start + PAGE_SIZE; index++) {
      const savings = savingsCents(index) / 100;
      items.push({
        recommendationId: `rec-${String(index).padStart(5, '0')}`,
        accountId: index % 2 === 0 ? '111122223333' : '444455556666',
        region: 'us-east-1',
        resourceId: instanceId(index),
        currentResourceType: 'Ec2Instance',
        actionType: 'Rightsize',
        estimatedMonthlySavings: savings,
        estimatedMonthlyCost: savings * 2,
        currencyCode: 'USD',
        implementationEffort: 'Low',
        restartNeeded: false,
        rollbackPossible: true,
      });
    }
    pages.push({ items });
  }
  return pages;
}

/** Cost Explorer's view of every fourth instance: the same resources, which must count once. */
function explorerPage(): GetRightsizingRecommendationResponse {
  const recommendations: RightsizingRecommendation[] = [];
  for (let index = 0; index < HUB_RECOMMENDATIONS; index += 4) {
    recommendations.push({
      AccountId: index % 2 === 0 ? '111122223333' : '444455556666',
      CurrentInstance: { ResourceId: instanceId(index).toUpperCase(), MonthlyCost: '500.00' },
      RightsizingType: 'MODIFY',
      ModifyRecommendationDetail: { TargetInstances: [{ EstimatedMonthlySavings: '250.00', DefaultTargetInstance: true }] },
    });
  }
  return { RightsizingRecommendations: recommendations };
}

describe('20,000 recommendations', () => {
  const opportunities = [...rightsizingOpportunities([explorerPage()]), ...costOptimizationHubOpportunities(hubPages())];
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
      if (savingsCents(index) >= 5_000) {
        expectedCents += BigInt(savingsCents(index));
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
