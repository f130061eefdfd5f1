import {
  CostExplorerClient,
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetReservationPurchaseRecommendationCommand,
  GetRightsizingRecommendationCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  type GetCostAndUsageRequest,
  type GetCostForecastRequest,
} from '@aws-sdk/client-cost-explorer';
import { CostOptimizationHubClient, ListRecommendationsCommand, type Filter } from '@aws-sdk/client-cost-optimization-hub';
import { DescribeSnapshotsCommand, DescribeVolumesCommand, EC2Client, type Snapshot, type Volume } from '@aws-sdk/client-ec2';
import { foldPages, readAllPages } from './paging';
import {
  costOptimizationHubOpportunities,
  CostExplorerRequestCounter,
  reservationPurchaseRequest,
  reservedInstanceOpportunities,
  rightsizingOpportunities,
  rightsizingRequest,
  savingsPlansOpportunities,
  savingsPlansPurchaseRequest,
  summarizeAnomalies,
  summarizeCosts,
  summarizeForecast,
  type AnomalySummary,
  type CostSummary,
  type ForecastSummary,
  type NormalizerOptions,
  type Opportunity,
  type OptimizationPolicy,
} from '../optimization';

/**
 * Every attempt the SDK makes, the first included. The standard retry strategy classifies
 * Cost Explorer's LimitExceededException and ThrottlingException as throttling and backs off
 * exponentially with jitter; 3 attempts (the default) are too few for Cost Explorer's low rates.
 */
export const SDK_MAX_ATTEMPTS = 8;

/**
 * Source names as the report lists them when they fail. Each is one question to one API, so a
 * failure names exactly what is missing.
 */
export const SOURCES = {
  costAndUsage: 'Cost Explorer GetCostAndUsage',
  costForecast: 'Cost Explorer GetCostForecast',
  anomalies: 'Cost Explorer GetAnomalies',
  rightsizing: 'Cost Explorer GetRightsizingRecommendation',
  reservations: 'Cost Explorer GetReservationPurchaseRecommendation',
  savingsPlans: 'Cost Explorer GetSavingsPlansPurchaseRecommendation',
  costOptimizationHub: 'Cost Optimization Hub ListRecommendations',
  volumes: 'EC2 DescribeVolumes',
  snapshots: 'EC2 DescribeSnapshots',
} as const;

/** Cost Optimization Hub actions the rightsizing optimizer asks for; storage and purchases have their own optimizers. */
export const RESOURCE_ACTION_TYPES: Filter['actionTypes'] = ['Rightsize', 'Stop', 'MigrateToGraviton'];

/** Every page of each planned GetCostAndUsage request, summarized; each page counted. */
export async function costSummaryFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  requests: readonly GetCostAndUsageRequest[],
): Promise<CostSummary> {
  const pages = [];
  for (const request of requests) {
    pages.push(...await readAllPages(async (token) => {
      const page = await client.send(new GetCostAndUsageCommand({ ...request, NextPageToken: token }));
      counter.record('GetCostAndUsage');
      return page;
    }, (page) => page.NextPageToken));
  }
  return summarizeCosts(pages);
}

/** The forecast with the prediction interval Cost Explorer computed. One request, not paged. */
export async function forecastFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  request: GetCostForecastRequest,
): Promise<ForecastSummary> {
  const response = await client.send(new GetCostForecastCommand(request));
  counter.record('GetCostForecast');
  return summarizeForecast(response);
}

/** Anomalies detected between `start` and `end` (inclusive dates), every page. */
export async function anomaliesFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  start: string,
  end: string,
): Promise<AnomalySummary> {
  const pages = await readAllPages(async (token) => {
    const page = await client.send(new GetAnomaliesCommand({ DateInterval: { StartDate: start, EndDate: end }, NextPageToken: token }));
    counter.record('GetAnomalies');
    return page;
  }, (page) => page.NextPageToken);
  return summarizeAnomalies(pages);
}

/** EC2 rightsizing recommendations from Cost Explorer, every page. */
export async function rightsizingFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readAllPages(async (token) => {
    const page = await client.send(new GetRightsizingRecommendationCommand({ ...rightsizingRequest(policy), NextPageToken: token }));
    counter.record('GetRightsizingRecommendation');
    return page;
  }, (page) => page.NextPageToken);
  return rightsizingOpportunities(pages, options);
}

/** EC2 Reserved Instance purchase recommendations, every page. */
export async function reservationsFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readAllPages(async (token) => {
    const page = await client.send(new GetReservationPurchaseRecommendationCommand({ ...reservationPurchaseRequest(policy), NextPageToken: token }));
    counter.record('GetReservationPurchaseRecommendation');
    return page;
  }, (page) => page.NextPageToken);
  return reservedInstanceOpportunities(pages, options);
}

/** Savings Plans purchase recommendations, every page. */
export async function savingsPlansFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readAllPages(async (token) => {
    const request = { ...savingsPlansPurchaseRequest(policy), NextPageToken: token };
    const page = await client.send(new GetSavingsPlansPurchaseRecommendationCommand(request));
    counter.record('GetSavingsPlansPurchaseRecommendation');
    return page;
  }, (page) => page.NextPageToken);
  return savingsPlansOpportunities(pages, options);
}

/** Cost Optimization Hub recommendations of the given action types, every page (free of charge). */
export async function costOptimizationHubFrom(
  client: CostOptimizationHubClient,
  actionTypes: Filter['actionTypes'],
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readAllPages(
    (token) => client.send(new ListRecommendationsCommand({ filter: { actionTypes }, includeAllRecommendations: false, nextToken: token })),
    (page) => page.nextToken,
  );
  return costOptimizationHubOpportunities(pages, options);
}

/** Every EBS volume in the client's region; only the volumes are kept, not the pages. */
export async function volumesFrom(client: EC2Client): Promise<Volume[]> {
  return foldPages(
    (token) => client.send(new DescribeVolumesCommand({ MaxResults: 500, NextToken: token })),
    (page) => page.NextToken,
    (page) => page.Volumes,
  );
}

/** Every EBS snapshot this account owns in the client's region. */
export async function snapshotsFrom(client: EC2Client): Promise<Snapshot[]> {
  return foldPages(
    (token) => client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, NextToken: token })),
    (page) => page.NextToken,
    (page) => page.Snapshots,
  );
}
