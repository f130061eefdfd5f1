import { setEnvironment } from './loopback-fixtures';
import { handler } from '../../../src/optimization/storage-action.lambda';
import type { StorageActionRequest } from '../../../src/runtime/optimization-handlers/approval';
import { POLICY_APPROVAL_MARKER } from '../../../src/runtime/optimization-handlers/storage-actions';
import { AwsLoopback, ec2Error, ec2Reply, useLoopbackEnvironment } from '../../support/aws-loopback';

let loopback: AwsLoopback;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [
    useLoopbackEnvironment(loopback.endpoint),
    setEnvironment({ PROTECTION_TAG_KEY: 'finops:retain', SNAPSHOT_RETENTION_DAYS: '30', AUTO_APPROVAL_MAX_MONTHLY_SAVINGS: '20' }),
  ];
});

beforeEach(() => {
  loopback.requests.length = 0;
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

const PERSON = { approved: true, approvedBy: 'arn:aws:sts::111122223333:assumed-role/Approver/alice', comment: 'ok', decidedAt: '2026-12-01T00:00:00Z' };

function action(kind: StorageActionRequest['action'], resourceId: string): StorageActionRequest {
  return {
    opportunityId: `ec2-inventory:${resourceId}`, action: kind, resourceId, region: 'us-east-1', monthlySavings: '5.00', risk: 'LOW' as any, autoApprove: false, description: '',
  };
}

const volumeXml = (type: string, size: number, tags = '') =>
  `<volumeSet><item><volumeId>vol-1</volumeId><size>${size}</size><volumeType>${type}</volumeType><status>in-use</status>${tags}</item></volumeSet>`;
const snapshotXml = (tags: string, startTime = '2020-01-01T00:00:00.000Z') =>
  `<snapshotSet><item><snapshotId>snap-1</snapshotId><status>completed</status><startTime>${startTime}</startTime><volumeSize>100</volumeSize>${tags}</item></snapshotSet>`;
const modified = ec2Reply('ModifyVolume', '<volumeModification><volumeId>vol-1</volumeId><modificationState>modifying</modificationState></volumeModification>');

describe('storage action executor over the loopback', () => {
  test('changes a gp2 volume a person approved to gp3 with the performance the finding priced', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500)));
    loopback.queue('ModifyVolume', modified);

    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: PERSON })).resolves.toEqual({
      opportunityId: 'ec2-inventory:vol-1', resourceId: 'vol-1', outcome: 'MODIFIED', approvedBy: PERSON.approvedBy,
    });
    expect(loopback.requestsFor('DescribeVolumes')[0].input['VolumeId.1']).toBe('vol-1');
    expect(loopback.requestsFor('ModifyVolume')[0].input).toMatchObject({ VolumeId: 'vol-1', VolumeType: 'gp3', Iops: '3000', Throughput: '250' });
  });

  test('a policy approval holds when the saving recomputed from the live volume is below the threshold', async () => {
    // 100 GB gp2 at 0.10 vs gp3 at 0.08 in us-east-1: 2.00 USD/month, below 20.
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 100)));
    loopback.queue('ModifyVolume', modified);
    await expect(handler({ action: action('MODIFY_VOLUME_TO_GP3', 'vol-1'), approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({ outcome: 'MODIFIED', approvedBy: 'policy' });
  });

  test('a policy approval is refused when the live volume saves too much, whatever the input claimed', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 2000)));
    await expect(handler({ action: { ...action('MODIFY_VOLUME_TO_GP3', 'vol-1'), monthlySavings: '1.00' }, approval: POLICY_APPROVAL_MARKER })).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: expect.stringMatching(/saves 20.00 USD\/month, not less than the 20/),
    });
    expect(loopback.requestsFor('ModifyVolume')).toEqual([]);
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
      outcome: 'SKIPPED', reason: 'the volume carries the protection tag finops:retain',
    });
    expect(loopback.requestsFor('ModifyVolume')).toEqual([]);
  });

  test('deletes an approved snapshot past retention that still carries no protection tag', async () => {
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('')));
    loopback.queue('DeleteSnapshot', ec2Reply('DeleteSnapshot', '<return>true</return>'));

    await expect(handler({ action: action('DELETE_SNAPSHOT', 'snap-1'), approval: PERSON })).resolves.toMatchObject({ outcome: 'DELETED' });
    expect(loopback.requestsFor('DeleteSnapshot')[0].input.SnapshotId).toBe('snap-1');
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
      outcome: 'SKIPPED', reason: 'the snapshot carries the protection tag finops:retain',
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
