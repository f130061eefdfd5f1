import type { ListRecommendationsResponse, Recommendation } from '@aws-sdk/client-cost-optimization-hub';
import { InvalidAmountError } from './money';
import { accountOf, NormalizerOptions } from './normalizer-options';
import { Effort, Opportunity, opportunityWithDetails, OpportunitySource, OpportunityType, Risk } from './opportunity';
import { normalizeRegion } from './regions';

/** Short service names for Cost Optimization Hub resource types. */
const SERVICES_BY_RESOURCE_TYPE: Readonly<Record<string, string>> = {
  Ec2Instance: 'EC2',
  Ec2AutoScalingGroup: 'EC2',
  Ec2ReservedInstances: 'EC2',
  Ec2InstanceSavingsPlans: 'EC2',
  EbsVolume: 'EBS',
  EcsService: 'ECS',
  LambdaFunction: 'Lambda',
  RdsDbInstance: 'RDS',
  RdsDbInstanceStorage: 'RDS',
  RdsReservedInstances: 'RDS',
  AuroraDbClusterStorage: 'RDS',
  ComputeSavingsPlans: 'Compute',
  SageMakerSavingsPlans: 'SageMaker',
  ElastiCacheReservedInstances: 'ElastiCache',
  OpenSearchReservedInstances: 'OpenSearch',
  RedshiftReservedInstances: 'Redshift',
  MemoryDbReservedInstances: 'MemoryDB',
  DynamoDbReservedCapacity: 'DynamoDB',
};

/** Cost Optimization Hub's five effort levels folded into three. */
const EFFORTS: Readonly<Record<string, Effort>> = {
  VeryLow: Effort.LOW,
  Low: Effort.LOW,
  Medium: Effort.MEDIUM,
  High: Effort.HIGH,
  VeryHigh: Effort.HIGH,
};

const PURCHASE_ACTIONS = new Set(['PurchaseReservedInstances', 'PurchaseSavingsPlans']);

/**
 * Opportunities from the pages of Cost Optimization Hub ListRecommendations.
 *
 * This API sends money as JSON numbers (doubles), unlike Cost Explorer's strings; each is
 * converted through `String(x)` (see `amountText`), which recovers the
 * decimal the service wrote. ListRecommendations does not report upfront costs, so purchases
 * from here carry `upfrontCost` 0.00 and `details.upfrontCost` says it is unknown.
 *
 * Effort is `implementationEffort` (VeryLow/Low → LOW, Medium → MEDIUM, High/VeryHigh → HIGH,
 * missing → MEDIUM). Risk: purchases MEDIUM (a commitment, term not in this listing);
 * otherwise HIGH when the change cannot be rolled back (a deletion unless the hub says it can), MEDIUM
 * when it needs a restart, else LOW.
 */
export function costOptimizationHubOpportunities(pages: readonly ListRecommendationsResponse[], options: NormalizerOptions = {}): Opportunity[] {
  const opportunities: Opportunity[] = [];
  for (const page of pages) {
    for (const item of page.items ?? []) {
      opportunities.push(toOpportunity(item, options));
    }
  }
  return opportunities;
}

/** The opportunity type a Cost Optimization Hub action on a resource type amounts to. */
export function opportunityTypeOf(item: Pick<Recommendation, 'actionType' | 'currentResourceType' | 'currentResourceSummary' | 'recommendedResourceSummary'>):
OpportunityType {
  const isVolume = item.currentResourceType === 'EbsVolume';
  switch (item.actionType) {
    case 'PurchaseReservedInstances':
      return OpportunityType.RESERVED_INSTANCES;
    case 'PurchaseSavingsPlans':
      return OpportunityType.SAVINGS_PLANS;
    case 'MigrateToGraviton':
      return OpportunityType.MIGRATE_TO_GRAVITON;
    case 'Stop':
      return OpportunityType.IDLE_RESOURCE;
    case 'Delete':
      return isVolume ? OpportunityType.STORAGE_UNATTACHED_VOLUME : OpportunityType.IDLE_RESOURCE;
    case 'Rightsize':
    case 'Upgrade':
    case 'ScaleIn':
      if (!isVolume) {
        return OpportunityType.RIGHTSIZING;
      }
      return isGp2ToGp3(item.currentResourceSummary, item.recommendedResourceSummary)
        ? OpportunityType.STORAGE_GP2_TO_GP3
        : OpportunityType.STORAGE_VOLUME_RIGHTSIZING;
    default:
      return OpportunityType.OTHER;
  }
}

function toOpportunity(item: Recommendation, options: NormalizerOptions): Opportunity {
  const recommendationId = item.recommendationId ?? '';
  const resourceId = item.resourceId ?? item.resourceArn ?? recommendationId;
  const isPurchase = PURCHASE_ACTIONS.has(item.actionType ?? '');
  const currentResourceType = item.currentResourceType ?? 'resource';
  return opportunityWithDetails({
    id: `cost-optimization-hub:${recommendationId}`,
    type: opportunityTypeOf(item),
    resourceId,
    service: SERVICES_BY_RESOURCE_TYPE[currentResourceType] ?? currentResourceType,
    region: normalizeRegion(item.region),
    accountId: accountOf(item.accountId, options),
    currency: item.currencyCode ?? 'USD',
    currentMonthlyCost: amountText(item.estimatedMonthlyCost, 'estimatedMonthlyCost', recommendationId),
    monthlySavings: amountText(item.estimatedMonthlySavings, 'estimatedMonthlySavings', recommendationId),
    sourceSavingsPercentage: amountText(item.estimatedSavingsPercentage, 'estimatedSavingsPercentage', recommendationId),
    effort: EFFORTS[item.implementationEffort ?? ''] ?? Effort.MEDIUM,
    risk: riskOf(item, isPurchase),
    source: OpportunitySource.COST_OPTIMIZATION_HUB,
    action: describeAction(item, resourceId),
    generatedAt: item.lastRefreshTimestamp?.toISOString(),
  }, detailsOf(item, recommendationId, isPurchase));
}

/**
 * The recommendation's details, compact as opportunities carry them: written in alphabetical
 * order (the order reports list them in) and only when present, so no second copy is made.
 */
function detailsOf(item: Recommendation, recommendationId: string, isPurchase: boolean): Record<string, string> {
  const details: Record<string, string> = {};
  addDetail(details, 'actionType', item.actionType);
  addDetail(details, 'currentResourceSummary', item.currentResourceSummary);
  addDetail(details, 'currentResourceType', item.currentResourceType);
  addDetail(details, 'implementationEffort', item.implementationEffort);
  addDetail(details, 'lookbackPeriodInDays', item.recommendationLookbackPeriodInDays === undefined ? undefined : String(item.recommendationLookbackPeriodInDays));
  addDetail(details, 'recommendationId', recommendationId);
  addDetail(details, 'recommendationSource', item.source);
  addDetail(details, 'recommendedResourceSummary', item.recommendedResourceSummary);
  addDetail(details, 'recommendedResourceType', item.recommendedResourceType);
  addDetail(details, 'resourceArn', item.resourceArn);
  addDetail(details, 'restartNeeded', item.restartNeeded === undefined ? undefined : String(item.restartNeeded));
  addDetail(details, 'rollbackPossible', item.rollbackPossible === undefined ? undefined : String(item.rollbackPossible));
  addDetail(details, 'sourceSavingsPercentage', item.estimatedSavingsPercentage === undefined ? undefined : String(item.estimatedSavingsPercentage));
  addDetail(details, 'upfrontCost', isPurchase ? 'unknown: ListRecommendations does not report it' : undefined);
  return details;
}

/** Sets a detail that has a value; an empty or missing one is left out, as `createOpportunity` leaves it out. */
function addDetail(details: Record<string, string>, key: string, value: string | undefined): void {
  if (value !== undefined && value !== '') {
    details[key] = value;
  }
}

/**
 * A JSON number amount as the decimal text the service wrote: `String(x)` is the shortest decimal
 * that round-trips to the double (see `amountFromNumber`), which createOpportunity reads exactly.
 * Missing is zero (blank text); a non-finite number fails the source, naming the field.
 */
function amountText(value: number | undefined, name: string, recommendationId: string): string {
  if (value === undefined) {
    return '';
  }
  if (!Number.isFinite(value)) {
    throw new InvalidAmountError(`${name} of recommendation ${recommendationId}`, value);
  }
  return String(value);
}

function riskOf(item: Recommendation, isPurchase: boolean): Risk {
  if (isPurchase) {
    return Risk.MEDIUM;
  }
  // A deletion cannot be undone unless the hub says otherwise.
  if (item.rollbackPossible === false || (item.actionType === 'Delete' && item.rollbackPossible !== true)) {
    return Risk.HIGH;
  }
  return item.restartNeeded === true ? Risk.MEDIUM : Risk.LOW;
}

function describeAction(item: Recommendation, resourceId: string): string {
  const verb = item.actionType ?? 'Review';
  const subject = `${item.currentResourceType ?? 'resource'} ${resourceId}`;
  const from = item.currentResourceSummary;
  const to = item.recommendedResourceSummary;
  if (from !== undefined && from !== '' && to !== undefined && to !== '') {
    return `${verb} ${subject}: ${from} -> ${to}`;
  }
  return `${verb} ${subject}`;
}

function isGp2ToGp3(currentSummary: string | undefined, recommendedSummary: string | undefined): boolean {
  return /\bgp2\b/i.test(currentSummary ?? '') && /\bgp3\b/i.test(recommendedSummary ?? '');
}
