import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OptimizationPipeline, Optimizer, StorageOptimizerProps } from '../../src/optimization';
import { awsSolutionsFindings } from '../support/nag';

function pipelineWith(props: StorageOptimizerProps) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
  new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.storage(props)] });
  return { app, template: Template.fromStack(stack) };
}

function statementsOf(template: Template): any[] {
  return Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([logicalId]) => logicalId.startsWith('PipelineStorageRole'))
    .flatMap(([, policy]: [string, any]) => policy.Properties.PolicyDocument.Statement);
}

describe('storage optimizer with S3 Intelligent-Tiering recommendations', () => {
  test('its role may call exactly what the bucket source calls, and the function is told to read buckets', () => {
    const { template } = pipelineWith({ s3IntelligentTiering: true });
    expect(statementsOf(template).find((statement) => statement.Sid === 'ReadSources')).toEqual({
      Sid: 'ReadSources',
      Effect: 'Allow',
      Resource: '*',
      Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots', 'pricing:GetProducts', 's3:ListAllMyBuckets', 's3:GetLifecycleConfiguration', 'cloudwatch:GetMetricData'],
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OPTIMIZER: 'storage', OPTIMIZER_SETTINGS: JSON.stringify({ s3IntelligentTiering: 'true' }) }) },
    });
  });

  test('off by default: no bucket reads granted', () => {
    const text = JSON.stringify(statementsOf(pipelineWith({}).template));
    expect(text).not.toContain('s3:ListAllMyBuckets');
    expect(text).not.toContain('cloudwatch:GetMetricData');
  });

  test('cdk-nag AwsSolutions stays clean', () => {
    expect(awsSolutionsFindings(pipelineWith({ s3IntelligentTiering: true }).app)).toBe('');
  });
});
