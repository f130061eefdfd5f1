import type {
  GetReservationPurchaseRecommendationRequest,
  GetRightsizingRecommendationRequest,
  GetSavingsPlansPurchaseRecommendationRequest,
} from '@aws-sdk/client-cost-explorer';
import { DEFAULT_POLICY, OptimizationPolicy } from './policy';

/** Cost Explorer's service names for reservation purchase recommendations. */
export const RESERVATION_SERVICES = {
  EC2: 'Amazon Elastic Compute Cloud - Compute',
  RDS: 'Amazon Relational Database Service',
  REDSHIFT: 'Amazon Redshift',
  ELASTICACHE: 'Amazon ElastiCache',
  OPENSEARCH: 'Amazon OpenSearch Service',
  MEMORYDB: 'Amazon MemoryDB',
} as const;

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
