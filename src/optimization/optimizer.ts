import { Duration } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { CommitmentPaymentOption, CommitmentTerm, RecommendationLookback, ReservationService, SavingsPlansType } from './commitment-options';
import { CostBreakdown, CostGranularity, CostMetric } from './cost-analysis-options';
import { CostDataSource, CostDataSourceKind } from './cost-data-source';
import { OptimizerKind } from './optimizer-kind';
import { planAthenaCostQueries } from './private/athena-cost-queries';
import { costAnalysisViolations } from './private/cost-analysis-rules';
import { OptimizerConfig } from './private/optimizer-config';
import { scheduleViolation } from './private/schedule-rules';
import { CostFilter } from '../core/cost-filter';
import { UNFORECAST_METRICS } from '../core/limits/cost-explorer';
import {
  COST_EXPLORER_MAX_LOOKBACK_MONTHS,
  FORECAST_MAX_PREDICTION_INTERVAL,
  FORECAST_MIN_PREDICTION_INTERVAL,
  LAMBDA_MAX_MEMORY_MB,
  LAMBDA_MAX_TIMEOUT_SECONDS,
  LAMBDA_MIN_MEMORY_MB,
  PERCENTAGE_MAX,
  RESERVED_TAG_KEY_PREFIX,
  TAG_KEY_MAX_LENGTH,
} from '../core/limits/optimization';
import {
  checkRange,
  isUnresolved,
  RuleViolation,
  violationsOf,
} from '../core/validation';


/** Properties every optimizer takes. */
export interface OptimizerOptions {
  /**
   * When the optimizer runs (EventBridge Scheduler expression, UTC unless it names a time zone).
   *
   * @default - the seed's cadence: cost analysis daily at 06:00, rightsizing and storage weekly on
   * Monday at 07:00 and 08:00, commitments monthly on the 1st at 09:00
   * @see https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
   */
  readonly schedule?: scheduler.ScheduleExpression;

  /**
   * How long one run may take (at most 15 minutes).
   *
   * @default Duration.minutes(5)
   * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
   */
  readonly timeout?: Duration;

  /**
   * Memory of the optimizer's function, 128-10,240 MB.
   *
   * @default 512
   * @see https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
   */
  readonly memorySize?: number;
}

/** Properties of the cost analysis optimizer. */
export interface CostAnalysisOptimizerProps extends OptimizerOptions {
  /**
   * The ways costs are broken down: a report section each (top groups with shares, "other", trend
   * per group) and one GetCostAndUsage query each, paged, whatever the number of accounts or groups.
   * The first one also gives the total, the series and the trend.
   *
   * @default [CostBreakdown.SERVICE]
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
   */
  readonly breakdowns?: CostBreakdown[];

  /**
   * Where costs are read from. In Athena mode (`CostDataSource.athena(curReport)`) each breakdown is
   * one SQL query over the report's CUR 2.0 or FOCUS table, no Cost Explorer request is made, and there
   * is no forecast or anomaly section.
   *
   * @default CostDataSource.costExplorer()
   */
  readonly source?: CostDataSource;

  /**
   * The metric summed.
   *
   * @default CostMetric.UNBLENDED_COST
   */
  readonly metric?: CostMetric;

  /**
   * The periods compared.
   *
   * @default CostGranularity.MONTHLY
   */
  readonly granularity?: CostGranularity;

  /**
   * Which costs are analysed (the breakdown queries and the forecast).
   *
   * @default - every cost the account sees
   */
  readonly filter?: CostFilter;

  /**
   * Groups listed in each breakdown section before one "other" line (every group stays in the CSV).
   *
   * @default 10
   */
  readonly topGroupsCount?: number;

  /**
   * Cost growth, in percent of the period before (per hour, the last period against the one before
   * it), above which the pipeline's unexpected-increase alarm notifies the alert topic. Each run
   * publishes the growth as the metric `CostIncreasePercentage`.
   *
   * @default 10
   */
  readonly increaseAlarmThresholdPercentage?: number;

  /**
   * Whole months of history analysed before the current one, at either granularity (1-13: Cost
   * Explorer keeps the current month and the 13 before it unless multi-year data is enabled; in
   * Athena mode up to 120, as far back as the report's data goes).
   *
   * @default 6
   * @see https://docs.aws.amazon.com/cost-management/latest/userguide/ce-advanced-cost-analysis.html
   */
  readonly lookbackMonths?: number;

  /**
   * Months forecast, from today to the end of the month this many months ahead (1 = the rest of this month).
   *
   * @default 1
   */
  readonly forecastMonths?: number;

  /**
   * Confidence of the forecast's prediction interval, 51-99 percent.
   *
   * @default 80
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostForecast.html
   */
  readonly predictionIntervalLevel?: number;

  /**
   * Days of cost anomalies reported.
   *
   * @default 30
   */
  readonly anomalyLookbackDays?: number;
}

/** Properties of the rightsizing optimizer. Thresholds are inclusive. */
export interface RightsizingOptimizerProps extends OptimizerOptions {
  /** Minimum savings worth proposing, USD per month. @default 50 */
  readonly minMonthlySavings?: number;
  /** Minimum savings as a percentage of the resource's monthly cost. @default 15 */
  readonly minSavingsPercentage?: number;
  /** Highest peak CPU utilization (percent) at which an instance counts as under-used. @default 20 */
  readonly maxCpuUtilizationPercentage?: number;
  /** Highest peak memory utilization (percent, where the CloudWatch agent reports it). @default 20 */
  readonly maxMemoryUtilizationPercentage?: number;
  /**
   * Also propose instance types of another family (more savings, more platform risk).
   *
   * @default false
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_RightsizingRecommendationConfiguration.html
   */
  readonly crossInstanceFamily?: boolean;
  /**
   * Also read AWS Compute Optimizer's EC2 instance, EBS volume, Lambda function and RDS database
   * recommendations (free; the account must be opted in, see `OptimizationEnrollment`), deduplicated
   * against Cost Explorer and Cost Optimization Hub by resource. Each API and region is a source of
   * its own in the report.
   *
   * @default - true when `computeOptimizerRegions` is set, else false
   * @see https://docs.aws.amazon.com/compute-optimizer/latest/ug/what-is-compute-optimizer.html
   */
  readonly computeOptimizer?: boolean;
  /**
   * Regions whose Compute Optimizer recommendations are read: Compute Optimizer is regional, and
   * each region adds 4 requests per run (more if pages follow).
   *
   * @default - the region the function runs in
   */
  readonly computeOptimizerRegions?: string[];
}

/** Properties of the storage optimizer. */
export interface StorageOptimizerProps extends OptimizerOptions {
  /**
   * Minimum savings worth proposing, USD per month, for unattached volumes and old snapshots (and
   * for gp2-to-gp3 changes unless `gp2ToGp3MinMonthlySavings` is set).
   *
   * @default 0 (the seed reported every finding)
   */
  readonly minMonthlySavings?: number;
  /**
   * Minimum savings of a gp2-to-gp3 change worth proposing, USD per month. A change that saves
   * nothing is never proposed.
   *
   * @default - `minMonthlySavings`, which is 0 by default: like the seed, every attached gp2 volume whose gp3 equivalent costs less
   */
  readonly gp2ToGp3MinMonthlySavings?: number;
  /** Snapshots older than this many days are proposed for deletion. @default 30 */
  readonly snapshotRetentionDays?: number;
  /**
   * Volumes and snapshots with this tag key (any value) are never proposed for deletion, and
   * the executor's role is denied deleting them.
   *
   * @default 'finops:retain'
   * @see https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
   */
  readonly protectionTagKey?: string;
  /**
   * Also name the S3 buckets of the function's region worth moving to S3 Intelligent-Tiering:
   * buckets without lifecycle rules whose S3 Standard objects average at least 128 KiB (the
   * smallest object Intelligent-Tiering moves between tiers), from ListBuckets,
   * GetBucketLifecycleConfiguration and the free daily S3 storage metrics in CloudWatch
   * (`BucketSizeBytes`, `NumberOfObjects`; one GetMetricData request per 250 buckets). They are
   * report notes, without a saving: it depends on how many objects go unread for 30 days. Adds
   * `s3:ListAllMyBuckets`, `s3:GetLifecycleConfiguration` and `cloudwatch:GetMetricData` to the role.
   *
   * @default false
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/metrics-dimensions.html
   */
  readonly s3IntelligentTiering?: boolean;
}

/** Properties of the commitments optimizer. */
export interface CommitmentsOptimizerProps extends OptimizerOptions {
  /** Minimum Reserved Instance savings worth proposing, USD per month. @default 100 */
  readonly reservedInstancesMinMonthlySavings?: number;
  /**
   * Lowest expected utilization (percent) of a recommended reservation worth proposing: Cost
   * Explorer's `AverageUtilization` of the recommendation, "the average utilization of your
   * instances", inclusive.
   *
   * @default 0 (every recommendation: Cost Explorer already sizes a purchase to the usage it saw)
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_ReservationPurchaseRecommendationDetail.html
   */
  readonly reservedInstancesMinUtilizationPercentage?: number;
  /**
   * Services whose Reserved Instance (reserved node) purchases are recommended: one Cost Explorer
   * request per service and run (more if pages follow), 0.01 USD each.
   *
   * @default - every service Cost Explorer recommends reservations for: EC2, RDS, ElastiCache, OpenSearch Service, Redshift, MemoryDB
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_InstanceDetails.html
   */
  readonly reservationServices?: ReservationService[];
  /** Minimum Savings Plans savings worth proposing, USD per month. @default 200 */
  readonly savingsPlansMinMonthlySavings?: number;
  /**
   * Smallest Savings Plans commitment worth proposing, USD per hour (the recommendation's
   * `HourlyCommitmentToPurchase`), inclusive.
   *
   * @default 0 (any commitment)
   * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_SavingsPlansPurchaseRecommendationDetail.html
   */
  readonly savingsPlansMinHourlyCommitment?: number;
  /** @default CommitmentTerm.ONE_YEAR */
  readonly term?: CommitmentTerm;
  /** @default CommitmentPaymentOption.PARTIAL_UPFRONT */
  readonly paymentOption?: CommitmentPaymentOption;
  /** @default SavingsPlansType.COMPUTE */
  readonly savingsPlansType?: SavingsPlansType;
  /** @default RecommendationLookback.THIRTY_DAYS */
  readonly lookback?: RecommendationLookback;
}

/**
 * The most months an Athena-mode analysis reads: ten years of billing period partitions. Not an AWS
 * limit (the report holds what it was delivered), a bound on the bytes one run scans.
 */
const ATHENA_MAX_LOOKBACK_MONTHS = 120;

/** The seed's thresholds, documented on the props above. */
const OPTIMIZER_DEFAULTS = {
  rightsizing: { minMonthlySavings: 50, minSavingsPercentage: 15, maxCpuUtilizationPercentage: 20, maxMemoryUtilizationPercentage: 20 },
  storage: { minMonthlySavings: 0, snapshotRetentionDays: 30, protectionTagKey: 'finops:retain' },
  commitments: {
    reservedInstancesMinMonthlySavings: 100,
    reservedInstancesMinUtilizationPercentage: 0,
    savingsPlansMinMonthlySavings: 200,
    savingsPlansMinHourlyCommitment: 0,
    reservationServices: Object.values(ReservationService),
  },
  costAnalysis: {
    lookbackMonths: 6,
    forecastMonths: 1,
    predictionIntervalLevel: 80,
    anomalyLookbackDays: 30,
    topGroupsCount: 10,
    increaseAlarmThresholdPercentage: 10,
  },
};

/**
 * One optimizer of an {@link OptimizationPipeline}: what it looks for, its thresholds and its schedule.
 *
 * @example
 * Optimizer.rightsizing({ minMonthlySavings: 100 });
 */
export class Optimizer {
  /**
   * Daily spend analysis: total, a section per breakdown (top groups with shares and trends, by
   * service unless told otherwise), forecast with its prediction interval, anomalies with root
   * causes. Cost Explorer requests per run: one GetCostAndUsage per breakdown, GetCostForecast
   * (not for UsageQuantity) and GetAnomalies, more if pages follow.
   *
   * @example
   * Optimizer.costAnalysis({ breakdowns: [CostBreakdown.LINKED_ACCOUNT, CostBreakdown.tag('team')], metric: CostMetric.AMORTIZED_COST });
   */
  public static costAnalysis(props: CostAnalysisOptimizerProps = {}): Optimizer {
    const defaults = OPTIMIZER_DEFAULTS.costAnalysis;
    const lookbackMonths = props.lookbackMonths ?? defaults.lookbackMonths;
    const forecastMonths = props.forecastMonths ?? defaults.forecastMonths;
    const predictionIntervalLevel = props.predictionIntervalLevel ?? defaults.predictionIntervalLevel;
    const anomalyLookbackDays = props.anomalyLookbackDays ?? defaults.anomalyLookbackDays;
    const analysis = {
      breakdowns: props.breakdowns ?? [CostBreakdown.SERVICE],
      metric: props.metric ?? CostMetric.UNBLENDED_COST,
      granularity: props.granularity ?? CostGranularity.MONTHLY,
      filter: props.filter,
      topGroupsCount: props.topGroupsCount ?? defaults.topGroupsCount,
    };
    const forecastRequests = UNFORECAST_METRICS.includes(analysis.metric) ? 0 : 1;
    const athena = props.source?.kind === CostDataSourceKind.ATHENA
      ? planAthenaCostQueries({ ...analysis, source: props.source })
      : undefined;
    const increaseThreshold = props.increaseAlarmThresholdPercentage ?? defaults.increaseAlarmThresholdPercentage;
    return new Optimizer({
      ...common(OptimizerKind.COST_ANALYSIS, props, 'cron(0 6 * * ? *)'),
      policy: {},
      settings: {
        lookbackMonths: String(lookbackMonths),
        forecastMonths: String(forecastMonths),
        predictionIntervalLevel: String(predictionIntervalLevel),
        anomalyLookbackDays: String(anomalyLookbackDays),
        metric: analysis.metric,
        granularity: analysis.granularity,
        topGroupsCount: String(analysis.topGroupsCount),
        // In Athena mode the pipeline adds the queries, which carry the groups and the filter's values:
        // Cost Explorer's breakdowns and filter would only take room in Lambda's 4 KB of environment.
        ...(athena === undefined ? {
          breakdowns: JSON.stringify(analysis.breakdowns.map((breakdown) => ({ Type: breakdown.kind, Key: breakdown.key }))),
          ...(analysis.filter === undefined ? {} : { filter: JSON.stringify(analysis.filter.toCostExplorerExpression()) }),
        } : {
          athenaWorkGroup: props.source!.report!.workGroupName,
          athenaDatabase: props.source!.report!.databaseName,
        }),
      },
      costExplorerRequestsPerRun: athena === undefined ? analysis.breakdowns.length + forecastRequests + 1 : 0,
      ...(athena?.plan === undefined ? {} : { athena: { report: props.source!.report!, ...athena.plan }, sourceActions: [] }),
      costIncreaseAlarmThresholdPercentage: increaseThreshold,
      violations: violationsOf(
        ...commonViolations(props),
        ...costAnalysisViolations(analysis),
        ...athena?.violations ?? [],
        isUnresolved(increaseThreshold) || (Number.isFinite(increaseThreshold) && increaseThreshold > 0) ? undefined : {
          value: increaseThreshold, rule: 'increaseAlarmThresholdPercentage is a growth above 0 percent', fix: 'alarm on growth above e.g. 10',
        },
        athena === undefined
          ? checkWholeNumber(lookbackMonths, 1, COST_EXPLORER_MAX_LOOKBACK_MONTHS, 'lookbackMonths (Cost Explorer keeps 13 months of history)',
            'analyse 1-13 months')
          : checkWholeNumber(lookbackMonths, 1, ATHENA_MAX_LOOKBACK_MONTHS, `lookbackMonths in Athena mode (1-${ATHENA_MAX_LOOKBACK_MONTHS})`,
            'analyse fewer months: each one adds a billing period partition scanned'),
        checkWholeNumber(forecastMonths, 1, 12, 'forecastMonths (GetCostForecast forecasts up to 12 months ahead at MONTHLY granularity)',
          'forecast 1-12 months'),
        checkWholeNumber(predictionIntervalLevel, FORECAST_MIN_PREDICTION_INTERVAL, FORECAST_MAX_PREDICTION_INTERVAL,
          'predictionIntervalLevel of GetCostForecast', 'use a confidence level of 51-99'),
        checkWholeNumber(anomalyLookbackDays, 1, 90, 'anomalyLookbackDays (Cost Anomaly Detection keeps 90 days of anomalies)',
          'report 1-90 days of anomalies'),
      ),
    });
  }

  /**
   * Weekly rightsizing: Cost Explorer's EC2 rightsizing (1 request per page), Cost Optimization
   * Hub's rightsize / stop / Graviton recommendations (free) and, with `computeOptimizer`, Compute
   * Optimizer's EC2, EBS, Lambda and RDS recommendations (free), deduplicated by resource, filtered,
   * ranked. Recommended, never executed. Cost Explorer rightsizing looks at the last 14 days.
   */
  public static rightsizing(props: RightsizingOptimizerProps = {}): Optimizer {
    const defaults = OPTIMIZER_DEFAULTS.rightsizing;
    const policy = {
      minMonthlySavings: props.minMonthlySavings ?? defaults.minMonthlySavings,
      minSavingsPercentage: props.minSavingsPercentage ?? defaults.minSavingsPercentage,
      maxCpuUtilizationPercentage: props.maxCpuUtilizationPercentage ?? defaults.maxCpuUtilizationPercentage,
      maxMemoryUtilizationPercentage: props.maxMemoryUtilizationPercentage ?? defaults.maxMemoryUtilizationPercentage,
    };
    const readsComputeOptimizer = props.computeOptimizer ?? props.computeOptimizerRegions !== undefined;
    return new Optimizer({
      ...common(OptimizerKind.RIGHTSIZING, props, 'cron(0 7 ? * MON *)'),
      policy: {
        rightsizing: {
          ...stringsOf(policy),
          recommendationTarget: props.crossInstanceFamily ? 'CROSS_INSTANCE_FAMILY' : 'SAME_INSTANCE_FAMILY',
        },
      },
      // An empty list of regions means the function's own region, which the handler reads from its ARN.
      settings: readsComputeOptimizer ? { computeOptimizerRegions: (props.computeOptimizerRegions ?? []).join(',') } : {},
      costExplorerRequestsPerRun: 1,
      additionalSourceActions: readsComputeOptimizer ? COMPUTE_OPTIMIZER_ACTIONS : [],
      violations: violationsOf(
        ...commonViolations(props),
        ...computeOptimizerViolations(props),
        checkAmount(policy.minMonthlySavings, 'minMonthlySavings'),
        checkPercentage(policy.minSavingsPercentage, 'minSavingsPercentage'),
        checkPercentage(policy.maxCpuUtilizationPercentage, 'maxCpuUtilizationPercentage'),
        checkPercentage(policy.maxMemoryUtilizationPercentage, 'maxMemoryUtilizationPercentage'),
      ),
    });
  }

  /**
   * Weekly storage inventory in the stack's region (EC2 DescribeVolumes and DescribeSnapshots, no
   * Cost Explorer request): gp2 volumes to change to gp3, unattached volumes, snapshots past
   * retention. Only gp2-to-gp3 changes and snapshot deletions can be executed, after approval.
   */
  public static storage(props: StorageOptimizerProps = {}): Optimizer {
    const defaults = OPTIMIZER_DEFAULTS.storage;
    const minMonthlySavings = props.minMonthlySavings ?? defaults.minMonthlySavings;
    const gp2ToGp3MinMonthlySavings = props.gp2ToGp3MinMonthlySavings ?? minMonthlySavings;
    const snapshotRetentionDays = props.snapshotRetentionDays ?? defaults.snapshotRetentionDays;
    const protectionTagKey = props.protectionTagKey ?? defaults.protectionTagKey;
    return new Optimizer({
      ...common(OptimizerKind.STORAGE, props, 'cron(0 8 ? * MON *)'),
      policy: {
        storage: {
          minMonthlySavings: String(minMonthlySavings),
          gp2ToGp3MinMonthlySavings: String(gp2ToGp3MinMonthlySavings),
          snapshotRetentionDays,
          protectionTagKey,
        },
      },
      settings: props.s3IntelligentTiering ? { s3IntelligentTiering: 'true' } : {},
      costExplorerRequestsPerRun: 0,
      protectionTagKey,
      ...(props.s3IntelligentTiering ? {
        additionalSourceActions: S3_STORAGE_CLASS_ACTIONS,
        additionalSourceActionsReason: 's3:ListAllMyBuckets and cloudwatch:GetMetricData have no resource-level permissions; '
          + 's3:GetLifecycleConfiguration is read for every bucket of the region',
      } : {}),
      violations: violationsOf(
        ...commonViolations(props),
        checkAmount(minMonthlySavings, 'minMonthlySavings'),
        checkAmount(gp2ToGp3MinMonthlySavings, 'gp2ToGp3MinMonthlySavings'),
        checkWholeNumber(snapshotRetentionDays, 1, 36500, 'snapshotRetentionDays', 'keep snapshots at least 1 day'),
        checkProtectionTagKey(protectionTagKey),
      ),
    });
  }

  /**
   * Monthly commitments: Reserved Instance purchase recommendations for each of
   * `reservationServices` (EC2, RDS, ElastiCache, OpenSearch Service, Redshift and MemoryDB by
   * default) and Savings Plans purchase recommendations: one Cost Explorer request per service
   * plus one, 7 per run by default (more if pages follow), filtered and ranked. Recommended,
   * never bought.
   */
  public static commitments(props: CommitmentsOptimizerProps = {}): Optimizer {
    const defaults = OPTIMIZER_DEFAULTS.commitments;
    const term = props.term ?? CommitmentTerm.ONE_YEAR;
    const paymentOption = props.paymentOption ?? CommitmentPaymentOption.PARTIAL_UPFRONT;
    const lookback = props.lookback ?? RecommendationLookback.THIRTY_DAYS;
    const reservedMinimum = props.reservedInstancesMinMonthlySavings ?? defaults.reservedInstancesMinMonthlySavings;
    const savingsPlansMinimum = props.savingsPlansMinMonthlySavings ?? defaults.savingsPlansMinMonthlySavings;
    const minUtilization = props.reservedInstancesMinUtilizationPercentage ?? defaults.reservedInstancesMinUtilizationPercentage;
    const minHourlyCommitment = props.savingsPlansMinHourlyCommitment ?? defaults.savingsPlansMinHourlyCommitment;
    const reservationServices = props.reservationServices ?? defaults.reservationServices;
    return new Optimizer({
      ...common(OptimizerKind.COMMITMENTS, props, 'cron(0 9 1 * ? *)'),
      policy: {
        reservedInstances: {
          minMonthlySavings: String(reservedMinimum),
          minUtilizationPercentage: String(minUtilization),
          termInYears: term,
          paymentOption,
          lookbackPeriodInDays: lookback,
        },
        savingsPlans: {
          minMonthlySavings: String(savingsPlansMinimum),
          minHourlyCommitment: String(minHourlyCommitment),
          savingsPlansType: props.savingsPlansType ?? SavingsPlansType.COMPUTE,
          termInYears: term,
          paymentOption,
          lookbackPeriodInDays: lookback,
        },
      },
      settings: { reservationServices: reservationServices.join(',') },
      costExplorerRequestsPerRun: reservationServices.length + 1,
      violations: violationsOf(
        ...commonViolations(props),
        checkAmount(reservedMinimum, 'reservedInstancesMinMonthlySavings'),
        checkPercentage(minUtilization, 'reservedInstancesMinUtilizationPercentage'),
        checkAmount(savingsPlansMinimum, 'savingsPlansMinMonthlySavings'),
        checkAmount(minHourlyCommitment, 'savingsPlansMinHourlyCommitment'),
        checkReservationServices(reservationServices),
      ),
    });
  }

  /** @internal */
  public readonly _config: OptimizerConfig;

  /** Which optimizer this is. */
  public readonly kind: OptimizerKind;

  private constructor(config: OptimizerConfig) {
    this._config = config;
    this.kind = config.kind;
  }
}

function common(kind: OptimizerKind, props: OptimizerOptions, defaultCron: string) {
  return {
    kind,
    schedule: props.schedule ?? scheduler.ScheduleExpression.expression(defaultCron),
    timeout: props.timeout ?? Duration.minutes(5),
    memorySize: props.memorySize ?? 512,
  };
}

function commonViolations(props: OptimizerOptions): Array<RuleViolation | undefined> {
  const timeoutSeconds = props.timeout?.toSeconds();
  return [
    props.schedule === undefined ? undefined : scheduleViolation(props.schedule),
    timeoutSeconds === undefined ? undefined : checkRange(timeoutSeconds, 1, LAMBDA_MAX_TIMEOUT_SECONDS,
      'a Lambda function\'s timeout in seconds', 'set a timeout of at most Duration.minutes(15)'),
    props.memorySize === undefined ? undefined : checkRange(props.memorySize, LAMBDA_MIN_MEMORY_MB, LAMBDA_MAX_MEMORY_MB,
      'a Lambda function\'s memory in MB', 'set memorySize to 128-10240'),
  ];
}

/**
 * What the rightsizing function calls in Compute Optimizer, and the reads Compute Optimizer
 * requires besides: "To view recommendations for EC2 instances, an IAM user requires the
 * ec2:DescribeInstances permission. To view recommendations for EBS volumes, an IAM user requires
 * the ec2:DescribeVolumes permission. [...] To view recommendations for Lambda functions, an IAM
 * user requires the lambda:ListFunctions and lambda:ListProvisionedConcurrencyConfigs permissions.
 * [...] To view recommendations for Amazon RDS, an IAM user requires the rds:DescribeDBInstances
 * and rds:DescribeDBClusters permissions."
 * @see https://docs.aws.amazon.com/compute-optimizer/latest/ug/security-iam.html
 */
const COMPUTE_OPTIMIZER_ACTIONS = [
  'compute-optimizer:GetEC2InstanceRecommendations',
  'compute-optimizer:GetEBSVolumeRecommendations',
  'compute-optimizer:GetLambdaFunctionRecommendations',
  'compute-optimizer:GetRDSDatabaseRecommendations',
  'ec2:DescribeInstances',
  'ec2:DescribeVolumes',
  'lambda:ListFunctions',
  'lambda:ListProvisionedConcurrencyConfigs',
  'rds:DescribeDBInstances',
  'rds:DescribeDBClusters',
];

/** What the storage function calls for S3 storage-class recommendations, and nothing more. */
const S3_STORAGE_CLASS_ACTIONS = ['s3:ListAllMyBuckets', 's3:GetLifecycleConfiguration', 'cloudwatch:GetMetricData'];

/** A region code as AWS writes them: `us-east-1`, `ap-southeast-4`, `us-gov-west-1`. */
const REGION_CODE = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function computeOptimizerViolations(props: RightsizingOptimizerProps): Array<RuleViolation | undefined> {
  const regions = props.computeOptimizerRegions;
  if (regions === undefined || isUnresolved(regions)) return [];
  if (props.computeOptimizer === false) {
    return [{ value: regions, rule: 'computeOptimizerRegions are read only when computeOptimizer is on', fix: 'drop computeOptimizerRegions, or set computeOptimizer: true' }];
  }
  if (regions.length === 0) {
    return [{ value: regions, rule: 'computeOptimizerRegions names at least one region', fix: 'leave computeOptimizerRegions out to read the function\'s own region' }];
  }
  return regions.filter((region) => !isUnresolved(region) && !REGION_CODE.test(region)).map((region) => ({
    value: region,
    rule: 'each of computeOptimizerRegions is a region code like us-east-1',
    fix: 'write the region code, not its name',
  }));
}

function checkReservationServices(services: ReservationService[]): RuleViolation | undefined {
  if (isUnresolved(services)) return undefined;
  if (services.length === 0) {
    return { value: services, rule: 'reservationServices names at least one service', fix: 'leave reservationServices out to ask for every service' };
  }
  const repeated = services.filter((service, index) => services.indexOf(service) !== index);
  return repeated.length === 0 ? undefined : {
    value: repeated,
    rule: 'each of reservationServices is named once (each costs one Cost Explorer request per run)',
    fix: 'remove the repeated services',
  };
}

function checkWholeNumber(value: number, min: number, max: number, what: string, fix: string): RuleViolation | undefined {
  if (isUnresolved(value)) return undefined;
  return Number.isInteger(value) ? checkRange(value, min, max, what, fix) : { value, rule: `${what} is a whole number`, fix };
}

function checkAmount(value: number, what: string): RuleViolation | undefined {
  if (isUnresolved(value) || (Number.isFinite(value) && value >= 0)) return undefined;
  return { value, rule: `${what} is an amount of USD per month, 0 or more`, fix: `set ${what} to 0 or a positive amount` };
}

function checkPercentage(value: number, what: string): RuleViolation | undefined {
  return checkRange(value, 0, PERCENTAGE_MAX, `${what}, a percentage,`, `set ${what} to 0-100`);
}

function checkProtectionTagKey(key: string): RuleViolation | undefined {
  if (isUnresolved(key)) return undefined;
  if (key.length < 1 || key.length > TAG_KEY_MAX_LENGTH) {
    return { value: key, rule: `an EC2 tag key is 1-${TAG_KEY_MAX_LENGTH} characters`, fix: 'use a shorter protectionTagKey' };
  }
  if (key.toLowerCase().startsWith(RESERVED_TAG_KEY_PREFIX)) {
    return { value: key, rule: 'tag keys starting with "aws:" are reserved for AWS and cannot be set by users', fix: 'use a key like "finops:retain"' };
  }
  return undefined;
}

function stringsOf(values: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [key, String(value)]));
}
