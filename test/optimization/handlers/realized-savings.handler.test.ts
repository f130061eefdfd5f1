/**
 * The realized-savings follow-up, as the storage run performs it: the ledger in an in-memory bucket
 * behind the loopback, the inventory from loopback EC2, the function's environment from the template.
 */
import { LocalBucket } from './local-bucket';
import { acceptOutputs, ACCOUNT, deployOptimizer, DeployedOptimizer, expectedReportKey, metricsLogged, setEnvironment } from './loopback-fixtures';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/storage.lambda';
import type { LedgerEntry } from '../../../src/runtime/optimization';
import { AwsLoopback, ec2Error, ec2Reply, s3Error, s3Reply, useLoopbackEnvironment } from '../../support/aws-loopback';

const SCHEDULED_TIME = '2026-11-30T08:00:00Z';
const PENDING = `reports/ledger/pending/${ACCOUNT}/us-east-1/`;
const SETTLED = `reports/ledger/settled/${ACCOUNT}/us-east-1/`;

let loopback: AwsLoopback;
let bucket: LocalBucket;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  deployed = deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage()], approval: {} });
  restore = [useLoopbackEnvironment(loopback.endpoint), setEnvironment(deployed.environment)];
});

beforeEach(() => {
  loopback.requests.length = 0;
  acceptOutputs(loopback);
  // Two keys a listing page, so five pending changes take three pages.
  bucket = new LocalBucket(loopback, 2);
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

/** A change as the executor recorded it; requested an hour before it ran. */
function executed(change: LedgerEntry['change'], resourceId: string, sizeGb: number, expectedMonthlySavings: string, accountId = ACCOUNT): LedgerEntry {
  return {
    opportunityId: `ec2-inventory:${resourceId}`,
    change,
    resourceId,
    accountId,
    region: 'us-east-1',
    requestedAt: '2026-11-23T09:00:00.000Z',
    executedAt: '2026-11-23T10:00:00.000Z',
    sizeGb,
    expectedMonthlySavings,
    priceBasis: 'EBS prices from the table copied from https://aws.amazon.com/ebs/pricing/ on 2026-11-26 (us-east-1 prices)',
    approvedBy: 'policy',
  };
}

function record(entry: LedgerEntry): void {
  bucket.objects.set(`reports/ledger/pending/${entry.accountId}/${entry.region}/${entry.change}-${entry.resourceId}.json`, JSON.stringify(entry));
}

const volume = (id: string, type: string, size: number, iops = 3000, throughput = 125) =>
  `<item><volumeId>${id}</volumeId><size>${size}</size><volumeType>${type}</volumeType><iops>${iops}</iops><throughput>${throughput}</throughput>`
  + '<status>in-use</status><attachmentSet><item><instanceId>i-1</instanceId><status>attached</status></item></attachmentSet></item>';

function inventory(volumes: string[], snapshots: string[] = []): void {
  loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', `<volumeSet>${volumes.join('')}</volumeSet>`));
  loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', `<snapshotSet>${snapshots.join('')}</snapshotSet>`));
}

async function run() {
  return handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
}

function storedObject(key: string): string {
  const body = bucket.objects.get(key);
  if (body === undefined) throw new Error(`nothing under ${key}`);
  return body;
}

describe('realized-savings follow-up in the storage run', () => {
  test('confirms to the cent, finds reverted, resized and gone resources not realized, and reads every listing page', async () => {
    // 2,000 GB: gp2 200.00; gp3 160.00 + 3,000 extra IOPS x 0.005 = 15.00 + 125 extra MB/s x 0.04 = 5.00: saves 20.00.
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0aaa', 2000, '20'));
    // Snapshot of 100 GB at 0.05: 5.00.
    record(executed('DELETE_SNAPSHOT', 'snap-0bbb', 100, '5'));
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0ccc', 500, '5'));
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0ddd', 500, '5'));
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0eee', 500, '5'));
    // Another account's change: not this run's to settle.
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0fff', 500, '5', '444455556666'));
    inventory([
      volume('vol-0aaa', 'gp3', 2000, 6000, 250),
      volume('vol-0ccc', 'gp2', 500, 1500, 0),
      volume('vol-0ddd', 'gp3', 800, 3000, 250),
    ]);

    await run();

    const listings = loopback.requestsFor('ListObjectsV2');
    expect(listings.map((request) => request.query.prefix)).toEqual([PENDING, PENDING, PENDING]);
    expect(listings.map((request) => request.query['continuation-token'])).toEqual([undefined, '2', '4']);
    const report = JSON.parse(storedObject(expectedReportKey('storage', SCHEDULED_TIME)));
    const section = report.realizedSavings;
    expect(section.confirmed.map((change: any) => [change.resourceId, change.status, change.realizedMonthlySavings])).toEqual([
      ['snap-0bbb', 'CONFIRMED', '5.00'],
      ['vol-0aaa', 'CONFIRMED', '20.00'],
    ]);
    expect(section.notRealized.map((change: any) => [change.resourceId, change.reason])).toEqual([
      ['vol-0ccc', 'the volume is gp2 again: the change was reverted'],
      ['vol-0ddd', 'the volume was resized from 500 to 800 GiB: the saving can no longer be told apart'],
      ['vol-0eee', 'the volume is gone: deleted since the change, its saving is no longer the change\'s'],
    ]);
    expect(section).toMatchObject({ realizedMonthlySavings: '25.00', successRatePercentage: '40.00', timeToImplementSeconds: [3600, 3600, 3600, 3600, 3600] });
    expect(section.confirmed[1].realizedPriceBasis).toMatch(/^EBS prices from the table copied from https:\/\/aws.amazon.com\/ebs\/pricing\//);
    const markdown = storedObject(expectedReportKey('storage', SCHEDULED_TIME, 'md'));
    expect(markdown).toContain('## Realized savings\n\n2 executed changes confirmed since the last report, realizing 25.00 USD/month; 3 not realized (success rate 40.00%).');
    expect(markdown).toContain('- vol-0ccc (MODIFY_VOLUME_TO_GP3, executed 2026-11-23T10:00:00.000Z, expected 5 USD/month): not realized, the volume is gp2 again');
    const storageMetrics = metricsLogged().filter((datum) => ['RealizedMonthlySavings', 'SuccessRate', 'TimeToImplement'].includes(datum.name));
    expect(storageMetrics).toEqual([
      { name: 'RealizedMonthlySavings', dimensions: 'Optimizer=storage', value: 25 },
      { name: 'SuccessRate', dimensions: 'Optimizer=storage', value: 40 },
      ...Array(5).fill({ name: 'TimeToImplement', dimensions: 'Optimizer=storage', value: 3600 }),
    ]);
    // Settled once the report is written: out of pending, kept under settled; the other account's change untouched.
    expect(bucket.keysUnder(PENDING)).toEqual([]);
    expect(bucket.keysUnder(SETTLED)).toHaveLength(5);
    expect(JSON.parse(storedObject(`${SETTLED}MODIFY_VOLUME_TO_GP3-vol-0aaa-20261123T100000000Z.json`))).toMatchObject({
      status: 'CONFIRMED', realizedMonthlySavings: '20.00', expectedMonthlySavings: '20',
    });
    expect(bucket.keysUnder('reports/ledger/pending/444455556666/')).toHaveLength(1);
  });

  test('a snapshot still there is not realized; a volume raised to more IOPS realizes less than expected', async () => {
    record(executed('DELETE_SNAPSHOT', 'snap-0bbb', 100, '5'));
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0aaa', 2000, '20'));
    // 4,000 more IOPS than the change set: 20.00 less saved; 2,000 more still cost 10.00, so 10.00 remain.
    inventory([volume('vol-0aaa', 'gp3', 2000, 8000, 250)], ['<item><snapshotId>snap-0bbb</snapshotId><status>completed</status><volumeSize>100</volumeSize></item>']);

    await run();

    const section = JSON.parse(storedObject(expectedReportKey('storage', SCHEDULED_TIME))).realizedSavings;
    expect(section.confirmed.map((change: any) => [change.resourceId, change.realizedMonthlySavings])).toEqual([['vol-0aaa', '10.00']]);
    expect(section.notRealized.map((change: any) => [change.resourceId, change.reason])).toEqual([['snap-0bbb', 'the snapshot still exists']]);
  });

  test('when the inventory fails nothing is settled on a partial view: the changes wait for the next run', async () => {
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0aaa', 2000, '20'));
    loopback.queue('DescribeVolumes', ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403));
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', '<snapshotSet></snapshotSet>'));

    await run();

    const section = JSON.parse(storedObject(expectedReportKey('storage', SCHEDULED_TIME))).realizedSavings;
    expect(section).toMatchObject({ confirmed: [], notRealized: [], pending: 1, realizedMonthlySavings: '0.00' });
    expect(section.successRatePercentage).toBeUndefined();
    expect(bucket.keysUnder(PENDING)).toHaveLength(1);
    expect(metricsLogged().filter((datum) => datum.name === 'SuccessRate')).toEqual([]);
    expect(storedObject(expectedReportKey('storage', SCHEDULED_TIME, 'md'))).toContain('1 still waiting for a follow-up.');
  });

  test('a change the executor made again while the run settled it stays pending for the next run', async () => {
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0aaa', 2000, '20'));
    inventory([volume('vol-0aaa', 'gp3', 2000, 6000, 250)]);
    const pending = `${PENDING}MODIFY_VOLUME_TO_GP3-vol-0aaa.json`;
    const again = { ...executed('MODIFY_VOLUME_TO_GP3', 'vol-0aaa', 2000, '20'), executedAt: '2026-11-30T07:59:00.000Z' };
    loopback.on('PutObject', (request) => {
      bucket.objects.set(request.input.Key, request.rawBody);
      // The executor records the same change of the same volume again as the run writes the settled entry.
      if (String(request.input.Key).startsWith(SETTLED)) bucket.objects.set(pending, JSON.stringify(again));
      return s3Reply('', { ETag: '"etag"' });
    });

    await run();

    expect(bucket.keysUnder(SETTLED)).toHaveLength(1);
    expect(JSON.parse(storedObject(pending)).executedAt).toBe('2026-11-30T07:59:00.000Z');
  });

  test('a failed report write settles nothing', async () => {
    record(executed('MODIFY_VOLUME_TO_GP3', 'vol-0aaa', 2000, '20'));
    inventory([volume('vol-0aaa', 'gp3', 2000, 6000, 250)]);
    // The bucket refuses every write, the report's first.
    loopback.on('PutObject', () => s3Error('AccessDenied', 'Access Denied', 403));

    await expect(run()).rejects.toThrow(/Access Denied/);

    expect(bucket.keysUnder(PENDING)).toHaveLength(1);
    expect(bucket.keysUnder(SETTLED)).toEqual([]);
  });
});
