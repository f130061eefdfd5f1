import { setEnvironment } from './loopback-fixtures';
import { handler } from '../../../src/optimization/storage-action.lambda';
import type { StorageActionRequest } from '../../../src/runtime/optimization-handlers/approval';
import { AwsLoopback, ec2Error, ec2Reply, useLoopbackEnvironment } from '../../support/aws-loopback';

let loopback: AwsLoopback;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint), setEnvironment({ PROTECTION_TAG_KEY: 'finops:retain' })];
});

beforeEach(() => {
  loopback.requests.length = 0;
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

function action(kind: StorageActionRequest['action'], resourceId: string): StorageActionRequest {
  return {
    opportunityId: `ec2-inventory:${resourceId}`, action: kind, resourceId, region: 'us-east-1', monthlySavings: '5.00', risk: 'LOW', autoApprove: true, description: '',
  };
}

const volumeXml = (type: string, size: number) =>
  `<volumeSet><item><volumeId>vol-1</volumeId><size>${size}</size><volumeType>${type}</volumeType><status>in-use</status></item></volumeSet>`;
const snapshotXml = (tags: string) =>
  `<snapshotSet><item><snapshotId>snap-1</snapshotId><status>completed</status><volumeSize>100</volumeSize>${tags}</item></snapshotSet>`;

describe('storage action executor over the loopback', () => {
  test('changes a gp2 volume to gp3 with the performance the finding priced', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp2', 500)));
    loopback.queue('ModifyVolume', ec2Reply('ModifyVolume', '<volumeModification><volumeId>vol-1</volumeId><modificationState>modifying</modificationState></volumeModification>'));

    await expect(handler(action('MODIFY_VOLUME_TO_GP3', 'vol-1'))).resolves.toEqual({ opportunityId: 'ec2-inventory:vol-1', resourceId: 'vol-1', outcome: 'MODIFIED' });

    expect(loopback.requestsFor('DescribeVolumes')[0].input['VolumeId.1']).toBe('vol-1');
    expect(loopback.requestsFor('ModifyVolume')[0].input).toMatchObject({ VolumeId: 'vol-1', VolumeType: 'gp3', Iops: '3000', Throughput: '250' });
  });

  test('skips a volume that is no longer gp2', async () => {
    loopback.queue('DescribeVolumes', ec2Reply('DescribeVolumes', volumeXml('gp3', 500)));

    await expect(handler(action('MODIFY_VOLUME_TO_GP3', 'vol-1'))).resolves.toMatchObject({ outcome: 'SKIPPED', reason: 'the volume is gp3 now, not gp2' });
    expect(loopback.requestsFor('ModifyVolume')).toEqual([]);
  });

  test('deletes a snapshot that still carries no protection tag', async () => {
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('')));
    loopback.queue('DeleteSnapshot', ec2Reply('DeleteSnapshot', '<return>true</return>'));

    await expect(handler(action('DELETE_SNAPSHOT', 'snap-1'))).resolves.toMatchObject({ outcome: 'DELETED' });
    expect(loopback.requestsFor('DeleteSnapshot')[0].input.SnapshotId).toBe('snap-1');
  });

  test('re-checks the protection tag right before deleting and skips a snapshot tagged since approval', async () => {
    loopback.queue('DescribeSnapshots', ec2Reply('DescribeSnapshots', snapshotXml('<tagSet><item><key>finops:retain</key><value>audit</value></item></tagSet>')));

    await expect(handler(action('DELETE_SNAPSHOT', 'snap-1'))).resolves.toMatchObject({
      outcome: 'SKIPPED', reason: 'the snapshot carries the protection tag finops:retain',
    });
    expect(loopback.requestsFor('DeleteSnapshot')).toEqual([]);
  });

  test('a snapshot deleted meanwhile is skipped, not an error', async () => {
    loopback.queue('DescribeSnapshots', ec2Error('InvalidSnapshot.NotFound', 'The snapshot \'snap-1\' does not exist.'));

    await expect(handler(action('DELETE_SNAPSHOT', 'snap-1'))).resolves.toMatchObject({ outcome: 'SKIPPED', reason: 'the snapshot no longer exists' });
  });

  test('anything else is refused', async () => {
    await expect(handler({ ...action('DELETE_SNAPSHOT', 'i-1'), action: 'TERMINATE_INSTANCE' as any })).rejects.toThrow(/Unknown storage action "TERMINATE_INSTANCE"/);
    expect(loopback.requests).toEqual([]);
  });
});
