/**
 * The approval workflow as deployed: the state machine definition taken from the synthesized
 * template runs in the local States Language interpreter, each Task answered by the real handler
 * with the environment the template gives it, every AWS call going to the loopback endpoint.
 */
import { App, Stack } from 'aws-cdk-lib';
import { setEnvironment } from './handlers/loopback-fixtures';
import { handler as decisionHandler } from '../../src/optimization/approval-decision.lambda';
import { OptimizationPipeline } from '../../src/optimization/optimization-pipeline';
import { Optimizer } from '../../src/optimization/optimizer';
import type { ApprovalWorkflow } from '../../src/optimization/private/approval-workflow';
import { handler as executorHandler } from '../../src/optimization/storage-action.lambda';
import type { StorageActionRequest } from '../../src/runtime/optimization-handlers/approval';
import { AwsLoopback, awsJsonReply, ec2Error, ec2Reply, LoopbackRequest, useLoopbackEnvironment } from '../support/aws-loopback';
import { DeployedTemplate } from '../support/deployed';
import { StateMachine } from '../support/local-stepfunctions';

const APPROVER = 'arn:aws:sts::111122223333:assumed-role/Approver/alice';
const DAY = 86_400_000;

interface LiveVolume { readonly type: string; readonly sizeGb: number; readonly tags?: Record<string, string> }
interface LiveSnapshot { readonly startTime: Date; readonly tags?: Record<string, string> }

/** The account as EC2 would describe it; a test sets what it needs. */
const live = { volumes: new Map<string, LiveVolume>(), snapshots: new Map<string, LiveSnapshot>() };

let loopback: AwsLoopback;
let restore: Array<() => void> = [];
let definition: any;
let approvalTopicArn: string;

beforeAll(async () => {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.storage({ snapshotRetentionDays: 30 })],
    approval: { autoApproveBelowMonthlySavings: 20 },
  });
  const workflow = pipeline.node.findChild('Approval') as ApprovalWorkflow;
  const deployed = DeployedTemplate.of(stack);
  definition = deployed.stateMachineDefinition(workflow.stateMachine);
  approvalTopicArn = deployed.resolve(stack.resolve(pipeline.approvalTopic!.topicArn));

  loopback = await AwsLoopback.start();
  restore = [
    useLoopbackEnvironment(loopback.endpoint),
    setEnvironment({ ...deployed.functionEnvironment(workflow.executor), ...deployed.functionEnvironment(workflow.decisionFunction) }),
  ];
  loopback
    .on('DescribeVolumes', (request) => describeVolumes(request))
    .on('DescribeSnapshots', (request) => describeSnapshots(request))
    .on('ModifyVolume', (request) => ec2Reply('ModifyVolume', `<volumeModification><volumeId>${request.input.VolumeId}</volumeId><modificationState>modifying</modificationState></volumeModification>`))
    .on('DeleteSnapshot', () => ec2Reply('DeleteSnapshot', '<return>true</return>'))
    .on('SendTaskSuccess', () => awsJsonReply({}))
    .on('SendTaskFailure', () => awsJsonReply({}));
});

beforeEach(() => {
  loopback.requests.length = 0;
  live.volumes.clear();
  live.snapshots.clear();
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

type Approver = (message: any) => 'APPROVE' | 'REJECT' | 'TIMEOUT';

/** Runs one execution of the deployed definition; the approver decides through the real decision function. */
async function runExecution(actions: StorageActionRequest[], approver: Approver = () => { throw new Error('no person was to be asked'); }): Promise<any[]> {
  let approvals = Promise.resolve();
  const askApprover = async (input: any) => {
    // One approver at a time, so each reads the answer its own decision produced.
    const turn = approvals.then(() => decide(input, approver));
    approvals = turn.then(() => undefined, () => undefined);
    return turn;
  };
  const execution = new StateMachine(definition, { validationOptions: { checkPaths: true } }).run(
    { runId: 'storage-111122223333-2026-12-01', reportLocation: 's3://reports/r.md', actions, omitted: 0 } as any,
    {
      context: { Task: { Token: 'task-token-1' } } as any,
      overrides: {
        taskResourceLocalHandlers: {
          AskApprover: askApprover,
          ExecuteApprovedAction: (input: any) => executorHandler(input) as any,
        },
      },
    },
  );
  return await execution.result as any[];
}

/** Plays the approver: reads the SNS message, POSTs the decision to the decision function as its URL would deliver it. */
async function decide(input: any, approver: Approver): Promise<any> {
  expect(input.TopicArn).toBe(approvalTopicArn);
  const message = input.Message;
  expect(message.taskToken).toBe('task-token-1');
  expect(message.howToDecide).toMatch(/function URL/);
  const decision = approver(message);
  if (decision === 'TIMEOUT') throw namedError('States.Timeout', 'Task timed out.');
  const before = loopback.requests.length;
  const response = await decisionHandler({
    body: JSON.stringify({ taskToken: message.taskToken, decision, comment: `${decision} by the test` }),
    isBase64Encoded: false,
    requestContext: { authorizer: { iam: { userArn: APPROVER } } },
  });
  expect(response.statusCode).toBe(200);
  const sent = loopback.requests.slice(before).find((request) => request.operation.startsWith('SendTask'))!;
  if (sent.operation === 'SendTaskSuccess') return JSON.parse(sent.input.output);
  throw namedError(sent.input.error, sent.input.cause);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function volumeAction(volumeId: string, autoApprove = false): StorageActionRequest {
  return {
    opportunityId: `ec2-inventory:storage-gp2-to-gp3:111122223333:${volumeId}`,
    action: 'MODIFY_VOLUME_TO_GP3',
    resourceId: volumeId,
    region: 'us-east-1',
    monthlySavings: '2.00',
    risk: 'LOW' as any,
    autoApprove,
    description: `Modify ${volumeId} from gp2 to gp3`,
  };
}

function snapshotAction(snapshotId: string, autoApprove = false): StorageActionRequest {
  return {
    opportunityId: `ec2-inventory:storage-old-snapshot:111122223333:${snapshotId}`,
    action: 'DELETE_SNAPSHOT',
    resourceId: snapshotId,
    region: 'us-east-1',
    monthlySavings: '1.00',
    risk: 'MEDIUM' as any,
    autoApprove,
    description: `Delete snapshot ${snapshotId}`,
  };
}

const changes = () => loopback.requests.filter((request) => ['ModifyVolume', 'DeleteSnapshot'].includes(request.operation)).map((request) => ({
  operation: request.operation, id: request.input.VolumeId ?? request.input.SnapshotId,
}));

describe('the approval workflow, run from the synthesized template', () => {
  test('approved by a person: ModifyVolume gets the volume id (the executor receives the action object)', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 500 });

    const [item] = await runExecution([volumeAction('vol-0a1')], () => 'APPROVE');

    expect(changes()).toEqual([{ operation: 'ModifyVolume', id: 'vol-0a1' }]);
    expect(loopback.requestsFor('ModifyVolume')[0].input).toMatchObject({ VolumeType: 'gp3', Iops: '3000', Throughput: '250' });
    expect(item.outcome).toMatchObject({ outcome: 'MODIFIED', resourceId: 'vol-0a1', approvedBy: APPROVER });
    expect(item.approval).toMatchObject({ approved: true, approvedBy: APPROVER });
  });

  test('rejected: nothing changes and the rejection names the approver', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 500 });
    live.snapshots.set('snap-0b2', { startTime: new Date(Date.now() - 90 * DAY) });

    const items = await runExecution([volumeAction('vol-0a1'), snapshotAction('snap-0b2')], () => 'REJECT');

    expect(changes()).toEqual([]);
    expect(items.map((item) => item.outcome)).toEqual([{ outcome: 'REJECTED' }, { outcome: 'REJECTED' }]);
    expect(JSON.parse(items[0].rejection.Cause)).toMatchObject({ rejectedBy: APPROVER });
  });

  test('no decision before the timeout: nothing changes and the timeout is recorded', async () => {
    live.snapshots.set('snap-0b2', { startTime: new Date(Date.now() - 90 * DAY) });

    const [item] = await runExecution([snapshotAction('snap-0b2')], () => 'TIMEOUT');

    expect(changes()).toEqual([]);
    expect(item).toMatchObject({ outcome: { outcome: 'REJECTED' }, rejection: { Error: 'States.Timeout' } });
  });

  test('auto-approved by the policy: a small gp2 change runs without asking anyone', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 100 });

    const [item] = await runExecution([volumeAction('vol-0a1', true)]);

    expect(changes()).toEqual([{ operation: 'ModifyVolume', id: 'vol-0a1' }]);
    expect(item.outcome).toMatchObject({ outcome: 'MODIFIED', approvedBy: 'policy' });
  });

  test('a hand-started execution that forges autoApprove gets nothing changed the policy would not allow', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 2000 }); // saves exactly 20 USD/month: not below the threshold
    live.volumes.set('vol-0c3', { type: 'gp2', sizeGb: 100, tags: { 'finops:retain': 'yes' } });
    live.volumes.set('vol-0d4', { type: 'gp3', sizeGb: 100 });
    live.snapshots.set('snap-0b2', { startTime: new Date(Date.now() - 90 * DAY) });
    live.snapshots.set('snap-0e5', { startTime: new Date(Date.now() - 2 * DAY) });

    const items = await runExecution([
      { ...volumeAction('vol-0a1', true), monthlySavings: '1.00' },
      volumeAction('vol-0c3', true),
      volumeAction('vol-0d4', true),
      snapshotAction('snap-0b2', true),
      snapshotAction('snap-0e5', true),
      // An `approval` smuggled into the action does not count either: the state machine sets it.
      { ...snapshotAction('snap-0b2', true), approval: { approved: true, approvedBy: APPROVER } } as any,
    ]);

    expect(changes()).toEqual([]);
    expect(items.map((item) => item.outcome.reason)).toEqual([
      'the change saves 20.00 USD/month, not less than the 20 the policy approves without a person',
      'the volume carries the protection tag finops:retain',
      'the volume is gp3 now, not gp2',
      'only gp2-to-gp3 changes are ever approved by policy',
      'only gp2-to-gp3 changes are ever approved by policy',
      'only gp2-to-gp3 changes are ever approved by policy',
    ]);
  });

  test('an EC2 error fails that action only: ActionFailed, and the other actions still run', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 100 });
    live.volumes.set('vol-0f6', { type: 'gp2', sizeGb: 100 });
    loopback.queue('ModifyVolume', ec2Error('IncorrectModificationState', 'The volume vol-0a1 is already being modified.'));

    const items = await runExecution([volumeAction('vol-0a1', true), volumeAction('vol-0f6', true)]);

    expect(items[0]).toMatchObject({ failure: { Error: 'IncorrectModificationState' } });
    expect(items[0].outcome).toBeUndefined();
    expect(items[1].outcome).toMatchObject({ outcome: 'MODIFIED', resourceId: 'vol-0f6' });
    expect(changes().map((change) => change.id).sort()).toEqual(['vol-0a1', 'vol-0f6']);
  });
});

function describeVolumes(request: LoopbackRequest) {
  const volumeId = request.input['VolumeId.1'];
  const volume = live.volumes.get(volumeId);
  if (!volume) return ec2Error('InvalidVolume.NotFound', `The volume '${volumeId}' does not exist.`);
  return ec2Reply('DescribeVolumes', `<volumeSet><item><volumeId>${volumeId}</volumeId><size>${volume.sizeGb}</size>`
    + `<volumeType>${volume.type}</volumeType><status>in-use</status>${tagSet(volume.tags)}</item></volumeSet>`);
}

function describeSnapshots(request: LoopbackRequest) {
  const snapshotId = request.input['SnapshotId.1'];
  const snapshot = live.snapshots.get(snapshotId);
  if (!snapshot) return ec2Error('InvalidSnapshot.NotFound', `The snapshot '${snapshotId}' does not exist.`);
  return ec2Reply('DescribeSnapshots', `<snapshotSet><item><snapshotId>${snapshotId}</snapshotId><status>completed</status>`
    + `<startTime>${snapshot.startTime.toISOString()}</startTime><volumeSize>100</volumeSize>${tagSet(snapshot.tags)}</item></snapshotSet>`);
}

function tagSet(tags: Record<string, string> = {}): string {
  const items = Object.entries(tags).map(([key, value]) => `<item><key>${key}</key><value>${value}</value></item>`).join('');
  return items ? `<tagSet>${items}</tagSet>` : '';
}
