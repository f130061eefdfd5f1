// What both synth apps declare, the library's and its raw L1 yardstick's: nothing here may import
// the library, so that the yardstick process loads aws-cdk-lib only.

/** The one email subscriber of every budget. */
export const ALERT_EMAIL = 'finops@example.com';

/** Escalating alerts: three ACTUAL thresholds and one FORECASTED, each to the topic and the email. */
export const ALERT_THRESHOLDS: ReadonlyArray<readonly ['ACTUAL' | 'FORECASTED', number]> = [
  ['ACTUAL', 50], ['ACTUAL', 80], ['ACTUAL', 100], ['FORECASTED', 100],
];

/** The member account of the budget at `index`. */
export function accountId(index: number): string {
  return String(100_000_000_000 + index);
}

/** The limit of the budget at `index`, in USD. */
export function budgetAmount(index: number): number {
  return 1000 + index;
}

/** What a synth app process prints on stdout (one JSON line) once its cloud assembly is written. */
export interface SynthAppOutput {
  /** Bytes of the root stack's template, as written to the cloud assembly. */
  readonly templateBytes: number;
  /** The budgets of each nested stack, in order (organization apps only). */
  readonly budgetsPerNestedStack: number[];
  /** Bytes of the largest nested stack template (organization apps only). */
  readonly largestNestedTemplateBytes: number;
  /**
   * CPU time of the process up to its output, user and system, every thread: steadier than wall
   * time on a machine other work shares.
   */
  readonly cpuMs: number;
}

/** The process's CPU time so far, user and system, in milliseconds. */
export function cpuMilliseconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * The app a synth process builds: `budgets` (one stack of single budgets sharing a topic) or
 * `organization` (budgets spread over nested stacks), and how many budgets.
 */
export interface SynthAppArguments {
  readonly shape: 'budgets' | 'organization';
  readonly count: number;
  /** For the L1 organization: the nested stack sizes the library chose, to declare the same stacks. */
  readonly budgetsPerNestedStack: number[];
  /**
   * For the L1 app (`--api-shape`): the same resources in the shape the library's public API
   * hands out, still without the library: each budget in a construct of its own, as a
   * `FinOpsBudget` holds its `CfnBudget`, and the alert topic and its key as the L2 `Topic` and
   * `Key` that `AlertTopic` exposes. What that shape costs over raw L1, the library cannot save.
   */
  readonly apiShape: boolean;
}

/** The flag that asks the L1 app for the public API's shape (see {@link SynthAppArguments.apiShape}). */
export const API_SHAPE_FLAG = '--api-shape';

export function parseSynthAppArguments(argv: readonly string[]): SynthAppArguments {
  const [shape, count, perStack] = argv.filter((argument) => argument !== API_SHAPE_FLAG);
  if (shape !== 'budgets' && shape !== 'organization') {
    throw new Error(`synth app: unknown shape ${shape}`);
  }
  return {
    shape,
    count: Number(count),
    budgetsPerNestedStack: perStack ? perStack.split(',').map(Number) : [],
    apiShape: argv.includes(API_SHAPE_FLAG),
  };
}
