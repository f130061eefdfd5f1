import { join } from 'path';
import { Measurement } from './measure';
import { bundleChildApp, compareProcesses, ProcessSpec, runProcess, warmUp } from './process';
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

function templateFigures(name: string, library: SynthAppOutput, l1: SynthAppOutput): Measurement[] {
  return [
    { name: `${name}.library.template`, value: library.templateBytes, unit: 'bytes' },
    { name: `${name}.l1.template`, value: l1.templateBytes, unit: 'bytes' },
    { name: `${name}.ratio.template`, value: library.templateBytes / l1.templateBytes, unit: 'ratio' },
  ];
}

/**
 * The floor under the library's figures: the L1 app in the public API's shape against the raw L1
 * app (see `SynthAppArguments.apiShape`), with validation on and off. `l1Args` are the raw L1 app's arguments.
 */
function apiShapeFloor(apps: SynthApps, name: string, l1Args: string[], repeats: SynthRepeats): Measurement[] {
  return VALIDATION_SETTINGS.flatMap(({ label, env, repeatsOf }) => compareProcesses({
    name: `${name}.${label}.api_shape_floor`,
    subjectLabel: 'api_shape',
    subject: synthProcess(apps.l1, [...l1Args, API_SHAPE_FLAG], env),
    yardstickLabel: 'l1',
    yardstick: synthProcess(apps.l1, l1Args, env),
  }, repeatsOf(repeats)).measurements);
}

/**
 * `count` budgets sharing one alert topic, synthesized by a fresh `node` process running the
 * compiled library, against a fresh process writing the same resources in L1 classes: with
 * aws-cdk-lib's template validation on (its default) and off; then the floor the public API's
 * shape sets (see {@link apiShapeFloor}).
 */
export function budgetsSynth(apps: SynthApps, count: number, repeats: SynthRepeats): Measurement[] {
  const figures = VALIDATION_SETTINGS.flatMap(({ label, env, repeatsOf }, settingIndex) => {
    const args = ['budgets', String(count)];
    const name = `synth.budgets_${count}.${label}`;
    const result = compareProcesses({
      name,
      subjectLabel: 'library',
      subject: synthProcess(apps.library, args, env),
      yardstickLabel: 'l1',
      yardstick: synthProcess(apps.l1, args, env),
    }, repeatsOf(repeats));
    const templates = settingIndex === 0
      ? templateFigures(`synth.budgets_${count}`, JSON.parse(result.subjectOutput), JSON.parse(result.yardstickOutput))
      : [];
    return [...result.measurements, ...templates];
  });
  return [...figures, ...apiShapeFloor(apps, `synth.budgets_${count}`, ['budgets', String(count)], repeats)];
}

/**
 * `count` account budgets through OrganizationBudgets (nested stacks, limits checked) against the
 * same budgets in L1 classes in nested stacks of the sizes the library chose; then the floor the
 * public API's shape sets.
 */
export function organizationSynth(apps: SynthApps, count: number, repeats: SynthRepeats): Measurement[] {
  const args = ['organization', String(count)];
  const plan: SynthAppOutput = JSON.parse(runProcess(synthProcess(apps.library, args, { CDK_VALIDATION: 'false' })).stdout);
  const l1Args = [...args, plan.budgetsPerNestedStack.join(',')];
  const figures = VALIDATION_SETTINGS.flatMap(({ label, env, repeatsOf }, settingIndex) => {
    const name = `synth.organization_${count}.${label}`;
    const result = compareProcesses({
      name,
      subjectLabel: 'library',
      subject: synthProcess(apps.library, args, env),
      yardstickLabel: 'l1',
      yardstick: synthProcess(apps.l1, l1Args, env),
    }, repeatsOf(repeats));
    const library: SynthAppOutput = JSON.parse(result.subjectOutput);
    const l1: SynthAppOutput = JSON.parse(result.yardstickOutput);
    return [
      ...result.measurements,
      ...(settingIndex === 0 ? [
        { name: `synth.organization_${count}.nested_stacks`, value: library.budgetsPerNestedStack.length, unit: 'count' },
        { name: `synth.organization_${count}.library.largest_template`, value: library.largestNestedTemplateBytes, unit: 'bytes' },
        { name: `synth.organization_${count}.l1.largest_template`, value: l1.largestNestedTemplateBytes, unit: 'bytes' },
      ] : []),
    ];
  });
  return [...figures, ...apiShapeFloor(apps, `synth.organization_${count}`, l1Args, repeats)];
}
