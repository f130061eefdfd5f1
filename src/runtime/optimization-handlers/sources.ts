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

/**
 * Every page of a Cost Explorer operation paged by NextPageToken; each page is one billed request,
 * counted once it is answered (retried throttled attempts are not).
 */
async function readCostExplorerPages<Page extends { NextPageToken?: string }>(
  counter: CostExplorerRequestCounter,
  operation: string,
  sendPage: (token: string | undefined) => Promise<Page>,
): Promise<Page[]> {
  return readAllPages(async (token) => {
    const page = await sendPage(token);
    counter.record(operation);
    return page;
  }, (page) => page.NextPageToken);
}

/** Every page of each planned GetCostAndUsage request, summarized; each page counted. */
export async function costSummaryFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  requests: readonly GetCostAndUsageRequest[],
): Promise<CostSummary> {
  const pages = [];
  for (const request of requests) {
    pages.push(...await readCostExplorerPages(counter, 'GetCostAndUsage',
      (token) => client.send(new GetCostAndUsageCommand({ ...request, NextPageToken: token }))));
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
  const pages = await readCostExplorerPages(counter, 'GetAnomalies',
    (token) => client.send(new GetAnomaliesCommand({ DateInterval: { StartDate: start, EndDate: end }, NextPageToken: token })));
  return summarizeAnomalies(pages);
}

/** EC2 rightsizing recommendations from Cost Explorer, every page. */
export async function rightsizingFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readCostExplorerPages(counter, 'GetRightsizingRecommendation',
    (token) => client.send(new GetRightsizingRecommendationCommand({ ...rightsizingRequest(policy), NextPageToken: token })));
  return rightsizingOpportunities(pages, options);
}

/** EC2 Reserved Instance purchase recommendations, every page. */
export async function reservationsFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readCostExplorerPages(counter, 'GetReservationPurchaseRecommendation',
    (token) => client.send(new GetReservationPurchaseRecommendationCommand({ ...reservationPurchaseRequest(policy), NextPageToken: token })));
  return reservedInstanceOpportunities(pages, options);
}

/** Savings Plans purchase recommendations, every page. */
export async function savingsPlansFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
): Promise<Opportunity[]> {
  const pages = await readCostExplorerPages(counter, 'GetSavingsPlansPurchaseRecommendation',
    (token) => client.send(new GetSavingsPlansPurchaseRecommendationCommand({ ...savingsPlansPurchaseRequest(policy), NextPageToken: token })));
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
