import { writeFileSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Measurement } from './measure';
import { COMPILED_LIBRARY, compareProcesses, runProcess, warmUp } from './process';

/** A `node -e` process that runs `code` and prints how long it took inside the process. */
function timedProcess(code: string): string[] {
  return ['-e', `const t=process.hrtime.bigint();${code};process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`];
}

/** `require(module)`, timed inside the process. */
function requireProcess(module: string): string[] {
  return timedProcess(`require(${JSON.stringify(module)})`);
}

/** Code that requires the compiled library and reads every export, so that each lazy export loads. */
const REQUIRE_EVERY_EXPORT = `const l=require(${JSON.stringify(COMPILED_LIBRARY)});for(const k of Object.keys(l))l[k]`;

/**
 * The files outside the library that loading all of it loads (aws-cdk-lib's modules, constructs,
 * cdk-nag's pack), in load order, written to a file the yardstick process reads.
 */
function dependencyFilesOfEveryExport(): string {
  const listing = runProcess({
    args: ['-e', `${REQUIRE_EVERY_EXPORT};process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f)=>f.includes('/node_modules/'))))`],
  });
  const file = join(mkdtempSync(join(tmpdir(), 'finops-bench-')), 'dependencies.json');
  writeFileSync(file, listing.stdout);
  return file;
}

/**
 * The library's load: a fresh process that requires the compiled package, against one that
 * requires aws-cdk-lib, whole process (Node's start included) and the require alone. A second
 * row loads every export (every construct and what it imports) against a process that loads only
 * the dependency files that takes: the cost of the library's own code.
 */
export function libraryLoad(repeats: number): Measurement[] {
  const library = { args: requireProcess(COMPILED_LIBRARY) };
  const awsCdkLib = { args: requireProcess('aws-cdk-lib') };
  const everyExport = { args: timedProcess(REQUIRE_EVERY_EXPORT) };
  const dependencies = { args: timedProcess(`for(const f of require(${JSON.stringify(dependencyFilesOfEveryExport())}))require(f)`) };
  warmUp([library, awsCdkLib, everyExport, dependencies]);
  const result = compareProcesses({ name: 'load', subjectLabel: 'library', subject: library, yardstickLabel: 'aws_cdk_lib', yardstick: awsCdkLib }, repeats);
  const everyExportResult = compareProcesses({
    name: 'load_every_export',
    subjectLabel: 'library',
    subject: everyExport,
    yardstickLabel: 'its_dependencies',
    yardstick: dependencies,
  }, repeats);
  return [
    ...result.measurements,
    { name: 'load.library.require_in_last_process', value: Number(result.subjectOutput), unit: 'ms' },
    { name: 'load.aws_cdk_lib.require_in_last_process', value: Number(result.yardstickOutput), unit: 'ms' },
    ...everyExportResult.measurements,
  ];
}
