import { join } from 'path';
import { Measurement } from './measure';
import { bundleChildApp, ProcessSpec, ratioFigure, runInTurn, runProcess, timeFigures, TimeKind, warmUp } from './process';
import { API_SHAPE_FLAG, SynthAppOutput } from './synth-inputs';

/** aws-cdk-lib's built-in CloudFormation template validation: on unless CDK_VALIDATION is "false". */
const VALIDATION_SETTINGS: Array<{ label: string; env: Record<string, string>; repeatsOf: (repeats: SynthRepeats) => number }> = [
  { label: 'validation_on', env: { CDK_VALIDATION: 'true' }, repeatsOf: (repeats: SynthRepeats) => repeats.validationOn },
  { label: 'validation_off', env: { CDK_VALIDATION: 'false' }, repeatsOf: (repeats: SynthRepeats) => repeats.validationOff },
];

/** How many times each synth process runs, by validation setting. */
export interface SynthRepeats {
  readonly validationOn: number;
  readonly validationOff: number;
}

/** The two synth apps, bundled once per bench run. */
interface SynthApps {
  readonly library: string;
  readonly l1: string;
}

/** Bundles the two synth apps and runs each once, small and untimed, to warm the file cache. */
export async function bundleSynthApps(): Promise<SynthApps> {
  const apps = {
    library: await bundleChildApp(join(__dirname, 'synth-library.child.ts')),
    l1: await bundleChildApp(join(__dirname, 'synth-l1.child.ts')),
  };
  warmUp([apps.library, apps.l1].map((app) => synthProcess(app, ['budgets', '10'], { CDK_VALIDATION: 'false' })));
  return apps;
}

function synthProcess(app: string, args: string[], env: Record<string, string>): ProcessSpec {
  return { args: [app, ...args], env };
}

/** The processes of a synth group, in the order they take turns. */
const GROUP_LABELS = ['library', 'l1', 'api_shape'] as const;
type GroupLabel = (typeof GROUP_LABELS)[number];

/** Each label's times of one kind, and the three ratios {@link synthGroup} prints. */
function groupFigures(name: string, times: Record<GroupLabel, number[]>, kind: TimeKind): Measurement[] {
  return [
    ...GROUP_LABELS.flatMap((label) => timeFigures(`${name}.${label}`, times[label], kind)),
    ratioFigure(name, times.library, times.l1, kind),
    ratioFigure(`${name}.api_shape_floor`, times.api_shape, times.l1, kind),
    ratioFigure(`${name}.library_over_api_shape`, times.library, times.api_shape, kind),
  ];
}

/** What one synth group gives: its figures and the last output of the library and raw L1 apps. */
interface SynthGroupResult {
  readonly measurements: Measurement[];
  readonly library: SynthAppOutput;
  readonly l1: SynthAppOutput;
}

/**
 * Three fresh `node` processes in turn, with one validation setting: the library's app, the same
 * resources in raw L1 classes, and the L1 app in the public API's shape (see
 * `SynthAppArguments.apiShape`). Figures: each one's times; `ratio` library against L1, the goal's
 * figure; `api_shape_floor.ratio` the API's shape against L1, what the library cannot save without
 * changing its API; `library_over_api_shape.ratio` the library against that floor. Each in wall
 * time, then in CPU time.
 */
function synthGroup(
  apps: SynthApps, name: string, libraryArgs: string[], l1Args: string[], env: Record<string, string>, repeats: number,
): SynthGroupResult {
  const { times, outputs } = runInTurn([
    { label: 'library', spec: synthProcess(apps.library, libraryArgs, env) },
    { label: 'l1', spec: synthProcess(apps.l1, l1Args, env) },
    { label: 'api_shape', spec: synthProcess(apps.l1, [...l1Args, API_SHAPE_FLAG], env) },
  ], repeats);
  const parsed = Object.fromEntries(GROUP_LABELS.map((label) => [label, outputs[label].map((output): SynthAppOutput => JSON.parse(output))]));
  const cpuTimes = Object.fromEntries(GROUP_LABELS.map((label) => [label, parsed[label].map((output) => output.cpuMs)]));
  return {
    measurements: [
      ...groupFigures(name, times as Record<GroupLabel, number[]>, 'time'),
      ...groupFigures(name, cpuTimes as Record<GroupLabel, number[]>, 'cpu'),
    ],
    library: parsed.library.at(-1)!,
    l1: parsed.l1.at(-1)!,
  };
}

function templateFigures(name: string, library: SynthAppOutput, l1: SynthAppOutput): Measurement[] {
  return [
    { name: `${name}.library.template`, value: library.templateBytes, unit: 'bytes' },
    { name: `${name}.l1.template`, value: l1.templateBytes, unit: 'bytes' },
    { name: `${name}.ratio.template`, value: library.templateBytes / l1.templateBytes, unit: 'ratio' },
  ];
}

/**
 * `count` budgets sharing one alert topic, synthesized by a fresh `node` process running the
 * compiled library, against fresh processes writing the same resources in L1 classes, raw and in
 * the API's shape: with aws-cdk-lib's template validation on (its default) and off.
 */
export function budgetsSynth(apps: SynthApps, count: number, repeats: SynthRepeats): Measurement[] {
  const args = ['budgets', String(count)];
  return VALIDATION_SETTINGS.flatMap(({ label, env, repeatsOf }, settingIndex) => {
    const result = synthGroup(apps, `synth.budgets_${count}.${label}`, args, args, env, repeatsOf(repeats));
    const templates = settingIndex === 0 ? templateFigures(`synth.budgets_${count}`, result.library, result.l1) : [];
    return [...result.measurements, ...templates];
  });
}

/**
 * `count` account budgets through OrganizationBudgets (nested stacks, limits checked) against the
 * same budgets in L1 classes, raw and in the API's shape, in nested stacks of the sizes the library chose.
 */
export function organizationSynth(apps: SynthApps, count: number, repeats: SynthRepeats): Measurement[] {
  const args = ['organization', String(count)];
  const plan: SynthAppOutput = JSON.parse(runProcess(synthProcess(apps.library, args, { CDK_VALIDATION: 'false' })).stdout);
  const l1Args = [...args, plan.budgetsPerNestedStack.join(',')];
  return VALIDATION_SETTINGS.flatMap(({ label, env, repeatsOf }, settingIndex) => {
    const { measurements, library, l1 } = synthGroup(apps, `synth.organization_${count}.${label}`, args, l1Args, env, repeatsOf(repeats));
    return [
      ...measurements,
      ...(settingIndex === 0 ? [
        { name: `synth.organization_${count}.nested_stacks`, value: library.budgetsPerNestedStack.length, unit: 'count' },
        { name: `synth.organization_${count}.library.largest_template`, value: library.largestNestedTemplateBytes, unit: 'bytes' },
        { name: `synth.organization_${count}.l1.largest_template`, value: l1.largestNestedTemplateBytes, unit: 'bytes' },
      ] : []),
    ];
  });
}
