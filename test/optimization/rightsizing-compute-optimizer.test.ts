import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { OptimizationPipeline, Optimizer, OptimizerKind, RightsizingOptimizerProps } from '../../src/optimization';
import { DeployedTemplate } from '../support/deployed';
import { awsSolutionsFindings } from '../support/nag';

function pipelineWith(props: RightsizingOptimizerProps) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '111122223333', region: 'eu-west-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.rightsizing(props)] });
  return { app, stack, pipeline, template: Template.fromStack(stack) };
}

/** The rightsizing function's OPTIMIZER_SETTINGS as CloudFormation would deploy them. */
function settingsOf(deployed: { stack: Stack; pipeline: OptimizationPipeline }): Record<string, string> {
  const fn = deployed.pipeline.functionFor(OptimizerKind.RIGHTSIZING)!;
  return JSON.parse(DeployedTemplate.of(deployed.stack).functionEnvironment(fn).OPTIMIZER_SETTINGS);
}

function readSources(template: Template): unknown {
  const policies = Object.entries(template.findResources('AWS::IAM::Policy'))
    .filter(([logicalId]) => logicalId.startsWith('PipelineRightsizingRole'));
  return policies.flatMap(([, policy]: [string, any]) => policy.Properties.PolicyDocument.Statement).find((statement: any) => statement.Sid === 'ReadSources');
}

describe('rightsizing optimizer with Compute Optimizer', () => {
  test('its role may call exactly the four Get APIs and the reads Compute Optimizer requires for them', () => {
    expect(readSources(pipelineWith({ computeOptimizer: true }).template)).toEqual({
      Sid: 'ReadSources',
      Effect: 'Allow',
      Resource: '*',
      Action: [
        'ce:GetRightsizingRecommendation',
        'cost-optimization-hub:ListRecommendations',
        'compute-optimizer:GetEC2InstanceRecommendations',
        'compute-optimizer:GetEBSVolumeRecommendations',
        'compute-optimizer:GetLambdaFunctionRecommendations',
        'compute-optimizer:GetRDSDatabaseRecommendations',
        'ec2:DescribeInstances',
        'ec2:DescribeVolumes',
        'lambda:ListFunctions',
        'lambda:ListProvisionedConcurrencyConfigs',
        'rds:DescribeDBInstances',
        'rds:DescribeDBClusters',
      ],
    });
  });

  test('off by default: no Compute Optimizer permission, no region setting', () => {
    const deployed = pipelineWith({});
    expect(JSON.stringify(readSources(deployed.template))).not.toContain('compute-optimizer');
    expect(settingsOf(deployed)).toEqual({});
  });

  test('the regions reach the function; none named means its own region', () => {
    const named = pipelineWith({ computeOptimizerRegions: ['us-east-1', 'eu-west-1'] });
    expect(settingsOf(named)).toEqual({ computeOptimizerRegions: 'us-east-1,eu-west-1' });
    expect(settingsOf(pipelineWith({ computeOptimizer: true }))).toEqual({ computeOptimizerRegions: '' });
  });

  test('cdk-nag AwsSolutions stays clean', () => {
    expect(awsSolutionsFindings(pipelineWith({ computeOptimizer: true }).app)).toBe('');
  });

  test.each<[string, RightsizingOptimizerProps, RegExp]>([
    ['regions with the source off', { computeOptimizer: false, computeOptimizerRegions: ['us-east-1'] },
      /computeOptimizerRegions are read only when computeOptimizer is on/],
    ['an empty list of regions', { computeOptimizerRegions: [] }, /computeOptimizerRegions names at least one region/],
    ['a region name instead of its code', { computeOptimizerRegions: ['Europe (Ireland)'] },
      /"Europe \(Ireland\)" breaks the rule: each of computeOptimizerRegions is a region code/],
  ])('refuses %s', (_name, props, message) => {
    expect(() => pipelineWith(props)).toThrow(message);
  });
});
