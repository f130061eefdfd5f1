/**
 * How often an anomaly subscription sends alerts, which also decides where they go.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_AnomalySubscription.html#awscostmanagement-Type-AnomalySubscription-Frequency
 */
export enum AnomalyAlertFrequency {
  /** Each anomaly as soon as it is detected, published to one SNS topic (never email). */
  IMMEDIATE = 'IMMEDIATE',
  /** A daily summary by email to 1-10 addresses (never SNS). */
  DAILY = 'DAILY',
  /** A weekly summary by email to 1-10 addresses (never SNS). */
  WEEKLY = 'WEEKLY',
}
