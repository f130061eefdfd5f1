import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  canonicalTemplates,
  INTEG_DIRECTORY,
  integManifest,
  integTestFiles,
  snapshotDirectoryOf,
  synthesizeIntegTests,
} from '../support/integ-snapshots';
import { cloudFormationValidationFindings } from '../support/validation-report';

// The committed integ-runner snapshots must be what the integration tests synthesize today.
// integ-runner 2.197.10, the newest on npm, reads cloud assemblies up to schema 53 and
// aws-cdk-lib 2.269.0 (the library's floor, which it is built with) writes 54, so this test compares them as integ-runner's snapshot stage
// does: every template, asset hashes aside, and the integ manifest.
const UPDATE_HINT = 'run `npx projen integ:snapshot` and review the template changes';

const PUBLIC_CONSTRUCTS = ['FinOpsBudget', 'CostAnomalyMonitor', 'CostCategoryOrg', 'CurReport', 'OptimizationPipeline'];

test('every public construct is deployed by an integration test', () => {
  const sources = integTestFiles().map((file) => fs.readFileSync(file, 'utf8'));
  expect(PUBLIC_CONSTRUCTS.filter((name) => !sources.some((source) => source.includes(`new ${name}(`)))).toEqual([]);
});

test('every snapshot belongs to an integration test', () => {
  const snapshots = fs.readdirSync(INTEG_DIRECTORY).filter((name) => name.endsWith('.snapshot')).sort();
  expect(snapshots).toEqual(integTestFiles().map((file) => path.basename(snapshotDirectoryOf(file))));
});

// Every app synthesized once, in one process, before the comparisons.
const actualRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'integ-actual-'));
const actualDirectoryOf = (testFile: string) => path.join(actualRoot, path.basename(testFile));
beforeAll(() => {
  synthesizeIntegTests(integTestFiles().map((testFile) => ({ testFile, outdir: actualDirectoryOf(testFile) })));
}, 240_000);
afterAll(() => fs.rmSync(actualRoot, { recursive: true, force: true }));

describe.each(integTestFiles().map((file) => [path.basename(file), file]))('%s', (_name, testFile) => {
  const actualDirectory = actualDirectoryOf(testFile);

  test(`templates match the committed snapshot (else ${UPDATE_HINT})`, () => {
    expect(canonicalTemplates(actualDirectory)).toEqual(canonicalTemplates(snapshotDirectoryOf(testFile)));
  });

  test('aws-cdk-lib\'s CloudFormation validation finds nothing in its templates', () => {
    expect(cloudFormationValidationFindings(actualDirectory)).toEqual([]);
  });

  test('the integ manifest matches the committed snapshot', () => {
    expect(integManifest(actualDirectory)).toEqual(integManifest(snapshotDirectoryOf(testFile)));
  });

  test('the test has assertions to run after deployment', () => {
    const templates = canonicalTemplates(snapshotDirectoryOf(testFile));
    const assertionTemplate = Object.entries(templates).find(([file]) => file.includes('DeployAssert'));
    expect(assertionTemplate).toBeDefined();
    const resources = Object.values((assertionTemplate![1] as { Resources: { [id: string]: { Type: string } } }).Resources);
    expect(resources.filter((resource) => /^Custom::Deploy(Assert|-)?/.test(resource.Type)).length).toBeGreaterThan(0);
  });
});
