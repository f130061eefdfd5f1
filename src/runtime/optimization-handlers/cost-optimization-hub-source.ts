import { ListRecommendationsCommand, type CostOptimizationHubClient, type Filter } from '@aws-sdk/client-cost-optimization-hub';
import { readAllPages } from './paging';
import { costOptimizationHubOpportunities, type NormalizerOptions, type Opportunity } from '../optimization';

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
