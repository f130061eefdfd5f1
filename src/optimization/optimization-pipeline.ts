import { Annotations, Duration, Stack, Tags } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ApprovalOptions } from './approval-options';
import { CommitmentsFunction } from './commitments-function';
import { CostAnalysisFunction } from './cost-analysis-function';
import { Optimizer } from './optimizer';
import { OptimizerKind } from './optimizer-kind';
import { OptimizerRunTarget } from './optimizer-run-target';
import { OrganizationScope } from './organization-scope';
import { PriorityFormula } from './priority-formula';
import { resolveProtectedTags } from './private/approval-governance';
import { ApprovalWorkflow } from './private/approval-workflow';
import { describeParameters } from './private/athena-cost-queries';
import { describedPath } from './private/described-path';
import { checkEnvironmentSize } from './private/lambda-environment';
import { OptimizerConfig } from './private/optimizer-config';
import { ORGANIZATION_DEFAULTS, organizationViolations } from './private/organization-rules';
import { OrganizationRun } from './private/organization-run';
import { createPipelineDashboard } from './private/pipeline-dashboard';
import { pipelineViolations } from './private/pipeline-rules';
import { PRICE_LIST_ACTION, PRICE_LIST_WILDCARD_REASON } from './private/price-list-grant';
import { COST_EXPLORER_REQUESTS_TAG } from './private/tags';
import { RightsizingFunction } from './rightsizing-function';
import { StorageFunction } from './storage-function';
import { AlertPublisher, AlertTopic } from '../core/alert-topic';
import { ATHENA_NAMED_QUERY_DESCRIPTION_MAX_LENGTH, ATHENA_NAMED_QUERY_NAME_MAX_LENGTH } from '../core/limits/cur';
import { subscribeEmails } from '../core/private/email-subscriptions';
import { jsonLogging } from '../core/private/function-logging';
import { acknowledgeGrantedWildcards, acknowledgeRules, wildcardResourceFindingId } from '../core/private/nag';
import { fitName } from '../core/private/names';
import { resolveAlertTopic } from '../core/private/resolve-alert-topic';
import { fail, failOnFirst } from '../core/validation';
import type { CurReport } from '../cur/cur-report';
import { MemberRoleTrust } from '../organization/member-role-trust';

/**
 * Properties of an {@link OptimizationPipeline}.
 */
export interface OptimizationPipelineProps {
  /**
   * The optimizers to run, at most one of each kind.
   *
   * @default - all four with the seed's thresholds and schedules
   */
  readonly optimizers?: Optimizer[];

  /**
   * How each run ranks its opportunities (the rank and score in every report).
   *
   * @default PriorityFormula.SAVINGS_AND_RISK
   */
  readonly priorityFormula?: PriorityFormula;

  /**
   * The bucket reports are written to, under `reportPrefix/<account>/<yyyy>/<mm>/<dd>/<optimizer>-<HHMMSS>Z.{json,md,csv}`
   * (UTC, the scheduled moment of the run: every run keeps its own report, a retried run rewrites its own).
   *
   * @default - a new bucket: private, TLS only, S3-managed encryption, versioned, reports expiring after `reportRetention`
   */
  readonly reportBucket?: s3.IBucket;

  /**
   * The key prefix of reports; the functions may write under it only.
   *
   * @default 'reports'
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
   */
  readonly reportPrefix?: string;

  /**
   * How long reports are kept in the bucket this construct creates.
   *
   * @default Duration.days(400) (a year of reports and a month to compare with)
   */
  readonly reportRetention?: Duration;

  /**
   * The topic run summaries and alarms are published to.
   *
   * @default - a new topic encrypted with a customer-managed KMS key
   */
  readonly alertTopic?: sns.ITopic;

  /**
   * Email addresses subscribed to the alert topic.
   *
   * @default - none
   */
  readonly alertEmails?: string[];

  /**
   * Route storage actions through an approval workflow and execute only the approved ones.
   * Requires the storage optimizer.
   *
   * @default - no workflow: every finding is reported, nothing is ever changed
   */
  readonly approval?: ApprovalOptions;

  /**
   * The CloudWatch namespace of the pipeline's metrics (1-255 characters, not starting with "AWS/").
   * The optimizers log their metrics in the embedded metric format under it, in their log groups;
   * CloudWatch Logs extracts them, so the functions need no `cloudwatch:PutMetricData` permission.
   *
   * @default 'FinOps/Optimization'
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
   */
  readonly metricNamespace?: string;

  /**
   * Retention of every log group of the pipeline.
   *
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The dashboard's name (1-255 characters of A-Z, a-z, 0-9, "-" and "_").
   *
   * @default - a name generated by CloudFormation
   * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
   */
  readonly dashboardName?: string;

  /**
   * Run the storage optimizer over the accounts x Regions of an AWS Organization, from the
   * management account or a delegated administrator: one Step Functions run per schedule, one
   * report per run, approved actions executed in each member account through its executor role.
   * The member roles are declared by `memberRoleTrust()`.
   *
   * @default - the storage optimizer inventories the stack's own account and Region
   */
  readonly organization?: OrganizationScope;
}

/**
 * Scheduled optimizers that find savings, rank them, report them (S3 JSON / Markdown / CSV, an SNS
 * summary, CloudWatch metrics and a dashboard), and route the few changes they may make through
 * approval.
 *
 * Each optimizer is its own arm64 Lambda with its own least-privilege role, log group, schedule,
 * error alarm and on-failure queue. Rightsizing and commitment purchases are only ever
 * recommended; with `approval`, gp2-to-gp3 changes and deletions of snapshots past retention are
 * executed once approved.
 *
 * @example
 * new OptimizationPipeline(this, 'Optimization', {
 *   optimizers: [Optimizer.costAnalysis(), Optimizer.rightsizing({ minMonthlySavings: 100 }), Optimizer.storage()],
 *   alertEmails: ['finops@example.com'],
 *   approval: { autoApproveBelowMonthlySavings: 20, approverEmails: ['platform@example.com'] },
 * });
 */
export class OptimizationPipeline extends Construct {
  /** The bucket reports are written to. */
  public readonly reportBucket: s3.IBucket;
  /** The topic of run summaries and alarms. */
  public readonly alertTopic: sns.ITopic;
  /** Where failed asynchronous runs and undeliverable schedule invocations go. */
  public readonly failureQueue: sqs.IQueue;
  /**
   * The dashboard's four views, from CloudWatch metrics only (no Cost Explorer request): cost overview,
   * optimization opportunities, RI and Savings Plans utilization and coverage, anomalies.
   */
  public readonly dashboard: cloudwatch.Dashboard;
  /** The metric namespace. */
  public readonly metricNamespace: string;
  /** The approval workflow, when `approval` is set. */
  public readonly approvalStateMachine?: sfn.IStateMachine;
  /** The function approvers send their decision to, through its `AWS_IAM` function URL, when `approval` is set. */
  public readonly approvalDecisionFunction?: lambda.IFunction;
  /** The topic approval requests are published to, when `approval` is set. */
  public readonly approvalTopic?: sns.ITopic;
  /** The organization-wide storage run (list targets, Distributed Map over accounts x Regions, merge), when `organization` is set. */
  public readonly organizationStateMachine?: sfn.IStateMachine;

  private readonly functions = new Map<OptimizerKind, lambda.Function>();
  private readonly schedulerRole: iam.Role;
  private readonly reportPrefix: string;
  private readonly logRetention: logs.RetentionDays;
  private readonly priorityFormula: PriorityFormula;
  private readonly organization?: OrganizationScope;
  private organizationRun?: OrganizationRun;
  private approvalWorkflow?: ApprovalWorkflow;
  private storageProtectionTagKey?: string;
  private readonly approvalOptions?: ApprovalOptions;

  constructor(scope: Construct, id: string, props: OptimizationPipelineProps = {}) {
    super(scope, id);
    const optimizers = props.optimizers ?? [Optimizer.costAnalysis(), Optimizer.rightsizing(), Optimizer.storage(), Optimizer.commitments()];
    this.reportPrefix = props.reportPrefix ?? 'reports';
    this.metricNamespace = props.metricNamespace ?? 'FinOps/Optimization';
    this.logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;
    this.priorityFormula = props.priorityFormula ?? PriorityFormula.SAVINGS_AND_RISK;
    this.organization = props.organization;
    failOnFirst(this, [...pipelineViolations({
      kinds: optimizers.map((optimizer) => optimizer.kind),
      optimizerViolations: optimizers.flatMap((optimizer) => optimizer._config.violations),
      reportPrefix: this.reportPrefix,
      metricNamespace: this.metricNamespace,
      dashboardName: props.dashboardName,
      reportRetention: props.reportBucket ? undefined : props.reportRetention,
      alertEmails: props.alertEmails ?? [],
      approval: props.approval,
    }), ...(props.organization ? organizationViolations(props.organization) : [])]);

    this.reportBucket = props.reportBucket ?? this.createReportBucket(props.reportRetention ?? Duration.days(400));
    // CloudWatch publishes the alarms: the topic's key and policy let it, for this account's alarms only.
    this.alertTopic = resolveAlertTopic(this, 'AlertTopic', CLOUDWATCH_ALARMS, props.alertTopic);
    subscribeEmails(this, 'AlertEmails', this.alertTopic, props.alertEmails ?? []);
    this.failureQueue = this.createFailureQueue();

    const storageConfig = optimizers.find((optimizer) => optimizer.kind === OptimizerKind.STORAGE)?._config;
    this.approvalTopic = props.approval ? this.createApprovalTopic(props.approval) : undefined;
    const workflow = props.approval && this.approvalTopic && storageConfig
      ? this.createApprovalWorkflow(props.approval, this.approvalTopic, storageConfig)
      : undefined;
    this.approvalWorkflow = workflow;
    this.storageProtectionTagKey = storageConfig?.protectionTagKey;
    this.approvalOptions = props.approval;
    this.approvalStateMachine = workflow?.stateMachine;
    this.approvalDecisionFunction = workflow?.decisionFunction;

    this.schedulerRole = new iam.Role(this, 'SchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      description: `Lets EventBridge Scheduler start the optimizers of ${describedPath(this)}`,
    });
    optimizers.forEach((optimizer) => this.addOptimizer(optimizer._config, props.approval, workflow));
    acknowledgeRules(this.schedulerRole, [...this.functions.values()].map((fn) => ({
      id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${Stack.of(this).getLogicalId(fn.node.defaultChild as lambda.CfnFunction)}.Arn>:*]`,
      reason: 'lambda:InvokeFunction on any version of this one optimizer function, as the scheduler target grants it',
    })));
    this.dashboard = createPipelineDashboard(this, 'Dashboard', {
      metrics: this,
      kinds: optimizers.map((optimizer) => optimizer.kind),
      dashboardName: props.dashboardName,
      realizedSavings: this.approvalWorkflow !== undefined && optimizers.some((optimizer) => optimizer.kind === OptimizerKind.STORAGE),
    });
    this.organizationStateMachine = this.organizationRun?.stateMachine;
  }

  /**
   * What the member accounts must hold for the organization scope: the names of the read and
   * executor roles, the pipeline roles each must trust (the scan function's role; the approval
   * executor's role when `approval` is set), and the protection tag the executor role must deny on.
   * Fails at synth when the pipeline has no `organization` scope.
   */
  public memberRoleTrust(): MemberRoleTrust {
    if (this.organization === undefined) {
      fail(this, {
        value: [...this.functions.keys()],
        rule: 'member roles exist only for a pipeline with an `organization` scope',
        fix: 'add `organization: { targets: OrganizationTargets.entireOrganization(), regions: [...] }` to the pipeline, or drop memberRoleTrust()',
      });
    }
    return {
      readRoleName: this.organization.readRoleName ?? ORGANIZATION_DEFAULTS.readRoleName,
      executorRoleName: this.organization.executorRoleName ?? ORGANIZATION_DEFAULTS.executorRoleName,
      readRoleTrustedBy: this.organizationRun ? [this.organizationRun.scanFunction.role!] : [],
      executorRoleTrustedBy: this.approvalWorkflow ? [this.approvalWorkflow.executor.role!] : [],
      protectionTagKey: this.storageProtectionTagKey ?? 'finops:retain',
      protectedTags: this.approvalOptions ? resolveProtectedTags(this.approvalOptions) : undefined,
    };
  }

  /**
   * Grants reading the reports: s3:GetObject on the objects under the report prefix, s3:ListBucket
   * on the bucket for keys under that prefix only (the s3:prefix condition), and kms:Decrypt when
   * the bucket has a KMS key. The one wildcard, the report keys under the prefix, is acknowledged
   * on the grantee for cdk-nag's AwsSolutions-IAM5 with its reason.
   */
  public grantReadReports(grantee: iam.IGrantable): iam.Grant {
    const reports = this.reportBucket.arnForObjects(`${this.reportPrefix}/*`);
    const grant = iam.Grant.addToPrincipalOrResource({ grantee, actions: ['s3:GetObject'], resourceArns: [reports], resource: this.reportBucket })
      .combine(iam.Grant.addToPrincipalOrResource({
        grantee,
        actions: ['s3:ListBucket'],
        resourceArns: [this.reportBucket.bucketArn],
        resource: this.reportBucket,
        conditions: { StringLike: { 's3:prefix': [`${this.reportPrefix}/*`] } },
      }));
    this.reportBucket.encryptionKey?.grantDecrypt(grantee);
    acknowledgeGrantedWildcards(grantee, [{
      resourceArn: reports,
      reason: 'Report keys hold the account and the run date, so they are only known at run time; '
        + 'reading is granted on the report prefix of this one bucket, nothing else (OptimizationPipeline.grantReadReports)',
    }]);
    return grant;
  }

  /**
   * Grants deciding on approval requests through the decision function's URL (`AWS_IAM` auth, so
   * the signed request names the approver, and the decision records that ARN):
   * lambda:InvokeFunctionUrl where lambda:FunctionUrlAuthType is AWS_IAM, and lambda:InvokeFunction
   * only where lambda:InvokedViaFunctionUrl is true (a direct invocation carries no caller and is
   * not granted). "Starting in October 2025, new function URLs will require both
   * lambda:InvokeFunctionUrl and lambda:InvokeFunction permissions."
   *
   * @see https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html
   */
  public grantApprovalDecisions(grantee: iam.IGrantable): iam.Grant {
    if (this.approvalDecisionFunction === undefined) {
      fail(this, {
        value: [...this.functions.keys()],
        rule: 'approval decisions exist only in a pipeline with `approval`',
        fix: 'add `approval: {}` to the pipeline (storage actions then wait for a decision), or drop the grant',
      });
    }
    return this.approvalDecisionFunction.grantInvokeUrl(grantee);
  }

  /** The function of an optimizer, if the pipeline runs it. */
  public functionFor(kind: OptimizerKind): lambda.IFunction | undefined {
    return this.functions.get(kind);
  }

  /**
   * Lets the grantee start a run of an optimizer now, outside its schedule (e.g. when a budget
   * passes 80%), and says where: lambda:InvokeFunction on the optimizer's function, or, for the
   * storage optimizer with an `organization` scope, states:StartExecution on the organization
   * state machine. Fails at synth when the pipeline does not run that optimizer.
   */
  public grantStartRun(grantee: iam.IGrantable, kind: OptimizerKind): OptimizerRunTarget {
    const fn = this.functions.get(kind);
    if (fn === undefined) {
      fail(this, {
        value: kind,
        rule: `a run can be started only for an optimizer the pipeline runs (${[...this.functions.keys()].join(', ')})`,
        fix: `add Optimizer.${kind.replace(/-(.)/g, (_match, letter: string) => letter.toUpperCase())}() to the pipeline's optimizers, or start another one`,
      });
    }
    const stateMachine = kind === OptimizerKind.STORAGE ? this.organizationRun?.stateMachine : undefined;
    if (stateMachine) {
      stateMachine.grantStartExecution(grantee);
      return { kind, stateMachineArn: stateMachine.stateMachineArn };
    }
    fn.grantInvoke(grantee);
    acknowledgeGrantedWildcards(grantee, [{
      resourceArn: `${fn.functionArn}:*`,
      reason: 'lambda:InvokeFunction on any version of this one optimizer function, as Function.grantInvoke grants it (OptimizationPipeline.grantStartRun)',
    }]);
    return { kind, functionArn: fn.functionArn };
  }

  /**
   * Potential monthly savings (USD) an optimizer found in its last run: the Maximum over one day,
   * since each run reports its whole finding.
   */
  public metricPotentialMonthlySavings(kind: OptimizerKind, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('PotentialMonthlySavings', kind, props);
  }

  /** Opportunities an optimizer found in its last run (Maximum over one day). */
  public metricOpportunityCount(kind: OptimizerKind, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('OpportunityCount', kind, props);
  }

  /** Billed Cost Explorer requests an optimizer made (Sum over one day; 0.01 USD each). */
  public metricCostExplorerRequests(kind: OptimizerKind, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('CostExplorerRequests', kind, { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /** Sources that failed in an optimizer's runs (Sum over one day; 0 on clean runs). */
  public metricFailedSources(kind: OptimizerKind, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('FailedSources', kind, { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /**
   * The cost analysis's period-over-period cost change (percent) in its last run (Maximum over one
   * day); the unexpected-increase alarm watches it.
   */
  public metricCostIncreasePercentage(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('CostIncreasePercentage', OptimizerKind.COST_ANALYSIS, props);
  }

  /**
   * How much of the purchased Reserved Instance hours were used last month (percent, Cost
   * Explorer's GetReservationUtilization total), from the commitments run (Maximum over one day).
   */
  public metricReservationUtilizationPercentage(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('ReservationUtilizationPercentage', OptimizerKind.COMMITMENTS, props);
  }

  /**
   * How much of last month's running hours Reserved Instances covered (percent, Cost Explorer's
   * GetReservationCoverage total), from the commitments run (Maximum over one day).
   */
  public metricReservationCoveragePercentage(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('ReservationCoveragePercentage', OptimizerKind.COMMITMENTS, props);
  }

  /**
   * How much of the Savings Plans commitment was used last month (percent, Cost Explorer's
   * GetSavingsPlansUtilization total), from the commitments run (Maximum over one day).
   */
  public metricSavingsPlansUtilizationPercentage(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('SavingsPlansUtilizationPercentage', OptimizerKind.COMMITMENTS, props);
  }

  /**
   * How much of last month's eligible spend Savings Plans covered (percent, from Cost Explorer's
   * GetSavingsPlansCoverage), from the commitments run (Maximum over one day).
   */
  public metricSavingsPlansCoveragePercentage(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('SavingsPlansCoveragePercentage', OptimizerKind.COMMITMENTS, props);
  }

  /** Cost anomalies Cost Anomaly Detection found in the cost analysis's period (Maximum over one day). */
  public metricAnomalyCount(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('AnomalyCount', OptimizerKind.COST_ANALYSIS, props);
  }

  /** The total impact (USD) of the cost anomalies in the cost analysis's period (Maximum over one day). */
  public metricAnomalyTotalImpact(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('AnomalyTotalImpact', OptimizerKind.COST_ANALYSIS, props);
  }

  /**
   * Monthly savings (USD) the storage run's follow-up confirmed on changes the approval workflow
   * executed: the price difference on the live resource (see the README's governance model). One
   * data point per storage run with an approval workflow (0 when nothing was confirmed); Sum over one day.
   */
  public metricRealizedMonthlySavings(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('RealizedMonthlySavings', OptimizerKind.STORAGE, { statistic: cloudwatch.Stats.SUM, ...props });
  }

  /**
   * Executed changes confirmed, in percent of those the follow-up settled (confirmed or not
   * realized) in a storage run; no data point when it settled none. Average over one day.
   */
  public metricSuccessRate(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('SuccessRate', OptimizerKind.STORAGE, { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  /**
   * Seconds from the approval request (the start of the workflow execution that asked) to the
   * change, one data point per change the follow-up settled. Average over one day; use `p90` and
   * the like as `statistic` for the slow ones.
   */
  public metricTimeToImplement(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return this.optimizerMetric('TimeToImplement', OptimizerKind.STORAGE, { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  private optimizerMetric(metricName: string, kind: OptimizerKind, props: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: this.metricNamespace,
      metricName,
      dimensionsMap: { Optimizer: kind },
      statistic: cloudwatch.Stats.MAXIMUM,
      period: Duration.days(1),
      ...props,
    });
  }

  private addOptimizer(config: OptimizerConfig, approval: ApprovalOptions | undefined, workflow: ApprovalWorkflow | undefined): void {
    const name = pascalCase(config.kind);
    const logGroup = new logs.LogGroup(this, `${name}Logs`, { retention: this.logRetention });
    const role = new iam.Role(this, `${name}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${config.kind} optimizer of ${describedPath(this)}`,
    });
    logGroup.grantWrite(role);
    const environment: Record<string, string> = {
      OPTIMIZER: config.kind,
      REPORT_BUCKET: this.reportBucket.bucketName,
      REPORT_PREFIX: this.reportPrefix,
      ALERT_TOPIC_ARN: this.alertTopic.topicArn,
      METRIC_NAMESPACE: this.metricNamespace,
      OPTIMIZATION_POLICY: JSON.stringify(config.policy),
      PRIORITY_FORMULA: this.priorityFormula,
      OPTIMIZER_SETTINGS: JSON.stringify(config.athena
        ? { ...config.settings, athenaQueries: this.addAthenaCostQueries(config.athena) }
        : config.settings),
    };
    checkEnvironmentSize(this, name, environment);
    if (workflow && config.kind === OptimizerKind.STORAGE) {
      environment.APPROVAL_STATE_MACHINE_ARN = workflow.stateMachine.stateMachineArn;
      // The storage run marks opportunities on protected resources, which then never reach approval.
      const storagePolicy = { ...config.policy.storage, protectedTags: resolveProtectedTags(approval!) };
      environment.OPTIMIZATION_POLICY = JSON.stringify({ ...config.policy, storage: storagePolicy });
      if (approval?.autoApproveBelowMonthlySavings !== undefined) {
        environment.AUTO_APPROVAL_MAX_MONTHLY_SAVINGS = String(approval.autoApproveBelowMonthlySavings);
      }
    }
    if (this.organization && config.kind === OptimizerKind.STORAGE) {
      this.addOrganizationRun(this.organization, config, { role, logGroup, environment, workflow });
      return;
    }
    const fn = new FUNCTION_CLASSES[config.kind](this, name, {
      description: `FinOps ${config.kind} optimizer of ${describedPath(this)}`,
      timeout: config.timeout,
      memorySize: config.memorySize,
      architecture: lambda.Architecture.ARM_64,
      role,
      ...jsonLogging(logGroup),
      environment,
      onFailure: new destinations.SqsDestination(this.failureQueue),
      // One more attempt covers a transient failure; a rerun replaces the day's report.
      retryAttempts: 1,
    });
    Tags.of(fn).add(COST_EXPLORER_REQUESTS_TAG, String(config.costExplorerRequestsPerRun));
    this.functions.set(config.kind, fn);
    this.grantRunOutputs(role, config);
    if (config.athena) {
      grantAthenaCostQueries(config.athena.report, role);
    }
    if (workflow && config.kind === OptimizerKind.STORAGE) {
      workflow.stateMachine.grantStartExecution(role);
      this.allowRealizedSavingsFollowUp(fn, role);
    }

    new scheduler.Schedule(this, `${name}Schedule`, {
      schedule: config.schedule,
      description: `Runs the ${config.kind} optimizer of ${describedPath(this)}`,
      target: new schedulerTargets.LambdaInvoke(fn, {
        role: this.schedulerRole,
        deadLetterQueue: this.failureQueue,
        retryAttempts: 2,
        // The run is about the scheduled moment, so a retried invocation writes the same day's report.
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
      }),
    });

    this.errorAlarm(fn, `${name}ErrorsAlarm`, `The ${config.kind} optimizer failed: its run was sent to the failure queue`);
    this.failedSourcesAlarm(config.kind);
    if (config.costIncreaseAlarmThresholdPercentage !== undefined) {
      this.costIncreaseAlarms(config.costIncreaseAlarmThresholdPercentage);
    }
  }

  /**
   * The storage optimizer over an organization: a state machine on the optimizer's schedule whose
   * last step (the merge, with the optimizer's role and environment) writes the run's one report.
   */
  private addOrganizationRun(
    organization: OrganizationScope,
    config: OptimizerConfig,
    merge: { role: iam.Role; logGroup: logs.ILogGroup; environment: Record<string, string>; workflow?: ApprovalWorkflow },
  ): void {
    const run = new OrganizationRun(this, 'OrganizationStorage', {
      scope: organization,
      reportBucket: this.reportBucket,
      reportPrefix: this.reportPrefix,
      mergeEnvironment: merge.environment,
      mergeRole: merge.role,
      mergeLogGroup: merge.logGroup,
      policy: merge.environment.OPTIMIZATION_POLICY,
      logRetention: this.logRetention,
      ledger: merge.workflow && this.realizedSavingsLedger(),
    });
    this.organizationRun = run;
    Tags.of(run.mergeFunction).add(COST_EXPLORER_REQUESTS_TAG, String(config.costExplorerRequestsPerRun));
    this.functions.set(config.kind, run.mergeFunction);
    this.grantRunOutputs(merge.role, config, false);
    merge.workflow?.stateMachine.grantStartExecution(merge.role);
    new scheduler.Schedule(this, 'StorageSchedule', {
      schedule: config.schedule,
      description: `Runs the organization-wide storage optimizer of ${describedPath(this)}`,
      target: new schedulerTargets.StepFunctionsStartExecution(run.stateMachine, {
        role: this.schedulerRole,
        deadLetterQueue: this.failureQueue,
        retryAttempts: 2,
        input: scheduler.ScheduleTargetInput.fromObject({ scheduledTime: scheduler.ContextAttribute.scheduledTime }),
      }),
    });
    this.errorAlarm(run.mergeFunction, 'StorageErrorsAlarm', 'The organization-wide storage run could not write its report');
    run.metricUnfinished().createAlarm(this, 'OrganizationStorageRunsAlarm', {
      alarmDescription: 'An organization-wide storage run failed, timed out or was aborted: no report for that run',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new cloudwatchActions.SnsAction(this.alertTopic));
    this.failedSourcesAlarm(config.kind);
  }

  private failedSourcesAlarm(kind: OptimizerKind): void {
    this.metricFailedSources(kind, { period: Duration.hours(1) })
      .createAlarm(this, `${pascalCase(kind)}FailedSourcesAlarm`, {
        alarmDescription: `A source of the ${kind} optimizer failed: its report names it`,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(new cloudwatchActions.SnsAction(this.alertTopic));
  }

  /**
   * Unexpected cost increase (issue 14): the cost analysis's period-over-period growth above the
   * threshold, and the account's estimated charges outside their anomaly-detection band. "Billing
   * metric data is stored in the US East (N. Virginia) Region" (CloudWatch's billing alarm guide,
   * as cdk-monitoring-constructs pins BillingRegion = "us-east-1", USD and a one-day period), so
   * the second alarm exists only in a us-east-1 stack; elsewhere a warning says so.
   */
  private costIncreaseAlarms(thresholdPercentage: number): void {
    this.metricCostIncreasePercentage()
      .createAlarm(this, 'CostIncreaseAlarm', {
        alarmDescription: `Cost grew more than ${thresholdPercentage}% over the period before: see the cost analysis report`,
        threshold: thresholdPercentage,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(new cloudwatchActions.SnsAction(this.alertTopic));
    const region = Stack.of(this).region;
    if (region !== 'us-east-1') {
      Annotations.of(this).addWarningV2('@finops-as-code/cdk-finops:estimatedChargesRegion',
        `No EstimatedCharges alarm: AWS/Billing metrics exist only in us-east-1 and this stack is in ${region}. `
        + 'Deploy a pipeline in us-east-1 for it.');
      return;
    }
    new cloudwatch.AnomalyDetectionAlarm(this, 'EstimatedChargesAlarm', {
      metric: new cloudwatch.Metric({
        namespace: 'AWS/Billing',
        metricName: 'EstimatedCharges',
        dimensionsMap: { Currency: 'USD' },
        statistic: cloudwatch.Stats.MAXIMUM,
        period: Duration.days(1),
      }),
      stdDevs: 2,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: 'The account\'s estimated charges rose above their expected band',
    }).addAlarmAction(new cloudwatchActions.SnsAction(this.alertTopic));
  }

  /** Reports under the prefix, the summary, and (unless `withSources` is false) the read-only APIs of the optimizer's sources; metrics need no grant (embedded metric format). */
  private grantRunOutputs(role: iam.Role, config: OptimizerConfig, withSources = true): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'WriteReports',
      actions: ['s3:PutObject'],
      resources: [this.reportBucket.arnForObjects(`${this.reportPrefix}/*`)],
    }));
    this.reportBucket.encryptionKey?.grantEncrypt(role);
    this.alertTopic.grantPublish(role);
    // Metrics need no grant: the handlers log them in the embedded metric format, in their own log group.
    const sourceActions = withSources ? [...config.sourceActions ?? SOURCE_ACTIONS[config.kind], ...config.additionalSourceActions ?? []] : [];
    if (sourceActions.length > 0) {
      role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'ReadSources', actions: sourceActions, resources: ['*'] }));
      acknowledgeRules(role, [{
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: `${sourceActions.join(', ')} support no resource-level permissions (Cost Explorer, Cost Optimization Hub and `
          + 'EC2 Describe APIs are account-wide)'
          + (sourceActions.includes(PRICE_LIST_ACTION) ? `; ${PRICE_LIST_WILDCARD_REASON}` : '')
          + (config.additionalSourceActions?.length
            ? `; ${config.additionalSourceActionsReason ?? 'Compute Optimizer Get* and Lambda List* are account-wide, RDS Describe* lists every database'}`
            : ''),
      }]);
    }
    acknowledgeRules(role, [
      {
        id: wildcardResourceFindingId(this, this.reportBucket.arnForObjects(`${this.reportPrefix}/*`)),
        reason: 'Report keys contain the account and run date; the functions may write under the report prefix only',
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::kms:GenerateDataKey*]',
        reason: 'Publishing to the encrypted alert topic needs the GenerateDataKey variants, on that topic\'s key only',
      },
    ]);
  }

  /**
   * The cost analysis in Athena mode: each breakdown's query saved in the report's workgroup (the
   * SQL the function runs, with its `?` parameters). The function's settings name each query by its
   * ID, not its SQL, and the function reads the SQL with athena:GetNamedQuery: the SQL of a few tag
   * breakdowns alone would pass Lambda's 4 KB environment limit (src/core/limits/optimization.ts).
   * Returns the `athenaQueries` setting: each query's group, named query ID and parameters.
   */
  private addAthenaCostQueries(plan: NonNullable<OptimizerConfig['athena']>): string {
    const report = plan.report;
    const queries = plan.queries.map((query) => {
      const namedQuery = new athena.CfnNamedQuery(this, `AthenaQuery-${query.id}`, {
        name: fitName(`${plan.table.tableName} ${query.id}`, ATHENA_NAMED_QUERY_NAME_MAX_LENGTH, ' '),
        description: fitName(`${describedPath(this)}: cost by ${query.groupBy.Key} per period; parameters: ${describeParameters(query.parameters)}`, ATHENA_NAMED_QUERY_DESCRIPTION_MAX_LENGTH, ' '),
        database: report.databaseName,
        workGroup: report.workGroupName,
        queryString: query.sql,
      });
      namedQuery.node.addDependency(report);
      return { groupBy: query.groupBy, namedQueryId: namedQuery.attrNamedQueryId, parameters: query.parameters };
    });
    return JSON.stringify(queries);
  }

  private createReportBucket(retention: Duration): s3.Bucket {
    const bucket = new s3.Bucket(this, 'ReportBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      lifecycleRules: [{ expiration: retention, noncurrentVersionExpiration: Duration.days(30) }],
    });
    acknowledgeRules(bucket, [{
      id: 'AwsSolutions::AwsSolutions-S1',
      reason: 'Only the pipeline\'s functions write here, under one prefix; pass your own reportBucket to add server access logs',
    }]);
    return bucket;
  }

  private createFailureQueue(): sqs.Queue {
    const queue = new sqs.Queue(this, 'FailureQueue', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeRules(queue, [{
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the optimizers and their schedules',
    }]);
    return queue;
  }

  private createApprovalTopic(approval: ApprovalOptions): sns.ITopic {
    const topic = approval.approvalTopic ?? new AlertTopic(this, 'ApprovalTopic', { publishers: [] }).topic;
    subscribeEmails(this, 'ApproverEmails', topic, approval.approverEmails ?? []);
    return topic;
  }

  private createApprovalWorkflow(approval: ApprovalOptions, approvalTopic: sns.ITopic, storage: OptimizerConfig): ApprovalWorkflow {
    const workflow = new ApprovalWorkflow(this, 'Approval', {
      approvalTopic,
      approval,
      protectionTagKey: storage.protectionTagKey ?? 'finops:retain',
      snapshotRetentionDays: String(storage.policy.storage?.snapshotRetentionDays ?? 30),
      autoApproveBelowMonthlySavings: approval.autoApproveBelowMonthlySavings === undefined
        ? undefined
        : String(approval.autoApproveBelowMonthlySavings),
      logRetention: this.logRetention,
      ledger: this.realizedSavingsLedger(),
      member: this.organization && {
        executorRoleName: this.organization.executorRoleName ?? ORGANIZATION_DEFAULTS.executorRoleName,
        regions: this.organization.regions,
      },
    });
    this.errorAlarm(workflow.executor, 'ExecutorErrorsAlarm', 'An approved storage action failed: see the approval workflow\'s execution');
    // An execution that fails or outlives its timeout (more actions than the map runs at once, all waiting) never goes unseen.
    const unfinished = new cloudwatch.MathExpression({
      expression: 'failed + timedOut',
      usingMetrics: {
        failed: workflow.stateMachine.metricFailed({ statistic: cloudwatch.Stats.SUM }),
        timedOut: workflow.stateMachine.metricTimedOut({ statistic: cloudwatch.Stats.SUM }),
      },
      period: Duration.minutes(5),
      label: 'Approval executions failed or timed out',
    });
    unfinished.createAlarm(this, 'ApprovalExecutionsAlarm', {
      alarmDescription: 'An approval workflow execution failed or timed out: its actions were not all decided and executed',
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(new cloudwatchActions.SnsAction(this.alertTopic));
    return workflow;
  }

  /** The ledger of executed changes: under the report prefix, so the report bucket's retention and readers cover it. */
  private realizedSavingsLedger(): { bucket: s3.IBucket; prefix: string } {
    return { bucket: this.reportBucket, prefix: `${this.reportPrefix}/ledger` };
  }

  /**
   * The storage run settles the changes executed in its own account and Region: it lists and reads
   * them under the ledger's pending prefix of this account and deletes each once settled (writing
   * the settled record is its report write, under the report prefix). The volumes and snapshots it
   * confirms against are the run's own inventory: no EC2 permission beyond it.
   */
  private allowRealizedSavingsFollowUp(fn: lambda.Function, role: iam.Role): void {
    const ledger = this.realizedSavingsLedger();
    const ownPending = `${ledger.prefix}/pending/${Stack.of(this).account}/`;
    fn.addEnvironment('LEDGER_BUCKET', ledger.bucket.bucketName);
    fn.addEnvironment('LEDGER_PREFIX', ledger.prefix);
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'SettleExecutedChanges',
      actions: ['s3:GetObject', 's3:DeleteObject'],
      resources: [ledger.bucket.arnForObjects(`${ownPending}*`)],
    }));
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'ListExecutedChanges',
      actions: ['s3:ListBucket'],
      resources: [ledger.bucket.bucketArn],
      conditions: { StringLike: { 's3:prefix': `${ownPending}*` } },
    }));
    ledger.bucket.encryptionKey?.grantDecrypt(role);
    acknowledgeRules(role, [{
      id: wildcardResourceFindingId(this, ledger.bucket.arnForObjects(`${ownPending}*`)),
      reason: 'The executed changes of this account, one ledger object each, named at run time; read and deleted once settled, nothing else in the bucket',
    }]);
  }

  private errorAlarm(fn: lambda.IFunction, id: string, description: string): void {
    fn.metricErrors({ period: Duration.minutes(5), statistic: cloudwatch.Stats.SUM })
      .createAlarm(this, id, {
        alarmDescription: description,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      })
      .addAlarmAction(new cloudwatchActions.SnsAction(this.alertTopic));
  }

}

/**
 * What running the Athena mode's queries takes: the report's read grant (Athena on the workgroup,
 * athena:GetNamedQuery among it, Glue on the database and tables, S3 on the report prefix and the
 * query results bucket) and the buckets' keys where they have one.
 */
function grantAthenaCostQueries(report: CurReport, role: iam.IRole): void {
  report.grantRead(role);
  report.bucket.encryptionKey?.grantDecrypt(role);
  report.queryResultsBucket.encryptionKey?.grantEncryptDecrypt(role);
}

const CLOUDWATCH_ALARMS = AlertPublisher.service('cloudwatch.amazonaws.com', 'cloudwatch', 'alarm:*', true);

type OptimizerFunctionClass = new (scope: Construct, id: string, props: lambda.FunctionOptions) => lambda.Function;

const FUNCTION_CLASSES: Record<OptimizerKind, OptimizerFunctionClass> = {
  [OptimizerKind.COST_ANALYSIS]: CostAnalysisFunction,
  [OptimizerKind.RIGHTSIZING]: RightsizingFunction,
  [OptimizerKind.STORAGE]: StorageFunction,
  [OptimizerKind.COMMITMENTS]: CommitmentsFunction,
};

/** Exactly the read APIs each handler calls (see the *.lambda.ts files). */
const SOURCE_ACTIONS: Record<OptimizerKind, string[]> = {
  [OptimizerKind.COST_ANALYSIS]: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetAnomalies'],
  [OptimizerKind.RIGHTSIZING]: ['ce:GetRightsizingRecommendation', 'cost-optimization-hub:ListRecommendations'],
  // The storage run prices EBS from the Price List (storage.lambda.ts).
  [OptimizerKind.STORAGE]: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', PRICE_LIST_ACTION],
  // Purchase recommendations, then the utilization and coverage of what was bought (commitment-usage-source.ts).
  [OptimizerKind.COMMITMENTS]: [
    'ce:GetReservationPurchaseRecommendation', 'ce:GetSavingsPlansPurchaseRecommendation',
    'ce:GetReservationUtilization', 'ce:GetReservationCoverage', 'ce:GetSavingsPlansUtilization', 'ce:GetSavingsPlansCoverage',
  ],
};

function pascalCase(kind: string): string {
  return kind.split('-').map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}
