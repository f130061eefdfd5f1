import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { MemberDeploymentTarget } from './member-deployment-target';
import { MemberRoleTrust } from './member-role-trust';
import { MemberStackSetOptions } from './member-stack-set-options';
import { OrganizationStackSet } from './private/organization-stack-set';
import { organizationIdViolation } from './private/stack-set-rules';
import { backupSnapshotStatements, protectedTagDenial } from '../core/private/ec2-executor-policy';
import { acknowledgeRules, wildcardResourceFindingId } from '../core/private/nag';
import { isUnresolved, RuleViolation, violationsOf } from '../core/validation';
import type { ProtectedTag } from '../optimization/approval-options';

/**
 * Properties of {@link OrganizationMemberRoles}.
 */
export interface OrganizationMemberRolesProps extends MemberStackSetOptions {
  /**
   * The role names and the management-side roles trusted to assume them, e.g.
   * `pipeline.memberRoleTrust()`.
   */
  readonly trust: MemberRoleTrust;

  /**
   * The organization's id (`o-...`): the roles trust their principals only while those belong to it
   * (`aws:PrincipalOrgID`).
   *
   * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-principalorgid
   */
  readonly organizationId: string;

  /** The member accounts that get the roles. */
  readonly target: MemberDeploymentTarget;
}

/** The EC2 inventory both roles read. Describe actions support no resource-level permission: Resource "*". */
const INVENTORY_ACTIONS = ['ec2:DescribeInstances', 'ec2:DescribeVolumes', 'ec2:DescribeSnapshots'];

/**
 * Compute Optimizer's recommendations and enrollment status. Its actions name no resource type in the
 * Service Authorization Reference, where "If there is no value for this column, you must specify all
 * resources ("*")": https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscomputeoptimizer.html
 */
const RECOMMENDATION_ACTIONS = [
  'compute-optimizer:GetEC2InstanceRecommendations',
  'compute-optimizer:GetEBSVolumeRecommendations',
  'compute-optimizer:GetLambdaFunctionRecommendations',
  'compute-optimizer:GetRDSDatabaseRecommendations',
  'compute-optimizer:GetEnrollmentStatus',
];

/**
 * The two roles an organization-scoped `OptimizationPipeline` assumes in every member account,
 * deployed from the management account (or a delegated administrator) through a service-managed
 * CloudFormation StackSet that also reaches accounts joining the targeted units later:
 *
 * - the read role: EC2 instances, volumes and snapshots, and Compute Optimizer's recommendations;
 * - the executor role: `ec2:ModifyVolume` and `ec2:DeleteSnapshot` in its own account, denied on every
 *   resource that carries the protection tag.
 *
 * Each role trusts only the management-side roles named by the trust, and only while they belong to the
 * organization. Their ARNs reach the member template as StackSet parameters.
 *
 * @example
 * declare const pipelineRole: iam.IRole;
 * new OrganizationMemberRoles(this, 'MemberRoles', {
 *   trust: {
 *     readRoleName: 'finops-read',
 *     executorRoleName: 'finops-executor',
 *     readRoleTrustedBy: [pipelineRole],
 *     executorRoleTrustedBy: [pipelineRole],
 *     protectionTagKey: 'finops:protected',
 *   },
 *   organizationId: 'o-abcdefghij',
 *   target: MemberDeploymentTarget.organizationalUnits(['ou-ab12-11111111']),
 * });
 */
export class OrganizationMemberRoles extends Construct {
  /** The StackSet's name. */
  public readonly stackSetName: string;
  /** The template deployed into every member account (synthesized into the cloud assembly, not deployed by `cdk deploy`). */
  public readonly memberTemplate: Stack;

  constructor(scope: Construct, id: string, props: OrganizationMemberRolesProps) {
    super(scope, id);
    const trust = props.trust;
    const readTrustedBy = trust.readRoleTrustedBy.map((role) => role.roleArn);
    const executorTrustedBy = trust.executorRoleTrustedBy.map((role) => role.roleArn);

    const stackSet = new OrganizationStackSet(this, 'StackSet', {
      ...props,
      description: `FinOps read and executor roles for the management account's optimization pipeline (${this.node.path})`,
      capabilities: ['CAPABILITY_NAMED_IAM'],
      violations: violationsOf(
        organizationIdViolation(props.organizationId),
        trustedByViolation(trust.readRoleTrustedBy, 'readRoleTrustedBy'),
        trustedByViolation(trust.executorRoleTrustedBy, 'executorRoleTrustedBy'),
        protectionTagKeyViolation(trust.protectionTagKey),
        ...(trust.protectedTags ?? []).map((tag) => protectionTagKeyViolation(tag.key)),
      ),
      parameters: {
        OrganizationId: props.organizationId,
        ReadRoleName: trust.readRoleName,
        ExecutorRoleName: trust.executorRoleName,
        ...numberedParameters('ReadRoleTrustedBy', readTrustedBy),
        ...numberedParameters('ExecutorRoleTrustedBy', executorTrustedBy),
      },
    });
    this.stackSetName = stackSet.stackSetName;
    this.memberTemplate = stackSet.template;
    new MemberRoles(stackSet.template, 'Roles', {
      readTrustedByCount: readTrustedBy.length,
      executorTrustedByCount: executorTrustedBy.length,
      protectionTagKey: trust.protectionTagKey,
      protectedTags: trust.protectedTags ?? [],
    });
  }
}

interface MemberRolesProps {
  readonly readTrustedByCount: number;
  readonly executorTrustedByCount: number;
  readonly protectionTagKey: string;
  readonly protectedTags: ProtectedTag[];
}

/** The roles, inside the member template: every management-side value is a parameter. */
class MemberRoles extends Construct {
  constructor(scope: Construct, id: string, props: MemberRolesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const parameter = (name: string, description: string) => new CfnParameter(stack, name, { type: 'String', description }).valueAsString;
    const organizationId = parameter('OrganizationId', 'The organization whose principals may assume the roles');
    const trustedBy = (prefix: string, count: number) => Array.from({ length: count }, (_, index) =>
      parameter(`${prefix}${index + 1}`, `ARN of a management-side role trusted to assume the role (${index + 1} of ${count})`));
    const assumedBy = (arns: string[]) => new iam.PrincipalWithConditions(
      new iam.CompositePrincipal(...arns.map((arn) => new iam.ArnPrincipal(arn))),
      { StringEquals: { 'aws:PrincipalOrgID': organizationId } },
    );
    const inventory = new iam.PolicyStatement({ sid: 'ReadEc2Inventory', actions: INVENTORY_ACTIONS, resources: ['*'] });

    const readRole = new iam.Role(this, 'ReadRole', {
      roleName: parameter('ReadRoleName', 'Name of the read role'),
      description: 'Lets the FinOps optimization pipeline read EC2 inventory and Compute Optimizer recommendations',
      assumedBy: assumedBy(trustedBy('ReadRoleTrustedBy', props.readTrustedByCount)),
      inlinePolicies: {
        Read: new iam.PolicyDocument({
          statements: [
            inventory,
            new iam.PolicyStatement({ sid: 'ReadComputeOptimizer', actions: RECOMMENDATION_ACTIONS, resources: ['*'] }),
          ],
        }),
      },
    });

    const volumes = stack.formatArn({ service: 'ec2', region: '*', resource: 'volume', resourceName: '*' });
    // Snapshot ARNs have no account field; DeleteSnapshot only ever deletes the caller's own snapshots.
    const snapshots = stack.formatArn({ service: 'ec2', region: '*', account: '', resource: 'snapshot', resourceName: '*' });
    const executorRole = new iam.Role(this, 'ExecutorRole', {
      roleName: parameter('ExecutorRoleName', 'Name of the executor role'),
      description: 'Lets the FinOps optimization pipeline run approved EBS actions in this account',
      assumedBy: assumedBy(trustedBy('ExecutorRoleTrustedBy', props.executorTrustedByCount)),
      inlinePolicies: {
        Execute: new iam.PolicyDocument({
          statements: [
            inventory,
            new iam.PolicyStatement({ sid: 'ModifyVolumes', actions: ['ec2:ModifyVolume'], resources: [volumes] }),
            new iam.PolicyStatement({ sid: 'DeleteSnapshots', actions: ['ec2:DeleteSnapshot'], resources: [snapshots] }),
            new iam.PolicyStatement({ sid: 'VerifyVolumeChanges', actions: ['ec2:DescribeVolumesModifications'], resources: ['*'] }),
            ...backupSnapshotStatements(volumes, snapshots),
            protectedTagDenial('NeverTouchProtectedResources', { key: props.protectionTagKey }, 'aws'),
            ...protectedTagDenials(props.protectedTags),
          ],
        }),
      },
    });

    const describeReason = 'EC2 Describe* and Compute Optimizer Get* actions support no resource-level permission, so they take Resource "*"';
    acknowledgeRules(readRole, [{ id: wildcardResourceFindingId(readRole, '*'), reason: describeReason }]);
    acknowledgeRules(executorRole, [
      { id: wildcardResourceFindingId(executorRole, '*'), reason: `${describeReason}; the Deny on protected resources covers every resource on purpose` },
      { id: wildcardResourceFindingId(executorRole, volumes), reason: 'ModifyVolume (and CreateSnapshot of the backup taken first) on any volume of this account, in the regions the pipeline covers; protected volumes are denied' },
      {
        id: wildcardResourceFindingId(executorRole, snapshots),
        reason: 'DeleteSnapshot on snapshots, whose ARNs have no account: the API deletes only this account\'s own; protected snapshots are denied. '
        + 'CreateSnapshot and CreateTags only for the backup snapshot tagged finops:action=backup-before-gp3, tagged as it is created',
      },
    ]);
  }
}

/** `{ Prefix1: values[0], Prefix2: values[1], ... }` */
function numberedParameters(prefix: string, values: string[]): Record<string, string> {
  return Object.fromEntries(values.map((value, index) => [`${prefix}${index + 1}`, value]));
}

function trustedByViolation(roles: readonly iam.IRole[], what: string): RuleViolation | undefined {
  return roles.length > 0 ? undefined : {
    value: [],
    rule: `${what} names at least one management-side role: a role that nobody may assume has an invalid trust policy`,
    fix: 'pass the trust of the pipeline that uses the roles (`pipeline.memberRoleTrust()`)',
  };
}

/** The tag key becomes part of a condition key, which CloudFormation cannot compute at deploy time. */
function protectionTagKeyViolation(key: string): RuleViolation | undefined {
  if (isUnresolved(key)) {
    return {
      value: key,
      rule: 'the protection tag key is written into the condition key "aws:ResourceTag/<key>", and a JSON key in a template cannot hold a value known only at deploy time',
      fix: 'write the tag key as a literal string',
    };
  }
  return key.length > 0 ? undefined : { value: key, rule: 'the protection tag key is not empty', fix: 'name the tag key that marks protected resources' };
}

/** The Deny of each protected tag, under both tag condition keys, as the pipeline's own executor is denied. */
function protectedTagDenials(protectedTags: readonly ProtectedTag[]): iam.PolicyStatement[] {
  return protectedTags.flatMap((tag, index) => [
    protectedTagDenial(`NeverTouchProtectedWorkloads${index}`, tag, 'aws'),
    protectedTagDenial(`NeverTouchProtectedWorkloads${index}Ec2Key`, tag, 'ec2'),
  ]);
}
