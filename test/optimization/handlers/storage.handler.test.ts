import { readFileSync } from 'fs';
import { join } from 'path';
import {
  acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, expectedReportKey, metricsLogged, setEnvironment, storedReport,
} from './loopback-fixtures';
import { firstEbsPriceListRequest, getProductsReply, PRICE_LIST_SIGNATURE, priceListEntries } from './price-list-loopback';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/storage.lambda';
import { EBS_PRICES } from '../../../src/runtime/optimization';
import { AwsLoopback, awsJsonError, awsJsonReply, ec2Error, ec2Reply, s3Error, s3Reply, useLoopbackEnvironment } from '../../support/aws-loopback';

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

/** The Price List at the table's us-east-1 prices, so the hand checks below hold whichever source prices them. */
const US_EAST_1_PRICE_LIST = priceListEntries('us-east-1', EBS_PRICES['us-east-1']);

beforeEach(() => {
  loopback.requests.length = 0;
  acceptOutputs(loopback);
  loopback.on('GetProducts', getProductsReply(US_EAST_1_PRICE_LIST));
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
    expect(report.notes).toEqual(['EBS prices for us-east-1 from the AWS Price List API (GetProducts)']);
    expect(metricsLogged()).toContainEqual({ name: 'PotentialMonthlySavings', dimensions: 'Optimizer=storage,OpportunityType=STORAGE_GP2_TO_GP3', value: 7 });

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

describe('storage handler pricing from the AWS Price List over the loopback', () => {
  test('the Price List\'s current prices price the findings: every EBS product family, paged, in us-east-1 with the function\'s credentials', async () => {
    // gp2 at 0.11 rather than the table's 0.10: savings only the Price List can explain.
    const priceList = priceListEntries('us-east-1', { ...EBS_PRICES['us-east-1'], gp2PerGbMonth: '0.11' });
    loopback.on('GetProducts', getProductsReply(priceList));
    queueInventory();

    const result = await runDeployed(deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage()] }));

    const calls = loopback.requestsFor('GetProducts');
    expect(calls[0].headers['x-amz-target']).toBe('AWSPriceListService.GetProducts');
    expect(calls[0].headers.authorization).toMatch(PRICE_LIST_SIGNATURE);
    expect(calls[0].input).toEqual(firstEbsPriceListRequest('us-east-1'));
    // Storage has 7 products (4 pages of 2), System Operation 5 (3 pages), throughput and snapshots one page each.
    expect(calls.map((call) => [call.input.Filters[1].Value, call.input.NextToken ?? null])).toEqual([
      ['Storage', null], ['Storage', '2'], ['Storage', '4'], ['Storage', '6'],
      ['System Operation', null], ['System Operation', '2'], ['System Operation', '4'],
      ['Provisioned Throughput', null],
      ['Storage Snapshot', null],
    ]);
    // Hand check at gp2 0.11: vol-2 500 GB 55.00 → 45.00 saves 10.00; vol-1 100 GB 11.00 → 8.00 saves 3.00;
    // unattached vol-4 50 GB gp2 5.50; snap-1 100 GB 5.00 (snapshots unchanged).
    const report = storedReport(loopback, 'storage', SCHEDULED_TIME);
    expect(report.notes).toEqual(['EBS prices for us-east-1 from the AWS Price List API (GetProducts)']);
    expect(report.totals.monthlySavings).toBe('23.50');
    expect(result.monthlySavings).toBe('23.50');
    expect(result.failedSources).toEqual([]);
  });

  test('a throttled Price List falls back to the hand-copied table, after the SDK\'s retries, and the note says so', async () => {
    loopback.on('GetProducts', () => awsJsonError('ThrottlingException', 'Rate exceeded'));
    queueInventory();

    const result = await runDeployed(deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage()] }));

    expect(loopback.requestsFor('GetProducts').map(attemptOf)).toEqual(['1', '2', '3']);
    const report = storedReport(loopback, 'storage', SCHEDULED_TIME);
    expect(report.notes).toEqual([
      'EBS prices from the table copied from https://aws.amazon.com/ebs/pricing/ on 2026-11-26: the Price List API failed (ThrottlingException: Rate exceeded)',
    ]);
    expect(report.totals.monthlySavings).toBe('17.00');
    expect(result.failedSources).toEqual([]);
  });
});

describe('storage handler reading S3 buckets over the loopback', () => {
  const GIB = 1024 ** 3;
  const bucketsPage = (names: string[], continuationToken?: string) => s3Reply(
    '<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Buckets>'
    + names.map((name) => `<Bucket><Name>${name}</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate><BucketRegion>us-east-1</BucketRegion></Bucket>`).join('')
    + '</Buckets><Owner><ID>owner</ID></Owner>'
    + (continuationToken ? `<ContinuationToken>${continuationToken}</ContinuationToken>` : '')
    + '<Prefix></Prefix></ListAllMyBucketsResult>');
  const expiringLogs = '<LifecycleConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Rule><ID>expire</ID><Filter><Prefix></Prefix></Filter>'
    + '<Status>Enabled</Status><Expiration><Days>30</Days></Expiration></Rule></LifecycleConfiguration>';
  // Daily points, newest last here: the source must pick the newest, not the first.
  const daily = (id: string, older: number, newer: number) => ({
    Id: id, Label: id, StatusCode: 'Complete', Timestamps: [1764288000, 1764374400], Values: [older, newer],
  });

  test('names the buckets without lifecycle rules whose objects average at least 128 KiB, from paged buckets and daily metrics', async () => {
    const pipeline = deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage({ s3IntelligentTiering: true })] });
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', '<volumeSet/>'));
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', '<snapshotSet/>'));
    loopback.queue('ListBuckets', bucketsPage(['media', 'logs'], 'buckets-page-2'), bucketsPage(['thumbnails']));
    loopback.on('GetBucketLifecycleConfiguration', (request) => (request.input.Bucket === 'logs'
      ? s3Reply(expiringLogs)
      : s3Error('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404)));
    loopback.queue('GetMetricData', awsJsonReply({
      MetricDataResults: [
        daily('size_0', 400 * GIB, 500 * GIB), daily('count_0', 900_000, 1_000_000),
        daily('size_1', 800 * GIB, 900 * GIB), daily('count_1', 100, 100),
        daily('size_2', 20 * GIB, 20 * GIB), daily('count_2', 10_000_000, 10_000_000),
      ],
    }));

    const result = await runDeployed(pipeline);

    expect(loopback.requestsFor('ListBuckets').map((request) => [request.query['bucket-region'], request.query['continuation-token']]))
      .toEqual([['us-east-1', undefined], ['us-east-1', 'buckets-page-2']]);
    expect(loopback.requestsFor('GetBucketLifecycleConfiguration').map((request) => request.input.Bucket)).toEqual(['media', 'logs', 'thumbnails']);
    const [metrics] = loopback.requestsFor('GetMetricData');
    const dailyAverageOf = (id: string, metricName: string, storageType: string) => ({
      Id: id,
      MetricStat: {
        Metric: { Namespace: 'AWS/S3', MetricName: metricName, Dimensions: [{ Name: 'BucketName', Value: 'media' }, { Name: 'StorageType', Value: storageType }] },
        Period: 86400,
        Stat: 'Average',
      },
    });
    expect(metrics.input.MetricDataQueries.slice(0, 2)).toEqual([
      dailyAverageOf('size_0', 'BucketSizeBytes', 'StandardStorage'),
      dailyAverageOf('count_0', 'NumberOfObjects', 'AllStorageTypes'),
    ]);
    expect(metrics.input.MetricDataQueries).toHaveLength(6);

    // media: 500 GiB / 1,000,000 objects = 524 KiB: a candidate. logs has lifecycle rules; thumbnails average 2 KiB.
    const report = storedReport(loopback, 'storage', SCHEDULED_TIME);
    expect(report.notes.slice(1)).toEqual([expect.stringMatching(
      /^S3 bucket media: 500\.00 GiB in S3 Standard, 1000000 objects averaging 524 KiB, no lifecycle rules: consider S3 Intelligent-Tiering/)]);
    expect(report.totals.count).toBe(0);
    expect(result.failedSources).toEqual([]);
  });

  test('a bucket source that fails is named, and the EBS findings still come', async () => {
    const pipeline = deployOptimizer(OptimizerKind.STORAGE, { optimizers: [Optimizer.storage({ s3IntelligentTiering: true })] });
    queueInventory();
    loopback.queue('ListBuckets', s3Error('AccessDenied', 'Access Denied', 403));

    const result = await runDeployed(pipeline);

    expect(result.failedSources).toEqual(['S3 ListBuckets and GetBucketLifecycleConfiguration, CloudWatch GetMetricData']);
    expect(storedReport(loopback, 'storage', SCHEDULED_TIME).totals.count).toBe(4);
  });
});
