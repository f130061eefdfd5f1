/**
 * The approval workflow as deployed: the state machine definition taken from the synthesized
 * template runs in the local States Language interpreter, each Task answered by the real handler
 * with the environment the template gives it, every AWS call going to the loopback endpoint.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { LocalBucket } from './handlers/local-bucket';
import { setEnvironment } from './handlers/loopback-fixtures';
import { handler as decisionHandler } from '../../src/optimization/approval-decision.lambda';
import { handler as tallyHandler } from '../../src/optimization/approval-tally.lambda';
import { OptimizationPipeline } from '../../src/optimization/optimization-pipeline';
import { Optimizer } from '../../src/optimization/optimizer';
import type { ApprovalWorkflow } from '../../src/optimization/private/approval-workflow';
import { handler as executorHandler } from '../../src/optimization/storage-action.lambda';
import type { ProtectedAction, StorageActionRequest } from '../../src/runtime/optimization-handlers/approval';
import { AwsLoopback, awsJsonReply, ec2Error, ec2Reply, LoopbackRequest, useLoopbackEnvironment } from '../support/aws-loopback';
import { DeployedTemplate } from '../support/deployed';
import { StateMachine } from '../support/local-stepfunctions';

const ALICE = 'arn:aws:sts::111122223333:assumed-role/ApproverA/alice';
const ALICE_AGAIN = 'arn:aws:sts::111122223333:assumed-role/ApproverA/alice-second-session';
const BOB = 'arn:aws:sts::111122223333:assumed-role/ApproverB/bob';
const MALLORY = 'arn:aws:sts::111122223333:assumed-role/Developer/mallory';
const ROLE_A = 'arn:aws:iam::111122223333:role/ApproverA';
const ROLE_B = 'arn:aws:iam::111122223333:role/ApproverB';
const DAY = 86_400_000;

interface LiveVolume { readonly type: string; readonly sizeGb: number; readonly tags?: Record<string, string> }
interface LiveSnapshot { readonly startTime: Date; readonly tags?: Record<string, string> }

/** The account as EC2 would describe it; a test sets what it needs. */
const live = { volumes: new Map<string, LiveVolume>(), snapshots: new Map<string, LiveSnapshot>(), modificationStates: [] as string[] };

/** The executor's invocation context: its ARN names the account the ledger records changes under. */
const EXECUTOR_CONTEXT = { invokedFunctionArn: 'arn:aws:lambda:us-east-1:111122223333:function:executor' };

let loopback: AwsLoopback;
let bucket: LocalBucket;
let restore: Array<() => void> = [];
let definition: any;
let approvalTopicArn: string;

beforeAll(async () => {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.storage({ snapshotRetentionDays: 30 })],
    approval: {
      autoApproveBelowMonthlySavings: 20,
      // One approver of the two roles below 100 USD a month, waiting a day each; from 100, both, 12 hours each.
      // Waits of days, not weeks: the interpreter arms the execution timeout with one setTimeout, which
      // fires at once past 2^31 ms (24.8 days).
      decisionTimeout: Duration.days(1),
      tiers: [
        { approvers: [ROLE_A, ROLE_B] },
        { minMonthlySavings: 100, requiredApprovers: 2, approvers: [ROLE_A, ROLE_B], decisionTimeout: Duration.hours(12) },
      ],
    },
  });
  const workflow = pipeline.node.findChild('Approval') as ApprovalWorkflow;
  const deployed = DeployedTemplate.of(stack);
  definition = deployed.stateMachineDefinition(workflow.stateMachine);
  approvalTopicArn = deployed.resolve(stack.resolve(pipeline.approvalTopic!.topicArn));

  loopback = await AwsLoopback.start();
  bucket = new LocalBucket(loopback);
  restore = [
    useLoopbackEnvironment(loopback.endpoint),
    setEnvironment({
      ...deployed.functionEnvironment(workflow.executor),
      ...deployed.functionEnvironment(workflow.tallyFunction),
      ...deployed.functionEnvironment(workflow.decisionFunction),
    }),
  ];
  loopback
    .on('DescribeVolumes', (request) => describeVolumes(request))
    .on('DescribeSnapshots', (request) => describeSnapshots(request))
    .on('CreateSnapshot', () => ec2Reply('CreateSnapshot', '<snapshotId>snap-0bac</snapshotId><status>pending</status>'))
    .on('ModifyVolume', (request) => ec2Reply('ModifyVolume', `<volumeModification><volumeId>${request.input.VolumeId}</volumeId><modificationState>modifying</modificationState></volumeModification>`))
    .on('DescribeVolumesModifications', (request) => describeModification(request))
    .on('DeleteSnapshot', () => ec2Reply('DeleteSnapshot', '<return>true</return>'))
    .on('SendTaskSuccess', () => awsJsonReply({}));
});

beforeEach(() => {
  loopback.requests.length = 0;
  bucket.objects.clear();
  live.volumes.clear();
  live.snapshots.clear();
  live.modificationStates = ['modifying', 'optimizing'];
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

/** One decision, as a signer POSTs it to the decision URL; or nobody deciding before the wait times out. */
type Turn = readonly [signer: string, decision: 'APPROVE' | 'REJECT'] | 'TIMEOUT';

interface Run {
  readonly items: any[];
  readonly report: any;
  /** Every approval request the workflow published, in order. */
  readonly asked: any[];
  /** Every message published without a task token: the run's report. */
  readonly published: any[];
}

/**
 * Runs one execution of the deployed definition. Each approval request is answered by the next
 * turn of its action (by resource id) through the real decision function; the tally and executor
 * run as deployed. An action asked more often than it has turns times out.
 */
async function runExecution(
  actions: StorageActionRequest[],
  turns: Record<string, Turn[]> = {},
  protectedActions: ProtectedAction[] = [],
): Promise<Run> {
  const asked: any[] = [];
  const published: any[] = [];
  const remaining = new Map(Object.entries(turns).map(([id, list]) => [id, [...list]]));
  let approvals = Promise.resolve();
  const askApprover = async (input: any) => {
    // One approver at a time, so each reads the answer its own decision produced.
    const turn = approvals.then(() => decide(input, remaining, asked));
    approvals = turn.then(() => undefined, () => undefined);
    return turn;
  };
  const execution = new StateMachine(definition, { validationOptions: { checkPaths: true } }).run(
    { runId: 'storage-111122223333-2026-12-01', reportLocation: 's3://reports/r.md', actions, omitted: 0, protected: protectedActions } as any,
    {
      context: { Task: { Token: 'task-token-1' } } as any,
      overrides: {
        taskResourceLocalHandlers: {
          OpenApproval: (input: any) => tallyHandler(input) as any,
          RecordDecision: (input: any) => tallyHandler(input) as any,
          ReportOutcomes: (input: any) => tallyHandler(input) as any,
          // One request state per tier, each waiting its tier's decision timeout.
          AskApprover: askApprover,
          AskApprover2: askApprover,
          PublishReport: async (input: any) => {
            expect(input.TopicArn).toBe(approvalTopicArn);
            published.push(input.Message);
            return {};
          },
          ExecuteApprovedAction: (input: any) => executorHandler(input, EXECUTOR_CONTEXT) as any,
          VerifyModification: (input: any) => executorHandler(input, EXECUTOR_CONTEXT) as any,
        },
        waitTimeOverrides: { WaitForModification: 0 },
      },
    },
  );
  const output = await execution.result as any;
  return { items: output.items, report: output.report, asked, published };
}

/** Plays the approvers: reads the SNS message, POSTs the next decision to the decision function as its URL would deliver it. */
async function decide(input: any, remaining: Map<string, Turn[]>, asked: any[]): Promise<any> {
  expect(input.TopicArn).toBe(approvalTopicArn);
  const message = input.Message;
  asked.push(message);
  expect(message.taskToken).toBe('task-token-1');
  expect(message.howToDecide).toMatch(/function URL/);
  const turn = remaining.get(message.action.resourceId)?.shift() ?? 'TIMEOUT';
  if (turn === 'TIMEOUT') throw namedError('States.Timeout', 'Task timed out.');
  const [signer, decision] = turn;
  const before = loopback.requests.length;
  const response = await decisionHandler({
    body: JSON.stringify({ taskToken: message.taskToken, decision, comment: `${decision} by the test` }),
    isBase64Encoded: false,
    requestContext: { authorizer: { iam: { userArn: signer } } },
  });
  expect(response.statusCode).toBe(200);
  const sent = loopback.requests.slice(before).find((request) => request.operation === 'SendTaskSuccess')!;
  return JSON.parse(sent.input.output);
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

function volumeAction(volumeId: string, autoApprove = false, monthlySavings = '2.00'): StorageActionRequest {
  return {
    opportunityId: `ec2-inventory:storage-gp2-to-gp3:111122223333:${volumeId}`,
    action: 'MODIFY_VOLUME_TO_GP3',
    resourceId: volumeId,
    region: 'us-east-1',
    monthlySavings,
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

const CHANGES = ['CreateSnapshot', 'ModifyVolume', 'DeleteSnapshot'];
const changes = () => loopback.requests.filter((request) => CHANGES.includes(request.operation)).map((request) => ({
  operation: request.operation, id: request.input.VolumeId ?? request.input.SnapshotId,
}));

/** A 10,000 GB gp2 volume saves 130 USD/month in us-east-1: the two-approver tier, live and in the action. */
const BIG = { type: 'gp2', sizeGb: 10000 };
const bigVolume = (volumeId: string) => volumeAction(volumeId, false, '130.00');
const decisionsOf = (item: any) => item.approval.decisions.map((decision: any) => ({
  decidedBy: decision.decidedBy, decision: decision.decision, counted: decision.counted, ...(decision.refusal ? { refusal: decision.refusal } : {}),
}));

describe('the approval workflow, run from the synthesized template', () => {
  test('two distinct approvers where two are needed: snapshot, then modify, then verified once the volume is optimizing', async () => {
    live.volumes.set('vol-0a1', BIG);

    const run = await runExecution([bigVolume('vol-0a1')], { 'vol-0a1': [[ALICE, 'APPROVE'], [BOB, 'APPROVE']] });

    expect(changes()).toEqual([{ operation: 'CreateSnapshot', id: 'vol-0a1' }, { operation: 'ModifyVolume', id: 'vol-0a1' }]);
    expect(loopback.requestsFor('CreateSnapshot')[0].input).toMatchObject({ 'TagSpecification.1.Tag.1.Value': 'backup-before-gp3' });
    expect(loopback.requestsFor('DescribeVolumesModifications')).toHaveLength(2);
    const [item] = run.items;
    expect(item.outcome).toMatchObject({
      outcome: 'VERIFIED', resourceId: 'vol-0a1', approvedBy: `${ROLE_A}, ${ROLE_B}`, backupSnapshotId: 'snap-0bac', modificationState: 'optimizing',
    });
    expect(decisionsOf(item)).toEqual([
      { decidedBy: ALICE, decision: 'APPROVE', counted: true },
      { decidedBy: BOB, decision: 'APPROVE', counted: true },
    ]);
    expect(item.approval.decisions.every((decision: any) => !Number.isNaN(Date.parse(decision.decidedAt)))).toBe(true);
    // The second request tells Bob who approved already, and which tier it is.
    expect(run.asked[1].tier).toMatchObject({ requiredApprovers: 2, approvers: [ROLE_A, ROLE_B], decisionTimeoutSeconds: 43_200 });
    expect(run.asked[1].decisionsSoFar).toEqual([expect.objectContaining({ decidedBy: ALICE, counted: true })]);
    expect(run.report.counts).toEqual({ VERIFIED: 1 });
    expect(run.published).toEqual([run.report]);
    // The change is on the realized-savings ledger, timed from the execution's start (the approval request).
    const [recorded] = [...bucket.objects.values()].map((body) => JSON.parse(body));
    expect(recorded).toMatchObject({ resourceId: 'vol-0a1', accountId: '111122223333', sizeGb: 10000, expectedMonthlySavings: '130' });
    expect(Date.parse(recorded.requestedAt)).toBeLessThanOrEqual(Date.parse(recorded.executedAt));
    // Each tier's request waits that tier's decision timeout, a constant of the definition.
    const itemStates = definition.States.EachAction.ItemProcessor.States;
    expect([itemStates.AskApprover.TimeoutSeconds, itemStates.AskApprover2.TimeoutSeconds]).toEqual([86_400, 43_200]);
  });

  test('one approver where two are needed: nothing changes, the wait for the second times out', async () => {
    live.volumes.set('vol-0a1', BIG);

    const run = await runExecution([bigVolume('vol-0a1')], { 'vol-0a1': [[ALICE, 'APPROVE']] });

    expect(changes()).toEqual([]);
    expect(bucket.objects.size).toBe(0);
    expect(run.items[0].outcome).toEqual({ outcome: 'TIMED_OUT', reason: 'States.Timeout' });
    expect(decisionsOf(run.items[0])).toEqual([{ decidedBy: ALICE, decision: 'APPROVE', counted: true }]);
    expect(run.report.counts).toEqual({ TIMED_OUT: 1 });
  });

  test('the same approver twice, even from another session of the role: the second decision is refused and recorded, nothing changes', async () => {
    live.volumes.set('vol-0a1', BIG);

    const run = await runExecution([bigVolume('vol-0a1')], { 'vol-0a1': [[ALICE, 'APPROVE'], [ALICE, 'APPROVE'], [ALICE_AGAIN, 'APPROVE']] });

    expect(changes()).toEqual([]);
    expect(run.asked).toHaveLength(4);
    expect(run.items[0].outcome.outcome).toBe('TIMED_OUT');
    const refusal = `${ROLE_A} has already approved; tier 2 (MODIFY_VOLUME_TO_GP3, DELETE_SNAPSHOT from 100 USD/month) needs 2 distinct approvers`;
    expect(decisionsOf(run.items[0])).toEqual([
      { decidedBy: ALICE, decision: 'APPROVE', counted: true },
      { decidedBy: ALICE, decision: 'APPROVE', counted: false, refusal },
      { decidedBy: ALICE_AGAIN, decision: 'APPROVE', counted: false, refusal },
    ]);
  });

  test('an approver the tier does not allow is refused and recorded; neither approval nor rejection counts', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 500 });

    const run = await runExecution([volumeAction('vol-0a1')], { 'vol-0a1': [[MALLORY, 'APPROVE'], [MALLORY, 'REJECT']] });

    expect(changes()).toEqual([]);
    expect(run.items[0].outcome.outcome).toBe('TIMED_OUT');
    const refusal = 'arn:aws:iam::111122223333:role/Developer is not an approver of tier 1 (MODIFY_VOLUME_TO_GP3, DELETE_SNAPSHOT from 0 USD/month)';
    expect(decisionsOf(run.items[0])).toEqual([
      { decidedBy: MALLORY, decision: 'APPROVE', counted: false, refusal },
      { decidedBy: MALLORY, decision: 'REJECT', counted: false, refusal },
    ]);
  });

  test('a rejection by an allowed approver stops the action at once: nothing changes and the rejection names the approver', async () => {
    live.volumes.set('vol-0a1', BIG);
    live.snapshots.set('snap-0b2', { startTime: new Date(Date.now() - 90 * DAY) });

    const run = await runExecution([bigVolume('vol-0a1'), snapshotAction('snap-0b2')], {
      'vol-0a1': [[ALICE, 'APPROVE'], [BOB, 'REJECT'], [ALICE, 'APPROVE']],
      'snap-0b2': [[BOB, 'REJECT']],
    });

    expect(changes()).toEqual([]);
    expect(run.items.map((item) => item.outcome)).toEqual([
      { outcome: 'REJECTED', reason: `rejected by ${BOB}` },
      { outcome: 'REJECTED', reason: `rejected by ${BOB}` },
    ]);
    expect(run.asked).toHaveLength(3);
    expect(run.report.counts).toEqual({ REJECTED: 2 });
  });

  test('no decision before the timeout: nothing changes and the timeout is recorded', async () => {
    live.snapshots.set('snap-0b2', { startTime: new Date(Date.now() - 90 * DAY) });

    const run = await runExecution([snapshotAction('snap-0b2')]);

    expect(changes()).toEqual([]);
    expect(run.items[0]).toMatchObject({ outcome: { outcome: 'TIMED_OUT', reason: 'States.Timeout' }, approval: { status: 'PENDING', decisions: [] } });
  });

  test('a protected resource is never changed: reported as protected when proposed, and skipped by the executor if it became protected', async () => {
    live.volumes.set('vol-0c3', { type: 'gp2', sizeGb: 500, tags: { environment: 'production' } });

    const run = await runExecution(
      [volumeAction('vol-0c3')],
      { 'vol-0c3': [[ALICE, 'APPROVE']] },
      [{ opportunityId: 'ec2-inventory:storage-gp2-to-gp3:111122223333:vol-0d9', resourceId: 'vol-0d9', protectedBy: 'critical' }],
    );

    expect(changes()).toEqual([]);
    expect(run.items[0].outcome).toMatchObject({ outcome: 'SKIPPED_PROTECTED', reason: 'the resource is protected (environment=production)' });
    expect(run.asked.map((message) => message.action.resourceId)).toEqual(['vol-0c3']);
    expect(run.report.counts).toEqual({ SKIPPED_PROTECTED: 2 });
    expect(run.report.protected).toEqual([expect.objectContaining({ resourceId: 'vol-0d9', protectedBy: 'critical' })]);
  });

  test('auto-approved by the policy: a small gp2 change runs without asking anyone', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 100 });

    const run = await runExecution([volumeAction('vol-0a1', true)]);

    expect(changes()).toEqual([{ operation: 'CreateSnapshot', id: 'vol-0a1' }, { operation: 'ModifyVolume', id: 'vol-0a1' }]);
    expect(run.items[0].outcome).toMatchObject({ outcome: 'VERIFIED', approvedBy: 'policy' });
    expect(run.asked).toEqual([]);
  });

  test('a modification EC2 reports failed is reported FAILED', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 100 });
    live.modificationStates = ['failed'];

    const run = await runExecution([volumeAction('vol-0a1', true)]);

    expect(run.items[0].outcome).toMatchObject({ outcome: 'FAILED', modificationState: 'failed', reason: 'the modification failed: Volume modification failed' });
  });

  test('a hand-started execution that forges autoApprove gets nothing changed the policy would not allow', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 2000 }); // saves exactly 20 USD/month: not below the threshold
    live.volumes.set('vol-0c3', { type: 'gp2', sizeGb: 100, tags: { 'finops:retain': 'yes' } });
    live.volumes.set('vol-0d4', { type: 'gp3', sizeGb: 100 });
    live.snapshots.set('snap-0b2', { startTime: new Date(Date.now() - 90 * DAY) });
    live.snapshots.set('snap-0e5', { startTime: new Date(Date.now() - 2 * DAY) });

    const run = await runExecution([
      { ...volumeAction('vol-0a1', true), monthlySavings: '1.00' },
      volumeAction('vol-0c3', true),
      volumeAction('vol-0d4', true),
      snapshotAction('snap-0b2', true),
      snapshotAction('snap-0e5', true),
      // An `approval` smuggled into the action does not count either: the state machine sets it.
      { ...snapshotAction('snap-0b2', true), approval: { status: 'APPROVED', approvedBy: [ROLE_A], decisions: [] } } as any,
    ]);

    expect(changes()).toEqual([]);
    expect(run.items.map((item) => item.outcome.reason)).toEqual([
      'the change saves 20.00 USD/month, not less than the 20 the policy approves without a person',
      'the resource is protected (finops:retain)',
      'the volume is gp3 now, not gp2',
      'only gp2-to-gp3 changes are ever approved by policy',
      'only gp2-to-gp3 changes are ever approved by policy',
      'only gp2-to-gp3 changes are ever approved by policy',
    ]);
  });

  test('an EC2 error fails that action only: FAILED with the error, and the other actions still run', async () => {
    live.volumes.set('vol-0a1', { type: 'gp2', sizeGb: 100 });
    live.volumes.set('vol-0f6', { type: 'gp2', sizeGb: 100 });
    loopback.queue('ModifyVolume', ec2Error('IncorrectModificationState', 'The volume vol-0a1 is already being modified.'));

    const run = await runExecution([volumeAction('vol-0a1', true), volumeAction('vol-0f6', true)]);

    expect(run.items[0].outcome).toMatchObject({ outcome: 'FAILED', resourceId: 'vol-0a1', error: 'IncorrectModificationState' });
    expect(run.items[1].outcome).toMatchObject({ outcome: 'VERIFIED', resourceId: 'vol-0f6' });
    expect(changes().filter((change) => change.operation === 'ModifyVolume').map((change) => change.id).sort()).toEqual(['vol-0a1', 'vol-0f6']);
    expect(run.report.counts).toEqual({ FAILED: 1, VERIFIED: 1 });
  });
});

function describeModification(request: LoopbackRequest) {
  const volumeId = request.input['VolumeId.1'];
  const state = live.modificationStates.length > 1 ? live.modificationStates.shift()! : live.modificationStates[0];
  const status = state === 'failed' ? '<statusMessage>Volume modification failed</statusMessage>' : '';
  return ec2Reply('DescribeVolumesModifications', `<volumeModificationSet><item><volumeId>${volumeId}</volumeId><modificationState>${state}</modificationState>`
    + `<targetVolumeType>gp3</targetVolumeType><originalVolumeType>gp2</originalVolumeType><startTime>2026-12-01T00:00:00.000Z</startTime>${status}`
    + '</item></volumeModificationSet>');
}

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
