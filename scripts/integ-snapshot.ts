import * as path from 'path';
import { integTestFiles, snapshotDirectoryOf, synthesizeIntegTest } from '../test/support/integ-snapshots';

// Rewrites the committed snapshot of every integration test (or of the tests named on the command
// line, e.g. `integ.cur-report.ts`); test/integ/integ-snapshots.test.ts checks them on every build.
const only = process.argv.slice(2);
for (const testFile of integTestFiles()) {
  if (only.length > 0 && !only.includes(path.basename(testFile))) continue;
  const started = Date.now();
  synthesizeIntegTest(testFile, snapshotDirectoryOf(testFile));
  console.log(`${path.basename(snapshotDirectoryOf(testFile))} written in ${Date.now() - started} ms`);
}
