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
/**
 * "Function environment variables | 4 KB, for all environment variables associated with the
 * function, in aggregate" (gettingstarted-limits.html, table "Function configuration, deployment,
 * and execution"; read in the AWS documentation source, awsdocs/aws-lambda-developer-guide,
 * doc_source/gettingstarted-limits.md, which in its older revision says "Function environment variables | 4 KB").
 */
export const LAMBDA_ENVIRONMENT_MAX_BYTES = 4 * 1024;

// ---------------------------------------------------------------------------------------------
// Step Functions
// https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
// ---------------------------------------------------------------------------------------------

/** A Standard workflow execution, and so a wait for a task token, lasts at most one year. service-quotas.html */
export const STATE_MACHINE_MAX_EXECUTION_DAYS = 365;
/**
 * A task's timeout is a whole number of seconds, at least 1: "The JSONata expression value must be a
 * positive integer" / "The path must select a field whose value is a positive integer".
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_stepfunctions.Timeout.html
 */
export const TASK_MIN_TIMEOUT_SECONDS = 1;

// ---------------------------------------------------------------------------------------------
// EventBridge Scheduler (the optimizers' schedules)
// https://docs.aws.amazon.com/scheduler/latest/UserGuide/schedule-types.html
// https://docs.aws.amazon.com/scheduler/latest/APIReference/API_CreateSchedule.html (ScheduleExpression)
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html
// ---------------------------------------------------------------------------------------------

/**
 * "A rate expression consists of a value as a positive integer, and a unit with the following
 * options: minute | minutes | hour | hours | day | days". API_CreateSchedule.html
 */
export const SCHEDULE_RATE_PATTERN = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
/** "A cron expression consists of six fields separated by white spaces". API_CreateSchedule.html */
export const SCHEDULE_CRON_PATTERN = /^cron\((.*)\)$/;
export const SCHEDULE_CRON_FIELDS = 6;
/** "at expression - at(yyyy-mm-ddThh:mm:ss)". API_CreateSchedule.html */
export const SCHEDULE_AT_PATTERN = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
/**
 * "You can't use * in both the Day-of-month and Day-of-week fields. If you use it in one, you must
 * use ? in the other." eb-cron-expressions.html (the cron syntax Scheduler documents as its own)
 */
export const CRON_ANY_DAY = '?';

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
/** What the pipeline appends to the prefix, at its longest: "/<12-digit account>/yyyy/mm/dd/<optimizer>-HHMMSSZ.costs.csv" (the cost analysis's CSV). */
export const REPORT_KEY_SUFFIX_BYTES = '/123456789012/2024/01/01/cost-analysis-060000Z.costs.csv'.length;

/**
 * Lifecycle expiration: "Indicates the lifetime, in days, of the objects that are subject to the
 * rule. The value must be a non-zero positive integer."
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_LifecycleExpiration.html
 */
export const S3_LIFECYCLE_MIN_DAYS = 1;

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
// Library choice, not an AWS limit
// ---------------------------------------------------------------------------------------------

/**
 * An email list known only at deploy time (a CommaDelimitedList parameter, `Fn.split`) cannot be
 * iterated at synth: the pipeline declares this many conditional subscriptions per such list, each
 * created only when its address is present. Not an AWS limit: SNS topics take far more subscriptions.
 */
export const EMAIL_LIST_TOKEN_SLOTS = 10;

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
