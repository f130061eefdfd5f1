import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { basename, join } from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies -- the bench is a development tool, run in this repository only
import { build, Plugin } from 'esbuild';
import { median, Measurement } from './measure';

export const REPOSITORY_ROOT = join(__dirname, '..');
/** The compiled library, as the package ships it (`npx projen compile`). */
export const COMPILED_LIBRARY = join(REPOSITORY_ROOT, 'lib', 'index.js');
const NODE_MODULES = join(REPOSITORY_ROOT, 'node_modules');

/** What one process run gives: its wall time and what it printed. */
export interface ProcessRun {
  readonly ms: number;
  readonly stdout: string;
}

/** A process to time: a script file or `-e` code, its arguments and extra environment. */
export interface ProcessSpec {
  readonly args: string[];
  readonly env?: Record<string, string>;
}

/**
 * Runs `node <args>` in a fresh process and times it from spawn to exit, as a user's `cdk synth`
 * or Lambda's cold start pays it: Node's start, module loading and the work. Modules that are not
 * bundled (aws-cdk-lib, the AWS SDK) resolve from this repository's node_modules.
 */
export function runProcess(spec: ProcessSpec): ProcessRun {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, spec.args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_PATH: NODE_MODULES, NODE_NO_WARNINGS: '1', ...spec.env },
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) {
    throw new Error(`node ${spec.args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  }
  return { ms, stdout: result.stdout };
}

/** What a figure measures: wall time (`time`) or CPU time (`cpu`), both in milliseconds. */
export type TimeKind = 'time' | 'cpu';

/** The median, min and max of `times`: `<name>.<kind>`, `<name>.<kind>_min`, `<name>.<kind>_max`. */
export function timeFigures(name: string, times: number[], kind: TimeKind = 'time'): Measurement[] {
  return [
    { name: `${name}.${kind}`, value: median(times), unit: 'ms' },
    { name: `${name}.${kind}_min`, value: Math.min(...times), unit: 'ms' },
    { name: `${name}.${kind}_max`, value: Math.max(...times), unit: 'ms' },
  ];
}

/** The ratio of the medians, printed as `<name>.ratio.<kind>`. */
export function ratioFigure(name: string, subjectTimes: number[], yardstickTimes: number[], kind: TimeKind = 'time'): Measurement {
  return { name: `${name}.ratio.${kind}`, value: median(subjectTimes) / median(yardstickTimes), unit: 'ratio' };
}

/** A process of a group timed in turn, under its label. */
export interface LabelledProcess {
  readonly label: string;
  readonly spec: ProcessSpec;
}

/** What each process of a group gave, by label: its wall times and what it printed, in run order. */
export interface GroupRuns {
  readonly times: Record<string, number[]>;
  readonly outputs: Record<string, string[]>;
}

/**
 * Runs the processes of a group `repeats` times each, in turn, each round starting one process
 * later than the one before (for two: AB, BA, AB...), so that none always runs first or always
 * after the same other. Figures compared from one group come from the same minutes of a shared machine.
 */
export function runInTurn(processes: readonly LabelledProcess[], repeats: number): GroupRuns {
  const times: Record<string, number[]> = {};
  const outputs: Record<string, string[]> = {};
  processes.forEach(({ label }) => {
    times[label] = [];
    outputs[label] = [];
  });
  for (let round = 0; round < repeats; round++) {
    for (let turn = 0; turn < processes.length; turn++) {
      const { label, spec } = processes[(round + turn) % processes.length];
      const run = runProcess(spec);
      times[label].push(run.ms);
      outputs[label].push(run.stdout);
    }
  }
  return { times, outputs };
}

/** A subject and its yardstick, each a process, with the name their figures are printed under. */
export interface ProcessComparison {
  /** e.g. "synth.budgets_10.validation_on": figures are `<name>.<subjectLabel>.time` and so on. */
  readonly name: string;
  readonly subjectLabel: string;
  readonly subject: ProcessSpec;
  readonly yardstickLabel: string;
  readonly yardstick: ProcessSpec;
}

/** The outcome of a comparison: its figures, and what each side printed, the last run and every run. */
export interface ComparisonResult {
  readonly measurements: Measurement[];
  readonly subjectOutput: string;
  readonly yardstickOutput: string;
  readonly subjectOutputs: string[];
  readonly yardstickOutputs: string[];
}

/**
 * Runs subject and yardstick `repeats` times each, in turn (see {@link runInTurn}). Prints the
 * median, min and max wall time of each and the ratio of the medians. Run {@link warmUp} first,
 * so that no figure pays for a cold file cache.
 */
export function compareProcesses(comparison: ProcessComparison, repeats: number): ComparisonResult {
  const { subjectLabel, yardstickLabel, name } = comparison;
  const { times, outputs } = runInTurn([
    { label: subjectLabel, spec: comparison.subject },
    { label: yardstickLabel, spec: comparison.yardstick },
  ], repeats);
  return {
    measurements: [
      ...timeFigures(`${name}.${subjectLabel}`, times[subjectLabel]),
      ...timeFigures(`${name}.${yardstickLabel}`, times[yardstickLabel]),
      ratioFigure(name, times[subjectLabel], times[yardstickLabel]),
    ],
    subjectOutput: outputs[subjectLabel].at(-1) ?? '',
    yardstickOutput: outputs[yardstickLabel].at(-1) ?? '',
    subjectOutputs: outputs[subjectLabel],
    yardstickOutputs: outputs[yardstickLabel],
  };
}

/** Runs each process once, untimed: the files they read are in the file cache afterwards. */
export function warmUp(specs: ProcessSpec[]): void {
  specs.forEach((spec) => runProcess(spec));
}

/** Imports of `../src` become a require of the compiled library: apps load what the package ships. */
const compiledLibrary: Plugin = {
  name: 'compiled-library',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\.\/src$/ }, () => ({ path: COMPILED_LIBRARY, external: true }));
  },
};

/**
 * Bundles a bench app (`*.child.ts`) into plain JavaScript so that its process spends nothing on
 * TypeScript: aws-cdk-lib, constructs and the library stay external, loaded as a user's app loads them.
 */
export async function bundleChildApp(entry: string): Promise<string> {
  const outfile = join(mkdtempSync(join(tmpdir(), 'finops-bench-')), `${basename(entry, '.ts')}.js`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external: ['aws-cdk-lib', 'aws-cdk-lib/*', 'constructs'],
    plugins: [compiledLibrary],
    logLevel: 'error',
  });
  return outfile;
}

function newestModification(directory: string): number {
  return Math.max(...readdirSync(directory).map((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
  }));
}

/** Refuses to measure a compiled library older than its sources: the figures would describe other code. */
export function assertCompiledLibraryIsCurrent(): void {
  if (!existsSync(COMPILED_LIBRARY)) {
    throw new Error(`${COMPILED_LIBRARY} is missing: run \`npx projen compile\` (the bench task does) first`);
  }
  if (newestModification(join(REPOSITORY_ROOT, 'lib')) < newestModification(join(REPOSITORY_ROOT, 'src'))) {
    throw new Error(`${COMPILED_LIBRARY} is older than src/: run \`npx projen compile\` (the bench task does) first`);
  }
}
