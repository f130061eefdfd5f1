import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Construct } from 'constructs';
import type { RealizedSavingsLedger } from './approval-workflow';
import { describedPath } from './described-path';
import { ORGANIZATION_DEFAULTS } from './organization-rules';
import { PRICE_LIST_ACTION, PRICE_LIST_WILDCARD_REASON } from './price-list-grant';
import { jsonLogging } from '../../core/private/function-logging';
import { acknowledgeRules, wildcardResourceFindingId } from '../../core/private/nag';
import { confineStateMachineTrust } from '../../core/private/state-machine-trust';
import type { OrganizationScope } from '../organization-scope';
import { OrganizationTargetsFunction } from '../organization-targets-function';
import { StorageMergeFunction } from '../storage-merge-function';
import { StorageScanFunction } from '../storage-scan-function';

/** What the organization-wide storage run needs from the pipeline. */
export interface OrganizationRunProps {
  readonly scope: OrganizationScope;
  readonly reportBucket: s3.IBucket;
  readonly reportPrefix: string;
  /** The merge step's environment: the storage optimizer's, as the single-account function gets it. */
  readonly mergeEnvironment: Record<string, string>;
  /** The merge step's role: writes reports, metrics, the summary, starts the approval workflow. */
  readonly mergeRole: iam.Role;
  readonly mergeLogGroup: logs.ILogGroup;
  /** The storage optimizer's policy (retention, protection tag), for the scans. */
  readonly policy: string;
  readonly logRetention: logs.RetentionDays;
  /** With an approval workflow: the ledger whose executed changes each scan settles and the merge moves. */
  readonly ledger?: RealizedSavingsLedger;
}

/** The ledger's location for the scan and the merge (see realized-savings-ledger.ts), when there is one. */
function ledgerEnvironment(ledger: RealizedSavingsLedger | undefined): Record<string, string> {
  return ledger === undefined ? {} : { LEDGER_BUCKET: ledger.bucket.bucketName, LEDGER_PREFIX: ledger.prefix };
}

/** The Lambda errors worth another attempt: throttling and the Lambda service's own failures. */
const RETRIED_ERRORS = [
  'Lambda.TooManyRequestsException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException',
  // Thrown by the scan when STS or EC2 still throttle after the SDK's own retries.
  'Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException',
];

/**
 * The storage optimizer over accounts x Regions: a Standard state machine that lists the targets
 * into S3, scans each account and Region in a Distributed Map (items read from S3, results written
 * to S3, one failed item recorded and never stopping the run), and merges everything into one report.
 */
export class OrganizationRun extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly targetsFunction: lambda.Function;
  public readonly scanFunction: lambda.Function;
  public readonly mergeFunction: lambda.Function;

  constructor(scope: Construct, id: string, props: OrganizationRunProps) {
    super(scope, id);
    // aws-cdk-lib renders `resultWriterV2` only under this flag (V1 is deprecated); set on this
    // construct alone, before its children, so the user's app keeps its own flags.
    this.node.setContext(cxapi.STEPFUNCTIONS_USE_DISTRIBUTED_MAP_RESULT_WRITER_V2, true);
    const organization = props.scope;
    const regions = organization.regions;
    const reportObjects = props.reportBucket.arnForObjects(`${props.reportPrefix}/*`);

    this.targetsFunction = this.createTargetsFunction(props, reportObjects);
    this.scanFunction = this.createScanFunction(props, reportObjects, regions);
    this.mergeFunction = new StorageMergeFunction(this, 'Merge', {
      description: `Merges the organization-wide storage run of ${describedPath(this)} into one report`,
      timeout: Duration.minutes(15),
      memorySize: 1769,
      architecture: lambda.Architecture.ARM_64,
      role: props.mergeRole,
      ...jsonLogging(props.mergeLogGroup),
      environment: { ...props.mergeEnvironment, ...this.businessUnitEnvironment(props), ...ledgerEnvironment(props.ledger) },
    });
    // The merge reads the run's results and findings, under the report prefix only.
    props.mergeRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadRunObjects', actions: ['s3:GetObject'], resources: [reportObjects] }));
    props.reportBucket.encryptionKey?.grantDecrypt(props.mergeRole);
    if (props.ledger) this.allowMovingSettledChanges(props.mergeRole, props.ledger);

    const listTargets = new tasks.LambdaInvoke(this, 'ListTargets', {
      lambdaFunction: this.targetsFunction,
      payload: sfn.TaskInput.fromObject({ scheduledTime: sfn.JsonPath.stringAt('$.scheduledTime'), executionName: sfn.JsonPath.executionName }),
      payloadResponseOnly: true,
      resultPath: '$.targets',
      retryOnServiceExceptions: true,
    });
    const scan = new tasks.LambdaInvoke(this, 'ScanAccountRegion', {
      lambdaFunction: this.scanFunction,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    });
    scan.addRetry({ errors: RETRIED_ERRORS, interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 5, jitterStrategy: sfn.JitterType.FULL });
    // The failure becomes the item's result: the merge names the account and Region, the run goes on.
    scan.addCatch(new sfn.Pass(this, 'ScanFailed'), { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

    const resultsPrefix = `${props.reportPrefix}/organization-runs/results`;
    const eachAccountRegion = new sfn.DistributedMap(this, 'EachAccountRegion', {
      itemReader: new sfn.S3JsonItemReader({ bucket: props.reportBucket, key: sfn.JsonPath.stringAt('$.targets.itemsKey') }),
      itemSelector: {
        'item.$': '$$.Map.Item.Value',
        'runPrefix.$': '$.targets.runPrefix',
        'runAt.$': '$.targets.runAt',
      },
      // "Exporting the results to an Amazon S3 bucket is helpful if your output payload size exceeds 256 KiB."
      // https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
      resultWriterV2: new sfn.ResultWriterV2({ bucket: props.reportBucket, prefix: resultsPrefix }),
      // Every item catches its own failure; a child execution that still fails is named by the merge, never stops it.
      toleratedFailurePercentage: 100,
      maxConcurrency: organization.maxConcurrency ?? ORGANIZATION_DEFAULTS.maxConcurrency,
      mapExecutionType: sfn.StateMachineType.STANDARD,
      resultPath: '$.results',
    });
    eachAccountRegion.itemProcessor(scan);

    const merge = new tasks.LambdaInvoke(this, 'MergeReport', {
      lambdaFunction: this.mergeFunction,
      payload: sfn.TaskInput.fromObject({ targets: sfn.JsonPath.objectAt('$.targets'), results: sfn.JsonPath.objectAt('$.results.ResultWriterDetails') }),
      payloadResponseOnly: true,
      retryOnServiceExceptions: true,
    });

    const logGroup = new logs.LogGroup(this, 'Logs', { retention: props.logRetention });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      definitionBody: sfn.DefinitionBody.fromChainable(listTargets.next(eachAccountRegion).next(merge)),
      stateMachineType: sfn.StateMachineType.STANDARD,
      timeout: Duration.hours(24),
      tracingEnabled: true,
      // Every state transition is logged (reviewers and cdk-nag's AwsSolutions-SF1 ask for ALL); the
      // payloads are not: they name accounts and resources, and the report holds them.
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    confineStateMachineTrust(this.stateMachine);
    props.reportBucket.encryptionKey?.grantEncryptDecrypt(this.stateMachine);
    this.acknowledgeStateMachineRole(props.reportBucket);
  }

  /** With a business-unit cost category, the merge reads the accounts' values: one GetCostAndUsage (paged) per run. */
  private businessUnitEnvironment(props: OrganizationRunProps): Record<string, string> {
    const category = props.scope.businessUnitCostCategory;
    if (category === undefined) return {};
    props.mergeRole.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadBusinessUnits', actions: ['ce:GetCostAndUsage'], resources: ['*'] }));
    acknowledgeRules(props.mergeRole, [{
      id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
      reason: 'ce:GetCostAndUsage has no resource-level permissions (Cost Explorer is account-wide); the merge reads the business units with it',
    }]);
    return { BUSINESS_UNIT_COST_CATEGORY: category.costCategoryName };
  }

  /** Lists the organization's accounts; writes the items under the report prefix. */
  private createTargetsFunction(props: OrganizationRunProps, reportObjects: string): lambda.Function {
    const role = this.functionRole('TargetsRole', `Lists the target accounts of ${describedPath(this)}`);
    // "can be called only from the organization's management account or by a member account that is a delegated administrator"
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ListOrganizationAccounts',
      actions: ['organizations:ListAccounts', 'organizations:ListAccountsForParent', 'organizations:ListChildren'],
      resources: ['*'],
    }));
    this.grantWriteUnderPrefix(role, props.reportBucket, reportObjects);
    acknowledgeRules(role, [
      { id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]', reason: 'organizations:List* read the organization, whose id the stack does not know; read-only' },
      { id: wildcardResourceFindingId(this, reportObjects), reason: 'The run\'s keys hold its date and execution name; writing is limited to the report prefix' },
    ]);
    return new OrganizationTargetsFunction(this, 'Targets', {
      description: `Lists the accounts x Regions of the organization-wide storage run of ${describedPath(this)}`,
      timeout: Duration.minutes(5),
      memorySize: 512,
      architecture: lambda.Architecture.ARM_64,
      role,
      ...jsonLogging(this.logGroupFor(role, 'TargetsLogs', props.logRetention)),
      environment: {
        ORGANIZATION_TARGETS: JSON.stringify({ kind: props.scope.targets.kind, ids: props.scope.targets.ids }),
        ORGANIZATION_REGIONS: JSON.stringify(props.scope.regions),
        REPORT_BUCKET: props.reportBucket.bucketName,
        REPORT_PREFIX: props.reportPrefix,
      },
    });
  }

  /** Assumes the member read role of any account (by its name only) and inventories one Region. */
  private createScanFunction(props: OrganizationRunProps, reportObjects: string, regions: string[]): lambda.Function {
    const stack = Stack.of(this);
    const readRoleName = props.scope.readRoleName ?? ORGANIZATION_DEFAULTS.readRoleName;
    const role = this.functionRole('ScanRole', `Scans one member account and Region for ${describedPath(this)}`);
    const memberReadRoles = stack.formatArn({ service: 'iam', region: '', account: '*', resource: 'role', resourceName: readRoleName });
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'AssumeMemberReadRole', actions: ['sts:AssumeRole'], resources: [memberReadRoles] }));
    // The pipeline's own account is scanned with this role, in the scope's Regions only.
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ReadOwnInventory',
      actions: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
      resources: ['*'],
      conditions: { StringEquals: { 'ec2:Region': regions } },
    }));
    // EBS prices are read with this role, never a member's: the member read role has no Price List grant.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadEbsPrices', actions: [PRICE_LIST_ACTION], resources: ['*'] }));
    this.grantWriteUnderPrefix(role, props.reportBucket, reportObjects);
    acknowledgeRules(role, [
      {
        id: wildcardResourceFindingId(this, memberReadRoles),
        reason: `The member accounts are listed at run time; only the role named ${readRoleName} in each, which trusts this role alone`,
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: `EC2 Describe APIs have no resource-level permissions; limited to the scope's Regions by ec2:Region. ${PRICE_LIST_WILDCARD_REASON}`,
      },
      { id: wildcardResourceFindingId(this, reportObjects), reason: 'Findings keys hold the run and the account; writing is limited to the report prefix' },
    ]);
    if (props.ledger) this.allowReadingPendingChanges(role, props.ledger);
    return new StorageScanFunction(this, 'Scan', {
      description: `Scans one account and Region of the organization-wide storage run of ${describedPath(this)}`,
      timeout: props.scope.scanTimeout ?? Duration.seconds(ORGANIZATION_DEFAULTS.scanTimeoutSeconds),
      memorySize: 512,
      architecture: lambda.Architecture.ARM_64,
      role,
      ...jsonLogging(this.logGroupFor(role, 'ScanLogs', props.logRetention)),
      environment: {
        REPORT_BUCKET: props.reportBucket.bucketName,
        OPTIMIZATION_POLICY: props.policy,
        MEMBER_READ_ROLE_NAME: readRoleName,
        ...ledgerEnvironment(props.ledger),
      },
    });
  }

  /**
   * Each scan reads the executed changes of its account and Region with its own role (the member
   * read role never sees the ledger): it lists and reads under the ledger's pending prefix, nothing
   * else of it, and moves nothing.
   */
  private allowReadingPendingChanges(role: iam.Role, ledger: RealizedSavingsLedger): void {
    const pendingObjects = ledger.bucket.arnForObjects(`${ledger.prefix}/pending/*`);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadPendingChanges', actions: ['s3:GetObject'], resources: [pendingObjects] }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ListPendingChanges',
      actions: ['s3:ListBucket'],
      resources: [ledger.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': `${ledger.prefix}/pending/*` } },
    }));
    ledger.bucket.encryptionKey?.grantDecrypt(role);
    acknowledgeRules(role, [{
      id: wildcardResourceFindingId(this, pendingObjects),
      reason: 'One ledger object per executed change, its key holding the account, Region and resource, known at run time only; read-only, under the ledger\'s pending prefix',
    }]);
  }

  /**
   * The merge moves the changes the scans settled once the report is written: it writes each under
   * the ledger's settled prefix and deletes it from pending, nothing else of the ledger.
   */
  private allowMovingSettledChanges(role: iam.Role, ledger: RealizedSavingsLedger): void {
    const settledObjects = ledger.bucket.arnForObjects(`${ledger.prefix}/settled/*`);
    const pendingObjects = ledger.bucket.arnForObjects(`${ledger.prefix}/pending/*`);
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'RecordSettledChanges', actions: ['s3:PutObject'], resources: [settledObjects] }));
    // Read before the delete: an entry the executor rewrote since the scan read it stays pending.
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'RemoveSettledChanges', actions: ['s3:GetObject', 's3:DeleteObject'], resources: [pendingObjects] }));
    ledger.bucket.encryptionKey?.grantEncryptDecrypt(role);
    const reason = 'One ledger object per executed change, its key holding the account, Region and resource, known at run time only';
    acknowledgeRules(role, [
      { id: wildcardResourceFindingId(this, settledObjects), reason: `${reason}; written under the ledger's settled prefix once the report is written` },
      { id: wildcardResourceFindingId(this, pendingObjects), reason: `${reason}; read again and deleted from the ledger's pending prefix once settled and reported` },
    ]);
  }

  private functionRole(id: string, description: string): iam.Role {
    return new iam.Role(this, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), description });
  }

  private logGroupFor(role: iam.Role, id: string, retention: logs.RetentionDays): logs.LogGroup {
    const logGroup = new logs.LogGroup(this, id, { retention });
    logGroup.grantWrite(role);
    return logGroup;
  }

  private grantWriteUnderPrefix(role: iam.Role, bucket: s3.IBucket, reportObjects: string): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'WriteRunObjects', actions: ['s3:PutObject'], resources: [reportObjects] }));
    bucket.encryptionKey?.grantEncrypt(role);
  }

  private acknowledgeStateMachineRole(bucket: s3.IBucket): void {
    const stack = Stack.of(this);
    const logicalIdOf = (fn: lambda.Function) => stack.getLogicalId(fn.node.defaultChild as lambda.CfnFunction);
    acknowledgeRules(this.stateMachine.role, [
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'Step Functions log delivery and X-Ray tracing have no resource-level permissions',
      },
      ...[this.targetsFunction, this.scanFunction, this.mergeFunction].map((fn) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${logicalIdOf(fn)}.Arn>:*]`,
        reason: 'Invoking this one function by any of its versions is what LambdaInvoke grants',
      })),
      {
        id: wildcardResourceFindingId(this, bucket.arnForObjects('*')),
        reason: 'The Distributed Map\'s ItemReader and ResultWriter grant reading and writing objects of the report bucket (aws-cdk-lib grants them bucket-wide)',
      },
      {
        id: wildcardResourceFindingId(this, Stack.of(this).formatArn({ service: 's3', region: '', account: '', resource: bucket.bucketName, resourceName: '*' })),
        reason: 'The Distributed Map\'s ResultWriter grants writing objects of the report bucket by its name (aws-cdk-lib grants it bucket-wide); the results go under the run\'s prefix',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'Writing results to a KMS-encrypted report bucket needs the GenerateDataKey variants, on that bucket\'s key only',
      },
    ]);
    // aws-cdk-lib's Distributed Map policy lets the state machine manage its own child executions.
    const distributedMapPolicy = this.stateMachine.node.tryFindChild('DistributedMapPolicy') as iam.Policy | undefined;
    const statements: Array<{ Resource?: string | string[] }> = distributedMapPolicy?.document.toJSON()?.Statement ?? [];
    const wildcards = statements.flatMap((statement) => ([] as string[]).concat(statement.Resource ?? []))
      .filter((resource) => JSON.stringify(stack.resolve(resource)).includes('*'));
    if (distributedMapPolicy && wildcards.length > 0) {
      acknowledgeRules(distributedMapPolicy, wildcards.map((resource) => ({
        id: wildcardResourceFindingId(this, resource),
        reason: 'Describing and stopping the child executions of this state machine\'s own Distributed Map runs, which Step Functions names only at run time',
      })));
    }
  }

  /** Runs that failed, timed out or were aborted (Sum over 5 minutes). */
  public metricUnfinished(): cloudwatch.MathExpression {
    return new cloudwatch.MathExpression({
      expression: 'failed + timedOut + aborted',
      usingMetrics: {
        failed: this.stateMachine.metricFailed({ statistic: cloudwatch.Stats.SUM }),
        timedOut: this.stateMachine.metricTimedOut({ statistic: cloudwatch.Stats.SUM }),
        aborted: this.stateMachine.metricAborted({ statistic: cloudwatch.Stats.SUM }),
      },
      period: Duration.minutes(5),
      label: 'Organization-wide storage runs failed, timed out or aborted',
    });
  }
}
