import { Measurement } from './measure';
import { COMPILED_LIBRARY, compareProcesses, warmUp } from './process';

/** A `node -e` process that requires `module` and prints how long the require took inside the process. */
function requireProcess(module: string): string[] {
  return ['-e', `const t=process.hrtime.bigint();require(${JSON.stringify(module)});process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));`];
}

/**
 * The library's load: a fresh process that requires the compiled package, against one that
 * requires aws-cdk-lib, whole process (Node's start included) and the require alone.
 */
export function libraryLoad(repeats: number): Measurement[] {
  const library = { args: requireProcess(COMPILED_LIBRARY) };
  const awsCdkLib = { args: requireProcess('aws-cdk-lib') };
  warmUp([library, awsCdkLib]);
  const result = compareProcesses({ name: 'load', subjectLabel: 'library', subject: library, yardstickLabel: 'aws_cdk_lib', yardstick: awsCdkLib }, repeats);
  return [
    ...result.measurements,
    { name: 'load.library.require_in_last_process', value: Number(result.subjectOutput), unit: 'ms' },
    { name: 'load.aws_cdk_lib.require_in_last_process', value: Number(result.yardstickOutput), unit: 'ms' },
  ];
}
