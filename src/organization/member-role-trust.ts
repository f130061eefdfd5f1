import type * as iam from 'aws-cdk-lib/aws-iam';
import type { ProtectedTag } from '../optimization/approval-options';

/**
 * What an organization-scoped `OptimizationPipeline` needs in every member account: the names of
 * the two roles it assumes there, and which of its own roles may assume each. The pipeline
 * declares it (`OptimizationPipeline.memberRoleTrust()`); the construct that deploys the member
 * roles through a StackSet reads it, so both sides agree on names and trust by construction.
 */
export interface MemberRoleTrust {
  /** Name of the read-only role in each member account (EC2 inventory for the optimizers). */
  readonly readRoleName: string;

  /** Name of the role in each member account that executes approved actions. */
  readonly executorRoleName: string;

  /** The management-side roles trusted to assume the read role. */
  readonly readRoleTrustedBy: iam.IRole[];

  /** The management-side roles trusted to assume the executor role. */
  readonly executorRoleTrustedBy: iam.IRole[];

  /**
   * Tag key that marks resources the executor must never change; the member executor role
   * denies its actions on resources carrying it.
   */
  readonly protectionTagKey: string;

  /**
   * Tags that mark workloads never changed automatically (the approval's `protectedTags`); the
   * member executor role denies its changes on resources carrying them, as the pipeline's own does.
   *
   * @default - only `protectionTagKey` protects
   */
  readonly protectedTags?: ProtectedTag[];
}
