import * as path from 'path';

// aws-cdk-lib checks every synthesized template against the CloudFormation schemas (its built-in
// CloudFormation validation, a WebAssembly engine) at each synth. Unit tests assert on the templates
// themselves, and the check only warns unless @aws-cdk/core:validateAgainstDefaultRules is set, so
// it is switched off for them: optimization-pipeline.test.ts takes 4.9 instead of 12-14 CPU s and
// 247 instead of 570 MB. It stays on where a test reads its report (test/support/validation-report.ts):
// the example app's test and the integration snapshots (whose synth processes inherit this
// environment). Starting its engine costs about 6 CPU s per process (profiled), so suites that only
// read the example's resources do without it.
const SUITES_THAT_CHECK_REAL_TEMPLATES = ['test/examples/finops-app.test.ts', 'test/integ/'];

const root = path.join(__dirname, '..', '..');
const testFile = path.relative(root, expect.getState().testPath ?? '').split(path.sep).join('/');
if (!SUITES_THAT_CHECK_REAL_TEMPLATES.some((folder) => testFile.startsWith(folder))) {
  // jest gives each test file its own copy of process.env: no other file sees this.
  process.env.CDK_VALIDATION = 'false';
}
