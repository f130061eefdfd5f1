import {
  GetEBSVolumeRecommendationsCommand,
  GetEC2InstanceRecommendationsCommand,
  GetLambdaFunctionRecommendationsCommand,
  GetRDSDatabaseRecommendationsCommand,
  type ComputeOptimizerClient,
} from '@aws-sdk/client-compute-optimizer';
import { readAllPages } from './paging';
import {
  collectSource,
  computeOptimizerDatabaseOpportunities,
  computeOptimizerFunctionOpportunities,
  computeOptimizerInstanceOpportunities,
  computeOptimizerVolumeOpportunities,
  type NormalizerOptions,
  type Opportunity,
  type SourceResult,
} from '../optimization';

/**
 * The four Compute Optimizer recommendation APIs the rightsizing optimizer reads, each a source
 * of its own: one that fails (not enrolled, throttled past the SDK's retries) loses only itself.
 *
 * No request names `accountIds`: "If your account is the management account of an organization,
 * use this parameter to specify the member account for which you want to return instance
 * recommendations. Only one account ID can be specified per request." Reading every member that
 * way costs a request per account, API, region and page; the function reads the account it runs
 * in, and member accounts' Compute Optimizer findings reach the report through Cost Optimization
 * Hub, which aggregates them for the whole organization in one paged listing once the
 * organization is enrolled (see OptimizationEnrollment).
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_GetEC2InstanceRecommendations.html
 */
const READERS: ReadonlyArray<{
  readonly operation: string;
  readonly read: (client: ComputeOptimizerClient, options: NormalizerOptions) => Promise<Opportunity[]>;
}> = [
  {
    operation: 'GetEC2InstanceRecommendations',
    read: async (client, options) => computeOptimizerInstanceOpportunities(await readAllPages(
      (nextToken) => client.send(new GetEC2InstanceRecommendationsCommand({ nextToken })), (page) => page.nextToken), options),
  },
  {
    operation: 'GetEBSVolumeRecommendations',
    read: async (client, options) => computeOptimizerVolumeOpportunities(await readAllPages(
      (nextToken) => client.send(new GetEBSVolumeRecommendationsCommand({ nextToken })), (page) => page.nextToken), options),
  },
  {
    operation: 'GetLambdaFunctionRecommendations',
    read: async (client, options) => computeOptimizerFunctionOpportunities(await readAllPages(
      (nextToken) => client.send(new GetLambdaFunctionRecommendationsCommand({ nextToken })), (page) => page.nextToken), options),
  },
  {
    operation: 'GetRDSDatabaseRecommendations',
    read: async (client, options) => computeOptimizerDatabaseOpportunities(await readAllPages(
      (nextToken) => client.send(new GetRDSDatabaseRecommendationsCommand({ nextToken })), (page) => page.nextToken), options),
  },
];

/** The IAM actions {@link computeOptimizerSources} calls, for the construct's policy to match. */
export const COMPUTE_OPTIMIZER_OPERATIONS = READERS.map((reader) => reader.operation);

/** How the report names one Compute Optimizer source when it fails. */
export function computeOptimizerSourceName(operation: string, region: string): string {
  return `Compute Optimizer ${operation} ${region}`;
}

/**
 * Every recommendation of the four APIs in each region (Compute Optimizer is regional: one
 * client per region), every page, one source per API and region, read one after another so a
 * run stays within Compute Optimizer's request rates.
 */
export async function computeOptimizerSources(
  clientFor: (region: string) => ComputeOptimizerClient,
  regions: readonly string[],
  options: NormalizerOptions,
): Promise<Array<SourceResult<Opportunity[]>>> {
  const results: Array<SourceResult<Opportunity[]>> = [];
  for (const region of regions) {
    const client = clientFor(region);
    for (const reader of READERS) {
      results.push(await collectSource(computeOptimizerSourceName(reader.operation, region), () => reader.read(client, options)));
    }
  }
  return results;
}

/**
 * The regions the optimizer reads, from its `computeOptimizerRegions` setting (comma-separated),
 * or the function's own region when the setting is empty; none when the setting is absent
 * (Compute Optimizer is not a source of this pipeline).
 */
export function computeOptimizerRegionsOf(settings: Readonly<Record<string, string>>, functionRegion: string): string[] {
  const setting = settings.computeOptimizerRegions;
  if (setting === undefined) {
    return [];
  }
  const regions = setting.split(',').map((region) => region.trim()).filter((region) => region !== '');
  return regions.length === 0 ? [functionRegion] : [...new Set(regions)];
}
