import { DescribeSnapshotsCommand, DescribeVolumesCommand, type EC2Client, type Snapshot, type Volume } from '@aws-sdk/client-ec2';
import { foldPages } from './paging';

/** Every EBS volume in the client's region; only the volumes are kept, not the pages. */
export async function volumesFrom(client: EC2Client): Promise<Volume[]> {
  return foldPages(
    (token) => client.send(new DescribeVolumesCommand({ MaxResults: 500, NextToken: token })),
    (page) => page.NextToken,
    (page) => page.Volumes,
  );
}

/** Every EBS snapshot this account owns in the client's region. */
export async function snapshotsFrom(client: EC2Client): Promise<Snapshot[]> {
  return foldPages(
    (token) => client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 1000, NextToken: token })),
    (page) => page.NextToken,
    (page) => page.Snapshots,
  );
}
