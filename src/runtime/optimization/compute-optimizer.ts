import type {
  GetEBSVolumeRecommendationsResponse,
  GetEC2InstanceRecommendationsResponse,
  GetLambdaFunctionRecommendationsResponse,
  GetRDSDatabaseRecommendationsResponse,
  SavingsOpportunity,
} from '@aws-sdk/client-compute-optimizer';
import { EXACT_ZERO, ExactAmount, exactAmountFromNumber } from './exact-amount';
import { accountOf, NormalizerOptions } from './normalizer-options';
import { createOpportunity, Effort, Opportunity, OpportunitySource, OpportunityType, Risk } from './opportunity';

// Compute Optimizer sends money as JSON numbers (`"estimatedMonthlySavings": {"currency": "USD",
// "value": 12.34}`), which the SDK parses into doubles. Each is read once, through
// `exactAmountFromNumber` (`String(x)`, the shortest decimal that round-trips to the double): any
// decimal of at most 15 significant digits survives the trip through a double unchanged, so an
// amount the service wrote with cents (or tenths of cents) below 10^12 USD comes back to the cent.
// Nothing is summed as a double: the exact amounts go to createOpportunity.
// @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_EstimatedMonthlySavings.html

/** What every recommendation option carries, whatever the resource. */
interface RecommendationOption {
  readonly rank?: number;
  readonly performanceRisk?: number;
  readonly savingsOpportunity?: SavingsOpportunity;
}

/** What one resource's recommendation amounts to, before the shared fields are added. */
interface ResourceChange {
  readonly resourceArn: string;
  readonly accountId?: string;
  readonly type: OpportunityType;
  readonly service: string;
  readonly effort: Effort;
  /** Risk before the option's performance risk is considered. */
  readonly baseRisk: Risk;
  readonly option: RecommendationOption;
  readonly action: string;
  readonly generatedAt?: Date;
  readonly details: Record<string, string | undefined>;
}

/** Compute Optimizer's migration effort (VeryLow, Low, Medium, High) in three levels. */
const EFFORTS: Readonly<Record<string, Effort>> = {
  VeryLow: Effort.LOW,
  Low: Effort.LOW,
  Medium: Effort.MEDIUM,
  High: Effort.HIGH,
};

/**
 * Opportunities from the pages of GetEC2InstanceRecommendations: the top-ranked option of each
 * instance whose estimated monthly savings are above zero (an under-provisioned instance's
 * options cost more and are left out). Resizing needs a stop and start: risk MEDIUM at least.
 * A move to a Graviton family (`m7g`, `c6gn`...) from another is MIGRATE_TO_GRAVITON.
 *
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_GetEC2InstanceRecommendations.html
 */
export function computeOptimizerInstanceOpportunities(
  pages: readonly GetEC2InstanceRecommendationsResponse[], options: NormalizerOptions = {},
): Opportunity[] {
  return normalize(pages.flatMap(page => page.instanceRecommendations ?? []).map(item => {
    const option = topOption(item.recommendationOptions);
    const current = item.currentInstanceType;
    const recommended = option?.instanceType;
    return option && {
      resourceArn: item.instanceArn ?? '',
      accountId: item.accountId,
      type: isGraviton(recommended) && !isGraviton(current) ? OpportunityType.MIGRATE_TO_GRAVITON : OpportunityType.RIGHTSIZING,
      service: 'EC2',
      effort: EFFORTS[option.migrationEffort ?? ''] ?? Effort.MEDIUM,
      baseRisk: Risk.MEDIUM,
      option,
      action: `Change EC2 instance ${shortIdOf(item.instanceArn ?? '')}: ${current} -> ${recommended}`,
      generatedAt: item.lastRefreshTimestamp,
      details: {
        currentInstanceType: current,
        finding: item.finding,
        idle: item.idle,
        instanceName: item.instanceName,
        lookbackPeriodInDays: textOf(item.lookBackPeriodInDays),
        recommendedInstanceType: recommended,
      },
    };
  }), options);
}

/**
 * Opportunities from the pages of GetEBSVolumeRecommendations: the top-ranked option of each
 * volume that saves money. A gp2 volume to gp3 is STORAGE_GP2_TO_GP3, any other change
 * STORAGE_VOLUME_RIGHTSIZING; EBS Elastic Volumes change online: risk LOW unless the option's
 * performance risk says otherwise.
 *
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_GetEBSVolumeRecommendations.html
 */
export function computeOptimizerVolumeOpportunities(
  pages: readonly GetEBSVolumeRecommendationsResponse[], options: NormalizerOptions = {},
): Opportunity[] {
  return normalize(pages.flatMap(page => page.volumeRecommendations ?? []).map(item => {
    const option = topOption(item.volumeRecommendationOptions);
    const current = item.currentConfiguration;
    const recommended = option?.configuration;
    return option && {
      resourceArn: item.volumeArn ?? '',
      accountId: item.accountId,
      type: current?.volumeType === 'gp2' && recommended?.volumeType === 'gp3'
        ? OpportunityType.STORAGE_GP2_TO_GP3
        : OpportunityType.STORAGE_VOLUME_RIGHTSIZING,
      service: 'EBS',
      effort: Effort.LOW,
      baseRisk: Risk.LOW,
      option,
      action: `Modify EBS volume ${shortIdOf(item.volumeArn ?? '')}: ${describeVolume(current)} -> ${describeVolume(recommended)}`,
      generatedAt: item.lastRefreshTimestamp,
      details: {
        currentVolume: describeVolume(current),
        finding: item.finding,
        lookbackPeriodInDays: textOf(item.lookBackPeriodInDays),
        recommendedVolume: describeVolume(recommended),
      },
    };
  }), options);
}

/**
 * Opportunities from the pages of GetLambdaFunctionRecommendations: the top-ranked memory size of
 * each function that saves money. A memory change is online and reversible: effort and risk LOW.
 *
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_GetLambdaFunctionRecommendations.html
 */
export function computeOptimizerFunctionOpportunities(
  pages: readonly GetLambdaFunctionRecommendationsResponse[], options: NormalizerOptions = {},
): Opportunity[] {
  return normalize(pages.flatMap(page => page.lambdaFunctionRecommendations ?? []).map(item => {
    const option = topOption(item.memorySizeRecommendationOptions);
    return option && {
      resourceArn: item.functionArn ?? '',
      accountId: item.accountId,
      type: OpportunityType.RIGHTSIZING,
      service: 'Lambda',
      effort: Effort.LOW,
      baseRisk: Risk.LOW,
      option,
      action: `Set the memory of Lambda function ${shortIdOf(item.functionArn ?? '')}: ${item.currentMemorySize} MB -> ${option.memorySize} MB`,
      generatedAt: item.lastRefreshTimestamp,
      details: {
        currentMemorySize: textOf(item.currentMemorySize),
        finding: item.finding,
        functionVersion: item.functionVersion,
        lookbackPeriodInDays: textOf(item.lookbackPeriodInDays),
        recommendedMemorySize: textOf(option.memorySize),
      },
    };
  }), options);
}

/**
 * Opportunities from the pages of GetRDSDatabaseRecommendations: the top-ranked DB instance class
 * of each database that saves money (storage options are not read: one change per resource).
 * A class change restarts the instance: effort and risk MEDIUM at least.
 *
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/APIReference/API_GetRDSDatabaseRecommendations.html
 */
export function computeOptimizerDatabaseOpportunities(
  pages: readonly GetRDSDatabaseRecommendationsResponse[], options: NormalizerOptions = {},
): Opportunity[] {
  return normalize(pages.flatMap(page => page.rdsDBRecommendations ?? []).map(item => {
    const option = topOption(item.instanceRecommendationOptions);
    return option && {
      resourceArn: item.resourceArn ?? '',
      accountId: item.accountId,
      type: OpportunityType.RIGHTSIZING,
      service: 'RDS',
      effort: Effort.MEDIUM,
      baseRisk: Risk.MEDIUM,
      option,
      action: `Change RDS database ${shortIdOf(item.resourceArn ?? '')}: ${item.currentDBInstanceClass} -> ${option.dbInstanceClass}`,
      generatedAt: item.lastRefreshTimestamp,
      details: {
        currentDBInstanceClass: item.currentDBInstanceClass,
        engine: item.engine,
        finding: item.instanceFinding,
        idle: item.idle,
        lookbackPeriodInDays: textOf(item.lookbackPeriodInDays),
        recommendedDBInstanceClass: option.dbInstanceClass,
      },
    };
  }), options);
}

/**
 * The resource's own id in an ARN: `i-0abc` in `arn:aws:ec2:us-east-1:111122223333:instance/i-0abc`,
 * `my-function` in `arn:aws:lambda:...:function:my-function:$LATEST`, `orders` in
 * `arn:aws:rds:...:db:orders`. Anything that is not an ARN is returned as it is.
 */
export function shortIdOf(resource: string): string {
  if (!resource.startsWith('arn:')) {
    return resource;
  }
  const resourcePart = resource.split(':').slice(5).join(':');
  const slash = resourcePart.indexOf('/');
  if (slash >= 0) {
    return resourcePart.slice(slash + 1);
  }
  return resourcePart.split(':')[1] ?? resourcePart;
}

/** The region field of an ARN (`us-east-1`), or `unknown` when it has none. */
function regionOfArn(arn: string): string {
  const region = arn.split(':')[3];
  return region === undefined || region === '' ? 'unknown' : region;
}

/** The rank-1 option (Compute Optimizer's top recommendation), or the first when none is ranked. */
function topOption<T extends RecommendationOption>(candidates: readonly T[] | undefined): T | undefined {
  if (candidates === undefined || candidates.length === 0) {
    return undefined;
  }
  return candidates.find(candidate => candidate.rank === 1) ?? candidates[0];
}

function normalize(changes: ReadonlyArray<ResourceChange | undefined>, options: NormalizerOptions): Opportunity[] {
  const opportunities: Opportunity[] = [];
  for (const change of changes) {
    if (change === undefined || change.resourceArn === '') continue;
    const monthlySavings = exactAmountFromNumber(change.option.savingsOpportunity?.estimatedMonthlySavings?.value,
      `savingsOpportunity.estimatedMonthlySavings.value of the Compute Optimizer recommendation for ${change.resourceArn}`);
    if (monthlySavings.units > 0n) {
      opportunities.push(toOpportunity(change, monthlySavings, options));
    }
  }
  return opportunities;
}

function toOpportunity(change: ResourceChange, monthlySavings: ExactAmount, options: NormalizerOptions): Opportunity {
  const savings = change.option.savingsOpportunity;
  return createOpportunity({
    id: `compute-optimizer:${change.resourceArn}`,
    type: change.type,
    resourceId: shortIdOf(change.resourceArn),
    service: change.service,
    region: regionOfArn(change.resourceArn),
    accountId: accountOf(change.accountId, options),
    currency: savings?.estimatedMonthlySavings?.currency ?? 'USD',
    // Compute Optimizer reports savings and their share of the cost, not the cost itself.
    currentMonthlyCost: EXACT_ZERO,
    monthlySavings,
    sourceSavingsPercentage: exactAmountFromNumber(savings?.savingsOpportunityPercentage,
      `savingsOpportunity.savingsOpportunityPercentage of the Compute Optimizer recommendation for ${change.resourceArn}`),
    effort: change.effort,
    risk: riskWith(change.baseRisk, change.option.performanceRisk),
    source: OpportunitySource.COMPUTE_OPTIMIZER,
    action: change.action,
    generatedAt: change.generatedAt?.toISOString(),
    details: {
      ...change.details,
      currentMonthlyCost: 'unknown: Compute Optimizer reports the savings and their percentage of the cost',
      performanceRisk: textOf(change.option.performanceRisk),
      resourceArn: change.resourceArn,
    },
  });
}

/**
 * Performance risk is 0-4 ("the likelihood of the recommended ... meeting the performance
 * requirement of your workload", 0 = always enough): 3 or more makes the change HIGH risk, 2 MEDIUM.
 */
function riskWith(baseRisk: Risk, performanceRisk: number | undefined): Risk {
  if (performanceRisk !== undefined && performanceRisk >= 3) return Risk.HIGH;
  if (performanceRisk !== undefined && performanceRisk >= 2 && baseRisk === Risk.LOW) return Risk.MEDIUM;
  return baseRisk;
}

/** Graviton instance families carry a `g` right after their generation: m7g, c6gn, r8g, x2gd, im4gn. */
function isGraviton(instanceType: string | undefined): boolean {
  return instanceType !== undefined && /^[a-z]+\d+g/.test(instanceType.split('.')[0]);
}

/** The fields of Compute Optimizer's VolumeConfiguration a person needs to compare two volumes. */
interface VolumeShape {
  readonly volumeType?: string;
  readonly volumeSize?: number;
  readonly volumeBaselineIOPS?: number;
  readonly volumeBaselineThroughput?: number;
}

function describeVolume(configuration: VolumeShape | undefined): string {
  if (configuration === undefined) return 'unknown';
  const parts = [configuration.volumeType ?? 'unknown', configuration.volumeSize === undefined ? undefined : `${configuration.volumeSize} GiB`,
    configuration.volumeBaselineIOPS === undefined ? undefined : `${configuration.volumeBaselineIOPS} IOPS`,
    configuration.volumeBaselineThroughput === undefined ? undefined : `${configuration.volumeBaselineThroughput} MiB/s`];
  return parts.filter(part => part !== undefined).join(' ');
}

function textOf(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}
