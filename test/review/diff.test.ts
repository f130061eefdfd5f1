import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import {
  AnomalyAlertFrequency, AnomalyThreshold, BudgetLimit, CostAnomalyMonitor, CostCategoryOrg, CostCategoryRule, CostFilter, FinOpsBudget,
  OptimizationPipeline, Optimizer,
} from '../../src';
import { main } from '../../src/review/cli';
import { diffItems, reviewItems } from '../../src/review/diff';
import { AssemblyChangeReview } from '../../src/review/model';
import { readAssembly } from '../../src/review/template';

type Variant = 'base' | 'head';

/**
 * A small governance app in two versions. From base to head: the budget limit goes from 1,000 to
 * 1,500 USD, a 100% alert is added, b@example.com stops receiving alerts, the anomaly threshold goes
 * from 10% to 20%, the cost category gains a rule, and the cost analysis runs twice a day instead of daily.
 */
function synthesize(variant: Variant): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `finops-diff-${variant}-`));
  tempDirs.push(outdir);
  const head = variant === 'head';
  // The CDK CLI turns path metadata on; an App built in a test has to ask for it.
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, 'Governance', { env: { account: '111111111111', region: 'us-east-1' } });
  new FinOpsBudget(stack, 'PlatformBudget', {
    budgetName: 'platform-monthly',
    limit: BudgetLimit.fixedAmount(head ? 1500 : 1000),
    costFilter: CostFilter.tag('team', ['platform']),
    alerts: [{ thresholds: head ? [100, 80] : [80] }],
    alertEmails: head ? ['a@example.com'] : ['a@example.com', 'b@example.com'],
  });
  new CostAnomalyMonitor(stack, 'Services', {
    monitorName: 'aws-services',
    subscriptions: [{
      subscriptionName: 'daily',
      frequency: AnomalyAlertFrequency.DAILY,
      threshold: AnomalyThreshold.percentageImpact(head ? 20 : 10),
      emails: ['finops@example.com'],
    }],
  });
  new CostCategoryOrg(stack, 'Environment', {
    costCategoryName: 'environment',
    rules: [
      CostCategoryRule.value('Development', CostFilter.tag('environment', ['dev'])),
      ...(head ? [CostCategoryRule.value('Production', CostFilter.tag('environment', ['prod']))] : []),
    ],
  });
  new OptimizationPipeline(stack, 'Optimization', {
    optimizers: [Optimizer.costAnalysis(head ? { schedule: scheduler.ScheduleExpression.rate(Duration.hours(12)) } : {})],
  });
  app.synth();
  return outdir;
}

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function run(...argv: string[]): { status: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const status = main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

describe('finops-review --base', () => {
  let base: string;
  let head: string;
  beforeAll(() => {
    base = synthesize('base');
    head = synthesize('head');
  });

  test('the Markdown lists exactly the changes, by section and construct path, with the Cost Explorer spend change', () => {
    const { status, stdout, stderr } = run(head, '--base', base);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const [changes] = stdout.split('\n## FinOps rule findings');
    expect(changes).toBe([
      '# FinOps review: what changed',
      '',
      `Compared with the base assembly \`${base}\`.`,
      '',
      '## Budgets',
      '',
      '- changed **platform-monthly** (COST, MONTHLY) `Governance/PlatformBudget`',
      '  - limit: 1,000.00 USD → 1,500.00 USD',
      '  - alert ACTUAL > 80%: email b@example.com removed',
      '  - alert ACTUAL > 100% added: SNS Governance/PlatformBudget/AlertTopic/Topic, email a@example.com',
      '',
      '## Anomaly subscriptions',
      '',
      '- changed **daily** `Governance/Services/Subscription1`',
      '  - threshold: impact >= 10% → impact >= 20%',
      '',
      '## Cost categories',
      '',
      '- changed **environment** `Governance/Environment`',
      '  - rule 2 added: Production ← tag environment is "prod"',
      '',
      '## Optimizers',
      '',
      '- changed **cost-analysis** `Governance/Optimization/CostAnalysis`',
      '  - schedule: cron(0 6 * * ? *) (≈ 30 runs a month) → rate(12 hours) (≈ 60 runs a month)',
      '  - Cost Explorer: 3 requests per run → 0.90 USD/month → 3 requests per run → 1.80 USD/month',
      '',
      '**Estimated Cost Explorer API spend**: 0.90 → 1.80 USD a month (+0.90 USD)',
      '',
    ].join('\n'));
  });

  test('the JSON has the same changes and the spend change, for tools', () => {
    const { status, stdout } = run(head, '--base', base, '--format', 'json');
    expect(status).toBe(0);
    const review: AssemblyChangeReview = JSON.parse(stdout);
    expect(review.base).toBe(base);
    expect(review.changes.map((change) => [change.section, change.path, change.change])).toEqual([
      ['Budgets', 'Governance/PlatformBudget', 'changed'],
      ['Anomaly subscriptions', 'Governance/Services/Subscription1', 'changed'],
      ['Cost categories', 'Governance/Environment', 'changed'],
      ['Optimizers', 'Governance/Optimization/CostAnalysis', 'changed'],
    ]);
    expect(review.changes[0].details).toEqual([
      'limit: 1,000.00 USD → 1,500.00 USD',
      'alert ACTUAL > 80%: email b@example.com removed',
      'alert ACTUAL > 100% added: SNS Governance/PlatformBudget/AlertTopic/Topic, email a@example.com',
    ]);
    expect(review.costExplorerMonthlySpendUsd).toEqual({ base: '0.90', head: '1.80', change: '+0.90', notEstimated: [] });
    expect(review.summary.stacks).toBe(1);
  });

  test('an assembly compared with itself has no change', () => {
    const stacks = readAssembly(head);
    expect(diffItems(reviewItems(stacks), reviewItems(stacks)).changes).toEqual([]);
    expect(run(head, '--base', head).stdout).toContain('No budget, alert, subscriber, action, anomaly monitor or subscription, cost category, report, optimizer or StackSet changed.');
  });

  test('what is only in one assembly is added or removed, whole', () => {
    const headItems = reviewItems(readAssembly(head));
    const { changes, costExplorerMonthlySpendUsd } = diffItems([], headItems);
    expect(changes.every((change) => change.change === 'added')).toBe(true);
    expect(changes.find((change) => change.section === 'Budgets')?.details).toEqual([
      'limit: 1,500.00 USD',
      'filter: tag team is "platform"',
      'alert ACTUAL > 80%: SNS Governance/PlatformBudget/AlertTopic/Topic, email a@example.com',
      'alert ACTUAL > 100%: SNS Governance/PlatformBudget/AlertTopic/Topic, email a@example.com',
    ]);
    expect(costExplorerMonthlySpendUsd.change).toBe('+1.80');
    expect(diffItems(headItems, []).changes.map((change) => change.change)).toEqual(headItems.map(() => 'removed'));
  });

  test('the full review names topics by construct path, tag filters in words and alerts by threshold', () => {
    const { stdout } = run(head);
    expect(stdout).toContain([
      '- **platform-monthly** (COST, MONTHLY) `Governance/PlatformBudget`',
      '  - limit: 1,500.00 USD',
      '  - filter: tag team is "platform"',
      '  - alert: ACTUAL > 80% → SNS Governance/PlatformBudget/AlertTopic/Topic, email a@example.com',
      '  - alert: ACTUAL > 100% → SNS Governance/PlatformBudget/AlertTopic/Topic, email a@example.com',
    ].join('\n'));
    expect(stdout).toContain('- Governance/PlatformBudget/AlertTopic/Topic (AWS::SNS::Topic)\n');
    expect(stdout).toContain('### Optimization pipeline (1 optimizer)');
  });

  test('--help documents --base', () => {
    expect(run('--help').stdout).toMatch(/\n {2}--base <dir> {13}the cloud assembly of the base branch: print only what changed/);
  });

  test('a base that is not a readable assembly exits with 2 and one line on stderr', () => {
    const notAssembly = fs.mkdtempSync(path.join(os.tmpdir(), 'finops-diff-empty-'));
    tempDirs.push(notAssembly);
    const missing = run(head, '--base', notAssembly);
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trimEnd().split('\n')).toEqual([`finops-review: ${notAssembly} is not a cloud assembly (no manifest.json): synthesize the base branch into it`]);
    fs.writeFileSync(path.join(notAssembly, 'manifest.json'), '{"artifacts": {');
    const broken = run(head, '--base', notAssembly);
    expect(broken.status).toBe(2);
    expect(broken.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^finops-review: .*manifest\.json: the cloud assembly manifest is not valid JSON/)]);
    expect(run(head, '--base').stderr).toMatch(/^finops-review: --base needs a value/);
  });
});
