import type {
  GetReservationPurchaseRecommendationResponse, GetRightsizingRecommendationResponse, GetSavingsPlansPurchaseRecommendationResponse,
} from '@aws-sdk/client-cost-explorer';
import type { ListRecommendationsResponse } from '@aws-sdk/client-cost-optimization-hub';
import type { DescribeSnapshotsResult, DescribeVolumesResult } from '@aws-sdk/client-ec2';
import { loadFixture } from './fixtures';
import {
  costOptimizationHubOpportunities, Opportunity, reservedInstanceOpportunities, rightsizingOpportunities, savingsPlansOpportunities,
  storageOpportunities,
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
