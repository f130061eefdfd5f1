/** Limits checked at synth by the OptimizationPipeline and its optimizers. */

// ---------------------------------------------------------------------------------------------
// Lambda
// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
// ---------------------------------------------------------------------------------------------

/** A Lambda function runs at most 900 seconds (15 minutes). gettingstarted-limits.html */
export const LAMBDA_MAX_TIMEOUT_SECONDS = 900;
/** Lambda memory is 128-10,240 MB. gettingstarted-limits.html */
export const LAMBDA_MIN_MEMORY_MB = 128;
export const LAMBDA_MAX_MEMORY_MB = 10240;

// ---------------------------------------------------------------------------------------------
// Step Functions
// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
// ---------------------------------------------------------------------------------------------

/** A Standard workflow execution, and so a wait for a task token, lasts at most one year. service-quotas.html */
export const STATE_MACHINE_MAX_EXECUTION_DAYS = 365;

// ---------------------------------------------------------------------------------------------
// EC2 tags (the protection tag)
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Using_Tags.html#tag-restrictions
// ---------------------------------------------------------------------------------------------

/** A tag key is 1-128 characters. Using_Tags.html#tag-restrictions */
export const TAG_KEY_MAX_LENGTH = 128;
/** Tag keys starting with "aws:" are reserved for AWS: users cannot set them. Using_Tags.html#tag-restrictions */
export const RESERVED_TAG_KEY_PREFIX = 'aws:';

// ---------------------------------------------------------------------------------------------
// S3 (the report prefix)
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
// ---------------------------------------------------------------------------------------------

/** An object key is at most 1,024 bytes. object-keys.html */
export const S3_OBJECT_KEY_MAX_BYTES = 1024;
/** What the pipeline appends to the prefix, at its longest: "/<12-digit account>/yyyy/mm/dd/<optimizer>-HHMMSSZ.json". */
export const REPORT_KEY_SUFFIX_BYTES = '/123456789012/2024/01/01/cost-analysis-060000Z.json'.length;

/** Percentages (savings share, utilization) are 0-100. */
export const PERCENTAGE_MAX = 100;

// ---------------------------------------------------------------------------------------------
// CloudWatch
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricData.html
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
// ---------------------------------------------------------------------------------------------

/** A metric namespace is 1-255 characters. API_PutMetricData.html */
export const METRIC_NAMESPACE_MAX_LENGTH = 255;
/** Namespaces starting with "AWS/" are reserved for AWS services. API_PutMetricData.html */
export const RESERVED_METRIC_NAMESPACE_PREFIX = 'AWS/';
/** A dashboard name is 1-255 characters of A-Z, a-z, 0-9, "-" and "_". API_PutDashboard.html */
export const DASHBOARD_NAME_MAX_LENGTH = 255;
export const DASHBOARD_NAME_PATTERN = /^[A-Za-z0-9_-]+$/;

// ---------------------------------------------------------------------------------------------
// Cost Explorer
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_GetCostAndUsage.html
// ---------------------------------------------------------------------------------------------

/** Cost Explorer keeps 13 months of history (38 with multi-year data, opt-in): the analysis looks back at most this far. */
export const COST_EXPLORER_MAX_LOOKBACK_MONTHS = 13;
/** Each Cost Explorer API request (each page) costs 0.01 USD. https://aws.amazon.com/aws-cost-management/aws-cost-explorer/pricing/ */
export const COST_EXPLORER_REQUEST_PRICE_USD = 0.01;
/** GetCostForecast's prediction interval level is 51-99. API_GetCostForecast.html */
export const FORECAST_MIN_PREDICTION_INTERVAL = 51;
export const FORECAST_MAX_PREDICTION_INTERVAL = 99;
