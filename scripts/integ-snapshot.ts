import * as path from 'path';
import { integTestFiles, snapshotDirectoryOf, synthesizeIntegTests } from '../test/support/integ-snapshots';

// Rewrites the committed snapshot of every integration test (or of the tests named on the command
// line, e.g. `integ.cur-report.ts`); test/integ/integ-snapshots.test.ts checks them on every build.
const only = process.argv.slice(2);
const testFiles = integTestFiles().filter((testFile) => only.length === 0 || only.includes(path.basename(testFile)));
const started = Date.now();
synthesizeIntegTests(testFiles.map((testFile) => ({ testFile, outdir: snapshotDirectoryOf(testFile) })));
console.log(`${testFiles.map((testFile) => path.basename(snapshotDirectoryOf(testFile))).join(', ')} written in ${Date.now() - started} ms`);
