import { Duration } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';

/**
 * The approval workflow of an `OptimizationPipeline`: nothing in the account changes without it.
 *
 * Each storage run starts one Step Functions execution that routes the run's executable actions
 * (gp2-to-gp3 volume changes and deletions of snapshots past retention, nothing else): LOW-risk
 * ones below `autoApproveBelowMonthlySavings` are approved by the workflow when that is set; every
 * other action is sent to the approval topic with a task token and waits for a person to POST
 * APPROVE or REJECT to the decision function's URL (`AWS_IAM` auth: the decision records the
 * signer's ARN). The executor re-checks every action against live state and this policy before
 * it acts. Rightsizing and commitment purchases are never executed, only reported.
 */
export interface ApprovalOptions {
  /**
   * Approve LOW-risk actions (gp2-to-gp3 changes) saving less than this many USD a month
   * without a person. Snapshot deletions are never LOW risk and always wait for a person.
   *
   * @default - no auto-approval: a person decides every action
   */
  readonly autoApproveBelowMonthlySavings?: number;

  /**
   * How long an action waits for a decision; past it, the action is rejected (at most 365 days,
   * the longest a Standard workflow runs).
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
