import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag';
import { buildSync } from 'esbuild';
import { removeTempDirs, ReviewRun as Run, runReview as run, tempDir } from './run-review';
import { buildFinOpsApp } from '../../examples/finops-stack';
import { FinOpsChecks } from '../../src/nag';
import { AssemblyReview } from '../../src/review/model';
import { BAD_APP_FINDINGS, BAD_APP_REQUIRED_TAG_KEYS, buildBadApp } from '../nag/bad-app';

afterAll(removeTempDirs);

describe('finops-review over the example app', () => {
  let assembly: string;
  let packFindings: string[];
  beforeAll(() => {
    assembly = tempDir();
    const { app } = buildFinOpsApp(assembly);
    app.synth();
    // What the pack finds in the construct tree, named as the template names it: the CLI must agree.
    packFindings = new FinOpsChecks().validateScope(app).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => {
        const node = app.node.findAll().find((construct) => construct.node.path === resource.constructPath) as CfnResource;
        return `${violation.ruleName} ${Stack.of(node).stackName}/${Stack.of(node).resolve(node.logicalId)}`;
      }),
    );
  });

  test('prints the Markdown review with its budgets, then the rule findings', () => {
    const { status, stdout } = run(assembly);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^# FinOps review\n/);
    expect(stdout).toContain('## Stack FinOpsGovernance');
    expect(stdout).toContain('**ec2-compute-monthly** (COST, MONTHLY)');
    expect(stdout).toMatch(/\n## FinOps rule findings\n\n\d+ error\(s\), \d+ warning\(s\), \d+ acknowledged, over \d+ resource\(s\) in 3 stack\(s\)\.\n/);
    // The two StackSets' member templates are reviewed as stacks of their own.
    expect(stdout).toContain('### Deployment across the organization (2 StackSets)');
  });

  test('prints the same content as JSON for tools: stacks, resources reviewed, findings', () => {
    const { status, stdout } = run(assembly, '--format', 'json');
    expect(status).toBe(0);
    const review: AssemblyReview = JSON.parse(stdout);
    expect(review.findings.map((finding) => `${finding.ruleId} ${finding.stackName}/${finding.logicalId}`).sort()).toEqual(packFindings.sort());
    expect(review.summary.stacks).toBe(3);
    expect(review.stacks[0].stackName).toBe('FinOpsGovernance');
    expect(review.stacks.reduce((total, stack) => total + stack.resourceCount, 0)).toBe(review.summary.resources);
    expect(review.summary.resources).toBeGreaterThan(50);
    const budgetNames = review.stacks[0].costGovernance.filter((resource) => resource.type === 'AWS::Budgets::Budget').map((budget) => budget.properties.Budget.BudgetName);
    expect(budgetNames).toEqual(expect.arrayContaining(['ec2-compute-monthly', 'team-platform-monthly', 'team-data-monthly', 'team-web-monthly']));
  });
});

/** What the review finds besides the pack: its template rules (a function whose log group keeps logs forever). */
const BAD_APP_TEMPLATE_FINDINGS = ['FinOps-LambdaLogRetention BadWorkload/X86Function'];
const BAD_APP_REVIEW_ERRORS = BAD_APP_FINDINGS.length - 2 + BAD_APP_TEMPLATE_FINDINGS.length;

describe('finops-review over the bad app', () => {
  let assembly: string;
  beforeAll(() => {
    assembly = tempDir();
    const app = buildBadApp(assembly);
    const x86Function = app.node.findChild('BadWorkload').node.findChild('X86Function');
    Validations.of(x86Function).acknowledge({ id: 'FinOps::FinOps-LambdaArm64', reason: 'The vendor agent layer ships x86_64 only' });
    Aspects.of(app).add(new WriteNagSuppressionsToCloudFormationAspect());
    app.synth();
  });

  test('finds from the templates exactly what the pack finds in the app, and its template rules, with acknowledgements written to the template', () => {
    const { stdout } = run(assembly, '--format', 'json', '--required-tag', BAD_APP_REQUIRED_TAG_KEYS[0]);
    const review: AssemblyReview = JSON.parse(stdout);
    expect(review.findings.map((finding) => `${finding.ruleId} ${finding.stackName}/${finding.logicalId}`).sort())
      .toEqual([...BAD_APP_FINDINGS, ...BAD_APP_TEMPLATE_FINDINGS].sort());
    expect(review.findings.find((finding) => finding.ruleId === 'FinOps-LambdaArm64')).toMatchObject({
      severity: 'warning',
      resourceType: 'AWS::Lambda::Function',
      acknowledgedBecause: 'The vendor agent layer ships x86_64 only',
    });
    expect(review.summary).toMatchObject({ stacks: 2, errors: BAD_APP_REVIEW_ERRORS, warnings: 1, acknowledged: 1 });
  });

  test('renders the findings in Markdown, grouped by rule with the fix', () => {
    const { stdout } = run(assembly, '--required-tag', BAD_APP_REQUIRED_TAG_KEYS[0]);
    expect(stdout).toContain(`## FinOps rule findings\n\n${BAD_APP_REVIEW_ERRORS} error(s), 1 warning(s), 1 acknowledged, over 8 resource(s) in 2 stack(s).`);
    expect(stdout).toContain('### FinOps-S3Lifecycle (error)\n\nThe S3 bucket has no enabled lifecycle rule. Objects, noncurrent versions');
    expect(stdout).toContain('- BadWorkload / KeepForeverBucket (AWS::S3::Bucket)\n');
    expect(stdout).toContain('- BadWorkload / X86Function (AWS::Lambda::Function) — acknowledged: The vendor agent layer ships x86_64 only');
    expect(stdout).toContain('**SilentBudget** (COST, MONTHLY)');
  });

  test('--fail-on-error exits with 1 when errors are not acknowledged', () => {
    expect(run(assembly, '--fail-on-error').status).toBe(1);
  });
});

describe('finops-review usage', () => {
  test('--help prints the usage', () => {
    const { status, stdout } = run('--help');
    expect(status).toBe(0);
    expect(stdout).toContain('Usage: finops-review');
  });

  test.each([
    [['--format', 'yaml'], /--format yaml is not supported/],
    [['--required-tag'], /--required-tag needs a value/],
    [['--verbose'], /unknown option --verbose/],
    [['one', 'two'], /one cloud assembly directory expected/],
  ])('%j exits with 2', (argv, message) => {
    const { status, stderr } = run(...argv);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });

  test('a directory that is not a cloud assembly exits with 2', () => {
    const { status, stderr } = run(tempDir());
    expect(status).toBe(2);
    expect(stderr).toMatch(/is not a cloud assembly \(no manifest.json\)/);
  });
});

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'src', 'review', 'cli.ts');

/** Runs the command from its source file as the package bin does: its own process, its shebang file, real exit status and streams. */
function runSourceCommand(...argv: string[]): Run {
  return spawnRun(['-r', 'ts-node/register/transpile-only', CLI, ...argv], { TS_NODE_PROJECT: path.join(ROOT, 'examples', 'tsconfig.json') });
}

// The other commands run the same file compiled once for this file by esbuild (its imports of
// packages left to node_modules): a ts-node process per command transpiled the review's sources each time.
let compiledCli: string | undefined;

/** Runs the command in its own process, with real exit status and streams. */
function runCommand(...argv: string[]): Run {
  if (compiledCli === undefined) {
    compiledCli = path.join(tempDir(), 'cli.js');
    buildSync({ entryPoints: [CLI], outfile: compiledCli, bundle: true, platform: 'node', packages: 'external', logLevel: 'error' });
  }
  return spawnRun([compiledCli, ...argv], { NODE_PATH: path.join(ROOT, 'node_modules') });
}

function spawnRun(nodeArgs: string[], env: Record<string, string>): Run {
  const result = spawnSync(process.execPath, nodeArgs, { encoding: 'utf-8', env: { ...process.env, ...env } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A cloud assembly directory with one stack artifact, written from raw file contents (so they can be broken). */
function assemblyOf(files: { manifest?: string; template?: string }): string {
  const dir = tempDir();
  const manifest = { version: '36.0.0', artifacts: { Governance: { type: 'aws:cloudformation:stack', properties: { templateFile: 'Governance.template.json' } } } };
  fs.writeFileSync(path.join(dir, 'manifest.json'), files.manifest ?? JSON.stringify(manifest));
  if (files.template !== undefined) {
    fs.writeFileSync(path.join(dir, 'Governance.template.json'), files.template);
  }
  return dir;
}

function budgetTemplate(budgetProperties: object, conditions?: object): string {
  return JSON.stringify({ Conditions: conditions, Resources: { Budget: { Type: 'AWS::Budgets::Budget', Properties: budgetProperties } } });
}

const MONTHLY_BUDGET = { BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: 100, Unit: 'USD' } };
const IS_PROD = { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '111111111111'] } };

describe('finops-review as a command', () => {
  test('runs from its file with a shebang, as the package bin does', () => {
    expect(fs.readFileSync(CLI, 'utf-8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const result = runSourceCommand('--format', 'yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('finops-review: --format yaml is not supported');
  });

  test('--help documents the exit statuses', () => {
    const { status, stdout } = runCommand('--help');
    expect(status).toBe(0);
    expect(stdout).toMatch(/Exit status:\n {2}0 {2}reviewed.*\n {2}1 {2}--fail-on-error and at least one finding of severity error is not acknowledged\n {2}2 {2}unusable input/s);
  });

  // Unusable input exits with 2 (not 1, which CI reads as findings) and one line on stderr, no stack trace.
  test.each([
    ['a manifest that is not JSON', () => assemblyOf({ manifest: '{"artifacts": {' }), /^finops-review: .*manifest\.json: the cloud assembly manifest is not valid JSON \(.+\)$/],
    ['a manifest without stacks', () => assemblyOf({ manifest: '{}' }), /^finops-review: .* has no stacks: its manifest\.json lists no aws:cloudformation:stack artifact$/],
    ['a manifest whose stack names no template', () => assemblyOf({ manifest: '{"artifacts": {"S": {"type": "aws:cloudformation:stack"}}}' }), /^finops-review: .*manifest\.json: artifacts\.S\.properties\.templateFile is missing, not a name$/],
    ['a template that is missing', () => assemblyOf({}), /^finops-review: .*Governance\.template\.json: cannot read the stack template \(ENOENT\)$/],
    ['a template that is not JSON', () => assemblyOf({ template: '{"Resources": {' }), /^finops-review: .*Governance\.template\.json: the stack template is not valid JSON \(.+\)$/],
    ['null Resources', () => assemblyOf({ template: '{"Resources": null}' }), /^finops-review: .*Governance\.template\.json: Resources is null, not an object$/],
    ['a null resource', () => assemblyOf({ template: '{"Resources": {"Budget": null}}' }), /^finops-review: .*Governance\.template\.json: Resources\.Budget is null, not a resource object$/],
    ['a resource without a Type', () => assemblyOf({ template: '{"Resources": {"Budget": {"Properties": {}}}}' }), /^finops-review: .*Governance\.template\.json: Resources\.Budget\.Type is missing, not a name$/],
    [
      'an Fn::If on a condition the template does not declare',
      () => assemblyOf({ template: budgetTemplate({ Budget: { ...MONTHLY_BUDGET, BudgetName: { 'Fn::If': ['IsProd', 'prod', 'dev'] } } }) }),
      /^finops-review: .*Governance\.template\.json: the template cannot be loaded to check the FinOps rules \(Condition 'IsProd' used in an Fn::If expression does not exist in the template\)$/,
    ],
  ])('%s exits with 2 and one line on stderr', (_input, assembly, line) => {
    const { status, stdout, stderr } = runCommand(assembly());
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.endsWith('\n')).toBe(true);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(line)]);
  });

  test('--base prints what changed, and a base that is not a cloud assembly exits with 2 and one line', () => {
    const base = assemblyOf({ template: budgetTemplate({ Budget: MONTHLY_BUDGET }) });
    const head = assemblyOf({ template: budgetTemplate({ Budget: { ...MONTHLY_BUDGET, BudgetLimit: { Amount: 200, Unit: 'USD' } } }) });
    const changed = runCommand(head, '--base', base);
    expect(changed.stderr).toBe('');
    expect(changed.status).toBe(0);
    expect(changed.stdout).toContain('## Budgets\n\n- changed **Budget** (COST, MONTHLY) `Budget`\n  - limit: 100.00 USD → 200.00 USD\n');
    const notAssembly = tempDir();
    const refused = runCommand(head, '--base', notAssembly);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(`finops-review: ${notAssembly} is not a cloud assembly (no manifest.json): synthesize the base branch into it\n`);
  });

  test('budget properties that depend on a condition (Fn::If) render readably, and the review goes on', () => {
    const template = budgetTemplate({
      Budget: { ...MONTHLY_BUDGET, BudgetName: { 'Fn::If': ['IsProd', 'prod-monthly', 'dev-monthly'] }, BudgetLimit: { Amount: { 'Fn::If': ['IsProd', 1000, 100] }, Unit: 'USD' } },
      NotificationsWithSubscribers: { 'Fn::If': ['IsProd', [], { Ref: 'AWS::NoValue' }] },
    }, IS_PROD);
    const { status, stdout, stderr } = runCommand(assemblyOf({ template }));
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toContain('> - Budget.NotificationsWithSubscribers = (IsProd ? (no value) : (no value))');
    expect(stdout).toContain('## FinOps rule findings');
  });

  test('a conditional budget name and limit read as the condition and both values', () => {
    const template = budgetTemplate({
      Budget: { ...MONTHLY_BUDGET, BudgetName: { 'Fn::If': ['IsProd', 'prod-monthly', 'dev-monthly'] }, BudgetLimit: { Amount: { 'Fn::If': ['IsProd', 1000, 100] }, Unit: 'USD' } },
    }, IS_PROD);
    const { status, stdout } = runCommand(assemblyOf({ template }), '--fail-on-error');
    expect(stdout).toContain('- **(IsProd ? prod-monthly : dev-monthly)** (COST, MONTHLY) `Budget`\n  - limit: (IsProd ? 1000 : 100) USD');
    // The budget notifies nobody: a finding, so --fail-on-error exits with 1, the status of findings.
    expect(stdout).toMatch(/### FinOps-\w+ \(error\)/);
    expect(status).toBe(1);
  });
});
