// `npx projen bench`: measures, in one run, what issue 7 asks and prints `name value unit` lines.
import { handlerBundles } from './bundles';
import { formatMeasurement, Measurement } from './measure';
import { optimizerPeakMemory } from './memory';
import { costExplorerRequests } from './requests';
import { librarySynthRatios, organizationSynth } from './synth';
import { runtimeThroughput } from './throughput';

const SYNTH_SIZES = [10, 100, 400];
const SYNTH_REPEATS = 7;
const ORGANIZATION_ACCOUNTS = 5000;
const COLD_LOAD_REPEATS = 5;
const RUNTIME_REPEATS = 9;

function print(measurements: Measurement[]): void {
  measurements.forEach((measurement) => process.stdout.write(`${formatMeasurement(measurement)}\n`));
}

async function main(): Promise<void> {
  // aws-cdk-lib's built-in CloudFormation linter (a WebAssembly engine, on by default in
  // 2.276) costs the library and the L1 stacks alike and dominates their synth time: it is
  // measured once on the organization, and off for the comparisons.
  const builtinValidation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false';
  print(librarySynthRatios(SYNTH_SIZES, SYNTH_REPEATS));
  print(organizationSynth(ORGANIZATION_ACCOUNTS, ''));
  process.env.CDK_VALIDATION = builtinValidation;
  print(organizationSynth(ORGANIZATION_ACCOUNTS, '.with_cdk_validation'));
  print(handlerBundles(COLD_LOAD_REPEATS));
  print(runtimeThroughput(RUNTIME_REPEATS));
  print(optimizerPeakMemory());
  print(await costExplorerRequests());
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
