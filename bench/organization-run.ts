// `npx projen bench:organization`: one organization-wide storage run over 5,000 accounts x 4
// Regions, simulated through the real targets, scan and merge code (bench/organization-run.child.ts,
// in-process fakes for AWS), with the state machine as the pipeline synthesizes it. Prints
// `name value unit` lines: Cost Explorer requests, Step Functions state transitions, the largest
// state payload against its limit, the merge's wall time and peak memory (median of 3 runs).
import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { loadavg, tmpdir } from 'os';
import { join } from 'path';
import { App, Stack } from 'aws-cdk-lib';
// eslint-disable-next-line import/no-extraneous-dependencies -- the bench is a development tool, run in this repository only
import { buildSync } from 'esbuild';
import { formatMeasurement, Measurement, median } from './measure';
import { CostCategoryOrg } from '../src/cost-categories';
import { OptimizationPipeline, Optimizer, OrganizationTargets } from '../src/optimization';
import type { OrganizationRun } from '../src/optimization/private/organization-run';
import { DeployedTemplate } from '../test/support/deployed';

const ACCOUNTS = 5000;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'];
const REPEATS = 3;

/**
 * "Length constraints apply to the payload size, and are expressed as bytes in UTF-8 encoding.
 * ... Maximum length of 262144." (a state's input and output)
 * https://docs.aws.amazon.com/step-functions/latest/apireference/API_StateEnteredEventDetails.html
 */
const STATE_PAYLOAD_LIMIT_BYTES = 262_144;

/**
 * State transitions of a run, from the synthesized definition's shape. "Step Functions counts a
 * state transition each time a step of your workflow is executed. You are charged for the total
 * number of state transitions across all your state machines, including retries."
 * https://aws.amazon.com/step-functions/pricing/
 *
 *   transitions = parentStates + items x itemStates  (+1 per retried attempt, +caughtStates per failed item)
 *
 * parentStates: the states of the parent's path (ListTargets, EachAccountRegion, MergeReport);
 * itemStates: the states of the item processor's success path (each item is a child execution of
 * the Distributed Map, whose steps are counted like any other). A retry of a throttled scan adds
 * one; an item whose scan is caught adds the Catch's states (ScanFailed).
 */
function stateTransitions(definition: any, items: number): { parentStates: number; itemStates: number; caughtStates: number; perRun: number } {
  const parentStates = pathLength(definition);
  const map = Object.values<any>(definition.States).find((state) => state.Type === 'Map' && state.ItemProcessor !== undefined);
  const processor = map.ItemProcessor;
  const itemStates = pathLength(processor);
  const caughtStates = Object.values<any>(processor.States).flatMap((state) => state.Catch ?? []).length === 0 ? 0 : 1;
  return { parentStates, itemStates, caughtStates, perRun: parentStates + items * itemStates };
}

/** The states from StartAt to the end, following Next. */
function pathLength(machine: { StartAt: string; States: Record<string, any> }): number {
  let count = 0;
  for (let name: string | undefined = machine.StartAt; name !== undefined; name = machine.States[name].Next) count++;
  return count;
}

function synthesizedRun(): { definition: any; settings: Record<string, unknown> } {
  const stack = new Stack(new App(), 'Bench', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.storage({ snapshotRetentionDays: 90 })],
    approval: { autoApproveBelowMonthlySavings: 5 },
    organization: {
      targets: OrganizationTargets.entireOrganization(),
      regions: REGIONS,
      businessUnitCostCategory: CostCategoryOrg.fromCostCategoryName(stack, 'BusinessUnit', 'business-unit'),
    },
  });
  const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
  const deployed = DeployedTemplate.of(stack);
  const resolved = (environment: Record<string, string>) => ({ ...environment, REPORT_BUCKET: 'bench-report-bucket' });
  return {
    definition: deployed.stateMachineDefinition(run.stateMachine),
    settings: {
      accounts: ACCOUNTS,
      regions: REGIONS,
      targetsEnvironment: resolved(deployed.functionEnvironment(run.targetsFunction)),
      scanEnvironment: resolved(deployed.functionEnvironment(run.scanFunction)),
      mergeEnvironment: {
        ...resolved(deployed.functionEnvironment(run.mergeFunction)),
        ALERT_TOPIC_ARN: 'arn:aws:sns:us-east-1:111122223333:bench',
        APPROVAL_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:111122223333:stateMachine:bench-approval',
      },
      mergeFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:bench-merge',
    },
  };
}

function main(): void {
  const { definition, settings } = synthesizedRun();
  const outfile = join(mkdtempSync(join(tmpdir(), 'finops-bench-')), 'organization-run.js');
  // keepNames: the child's fakes answer by command class name.
  buildSync({ entryPoints: [join(__dirname, 'organization-run.child.ts')], outfile, bundle: true, keepNames: true, platform: 'node', target: 'node20', logLevel: 'error' });
  const runs = Array.from({ length: REPEATS }, () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', outfile], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_SETTINGS: JSON.stringify(settings) },
    maxBuffer: 16 * 1024 * 1024,
  })));
  const first = runs[0];
  const transitions = stateTransitions(definition, first.items);
  const [largestState, largestBytes] = Object.entries<number>(first.payloads).sort(([, larger], [, smaller]) => smaller - larger)[0];
  const measurements: Measurement[] = [
    { name: 'organization_run.items', value: first.items, unit: 'count' },
    { name: 'organization_run.opportunities', value: first.opportunities, unit: 'count' },
    { name: 'organization_run.cost_explorer_requests', value: first.costExplorerRequests, unit: 'requests' },
    { name: 'organization_run.organizations_requests', value: first.organizationsRequests, unit: 'requests' },
    { name: 'organization_run.state_transitions.parent_states', value: transitions.parentStates, unit: 'count' },
    { name: 'organization_run.state_transitions.states_per_item', value: transitions.itemStates, unit: 'count' },
    { name: 'organization_run.state_transitions', value: transitions.perRun, unit: 'transitions' },
    { name: `organization_run.largest_state_payload[${largestState.replace(/ /g, '_')}]`, value: largestBytes, unit: 'bytes' },
    { name: 'organization_run.state_payload_limit', value: STATE_PAYLOAD_LIMIT_BYTES, unit: 'bytes' },
    { name: 'organization_run.approval_input', value: first.approvalInputBytes, unit: 'bytes' },
    { name: 'organization_run.merge.wall_time', value: median(runs.map((run) => run.mergeMs)), unit: 'ms' },
    { name: 'organization_run.merge.peak_rss', value: Math.round(median(runs.map((run) => run.peakRssKb)) / 1024), unit: 'MiB' },
    { name: 'organization_run.merge.rss_before_merge', value: Math.round(median(runs.map((run) => run.rssBeforeMergeKb)) / 1024), unit: 'MiB' },
    { name: 'organization_run.load_average_1m', value: loadavg()[0], unit: 'load' },
  ];
  measurements.forEach((measurement) => process.stdout.write(`${formatMeasurement(measurement)}\n`));
}

main();
