import { readFileSync } from 'fs';
import { join } from 'path';
import {
  acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, expectedReportKey, metricsPut, setEnvironment, storedReport,
} from './loopback-fixtures';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/storage.lambda';
import { AwsLoopback, awsJsonError, ec2Error, ec2Reply, useLoopbackEnvironment } from '../../support/aws-loopback';

/** When the storage optimizer's schedule fires (Mondays 08:00 UTC by default); the SDK's clock stays real. */
const SCHEDULED_TIME = '2026-11-30T08:00:00Z';

/** Runs the handler as deployed: the template's environment, the schedule's event, the function's ARN. */
async function runDeployed(deployed: DeployedOptimizer) {
  restore.push(setEnvironment(deployed.environment));
  return handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
}

function ec2Page(operation: string, page: number) {
  return ec2Reply(operation, readFileSync(join(__dirname, 'fixtures', `${operation}.page${page}.xml`), 'utf8'));
}

let loopback: AwsLoopback;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
});

beforeEach(() => {
  loopback.requests.length = 0;
  acceptOutputs(loopback);
});

afterEach(() => {
  restore.pop()?.();
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

function queueInventory(): void {
  loopback.queue('DescribeVolumes', ec2Page('DescribeVolumes', 1), ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503), ec2Page('DescribeVolumes', 2));
  loopback.queue('DescribeSnapshots', ec2Page('DescribeSnapshots', 1), ec2Page('DescribeSnapshots', 2));
}

describe('storage handler over the loopback', () => {
  test('pages volumes and snapshots, retries throttling, reports exact savings and routes actions to approval', async () => {
    const deployed = deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage()], approval: { autoApproveBelowMonthlySavings: 25 } });
    queueInventory();

    const result = await runDeployed(deployed);

    const volumeCalls = loopback.requestsFor('DescribeVolumes');
    expect(volumeCalls.map(attemptOf)).toEqual(['1', '1', '2']);
    expect(volumeCalls.map((call) => call.input.NextToken)).toEqual([undefined, 'volumes-page-2', 'volumes-page-2']);
    const snapshotCalls = loopback.requestsFor('DescribeSnapshots');
    expect(snapshotCalls[0].input).toMatchObject({ 'Owner.1': 'self', 'MaxResults': '1000' });
    expect(snapshotCalls[1].input.NextToken).toBe('snapshots-page-2');

    // Hand check, us-east-1 prices: gp2 0.10, gp3 0.08 per GB-month, gp3 throughput 0.04 per MB/s-month, snapshots 0.05 per GB-month.
    // vol-2 500 GB: 50.00 → 40.00 + 125 MB/s × 0.04 = 45.00, saves 5.00; vol-1 100 GB: 10.00 → 8.00, saves 2.00;
    // snap-1 100 GB past retention: 5.00; unattached vol-4 50 GB gp2: 5.00. The protected and the recent snapshot: nothing.
    const report = storedReport(loopback, 'storage', SCHEDULED_TIME);
    expect(report.totals).toEqual({ count: 4, monthlySavings: '17.00', annualSavings: '204.00', upfrontCost: '0.00' });
    expect(report.totalsByType.map((totals: any) => [totals.type, totals.count, totals.monthlySavings])).toEqual([
      ['STORAGE_GP2_TO_GP3', 2, '7.00'],
      ['STORAGE_OLD_SNAPSHOT', 1, '5.00'],
      ['STORAGE_UNATTACHED_VOLUME', 1, '5.00'],
    ]);
    const ranked = report.opportunities.map((opportunity: any) =>
      [opportunity.rank, opportunity.resourceId, opportunity.monthlySavings, opportunity.risk]);
    expect(ranked).toEqual([
      [1, 'vol-0aaaaaaaaaaaaaaa2', '5.00', 'LOW'],
      [2, 'snap-0000000000000001', '5.00', 'MEDIUM'],
      [3, 'vol-0aaaaaaaaaaaaaaa4', '5.00', 'MEDIUM'],
      [4, 'vol-0aaaaaaaaaaaaaaa1', '2.00', 'LOW'],
    ]);
    expect(report.costExplorerRequests.requestCount).toBe(0);
    expect(result.costExplorerRequests).toBe(0);
    // Until @aws-sdk/client-pricing is bundled, the report says the prices are the hand-copied table's.
    expect(report.notes).toEqual([
      'EBS prices from the table copied from https://aws.amazon.com/ebs/pricing/ on 2026-11-26: the Price List API is not read by this function',
    ]);
    expect(metricsPut(loopback)).toContainEqual({ name: 'PotentialMonthlySavings', dimensions: 'Optimizer=storage,OpportunityType=STORAGE_GP2_TO_GP3', value: 7 });

    // One execution per account and day; only gp2-to-gp3 changes and snapshot deletions, never the unattached volume.
    const [execution] = loopback.requestsFor('StartExecution');
    expect(execution.input.name).toBe('storage-111122223333-2026-11-30');
    expect(execution.input.stateMachineArn).toBe(deployed.environment.APPROVAL_STATE_MACHINE_ARN);
    const input = JSON.parse(execution.input.input);
    expect(input.reportLocation).toBe(`s3://${deployed.bucket}/${expectedReportKey('storage', SCHEDULED_TIME, 'md')}`);
    expect(input.actions.map((action: any) => [action.action, action.resourceId, action.autoApprove])).toEqual([
      ['MODIFY_VOLUME_TO_GP3', 'vol-0aaaaaaaaaaaaaaa2', true],
      ['DELETE_SNAPSHOT', 'snap-0000000000000001', false],
      ['MODIFY_VOLUME_TO_GP3', 'vol-0aaaaaaaaaaaaaaa1', true],
    ]);
    expect(input.omitted).toBe(0);
    expect(result.approvalExecution).toBe(`${deployed.environment.APPROVAL_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:storage-111122223333-2026-11-30`);
  });

  test('a rerun the same day does not ask twice: ExecutionAlreadyExists is expected', async () => {
    queueInventory();
    loopback.queue('StartExecution', awsJsonError('ExecutionAlreadyExists', 'Execution Already Exists'));

    const result = await runDeployed(deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage()], approval: {} }));

    expect(result.approvalExecution).toBeUndefined();
    expect(result.monthlySavings).toBe('17.00');
    // Without an auto-approval threshold, a person decides every action.
    const input = JSON.parse(loopback.requestsFor('StartExecution')[0].input.input);
    expect(input.actions.map((action: any) => action.autoApprove)).toEqual([false, false, false]);
  });

  test('without an approval workflow nothing is routed', async () => {
    queueInventory();

    await runDeployed(deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage()] }));

    expect(loopback.requestsFor('StartExecution')).toEqual([]);
  });
});
