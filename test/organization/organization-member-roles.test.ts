import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { managementStack, memberTemplateFile } from './support';
import { CallAs, MemberDeploymentTarget, OrganizationMemberRoles, OrganizationMemberRolesProps } from '../../src';
import { cfnLintFindings } from '../support/cfn-lint';
import { awsSolutionsFindings } from '../support/nag';

const ORGANIZATION_ID = 'o-abcdefghij';
const OU = 'ou-ab12-11111111';

function memberRoles(props: Partial<OrganizationMemberRolesProps> = {}) {
  const app = new App();
  const { stack, trust } = managementStack(app);
  const roles = new OrganizationMemberRoles(stack, 'MemberRoles', {
    trust,
    organizationId: ORGANIZATION_ID,
    target: MemberDeploymentTarget.organizationalUnits([OU]),
    ...props,
  });
  return { app, stack, roles };
}

describe('OrganizationMemberRoles, in the management stack', () => {
  test('declares a service-managed StackSet with automatic deployment into the organizational units', () => {
    const { stack } = memberRoles();
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [OU] }, Regions: ['eu-west-1'] }],
      OperationPreferences: { MaxConcurrentPercentage: 25, FailureTolerancePercentage: 10, ConcurrencyMode: 'SOFT_FAILURE_TOLERANCE' },
      TemplateURL: { 'Fn::Sub': Match.stringLikeRegexp('^https://s3\\.eu-west-1\\.\\$\\{AWS::URLSuffix\\}/cdk-hnb659fds-assets-999999999999-eu-west-1/[0-9a-f]{64}\\.json$') },
    });
  });

  test('passes the role ARNs, names and organization id as StackSet parameters, not as strings baked into the template', () => {
    const { app, stack } = memberRoles();
    const parameters = Template.fromStack(stack).findResources('AWS::CloudFormation::StackSet');
    const [stackSet] = Object.values(parameters) as any[];
    expect(stackSet.Properties.Parameters).toEqual(expect.arrayContaining([
      { ParameterKey: 'OrganizationId', ParameterValue: ORGANIZATION_ID },
      { ParameterKey: 'ReadRoleName', ParameterValue: 'finops-member-read' },
      { ParameterKey: 'ExecutorRoleName', ParameterValue: 'finops-member-executor' },
      { ParameterKey: 'ReadRoleTrustedBy1', ParameterValue: { 'Fn::GetAtt': [expect.stringMatching(/^ScannerRole/), 'Arn'] } },
      { ParameterKey: 'ReadRoleTrustedBy2', ParameterValue: { 'Fn::GetAtt': [expect.stringMatching(/^ExecutorRole/), 'Arn'] } },
      { ParameterKey: 'ExecutorRoleTrustedBy1', ParameterValue: { 'Fn::GetAtt': [expect.stringMatching(/^ExecutorRole/), 'Arn'] } },
    ]));
    // Every parameter the member template declares is given, and nothing else.
    const { template } = memberTemplateFile(app);
    const given = stackSet.Properties.Parameters.map((parameter: any) => parameter.ParameterKey).sort();
    expect(Object.keys(template.Parameters).sort()).toEqual(given);
  });

  test('takes the account filter, the administrator, the region and the rollout options', () => {
    const { stack } = memberRoles({
      target: MemberDeploymentTarget.organizationalUnitsExcept(['r-ab12'], ['111111111111']),
      callAs: CallAs.DELEGATED_ADMIN,
      region: 'us-east-1',
      stackSetName: 'finops-member-roles',
      maxConcurrentPercentage: 100,
      failureTolerancePercentage: 0,
      retainStacksOnAccountRemoval: true,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackSetName: 'finops-member-roles',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      StackInstancesGroup: [{
        DeploymentTargets: { OrganizationalUnitIds: ['r-ab12'], AccountFilterType: 'DIFFERENCE', Accounts: ['111111111111'] },
        Regions: ['us-east-1'],
      }],
      OperationPreferences: { MaxConcurrentPercentage: 100, FailureTolerancePercentage: 0 },
    });
  });

  test('reaches listed accounts through the units that hold them (INTERSECTION)', () => {
    const { stack } = memberRoles({ target: MemberDeploymentTarget.accounts(['111111111111', '222222222222'], [OU]) });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFormation::StackSet', {
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [OU], AccountFilterType: 'INTERSECTION', Accounts: ['111111111111', '222222222222'] } }],
    });
  });

  test('the member template is no stack of the assembly: cdk deploy never deploys it into the management account', () => {
    const { app, roles } = memberRoles();
    const assembly = app.synth();
    expect(assembly.stacks.map((artifact) => artifact.stackName)).toEqual(['Management']);
    expect(path.basename(memberTemplateFile(app).file)).toBe(`${roles.memberTemplate.artifactId}.stackset.template.json`);
  });
});

describe('OrganizationMemberRoles, in the member template', () => {
  function member() {
    const { app } = memberRoles();
    return Template.fromJSON(memberTemplateFile(app).template);
  }

  test.each([
    ['ReadRoleName', ['ReadRoleTrustedBy1', 'ReadRoleTrustedBy2']],
    ['ExecutorRoleName', ['ExecutorRoleTrustedBy1']],
  ])('the role named by %s is trusted only by the management-side roles, and only within the organization', (nameParameter, trustedBy) => {
    const roles = Object.values(member().findResources('AWS::IAM::Role', { Properties: { RoleName: { Ref: nameParameter } } })) as any[];
    expect(roles).toHaveLength(1);
    const statements = roles[0].Properties.AssumeRolePolicyDocument.Statement;
    expect(statements.map((statement: any) => statement.Principal.AWS.Ref)).toEqual(trustedBy);
    for (const statement of statements) {
      expect(statement).toEqual({
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Principal: { AWS: { Ref: expect.any(String) } },
        Condition: { StringEquals: { 'aws:PrincipalOrgID': { Ref: 'OrganizationId' } } },
      });
    }
  });

  test('the executor role denies its actions on every resource carrying the protection tag', () => {
    member().hasResourceProperties('AWS::IAM::Role', {
      RoleName: { Ref: 'ExecutorRoleName' },
      Policies: [{
        PolicyDocument: {
          Statement: Match.arrayWith([{
            Sid: 'NeverTouchProtectedResources',
            Effect: 'Deny',
            Action: ['ec2:ModifyVolume', 'ec2:DeleteSnapshot'],
            Resource: '*',
            Condition: { Null: { 'aws:ResourceTag/finops:protected': 'false' } },
          }]),
        },
      }],
    });
  });

  test('grants no wildcard beyond the documented ones: Resource "*" only for Describe/Get actions; ModifyVolume and the backup CreateSnapshot on volume ARNs; DeleteSnapshot, the tagged CreateSnapshot and CreateTags on snapshot ARNs', () => {
    const roles = member().findResources('AWS::IAM::Role');
    const allows = Object.values(roles).flatMap((role: any) => role.Properties.Policies.flatMap((policy: any) => policy.PolicyDocument.Statement))
      .filter((statement: any) => statement.Effect === 'Allow');
    const actions = allows.flatMap((statement: any) => [statement.Action].flat());
    expect(actions.filter((action: string) => action.includes('*'))).toEqual([]);
    for (const statement of allows) {
      const statementActions = [statement.Action].flat() as string[];
      if (statement.Resource === '*') {
        expect(statementActions.every((action) => /^(ec2:Describe|compute-optimizer:Get)/.test(action))).toBe(true);
      } else {
        expect(statementActions).toHaveLength(1);
        const arn = JSON.stringify(statement.Resource);
        const onVolumes = /:ec2:\*:",\{"Ref":"AWS::AccountId"\},":volume\/\*"/;
        const onSnapshots = /:ec2:\*::snapshot\/\*"/;
        if (statementActions[0] === 'ec2:ModifyVolume') {
          expect(arn).toMatch(onVolumes);
        } else if (statementActions[0] === 'ec2:CreateSnapshot' && statement.Condition === undefined) {
          expect(arn).toMatch(onVolumes);
        } else {
          expect(arn).toMatch(onSnapshots);
          // Creating and tagging snapshots only as the tagged backup, tagged as it is created.
          if (statementActions[0] !== 'ec2:DeleteSnapshot') expect(statement.Condition).toBeDefined();
        }
      }
    }
    expect(actions.sort()).toEqual([
      'compute-optimizer:GetEBSVolumeRecommendations', 'compute-optimizer:GetEC2InstanceRecommendations', 'compute-optimizer:GetEnrollmentStatus',
      'compute-optimizer:GetLambdaFunctionRecommendations', 'compute-optimizer:GetRDSDatabaseRecommendations',
      'ec2:CreateSnapshot', 'ec2:CreateSnapshot', 'ec2:CreateTags', 'ec2:DeleteSnapshot',
      'ec2:DescribeInstances', 'ec2:DescribeInstances', 'ec2:DescribeSnapshots', 'ec2:DescribeSnapshots', 'ec2:DescribeVolumes', 'ec2:DescribeVolumes',
      'ec2:DescribeVolumesModifications', 'ec2:ModifyVolume',
    ]);
  });

  test('has no CDK bootstrap rule or metadata resource: member accounts are not bootstrapped', () => {
    const template = memberTemplateFile(memberRoles().app).template;
    expect(template.Rules).toBeUndefined();
    expect(Object.values(template.Resources).map((resource: any) => resource.Type).sort()).toEqual(['AWS::IAM::Role', 'AWS::IAM::Role']);
  });
});

describe('OrganizationMemberRoles passes', () => {
  test('cfn-lint, on the member template and on the management stack', () => {
    const { app } = memberRoles();
    const { file } = memberTemplateFile(app);
    expect(cfnLintFindings([file, path.join(app.outdir, 'Management.template.json')])).toBe('');
  });

  test('cdk-nag AwsSolutions, on both stacks', () => {
    expect(awsSolutionsFindings(memberRoles().app)).toBe('');
  });
});
