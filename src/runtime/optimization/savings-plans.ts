import type { GetSavingsPlansPurchaseRecommendationResponse, SavingsPlansPurchaseRecommendationDetail } from '@aws-sdk/client-cost-explorer';
import { commitmentRisk, describeCommitment } from './commitments';
import { ExactAmount, multiplyExact, parseExactAmount } from './exact-amount';
import { accountOf, NormalizerOptions } from './normalizer-options';
import { createOpportunity, Effort, Opportunity, OpportunitySource, OpportunityType } from './opportunity';
import { normalizeRegion } from './regions';

/**
 * Hours in a month by AWS's billing convention (8760 hours a year / 12), used to turn an
 * hourly spend into a monthly one.
 */
export const HOURS_PER_MONTH = 730;
const HOURS_IN_A_MONTH: ExactAmount = { units: BigInt(HOURS_PER_MONTH), scale: 0 };

/** Short service names for each Savings Plans type. */
const SERVICES_BY_PLAN_TYPE: Readonly<Record<string, string>> = {
  COMPUTE_SP: 'Compute',
  EC2_INSTANCE_SP: 'EC2',
  SAGEMAKER_SP: 'SageMaker',
  DATABASE_SP: 'Database',
};

/**
 * Opportunities from the pages of Cost Explorer GetSavingsPlansPurchaseRecommendation, one per
 * recommendation detail.
 *
 * The current cost is `CurrentAverageHourlyOnDemandSpend * 730` (the on-demand spend the plan
 * would cover, per month), savings `EstimatedMonthlySavingsAmount`, upfront `UpfrontCost`.
 * Effort LOW (a purchase); risk MEDIUM for one year, HIGH for three. Compute plans apply in
 * every region, so their region is `global`.
 */
export function savingsPlansOpportunities(
  pages: readonly GetSavingsPlansPurchaseRecommendationResponse[],
  options: NormalizerOptions = {},
): Opportunity[] {
  return pages.flatMap(page => {
    const recommendation = page.SavingsPlansPurchaseRecommendation;
    const planType = recommendation?.SavingsPlansType ?? 'COMPUTE_SP';
    const term = recommendation?.TermInYears ?? 'ONE_YEAR';
    const paymentOption = recommendation?.PaymentOption ?? 'PARTIAL_UPFRONT';
    return (recommendation?.SavingsPlansPurchaseRecommendationDetails ?? []).map(detail => toOpportunity(detail, {
      planType,
      term,
      paymentOption,
      options,
      lookbackPeriodInDays: recommendation?.LookbackPeriodInDays,
      generatedAt: page.Metadata?.GenerationTimestamp,
      recommendationId: page.Metadata?.RecommendationId,
    }));
  });
}

interface PlanContext {
  readonly planType: string;
  readonly term: string;
  readonly paymentOption: string;
  readonly options: NormalizerOptions;
  readonly lookbackPeriodInDays?: string;
  readonly generatedAt?: string;
  readonly recommendationId?: string;
}

function toOpportunity(detail: SavingsPlansPurchaseRecommendationDetail, context: PlanContext): Opportunity {
  const accountId = accountOf(detail.AccountId, context.options);
  const instanceFamily = detail.SavingsPlansDetails?.InstanceFamily;
  const region = context.planType === 'COMPUTE_SP' ? 'global' : normalizeRegion(detail.SavingsPlansDetails?.Region);
  const resourceId = [context.planType, instanceFamily, region === 'global' ? undefined : region]
    .filter(part => part !== undefined && part !== '')
    .join(':');
  const field = (name: string) => `${name} of ${resourceId}`;
  const hourlyCommitment = detail.HourlyCommitmentToPurchase ?? '?';
  const service = SERVICES_BY_PLAN_TYPE[context.planType] ?? context.planType;
  return createOpportunity({
    id: `cost-explorer:${OpportunityType.SAVINGS_PLANS}:${accountId}:${resourceId}:${context.term}:${context.paymentOption}`,
    type: OpportunityType.SAVINGS_PLANS,
    resourceId,
    service,
    region,
    accountId,
    currency: detail.CurrencyCode ?? 'USD',
    currentMonthlyCost: multiplyExact(parseExactAmount(detail.CurrentAverageHourlyOnDemandSpend, field('CurrentAverageHourlyOnDemandSpend')), HOURS_IN_A_MONTH),
    monthlySavings: parseExactAmount(detail.EstimatedMonthlySavingsAmount, field('EstimatedMonthlySavingsAmount')),
    upfrontCost: parseExactAmount(detail.UpfrontCost, field('UpfrontCost')),
    sourceSavingsPercentage: parseExactAmount(detail.EstimatedSavingsPercentage, field('EstimatedSavingsPercentage')),
    effort: Effort.LOW,
    risk: commitmentRisk(context.term),
    source: OpportunitySource.COST_EXPLORER,
    action: `Commit ${hourlyCommitment} ${detail.CurrencyCode ?? 'USD'}/hour to a ${describeCommitment(context.term, context.paymentOption)} `
      + `${planName(context.planType, instanceFamily, region)}`,
    generatedAt: context.generatedAt,
    details: {
      savingsPlansType: context.planType,
      termInYears: context.term,
      paymentOption: context.paymentOption,
      lookbackPeriodInDays: context.lookbackPeriodInDays,
      hourlyCommitmentToPurchase: detail.HourlyCommitmentToPurchase,
      currentAverageHourlyOnDemandSpend: detail.CurrentAverageHourlyOnDemandSpend,
      estimatedAverageUtilization: detail.EstimatedAverageUtilization,
      estimatedROI: detail.EstimatedROI,
      sourceSavingsPercentage: detail.EstimatedSavingsPercentage,
      recommendationDetailId: detail.RecommendationDetailId,
      recommendationId: context.recommendationId,
    },
  });
}

function planName(planType: string, instanceFamily: string | undefined, region: string): string {
  switch (planType) {
    case 'COMPUTE_SP':
      return 'Compute Savings Plan';
    case 'EC2_INSTANCE_SP':
      return `EC2 Instance Savings Plan for ${instanceFamily ?? 'an instance family'} in ${region}`;
    case 'SAGEMAKER_SP':
      return 'SageMaker Savings Plan';
    default:
      return `${planType} Savings Plan`;
  }
}
