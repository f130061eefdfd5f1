import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildFinOpsApp } from '../../examples/finops-stack';
import { OptimizationPipeline, OptimizerKind } from '../../src';
import { findingsOfStacks } from '../../src/review/findings';
import { reviewStacks } from '../../src/review/review';
import { readAssembly, stackFromTemplate } from '../../src/review/template';
import { DeployedTemplate } from '../support/deployed';
import { awsSolutionsFindings } from '../support/nag';
import { cloudFormationValidationFindings } from '../support/validation-report';

// One example app for the tests that only read its template, synthesized once (Template.fromStack keeps
// the assembly); the others change theirs (cdk-nag's aspects, an output directory) and build their own.
let templateReadersApp: ReturnType<typeof buildFinOpsApp> | undefined;
const exampleToRead = () => (templateReadersApp ??= buildFinOpsApp());

describe('the example FinOps app', () => {
  test('passes cdk-nag AwsSolutions with every finding fixed or acknowledged with a reason', () => {
    const { app } = buildFinOpsApp();
    expect(awsSolutionsFindings(app)).toBe('');
  });

  test('review lists every budget with its limit, filter, alerts and actions', () => {
    const { stack } = exampleToRead();
    const template = Template.fromStack(stack).toJSON();
    const review = reviewStacks([stackFromTemplate('FinOpsGovernance', template)]);
    expect(review).toContain('**ec2-compute-monthly** (COST, MONTHLY)');
    expect(review).toContain('limit: 10,000.00 USD');
    expect(review).toContain('filter: SERVICE is "Amazon Elastic Compute Cloud - Compute"');
    expect(review).toContain('alert: ACTUAL > 80% → SNS');
    expect(review).toContain('email finops@example.com');
    expect(review).toMatch(/action: ACTUAL > 100%: attach <DenyNewCompute\w+> to data-team-deploy \(MANUAL approval\)/);
    for (const team of ['platform', 'data', 'web']) {
      expect(review).toContain(`**team-${team}-monthly**`);
    }
  });
});

describe('the example FinOps app\'s cost analyses', () => {
  test('break costs down by account in Cost Explorer, and by account, service and team tag in Athena over the CUR 2.0 table', () => {
    const { stack } = exampleToRead();
    const template = Template.fromStack(stack);
    const deployed = DeployedTemplate.of(stack);
    const settingsOf = (pipelineId: string) => JSON.parse(deployed.functionEnvironment(
      (stack.node.findChild(pipelineId) as OptimizationPipeline).functionFor(OptimizerKind.COST_ANALYSIS)!,
    ).OPTIMIZER_SETTINGS);
    expect(JSON.parse(settingsOf('Optimization').breakdowns)).toContainEqual({ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' });
    const athena = settingsOf('AthenaCostAnalysis');
    expect(athena.athenaWorkGroup).toBe('finops-cost-reports');
    expect(Object.values<any>(template.findResources('AWS::Athena::NamedQuery')).map((query) => query.Properties.Name)).toEqual(expect.arrayContaining([
      'enterprise_cur2_daily cost-analysis-by-linked-account', 'enterprise_cur2_daily cost-analysis-by-service', 'enterprise_cur2_daily cost-analysis-by-tag-team',
    ]));
  });
});

describe('the example FinOps app\'s alert topics', () => {
  test('every topic has a subscriber (no synth warning, no review finding), and aws-cdk-lib\'s CloudFormation validation finds nothing', () => {
    const { app, stack } = buildFinOpsApp(fs.mkdtempSync(path.join(os.tmpdir(), 'finops-example-')));
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Nothing subscribes to the alert topic'))).toEqual([]);
    const assembly = app.synth();
    try {
      const stacks = readAssembly(assembly.directory);
      expect(findingsOfStacks(stacks).filter((finding) => finding.ruleId === 'FinOps-TopicSubscribed')).toEqual([]);
      expect(cloudFormationValidationFindings(assembly.directory)).toEqual([]);
    } finally {
      fs.rmSync(assembly.directory, { recursive: true, force: true });
    }
  });

  test('the IMMEDIATE anomaly topic and the escalation topic are subscribed by email', () => {
    const { stack } = exampleToRead();
    const template = Template.fromStack(stack);
    for (const topic of ['^AwsServicesMonitorAlertTopic', '^Ec2ComputeBudgetEscalationTopic']) {
      template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', TopicArn: { Ref: Match.stringLikeRegexp(topic) } });
    }
  });
});
