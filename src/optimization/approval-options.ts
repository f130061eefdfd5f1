import { Duration } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';

/** The changes the approval workflow can execute, which a tier covers. */
export enum ApprovalActionType {
  /** Change a gp2 volume to gp3 (online, no detach). */
  MODIFY_VOLUME_TO_GP3 = 'MODIFY_VOLUME_TO_GP3',
  /** Delete a snapshot past retention. */
  DELETE_SNAPSHOT = 'DELETE_SNAPSHOT',
}

/**
 * Who must approve which changes: the actions of the listed types saving at least
 * `minMonthlySavings` a month need `requiredApprovers` distinct IAM principals among `approvers`.
 * An action belongs to the tier of its type with the highest minimum it reaches.
 */
export interface ApprovalTier {
  /**
   * The tier covers actions saving at least this many USD a month.
   *
   * @default 0
   */
  readonly minMonthlySavings?: number;

  /**
   * The action types the tier covers.
   *
   * @default - both
   */
  readonly actionTypes?: ApprovalActionType[];

  /**
   * How many distinct IAM principals must approve. A role counts once, whoever assumes it: the
   * caller of AssumeRole chooses the session name, so two sessions could be one person.
   *
   * @default 1
   */
  readonly requiredApprovers?: number;

  /**
   * The IAM users and roles (ARNs) whose decisions count; a decision signed by anyone else is
   * refused and recorded. Each approver also needs `grantApprovalDecisions`.
   *
   * @default - anyone granted `grantApprovalDecisions`
   */
  readonly approvers?: string[];

  /**
   * How long each wait for a decision lasts; past it the action is rejected as timed out.
   *
   * @default - the approval's `decisionTimeout`
   */
  readonly decisionTimeout?: Duration;
}

/**
 * A tag that marks workloads never changed automatically: the key with one of `values` (compared
 * without case), or the key with any value when `values` is not given.
 */
export interface ProtectedTag {
  /** The tag key. */
  readonly key: string;

  /**
   * The values that protect.
   *
   * @default - any value, the key alone protects
   */
  readonly values?: string[];
}

/**
 * The approval workflow of an `OptimizationPipeline`: nothing in the account changes without it.
 *
 * Each storage run starts one Step Functions execution that routes the run's executable actions
 * (gp2-to-gp3 volume changes and deletions of snapshots past retention, nothing else): LOW-risk
 * ones below `autoApproveBelowMonthlySavings` are approved by the workflow when that is set; every
 * other action is sent to the approval topic with a task token and waits, decision after
 * decision, until its tier's count of distinct approvers approved (or one rejected, or a wait
 * timed out). People POST APPROVE or REJECT to the decision function's URL (`AWS_IAM` auth: each
 * decision is recorded with the signer's ARN and time). Resources with a protected tag are never
 * proposed, never changed by the executor, and denied to its role. A volume is snapshotted before
 * it changes, and the change is verified. Rightsizing and commitment purchases are never executed,
 * only reported.
 */
export interface ApprovalOptions {
  /**
   * Who must approve which changes.
   *
   * @default - one approver below 1,000 USD a month, two distinct approvers at or above, anyone granted `grantApprovalDecisions`
   */
  readonly tiers?: ApprovalTier[];

  /**
   * Tags that mark workloads never changed automatically: not proposed, skipped by the executor,
   * and denied to the executor's role (`ec2:ModifyVolume`, `ec2:DeleteSnapshot`) by IAM. The storage
   * optimizer's `protectionTagKey` protects as well.
   *
   * @default - `environment` = `production`, and `critical` with any value
   */
  readonly protectedTags?: ProtectedTag[];

  /**
   * Snapshot a volume (tagged `finops:action` = `backup-before-gp3`) before changing it to gp3.
   *
   * @default true
   */
  readonly snapshotBeforeModify?: boolean;

  /**
   * Approve LOW-risk actions (gp2-to-gp3 changes) saving less than this many USD a month
   * without a person. Snapshot deletions are never LOW risk and always wait for a person.
   *
   * @default - no auto-approval: a person decides every action
   */
  readonly autoApproveBelowMonthlySavings?: number;

  /**
   * How long each wait for a decision lasts, in tiers that do not set their own; past it, the
   * action is rejected (at most 365 days, the longest a Standard workflow runs).
   *
   * @default Duration.days(7)
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
   */
  readonly decisionTimeout?: Duration;

  /**
   * Email addresses subscribed to approval requests.
   *
   * @default - none: subscribe approvers to `approvalTopic` yourself
   */
  readonly approverEmails?: string[];

  /**
   * The topic approval requests are published to.
   *
   * @default - a new topic encrypted with a customer-managed KMS key
   */
  readonly approvalTopic?: sns.ITopic;
}
