import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CostCategoryOrg } from '../../../src/cost-categories';
import { OptimizationPipeline, OptimizationPipelineProps, Optimizer, OrganizationTargets } from '../../../src/optimization';
import type { OrganizationRun } from '../../../src/optimization/private/organization-run';
import { DeployedTemplate } from '../../support/deployed';
import { awsSolutionsFindings } from '../../support/nag';

function synth(props: OptimizationPipelineProps) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', props);
  return { stack, pipeline };
}

const ORGANIZATION = { targets: OrganizationTargets.entireOrganization(), regions: ['us-east-1', 'eu-west-1'] };

describe('OptimizationPipeline with an organization scope', () => {
  test('the storage optimizer runs as a state machine: targets, a Distributed Map over S3 items, a merge', () => {
    const { stack, pipeline } = synth({ optimizers: [Optimizer.storage()], approval: {}, organization: ORGANIZATION });
    const definition = DeployedTemplate.of(stack).stateMachineDefinition(pipeline.organizationStateMachine!);
    expect(definition.StartAt).toBe('ListTargets');
    const map = definition.States.EachAccountRegion;
    expect(map).toMatchObject({
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { 'Key.$': '$.targets.itemsKey' } },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Prefix: 'reports/organization-runs/results' } },
      ToleratedFailurePercentage: 100,
      MaxConcurrency: 40,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
    });
    const scan = map.ItemProcessor.States.ScanAccountRegion;
    expect(scan.Retry[0].ErrorEquals).toEqual(expect.arrayContaining(['Lambda.TooManyRequestsException', 'Throttling', 'RequestLimitExceeded']));
    expect(scan.Catch[0]).toMatchObject({ ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'ScanFailed' });
    expect(definition.States.MergeReport.Type).toBe('Task');
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: { Arn: { Ref: Match.stringLikeRegexp('OrganizationStorageStateMachine') } },
    });
  });
});

describe('business units', () => {
  const mergePolicyActions = (stack: Stack, run: OrganizationRun): string[] => {
    const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
    const roleLogicalId = stack.getLogicalId(run.mergeFunction.role!.node.defaultChild as any);
    return Object.values<any>(policies)
      .filter((policy) => policy.Properties.Roles.some((role: any) => role.Ref === roleLogicalId))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement.flatMap((statement: any) => [statement.Action].flat()));
  };

  test('the merge gets the cost category\'s name and exactly ce:GetCostAndUsage', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
    const category = new CostCategoryOrg(stack, 'BusinessUnit', { costCategoryName: 'business-unit', accountsByValue: { Retail: ['222233334444'] } });
    const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
      optimizers: [Optimizer.storage()],
      organization: { ...ORGANIZATION, businessUnitCostCategory: category },
    });
    const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
    expect(DeployedTemplate.of(stack).functionEnvironment(run.mergeFunction).BUSINESS_UNIT_COST_CATEGORY).toBe('business-unit');
    expect(mergePolicyActions(stack, run).filter((action) => action.startsWith('ce:'))).toEqual(['ce:GetCostAndUsage']);
  });

  test('without a cost category, no Cost Explorer permission and no variable', () => {
    const { stack, pipeline } = synth({ optimizers: [Optimizer.storage()], organization: ORGANIZATION });
    const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
    expect(DeployedTemplate.of(stack).functionEnvironment(run.mergeFunction).BUSINESS_UNIT_COST_CATEGORY).toBeUndefined();
    expect(mergePolicyActions(stack, run).filter((action) => action.startsWith('ce:'))).toEqual([]);
  });
});

describe('memberRoleTrust', () => {
  test('names the default roles, the scan role as trusted reader and the approval executor as trusted executor', () => {
    const { pipeline } = synth({ optimizers: [Optimizer.storage({ protectionTagKey: 'keep' })], approval: {}, organization: ORGANIZATION });
    const trust = pipeline.memberRoleTrust();
    expect(trust).toMatchObject({ readRoleName: 'FinOpsOptimizationRead', executorRoleName: 'FinOpsOptimizationExecutor', protectionTagKey: 'keep' });
    expect(trust.readRoleTrustedBy).toHaveLength(1);
    expect(trust.executorRoleTrustedBy).toHaveLength(1);
  });

  test('role names are overridable', () => {
    const { pipeline } = synth({ optimizers: [Optimizer.storage()], organization: { ...ORGANIZATION, readRoleName: 'Reader', executorRoleName: 'Doer' } });
    expect(pipeline.memberRoleTrust()).toMatchObject({ readRoleName: 'Reader', executorRoleName: 'Doer', executorRoleTrustedBy: [] });
  });

  test('fails at synth without an organization scope', () => {
    const { pipeline } = synth({ optimizers: [Optimizer.storage()] });
    expect(() => pipeline.memberRoleTrust()).toThrow(/Stack\/Pipeline: .* breaks the rule: member roles exist only for a pipeline with an `organization` scope/);
  });
});

describe('IAM of the organization run', () => {
  test('the scan and the executor may assume exactly their member role, in any account of the partition', () => {
    const { stack } = synth({ optimizers: [Optimizer.storage()], approval: {}, organization: ORGANIZATION });
    const template = Template.fromStack(stack);
    for (const roleName of ['FinOpsOptimizationRead', 'FinOpsOptimizationExecutor']) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({
            Action: 'sts:AssumeRole',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:iam::*:role/${roleName}`]] },
          })]),
        },
      });
    }
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ MEMBER_EXECUTOR_ROLE_NAME: 'FinOpsOptimizationExecutor', ORGANIZATION_REGIONS: '["us-east-1","eu-west-1"]' }) },
    });
  });

  test('the scan reads the Price List with its own role (never a member\'s): pricing:GetProducts on the scan role and the approval executor\'s only (the merge prices nothing)', () => {
    const { stack, pipeline } = synth({ optimizers: [Optimizer.storage()], approval: {}, organization: ORGANIZATION });
    const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
    const template = Template.fromStack(stack);
    const scanRole = stack.getLogicalId(run.scanFunction.role!.node.defaultChild as any);
    const rolesWithPricing = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy: any) => JSON.stringify(policy.Properties.PolicyDocument).includes('pricing:'))
      .flatMap((policy: any) => policy.Properties.Roles.map((role: any) => role.Ref));
    // The executor prices an approval's saving with its own role too, whichever account the action is in.
    expect(rolesWithPricing).toHaveLength(2);
    expect(rolesWithPricing).toContain(scanRole);
    expect(rolesWithPricing.find((role) => role !== scanRole)).toMatch(/ApprovalExecutorRole/);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: scanRole }],
      PolicyDocument: { Statement: Match.arrayWith([{ Sid: 'ReadEbsPrices', Effect: 'Allow', Action: 'pricing:GetProducts', Resource: '*' }]) },
    });
  });

  test('without an organization scope nothing assumes a role', () => {
    const { stack } = synth({ optimizers: [Optimizer.storage()], approval: {} });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain(':iam::*:role/');
  });
});

describe('IAM of the organization follow-up (realized savings)', () => {
  const ledgerObjects = (path: string) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('ReportBucket'), 'Arn'] }, `/reports/ledger/${path}`]] });
  const statementsOf = (template: Template, stack: Stack, fn: { role?: any }) => {
    const role = stack.getLogicalId(fn.role!.node.defaultChild as any);
    return Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((policy: any) => policy.Properties.Roles.some((ref: any) => ref.Ref === role))
      .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
  };
  const ledgerStatements = (statements: any[]) => statements.filter((statement) => JSON.stringify(statement).includes('/ledger/')
    || JSON.stringify(statement.Condition ?? {}).includes('ledger'));

  test('the scan lists and reads the pending changes only; the merge writes settled changes, reads pending ones again and deletes them only', () => {
    const { stack, pipeline } = synth({ optimizers: [Optimizer.storage()], approval: {}, organization: ORGANIZATION });
    const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
    const template = Template.fromStack(stack);
    const scan = ledgerStatements(statementsOf(template, stack, run.scanFunction));
    expect(scan.map((statement) => [statement.Sid, statement.Action, statement.Condition])).toEqual([
      ['ReadPendingChanges', 's3:GetObject', undefined],
      ['ListPendingChanges', 's3:ListBucket', { StringLike: { 's3:prefix': 'reports/ledger/pending/*' } }],
    ]);
    expect(JSON.stringify(scan[0].Resource)).toContain('"/reports/ledger/pending/*"');
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Sid: 'RecordSettledChanges', Effect: 'Allow', Action: 's3:PutObject', Resource: ledgerObjects('settled/*') },
          { Sid: 'RemoveSettledChanges', Effect: 'Allow', Action: ['s3:GetObject', 's3:DeleteObject'], Resource: ledgerObjects('pending/*') },
        ]),
      },
      Roles: [{ Ref: stack.getLogicalId(run.mergeFunction.role!.node.defaultChild as any) }],
    });
    const deployed = DeployedTemplate.of(stack);
    for (const fn of [run.scanFunction, run.mergeFunction]) {
      expect(deployed.functionEnvironment(fn)).toEqual(expect.objectContaining({ LEDGER_PREFIX: 'reports/ledger', LEDGER_BUCKET: expect.any(String) }));
    }
  });

  test('without an approval workflow there is no ledger: no variable, no ledger permission', () => {
    const { stack, pipeline } = synth({ optimizers: [Optimizer.storage()], organization: ORGANIZATION });
    const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
    const template = Template.fromStack(stack);
    for (const fn of [run.scanFunction, run.mergeFunction]) {
      expect(ledgerStatements(statementsOf(template, stack, fn))).toEqual([]);
      expect(Object.keys(DeployedTemplate.of(stack).functionEnvironment(fn))).not.toContain('LEDGER_BUCKET');
    }
  });

  test('cdk-nag AwsSolutions passes, in an account-bound and an environment-agnostic stack', () => {
    for (const env of [{ account: '111122223333', region: 'us-east-1' }, undefined]) {
      const app = new App();
      new OptimizationPipeline(new Stack(app, 'Stack', { env }), 'Pipeline', { optimizers: [Optimizer.storage()], approval: {}, organization: ORGANIZATION });
      expect(awsSolutionsFindings(app)).toBe('');
    }
  });
});

describe('organization scope validation', () => {
  test.each([
    [{ targets: OrganizationTargets.accounts(['12345']), regions: ['us-east-1'] }, /\["12345"\] breaks the rule: an AWS account id is 12 digits/],
    [{ targets: OrganizationTargets.accounts([]), regions: ['us-east-1'] }, /names at least one of its accounts/],
    [{ targets: OrganizationTargets.organizationalUnits(['ou-x']), regions: ['us-east-1'] }, /an OU id is "ou-"/],
    [{ targets: OrganizationTargets.organizationalUnits(['r-ab12', 'r-ab12']), regions: ['us-east-1'] }, /listed once/],
    [{ targets: OrganizationTargets.entireOrganization(), regions: [] }, /at least one Region/],
    [{ targets: OrganizationTargets.entireOrganization(), regions: ['Europe'] }, /a Region name is like "eu-west-1"/],
    [{ targets: OrganizationTargets.entireOrganization(), regions: ['us-east-1', 'us-east-1'] }, /each Region is listed once/],
    [{ ...ORGANIZATION, readRoleName: 'has space' }, /readRoleName, an IAM role name/],
    [{ ...ORGANIZATION, maxConcurrency: 20000 }, /maxConcurrency.* must be between 1 and 10000/],
  ])('%j is refused', (organization, message) => {
    expect(() => synth({ optimizers: [Optimizer.storage()], organization })).toThrow(message);
  });

  test('tokens are never refused', () => {
    const stack = new Stack(new App(), 'Stack');
    const regions = new CfnParameter(stack, 'Regions', { type: 'CommaDelimitedList' }).valueAsList;
    const accounts = new CfnParameter(stack, 'Accounts', { type: 'CommaDelimitedList' }).valueAsList;
    expect(() => new OptimizationPipeline(stack, 'Pipeline', {
      optimizers: [Optimizer.storage()],
      organization: { targets: OrganizationTargets.accounts(accounts), regions, readRoleName: Fn.ref('AWS::StackName') },
    })).not.toThrow();
  });
});
