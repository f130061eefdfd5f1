import { Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { handlerTier, longestDecisionTimeout, mostRequiredApprovers, resolveProtectedTags, resolveTiers } from './approval-governance';
import { describedPath } from './described-path';
import { PRICE_LIST_ACTION, PRICE_LIST_WILDCARD_REASON } from './price-list-grant';
import { STATE_MACHINE_MAX_EXECUTION_DAYS } from '../../core/limits/optimization';
import { backupSnapshotStatements, protectedTagDenial } from '../../core/private/ec2-executor-policy';
import { jsonLogging } from '../../core/private/function-logging';
import { acknowledgeRules, wildcardResourceFindingId } from '../../core/private/nag';
import { confineStateMachineTrust } from '../../core/private/state-machine-trust';
import { ApprovalDecisionFunction } from '../approval-decision-function';
import { ApprovalOptions, ProtectedTag } from '../approval-options';
import { ApprovalTallyFunction } from '../approval-tally-function';
import { StorageActionFunction } from '../storage-action-function';

/** What the workflow needs from the pipeline. */
export interface ApprovalWorkflowProps {
  readonly approvalTopic: sns.ITopic;
  /** The approval options: tiers, protected tags, snapshot before modify. */
  readonly approval: ApprovalOptions;
  readonly protectionTagKey: string;
  /** The storage optimizer's retention: the executor re-checks a snapshot's age against it. */
  readonly snapshotRetentionDays: string;
  /** USD/month below which the executor accepts a policy approval; undefined: none. */
  readonly autoApproveBelowMonthlySavings?: string;
  readonly logRetention: logs.RetentionDays;
  /** With an organization scope: the member executor role to assume, and the Regions it may act in. */
  readonly member?: { readonly executorRoleName: string; readonly regions: string[] };
  /** Where the executor records each change it made, for the realized-savings follow-up (see realizedSavingsLedger). */
  readonly ledger: RealizedSavingsLedger;
}

/** The realized-savings ledger: executed changes under `<prefix>/pending/`, settled ones under `<prefix>/settled/`. */
export interface RealizedSavingsLedger {
  readonly bucket: s3.IBucket;
  /** Without a trailing slash. */
  readonly prefix: string;
}

/**
 * What the auto path hands the executor as `approval`: a constant of the definition, which the
 * execution input cannot set. Same value as POLICY_APPROVAL_MARKER in
 * src/runtime/optimization-handlers/storage-actions.ts (constructs never import the runtime).
 */
const POLICY_APPROVAL_MARKER = 'APPROVED_BY_POLICY';

/** How long the workflow waits between two looks at a volume's modification. */
const VERIFICATION_INTERVAL = Duration.seconds(30);
/** Same as MAX_VERIFICATION_ATTEMPTS in storage-actions.ts: the looks at one modification. */
const MAX_VERIFICATION_ATTEMPTS = 10;

/**
 * The per-run approval workflow: a Map over the run's storage actions; each is auto-approved
 * (when the run marked it so) or collects decisions by task token until its tier's count of
 * distinct approvers approved, one allowed approver rejected, or a wait timed out. Approved ones
 * run in the executor (snapshot, change) and a volume change is verified until it reached gp3;
 * the run ends with a report of every action's outcome, published to the approval topic.
 */
export class ApprovalWorkflow extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly decisionFunction: lambda.Function;
  /** The decision function's URL (AWS_IAM auth): the signed request names the approver. */
  public readonly decisionUrl: lambda.FunctionUrl;
  public readonly executor: lambda.Function;
  /** Opens, counts and reports approvals (no AWS call). */
  public readonly tallyFunction: lambda.Function;

  constructor(scope: Construct, id: string, props: ApprovalWorkflowProps) {
    super(scope, id);
    // The Duration objects stay on the construct side: the handlers read seconds.
    const tiersJson = Stack.of(this).toJsonString(resolveTiers(props.approval).map(handlerTier));
    this.executor = this.createExecutor(props, tiersJson);
    this.tallyFunction = this.createTallyFunction(props, tiersJson);
    // A name known at synth: the approval message names it, and a reference would make the state
    // machine depend on the function whose policy depends on the state machine.
    const decisionFunctionName = Names.uniqueResourceName(this, { maxLength: 56, separator: '-' }) + '-decide';
    this.decisionFunction = this.createDecisionFunction(props, decisionFunctionName);

    this.decisionUrl = this.decisionFunction.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(this.definition(props, decisionFunctionName)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: executionTimeout(props.approval),
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    confineStateMachineTrust(this.stateMachine);
    this.stateMachine.grantTaskResponse(this.decisionFunction);
    // SnsPublish grants sns:Publish only; the topic's KMS key must let the state machine encrypt too.
    props.approvalTopic.grantPublish(this.stateMachine);
    const invokedFunctionFinding = (fn: lambda.Function, what: string) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
      reason: `Invoking the ${what} by any of its versions is what LambdaInvoke grants; it is this one function only`,
    });
    acknowledgeRules(this.stateMachine.role, [
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'Step Functions log delivery (logs:*LogDelivery*, DescribeResourcePolicies) and X-Ray tracing '
          + '(xray:PutTraceSegments...) have no resource-level permissions',
      },
      invokedFunctionFinding(this.executor, 'executor'),
      invokedFunctionFinding(this.tallyFunction, 'tally function'),
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'Publishing to the encrypted approval topic needs the GenerateDataKey variants, on that topic\'s key only',
      },
    ]);
  }

  /**
   * Map over the actions. Per action: the policy path, or the decision loop (open the approval in
   * its tier, ask, record the decision, ask again until decided); then execute, verify a volume
   * change, and keep one record of the item. After the Map: the run's report.
   */
  private definition(props: ApprovalWorkflowProps, decisionFunctionName: string): sfn.IChainable {
    const invoke = (id: string, fn: lambda.IFunction, payload: Record<string, unknown>, resultPath: string) => new tasks.LambdaInvoke(this, id, {
      lambdaFunction: fn,
      payload: sfn.TaskInput.fromObject(payload),
      payloadResponseOnly: true,
      resultPath,
      retryOnServiceExceptions: true,
    });
    // One record per item, whatever path it took: the execution output and the report read it.
    const record = new sfn.Pass(this, 'RecordOutcome', {
      parameters: { 'opportunityId.$': '$.action.opportunityId', 'outcome.$': '$.outcome', 'approval.$': '$.approval' },
    });

    // The executor gets the action AND how it was approved, as one object: `approval` is either the
    // policy marker (auto path) or the tally of people's decisions. A bare `fromJsonPathAt('$.action')`
    // with payloadResponseOnly rendered `"Parameters": "$.action"`, and the executor received that
    // literal string (aws/aws-cdk#22390, #34260).
    // The execution's start is when the run asked for approval: the ledger's time to implement starts there.
    const execute = invoke('ExecuteApprovedAction', this.executor, {
      action: sfn.JsonPath.objectAt('$.action'),
      approval: sfn.JsonPath.objectAt('$.approval'),
      requestedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
    }, '$.outcome');
    // One action that cannot run (e.g. the volume is being modified already) does not stop the others;
    // the executor's error alarm tells someone, and the item's outcome keeps the failure.
    const failed = (id: string) => new sfn.Pass(this, id, {
      parameters: {
        'opportunityId.$': '$.action.opportunityId',
        'resourceId.$': '$.action.resourceId',
        'change.$': '$.action.action',
        'outcome': 'FAILED',
        'error.$': '$.failure.Error',
        'reason.$': '$.failure.Cause',
      },
      resultPath: '$.outcome',
    }).next(record);
    execute.addCatch(failed('ActionFailed'), { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

    // A volume change is looked at until it reached gp3 (optimizing or completed), failed, or the looks ran out.
    const verify = invoke('VerifyModification', this.executor, {
      action: sfn.JsonPath.objectAt('$.action'),
      verify: sfn.JsonPath.objectAt('$.outcome'),
    }, '$.outcome');
    verify.addCatch(failed('VerificationFailed'), { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    const waitForModification = new sfn.Wait(this, 'WaitForModification', { time: sfn.WaitTime.duration(VERIFICATION_INTERVAL) });
    const verificationPending = new sfn.Choice(this, 'VerificationPending?')
      .when(sfn.Condition.and(
        sfn.Condition.isPresent('$.outcome.verificationPending'),
        sfn.Condition.booleanEquals('$.outcome.verificationPending', true),
      ), waitForModification)
      .otherwise(record);
    waitForModification.next(verify);
    verify.next(verificationPending);
    execute.next(verificationPending);

    const rejected = new sfn.Pass(this, 'Rejected', {
      parameters: { 'outcome': 'REJECTED', 'reason.$': '$.approval.reason' },
      resultPath: '$.outcome',
    }).next(record);
    // A wait that timed out ends the action: nobody decided in the tier's time.
    const timedOut = new sfn.Pass(this, 'TimedOut', {
      parameters: { 'outcome': 'TIMED_OUT', 'reason.$': '$.rejection.Error' },
      resultPath: '$.outcome',
    }).next(record);

    const recordDecision = invoke('RecordDecision', this.tallyFunction, {
      action: sfn.JsonPath.objectAt('$.action'),
      approval: sfn.JsonPath.objectAt('$.approval'),
      decision: sfn.JsonPath.objectAt('$.decision'),
    }, '$.approval');
    // One request state per tier, each with its tier's timeout as a constant: TimeoutSecondsPath is read from the
    // state input by Step Functions but from the rendered Parameters by the local interpreter, so neither could be trusted.
    const whichTier = new sfn.Choice(this, 'WhichTier?').otherwise(rejected);
    resolveTiers(props.approval).forEach((tier, index) => {
      const ask = this.askApprover(index === 0 ? 'AskApprover' : `AskApprover${index + 1}`, props, decisionFunctionName, tier.decisionTimeout);
      ask.addCatch(timedOut, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.rejection' });
      ask.next(recordDecision);
      whichTier.when(sfn.Condition.stringEquals('$.approval.tier.name', tier.name), ask);
    });
    const decided = new sfn.Choice(this, 'Decided?')
      .when(sfn.Condition.stringEquals('$.approval.status', 'APPROVED'), execute)
      .when(sfn.Condition.stringEquals('$.approval.status', 'REJECTED'), rejected)
      .otherwise(whichTier);
    recordDecision.next(decided);
    const openApproval = invoke('OpenApproval', this.tallyFunction, { action: sfn.JsonPath.objectAt('$.action') }, '$.approval');
    openApproval.next(decided);

    const approvedByPolicy = new sfn.Pass(this, 'ApprovedByPolicy', { result: sfn.Result.fromString(POLICY_APPROVAL_MARKER), resultPath: '$.approval' });
    approvedByPolicy.next(execute);
    // `autoApprove` only routes: the executor accepts the marker only for what the policy would approve.
    const route = new sfn.Choice(this, 'AutoApproved?')
      .when(sfn.Condition.booleanEquals('$.action.autoApprove', true), approvedByPolicy)
      .otherwise(openApproval);

    const eachAction = new sfn.Map(this, 'EachAction', {
      itemsPath: '$.actions',
      // Only the action and the report location enter an item: no `approval` from the input.
      itemSelector: { 'action.$': '$$.Map.Item.Value', 'reportLocation.$': '$.reportLocation' },
      maxConcurrency: 10,
      resultSelector: { 'items.$': '$' },
    });
    eachAction.itemProcessor(route);

    // The report of every action's outcome, and of the resources the run found protected.
    const report = invoke('ReportOutcomes', this.tallyFunction, {
      report: {
        runId: sfn.JsonPath.stringAt('$$.Execution.Input.runId'),
        reportLocation: sfn.JsonPath.stringAt('$$.Execution.Input.reportLocation'),
        items: sfn.JsonPath.objectAt('$.items'),
        protected: sfn.JsonPath.objectAt('$$.Execution.Input.protected'),
      },
    }, '$.report');
    const publishReport = new tasks.SnsPublish(this, 'PublishReport', {
      topic: props.approvalTopic,
      subject: 'FinOps: outcome of the approved storage changes',
      message: sfn.TaskInput.fromJsonPathAt('$.report'),
      resultPath: sfn.JsonPath.DISCARD,
    });
    return eachAction.next(report).next(publishReport);
  }

  /** Publishes one approval request and waits for its task token, at most the tier's decision timeout. */
  private askApprover(id: string, props: ApprovalWorkflowProps, decisionFunctionName: string, timeout: Duration): tasks.SnsPublish {
    return new tasks.SnsPublish(this, id, {
      topic: props.approvalTopic,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      subject: 'FinOps: a storage change waits for your approval',
      message: sfn.TaskInput.fromObject({
        request: sfn.JsonPath.stringAt('$.action.description'),
        action: sfn.JsonPath.objectAt('$.action'),
        report: sfn.JsonPath.stringAt('$.reportLocation'),
        tier: sfn.JsonPath.objectAt('$.approval.tier'),
        decisionsSoFar: sfn.JsonPath.objectAt('$.approval.decisions'),
        taskToken: sfn.JsonPath.taskToken,
        howToDecide: 'POST {"taskToken": "<taskToken>", "decision": "APPROVE" or "REJECT", "comment": "..."} to the function URL of '
          + `${decisionFunctionName} (aws lambda get-function-url-config --function-name ${decisionFunctionName}), signed with `
          + 'your AWS credentials (SigV4, service "lambda"); your IAM ARN is recorded with the decision, and counts only if the tier '
          + 'lists you (or lists nobody) and you have not approved this action already',
      }),
      taskTimeout: sfn.Timeout.duration(timeout),
      resultPath: '$.decision',
    });
  }

  /**
   * Its role may call exactly ModifyVolume and DeleteSnapshot in its region (CreateSnapshot too, for
   * backups tagged as such), and Describe to re-check and verify, nothing else; never on a protected resource.
   */
  private createExecutor(props: ApprovalWorkflowProps, tiersJson: string): lambda.Function {
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
    denyProtectedResources(role, props.protectionTagKey, resolveProtectedTags(props.approval));
    const snapshotBeforeModify = props.approval.snapshotBeforeModify ?? true;
    if (snapshotBeforeModify) allowBackupSnapshots(role);
    // "All Amazon EC2 actions support the ec2:Region condition key."
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-supported-iam-actions-resources.html
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'RecheckBeforeActing',
      actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:DescribeVolumesModifications'],
      resources: ['*'],
      conditions: { StringEquals: { 'ec2:Region': stack.region } },
    }));
    // The saving an approval is checked against is priced at the Price List's current EBS prices.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadEbsPrices', actions: [PRICE_LIST_ACTION], resources: ['*'] }));
    // How cdk-nag spells the ARNs in its finding ids: pseudo parameters in angle brackets.
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    acknowledgeRules(role, [
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'ec2:DescribeVolumes, ec2:DescribeSnapshots and ec2:DescribeVolumesModifications support no resource-level permissions '
          + `(they are limited to this region by ec2:Region); the Deny on protected volumes and snapshots must cover every one. ${PRICE_LIST_WILDCARD_REASON}`,
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:${region}:${account}:volume/*]`,
        reason: 'The volumes to change are only known at run time, after approval; only ec2:ModifyVolume (and ec2:CreateSnapshot of '
          + 'them before) is allowed on them, in this account and region, never on a protected volume',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:${region}::snapshot/*]`,
        reason: 'The snapshots to delete are only known at run time, after approval; only ec2:DeleteSnapshot in this region, '
          + 'never on a protected snapshot; and creating (and tagging on creation) backup snapshots tagged finops:action=backup-before-gp3',
      },
    ]);
    if (props.member) this.allowMemberExecution(role, props.member.executorRoleName);
    allowLedgerRecords(role, props.ledger);
    // In its own account, volumes and snapshots of the stack's region only: the storage optimizer inventories that region.
    return new StorageActionFunction(this, 'Executor', {
      description: `Runs and verifies approved gp2-to-gp3 changes and snapshot deletions of ${describedPath(this)}`,
      timeout: Duration.seconds(60),
      memorySize: 256,
      architecture: lambda.Architecture.ARM_64,
      role,
      ...jsonLogging(logGroup),
      // The policy the executor re-applies before it acts: see storage-actions.ts EXECUTOR_ENVIRONMENT.
      environment: {
        PROTECTION_TAG_KEY: props.protectionTagKey,
        PROTECTED_TAGS: JSON.stringify(resolveProtectedTags(props.approval)),
        APPROVAL_TIERS: tiersJson,
        SNAPSHOT_BEFORE_MODIFY: String(snapshotBeforeModify),
        SNAPSHOT_RETENTION_DAYS: props.snapshotRetentionDays,
        LEDGER_BUCKET: props.ledger.bucket.bucketName,
        LEDGER_PREFIX: props.ledger.prefix,
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

  /** Counts decisions against the tiers and writes the run's report: no AWS permission beyond its logs. */
  private createTallyFunction(props: ApprovalWorkflowProps, tiersJson: string): lambda.Function {
    const logGroup = new logs.LogGroup(this, 'TallyLogs', { retention: props.logRetention });
    const role = new iam.Role(this, 'TallyRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Counts approval decisions of ${describedPath(this)} against its tiers`,
    });
    logGroup.grantWrite(role);
    return new ApprovalTallyFunction(this, 'TallyFunction', {
      description: `Counts approval decisions against the tiers of ${describedPath(this)}, and reports outcomes`,
      timeout: Duration.seconds(10),
      memorySize: 128,
      architecture: lambda.Architecture.ARM_64,
      role,
      ...jsonLogging(logGroup),
      environment: { APPROVAL_TIERS: tiersJson },
    });
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
      ...jsonLogging(logGroup),
    });
  }
}

/**
 * The waits an action needs (the most approvers any tier needs, each for the longest decision
 * timeout), the verification looks, and an hour for the actions, within the one-year limit of a
 * Standard execution. Refused decisions restart a wait without adding to this: an execution they
 * stretch past it times out, nothing of it still waiting is executed, and the alarm tells someone.
 * A wait known only at deploy time cannot be added to at synth: the execution may then run the year.
 */
function executionTimeout(approval: ApprovalOptions): Duration {
  const year = Duration.days(STATE_MACHINE_MAX_EXECUTION_DAYS);
  const wait = longestDecisionTimeout(approval);
  if (wait.isUnresolved()) return year;
  const seconds = wait.toSeconds() * mostRequiredApprovers(approval)
    + VERIFICATION_INTERVAL.toSeconds() * MAX_VERIFICATION_ATTEMPTS + Duration.hours(1).toSeconds();
  return seconds > year.toSeconds() ? year : Duration.seconds(seconds);
}

/**
 * Denies the executor's changes on every protected resource: the storage optimizer's protection
 * tag key (any value), and each protected tag, under both tag condition keys.
 */
function denyProtectedResources(role: iam.Role, protectionTagKey: string, protectedTags: ProtectedTag[]): void {
  [{ key: protectionTagKey }, ...protectedTags].forEach((tag, index) => {
    role.addToPrincipalPolicy(protectedTagDenial(`NeverChangeProtectedResources${index}`, tag, 'aws'));
    role.addToPrincipalPolicy(protectedTagDenial(`NeverChangeProtectedResources${index}Ec2Key`, tag, 'ec2'));
  });
}

/** The backup snapshot before a volume changes, in the executor's own account and region. */
function allowBackupSnapshots(role: iam.Role): void {
  const stack = Stack.of(role);
  backupSnapshotStatements(
    stack.formatArn({ service: 'ec2', resource: 'volume', resourceName: '*' }),
    stack.formatArn({ service: 'ec2', account: '', resource: 'snapshot', resourceName: '*' }),
  ).forEach((statement) => role.addToPrincipalPolicy(statement));
}

/**
 * The executor records each change it made under the ledger's pending prefix (any account and
 * Region the change was in), and nothing else in the bucket: no read, no delete.
 */
function allowLedgerRecords(role: iam.Role, ledger: RealizedSavingsLedger): void {
  const pending = ledger.bucket.arnForObjects(`${ledger.prefix}/pending/*`);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'RecordExecutedChanges', actions: ['s3:PutObject'], resources: [pending] }));
  ledger.bucket.encryptionKey?.grantEncrypt(role);
  acknowledgeRules(role, [{
    id: wildcardResourceFindingId(role, pending),
    reason: 'One ledger object per executed change, named by its account, Region and resource, known at run time only; write-only, under the ledger\'s pending prefix',
  }]);
}
