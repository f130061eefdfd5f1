import type { DescribeSnapshotsResult, DescribeVolumesResult, Snapshot, Volume } from '@aws-sdk/client-ec2';
import { loadFixture } from './fixtures';
import {
  gp2ToGp3Opportunities, oldSnapshotOpportunities, storageOpportunities, unattachedVolumeOpportunities,
} from '../../../src/runtime/optimization';

const volumes = loadFixture<DescribeVolumesResult>('DescribeVolumes.page1').Volumes!;
const snapshots = loadFixture<DescribeSnapshotsResult>('DescribeSnapshots.page1').Snapshots!;
const now = new Date('2026-11-26T12:00:00.000Z');
const options = { accountId: '111122223333', region: 'us-east-1', now };

function gp2Volume(volumeId: string, sizeGb: number): Volume {
  return { VolumeId: volumeId, VolumeType: 'gp2', Size: sizeGb, State: 'in-use', Attachments: [{ InstanceId: 'i-1', State: 'attached' }] };
}

describe('gp2ToGp3Opportunities', () => {
  const opportunities = gp2ToGp3Opportunities(volumes, options);

  test('proposes attached gp2 volumes only', () => {
    expect(opportunities.map(opportunity => opportunity.resourceId)).toEqual(['vol-0123456789abcdef0', 'vol-0aaaaaaaaaaaaaaa1', 'vol-0aaaaaaaaaaaaaaa2']);
  });

  test('a small volume saves the storage price difference', () => {
    expect(opportunities[1]).toMatchObject({
      id: 'ec2-inventory:STORAGE_GP2_TO_GP3:111122223333:vol-0aaaaaaaaaaaaaaa1',
      type: 'STORAGE_GP2_TO_GP3',
      service: 'EBS',
      source: 'EC2_INVENTORY',
      currentMonthlyCost: '10.00',
      optimizedMonthlyCost: '8.00',
      monthlySavings: '2.00',
      savingsPercentage: '20.00',
      effort: 'LOW',
      risk: 'LOW',
      action: 'Modify vol-0aaaaaaaaaaaaaaa1 (100 GB) from gp2 to gp3 with 3000 IOPS and 125 MB/s; online, no detach',
    });
  });

  test('a large volume pays for the IOPS above 3,000 and the throughput it had', () => {
    expect(opportunities[2]).toMatchObject({
      currentMonthlyCost: '200.00',
      optimizedMonthlyCost: '180.00',
      monthlySavings: '20.00',
      savingsPercentage: '10.00',
      details: { priceRegion: 'us-east-1', sizeGb: '2000', targetIops: '6000', targetThroughputMbps: '250', attachedTo: 'i-0a1b2c3d4e5f60003' },
    });
    expect(opportunities[0]).toMatchObject({ monthlySavings: '5.00', details: { name: 'api-root', targetThroughputMbps: '250' } });
  });

  test('the largest gp2 volume is capped at 16,000 IOPS', () => {
    expect(gp2ToGp3Opportunities([gp2Volume('vol-big', 5334)], options)[0]).toMatchObject({ currentMonthlyCost: '533.40', optimizedMonthlyCost: '496.72', monthlySavings: '36.68' });
  });

  test('a volume whose matching gp3 costs more is not proposed', () => {
    expect(gp2ToGp3Opportunities([gp2Volume('vol-171', 171)], options)).toEqual([]);
    expect(gp2ToGp3Opportunities([gp2Volume('vol-250', 250)], options)).toEqual([]);
    expect(gp2ToGp3Opportunities([gp2Volume('vol-251', 251)], options)[0].monthlySavings).toBe('0.02');
  });

  test('uses the region\'s prices', () => {
    const frankfurt = gp2ToGp3Opportunities([gp2Volume('vol-eu', 2000)], { ...options, region: 'eu-central-1' })[0];
    expect(frankfurt).toMatchObject({ region: 'eu-central-1', currentMonthlyCost: '238.00', optimizedMonthlyCost: '214.40', monthlySavings: '23.60' });
  });
});

describe('unattachedVolumeOpportunities', () => {
  const notes: string[] = [];
  const opportunities = unattachedVolumeOpportunities(
    [...volumes, { VolumeId: 'vol-odd', VolumeType: 'gp9' as never, Size: 10, State: 'available' }],
    options,
    undefined,
    notes,
  );

  test('proposes deleting available volumes without the protection tag, at their whole cost', () => {
    expect(opportunities.map(opportunity => [opportunity.resourceId, opportunity.monthlySavings])).toEqual([
      ['vol-0aaaaaaaaaaaaaaa3', '26.00'],
      ['vol-0aaaaaaaaaaaaaaa5', '337.50'],
      ['vol-0aaaaaaaaaaaaaaa6', '8.00'],
    ]);
    expect(opportunities[2]).toMatchObject({
      type: 'STORAGE_UNATTACHED_VOLUME',
      optimizedMonthlyCost: '0.00',
      savingsPercentage: '100.00',
      effort: 'LOW',
      risk: 'MEDIUM',
      action: 'Snapshot vol-0aaaaaaaaaaaaaaa6 (80 GB gp2, attached to nothing) if its data is needed, then delete it',
      details: { finalSnapshotMonthlyCost: '4.00', name: 'old-data', volumeType: 'gp2', createTime: '2025-03-14T09:26:53.000Z' },
    });
  });

  test('notes a volume type it cannot price instead of guessing', () => {
    expect(notes).toEqual(['Unattached volume vol-odd has volume type gp9, which the EBS price table does not price; not reported']);
  });

  test('honours a custom protection tag key', () => {
    const withCustomKey = unattachedVolumeOpportunities(volumes, { ...options, protectionTagKey: 'Name' });
    expect(withCustomKey.map(opportunity => opportunity.resourceId)).toEqual(['vol-0aaaaaaaaaaaaaaa3', 'vol-0aaaaaaaaaaaaaaa4', 'vol-0aaaaaaaaaaaaaaa5']);
  });
});

describe('oldSnapshotOpportunities', () => {
  const opportunities = oldSnapshotOpportunities(snapshots, options);

  test('keeps a snapshot exactly 30 days old and proposes one a second older', () => {
    const ids = opportunities.map(opportunity => opportunity.resourceId);
    expect(ids).not.toContain('snap-0000000000000001');
    expect(ids).toContain('snap-0000000000000002');
  });

  test('skips protected, lifecycle-managed, archived and recent snapshots', () => {
    expect(opportunities.map(opportunity => opportunity.resourceId)).toEqual(['snap-0000000000000002', 'snap-0000000000000004']);
  });

  test('prices a snapshot at its volume size, an upper bound', () => {
    expect(opportunities[0]).toMatchObject({
      id: 'ec2-inventory:STORAGE_OLD_SNAPSHOT:111122223333:snap-0000000000000002',
      type: 'STORAGE_OLD_SNAPSHOT',
      currentMonthlyCost: '5.00',
      monthlySavings: '5.00',
      effort: 'LOW',
      risk: 'MEDIUM',
      action: 'Delete snapshot snap-0000000000000002 (30 days old, retention 30 days)',
      details: { ageDays: '30', sizeGb: '100', startTime: '2026-10-27T11:59:59.000Z', sizeBasis: 'VolumeSize: an upper bound, snapshots are incremental' },
    });
  });

  test('an AMI\'s snapshot needs the AMI deregistered first: more effort and risk', () => {
    expect(opportunities[1]).toMatchObject({
      monthlySavings: '0.40',
      effort: 'MEDIUM',
      risk: 'HIGH',
      action: 'Deregister ami-0123456789abcdef0 if unused, then delete its snapshot snap-0000000000000004 (178 days old, retention 30 days)',
      details: { amiId: 'ami-0123456789abcdef0' },
    });
  });

  test('takes a custom retention', () => {
    const sevenDays = oldSnapshotOpportunities(snapshots, { ...options, snapshotRetentionDays: 7 });
    expect(sevenDays.map(opportunity => opportunity.resourceId)).toContain('snap-0000000000000001');
    expect(sevenDays.map(opportunity => opportunity.resourceId)).not.toContain('snap-0000000000000007');
    const fiveDays = oldSnapshotOpportunities(snapshots, { ...options, snapshotRetentionDays: 5 });
    expect(fiveDays.map(opportunity => opportunity.resourceId)).toContain('snap-0000000000000007');
  });

  test('ignores snapshots without a start time', () => {
    const undated: Snapshot = { SnapshotId: 'snap-undated', VolumeSize: 10, State: 'completed' };
    expect(oldSnapshotOpportunities([undated], options)).toEqual([]);
  });
});

describe('storageOpportunities', () => {
  test('combines the three analyses; an unattached gp2 volume is only proposed for deletion', () => {
    const findings = storageOpportunities(volumes, snapshots, options);
    expect(findings.notes).toEqual([]);
    expect(findings.opportunities.map(opportunity => `${opportunity.type} ${opportunity.resourceId}`)).toEqual([
      'STORAGE_GP2_TO_GP3 vol-0123456789abcdef0',
      'STORAGE_GP2_TO_GP3 vol-0aaaaaaaaaaaaaaa1',
      'STORAGE_GP2_TO_GP3 vol-0aaaaaaaaaaaaaaa2',
      'STORAGE_UNATTACHED_VOLUME vol-0aaaaaaaaaaaaaaa3',
      'STORAGE_UNATTACHED_VOLUME vol-0aaaaaaaaaaaaaaa5',
      'STORAGE_UNATTACHED_VOLUME vol-0aaaaaaaaaaaaaaa6',
      'STORAGE_OLD_SNAPSHOT snap-0000000000000002',
      'STORAGE_OLD_SNAPSHOT snap-0000000000000004',
    ]);
  });

  test('prices an unknown region as us-east-1 and says so in the result and each opportunity', () => {
    const findings = storageOpportunities(volumes, [], { ...options, region: 'me-central-1' });
    expect(findings.notes).toEqual(['No EBS prices for me-central-1; priced with us-east-1 prices']);
    expect(findings.opportunities[0]).toMatchObject({
      region: 'me-central-1',
      monthlySavings: '5.00',
      details: { priceRegion: 'us-east-1', priceNote: 'No EBS prices for me-central-1; priced with us-east-1 prices' },
    });
  });
});
