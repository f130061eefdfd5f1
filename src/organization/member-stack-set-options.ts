/**
 * The account a StackSet is administered from.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStackSet.html
 */
export enum CallAs {
  /** The organization's management account. */
  SELF = 'SELF',
  /** A member account registered as a delegated administrator for CloudFormation StackSets. */
  DELEGATED_ADMIN = 'DELEGATED_ADMIN',
}

/**
 * How a StackSet operation reacts to failed accounts.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSetOperationPreferences.html
 */
export enum StackSetConcurrencyMode {
  /** Lowers concurrency as accounts fail, so failures never exceed the tolerance plus one (AWS's default). */
  STRICT_FAILURE_TOLERANCE = 'STRICT_FAILURE_TOLERANCE',
  /** Keeps the configured concurrency whatever the number of failures. */
  SOFT_FAILURE_TOLERANCE = 'SOFT_FAILURE_TOLERANCE',
}

/**
 * How a construct's service-managed StackSet is named, administered and rolled out.
 */
export interface MemberStackSetOptions {
  /**
   * The StackSet's name, unique in the administering account and region: letters, digits and hyphens,
   * starting with a letter, at most 128 characters.
   *
   * @default - a name derived from the construct path
   */
  readonly stackSetName?: string;

  /**
   * Whether the app is deployed to the management account or to a delegated administrator.
   *
   * @default CallAs.SELF
   */
  readonly callAs?: CallAs;

  /**
   * The region of the stack instances in every member account.
   *
   * @default - the region of the stack that declares the StackSet
   */
  readonly region?: string;

  /**
   * The most accounts, in percent of the targeted accounts, deployed at a time per region (1-100).
   * Operation preferences do not apply to automatic deployments into accounts that join later.
   *
   * @default 25
   */
  readonly maxConcurrentPercentage?: number;

  /**
   * The accounts, in percent of the targeted accounts, that may fail per region before CloudFormation
   * stops the operation there (0-100).
   *
   * @default 10
   */
  readonly failureTolerancePercentage?: number;

  /**
   * How concurrency reacts to failures.
   *
   * @default StackSetConcurrencyMode.SOFT_FAILURE_TOLERANCE - a few suspended or broken accounts do not
   * slow the rollout to thousands of others
   */
  readonly concurrencyMode?: StackSetConcurrencyMode;

  /**
   * Keep the stack (and its resources) in an account that leaves the targeted units.
   *
   * @default false
   */
  readonly retainStacksOnAccountRemoval?: boolean;
}
