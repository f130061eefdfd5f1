import type { Filter } from '@aws-sdk/client-cost-optimization-hub';

// What the sources of every service share. Each service's source functions live in a module of
// their own (cost-explorer-sources.ts, cost-optimization-hub-source.ts, ec2-sources.ts), so a
// handler bundle loads only the SDK clients its sources call.

/**
 * Every attempt the SDK makes, the first included. The standard retry strategy classifies
 * Cost Explorer's LimitExceededException and ThrottlingException as throttling and backs off
 * exponentially with jitter; 3 attempts (the default) are too few for Cost Explorer's low rates.
 */
export const SDK_MAX_ATTEMPTS = 8;

/**
 * Source names as the report lists them when they fail. Each is one question to one API, so a
 * failure names exactly what is missing.
 */
export const SOURCES = {
  costAndUsage: 'Cost Explorer GetCostAndUsage',
  costForecast: 'Cost Explorer GetCostForecast',
  anomalies: 'Cost Explorer GetAnomalies',
  rightsizing: 'Cost Explorer GetRightsizingRecommendation',
  reservations: 'Cost Explorer GetReservationPurchaseRecommendation',
  savingsPlans: 'Cost Explorer GetSavingsPlansPurchaseRecommendation',
  costOptimizationHub: 'Cost Optimization Hub ListRecommendations',
  volumes: 'EC2 DescribeVolumes',
  snapshots: 'EC2 DescribeSnapshots',
  bucketStorage: 'S3 ListBuckets and GetBucketLifecycleConfiguration, CloudWatch GetMetricData',
  pendingChanges: 'S3 realized-savings ledger (pending changes)',
} as const;

/** Cost Optimization Hub actions the rightsizing optimizer asks for; storage and purchases have their own optimizers. */
export const RESOURCE_ACTION_TYPES: Filter['actionTypes'] = ['Rightsize', 'Stop', 'MigrateToGraviton'];
