import {
  GetAnomaliesCommand,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  GetReservationPurchaseRecommendationCommand,
  GetRightsizingRecommendationCommand,
  GetSavingsPlansPurchaseRecommendationCommand,
  type CostExplorerClient,
  type GetCostAndUsageRequest,
  type GetCostAndUsageResponse,
  type GetCostForecastRequest,
} from '@aws-sdk/client-cost-explorer';
import { readAllPages } from './paging';
import {
  CostExplorerRequestCounter,
  reservationPurchaseRequest,
  reservedInstanceOpportunities,
  rightsizingOpportunities,
  rightsizingRequest,
  savingsPlansOpportunities,
  savingsPlansPurchaseRequest,
  summarizeAnomalies,
  summarizeForecast,
  type AnomalySummary,
  type ForecastSummary,
  type NormalizerOptions,
  type Opportunity,
  type OptimizationPolicy,
} from '../optimization';

/**
 * Every page of a Cost Explorer operation paged by NextPageToken; each page is one billed request,
 * counted once it is answered (retried throttled attempts are not).
 */
export async function readCostExplorerPages<Page extends { NextPageToken?: string }>(
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

/** Every page of one GetCostAndUsage request (one breakdown, see `planCostAndUsageRequests`); each page counted. */
export async function costAndUsagePagesFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  request: GetCostAndUsageRequest,
): Promise<GetCostAndUsageResponse[]> {
  return readCostExplorerPages(counter, 'GetCostAndUsage',
    (token) => client.send(new GetCostAndUsageCommand({ ...request, NextPageToken: token })));
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

/** Reserved Instance purchase recommendations for one service (a Cost Explorer service name), every page. */
export async function reservationsFrom(
  client: CostExplorerClient,
  counter: CostExplorerRequestCounter,
  policy: OptimizationPolicy,
  options: NormalizerOptions,
  service: string,
): Promise<Opportunity[]> {
  const request = reservationPurchaseRequest(policy, service);
  const pages = await readCostExplorerPages(counter, 'GetReservationPurchaseRecommendation',
    (token) => client.send(new GetReservationPurchaseRecommendationCommand({ ...request, NextPageToken: token })));
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
