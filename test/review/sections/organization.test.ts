import { App, CfnStackSet, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { buildFinOpsApp } from '../../../examples/finops-stack';
import { AccountFilter, BudgetLimit, MemberAccountBudgets, MemberDeploymentTarget, OrganizationMemberRoles } from '../../../src';
import { reviewBudgets } from '../../../src/review/sections/budgets';
import { organizationItems, reviewOrganization, targetsInWords } from '../../../src/review/sections/organization';
import { readAssembly, stackFromTemplate, SynthesizedStack } from '../../../src/review/template';
import { templateFindings } from '../../../src/review/template-rules';
import { removeTempDirs, runReview, tempDir } from '../run-review';

afterAll(removeTempDirs);

/** The stacks of the app as the review reads them from its cloud assembly, member templates included. */
function synthesized(app: App): SynthesizedStack[] {
  app.synth();
  return readAssembly(app.outdir);
}

describe('the deployment across the organization', () => {
  let stacks: SynthesizedStack[];
  beforeAll(() => {
    stacks = synthesized(buildFinOpsApp(tempDir()).app);
  });

  test("shows the example's deployment model: who administers each StackSet, which accounts and regions get what, and which management roles they trust", () => {
    const management = stacks.find((stack) => stack.stackName === 'FinOpsGovernance')!;
    const rollout = '25% of the accounts at a time per region, up to 10% of the accounts may fail per region, soft failure tolerance, regions in parallel';
    const autoDeployment = 'on: accounts that join the targeted units get the stack; the stack of an account that leaves them is deleted';
    expect(reviewOrganization(management)).toEqual([
      '### Deployment across the organization (2 StackSets)',
      '',
      '- **FinOpsGovernance-MemberRoles-StackSet-C1161845** (service-managed) `FinOpsGovernance/MemberRoles/StackSet`',
      '  - administered from: the management account (CallAs SELF)',
      '  - targets: every account of ou-ab12-11111111, ou-ab12-22222222',
      '  - regions: us-east-1',
      `  - auto deployment: ${autoDeployment}`,
      `  - rollout: ${rollout}`,
      '  - parameters:',
      '    - OrganizationId = o-exampleorg1',
      '    - ReadRoleName = FinOpsOptimizationRead',
      '    - ExecutorRoleName = FinOpsOptimizationExecutor',
      '    - ReadRoleTrustedBy1 = FinOpsGovernance/Optimization/OrganizationStorage/ScanRole',
      '    - ExecutorRoleTrustedBy1 = FinOpsGovernance/Optimization/Approval/ExecutorRole',
      '  - each member account gets: 2 AWS::IAM::Role',
      '  - role FinOpsOptimizationRead:',
      '    - assumed by FinOpsGovernance/Optimization/OrganizationStorage/ScanRole while in organization o-exampleorg1',
      '    - Allow ec2:DescribeInstances, ec2:DescribeVolumes, ec2:DescribeSnapshots on *',
      '    - Allow compute-optimizer:GetEC2InstanceRecommendations, compute-optimizer:GetEBSVolumeRecommendations, '
        + 'compute-optimizer:GetLambdaFunctionRecommendations, compute-optimizer:GetRDSDatabaseRecommendations, compute-optimizer:GetEnrollmentStatus on *',
      '  - role FinOpsOptimizationExecutor:',
      '    - assumed by FinOpsGovernance/Optimization/Approval/ExecutorRole while in organization o-exampleorg1',
      '    - Allow ec2:DescribeInstances, ec2:DescribeVolumes, ec2:DescribeSnapshots on *',
      '    - Allow ec2:ModifyVolume on arn:<AWS::Partition>:ec2:*:<AWS::AccountId>:volume/*',
      '    - Allow ec2:DeleteSnapshot on arn:<AWS::Partition>:ec2:*::snapshot/*',
      '    - Allow ec2:DescribeVolumesModifications on *',
      '    - Allow ec2:CreateSnapshot on arn:<AWS::Partition>:ec2:*:<AWS::AccountId>:volume/*',
      '    - Allow ec2:CreateSnapshot on arn:<AWS::Partition>:ec2:*::snapshot/* when StringEquals aws:RequestTag/finops:action = backup-before-gp3',
      '    - Allow ec2:CreateTags on arn:<AWS::Partition>:ec2:*::snapshot/* when StringEquals ec2:CreateAction = CreateSnapshot',
      '    - Deny ec2:ModifyVolume, ec2:DeleteSnapshot on * when the resource is tagged finops:retain',
      '    - Deny ec2:ModifyVolume, ec2:DeleteSnapshot on * when the resource\'s tag environment is production (any case)',
      '    - Deny ec2:ModifyVolume, ec2:DeleteSnapshot on * when the resource\'s tag environment is production (any case) (EC2\'s condition key)',
      '    - Deny ec2:ModifyVolume, ec2:DeleteSnapshot on * when the resource is tagged critical',
      '    - Deny ec2:ModifyVolume, ec2:DeleteSnapshot on * when the resource is tagged critical (EC2\'s condition key)',
      '  - management roles trusted:',
      '    - FinOpsGovernance/Optimization/OrganizationStorage/ScanRole (ReadRoleTrustedBy1) may assume FinOpsOptimizationRead',
      '    - FinOpsGovernance/Optimization/Approval/ExecutorRole (ExecutorRoleTrustedBy1) may assume FinOpsOptimizationExecutor',
      '',
      '- **FinOpsGovernance-WorkloadAccountBudgets-StackSet-B678D79B** (service-managed) `FinOpsGovernance/WorkloadAccountBudgets/StackSet`',
      '  - administered from: the management account (CallAs SELF)',
      '  - targets: every account of ou-ab12-11111111, ou-ab12-22222222',
      '  - regions: us-east-1',
      `  - auto deployment: ${autoDeployment}`,
      `  - rollout: ${rollout}`,
      '  - parameters: none',
      '  - each member account gets: 1 AWS::Budgets::Budget, 1 AWS::KMS::Key, 1 AWS::SNS::Subscription, 1 AWS::SNS::Topic, 1 AWS::SNS::TopicPolicy',
      '  - management roles trusted: none',
      '',
    ]);
  });

  test('every section reviews the member templates: the member budget shows under the StackSet that deploys it', () => {
    const member = stacks.find((stack) => stack.deployedBy?.logicalId.startsWith('WorkloadAccountBudgetsStackSet'))!;
    expect(member.stackName).toBe(`FinOpsGovernance/${member.deployedBy!.logicalId} (member accounts)`);
    expect(reviewBudgets(member).slice(0, 4)).toEqual([
      '### Budgets (1)',
      '',
      '- **account-monthly** (COST, MONTHLY) `FinOpsGovernance/WorkloadAccountBudgets/StackSet/MemberTemplate/account-monthly`',
      '  - limit: 3,000.00 USD',
    ]);
    expect(stacks.map((stack) => stack.stackName).filter((name) => name.endsWith('(member accounts)'))).toHaveLength(2);
  });
});

describe('a StackSet whose member template is not in the assembly', () => {
  const stack = stackFromTemplate('Management', {
    Resources: {
      External: {
        Type: 'AWS::CloudFormation::StackSet',
        Properties: {
          StackSetName: 'external',
          PermissionModel: 'SELF_MANAGED',
          TemplateURL: 'https://s3.amazonaws.com/bucket/member.yaml',
          StackInstancesGroup: [{ DeploymentTargets: { Accounts: ['222222222222', '333333333333'] }, Regions: ['eu-west-1', 'us-east-1'] }],
        },
      },
    },
  });

  test('is named in its section and by a finding, never skipped', () => {
    expect(reviewOrganization(stack)).toEqual([
      '### Deployment across the organization (1 StackSet)',
      '',
      '- **external** (self-managed: administration role (default), CloudFormation\'s default execution role) `External`',
      '  - administered from: the management account (CallAs SELF)',
      '  - targets: accounts 222222222222, 333333333333',
      '  - regions: eu-west-1, us-east-1',
      '  - auto deployment: off: only the accounts targeted when the StackSet is deployed',
      '  - rollout: CloudFormation\'s default number of accounts at a time per region, up to no account may fail per region, one region after another',
      '  - parameters: none',
      '  - each member account gets: not reviewed: the member template is not in what was reviewed',
      '',
    ]);
    expect(templateFindings(stack).map((finding) => `${finding.ruleId} ${finding.path}`)).toEqual(['FinOps-StackSetTemplateUnread External']);
  });

  test('a member template given inline (TemplateBody) is read', () => {
    const app = new App({ outdir: tempDir() });
    const management = new Stack(app, 'Management');
    new CfnStackSet(management, 'Inline', {
      stackSetName: 'inline',
      permissionModel: 'SERVICE_MANAGED',
      templateBody: JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } }),
      stackInstancesGroup: [{ deploymentTargets: { organizationalUnitIds: ['r-ab12'] }, regions: ['us-east-1'] }],
    });
    const [read, member] = synthesized(app);
    expect(member.stackName).toBe('Management/Inline (member accounts)');
    expect(organizationItems(read)[0].facts['each member account gets']).toEqual(['1 AWS::SNS::Topic']);
    expect(templateFindings(read).filter((finding) => finding.ruleId === 'FinOps-StackSetTemplateUnread')).toEqual([]);
  });
});

test.each([
  [{ OrganizationalUnitIds: ['ou-a'], AccountFilterType: AccountFilter.INTERSECTION, Accounts: ['111111111111'] }, 'only accounts 111111111111, where they are in ou-a'],
  [{ OrganizationalUnitIds: ['r-ab12'], AccountFilterType: AccountFilter.DIFFERENCE, Accounts: ['111111111111'] }, 'every account of r-ab12 except accounts 111111111111'],
  [{ OrganizationalUnitIds: ['ou-a'], AccountFilterType: 'UNION', Accounts: ['111111111111'] }, 'every account of ou-a, and accounts 111111111111'],
  [{ AccountsUrl: 'https://s3.amazonaws.com/bucket/accounts.csv' }, 'the accounts listed in https://s3.amazonaws.com/bucket/accounts.csv'],
  [{ OrganizationalUnitIds: ['ou-a'], Accounts: ['111111111111'] }, 'every account of ou-a (accounts 111111111111 listed without an account filter)'],
])('targets %j read "%s"', (targets, words) => {
  expect(targetsInWords(targets)).toBe(words);
});

describe('finops-review --base over StackSets', () => {
  function governance(variant: 'base' | 'head'): string {
    const app = new App({ outdir: tempDir(), context: { 'aws:cdk:enable-path-metadata': true } });
    const stack = new Stack(app, 'Governance', { env: { account: '111111111111', region: 'us-east-1' } });
    new MemberAccountBudgets(stack, 'SandboxBudgets', {
      stackSetName: 'sandbox-budgets',
      budgets: [{ budgetName: 'sandbox-monthly', limit: BudgetLimit.fixedAmount(500) }],
      target: variant === 'base'
        ? MemberDeploymentTarget.organizationalUnits(['ou-ab12-sandbox1'])
        : MemberDeploymentTarget.organizationalUnitsExcept(['ou-ab12-sandbox1', 'ou-ab12-sandbox2'], ['222222222222']),
    });
    if (variant === 'head') {
      const pipelineRole = new iam.Role(stack, 'PipelineRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
      new OrganizationMemberRoles(stack, 'MemberRoles', {
        stackSetName: 'member-roles',
        trust: { readRoleName: 'finops-read', executorRoleName: 'finops-executor', readRoleTrustedBy: [pipelineRole], executorRoleTrustedBy: [pipelineRole], protectionTagKey: 'finops:protected' },
        organizationId: 'o-abcdefghij',
        target: MemberDeploymentTarget.organizationalUnits(['ou-ab12-sandbox1']),
      });
    }
    app.synth();
    return app.outdir;
  }

  test('shows an added StackSet and changed targets', () => {
    const { status, stdout, stderr } = runReview(governance('head'), '--base', governance('base'));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const section = stdout.slice(stdout.indexOf('## Deployment across the organization'), stdout.indexOf('**Estimated Cost Explorer API spend**'));
    expect(section.split('\n').filter((line) => !line.startsWith('    '))).toEqual([
      '## Deployment across the organization',
      '',
      '- added **member-roles** (service-managed) `Governance/MemberRoles/StackSet`',
      '  - administered from: the management account (CallAs SELF)',
      '  - targets: every account of ou-ab12-sandbox1',
      '  - regions: us-east-1',
      '  - auto deployment: on: accounts that join the targeted units get the stack; the stack of an account that leaves them is deleted',
      '  - rollout: 25% of the accounts at a time per region, up to 10% of the accounts may fail per region, soft failure tolerance, regions in parallel',
      '  - parameters: OrganizationId = o-abcdefghij, ReadRoleName = finops-read, ExecutorRoleName = finops-executor, '
        + 'ReadRoleTrustedBy1 = Governance/PipelineRole, ExecutorRoleTrustedBy1 = Governance/PipelineRole',
      '  - each member account gets: 2 AWS::IAM::Role',
      '  - role finops-read: assumed by Governance/PipelineRole while in organization o-abcdefghij, '
        + 'Allow ec2:DescribeInstances, ec2:DescribeVolumes, ec2:DescribeSnapshots on *, '
        + 'Allow compute-optimizer:GetEC2InstanceRecommendations, compute-optimizer:GetEBSVolumeRecommendations, '
        + 'compute-optimizer:GetLambdaFunctionRecommendations, compute-optimizer:GetRDSDatabaseRecommendations, compute-optimizer:GetEnrollmentStatus on *',
      expect.stringMatching(/^ {2}- role finops-executor: assumed by Governance\/PipelineRole while in organization o-abcdefghij, /),
      '  - management roles trusted: Governance/PipelineRole (ReadRoleTrustedBy1) may assume finops-read, Governance/PipelineRole (ExecutorRoleTrustedBy1) may assume finops-executor',
      '- changed **sandbox-budgets** (service-managed) `Governance/SandboxBudgets/StackSet`',
      '  - targets: every account of ou-ab12-sandbox1 → every account of ou-ab12-sandbox1, ou-ab12-sandbox2 except accounts 222222222222',
      '',
      '',
    ]);
  });
});
