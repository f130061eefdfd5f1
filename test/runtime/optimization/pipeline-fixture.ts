import type {
  GetAnomaliesResponse, GetCostAndUsageResponse, GetCostForecastResponse, GetReservationPurchaseRecommendationResponse,
  GetRightsizingRecommendationResponse, GetSavingsPlansPurchaseRecommendationResponse,
} from '@aws-sdk/client-cost-explorer';
import type { ListRecommendationsResponse } from '@aws-sdk/client-cost-optimization-hub';
import type { DescribeSnapshotsResult, DescribeVolumesResult } from '@aws-sdk/client-ec2';
import { loadFixture } from './fixtures';
import {
  buildReport, CostExplorerRequestCounter, costOptimizationHubOpportunities, failedSources, Opportunity, OptimizationReport,
  reservedInstanceOpportunities, rightsizingOpportunities, savingsPlansOpportunities, selectOpportunities, sourceFailed, sourceSucceeded,
  storageOpportunities, summarizeAnomalies, summarizeCosts, summarizeForecast,
} from '../../../src/runtime/optimization';

/** The run the fixtures describe: 2026-11-26 12:00 UTC. */
export const RUN_TIME = new Date('2026-11-26T12:00:00.000Z');

/** Every opportunity the fixtures yield, from all sources, before deduplication and policy. */
export function allFixtureOpportunities(): Opportunity[] {
  const storage = storageOpportunities(
    loadFixture<DescribeVolumesResult>('DescribeVolumes.page1').Volumes!,
    loadFixture<DescribeSnapshotsResult>('DescribeSnapshots.page1').Snapshots!,
    { accountId: '111122223333', region: 'us-east-1', now: RUN_TIME },
  );
  return [
    ...rightsizingOpportunities([
      loadFixture<GetRightsizingRecommendationResponse>('GetRightsizingRecommendation.page1'),
      loadFixture<GetRightsizingRecommendationResponse>('GetRightsizingRecommendation.page2'),
    ]),
    ...reservedInstanceOpportunities([loadFixture<GetReservationPurchaseRecommendationResponse>('GetReservationPurchaseRecommendation.page1')]),
    ...savingsPlansOpportunities([loadFixture<GetSavingsPlansPurchaseRecommendationResponse>('GetSavingsPlansPurchaseRecommendation.page1')]),
    ...costOptimizationHubOpportunities([loadFixture<ListRecommendationsResponse>('ListRecommendations.page1')]),
    ...storage.opportunities,
  ];
}

/** The report the fixtures make: every source, one failed storage scan, nine Cost Explorer requests. */
export function fixtureReport(): OptimizationReport {
  const counter = new CostExplorerRequestCounter();
  counter.record('GetCostAndUsage', 2);
  counter.record('GetCostForecast');
  counter.record('GetAnomalies', 2);
  counter.record('GetRightsizingRecommendation', 2);
  counter.record('GetReservationPurchaseRecommendation');
  counter.record('GetSavingsPlansPurchaseRecommendation');
  const selection = selectOpportunities(allFixtureOpportunities());
  return buildReport({
    accountId: '111122223333',
    generatedAt: RUN_TIME,
    period: { start: '2026-08-01', end: '2026-11-01' },
    costSummary: summarizeCosts([
      loadFixture<GetCostAndUsageResponse>('GetCostAndUsage.monthly-by-service.page1'),
      loadFixture<GetCostAndUsageResponse>('GetCostAndUsage.monthly-by-service.page2'),
    ], { topServicesCount: 3 }),
    forecast: summarizeForecast(loadFixture<GetCostForecastResponse>('GetCostForecast')),
    anomalies: summarizeAnomalies([loadFixture<GetAnomaliesResponse>('GetAnomalies.page1'), loadFixture<GetAnomaliesResponse>('GetAnomalies.page2')]),
    opportunities: selection.ranked,
    excluded: { duplicates: selection.duplicates.length, belowThresholds: selection.rejected.length },
    costExplorerRequests: counter.usage(),
    failedSources: failedSources([
      sourceSucceeded('CostOptimizationHub', null),
      sourceFailed('EC2 eu-west-1', Object.assign(new Error('You are not authorized to perform this operation.'), { name: 'UnauthorizedOperation' })),
    ]),
    notes: ['EBS prices for eu-west-1 were not needed'],
  });
}
