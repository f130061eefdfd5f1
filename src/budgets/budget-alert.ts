/** Whether an alert looks at spend so far or at the forecast for the period. */
export enum NotificationType {
  /** Spend (or usage) so far in the period. */
  ACTUAL = 'ACTUAL',
  /** The forecast for the whole period. */
  FORECASTED = 'FORECASTED',
}

/** How a threshold is expressed. */
export enum ThresholdType {
  /** A percentage of the budget's amount, e.g. 80. */
  PERCENTAGE = 'PERCENTAGE',
  /** An amount in the budget's unit, e.g. 8000 (USD). */
  ABSOLUTE_VALUE = 'ABSOLUTE_VALUE',
}

/** How spend is compared with a threshold. */
export enum ComparisonOperator {
  /** Alert when spend is greater than the threshold (cost and usage budgets). */
  GREATER_THAN = 'GREATER_THAN',
  /** Alert when utilization or coverage drops below the threshold (RI and Savings Plans budgets). */
  LESS_THAN = 'LESS_THAN',
  /** Alert when spend equals the threshold. */
  EQUAL_TO = 'EQUAL_TO',
}

/**
 * An alert of a budget: one notification per threshold, so an escalation is one line:
 * `{ thresholds: [70, 90, 95] }`.
 *
 * Every notification is sent to the budget's alert topic and to the email addresses.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-budgets-budget-notification.html
 */
export interface BudgetAlert {
  /**
   * The thresholds, each one notification (a percentage of the budget by default).
   */
  readonly thresholds: number[];

  /**
   * Whether to compare actual or forecasted spend.
   *
   * @default NotificationType.ACTUAL
   */
  readonly notificationType?: NotificationType;

  /**
   * How the thresholds are expressed.
   *
   * @default ThresholdType.PERCENTAGE
   */
  readonly thresholdType?: ThresholdType;

  /**
   * How spend is compared with the thresholds.
   *
   * @default - GREATER_THAN for cost and usage budgets, LESS_THAN for RI and Savings Plans budgets
   */
  readonly comparisonOperator?: ComparisonOperator;

  /**
   * Email addresses notified, in addition to the alert topic (at most 10).
   *
   * @default - the budget's `alertEmails`
   */
  readonly emails?: string[];
}
