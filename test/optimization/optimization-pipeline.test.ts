import { App, CfnElement, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EMAIL_LIST_TOKEN_SLOTS } from '../../src/core/limits/optimization';
import {
  ApprovalActionType,
  CommitmentPaymentOption,
  CommitmentTerm,
  OptimizationPipeline,
  OptimizationPipelineProps,
  Optimizer,
  OptimizerKind,
  ReservationService,
} from '../../src/optimization';
import { awsSolutionsFindings } from '../support/nag';

const ACCOUNT = '111122223333';

function stackWith(props: OptimizationPipelineProps = {}): { stack: Stack; pipeline: OptimizationPipeline } {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', props);
  return { stack, pipeline };
}

function policyOf(template: Template, roleIdPrefix: string): any[] {
  const policies = template.findResources('AWS::IAM::Policy');
  const entry = Object.entries(policies).find(([id]) => id.startsWith(roleIdPrefix));
  if (!entry) throw new Error(`no policy ${roleIdPrefix}`);
  return (entry[1] as any).Properties.PolicyDocument.Statement;
}

describe('with all four optimizers and approval', () => {
  let template: Template;
  let pipeline: OptimizationPipeline;

  beforeAll(() => {
    const built = stackWith({ alertEmails: ['finops@example.com'], approval: { autoApproveBelowMonthlySavings: 20, approverEmails: ['ops@example.com'] } });
    pipeline = built.pipeline;
    template = Template.fromStack(built.stack);
  });

  test('one arm64 function per optimizer, plus the executor, the tally and the decision function', () => {
    template.resourceCountIs('AWS::Lambda::Function', 7);
    for (const kind of ['cost-analysis', 'rightsizing', 'storage', 'commitments']) {
      template.hasResourceProperties('AWS::Lambda::Function', {
        Architectures: ['arm64'],
        Runtime: 'nodejs24.x',
        Timeout: 300,
        MemorySize: 512,
        Environment: { Variables: Match.objectLike({ OPTIMIZER: kind, REPORT_PREFIX: 'reports', METRIC_NAMESPACE: 'FinOps/Optimization' }) },
      });
    }
  });

  test('the seed thresholds reach the handlers as policy', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          OPTIMIZER: 'rightsizing',
          OPTIMIZATION_POLICY: JSON.stringify({
            rightsizing: {
              minMonthlySavings: '50',
              minSavingsPercentage: '15',
              maxCpuUtilizationPercentage: '20',
              maxMemoryUtilizationPercentage: '20',
              recommendationTarget: 'SAME_INSTANCE_FAMILY',
            },
          }),
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          OPTIMIZER: 'commitments',
          OPTIMIZATION_POLICY: Match.stringLikeRegexp(
            '"reservedInstances":\\{"minMonthlySavings":"100","minUtilizationPercentage":"0","termInYears":"ONE_YEAR","paymentOption":"PARTIAL_UPFRONT"'),
          OPTIMIZER_SETTINGS: JSON.stringify({
            reservationServices: 'Amazon Elastic Compute Cloud - Compute,Amazon Relational Database Service,Amazon ElastiCache,'
              + 'Amazon OpenSearch Service,Amazon Redshift,Amazon MemoryDB',
          }),
        }),
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          OPTIMIZER: 'storage',
          OPTIMIZATION_POLICY: JSON.stringify({
            storage: {
              minMonthlySavings: '0',
              gp2ToGp3MinMonthlySavings: '0',
              snapshotRetentionDays: 30,
              protectionTagKey: 'finops:retain',
              protectedTags: [{ key: 'environment', values: ['production'] }, { key: 'critical' }],
            },
          }),
          AUTO_APPROVAL_MAX_MONTHLY_SAVINGS: '20',
          APPROVAL_STATE_MACHINE_ARN: Match.anyValue(),
        }),
      },
    });
  });

  test('each function has its log group with retention, and the Cost Explorer request count as a tag', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 8);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OPTIMIZER: 'cost-analysis' }) },
      Tags: Match.arrayWith([{ Key: 'finops:cost-explorer-requests-per-run', Value: '3' }]),
    });
    // One GetReservationPurchaseRecommendation per service (six by default) and one GetSavingsPlansPurchaseRecommendation.
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OPTIMIZER: 'commitments' }) },
      Tags: Match.arrayWith([{ Key: 'finops:cost-explorer-requests-per-run', Value: '7' }]),
    });
  });

  test('schedules: analysis daily, rightsizing and storage weekly, commitments monthly', () => {
    template.resourceCountIs('AWS::Scheduler::Schedule', 4);
    for (const expression of ['cron(0 6 * * ? *)', 'cron(0 7 ? * MON *)', 'cron(0 8 ? * MON *)', 'cron(0 9 1 * ? *)']) {
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: expression,
        Target: Match.objectLike({
          DeadLetterConfig: { Arn: Match.anyValue() },
          RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
          Input: '{"scheduledTime":"<aws.scheduler.scheduled-time>"}',
        }),
      });
    }
  });

  test('failed runs go to an encrypted, TLS-only queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 4);
    template.allResourcesProperties('AWS::Lambda::EventInvokeConfig', {
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      MaximumRetryAttempts: 1,
    });
  });

  test('an error alarm and a failed-sources alarm per optimizer, an error alarm on the executor and one on unfinished approval executions, all to the alert topic', () => {
    // 10, and the cost analysis's unexpected-increase alarm (no EstimatedCharges alarm outside us-east-1).
    template.resourceCountIs('AWS::CloudWatch::Alarm', 11);
    // More actions than the map runs at once never time out unseen.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'failed + timedOut' }),
        Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ Namespace: 'AWS/States', MetricName: 'ExecutionsFailed' }) }) }),
        Match.objectLike({ MetricStat: Match.objectLike({ Metric: Match.objectLike({ Namespace: 'AWS/States', MetricName: 'ExecutionsTimedOut' }) }) }),
      ]),
    });
    template.allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: Match.stringLikeRegexp('^PipelineAlertTopic') }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^PipelineApprovalExecutor') } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Namespace: 'AWS/Lambda', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'FailedSources',
      Namespace: 'FinOps/Optimization',
      Dimensions: [{ Name: 'Optimizer', Value: 'storage' }],
    });
  });

  test('the report bucket is private, encrypted, TLS-only, versioned and expires reports', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 400, NoncurrentVersionExpiration: { NoncurrentDays: 30 } })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  test('optimizer roles: reports under the prefix only, exactly the source APIs, no metric API (metrics are log lines)', () => {
    const statements = policyOf(template, 'PipelineCostAnalysisRole');
    expect(statements.filter((statement) => [statement.Action].flat().some((action: string) => action.startsWith('cloudwatch:')))).toEqual([]);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Sid: 'WriteReports', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [expect.anything(), '/reports/*']] } }),
      expect.objectContaining({ Sid: 'ReadSources', Action: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetAnomalies'], Resource: '*' }),
      expect.objectContaining({ Action: 'sns:Publish' }),
    ]));
    expect(policyOf(template, 'PipelineRightsizingRole')).toEqual(expect.arrayContaining([
      expect.objectContaining({ Sid: 'ReadSources', Action: ['ce:GetRightsizingRecommendation', 'cost-optimization-hub:ListRecommendations'] }),
    ]));
    expect(policyOf(template, 'PipelineStorageRole')).toEqual(expect.arrayContaining([
      expect.objectContaining({ Sid: 'ReadSources', Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'pricing:GetProducts'] }),
      expect.objectContaining({ Action: 'states:StartExecution' }),
    ]));
    expect(policyOf(template, 'PipelineCommitmentsRole')).toEqual(expect.arrayContaining([
      expect.objectContaining({
        Sid: 'ReadSources',
        Action: [
          'ce:GetReservationPurchaseRecommendation', 'ce:GetSavingsPlansPurchaseRecommendation',
          'ce:GetReservationUtilization', 'ce:GetReservationCoverage', 'ce:GetSavingsPlansUtilization', 'ce:GetSavingsPlansCoverage',
        ],
      }),
    ]));
    expect(JSON.stringify(policyOf(template, 'PipelineCommitmentsRole'))).not.toContain('states:');
  });

  test('only the storage role and the approval executor\'s read the Price List: the other optimizers price nothing from it', () => {
    const rolesWithPricing = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([, policy]: [string, any]) => JSON.stringify(policy.Properties.PolicyDocument).includes('pricing:'))
      .flatMap(([, policy]: [string, any]) => policy.Properties.Roles.map((role: any) => role.Ref));
    expect(rolesWithPricing.sort()).toEqual([expect.stringMatching(/^PipelineApprovalExecutorRole/), expect.stringMatching(/^PipelineStorageRole/)]);
  });

  test('no role carries an AWS managed policy', () => {
    const roles = template.findResources('AWS::IAM::Role');
    Object.values(roles).forEach((role: any) => expect(role.Properties.ManagedPolicyArns).toBeUndefined());
  });

  test('the executor may only snapshot and change volumes, delete snapshots (never protected ones), re-check and verify them, and read EBS prices', () => {
    const statements = policyOf(template, 'PipelineApprovalExecutorRole');
    const actions = statements.flatMap((statement: any) => [statement.Action].flat());
    expect([...new Set(actions)].sort()).toEqual([
      'ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DeleteSnapshot', 'ec2:DescribeSnapshots', 'ec2:DescribeVolumes', 'ec2:DescribeVolumesModifications',
      'ec2:ModifyVolume', 'logs:CreateLogStream', 'logs:PutLogEvents', 'pricing:GetProducts', 's3:PutObject',
    ]);
    // The auto-approval threshold is priced at the Price List's current prices, read with this role.
    expect(statements).toContainEqual({ Sid: 'ReadEbsPrices', Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' });
    const deny = (sid: string, condition: unknown) => expect.objectContaining({
      Sid: sid, Effect: 'Deny', Action: ['ec2:ModifyVolume', 'ec2:DeleteSnapshot'], Resource: '*', Condition: condition,
    });
    expect(statements).toEqual(expect.arrayContaining([
      deny('NeverChangeProtectedResources0', { Null: { 'aws:ResourceTag/finops:retain': 'false' } }),
      deny('NeverChangeProtectedResources0Ec2Key', { Null: { 'ec2:ResourceTag/finops:retain': 'false' } }),
      deny('NeverChangeProtectedResources1', { StringEqualsIgnoreCase: { 'aws:ResourceTag/environment': ['production'] } }),
      deny('NeverChangeProtectedResources1Ec2Key', { StringEqualsIgnoreCase: { 'ec2:ResourceTag/environment': ['production'] } }),
      deny('NeverChangeProtectedResources2', { Null: { 'aws:ResourceTag/critical': 'false' } }),
      expect.objectContaining({
        Sid: 'RecheckBeforeActing',
        Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'ec2:DescribeVolumesModifications'],
        Condition: { StringEquals: { 'ec2:Region': 'eu-west-1' } },
      }),
      expect.objectContaining({
        Sid: 'SnapshotVolumesBeforeChange',
        Action: 'ec2:CreateSnapshot',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1:111122223333:volume/*']] },
      }),
      expect.objectContaining({
        Sid: 'CreateBackupSnapshotsOnly',
        Action: 'ec2:CreateSnapshot',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1::snapshot/*']] },
        Condition: { StringEquals: { 'aws:RequestTag/finops:action': 'backup-before-gp3' } },
      }),
      expect.objectContaining({
        Sid: 'TagBackupSnapshotsOnCreation',
        Action: 'ec2:CreateTags',
        Condition: { StringEquals: { 'ec2:CreateAction': 'CreateSnapshot' } },
      }),
      expect.objectContaining({
        Sid: 'ChangeVolumesToGp3',
        Effect: 'Allow',
        Action: 'ec2:ModifyVolume',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1:111122223333:volume/*']] },
      }),
      expect.objectContaining({
        Sid: 'DeleteSnapshotsPastRetention',
        Action: 'ec2:DeleteSnapshot',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ec2:eu-west-1::snapshot/*']] },
      }),
    ]));
  });

  test('realized savings: the executor only writes ledger records; the storage run reads, lists and deletes this account\'s pending ones only', () => {
    const bucketArn = { 'Fn::GetAtt': [expect.stringMatching(/^PipelineReportBucket/), 'Arn'] };
    expect(policyOf(template, 'PipelineApprovalExecutorRole')).toEqual(expect.arrayContaining([
      { Sid: 'RecordExecutedChanges', Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Join': ['', [bucketArn, '/reports/ledger/pending/*']] } },
    ]));
    const storage = policyOf(template, 'PipelineStorageRole');
    expect(storage).toEqual(expect.arrayContaining([
      {
        Sid: 'SettleExecutedChanges',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:DeleteObject'],
        Resource: { 'Fn::Join': ['', [bucketArn, `/reports/ledger/pending/${ACCOUNT}/*`]] },
      },
      {
        Sid: 'ListExecutedChanges',
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: bucketArn,
        Condition: { StringLike: { 's3:prefix': `reports/ledger/pending/${ACCOUNT}/*` } },
      },
    ]));
    // No other S3 read or delete anywhere in the bucket.
    const s3Actions = storage.filter((statement: any) => [statement.Action].flat().some((action: string) => action.startsWith('s3:')));
    expect(s3Actions.map((statement: any) => statement.Sid).sort()).toEqual(['ListExecutedChanges', 'SettleExecutedChanges', 'WriteReports']);
    const ledgerEnvironment = { LEDGER_BUCKET: { Ref: Match.stringLikeRegexp('^PipelineReportBucket') }, LEDGER_PREFIX: 'reports/ledger' };
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^FinOps storage optimizer'), Environment: { Variables: Match.objectLike(ledgerEnvironment) },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('^Runs and verifies approved'), Environment: { Variables: Match.objectLike(ledgerEnvironment) },
    });
  });

  test('the executor is told when the workflow asked for approval: the execution\'s start', () => {
    const definition = JSON.stringify(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(definition).toContain('\\"requestedAt.$\\":\\"$$.Execution.StartTime\\"');
  });

  test('the approval workflow waits for a task token, logs everything and is traced', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
    });
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine')) as any[];
    const definition = JSON.stringify(machine.Properties.DefinitionString);
    expect(definition).toContain('sns:publish.waitForTaskToken');
    expect(definition).toContain('\\"TimeoutSeconds\\":604800');
    expect(definition).toContain('$.action.autoApprove');
    expect(definition).toContain('States.Timeout');
    expect(definition).toContain('\\"ErrorEquals\\":[\\"States.ALL\\"]');
  });

  test('the decision function may answer task tokens of this state machine only', () => {
    expect(policyOf(template, 'PipelineApprovalDecisionRole')).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Resource: { Ref: expect.stringMatching(/StateMachine/) } }),
    ]));
  });

  test('alert and approval topics are encrypted with customer keys and have the email subscriptions', () => {
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.allResourcesProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'finops@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
  });

  test('CloudWatch may publish alarms to the alert topic and use its key, for this account\'s alarms only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: Match.arrayWith(['kms:GenerateDataKey*', 'kms:Decrypt']),
          Condition: Match.objectLike({ StringEquals: { 'aws:SourceAccount': ACCOUNT } }),
        })]),
      },
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
  });

  test('the state machine may publish approval requests to the encrypted approval topic', () => {
    const statements = policyOf(template, 'PipelineApprovalStateMachineRole');
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Action: 'sns:Publish', Resource: { Ref: expect.stringMatching(/^PipelineApprovalTopic/) } }),
      expect.objectContaining({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: { 'Fn::GetAtt': [expect.stringMatching(/^PipelineApprovalTopicKey/), 'Arn'] } }),
    ]));
  });

  test('the dashboard shows savings, counts, requests, failures and the account cost trend', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as any[];
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const metric of ['PotentialMonthlySavings', 'OpportunityCount', 'CostExplorerRequests', 'FailedSources']) {
      expect(body).toContain(metric);
    }
    expect(body).toMatch(/\[\\"AWS\/Billing\\",\\"EstimatedCharges\\",\\"Currency\\",\\"USD\\",\{[^}]*\\"region\\":\\"us-east-1\\",\\"period\\":21600/);
  });

  test('exposes functions, workflow and metrics', () => {
    expect(pipeline.functionFor(OptimizerKind.STORAGE)).toBeDefined();
    expect(pipeline.approvalStateMachine).toBeDefined();
    expect(pipeline.approvalDecisionFunction).toBeDefined();
    expect(pipeline.metricPotentialMonthlySavings(OptimizerKind.RIGHTSIZING).dimensions).toEqual({ Optimizer: 'rightsizing' });
    const storageMetric = (metric: { metricName: string; statistic: string; dimensions?: unknown; namespace: string }) =>
      [metric.namespace, metric.metricName, metric.statistic, metric.dimensions];
    expect([pipeline.metricRealizedMonthlySavings(), pipeline.metricSuccessRate(), pipeline.metricTimeToImplement()].map(storageMetric)).toEqual([
      ['FinOps/Optimization', 'RealizedMonthlySavings', 'Sum', { Optimizer: 'storage' }],
      ['FinOps/Optimization', 'SuccessRate', 'Average', { Optimizer: 'storage' }],
      ['FinOps/Optimization', 'TimeToImplement', 'Average', { Optimizer: 'storage' }],
    ]);
  });
});

describe('choices', () => {
  test('grantApprovalDecisions lets an approver call the decision function through its IAM-authenticated URL only', () => {
    const { stack, pipeline } = stackWith({ optimizers: [Optimizer.storage()], approval: {} });
    const approver = new iam.Role(stack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
    pipeline.grantApprovalDecisions(approver);
    const decisionFunctionId = stack.getLogicalId(pipeline.approvalDecisionFunction!.node.defaultChild as CfnElement);
    const template = Template.fromStack(stack);
    // Both actions since October 2025; InvokeFunction only via the URL, so every decision names its signer.
    expect(policyOf(template, 'ApproverDefaultPolicy')).toEqual([
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunctionUrl',
        Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } },
        Resource: { 'Fn::GetAtt': [decisionFunctionId, 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Condition: { Bool: { 'lambda:InvokedViaFunctionUrl': true } },
        Resource: { 'Fn::GetAtt': [decisionFunctionId, 'Arn'] },
      },
    ]);
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', TargetFunctionArn: { 'Fn::GetAtt': [decisionFunctionId, 'Arn'] } });
  });

  test('grantApprovalDecisions without an approval workflow is an error', () => {
    const { stack, pipeline } = stackWith({ optimizers: [Optimizer.storage()] });
    const approver = new iam.Role(stack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
    expect(() => pipeline.grantApprovalDecisions(approver)).toThrow(
      'Stack/Pipeline: ["storage"] breaks the rule: approval decisions exist only in a pipeline with `approval`. '
      + 'Fix: add `approval: {}` to the pipeline (storage actions then wait for a decision), or drop the grant.',
    );
  });

  test('grantReadReports lets a reader get and list reports under the prefix only, with no wildcard action', () => {
    const { stack, pipeline } = stackWith({ optimizers: [Optimizer.costAnalysis()] });
    const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() });
    pipeline.grantReadReports(reader);
    const bucketId = stack.getLogicalId(pipeline.reportBucket.node.defaultChild as CfnElement);
    expect(policyOf(Template.fromStack(stack), 'ReaderDefaultPolicy')).toEqual([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [bucketId, 'Arn'] }, '/reports/*']] } },
      {
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Condition: { StringLike: { 's3:prefix': ['reports/*'] } },
        Resource: { 'Fn::GetAtt': [bucketId, 'Arn'] },
      },
    ]);
  });

  test('a list token of emails becomes conditional subscriptions, one per position', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const emails = new CfnParameter(stack, 'Emails', { type: 'CommaDelimitedList' });
    new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.costAnalysis()], alertEmails: emails.valueAsList });
    const template = Template.fromStack(stack);
    const subscriptions = Object.values(template.findResources('AWS::SNS::Subscription')) as any[];
    expect(subscriptions).toHaveLength(EMAIL_LIST_TOKEN_SLOTS);
    const padded = { 'Fn::Split': [',', { 'Fn::Join': ['', [{ 'Fn::Join': [',', { Ref: 'Emails' }] }, ','.repeat(EMAIL_LIST_TOKEN_SLOTS)]] }] };
    expect(subscriptions[3].Properties).toEqual(expect.objectContaining({ Protocol: 'email', Endpoint: { 'Fn::Select': [3, padded] } }));
    expect(template.toJSON().Conditions[subscriptions[3].Condition]).toEqual({ 'Fn::Not': [{ 'Fn::Equals': [{ 'Fn::Select': [3, padded] }, ''] }] });
    Annotations.fromStack(stack).hasWarning('/Stack/Pipeline', Match.stringLikeRegexp(`up to its first ${EMAIL_LIST_TOKEN_SLOTS} addresses`));
  });

  test('a decision timeout that is not a whole number of hours synthesizes', () => {
    const { stack } = stackWith({ optimizers: [Optimizer.storage()], approval: { decisionTimeout: Duration.minutes(30) } });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', Match.anyValue());
  });

  test('the decision function name fits Lambda\'s 64 characters for any construct path', () => {
    const app = new App();
    const stack = new Stack(app, 'S'.repeat(120));
    const pipeline = new OptimizationPipeline(new Construct(stack, 'Deep'.repeat(40)), 'P'.repeat(200), { optimizers: [Optimizer.storage()], approval: {} });
    const name = stack.resolve((pipeline.approvalDecisionFunction!.node.defaultChild as CfnElement & { functionName: string }).functionName);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name).toMatch(/^[a-zA-Z0-9-_]+$/);
  });

  test('one optimizer, an existing topic and bucket prefix, no approval: no workflow', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const topic = new sns.Topic(stack, 'Existing');
    const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
      optimizers: [Optimizer.commitments({
        term: CommitmentTerm.THREE_YEARS,
        paymentOption: CommitmentPaymentOption.ALL_UPFRONT,
        schedule: scheduler.ScheduleExpression.rate(Duration.days(7)),
      })],
      alertTopic: topic,
      reportPrefix: 'finops/reports',
    });
    const template = Template.fromStack(stack);
    expect(pipeline.alertTopic).toBe(topic);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 0);
    template.resourceCountIs('AWS::Lambda::Function', 1);
    template.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(7 days)' });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          REPORT_PREFIX: 'finops/reports',
          OPTIMIZATION_POLICY: Match.stringLikeRegexp('"termInYears":"THREE_YEARS","paymentOption":"ALL_UPFRONT"'),
        }),
      },
    });
  });

  test('the whole pipeline passes cdk-nag AwsSolutions with its acknowledgements', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    new OptimizationPipeline(stack, 'Pipeline', { approval: {} });
    expect(awsSolutionsFindings(app)).toBe('');
  });

  test('cdk-nag passes in an environment-agnostic stack too (acknowledgements name the pseudo parameters)', () => {
    const app = new App();
    new OptimizationPipeline(new Stack(app, 'Stack'), 'Pipeline', { approval: {} });
    expect(awsSolutionsFindings(app)).toBe('');
  });
});

describe('rules checked at synth', () => {
  const cases: Array<[string, OptimizationPipelineProps, RegExp]> = [
    ['no optimizer', { optimizers: [] }, /a pipeline runs at least one optimizer/],
    ['the same kind twice', { optimizers: [Optimizer.storage(), Optimizer.storage()] }, /runs each optimizer kind once/],
    ['approval without storage', { optimizers: [Optimizer.rightsizing()], approval: {} }, /approval routes storage actions, so it needs the storage optimizer/],
    ['a zero decision timeout', { approval: { decisionTimeout: Duration.days(0) } }, /"Duration.days\(0\)" breaks the rule: a Step Functions task timeout, here the wait for a decision, is a whole number of seconds, at least 1/],
    ['a schedule without ? in a day field', { optimizers: [Optimizer.storage({ schedule: scheduler.ScheduleExpression.expression('cron(0 8 * * * *)') })] }, /has "\?" in its day-of-month or its day-of-week field/],
    ['a 0-day report retention', { reportRetention: Duration.days(0) }, /S3 lifecycle expiration is a whole number of days, at least 1/],
    ['a decision timeout over a year', { approval: { decisionTimeout: Duration.days(400) } }, /"Duration.days\(400\)" breaks the rule: a Standard Step Functions execution.*at most 365 days/],
    ['a zero auto-approval threshold', { approval: { autoApproveBelowMonthlySavings: 0 } }, /autoApproveBelowMonthlySavings is a positive amount/],
    ['a bad approver email', { approval: { approverEmails: ['ops'] } }, /"ops" breaks the rule: every entry of approverEmails is an email address/],
    ['a bad alert email', { alertEmails: ['finops at example'] }, /every entry of alertEmails is an email address/],
    ['a reserved namespace', { metricNamespace: 'AWS/FinOps' }, /namespaces starting with "AWS\/" are reserved/],
    ['a too long namespace', { metricNamespace: 'N'.repeat(256) }, /a CloudWatch metric namespace is 1-255 characters/],
    ['a dashboard name with spaces', { dashboardName: 'my dashboard' }, /a dashboard name contains only A-Z/],
    ['a too long report prefix', { reportPrefix: 'p'.repeat(1000) }, /an S3 key is at most 1024 bytes, leaving 968 for the report prefix/],
    ['a report prefix with a trailing slash', { reportPrefix: 'reports/' }, /without leading or trailing "\/"/],
    ['a timeout over 15 minutes', { optimizers: [Optimizer.costAnalysis({ timeout: Duration.minutes(16) })] }, /960 breaks the rule: a Lambda function's timeout in seconds must be between 1 and 900/],
    ['too little memory', { optimizers: [Optimizer.storage({ memorySize: 64 })] }, /64 breaks the rule: a Lambda function's memory in MB must be between 128 and 10240/],
    ['14 months of history', { optimizers: [Optimizer.costAnalysis({ lookbackMonths: 14 })] }, /lookbackMonths \(Cost Explorer keeps 13 months of history\) must be between 1 and 13/],
    ['a fractional lookback', { optimizers: [Optimizer.costAnalysis({ lookbackMonths: 1.5 })] }, /lookbackMonths .* is a whole number/],
    ['13 forecast months', { optimizers: [Optimizer.costAnalysis({ forecastMonths: 13 })] }, /forecastMonths .* must be between 1 and 12/],
    ['a 50% prediction interval', { optimizers: [Optimizer.costAnalysis({ predictionIntervalLevel: 50 })] }, /predictionIntervalLevel of GetCostForecast must be between 51 and 99/],
    ['91 days of anomalies', { optimizers: [Optimizer.costAnalysis({ anomalyLookbackDays: 91 })] }, /anomalyLookbackDays .* must be between 1 and 90/],
    ['negative savings', { optimizers: [Optimizer.rightsizing({ minMonthlySavings: -1 })] }, /minMonthlySavings is an amount of USD per month, 0 or more/],
    ['a percentage over 100', { optimizers: [Optimizer.rightsizing({ minSavingsPercentage: 101 })] }, /minSavingsPercentage, a percentage, must be between 0 and 100/],
    ['a CPU threshold over 100', { optimizers: [Optimizer.rightsizing({ maxCpuUtilizationPercentage: 150 })] }, /maxCpuUtilizationPercentage, a percentage/],
    ['negative RI minimum', { optimizers: [Optimizer.commitments({ reservedInstancesMinMonthlySavings: -5 })] }, /reservedInstancesMinMonthlySavings is an amount/],
    ['a negative gp2-to-gp3 minimum', { optimizers: [Optimizer.storage({ gp2ToGp3MinMonthlySavings: -1 })] }, /gp2ToGp3MinMonthlySavings is an amount/],
    ['an expected utilization over 100', { optimizers: [Optimizer.commitments({ reservedInstancesMinUtilizationPercentage: 101 })] },
      /reservedInstancesMinUtilizationPercentage, a percentage, must be between 0 and 100/],
    ['a negative hourly commitment', { optimizers: [Optimizer.commitments({ savingsPlansMinHourlyCommitment: -0.1 })] }, /savingsPlansMinHourlyCommitment is an amount/],
    ['no reservation service', { optimizers: [Optimizer.commitments({ reservationServices: [] })] }, /reservationServices names at least one service/],
    ['a reservation service twice', { optimizers: [Optimizer.commitments({ reservationServices: [ReservationService.RDS, ReservationService.RDS] })] },
      /each of reservationServices is named once/],
    ['zero retention days', { optimizers: [Optimizer.storage({ snapshotRetentionDays: 0 })] }, /snapshotRetentionDays must be between 1 and 36500/],
    ['an aws: protection tag', { optimizers: [Optimizer.storage({ protectionTagKey: 'aws:retain' })] }, /tag keys starting with "aws:" are reserved/],
    ['a too long protection tag', { optimizers: [Optimizer.storage({ protectionTagKey: 'k'.repeat(129) })] }, /an EC2 tag key is 1-128 characters/],
    ['a tier needing no approver', { approval: { tiers: [{ requiredApprovers: 0 }] } }, /0 breaks the rule: tier 1: requiredApprovers is a whole number, at least 1/],
    ['a fractional approver count', { approval: { tiers: [{ requiredApprovers: 1.5 }] } }, /1.5 breaks the rule: tier 1: requiredApprovers is a whole number/],
    ['an approver that is not an IAM ARN', { approval: { tiers: [{ approvers: ['alice@example.com'] }] } },
      /"alice@example.com" breaks the rule: tier 1: each approver is an IAM user or role ARN/],
    ['an approver given as a role session', { approval: { tiers: [{ approvers: ['arn:aws:sts::111122223333:assumed-role/A/alice'] }] } },
      /each approver is an IAM user or role ARN/],
    ['more approvers required than listed', { approval: { tiers: [{ requiredApprovers: 2, approvers: ['arn:aws:iam::111122223333:role/A'] }] } },
      /tier 1: 2 distinct approvers are required but only 1 may approve/],
    ['two tiers from the same saving', { approval: { tiers: [{}, { requiredApprovers: 2, actionTypes: [ApprovalActionType.DELETE_SNAPSHOT] }] } },
      /"tiers":\[1,2\],"actionType":"DELETE_SNAPSHOT","minMonthlySavings":0\} breaks the rule: approval tiers do not overlap/],
    ['an action type without a tier from 0', { approval: { tiers: [{ actionTypes: [ApprovalActionType.MODIFY_VOLUME_TO_GP3] }, { minMonthlySavings: 10 }] } },
      /"DELETE_SNAPSHOT" breaks the rule: every action finds its approval tier: each action type needs a tier from 0 USD a month/],
    ['negative tier savings', { approval: { tiers: [{}, { minMonthlySavings: -1 }] } }, /-1 breaks the rule: tier 2: minMonthlySavings is an amount/],
    ['a tier without action types', { approval: { tiers: [{}, { minMonthlySavings: 5, actionTypes: [] }] } }, /tier 2: a tier covers at least one action type/],
    ['an empty tier list', { approval: { tiers: [] } }, /approval tiers, when given, are at least one/],
    ['a tier timeout over a year', { approval: { tiers: [{ decisionTimeout: Duration.days(366) }] } },
      /"Duration.days\(366\)" breaks the rule: a Standard Step Functions execution.*Fix: set tier 1: decisionTimeout to at most Duration.days\(365\)/],
    ['a sub-second tier timeout', { approval: { tiers: [{ decisionTimeout: Duration.millis(500) }] } }, /tier 1: decisionTimeout to at least Duration.seconds\(1\)/],
    ['an aws: protected tag', { approval: { protectedTags: [{ key: 'aws:cloudformation:stack-name' }] } }, /tag keys starting with "aws:" are reserved/],
  ];

  test.each(cases)('%s', (_name, props, message) => {
    expect(() => stackWith(props)).toThrow(message);
  });

  test('tiers and protected tags from tokens are not refused', () => {
    const approver = new CfnParameter(new Stack(), 'Approver').valueAsString;
    expect(() => stackWith({
      optimizers: [Optimizer.storage()],
      approval: { tiers: [{ approvers: [approver], requiredApprovers: 1 }], protectedTags: [{ key: new CfnParameter(new Stack(), 'Key').valueAsString }] },
    })).not.toThrow();
  });

  test('errors name the construct path', () => {
    expect(() => stackWith({ optimizers: [] })).toThrow(/^Stack\/Pipeline: \[\] breaks the rule/);
  });
});
