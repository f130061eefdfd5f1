import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Aspects, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag';
import { buildFinOpsApp } from '../../examples/finops-stack';
import { FinOpsChecks } from '../../src/nag';
import { main } from '../../src/review/cli';
import { AssemblyReview } from '../../src/review/model';
import { BAD_APP_FINDINGS, BAD_APP_REQUIRED_TAG_KEYS, buildBadApp } from '../nag/bad-app';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

function run(...argv: string[]): Run {
  let stdout = '';
  let stderr = '';
  const status = main(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { status, stdout, stderr };
}

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'finops-review-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

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
    expect(stdout).toMatch(/\n## FinOps rule findings\n\n\d+ error\(s\), \d+ warning\(s\), \d+ acknowledged, over \d+ resource\(s\) in 1 stack\(s\)\.\n/);
  });

  test('prints the same content as JSON for tools: stacks, resources reviewed, findings', () => {
    const { status, stdout } = run(assembly, '--format', 'json');
    expect(status).toBe(0);
    const review: AssemblyReview = JSON.parse(stdout);
    expect(review.findings.map((finding) => `${finding.ruleId} ${finding.stackName}/${finding.logicalId}`).sort()).toEqual(packFindings.sort());
    expect(review.summary.stacks).toBe(1);
    expect(review.stacks[0].stackName).toBe('FinOpsGovernance');
    expect(review.stacks[0].resourceCount).toBe(review.summary.resources);
    expect(review.summary.resources).toBeGreaterThan(50);
    const budgetNames = review.stacks[0].costGovernance.filter((resource) => resource.type === 'AWS::Budgets::Budget').map((budget) => budget.properties.Budget.BudgetName);
    expect(budgetNames).toEqual(expect.arrayContaining(['ec2-compute-monthly', 'team-platform-monthly', 'team-data-monthly', 'team-web-monthly']));
  });
});

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

  test('finds from the templates exactly what the pack finds in the app, with acknowledgements written to the template', () => {
    const { stdout } = run(assembly, '--format', 'json', '--required-tag', BAD_APP_REQUIRED_TAG_KEYS[0]);
    const review: AssemblyReview = JSON.parse(stdout);
    expect(review.findings.map((finding) => `${finding.ruleId} ${finding.stackName}/${finding.logicalId}`).sort()).toEqual([...BAD_APP_FINDINGS].sort());
    expect(review.findings.find((finding) => finding.ruleId === 'FinOps-LambdaArm64')).toMatchObject({
      severity: 'warning',
      resourceType: 'AWS::Lambda::Function',
      acknowledgedBecause: 'The vendor agent layer ships x86_64 only',
    });
    expect(review.summary).toMatchObject({ stacks: 2, errors: BAD_APP_FINDINGS.length - 2, warnings: 1, acknowledged: 1 });
  });

  test('renders the findings in Markdown, grouped by rule with the fix', () => {
    const { stdout } = run(assembly, '--required-tag', BAD_APP_REQUIRED_TAG_KEYS[0]);
    expect(stdout).toContain(`## FinOps rule findings\n\n${BAD_APP_FINDINGS.length - 2} error(s), 1 warning(s), 1 acknowledged, over 8 resource(s) in 2 stack(s).`);
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

describe('finops-review as a command', () => {
  test('runs from its file with a shebang, as the package bin does', () => {
    const cli = path.join(__dirname, '..', '..', 'src', 'review', 'cli.ts');
    expect(fs.readFileSync(cli, 'utf-8')).toMatch(/^#!\/usr\/bin\/env node\n/);
    const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', cli, '--format', 'yaml'], {
      encoding: 'utf-8',
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'examples', 'tsconfig.json') },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('finops-review: --format yaml is not supported');
  });
});
