import { App, Stack } from 'aws-cdk-lib';
import { OptimizationPipeline, Optimizer, OrganizationTargets } from '../../../src/optimization';
import { handler } from '../../../src/optimization/organization-targets.lambda';
import type { OrganizationRun } from '../../../src/optimization/private/organization-run';
import { AwsLoopback, awsJsonError, awsJsonReply, s3Reply, setEnvironment, useLoopbackEnvironment } from '../../support/aws-loopback';
import { DeployedTemplate } from '../../support/deployed';

const account = (id: string, state: string) => ({ Id: id, Name: `Account ${id}`, Status: state, State: state, JoinedTimestamp: 1700000000 });

let loopback: AwsLoopback;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  loopback.on('PutObject', () => s3Reply('', { ETag: '"etag"' }));
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

function deployTargets(targets: OrganizationTargets): void {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', { optimizers: [Optimizer.storage()], organization: { targets, regions: ['us-east-1', 'eu-west-1'] } });
  const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
  restore.push(setEnvironment(DeployedTemplate.of(stack).functionEnvironment(run.targetsFunction)));
}

test('the entire organization: ListAccounts paged to its end (an empty page with a token included), throttling retried, active accounts only', async () => {
  deployTargets(OrganizationTargets.entireOrganization());
  loopback.queue('ListAccounts',
    awsJsonReply({ Accounts: [account('222233334444', 'ACTIVE'), account('555566667777', 'SUSPENDED')], NextToken: 'page-2' }),
    awsJsonError('TooManyRequestsException', 'AWS Organizations can\'t complete your request because another request is already in progress.'),
    awsJsonReply({ Accounts: [], NextToken: 'page-3' }),
    awsJsonReply({ Accounts: [account('111122223333', 'ACTIVE')] }));

  const result = await handler({ scheduledTime: '2026-11-30T08:00:00Z', executionName: 'run-1' });

  expect(loopback.requestsFor('ListAccounts').map((request) => request.input.NextToken)).toEqual([undefined, 'page-2', 'page-2', 'page-3']);
  const written = loopback.requestsFor('PutObject').pop()!;
  expect(written.input.Key).toBe('reports/organization-runs/2026/11/30/run-1/items.json');
  expect(JSON.parse(written.rawBody).map((item: any) => `${item.accountId} ${item.region}`)).toEqual([
    '111122223333 us-east-1', '111122223333 eu-west-1', '222233334444 us-east-1', '222233334444 eu-west-1',
  ]);
  expect(result).toMatchObject({ accounts: 2, items: 4, itemsKey: written.input.Key, runPrefix: 'reports/organization-runs/2026/11/30/run-1' });
});

test('listed accounts: the ones not active in the organization are named in the notes, never scanned', async () => {
  loopback.requests.length = 0;
  deployTargets(OrganizationTargets.accounts(['222233334444', '999988887777']));
  loopback.queue('ListAccounts', awsJsonReply({ Accounts: [account('222233334444', 'ACTIVE'), account('333344445555', 'ACTIVE')] }));

  const result = await handler({ scheduledTime: '2026-11-30T08:00:00Z', executionName: 'run-2' });

  expect(result.accounts).toBe(1);
  expect(result.notes).toEqual(['Not scanned, not an active account of the organization: 999988887777']);
});
