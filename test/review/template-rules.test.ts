import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { removeTempDirs, runReview, tempDir } from './run-review';
import { findingsOfStacks } from '../../src/review/findings';
import { readAssembly, stackFromTemplate } from '../../src/review/template';
import { templateFindings } from '../../src/review/template-rules';

afterAll(removeTempDirs);

/** The template rules' findings on a template, as "<rule id> <logical ID>[: detail]". */
function findingsOn(template: object): string[] {
  return templateFindings(stackFromTemplate('Stack', template)).map((finding) =>
    `${finding.ruleId} ${finding.logicalId}${finding.detail ? `: ${finding.detail}` : ''}`);
}

const FUNCTION = { Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::1:role/r', Code: { ZipFile: 'x' } } };
const SAM_FUNCTION = { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', InlineCode: 'x' } };

describe('FinOps-LambdaLogRetention: a function whose logs are kept forever', () => {
  test('a function, or a SAM function, without a log group is a finding', () => {
    expect(findingsOn({ Resources: { Fn: FUNCTION, Sam: SAM_FUNCTION } })).toEqual(['FinOps-LambdaLogRetention Fn', 'FinOps-LambdaLogRetention Sam']);
  });

  test.each([
    ['a log group named with Sub', { 'Fn::Sub': '/aws/lambda/${Fn}' }],
    ['a log group named with Join', { 'Fn::Join': ['', ['/aws/lambda/', { Ref: 'Fn' }]] }],
  ])('%s and RetentionInDays is no finding', (_how, logGroupName) => {
    expect(findingsOn({ Resources: { Fn: FUNCTION, Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: logGroupName, RetentionInDays: 30 } } } })).toEqual([]);
  });

  test('a log group without retention does not count (FinOps-LogGroupRetention of the pack reports the log group)', () => {
    expect(findingsOn({ Resources: { Fn: FUNCTION, Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: { 'Fn::Sub': '/aws/lambda/${Fn}' } } } } }))
      .toEqual(['FinOps-LambdaLogRetention Fn']);
  });

  test('a function with a literal name and its log group, and a function with LoggingConfig.LogGroup, are no findings', () => {
    expect(findingsOn({
      Resources: {
        Named: { ...FUNCTION, Properties: { ...FUNCTION.Properties, FunctionName: 'cost-report' } },
        Logs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/aws/lambda/cost-report', RetentionInDays: 14 } },
        Configured: { ...SAM_FUNCTION, Properties: { ...SAM_FUNCTION.Properties, LoggingConfig: { LogGroup: { Ref: 'Shared' } } } },
      },
    })).toEqual([]);
  });

  test('CDK functions: logRetention (Custom::LogRetention) and logGroup with retention are no findings, the default is one, as is the log retention handler', () => {
    const app = new App({ outdir: tempDir() });
    const stack = new Stack(app, 'Functions');
    const props = { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => {};') };
    new lambda.Function(stack, 'WithLogRetention', { ...props, logRetention: logs.RetentionDays.ONE_MONTH });
    new lambda.Function(stack, 'WithLogGroup', { ...props, logGroup: new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_WEEK }) });
    new lambda.Function(stack, 'KeepsLogsForever', props);
    app.synth();
    const [synthesized] = readAssembly(app.outdir);
    expect(templateFindings(synthesized).filter((finding) => finding.ruleId === 'FinOps-LambdaLogRetention').map((finding) => finding.logicalId))
      .toEqual([expect.stringMatching(/^LogRetention[0-9a-f]{32}[0-9A-F]{8}$/), expect.stringMatching(/^KeepsLogsForever[0-9A-F]{8}$/)]);
  });
});

describe('FinOps-PreviousGeneration: instance types given as parameters', () => {
  const template = (defaultType: string, defaultClass: string) => ({
    Parameters: { InstanceType: { Type: 'String', Default: defaultType }, DBClass: { Type: 'String', Default: defaultClass } },
    Resources: {
      Server: { Type: 'AWS::EC2::Instance', Properties: { InstanceType: { Ref: 'InstanceType' }, ImageId: 'ami-12345678' } },
      Cluster: { Type: 'AWS::EMR::Cluster', Properties: { Instances: { MasterInstanceGroup: { InstanceType: { Ref: 'InstanceType' }, InstanceCount: 1 } } } },
      Database: { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceClass: { Ref: 'DBClass' }, Engine: 'mysql' } },
    },
  });

  test('a previous-generation default is a finding on every resource that uses the parameter, naming parameter and default', () => {
    expect(findingsOn(template('m4.large', 'db.t2.medium'))).toEqual([
      'FinOps-PreviousGeneration[m4] Server: instance type from parameter InstanceType, default m4.large',
      'FinOps-PreviousGeneration[m4] Cluster: instance type from parameter InstanceType, default m4.large',
      'FinOps-PreviousGeneration[db.t2] Database: instance type from parameter DBClass, default db.t2.medium',
    ]);
  });

  test('current-generation defaults are no findings', () => {
    expect(findingsOn(template('m7g.large', 'db.t4g.medium'))).toEqual([]);
  });
});

describe('FinOps-AlwaysOnCost: services billed by the hour', () => {
  test.each([
    'AWS::SageMaker::Endpoint',
    'AWS::OpenSearchService::Domain',
    'AWS::Elasticsearch::Domain',
    'AWS::ElastiCache::CacheCluster',
    'AWS::ElastiCache::ReplicationGroup',
    'AWS::ElasticLoadBalancingV2::LoadBalancer',
    'AWS::ElasticLoadBalancing::LoadBalancer',
    'AWS::EKS::Cluster',
  ])('%s is a warning naming its type', (type) => {
    const [finding] = templateFindings(stackFromTemplate('Stack', { Resources: { Service: { Type: type } } }));
    expect(finding).toMatchObject({ ruleId: `FinOps-AlwaysOnCost[${type}]`, severity: 'warning', logicalId: 'Service' });
  });

  test('a SageMaker model or endpoint configuration is no finding: only the endpoint runs instances', () => {
    expect(findingsOn({ Resources: { Model: { Type: 'AWS::SageMaker::Model' }, Config: { Type: 'AWS::SageMaker::EndpointConfig' } } })).toEqual([]);
  });

  test('is acknowledged with cdk_nag template metadata, and a conditional resource says when it exists', () => {
    const [finding] = templateFindings(stackFromTemplate('Stack', {
      Conditions: { IsProd: { 'Fn::Equals': ['a', 'a'] } },
      Resources: {
        Cache: {
          Type: 'AWS::ElastiCache::ReplicationGroup',
          Condition: 'IsProd',
          Metadata: { cdk_nag: { rules_to_suppress: [{ id: 'FinOps::FinOps-AlwaysOnCost', reason: 'The session store must answer in a millisecond' }] } },
        },
      },
    }));
    expect(finding).toMatchObject({ condition: 'IsProd', acknowledgedBecause: 'The session store must answer in a millisecond' });
  });
});

describe('FinOps-NestedStackUnread: a nested stack whose template is not in the assembly', () => {
  test('is named, as a SAM application is, instead of being skipped', () => {
    expect(findingsOn({
      Resources: {
        Network: { Type: 'AWS::CloudFormation::Stack', Properties: { TemplateURL: 'https://s3.amazonaws.com/bucket/network.yaml' } },
        App: { Type: 'AWS::Serverless::Application', Properties: { Location: { ApplicationId: 'arn:aws:serverlessrepo:us-east-1:1:applications/x', SemanticVersion: '1.0.0' } } },
      },
    })).toEqual(['FinOps-NestedStackUnread Network', 'FinOps-NestedStackUnread App']);
  });

  test('a CDK nested stack whose template is in the assembly is read, and no finding', () => {
    const app = new App({ outdir: tempDir() });
    const parent = new Stack(app, 'Parent');
    new s3.Bucket(new NestedStack(parent, 'Storage'), 'Bucket');
    app.synth();
    const stacks = readAssembly(app.outdir);
    expect(stacks).toHaveLength(2);
    expect(stacks.flatMap((stack) => templateFindings(stack)).filter((finding) => finding.ruleId === 'FinOps-NestedStackUnread')).toEqual([]);
  });
});

describe('required cost allocation tags', () => {
  function requiredTagFindings(build: (app: App) => void): string[] {
    const app = new App({ outdir: tempDir() });
    build(app);
    app.synth();
    return findingsOfStacks(readAssembly(app.outdir), { requiredTagKeys: ['cost-center'] })
      .filter((finding) => finding.ruleId.startsWith('FinOps-CostAllocationTags'))
      .map((finding) => `${finding.stackName} ${finding.resourceType}`);
  }
  const resources = (stack: Stack) => {
    new s3.CfnBucket(stack, 'Bucket');
    new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new ec2.CfnSubnet(stack, 'Subnet', { vpcId: 'vpc-12345678', cidrBlock: '10.0.0.0/24' });
    new ec2.CfnSecurityGroup(stack, 'Group', { groupDescription: 'web', vpcId: 'vpc-12345678' });
  };

  test('are asked only of resources AWS bills: a bucket, not a role, a subnet or a security group', () => {
    expect(requiredTagFindings((app) => resources(new Stack(app, 'Workload')))).toEqual(['Workload AWS::S3::Bucket']);
  });

  test('a stack-level tag (new Stack(app, id, { tags })) counts for every resource of the stack and of its nested stacks', () => {
    expect(requiredTagFindings((app) => {
      const stack = new Stack(app, 'Workload', { tags: { 'cost-center': 'platform' } });
      resources(stack);
      resources(new NestedStack(stack, 'Nested'));
    })).toEqual([]);
  });

  test('a stack-level tag with another key does not count', () => {
    expect(requiredTagFindings((app) => resources(new Stack(app, 'Workload', { tags: { team: 'platform' } })))).toEqual(['Workload AWS::S3::Bucket']);
  });
});

describe('resources the CDK include cannot load', () => {
  function review(template: object, ...argv: string[]) {
    const file = path.join(tempDir(), 'template.json');
    fs.writeFileSync(file, JSON.stringify(template));
    const { status, stdout, stderr } = runReview(file, '--format', 'json', ...argv);
    return { status, stderr, findings: stdout ? JSON.parse(stdout).findings.map((finding: any) => `${finding.ruleId} ${finding.logicalId}${finding.detail ? `: ${finding.detail}` : ''}`) : [] };
  }

  test('a GetAtt of a resource a transform adds (SAM\'s implicit role) does not stop the rules, resource by resource', () => {
    const { status, stderr, findings } = review({
      Transform: 'AWS::Serverless-2016-10-31',
      Resources: {
        Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: [{ Key: 'role', Value: { 'Fn::GetAtt': ['HandlerRole', 'Arn'] } }] } },
      },
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(findings).toEqual(['FinOps-BudgetDeclared Bucket', 'FinOps-S3Lifecycle Bucket']);
  });

  test('a Ref in Mappings read by FindInMap, and an output naming a resource a transform adds, do not stop the rules', () => {
    const { status, stderr, findings } = review({
      Mappings: { Accounts: { 'us-east-1': { Bucket: { Ref: 'AWS::AccountId' } } } },
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { BucketName: { 'Fn::FindInMap': ['Accounts', { Ref: 'AWS::Region' }, 'Bucket'] } } } },
      Outputs: { Role: { Value: { 'Fn::GetAtt': ['FunctionRole', 'Arn'] } } },
    });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(findings).toEqual(['FinOps-BudgetDeclared Bucket', 'FinOps-S3Lifecycle Bucket']);
  });

  test('tags written as a map still count', () => {
    const { status, findings } = review({ Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: { Tags: { 'cost-center': 'platform' } } } } }, '--required-tag', 'cost-center');
    expect(status).toBe(0);
    expect(findings).toEqual(['FinOps-BudgetDeclared Bucket', 'FinOps-S3Lifecycle Bucket']);
  });

  test('a resource that cannot be loaded at all is named with the reason, and the others are checked', () => {
    const { status, findings } = review({
      Resources: {
        Locked: { Type: 'AWS::S3::Bucket', Properties: { ObjectLockEnabled: 'sometimes' } },
        Logs: { Type: 'AWS::Logs::LogGroup' },
      },
    });
    expect(status).toBe(0);
    expect(findings).toEqual([
      'FinOps-BudgetDeclared Logs',
      'FinOps-LogGroupRetention Logs',
      'FinOps-RulesNotChecked Locked: Expected \'true\' or \'false\' for boolean value, got: \'sometimes\'',
    ]);
  });
});
