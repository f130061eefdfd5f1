import type { GetRightsizingRecommendationResponse, RightsizingRecommendation, TargetInstance } from '@aws-sdk/client-cost-explorer';
import { compareExact, parseExactAmount } from './exact-amount';
import { accountOf, NormalizerOptions } from './normalizer-options';
import { createOpportunity, Effort, Opportunity, OpportunitySource, OpportunityType, Risk, Utilization } from './opportunity';
import { normalizeRegion } from './regions';

/**
 * Opportunities from the pages of Cost Explorer GetRightsizingRecommendation.
 *
 * - MODIFY becomes RIGHTSIZING toward the target AWS marks as default (else the one saving
 *   most): effort MEDIUM (a stop and start), risk MEDIUM, or HIGH when the target differs in
 *   platform (hypervisor, network or storage interface, instance store, virtualization),
 *   which can break the AMI's drivers.
 * - TERMINATE becomes IDLE_RESOURCE: effort LOW, risk HIGH (termination cannot be undone).
 *
 * The current cost is `CurrentInstance.MonthlyCost`; savings are the target's (or the
 * termination's) `EstimatedMonthlySavings`.
 */
export function rightsizingOpportunities(pages: readonly GetRightsizingRecommendationResponse[], options: NormalizerOptions = {}): Opportunity[] {
  return pages.flatMap(page => (page.RightsizingRecommendations ?? [])
    .map(recommendation => toOpportunity(recommendation, page, options))
    .filter((opportunity): opportunity is Opportunity => opportunity !== undefined));
}

function toOpportunity(
  recommendation: RightsizingRecommendation,
  page: GetRightsizingRecommendationResponse,
  options: NormalizerOptions,
): Opportunity | undefined {
  const current = recommendation.CurrentInstance;
  const resourceId = current?.ResourceId ?? '';
  const accountId = accountOf(recommendation.AccountId, options);
  const currentDetails = current?.ResourceDetails?.EC2ResourceDetails;
  const instanceType = currentDetails?.InstanceType ?? 'instance';
  const common = {
    resourceId,
    service: 'EC2',
    region: normalizeRegion(currentDetails?.Region),
    accountId,
    currency: current?.CurrencyCode ?? 'USD',
    currentMonthlyCost: parseExactAmount(current?.MonthlyCost, `CurrentInstance.MonthlyCost of ${resourceId}`),
    source: OpportunitySource.COST_EXPLORER,
    generatedAt: page.Metadata?.GenerationTimestamp,
    utilization: utilizationOf(recommendation),
  };
  const commonDetails = {
    instanceName: current?.InstanceName,
    instanceType: currentDetails?.InstanceType,
    platform: currentDetails?.Platform,
    findingReasonCodes: (recommendation.FindingReasonCodes ?? []).join(' '),
    lookbackPeriodInDays: page.Metadata?.LookbackPeriodInDays,
    recommendationId: page.Metadata?.RecommendationId,
  };

  if (recommendation.RightsizingType === 'TERMINATE') {
    const savings = recommendation.TerminateRecommendationDetail?.EstimatedMonthlySavings;
    return createOpportunity({
      ...common,
      id: `cost-explorer:${OpportunityType.IDLE_RESOURCE}:${accountId}:${resourceId}`,
      type: OpportunityType.IDLE_RESOURCE,
      monthlySavings: parseExactAmount(savings, `TerminateRecommendationDetail.EstimatedMonthlySavings of ${resourceId}`),
      effort: Effort.LOW,
      risk: Risk.HIGH,
      action: `Terminate idle ${instanceType} ${describeInstance(resourceId, current?.InstanceName)}`,
      details: commonDetails,
    });
  }

  const target = chooseTarget(recommendation.ModifyRecommendationDetail?.TargetInstances ?? []);
  if (recommendation.RightsizingType !== 'MODIFY' || target === undefined) {
    return undefined;
  }
  const targetType = target.ResourceDetails?.EC2ResourceDetails?.InstanceType ?? 'a smaller type';
  const platformDifferences = target.PlatformDifferences ?? [];
  return createOpportunity({
    ...common,
    id: `cost-explorer:${OpportunityType.RIGHTSIZING}:${accountId}:${resourceId}`,
    type: OpportunityType.RIGHTSIZING,
    monthlySavings: parseExactAmount(target.EstimatedMonthlySavings, `TargetInstances.EstimatedMonthlySavings of ${resourceId}`),
    effort: Effort.MEDIUM,
    risk: platformDifferences.length > 0 ? Risk.HIGH : Risk.MEDIUM,
    action: `Resize ${describeInstance(resourceId, current?.InstanceName)} from ${instanceType} to ${targetType}`,
    details: {
      ...commonDetails,
      targetInstanceType: target.ResourceDetails?.EC2ResourceDetails?.InstanceType,
      targetEstimatedMonthlyCost: target.EstimatedMonthlyCost,
      platformDifferences: platformDifferences.join(' '),
    },
  });
}

/** AWS's default target, else the one that saves most (the first on a tie, as AWS listed them). */
function chooseTarget(targets: readonly TargetInstance[]): TargetInstance | undefined {
  const defaultTarget = targets.find(target => target.DefaultTargetInstance === true);
  if (defaultTarget !== undefined) {
    return defaultTarget;
  }
  let best: TargetInstance | undefined;
  for (const target of targets) {
    if (best === undefined || compareExact(
      parseExactAmount(target.EstimatedMonthlySavings, 'EstimatedMonthlySavings'),
      parseExactAmount(best.EstimatedMonthlySavings, 'EstimatedMonthlySavings'),
    ) > 0) {
      best = target;
    }
  }
  return best;
}

/** Peak CPU and memory; memory is an empty string in Cost Explorer when no CloudWatch agent reports it. */
function utilizationOf(recommendation: RightsizingRecommendation): Utilization | undefined {
  const utilization = recommendation.CurrentInstance?.ResourceUtilization?.EC2ResourceUtilization;
  const maxCpuPercentage = nonEmpty(utilization?.MaxCpuUtilizationPercentage);
  const maxMemoryPercentage = nonEmpty(utilization?.MaxMemoryUtilizationPercentage);
  if (maxCpuPercentage === undefined && maxMemoryPercentage === undefined) {
    return undefined;
  }
  return {
    ...(maxCpuPercentage === undefined ? {} : { maxCpuPercentage }),
    ...(maxMemoryPercentage === undefined ? {} : { maxMemoryPercentage }),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function describeInstance(resourceId: string, name: string | undefined): string {
  return name === undefined || name === '' ? resourceId : `${resourceId} (${name})`;
}
