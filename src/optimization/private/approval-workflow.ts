import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { describedPath } from './described-path';
import { acknowledgeRules, wildcardResourceFindingId } from '../../core/private/nag';
import { ApprovalDecisionFunction } from '../approval-decision-function';
import { StorageActionFunction } from '../storage-action-function';

/** What the workflow needs from the pipeline. */
export interface ApprovalWorkflowProps {
  readonly approvalTopic: sns.ITopic;
  readonly decisionTimeout: Duration;
  readonly protectionTagKey: string;
  /** The storage optimizer's retention: the executor re-checks a snapshot's age against it. */
  readonly snapshotRetentionDays: string;
  /** USD/month below which the executor accepts a policy approval; undefined: none. */
  readonly autoApproveBelowMonthlySavings?: string;
  readonly logRetention: logs.RetentionDays;
  /** With an organization scope: the member executor role to assume, and the Regions it may act in. */
  readonly member?: { readonly executorRoleName: string; readonly regions: string[] };
}

/**
 * What the auto path hands the executor as `approval`: a constant of the definition, which the
 * execution input cannot set. Same value as POLICY_APPROVAL_MARKER in
 * src/runtime/optimization-handlers/storage-actions.ts (constructs never import the runtime).
 */
const POLICY_APPROVAL_MARKER = 'APPROVED_BY_POLICY';

/**
 * The per-run approval workflow: a Map over the run's storage actions; each is auto-approved
 * (when the run marked it so) or waits for a person's decision by task token; approved ones run
 * in the executor, rejected and timed-out ones end as such.
 */
export class ApprovalWorkflow extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly decisionFunction: lambda.Function;
  /** The decision function's URL (AWS_IAM auth): the signed request names the approver. */
  public readonly decisionUrl: lambda.FunctionUrl;
  public readonly executor: lambda.Function;

  constructor(scope: Construct, id: string, props: ApprovalWorkflowProps) {
    super(scope, id);
    this.executor = this.createExecutor(props);
    // A name known at synth: the approval message names it, and a reference would make the state
    // machine depend on the function whose policy depends on the state machine.
    const decisionFunctionName = Names.uniqueResourceName(this, { maxLength: 56, separator: '-' }) + '-decide';
    this.decisionFunction = this.createDecisionFunction(props, decisionFunctionName);

    this.decisionUrl = this.decisionFunction.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    // The executor gets the action AND how it was approved, as one object: `approval` is either the
    // policy marker (auto path) or the decision function's output (a person, by task token). A
    // bare `fromJsonPathAt('$.action')` with payloadResponseOnly rendered `"Parameters": "$.action"`,
    // and the executor received that literal string (aws/aws-cdk#22390, #34260).
    const execute = new tasks.LambdaInvoke(this, 'ExecuteApprovedAction', {
      lambdaFunction: this.executor,
      payload: sfn.TaskInput.fromObject({
        action: sfn.JsonPath.objectAt('$.action'),
        approval: sfn.JsonPath.objectAt('$.approval'),
      }),
      payloadResponseOnly: true,
      resultPath: '$.outcome',
      retryOnServiceExceptions: true,
    });
    // One action that cannot run (e.g. the volume is being modified already) does not stop the others;
    // the executor's error alarm tells someone, and the item's output keeps the failure.
    execute.addCatch(new sfn.Pass(this, 'ActionFailed'), { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    // The rejection (the approver's ARN and comment in its Cause) or the States.Timeout stays in $.rejection.
    const rejected = new sfn.Pass(this, 'Rejected', { result: sfn.Result.fromObject({ outcome: 'REJECTED' }), resultPath: '$.outcome' });
    const askApprover = new tasks.SnsPublish(this, 'AskApprover', {
      topic: props.approvalTopic,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      subject: 'FinOps: a storage change waits for your approval',
      message: sfn.TaskInput.fromObject({
        request: sfn.JsonPath.stringAt('$.action.description'),
        action: sfn.JsonPath.objectAt('$.action'),
        report: sfn.JsonPath.stringAt('$.reportLocation'),
        taskToken: sfn.JsonPath.taskToken,
        howToDecide: 'POST {"taskToken": "<taskToken>", "decision": "APPROVE" or "REJECT", "comment": "..."} to the function URL of '
          + `${decisionFunctionName} (aws lambda get-function-url-config --function-name ${decisionFunctionName}), signed with `
          + 'your AWS credentials (SigV4, service "lambda"); your IAM ARN is recorded with the decision',
      }),
      taskTimeout: sfn.Timeout.duration(props.decisionTimeout),
      resultPath: '$.approval',
    });
    askApprover.addCatch(rejected, { errors: ['Rejected', sfn.Errors.TIMEOUT], resultPath: '$.rejection' });
    askApprover.next(execute);

    const approvedByPolicy = new sfn.Pass(this, 'ApprovedByPolicy', { result: sfn.Result.fromString(POLICY_APPROVAL_MARKER), resultPath: '$.approval' });
    approvedByPolicy.next(execute);
    // `autoApprove` only routes: the executor accepts the marker only for what the policy would approve.
    const route = new sfn.Choice(this, 'AutoApproved?')
      .when(sfn.Condition.booleanEquals('$.action.autoApprove', true), approvedByPolicy)
      .otherwise(askApprover);

    const eachAction = new sfn.Map(this, 'EachAction', {
      itemsPath: '$.actions',
      // Only the action and the report location enter an item: no `approval` from the input.
      itemSelector: { 'action.$': '$$.Map.Item.Value', 'reportLocation.$': '$.reportLocation' },
      maxConcurrency: 10,
    });
    eachAction.itemProcessor(route);

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(eachAction),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: executionTimeout(props.decisionTimeout),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    this.stateMachine.grantTaskResponse(this.decisionFunction);
    // SnsPublish grants sns:Publish only; the topic's KMS key must let the state machine encrypt too.
    props.approvalTopic.grantPublish(this.stateMachine);
    acknowledgeRules(this.stateMachine.role, [
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'Step Functions log delivery (logs:*LogDelivery*, DescribeResourcePolicies) and X-Ray tracing '
          + '(xray:PutTraceSegments...) have no resource-level permissions',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(this.executor.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
        reason: 'Invoking the executor by any of its versions is what LambdaInvoke grants; it is this one function only',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'Publishing to the encrypted approval topic needs the GenerateDataKey variants, on that topic\'s key only',
      },
    ]);
  }

  /** Its role may call exactly ModifyVolume and DeleteSnapshot in its region, and Describe to re-check, nothing else. */
  private createExecutor(props: ApprovalWorkflowProps): lambda.Function {
    const stack = Stack.of(this);
    const logGroup = new logs.LogGroup(this, 'ExecutorLogs', { retention: props.logRetention });
    const role = new iam.Role(this, 'ExecutorRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs approved storage actions of ${describedPath(this)}: gp2-to-gp3 changes and old snapshot deletions only`,
    });
    logGroup.grantWrite(role);
    // Volumes and snapshots of this account and region only: the ARNs pin both. Not narrowed by
    // ec2:VolumeType: the executor checks "still gp2" right before it calls ModifyVolume.
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ChangeVolumesToGp3',
      actions: ['ec2:ModifyVolume'],
      resources: [stack.formatArn({ service: 'ec2', resource: 'volume', resourceName: '*' })],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'DeleteSnapshotsPastRetention',
      actions: ['ec2:DeleteSnapshot'],
      resources: [stack.formatArn({ service: 'ec2', account: '', resource: 'snapshot', resourceName: '*' })],
    }));
    // Enforced by IAM too, in case a tag was added between the executor's check and the call.
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'NeverChangeProtectedResources',
      effect: iam.Effect.DENY,
      actions: ['ec2:ModifyVolume', 'ec2:DeleteSnapshot'],
      resources: ['*'],
      conditions: { Null: { [`aws:ResourceTag/${props.protectionTagKey}`]: 'false' } },
    }));
    // "All Amazon EC2 actions support the ec2:Region condition key."
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-supported-iam-actions-resources.html
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'RecheckBeforeActing',
      actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
      resources: ['*'],
      conditions: { StringEquals: { 'ec2:Region': stack.region } },
    }));
    // How cdk-nag spells the ARNs in its finding ids: pseudo parameters in angle brackets.
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    acknowledgeRules(role, [
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'ec2:DescribeVolumes and ec2:DescribeSnapshots support no resource-level permissions (they are limited to '
          + 'this region by ec2:Region); the Deny on protected volumes and snapshots must cover every one',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:${region}:${account}:volume/*]`,
        reason: 'The volumes to change are only known at run time, after approval; only ec2:ModifyVolume is allowed on them, '
          + 'in this account and region, never on a volume with the protection tag',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:${region}::snapshot/*]`,
        reason: 'The snapshots to delete are only known at run time, after approval; only ec2:DeleteSnapshot in this region, '
          + 'never on a snapshot with the protection tag',
      },
    ]);
    if (props.member) this.allowMemberExecution(role, props.member.executorRoleName);
    // In its own account, volumes and snapshots of the stack's region only: the storage optimizer inventories that region.
    return new StorageActionFunction(this, 'Executor', {
      description: `Runs approved gp2-to-gp3 changes and snapshot deletions of ${describedPath(this)}`,
      timeout: Duration.seconds(60),
      memorySize: 256,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
      // The policy the executor re-applies before it acts: see storage-actions.ts EXECUTOR_ENVIRONMENT.
      environment: {
        PROTECTION_TAG_KEY: props.protectionTagKey,
        SNAPSHOT_RETENTION_DAYS: props.snapshotRetentionDays,
        ...(props.autoApproveBelowMonthlySavings === undefined ? {} : { AUTO_APPROVAL_MAX_MONTHLY_SAVINGS: props.autoApproveBelowMonthlySavings }),
        ...(props.member === undefined ? {} : {
          MEMBER_EXECUTOR_ROLE_NAME: props.member.executorRoleName,
          ORGANIZATION_REGIONS: JSON.stringify(props.member.regions),
        }),
      },
    });
  }

  /**
   * An approved action in a member account runs through that account's executor role, whichever
   * account it is: exactly the role of that name, in any account (the member accounts are known at
   * run time only). The member role holds the same narrow EC2 permissions and protection-tag Deny.
   */
  private allowMemberExecution(role: iam.Role, executorRoleName: string): void {
    const memberExecutorRoles = Stack.of(this).formatArn({ service: 'iam', region: '', account: '*', resource: 'role', resourceName: executorRoleName });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'AssumeMemberExecutorRole', actions: ['sts:AssumeRole'], resources: [memberExecutorRoles] }));
    acknowledgeRules(role, [{
      id: wildcardResourceFindingId(this, memberExecutorRoles),
      reason: `Approved actions run in the account of their resource, known only at run time; only the role named ${executorRoleName}, which trusts this role alone`,
    }]);
  }

  private createDecisionFunction(props: ApprovalWorkflowProps, functionName: string): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'DecisionLogs', { retention: props.logRetention });
    const role = new iam.Role(this, 'DecisionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Delivers approval decisions to the workflow of ${describedPath(this)}`,
    });
    logGroup.grantWrite(role);
    return new ApprovalDecisionFunction(this, 'DecisionFunction', {
      functionName,
      description: `Delivers APPROVE / REJECT decisions to the approval workflow of ${describedPath(this)}`,
      timeout: Duration.seconds(30),
      memorySize: 128,
      architecture: lambda.Architecture.ARM_64,
      role,
      logGroup,
    });
  }
}

/**
 * The decision wait plus an hour for the actions, within the one-year limit of a Standard execution.
 * A wait known only at deploy time cannot be added to at synth: the execution may then run the year.
 */
function executionTimeout(decisionTimeout: Duration): Duration {
  if (decisionTimeout.isUnresolved()) return Duration.days(365);
  const withActions = decisionTimeout.plus(Duration.hours(1));
  return withActions.toSeconds() > Duration.days(365).toSeconds() ? Duration.days(365) : withActions;
}
