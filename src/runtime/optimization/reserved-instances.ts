import type {
  GetReservationPurchaseRecommendationResponse,
  InstanceDetails,
  ReservationPurchaseRecommendation,
  ReservationPurchaseRecommendationDetail,
} from '@aws-sdk/client-cost-explorer';
import { commitmentRisk, describeCommitment } from './commitments';
import { parseExactAmount } from './exact-amount';
import { accountOf, NormalizerOptions } from './normalizer-options';
import { createOpportunity, Effort, Opportunity, OpportunitySource, OpportunityType } from './opportunity';
import { normalizeRegion } from './regions';

/** Which short service name each `InstanceDetails` member stands for. */
const SERVICES_BY_DETAILS_KEY: Readonly<Record<string, string>> = {
  EC2InstanceDetails: 'EC2',
  RDSInstanceDetails: 'RDS',
  RedshiftInstanceDetails: 'Redshift',
  ElastiCacheInstanceDetails: 'ElastiCache',
  ESInstanceDetails: 'OpenSearch',
  MemoryDBInstanceDetails: 'MemoryDB',
};

/**
 * The instance attributes that tell one reservation from another, in the order they are shown.
 * The region is part of the identity too (see `reservedThing`): a reservation applies in one
 * region only, so the same type recommended in two regions is two purchases.
 *
 * From the API reference of the `InstanceDetails` members. EC2InstanceDetails
 * (https://docs.aws.amazon.com/goto/WebAPI/ce-2017-10-25/EC2InstanceDetails): "Platform: The
 * platform of the recommended reservation. The platform is the specific combination of operating
 * system, license model, and software on an instance", "Tenancy: Determines whether the
 * recommended reservation is dedicated or shared", "AvailabilityZone: The Availability Zone of the
 * recommended reservation", "Region: The AWS Region of the recommended reservation".
 * RDSInstanceDetails (https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_RDSInstanceDetails.html):
 * "DeploymentOption: Determines whether the recommendation is for a reservation in a single
 * Availability Zone or a reservation with a backup in a second Availability Zone"; and
 * (https://docs.amazonaws.cn/en_us/aws-cost-management/latest/APIReference/API_RDSInstanceDetails.md)
 * "DeploymentModel: Determines whether the recommendation is for a reservation for RDS Custom".
 * `Family`, `CurrentGeneration` and `SizeFlexEligible` follow from these and tell nothing apart.
 */
const IDENTIFYING_ATTRIBUTES = [
  'InstanceType', 'NodeType', 'InstanceClass', 'InstanceSize', 'Platform', 'DatabaseEngine', 'DatabaseEdition',
  'ProductDescription', 'DeploymentOption', 'DeploymentModel', 'LicenseModel', 'Tenancy', 'AvailabilityZone',
] as const;

/**
 * Opportunities from the pages of Cost Explorer GetReservationPurchaseRecommendation, one per
 * recommendation detail.
 *
 * The current cost is `EstimatedMonthlyOnDemandCost` (what the covered usage costs without the
 * reservation), savings `EstimatedMonthlySavingsAmount` (already net of the amortized upfront and
 * recurring fees), upfront `UpfrontCost`. Effort LOW (a purchase); risk MEDIUM for one year,
 * HIGH for three. The resource id describes what to buy (service, region, instance attributes),
 * so the same purchase recommended for another term or payment option deduplicates with it, and
 * the same type in another region, platform or tenancy does not.
 */
export function reservedInstanceOpportunities(
  pages: readonly GetReservationPurchaseRecommendationResponse[],
  options: NormalizerOptions = {},
): Opportunity[] {
  return pages.flatMap(page => (page.Recommendations ?? []).flatMap(recommendation =>
    (recommendation.RecommendationDetails ?? []).map(detail => toOpportunity(detail, recommendation, page, options))));
}

function toOpportunity(
  detail: ReservationPurchaseRecommendationDetail,
  recommendation: ReservationPurchaseRecommendation,
  page: GetReservationPurchaseRecommendationResponse,
  options: NormalizerOptions,
): Opportunity {
  const accountId = accountOf(detail.AccountId, options);
  const reserved = reservedThing(detail);
  const region = normalizeRegion(reserved.region);
  const resourceId = [reserved.service, region, ...reserved.attributes].join(':');
  const term = recommendation.TermInYears ?? 'ONE_YEAR';
  const paymentOption = recommendation.PaymentOption ?? 'PARTIAL_UPFRONT';
  const quantity = detail.RecommendedNumberOfInstancesToPurchase ?? detail.RecommendedNumberOfCapacityUnitsToPurchase ?? '?';
  const field = (name: string) => `${name} of ${resourceId}`;
  return createOpportunity({
    id: `cost-explorer:${OpportunityType.RESERVED_INSTANCES}:${accountId}:${resourceId}:${term}:${paymentOption}`,
    type: OpportunityType.RESERVED_INSTANCES,
    resourceId,
    service: reserved.service,
    region,
    accountId,
    currency: detail.CurrencyCode ?? 'USD',
    currentMonthlyCost: parseExactAmount(detail.EstimatedMonthlyOnDemandCost, field('EstimatedMonthlyOnDemandCost')),
    monthlySavings: parseExactAmount(detail.EstimatedMonthlySavingsAmount, field('EstimatedMonthlySavingsAmount')),
    upfrontCost: parseExactAmount(detail.UpfrontCost, field('UpfrontCost')),
    sourceSavingsPercentage: parseExactAmount(detail.EstimatedMonthlySavingsPercentage, field('EstimatedMonthlySavingsPercentage')),
    effort: Effort.LOW,
    risk: commitmentRisk(term),
    source: OpportunitySource.COST_EXPLORER,
    action: `Buy ${quantity} ${describeCommitment(term, paymentOption)} ${reserved.service} reservation(s) for ${reserved.attributes.join(' ')} in ${region}`,
    generatedAt: page.Metadata?.GenerationTimestamp,
    details: {
      termInYears: term,
      paymentOption,
      offeringClass: recommendation.ServiceSpecification?.EC2Specification?.OfferingClass,
      lookbackPeriodInDays: recommendation.LookbackPeriodInDays,
      recommendedQuantity: quantity,
      averageUtilization: detail.AverageUtilization,
      estimatedBreakEvenInMonths: detail.EstimatedBreakEvenInMonths,
      recurringStandardMonthlyCost: detail.RecurringStandardMonthlyCost,
      sourceSavingsPercentage: detail.EstimatedMonthlySavingsPercentage,
      recommendationId: page.Metadata?.RecommendationId,
    },
  });
}

/** The service, region and identifying attributes of what the detail recommends reserving. */
function reservedThing(detail: ReservationPurchaseRecommendationDetail): { service: string; region?: string; attributes: string[] } {
  const dynamoDb = detail.ReservedCapacityDetails?.DynamoDBCapacityDetails;
  if (dynamoDb !== undefined) {
    return { service: 'DynamoDB', region: dynamoDb.Region, attributes: ['capacity-units'] };
  }
  const instanceDetails: InstanceDetails = detail.InstanceDetails ?? {};
  for (const [key, service] of Object.entries(SERVICES_BY_DETAILS_KEY)) {
    const attributesByName = (instanceDetails as Record<string, Record<string, unknown> | undefined>)[key];
    if (attributesByName !== undefined) {
      const attributes = IDENTIFYING_ATTRIBUTES
        .map(name => attributesByName[name])
        .filter((value): value is string => typeof value === 'string' && value !== '');
      return { service, region: attributesByName.Region as string | undefined, attributes };
    }
  }
  return { service: 'unknown', attributes: [] };
}
