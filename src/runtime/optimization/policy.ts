import { compareAmountTexts, parseExactAmount, roundedText } from './exact-amount';
import { parseAmount } from './money';
import { Opportunity, OpportunityType } from './opportunity';
import type { ProtectedTagRule } from './protected-tags';
import { DEFAULT_PROTECTION_TAG_KEY, DEFAULT_SNAPSHOT_RETENTION_DAYS } from './storage';

/** When a resource change (rightsizing, idle resource, Graviton migration, other) is worth proposing. */
export interface RightsizingPolicy {
  /** Minimum monthly savings in USD, inclusive. The seed's: 50. */
  readonly minMonthlySavings: string;
  /** Minimum savings as a percentage of the current monthly cost, inclusive. The seed's: 15. */
  readonly minSavingsPercentage: string;
  /**
   * Highest peak (maximum) CPU utilization, in percent, at which an instance counts as
   * under-used, inclusive. Peak is the only figure Cost Explorer reports. The seed's: 20.
   */
  readonly maxCpuUtilizationPercentage: string;
  /** As `maxCpuUtilizationPercentage`, for memory (reported only where the CloudWatch agent runs). The seed's: 20. */
  readonly maxMemoryUtilizationPercentage: string;
  /**
   * Days of utilization behind a recommendation. The seed's: 14, which is also the fixed window
   * of Cost Explorer rightsizing; informational.
   */
  readonly lookbackDays: number;
  /** Whether targets may be in another instance family (more savings, more platform risk). */
  readonly recommendationTarget: 'SAME_INSTANCE_FAMILY' | 'CROSS_INSTANCE_FAMILY';
}

/** Which Reserved Instances to ask for and keep. */
export interface ReservedInstancesPolicy {
  /** Minimum monthly savings in USD, inclusive. The seed's: 100. */
  readonly minMonthlySavings: string;
  /**
   * Lowest expected utilization of the recommended reservation, in percent, inclusive: the
   * recommendation's `AverageUtilization`. A recommendation without one passes. Default 0: keep
   * every recommendation (Cost Explorer sizes a purchase to the usage it saw).
   */
  readonly minUtilizationPercentage: string;
  /** The seed's: ONE_YEAR. */
  readonly termInYears: 'ONE_YEAR' | 'THREE_YEARS';
  /** The seed's: PARTIAL_UPFRONT. */
  readonly paymentOption: 'NO_UPFRONT' | 'PARTIAL_UPFRONT' | 'ALL_UPFRONT';
  /** Usage history the recommendation is based on. */
  readonly lookbackPeriodInDays: 'SEVEN_DAYS' | 'THIRTY_DAYS' | 'SIXTY_DAYS';
}

/** Which Savings Plans to ask for and keep. */
export interface SavingsPlansPolicy {
  /** Minimum monthly savings in USD, inclusive. The seed's: 200. */
  readonly minMonthlySavings: string;
  /**
   * Smallest hourly commitment worth buying, USD per hour, inclusive: the recommendation's
   * `HourlyCommitmentToPurchase`. A recommendation without one passes. Default 0: any commitment.
   */
  readonly minHourlyCommitment: string;
  /** The seed's: COMPUTE_SP. */
  readonly savingsPlansType: 'COMPUTE_SP' | 'EC2_INSTANCE_SP' | 'SAGEMAKER_SP' | 'DATABASE_SP';
  /** The seed's: ONE_YEAR. */
  readonly termInYears: 'ONE_YEAR' | 'THREE_YEARS';
  /** The seed's: PARTIAL_UPFRONT. */
  readonly paymentOption: 'NO_UPFRONT' | 'PARTIAL_UPFRONT' | 'ALL_UPFRONT';
  readonly lookbackPeriodInDays: 'SEVEN_DAYS' | 'THIRTY_DAYS' | 'SIXTY_DAYS';
}

/** Which storage findings to keep. */
export interface StoragePolicy {
  /** Minimum monthly savings in USD, inclusive, of every storage finding but gp2-to-gp3 changes. The seed reported every finding: 0. */
  readonly minMonthlySavings: string;
  /**
   * Minimum monthly savings in USD, inclusive, of a gp2-to-gp3 change. The seed proposed every
   * attached gp2 volume whose gp3 equivalent costs less: 0 (a change that saves nothing is never proposed).
   */
  readonly gp2ToGp3MinMonthlySavings: string;
  /** Snapshots older than this are proposed for deletion. The seed's: 30. */
  readonly snapshotRetentionDays: number;
  /** Resources with this tag key are never proposed for deletion. */
  readonly protectionTagKey: string;
  /** Tags that mark workloads never changed automatically: their opportunities carry `details.protectedBy`. */
  readonly protectedTags?: readonly ProtectedTagRule[];
}

/** The thresholds an optimization run applies. */
export interface OptimizationPolicy {
  readonly rightsizing: RightsizingPolicy;
  readonly reservedInstances: ReservedInstancesPolicy;
  readonly savingsPlans: SavingsPlansPolicy;
  readonly storage: StoragePolicy;
}

/** Overrides of any part of the default policy. */
export interface OptimizationPolicyOverrides {
  readonly rightsizing?: Partial<RightsizingPolicy>;
  readonly reservedInstances?: Partial<ReservedInstancesPolicy>;
  readonly savingsPlans?: Partial<SavingsPlansPolicy>;
  readonly storage?: Partial<StoragePolicy>;
}

/**
 * The seed script's thresholds. The lookback for purchase recommendations (the seed did not
 * set one) is 30 days: long enough to include a month-end, short enough to follow change.
 */
export const DEFAULT_POLICY: OptimizationPolicy = {
  rightsizing: {
    minMonthlySavings: '50',
    minSavingsPercentage: '15',
    maxCpuUtilizationPercentage: '20',
    maxMemoryUtilizationPercentage: '20',
    lookbackDays: 14,
    recommendationTarget: 'SAME_INSTANCE_FAMILY',
  },
  reservedInstances: {
    minMonthlySavings: '100',
    minUtilizationPercentage: '0',
    termInYears: 'ONE_YEAR',
    paymentOption: 'PARTIAL_UPFRONT',
    lookbackPeriodInDays: 'THIRTY_DAYS',
  },
  savingsPlans: {
    minMonthlySavings: '200',
    minHourlyCommitment: '0',
    savingsPlansType: 'COMPUTE_SP',
    termInYears: 'ONE_YEAR',
    paymentOption: 'PARTIAL_UPFRONT',
    lookbackPeriodInDays: 'THIRTY_DAYS',
  },
  storage: {
    minMonthlySavings: '0',
    gp2ToGp3MinMonthlySavings: '0',
    snapshotRetentionDays: DEFAULT_SNAPSHOT_RETENTION_DAYS,
    protectionTagKey: DEFAULT_PROTECTION_TAG_KEY,
  },
};

/** The default policy with overrides applied, checked: amounts and percentages are non-negative decimals, days positive integers. */
export function resolvePolicy(overrides: OptimizationPolicyOverrides = {}): OptimizationPolicy {
  const policy: OptimizationPolicy = {
    rightsizing: { ...DEFAULT_POLICY.rightsizing, ...overrides.rightsizing },
    reservedInstances: { ...DEFAULT_POLICY.reservedInstances, ...overrides.reservedInstances },
    savingsPlans: { ...DEFAULT_POLICY.savingsPlans, ...overrides.savingsPlans },
    storage: {
      ...DEFAULT_POLICY.storage,
      ...overrides.storage,
      // A policy written before the gp2-to-gp3 minimum existed meant its storage minimum for every finding.
      gp2ToGp3MinMonthlySavings: overrides.storage?.gp2ToGp3MinMonthlySavings ?? overrides.storage?.minMonthlySavings
        ?? DEFAULT_POLICY.storage.gp2ToGp3MinMonthlySavings,
    },
  };
  const amounts: Array<[string, string]> = [
    ['rightsizing.minMonthlySavings', policy.rightsizing.minMonthlySavings],
    ['rightsizing.minSavingsPercentage', policy.rightsizing.minSavingsPercentage],
    ['rightsizing.maxCpuUtilizationPercentage', policy.rightsizing.maxCpuUtilizationPercentage],
    ['rightsizing.maxMemoryUtilizationPercentage', policy.rightsizing.maxMemoryUtilizationPercentage],
    ['reservedInstances.minMonthlySavings', policy.reservedInstances.minMonthlySavings],
    ['reservedInstances.minUtilizationPercentage', policy.reservedInstances.minUtilizationPercentage],
    ['savingsPlans.minMonthlySavings', policy.savingsPlans.minMonthlySavings],
    ['savingsPlans.minHourlyCommitment', policy.savingsPlans.minHourlyCommitment],
    ['storage.minMonthlySavings', policy.storage.minMonthlySavings],
    ['storage.gp2ToGp3MinMonthlySavings', policy.storage.gp2ToGp3MinMonthlySavings],
  ];
  for (const [name, value] of amounts) {
    if (parseAmount(value, `policy ${name}`).isNegative()) {
      throw new Error(`policy ${name} is ${value}; it must be zero or more`);
    }
  }
  for (const [name, value] of [['rightsizing.lookbackDays', policy.rightsizing.lookbackDays], ['storage.snapshotRetentionDays', policy.storage.snapshotRetentionDays]] as const) {
    if (!Number.isInteger(value) || value < 1) {
      throw new Error(`policy ${name} is ${value}; it must be a whole number of days, 1 or more`);
    }
  }
  if (policy.storage.protectionTagKey.trim() === '') {
    throw new Error('policy storage.protectionTagKey is empty; name the tag key that protects a resource');
  }
  return policy;
}

/** An opportunity the policy turned down, and why. */
export interface Rejection {
  readonly opportunity: Opportunity;
  readonly reason: string;
}

/** Opportunities split by the policy. */
export interface PolicyOutcome {
  readonly kept: Opportunity[];
  readonly rejected: Rejection[];
}

/** Keeps the opportunities that meet the policy's thresholds (every threshold is inclusive), in input order. */
export function applyPolicy(opportunities: readonly Opportunity[], policy: OptimizationPolicy = DEFAULT_POLICY): PolicyOutcome {
  const kept: Opportunity[] = [];
  const rejected: Rejection[] = [];
  for (const opportunity of opportunities) {
    const reason = rejectionReason(opportunity, policy);
    if (reason === undefined) {
      kept.push(opportunity);
    } else {
      rejected.push({ opportunity, reason });
    }
  }
  return { kept, rejected };
}

/** Why the policy turns an opportunity down, or undefined when it meets every threshold. */
export function rejectionReason(opportunity: Opportunity, policy: OptimizationPolicy): string | undefined {
  const monthlySavings = opportunity.monthlySavings;
  if (compareAmountTexts(monthlySavings, '0', 'monthlySavings') <= 0) {
    return 'saves nothing';
  }
  switch (opportunity.type) {
    case OpportunityType.RESERVED_INSTANCES:
      return belowMinimum(monthlySavings, policy.reservedInstances.minMonthlySavings)
        ?? detailBelow(opportunity, 'averageUtilization', policy.reservedInstances.minUtilizationPercentage, 'expected utilization', '%')
        ?? mismatch(opportunity, 'termInYears', policy.reservedInstances.termInYears)
        ?? mismatch(opportunity, 'paymentOption', policy.reservedInstances.paymentOption);
    case OpportunityType.SAVINGS_PLANS:
      return belowMinimum(monthlySavings, policy.savingsPlans.minMonthlySavings)
        ?? detailBelow(opportunity, 'hourlyCommitmentToPurchase', policy.savingsPlans.minHourlyCommitment, 'hourly commitment', ' USD/hour')
        ?? mismatch(opportunity, 'savingsPlansType', policy.savingsPlans.savingsPlansType)
        ?? mismatch(opportunity, 'termInYears', policy.savingsPlans.termInYears)
        ?? mismatch(opportunity, 'paymentOption', policy.savingsPlans.paymentOption);
    case OpportunityType.STORAGE_GP2_TO_GP3:
      return belowMinimum(monthlySavings, policy.storage.gp2ToGp3MinMonthlySavings);
    case OpportunityType.STORAGE_VOLUME_RIGHTSIZING:
    case OpportunityType.STORAGE_UNATTACHED_VOLUME:
    case OpportunityType.STORAGE_OLD_SNAPSHOT:
      return belowMinimum(monthlySavings, policy.storage.minMonthlySavings);
    default:
      return resourceChangeRejection(opportunity, monthlySavings, policy.rightsizing);
  }
}

function resourceChangeRejection(opportunity: Opportunity, monthlySavings: string, policy: RightsizingPolicy): string | undefined {
  if (compareAmountTexts(opportunity.savingsPercentage, policy.minSavingsPercentage, 'savingsPercentage') < 0) {
    return `saves ${opportunity.savingsPercentage}%, below the minimum of ${policy.minSavingsPercentage}%`;
  }
  const usesUtilization = opportunity.type === OpportunityType.RIGHTSIZING || opportunity.type === OpportunityType.IDLE_RESOURCE;
  const cpu = opportunity.utilization?.maxCpuPercentage;
  if (usesUtilization && cpu !== undefined && compareAmountTexts(cpu, policy.maxCpuUtilizationPercentage, 'maxCpuPercentage') > 0) {
    return `peak CPU ${cpu}% is above ${policy.maxCpuUtilizationPercentage}%`;
  }
  const memory = opportunity.utilization?.maxMemoryPercentage;
  if (usesUtilization && memory !== undefined && compareAmountTexts(memory, policy.maxMemoryUtilizationPercentage, 'maxMemoryPercentage') > 0) {
    return `peak memory ${memory}% is above ${policy.maxMemoryUtilizationPercentage}%`;
  }
  return belowMinimum(monthlySavings, policy.minMonthlySavings);
}

function belowMinimum(monthlySavings: string, minimum: string): string | undefined {
  return compareAmountTexts(monthlySavings, minimum, 'monthlySavings') < 0
    ? `saves ${roundedText(parseExactAmount(monthlySavings, 'monthlySavings'))} USD a month, below the minimum of ${minimum}`
    : undefined;
}

/** A numeric detail the source reported below the policy's minimum (inclusive); an absent detail passes. */
function detailBelow(opportunity: Opportunity, detail: string, minimum: string, what: string, unit: string): string | undefined {
  const actual = opportunity.details[detail];
  if (actual === undefined || compareAmountTexts(minimum, '0', what) <= 0) return undefined;
  return compareAmountTexts(actual, minimum, detail) < 0 ? `${what} ${actual}${unit} is below the minimum of ${minimum}${unit}` : undefined;
}

/** A detail the source reported that contradicts the policy (e.g. a 3-year plan when 1-year is wanted); absent details pass. */
function mismatch(opportunity: Opportunity, detail: string, wanted: string): string | undefined {
  const actual = opportunity.details[detail];
  return actual !== undefined && actual !== wanted ? `${detail} is ${actual}, the policy wants ${wanted}` : undefined;
}
