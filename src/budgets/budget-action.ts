import { ArnFormat, Fn, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { NotificationType, ThresholdType } from './budget-alert';
import { BoundActionDefinition } from './private/bound-action';
import { isListToken } from '../core/private/deploy-time';

/** Whether a budget action runs by itself or waits for someone to approve it. */
export enum ApprovalModel {
  /** The action runs as soon as the threshold is crossed. */
  AUTOMATIC = 'AUTOMATIC',
  /** The action waits for approval in the AWS Budgets console or API. */
  MANUAL = 'MANUAL',
}

/** The instances an SSM stop action stops. */
export interface StopInstancesOptions {
  /** IDs of the EC2 instances (i-...) or RDS DB instance identifiers (1-100). */
  readonly instanceIds: string[];

  /**
   * The Region of the instances.
   *
   * @default - the stack's Region
   */
  readonly region?: string;
}

/** The IAM policy an action attaches and to whom. */
export interface ApplyIamPolicyOptions {
  /** The managed policy to attach, typically one that denies starting new resources. */
  readonly policy: iam.IManagedPolicy;
  /** @default - no roles */
  readonly roles?: iam.IRole[];
  /** @default - no groups */
  readonly groups?: iam.IGroup[];
  /** @default - no users */
  readonly users?: iam.IUser[];
}

/**
 * The service control policy an action attaches and where.
 *
 * @see https://docs.aws.amazon.com/aws-cost-management/latest/APIReference/API_budgets_ScpActionDefinition.html
 */
export interface ApplyScpOptions {
  /** The SCP's ID, `p-` and 8-128 letters, digits or underscores. */
  readonly policyId: string;
  /**
   * The accounts (12 digits) or organizational units (`ou-...`) to attach it to (1-100). A root
   * (`r-...`) is not a valid target: list the organizational units or accounts under it.
   */
  readonly targetIds: string[];
}

/** What a budget action does. */
export abstract class BudgetActionDefinition {
  /** Attaches an IAM managed policy to roles, groups or users (e.g. one that denies ec2:RunInstances). */
  public static applyIamPolicy(options: ApplyIamPolicyOptions): BudgetActionDefinition {
    return new IamPolicyAction(options);
  }

  /** Attaches a service control policy to accounts or organizational units (from the management account); roots are not valid targets. */
  public static applyScp(options: ApplyScpOptions): BudgetActionDefinition {
    return new ScpAction(options);
  }

  /** Stops EC2 instances with the AWS-StopEC2Instance SSM document. */
  public static stopEc2Instances(options: StopInstancesOptions): BudgetActionDefinition {
    return new StopInstancesAction('STOP_EC2_INSTANCES', options);
  }

  /** Stops RDS DB instances with the AWS-StopRdsInstance SSM document. */
  public static stopRdsInstances(options: StopInstancesOptions): BudgetActionDefinition {
    return new StopInstancesAction('STOP_RDS_INSTANCES', options);
  }

  /** @internal */
  public abstract _bind(scope: IConstruct): BoundActionDefinition;
}

class IamPolicyAction extends BudgetActionDefinition {
  constructor(private readonly options: ApplyIamPolicyOptions) {
    super();
  }

  public _bind(): BoundActionDefinition {
    const { policy } = this.options;
    const roles = (this.options.roles ?? []).map((role) => role.roleName);
    const groups = (this.options.groups ?? []).map((group) => group.groupName);
    const users = (this.options.users ?? []).map((user) => user.userName);
    const onlyThisPolicy = { ArnEquals: { 'iam:PolicyARN': policy.managedPolicyArn } };
    const attachStatement = (kind: string, arns: string[]) =>
      new iam.PolicyStatement({
        actions: [`iam:Attach${kind}Policy`, `iam:Detach${kind}Policy`],
        resources: arns,
        conditions: onlyThisPolicy,
      });
    const statements = [
      ...(roles.length ? [attachStatement('Role', (this.options.roles ?? []).map((role) => role.roleArn))] : []),
      ...(groups.length ? [attachStatement('Group', (this.options.groups ?? []).map((group) => group.groupArn))] : []),
      ...(users.length ? [attachStatement('User', (this.options.users ?? []).map((user) => user.userArn))] : []),
    ];
    return {
      actionType: 'APPLY_IAM_POLICY',
      definition: {
        iamActionDefinition: {
          policyArn: policy.managedPolicyArn,
          roles: roles.length ? roles : undefined,
          groups: groups.length ? groups : undefined,
          users: users.length ? users : undefined,
        },
      },
      executionStatements: statements,
      targetLists: [
        { what: 'roles, groups and users', items: [...roles, ...groups, ...users] },
      ],
      summary: `attach IAM policy ${policy.managedPolicyArn} to ${[...roles, ...groups, ...users].length} principal(s)`,
    };
  }
}

class ScpAction extends BudgetActionDefinition {
  constructor(private readonly options: ApplyScpOptions) {
    super();
  }

  public _bind(scope: IConstruct): BoundActionDefinition {
    const stack = Stack.of(scope);
    const { policyId, targetIds } = this.options;
    // Organizations ARNs carry the organization ID, which a stack cannot know: o-* stands for it.
    const organizationsArn = (resource: string) =>
      stack.formatArn({ service: 'organizations', region: '', resource, arnFormat: ArnFormat.NO_RESOURCE_NAME });
    const actions = ['organizations:AttachPolicy', 'organizations:DetachPolicy'];
    const policyArn = organizationsArn(`policy/o-*/service_control_policy/${policyId}`);
    // A target list known only at deploy time may hold accounts and organizational units alike: both ARN forms, per target.
    const statements = isListToken(targetIds)
      ? [
        new iam.PolicyStatement({ actions, resources: [policyArn] }),
        ...['account', 'ou'].map((kind) => new iam.PolicyStatement({
          sid: `${kind === 'ou' ? 'Ou' : 'Account'}TargetsOfList${listTokenNumber(targetIds)}`,
          actions,
          resources: prefixEach(literalArnPrefix(stack, 'organizations', '', `${kind}/o-*/`), targetIds),
        })),
      ]
      : [new iam.PolicyStatement({
        actions,
        resources: [policyArn, ...targetIds.map((targetId) => organizationsArn(`${targetId.startsWith('ou-') ? 'ou' : 'account'}/o-*/${targetId}`))],
      })];
    return {
      actionType: 'APPLY_SCP_POLICY',
      definition: { scpActionDefinition: { policyId, targetIds: isListToken(targetIds) ? targetIds : [...targetIds] } },
      executionStatements: statements,
      targetLists: [{ what: 'SCP targets', items: targetIds }],
      scp: { policyId, targetIds },
      summary: `attach SCP ${policyId} to ${targetIds.join(', ')}`,
    };
  }
}

/**
 * A list token's values, each with the prefix: joined with the prefix as separator, prefixed, split
 * again. CloudFormation takes only a literal as Fn::Join's separator, hence a literal prefix. The
 * statement holding the result keeps a Sid so that policy minimization never merges it with other resources.
 */
function prefixEach(prefix: string, listToken: string[]): string[] {
  return Fn.split('|', Fn.join('', [prefix, Fn.join(`|${prefix}`, listToken)]));
}

/**
 * An ARN prefix without tokens: a partition, Region or account known only at deploy time becomes "*"
 * ("You can use wildcard characters (* and ?) within the individual segments of an ARN",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html). The
 * role acts in its own account and partition only, so the wildcard grants nothing more.
 */
function literalArnPrefix(stack: Stack, service: string, region: string, resourcePrefix: string): string {
  const literal = (value: string) => (Token.isUnresolved(value) ? '*' : value);
  return `arn:${literal(stack.partition)}:${service}:${literal(region)}:${literal(stack.account)}:${resourcePrefix}`;
}

function listTokenNumber(listToken: string[]): string {
  return listToken[0].replace(/\D/g, '');
}

class StopInstancesAction extends BudgetActionDefinition {
  constructor(
    private readonly subtype: 'STOP_EC2_INSTANCES' | 'STOP_RDS_INSTANCES',
    private readonly options: StopInstancesOptions,
  ) {
    super();
  }

  public _bind(scope: IConstruct): BoundActionDefinition {
    const stack = Stack.of(scope);
    const region = this.options.region ?? stack.region;
    const isEc2 = this.subtype === 'STOP_EC2_INSTANCES';
    const instanceArn = (instanceId: string) => isEc2
      ? stack.formatArn({ service: 'ec2', region, resource: 'instance', resourceName: instanceId })
      : stack.formatArn({ service: 'rds', region, resource: 'db', resourceName: instanceId, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    const instanceIds = this.options.instanceIds;
    const instanceArns = isListToken(instanceIds)
      ? prefixEach(literalArnPrefix(stack, isEc2 ? 'ec2' : 'rds', region, isEc2 ? 'instance/' : 'db:'), instanceIds)
      : instanceIds.map(instanceArn);
    // Budgets runs AWS-owned automation documents; reversing the action runs the Start twin.
    const documents = isEc2 ? ['AWS-StopEC2Instance', 'AWS-StartEC2Instance'] : ['AWS-StopRdsInstance', 'AWS-StartRdsInstance'];
    const automationArns = documents.map((document) =>
      stack.formatArn({ service: 'ssm', region, account: '', resource: 'automation-definition', resourceName: `${document}:*` }),
    );
    const instanceActions = isEc2 ? ['ec2:StopInstances', 'ec2:StartInstances'] : ['rds:StopDBInstance', 'rds:StartDBInstance', 'rds:DescribeDBInstances'];
    const statements = [
      new iam.PolicyStatement({ actions: ['ssm:StartAutomationExecution'], resources: automationArns }),
      new iam.PolicyStatement({
        sid: isListToken(instanceIds) ? `InstancesOfList${listTokenNumber(instanceIds)}` : undefined,
        actions: instanceActions,
        resources: instanceArns,
      }),
    ];
    if (isEc2) {
      // ec2:DescribeInstanceStatus supports no resource-level permissions: "*" is the only resource it takes.
      statements.push(new iam.PolicyStatement({ actions: ['ec2:DescribeInstanceStatus'], resources: ['*'] }));
    }
    return {
      actionType: 'RUN_SSM_DOCUMENTS',
      definition: { ssmActionDefinition: { subtype: this.subtype, region, instanceIds: isListToken(instanceIds) ? instanceIds : [...instanceIds] } },
      executionStatements: statements,
      targetLists: [{ what: 'instance IDs', items: this.options.instanceIds }],
      summary: `${isEc2 ? 'stop EC2 instances' : 'stop RDS instances'} ${this.options.instanceIds.join(', ')} in ${region}`,
    };
  }
}

/**
 * A budget action: what to do automatically (or after approval) when spend crosses a threshold.
 *
 * @see https://docs.aws.amazon.com/cost-management/latest/userguide/budgets-controls.html
 */
export interface BudgetActionOptions {
  /** What the action does. */
  readonly definition: BudgetActionDefinition;

  /** The threshold that triggers the action (a percentage of the budget by default). */
  readonly threshold: number;

  /** @default ThresholdType.PERCENTAGE */
  readonly thresholdType?: ThresholdType;

  /** @default NotificationType.ACTUAL */
  readonly notificationType?: NotificationType;

  /**
   * Whether the action runs by itself or waits for approval. Manual is the safe default: a person
   * sees the alert and approves the action in the AWS Budgets console.
   *
   * @default ApprovalModel.MANUAL
   */
  readonly approvalModel?: ApprovalModel;

  /**
   * The role AWS Budgets assumes to run the action.
   *
   * @default - a role trusted by budgets.amazonaws.com for this account, allowed exactly what the definition needs
   */
  readonly executionRole?: iam.IRole;

  /**
   * Email addresses told about the action, in addition to the alert topic (at most 10).
   *
   * @default - the budget's `alertEmails`
   */
  readonly emails?: string[];
}
