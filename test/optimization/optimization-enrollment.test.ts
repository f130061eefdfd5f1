import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { OptimizationEnrollment, OptimizationEnrollmentProps } from '../../src/optimization';
import { awsSolutionsFindings } from '../support/nag';

function synth(props?: OptimizationEnrollmentProps, env: { account?: string; region?: string } = { account: '111122223333', region: 'eu-west-1' }) {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env });
  new OptimizationEnrollment(stack, 'Enrollment', props);
  return { app, template: Template.fromStack(stack) };
}

/** The SDK calls the custom resources make on create and on update, parsed. */
function calls(template: Template): Record<string, any> {
  const resources = template.findResources('Custom::AWS');
  return Object.fromEntries(Object.entries(resources).map(([logicalId, resource]: [string, any]) => {
    const create = resource.Properties.Create;
    const text = typeof create === 'string' ? create : create['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : '<token>')).join('');
    const properties = resource.Properties;
    return [logicalId.replace(/[0-9A-F]{8}$/, ''), { create: JSON.parse(text), hasUpdate: properties.Update !== undefined, hasDelete: properties.Delete !== undefined }];
  }));
}

function statementsOf(template: Template): any[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
}

describe('OptimizationEnrollment', () => {
  test('opts the organization in to both services, on create and update, with nothing to undo on delete', () => {
    const { template } = synth();
    expect(calls(template)).toEqual({
      EnrollmentCostOptimizationHub: {
        create: {
          service: 'CostOptimizationHub',
          action: 'UpdateEnrollmentStatus',
          parameters: { status: 'Active', includeMemberAccounts: true },
          region: 'us-east-1',
          physicalResourceId: { id: 'CostOptimizationHub-enrollment' },
        },
        hasUpdate: true,
        hasDelete: false,
      },
      EnrollmentComputeOptimizer: {
        create: {
          service: 'ComputeOptimizer',
          action: 'UpdateEnrollmentStatus',
          parameters: { status: 'Active', includeMemberAccounts: true },
          region: 'eu-west-1',
          physicalResourceId: { id: 'ComputeOptimizer-enrollment' },
        },
        hasUpdate: true,
        hasDelete: false,
      },
    });
  });

  test('grants exactly the enrollment calls, the service-linked roles and the trusted access of each service', () => {
    const { template } = synth();
    const statements = statementsOf(template);
    const actions = statements.flatMap((statement) => [statement.Action].flat()).sort();
    expect(actions).toEqual([
      'compute-optimizer:UpdateEnrollmentStatus',
      'cost-optimization-hub:UpdateEnrollmentStatus',
      'iam:CreateServiceLinkedRole',
      'iam:CreateServiceLinkedRole',
      'iam:PutRolePolicy',
      'organizations:DescribeOrganization',
      'organizations:DescribeOrganization',
      'organizations:EnableAWSServiceAccess',
      'organizations:EnableAWSServiceAccess',
    ]);
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({
        Action: 'iam:CreateServiceLinkedRole',
        Condition: { StringLike: { 'iam:AWSServiceName': 'cost-optimization-hub.bcm.amazonaws.com' } },
        Resource: {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' },
            ':role/aws-service-role/cost-optimization-hub.bcm.amazonaws.com/AWSServiceRoleForCostOptimizationHub']],
        },
      }),
      expect.objectContaining({
        Action: 'organizations:EnableAWSServiceAccess',
        Condition: { StringLike: { 'organizations:ServicePrincipal': ['compute-optimizer.amazonaws.com'] } },
        Resource: '*',
      }),
    ]));
  });

  test('a standalone account enrolls itself only, without Organizations permissions', () => {
    const { template } = synth({ includeMemberAccounts: false, costOptimizationHub: false });
    expect(Object.values(calls(template)).map((call: any) => call.create.parameters)).toEqual([{ status: 'Active', includeMemberAccounts: false }]);
    expect(JSON.stringify(statementsOf(template))).not.toContain('organizations:');
    template.resourceCountIs('Custom::AWS', 1);
  });

  test('passes cdk-nag AwsSolutions, in an environment-agnostic stack too', () => {
    expect(awsSolutionsFindings(synth().app)).toBe('');
    expect(awsSolutionsFindings(synth({}, {}).app)).toBe('');
  });

  test('refuses to enroll in nothing', () => {
    expect(() => synth({ costOptimizationHub: false, computeOptimizer: false })).toThrow(
      /^Stack\/Enrollment: .* breaks the rule: an OptimizationEnrollment enrolls in at least one service\. Fix: /,
    );
  });

  test('no SDK is installed at deploy time', () => {
    const { template } = synth();
    template.hasResourceProperties('Custom::AWS', { InstallLatestAwsSdk: false });
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ Handler: 'index.handler' }));
  });
});
