import type {
  GetReservationPurchaseRecommendationRequest,
  GetRightsizingRecommendationRequest,
  GetSavingsPlansPurchaseRecommendationRequest,
} from '@aws-sdk/client-cost-explorer';
import { DEFAULT_POLICY, OptimizationPolicy } from './policy';

/**
 * Cost Explorer's service names for reservation purchase recommendations: the services of
 * `InstanceDetails` (Amazon EC2, ElastiCache, Amazon OpenSearch Service, MemoryDB, Amazon RDS,
 * Amazon Redshift), https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_InstanceDetails.html
 */
export const RESERVATION_SERVICES = {
  EC2: 'Amazon Elastic Compute Cloud - Compute',
  RDS: 'Amazon Relational Database Service',
  REDSHIFT: 'Amazon Redshift',
  ELASTICACHE: 'Amazon ElastiCache',
  OPENSEARCH: 'Amazon OpenSearch Service',
  MEMORYDB: 'Amazon MemoryDB',
} as const;

/** Every service reservations are recommended for, in the order they are asked. */
export const ALL_RESERVATION_SERVICES: readonly string[] = Object.values(RESERVATION_SERVICES);

/**
 * The services named by the commitments optimizer's `reservationServices` setting (comma-separated
 * Cost Explorer service names; none contains a comma), every service when the setting is absent.
 *
 * @throws on a name Cost Explorer does not recommend reservations for
 */
export function reservationServicesOf(setting: string | undefined): string[] {
  if (setting === undefined) return [...ALL_RESERVATION_SERVICES];
  const services = setting.split(',').map(service => service.trim()).filter(service => service !== '');
  const unknown = services.filter(service => !ALL_RESERVATION_SERVICES.includes(service));
  if (unknown.length > 0) {
    throw new Error(`reservationServices names ${unknown.map(service => JSON.stringify(service)).join(', ')}; `
      + `Cost Explorer recommends reservations for ${ALL_RESERVATION_SERVICES.join(', ')}`);
  }
  return services;
}

/** The GetRightsizingRecommendation request for a policy (EC2 is the only service it supports). */
export function rightsizingRequest(policy: OptimizationPolicy = DEFAULT_POLICY): GetRightsizingRecommendationRequest {
  return {
    Service: 'AmazonEC2',
    Configuration: {
      RecommendationTarget: policy.rightsizing.recommendationTarget,
      // Count existing RI and Savings Plans coverage, so savings are what the bill would really lose.
      BenefitsConsidered: true,
    },
  };
}

/** The GetReservationPurchaseRecommendation request for a policy and service. */
export function reservationPurchaseRequest(
  policy: OptimizationPolicy = DEFAULT_POLICY,
  service: string = RESERVATION_SERVICES.EC2,
): GetReservationPurchaseRecommendationRequest {
  return {
    Service: service,
    TermInYears: policy.reservedInstances.termInYears,
    PaymentOption: policy.reservedInstances.paymentOption,
    LookbackPeriodInDays: policy.reservedInstances.lookbackPeriodInDays,
    ...(service === RESERVATION_SERVICES.EC2 ? { ServiceSpecification: { EC2Specification: { OfferingClass: 'STANDARD' } } } : {}),
  };
}

/** The GetSavingsPlansPurchaseRecommendation request for a policy. */
export function savingsPlansPurchaseRequest(policy: OptimizationPolicy = DEFAULT_POLICY): GetSavingsPlansPurchaseRecommendationRequest {
  return {
    SavingsPlansType: policy.savingsPlans.savingsPlansType,
    TermInYears: policy.savingsPlans.termInYears,
    PaymentOption: policy.savingsPlans.paymentOption,
    LookbackPeriodInDays: policy.savingsPlans.lookbackPeriodInDays,
  };
}
