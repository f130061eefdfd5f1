/** AWS Cost Anomaly Detection limits checked at synth: a named constant each, with the AWS page that states it. */

// ---------------------------------------------------------------------------------------------
// Monitors
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalyMonitor.html
// https://docs.aws.amazon.com/cost-management/latest/userguide/getting-started-ad.html#monitor-type-def
// ---------------------------------------------------------------------------------------------

/** Monitor name: "Maximum length of 1024" (CloudFormation requires a name, so at least 1). API_AnomalyMonitor.html */
export const MONITOR_NAME_MAX_LENGTH = 1024;

/**
 * "A member account monitor can track up to 10 different member accounts."
 * https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/faqs/
 */
export const MONITOR_MAX_LINKED_ACCOUNTS = 10;

/**
 * One AWS services monitor per account: it already evaluates every AWS service on its own, so AWS
 * rejects a second one. https://docs.aws.amazon.com/cost-management/latest/userguide/getting-started-ad.html#monitor-type-def
 */
export const MAX_AWS_SERVICES_MONITORS_PER_ACCOUNT = 1;

/**
 * Monitors other than the AWS services one, per account: "CAD allows you to create up to one AWS
 * Service Monitor and 500 custom monitors (Linked Accounts, Cost Allocation Tags, Cost Categories)."
 * https://aws.amazon.com/tw/aws-cost-management/aws-cost-anomaly-detection/faqs/
 */
export const MAX_CUSTOM_MONITORS_PER_ACCOUNT = 500;

/**
 * Customer managed monitors watch member accounts (the LINKED_ACCOUNT dimension), cost allocation
 * tags or cost categories. https://docs.aws.amazon.com/cost-management/latest/userguide/getting-started-ad.html#monitor-type-def
 */
export const CUSTOM_MONITOR_DIMENSIONS: readonly string[] = ['LINKED_ACCOUNT'];

// ---------------------------------------------------------------------------------------------
// Alert subscriptions
// https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html
// ---------------------------------------------------------------------------------------------

/** Subscription name: "Maximum length of 1024" (CloudFormation requires a name, so at least 1). API_AnomalySubscription.html */
export const SUBSCRIPTION_NAME_MAX_LENGTH = 1024;

/**
 * "For each alert subscription, you can have up to 10 email recipients or 1 SNS topic."
 * https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/faqs/
 */
export const SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS = 10;
/** See {@link SUBSCRIPTION_MAX_EMAIL_SUBSCRIBERS}. */
export const SUBSCRIPTION_MAX_SNS_SUBSCRIBERS = 1;

/**
 * "You can attach up to the maximum of all 101 monitors to an alert subscription."
 * https://aws.amazon.com/aws-cost-management/aws-cost-anomaly-detection/faqs/
 */
export const SUBSCRIPTION_MAX_MONITORS = 101;

/**
 * ThresholdExpression values: "Values must be numbers between 0 and 10,000,000,000 in string format"
 * (0 alerts on every anomaly, which AWS accepts, so this library does too).
 * API_AnomalySubscription.html#awscostmanagement-Type-AnomalySubscription-ThresholdExpression
 */
export const THRESHOLD_MAX_VALUE = 10_000_000_000;
