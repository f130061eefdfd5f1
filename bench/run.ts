// `npx projen bench`: compiles the library and bundles the handlers as the package ships them, then
// measures, in one run, what issues 7 and 17 ask, each figure against its yardstick in the same
// run, and what the cost analysis asks of AWS in each mode (issue 14); prints `name value unit` lines.
import { loadavg } from 'os';
import { athenaScanEstimates } from './athena-scan';
import { handlerColdStarts } from './bundles';
import { costAnalysisRequests, MODES_BY_BREAKDOWN_COUNT, synthesizeCostAnalyses } from './cost-analysis-runs';
import { libraryLoad } from './load';
import { formatMeasurement, Measurement } from './measure';
import { optimizerPeakMemory } from './memory';
import { assertCompiledLibraryIsCurrent } from './process';
import { costExplorerRequests } from './requests';
import { budgetsSynth, bundleSynthApps, organizationSynth } from './synth';
import { runtimeThroughput } from './throughput';
import { CostMetric } from '../src/optimization';

// Whole processes, alternating with their yardsticks: few repeats keep the run to minutes on 2 cores.
// aws-cdk-lib's template validation (on by default) costs seconds per process, library and L1 alike.
const SYNTH_SIZES = [10, 100, 400];
const SYNTH_REPEATS = { validationOn: 3, validationOff: 9 };
const ORGANIZATION_ACCOUNTS = [5000, 20000];
const ORGANIZATION_REPEATS = { validationOn: 3, validationOff: 3 };
const LOAD_REPEATS = 9;
const COLD_START_REPEATS = 5;
const RUNTIME_REPEATS = 9;

function print(measurements: Measurement[]): void {
  measurements.forEach((measurement) => process.stdout.write(`${formatMeasurement(measurement)}\n`));
}

/** The bench's sections, in the order they run. */
const SECTIONS: Record<string, () => Promise<void>> = {
  load: async () => print(libraryLoad(LOAD_REPEATS)),
  synth: async () => {
    const apps = await bundleSynthApps();
    SYNTH_SIZES.forEach((size) => print(budgetsSynth(apps, size, SYNTH_REPEATS)));
    ORGANIZATION_ACCOUNTS.forEach((count) => print(organizationSynth(apps, count, ORGANIZATION_REPEATS)));
  },
  handlers: async () => print(handlerColdStarts(COLD_START_REPEATS)),
  runtime: async () => {
    print(runtimeThroughput(RUNTIME_REPEATS));
    print(optimizerPeakMemory());
    print(await costExplorerRequests());
  },
  // Synthesizes pipelines (assets/ from `npx projen bundle`) and runs the handler from src/: no lib/ needed.
  cost_analysis: async () => {
    const amortized = { mode: 'athena', breakdownCount: 1, metric: CostMetric.AMORTIZED_COST } as const;
    const analyses = synthesizeCostAnalyses([...MODES_BY_BREAKDOWN_COUNT, amortized]);
    print(await costAnalysisRequests(analyses.filter((analysis) => analysis.metric === undefined)));
    for (const analysis of analyses.filter((candidate) => candidate.mode === 'athena')) {
      const label = `${analysis.metric === undefined ? 'unblended' : 'amortized'}.breakdowns_${analysis.breakdownCount}`;
      // Each query's figures once: the run with every breakdown, and the amortized expression's.
      const perQuery = analysis.breakdownCount === 4 || analysis.metric !== undefined;
      print(athenaScanEstimates(analysis, label).filter((measurement) => perQuery || measurement.name.endsWith('.run_bytes_per_month')));
    }
  },
};

/** The sections that time the compiled library (lib/, as the package ships it): the load and the synth apps; the others run src/ through ts-node. */
const SECTIONS_READING_LIB = ['load', 'synth'];

/** Every section, or those named in BENCH_SECTIONS (e.g. `BENCH_SECTIONS=load,runtime`): synth alone takes most of the run. */
function selectedSections(): string[] {
  const named = (process.env.BENCH_SECTIONS ?? '').split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = named.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0) {
    throw new Error(`BENCH_SECTIONS names no section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}`);
  }
  return named.length === 0 ? Object.keys(SECTIONS) : Object.keys(SECTIONS).filter((name) => named.includes(name));
}

async function main(): Promise<void> {
  const sections = selectedSections();
  if (sections.some((section) => SECTIONS_READING_LIB.includes(section))) {
    assertCompiledLibraryIsCurrent();
  }
  process.stdout.write(`load_average.start ${loadavg()[0].toFixed(2)} load\n`);
  for (const section of sections) {
    await SECTIONS[section]();
  }
  process.stdout.write(`load_average.end ${loadavg()[0].toFixed(2)} load\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
