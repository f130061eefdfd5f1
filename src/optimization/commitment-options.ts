/**
 * How long a Reserved Instance or Savings Plan commits to.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetSavingsPlansPurchaseRecommendation.html
 */
export enum CommitmentTerm {
  /** One year: the seed's choice, less money locked in. */
  ONE_YEAR = 'ONE_YEAR',
  /** Three years: larger discount, longer commitment. */
  THREE_YEARS = 'THREE_YEARS',
}

/**
 * How a commitment is paid.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetReservationPurchaseRecommendation.html
 */
export enum CommitmentPaymentOption {
  /** Everything monthly. */
  NO_UPFRONT = 'NO_UPFRONT',
  /** Part upfront, the rest monthly: the seed's choice. */
  PARTIAL_UPFRONT = 'PARTIAL_UPFRONT',
  /** Everything upfront: the largest discount. */
  ALL_UPFRONT = 'ALL_UPFRONT',
}

/**
 * Which Savings Plans to ask recommendations for.
 *
 * @see https://docs.aws.amazon.com/savingsplans/latest/userguide/plan-types.html
 */
export enum SavingsPlansType {
  /** Compute Savings Plans: EC2, Fargate and Lambda in any region and family (the seed's choice). */
  COMPUTE = 'COMPUTE_SP',
  /** EC2 Instance Savings Plans: one instance family in one region, larger discount. */
  EC2_INSTANCE = 'EC2_INSTANCE_SP',
  /** SageMaker AI Savings Plans. */
  SAGEMAKER = 'SAGEMAKER_SP',
}

/**
 * How much usage history a purchase recommendation is based on.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetSavingsPlansPurchaseRecommendation.html
 */
export enum RecommendationLookback {
  /** The last 7 days. */
  SEVEN_DAYS = 'SEVEN_DAYS',
  /** The last 30 days: includes a month-end, follows change. */
  THIRTY_DAYS = 'THIRTY_DAYS',
  /** The last 60 days. */
  SIXTY_DAYS = 'SIXTY_DAYS',
}

/**
 * A service whose Reserved Instance (reserved node) purchase recommendations Cost Explorer gives:
 * the services of the recommendation's `InstanceDetails` ("EC2InstanceDetails: The Amazon EC2
 * reservations that AWS recommends that you purchase", then ElastiCache, Amazon OpenSearch
 * Service, MemoryDB, Amazon RDS and Amazon Redshift). Each value is the `Service` name that
 * GetReservationPurchaseRecommendation is asked with; each service is one request (more if pages follow).
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_InstanceDetails.html
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetReservationPurchaseRecommendation.html
 */
export enum ReservationService {
  /** Amazon EC2 instances (standard offering class). */
  EC2 = 'Amazon Elastic Compute Cloud - Compute',
  /** Amazon RDS database instances. */
  RDS = 'Amazon Relational Database Service',
  /** Amazon ElastiCache nodes. */
  ELASTICACHE = 'Amazon ElastiCache',
  /** Amazon OpenSearch Service instances. */
  OPENSEARCH = 'Amazon OpenSearch Service',
  /** Amazon Redshift nodes. */
  REDSHIFT = 'Amazon Redshift',
  /** Amazon MemoryDB nodes. */
  MEMORYDB = 'Amazon MemoryDB',
}
