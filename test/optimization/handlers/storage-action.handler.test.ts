import { App, Stack } from 'aws-cdk-lib';
import { LocalBucket } from './local-bucket';
import { attemptOf, setEnvironment } from './loopback-fixtures';
import { firstEbsPriceListRequest, getProductsReply, PRICE_LIST_SIGNATURE, priceListEntries } from './price-list-loopback';
import { OptimizationPipeline, Optimizer } from '../../../src/optimization';
import type { ApprovalWorkflow } from '../../../src/optimization/private/approval-workflow';
import { handler as executorHandler, type StorageActionEvent } from '../../../src/optimization/storage-action.lambda';
import { EBS_PRICES } from '../../../src/runtime/optimization';
import type { StorageActionRequest } from '../../../src/runtime/optimization-handlers/approval';
import { openApproval, readTierRules, recordDecision, tierFor, type ApprovalState } from '../../../src/runtime/optimization-handlers/approval-tiers';
import { POLICY_APPROVAL_MARKER, type ActionOutcome } from '../../../src/runtime/optimization-handlers/storage-actions';
import { AwsLoopback, awsJsonError, ec2Error, ec2Reply, useLoopbackEnvironment } from '../../support/aws-loopback';
import { DeployedTemplate } from '../../support/deployed';

/** The executor as Lambda invokes it: the context names its account, which the ledger records changes under. */
const handler = (event: StorageActionEvent) => executorHandler(event, { invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:executor' });

const ROLE_A = 'arn:aws:iam::111122223333:role/ApproverA';
const ROLE_B = 'arn:aws:iam::111122223333:role/ApproverB';
const ALICE = 'arn:aws:sts::111122223333:assumed-role/ApproverA/alice';
const BOB = 'arn:aws:sts::111122223333:assumed-role/ApproverB/bob';

/** The executor's environment as the template gives it: one approver below 100 USD a month, two from 100. */
function executorEnvironment(): Record<string, string> {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.storage({ snapshotRetentionDays: 30 })],
    approval: {
      autoApproveBelowMonthlySavings: 20,
      tiers: [{ approvers: [ROLE_A, ROLE_B] }, { minMonthlySavings: 100, requiredApprovers: 2, approvers: [ROLE_A, ROLE_B] }],
    },
  });
  return DeployedTemplate.of(stack).functionEnvironment((pipeline.node.findChild('Approval') as ApprovalWorkflow).executor);
}

/** An approval as the workflow's tally would have carried it: each signer approved in turn, in the tier of `monthlySavings`. */
function approvedBy(monthlySavings: string, kind: StorageActionRequest['action'], ...signers: string[]): ApprovalState {
  const tier = tierFor(readTierRules(process.env), kind, monthlySavings);
  return signers.reduce((state, signer) => recordDecision(state, { decision: 'APPROVE', decidedBy: signer, comment: '', decidedAt: '2026-12-01T00:00:00Z' }),
    { ...openApproval(tier), status: 'PENDING' } as ApprovalState);
}

let loopback: AwsLoopback;
let bucket: LocalBucket;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  bucket = new LocalBucket(loopback);
  restore = [
    useLoopbackEnvironment(loopback.endpoint),
    setEnvironment(executorEnvironment()),
  ];
});

/** The Price List as the executor reads it in most tests: us-east-1 at the hand-copied table's prices, so the figures below are the table's. */
const TABLE_PRICE_LIST = getProductsReply(priceListEntries('us-east-1', EBS_PRICES['us-east-1']));

beforeEach(() => {
  loopback.requests.length = 0;
  bucket.objects.clear();
  loopback.on('GetProducts', TABLE_PRICE_LIST);
});

/** What the executor did to EC2 and S3, leaving out the Price List reads each decision on an unprotected resource makes. */
const changeOperations = () => loopback.requests.map((request) => request.operation).filter((operation) => operation !== 'GetProducts');

const PRICE_LIST_NOTE = 'EBS prices for us-east-1 from the AWS Price List API (GetProducts)';

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

let PERSON: ApprovalState;
beforeAll(() => {
  PERSON = approvedBy('5.00', 'MODIFY_VOLUME_TO_GP3', ALICE);
});

function action(kind: StorageActionRequest['action'], resourceId: string): StorageActionRequest {
  return {
    opportunityId: `ec2-inventory:${resourceId}`, action: kind, resourceId, region: 'us-east-1', monthlySavings: '5.00', risk: 'LOW' as any, autoApprove: false, description: '',
  };
}

const volumeXml = (type: string, size: number, tags = '') =>
  `<volumeSet><item><volumeId>vol-1</volumeId><size>${size}</size><volumeType>${type}</volumeType><status>in-use</status>${tags}</item></volumeSet>`;
const snapshotXml = (tags: string, startTime = '2020-01-01T00:00:00.000Z') =>
  `<snapshotSet><item><snapshotId>snap-1</snapshotId><status>completed</status><startTime>${startTime}</startTime><volumeSize>100</volumeSize>${tags}</item></snapshotSet>`;
const backup = ec2Reply('CreateSnapshot', '<snapshotId>snap-0bac</snapshotId><volumeId>vol-1</volumeId><status>pending</status>');
const modified = ec2Reply('ModifyVolume', '<volumeModification><volumeId>vol-1</volumeId><modificationState>modifying</modificationState></volumeModification>');

describe('storage action executor over the loopback', () => {
  test('snapshots, then changes a gp2 volume a person approved to gp3 with the performance the finding priced', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500)));
    loopback.queue('CreateSnapshot', backup);
    loopback.queue('ModifyVolume', modified);

    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).resolves.toEqual({
      opportunityId: 'ec2-inventory:vol-1',
      resourceId: 'vol-1',
      change: 'MODIFY_VOLUME_TO_GP3',
      outcome: 'EXECUTED',
      approvedBy: ROLE_A,
      backupSnapshotId: 'snap-0bac',
      verificationPending: true,
      verificationAttempts: 0,
    });
    expect(changeOperations()).toEqual(['DescribeVolumes', 'CreateSnapshot', 'ModifyVolume', 'PutObject']);
    expect(loopback.requestsFor('DescribeVolumes')[0].input['VolumeId.1']).toBe('vol-1');
    // Recorded for the follow-up once the change is made: 500 GB gp2 50.00 against gp3 40.00 + 125 MB/s x 0.04, the saving recomputed live.
    const pending = bucket.keysUnder('reports/ledger/pending/');
    expect(pending).toEqual(['reports/ledger/pending/111122223333/us-east-1/MODIFY_VOLUME_TO_GP3-vol-1.json']);
    expect(JSON.parse(bucket.objects.get(pending[0])!)).toEqual({
      opportunityId: 'ec2-inventory:vol-1',
      change: 'MODIFY_VOLUME_TO_GP3',
      resourceId: 'vol-1',
      accountId: '111122223333',
      region: 'us-east-1',
      executedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      sizeGb: 500,
      expectedMonthlySavings: '5',
      priceBasis: PRICE_LIST_NOTE,
      approvedBy: ROLE_A,
    });
    expect(loopback.requestsFor('CreateSnapshot')[0].input).toMatchObject({
      'VolumeId': 'vol-1',
      'TagSpecification.1.ResourceType': 'snapshot',
      'TagSpecification.1.Tag.1.Key': 'finops:action',
      'TagSpecification.1.Tag.1.Value': 'backup-before-gp3',
      'TagSpecification.1.Tag.2.Value': 'ec2-inventory:vol-1',
    });
    expect(loopback.requestsFor('ModifyVolume')[0].input).toMatchObject({ VolumeId: 'vol-1', VolumeType: 'gp3', Iops: '3000', Throughput: '250' });
  });

  test('a tier needing two distinct approvers: one approval, or the same principal twice, changes nothing', async () => {
    // 10000 GB gp2 in us-east-1 saves 130 USD/month: the two-approver tier, whatever the input claimed.
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 10000)));
    const once = approvedBy('5.00', 'MODIFY_VOLUME_TO_GP3', ALICE);
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: once })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: expect.stringMatching(/^tier 2 .* needs 2 distinct approvers; 1 approved$/),
    });
    // A forged tally that claims two approvals by two sessions of one role still counts one principal.
    const twice: ApprovalState = {
      ...once,
      approvedBy: [ROLE_A, 'arn:aws:iam::111122223333:role/Other'],
      decisions: [...once.decisions, { ...once.decisions[0], decidedBy: 'arn:aws:sts::111122223333:assumed-role/ApproverA/mallory' }],
    };
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 10000)));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: twice })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: expect.stringMatching(/needs 2 distinct approvers; 1 approved$/),
    });
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 10000)));
    loopback.queue('CreateSnapshot', backup);
    loopback.queue('ModifyVolume', modified);
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: approvedBy('150', 'MODIFY_VOLUME_TO_GP3', ALICE, BOB) })).resolves.toMatchObject({
      outcome: 'EXECUTED', approvedBy: `${ROLE_A}, ${ROLE_B}`,
    });
    expect(loopback.requestsFor('ModifyVolume')).toHaveLength(1);
  });

  test('verifies a modification: optimizing toward gp3 is verified, failed is reported, modifying is looked at again', async () => {
    const executed: ActionOutcome = {
      opportunityId: 'ec2-inventory:vol-1', resourceId: 'vol-1', change: 'MODIFY_VOLUME_TO_GP3', outcome: 'EXECUTED', verificationPending: true, verificationAttempts: 0,
    };
    const modification = (state: string, extra = '') => ec2Reply('DescribeVolumesModifications',
      `<volumeModificationSet><item><volumeId>vol-1</volumeId><modificationState>${state}</modificationState><targetVolumeType>gp3</targetVolumeType>`
      + `<originalVolumeType>gp2</originalVolumeType><startTime>2026-12-01T00:00:00.000Z</startTime>${extra}</item></volumeModificationSet>`);
    loopback.queue('DescribeVolumesModifications', modification('modifying'));
    const pending = await handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), verify: executed });
    expect(pending).toMatchObject({ outcome: 'EXECUTED', verificationPending: true, verificationAttempts: 1, modificationState: 'modifying' });
    loopback.queue('DescribeVolumesModifications', modification('optimizing'));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), verify: pending })).resolves.toMatchObject({
      outcome: 'VERIFIED', verificationPending: false, verificationAttempts: 2, modificationState: 'optimizing',
    });
    loopback.queue('DescribeVolumesModifications', modification('failed', '<statusMessage>Volume modification failed</statusMessage>'));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), verify: executed })).resolves.toMatchObject({
      outcome: 'FAILED', reason: 'the modification failed: Volume modification failed',
    });
    expect(loopback.requestsFor('DescribeVolumesModifications')[0].input['VolumeId.1']).toBe('vol-1');
    expect(loopback.requests.filter((request) => request.operation !== 'DescribeVolumesModifications')).toEqual([]);
  });

  test('a volume of a protected workload is never changed, whoever approved it', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500, '<tagSet><item><key>environment</key><value>Production</value></item></tagSet>')));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).resolves.toMatchObject({
      outcome: 'SKIPPED_PROTECTED', reason: 'the resource is protected (environment=Production)',
    });
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('<tagSet><item><key>critical</key><value></value></item></tagSet>')));
    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: approvedBy('1', 'DELETE_SNAPSHOT', ALICE) })).resolves.toMatchObject({
      outcome: 'SKIPPED_PROTECTED', reason: 'the resource is protected (critical)',
    });
    expect(changeOperations()).toEqual(['DescribeVolumes', 'DescribeSnapshots']);
    // Nothing to decide, nothing to price: the Price List is read only for an unprotected resource.
    expect(loopback.requestsFor('GetProducts')).toEqual([]);
  });

  test('a policy approval holds when the saving recomputed from the live volume is below the threshold', async () => {
    // 100 GB gp2 at 0.10 vs gp3 at 0.08 in us-east-1: 2.00 USD/month, below 20.
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 100)));
    loopback.queue('CreateSnapshot', backup);
    loopback.queue('ModifyVolume', modified);
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({ outcome: 'EXECUTED', approvedBy: 'policy' });
  });

  test('a policy approval is refused when the live volume saves too much, whatever the input claimed', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 2000)));
    await expect(handler({ action: { ...action('MODIFY_VOLUME_TO_GP3', 'vol-1'), monthlySavings: '1.00' }, approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: expect.stringMatching(/saves 20.00 USD\/month, not less than the 20/),
    });
    expect(loopback.requestsFor('ModifyVolume')).toEqual([]);
  });

  test('the threshold is priced at the Price List\'s current prices: a change the table would price at the threshold is approved below it', async () => {
    // gp2 at 0.0995 in the Price List rather than the table's 0.10: 2000 GB gp2 199.00 against gp3 160.00 + 250 MB/s x 0.04 = 170.00
    // saves 19.00, below 20 (at the table's prices it saves 20.00 and is refused, see above).
    loopback.on('GetProducts', getProductsReply(priceListEntries('us-east-1', { ...EBS_PRICES['us-east-1'], gp2PerGbMonth: '0.0995' })));
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 2000)));
    loopback.queue('CreateSnapshot', backup);
    loopback.queue('ModifyVolume', modified);

    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({ outcome: 'EXECUTED', approvedBy: 'policy' });

    // Every EBS product family of us-east-1, paged, from the Price List's us-east-1 endpoint with the function's own credentials.
    const calls = loopback.requestsFor('GetProducts');
    expect(calls[0].headers.authorization).toMatch(PRICE_LIST_SIGNATURE);
    expect(calls[0].input).toEqual(firstEbsPriceListRequest('us-east-1'));
    expect(calls.map((call) => call.input.Filters[1].Value)).toEqual([
      'Storage', 'Storage', 'Storage', 'Storage', 'System Operation', 'System Operation', 'System Operation', 'Provisioned Throughput', 'Storage Snapshot',
    ]);
    expect(changeOperations()).toEqual(['DescribeVolumes', 'CreateSnapshot', 'ModifyVolume', 'PutObject']);
    expect(JSON.parse(bucket.objects.get('reports/ledger/pending/111122223333/us-east-1/MODIFY_VOLUME_TO_GP3-vol-1.json')!)).toMatchObject({
      sizeGb: 2000, expectedMonthlySavings: '19', priceBasis: PRICE_LIST_NOTE, approvedBy: 'policy',
    });
  });

  test('a throttled Price List falls back to the hand-copied table after the SDK\'s retries, and the ledger says so', async () => {
    loopback.on('GetProducts', () => awsJsonError('ThrottlingException', 'Rate exceeded'));
    // At the table's prices 2000 GB saves 20.00: not below the threshold.
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 2000)));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: expect.stringMatching(/saves 20.00 USD\/month, not less than the 20/),
    });
    expect(loopback.requestsFor('GetProducts').map(attemptOf)).toEqual(['1', '2', '3']);

    // A person's approval still runs, recorded at the table's prices with the reason.
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500)));
    loopback.queue('CreateSnapshot', backup);
    loopback.queue('ModifyVolume', modified);
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).resolves.toMatchObject({ outcome: 'EXECUTED' });
    expect(JSON.parse(bucket.objects.get('reports/ledger/pending/111122223333/us-east-1/MODIFY_VOLUME_TO_GP3-vol-1.json')!)).toMatchObject({
      expectedMonthlySavings: '5',
      priceBasis: 'EBS prices from the table copied from https://aws.amazon.com/ebs/pricing/ on 2026-11-26: the Price List API failed (ThrottlingException: Rate exceeded)',
    });
  });

  test('a policy approval never deletes a snapshot, and nothing without an approval is done', async () => {
    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: 'only gp2-to-gp3 changes are ever approved by policy',
    });
    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: { approved: true } })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: 'the action carries no approval',
    });
    await expect(handler({ action: { ...action('DELETE_SNAPSHOT', 'snap-1'), region: 'eu-west-1' }, approval: PERSON })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: 'the action is in eu-west-1; this executor changes us-east-1 only',
    });
    expect(loopback.requests).toEqual([]);
  });

  test('skips a volume that is no longer gp2, or carries the protection tag', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp3', 500)));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).resolves.toMatchObject({ outcome: 'SKIPPED', reason: 'the volume is gp3 now, not gp2' });
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500, '<tagSet><item><key>finops:retain</key><value>x</value></item></tagSet>')));
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).resolves.toMatchObject({
      outcome: 'SKIPPED_PROTECTED', reason: 'the resource is protected (finops:retain)',
    });
    expect(loopback.requestsFor('ModifyVolume')).toEqual([]);
    // Nothing changed, nothing to confirm.
    expect(bucket.objects.size).toBe(0);
  });

  test('without the invocation context (which names the account) nothing is changed: the change could not be recorded', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500)));
    await expect(executorHandler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).rejects.toThrow(/names the account/);
    expect(loopback.requests).toEqual([]);
  });

  test('deletes an approved snapshot past retention that still carries no protection tag', async () => {
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('')));
    loopback.queue('DeleteSnapshot', ec2Reply('DeleteSnapshot', '<return>true</return>'));

    await expect(executorHandler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: PERSON, requestedAt: '2026-11-30T08:00:00.000Z' }, {
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:executor',
    })).resolves.toMatchObject({ outcome: 'EXECUTED', approvedBy: ROLE_A });
    expect(loopback.requestsFor('DeleteSnapshot')[0].input.SnapshotId).toBe('snap-1');
    // 100 GB of snapshot at 0.05 per GB-month; the approval request's time travels with the record.
    expect(JSON.parse(bucket.objects.get('reports/ledger/pending/111122223333/us-east-1/DELETE_SNAPSHOT-snap-1.json')!)).toMatchObject({
      change: 'DELETE_SNAPSHOT', sizeGb: 100, expectedMonthlySavings: '5', requestedAt: '2026-11-30T08:00:00.000Z',
    });
  });

  test('a snapshot within retention by the real clock is kept, even when approved', async () => {
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('', new Date(Date.now() - 3 * 86_400_000).toISOString())));
    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: PERSON })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: 'the snapshot is 3 days old, within the 30-day retention',
    });
    expect(loopback.requestsFor('DeleteSnapshot')).toEqual([]);
  });

  test('re-checks the protection tag right before deleting and skips a snapshot tagged since approval', async () => {
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('<tagSet><item><key>finops:retain</key><value>audit</value></item></tagSet>')));

    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: PERSON })).resolves.toMatchObject({
      outcome: 'SKIPPED_PROTECTED', reason: 'the resource is protected (finops:retain)',
    });
    expect(loopback.requestsFor('DeleteSnapshot')).toEqual([]);
  });

  test('a snapshot deleted meanwhile is skipped, not an error', async () => {
    loopback.queue('DescribeSnapshots', ec2Error('InvalidSnapshot.NotFound', 'The snapshot \'snap-1\' does not exist.'));

    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: PERSON })).resolves.toMatchObject({ outcome: 'SKIPPED', reason: 'the snapshot no longer exists' });
  });

  test('anything else is refused', async () => {
    await expect(handler({ action: { ...action('DELETE_SNAPSHOT', 'i-1'), action: 'TERMINATE_INSTANCE' as any }, approval: PERSON })).rejects.toThrow(/Unknown storage action "TERMINATE_INSTANCE"/);
    expect(loopback.requests).toEqual([]);
  });
});
