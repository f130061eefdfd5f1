/**
 * An organization-wide storage run as deployed: the state machine definition from the synthesized
 * template runs in the local States Language interpreter (its Distributed Map's ItemReader and
 * ResultWriter rewritten by test/support/distributed-map.ts, nothing else), each Task answered by
 * the real handler with the template's environment; STS, Organizations, EC2, S3, SNS, CloudWatch
 * and Step Functions answer on the loopback endpoint. Then the approval workflow, also from the
 * template, executes the approved actions, each in its own member account.
 */
import { App, Stack } from 'aws-cdk-lib';
import { CostCategoryOrg } from '../../../src/cost-categories';
import { OptimizationPipeline, Optimizer, OptimizerKind, OrganizationTargets } from '../../../src/optimization';
import { handler as decisionHandler } from '../../../src/optimization/approval-decision.lambda';
import { handler as tallyHandler } from '../../../src/optimization/approval-tally.lambda';
import { handler as targetsHandler } from '../../../src/optimization/organization-targets.lambda';
import type { ApprovalWorkflow } from '../../../src/optimization/private/approval-workflow';
import type { OrganizationRun } from '../../../src/optimization/private/organization-run';
import { handler as executorHandler } from '../../../src/optimization/storage-action.lambda';
import { handler as mergeHandler } from '../../../src/optimization/storage-merge.lambda';
import { handler as scanHandler } from '../../../src/optimization/storage-scan.lambda';
import { EBS_PRICES, EBS_PRODUCT_FAMILIES } from '../../../src/runtime/optimization';
import { PRICE_LIST_CACHE_MAX_AGE_MS } from '../../../src/runtime/optimization-handlers/ebs-price-source';
import {
  AwsLoopback, awsJsonReply, ec2Error, ec2Reply, escapeXml, LoopbackRequest, queryError, queryReply,
  s3Error, s3Reply, setEnvironment, useLoopbackEnvironment,
} from '../../support/aws-loopback';
import { DeployedTemplate } from '../../support/deployed';
import { inlineDistributedMaps, ObjectStore } from '../../support/distributed-map';
import { StateMachine } from '../../support/local-stepfunctions';
import { captureStdout, metricsLogged } from '../handlers/loopback-fixtures';
import { getProductsReply, priceListEntries } from '../handlers/price-list-loopback';

const MANAGEMENT = '111122223333';
const PROD = '222233334444';
const DEV = '333344445555';
const SANDBOX = '444455556666'; // its read and executor roles were never deployed
const SUSPENDED = '555566667777';
const TOP_OU = 'ou-ab12-prod0001';
const NESTED_OU = 'ou-ab12-dev00001';
const APPROVER = 'arn:aws:sts::111122223333:assumed-role/Approver/alice';
const DAY = 86_400_000;
/** The run is about an hour ago, so every scheduled-time check passes against the real clock. */
const SCHEDULED_TIME = new Date(Math.floor((Date.now() - 3_600_000) / 3_600_000) * 3_600_000).toISOString().replace('.000Z', 'Z');

const store: ObjectStore = new Map();
let loopback: AwsLoopback;
let restore: Array<() => void> = [];
let deployed: DeployedTemplate;
let pipeline: OptimizationPipeline;
let run: OrganizationRun;
let workflow: ApprovalWorkflow;

beforeAll(async () => {
  const stack = new Stack(new App(), 'Stack', { env: { account: MANAGEMENT, region: 'us-east-1' } });
  pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.storage({ snapshotRetentionDays: 30 })],
    approval: { autoApproveBelowMonthlySavings: 3 },
    organization: {
      targets: OrganizationTargets.organizationalUnits([TOP_OU]),
      regions: ['us-east-1', 'eu-west-1'],
      businessUnitCostCategory: new CostCategoryOrg(stack, 'BusinessUnit', {
        costCategoryName: 'business-unit',
        accountsByValue: { Commerce: [PROD], Platform: [DEV] },
      }),
    },
  });
  run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
  workflow = pipeline.node.findChild('Approval') as ApprovalWorkflow;
  deployed = DeployedTemplate.of(stack);

  loopback = await AwsLoopback.start();
  restore = [
    useLoopbackEnvironment(loopback.endpoint),
    setEnvironment({
      ...deployed.functionEnvironment(run.targetsFunction),
      ...deployed.functionEnvironment(run.scanFunction),
      ...deployed.functionEnvironment(pipeline.functionFor(OptimizerKind.STORAGE)!),
      ...deployed.functionEnvironment(workflow.executor),
      ...deployed.functionEnvironment(workflow.tallyFunction),
      ...deployed.functionEnvironment(workflow.decisionFunction),
    }),
  ];
  answerAws(loopback);
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

/** Lambda reports a function error to Step Functions as Error = errorType, Cause = the error as JSON text. */
function asLambda(fn: (input: any, context: { invokedFunctionArn: string }) => Promise<unknown>, functionArn: string) {
  return async (input: any): Promise<any> => {
    try {
      return await fn(input, { invokedFunctionArn: functionArn });
    } catch (error) {
      const failure = new Error(JSON.stringify({ errorType: (error as Error).name, errorMessage: (error as Error).message }));
      failure.name = (error as Error).name;
      throw failure;
    }
  };
}

describe('one organization-wide storage run, from the synthesized template', () => {
  let report: any;
  let markdown: string;
  let approvalInput: any;

  beforeAll(async () => {
    ({ report, markdown } = await runOrganizationStorage(SCHEDULED_TIME, 'scheduled-run-1'));
    approvalInput = JSON.parse(loopback.requestsFor('StartExecution')[0].input.input);
  });

  test('prices EBS from the Price List with the scan function\'s own credentials in us-east-1, once, only where there is inventory', () => {
    const calls = loopback.requestsFor('GetProducts');
    // PROD and DEV both hold volumes in us-east-1; the scan function's container reads its prices once for both.
    expect(calls.filter((call) => call.input.NextToken === undefined).map((call) => call.input.Filters[1].Value)).toEqual([...EBS_PRODUCT_FAMILIES]);
    // The member read roles sign as ASIA<account>R; the function's own role is the loopback's key.
    expect(new Set(calls.map((call) => /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(String(call.headers.authorization))!.slice(1).join(' '))))
      .toEqual(new Set(['AKIDLOOPBACKTEST us-east-1 pricing']));
    // Only PROD and DEV hold volumes, both in us-east-1: no request prices an empty account and Region.
    expect(new Set(calls.map((call) => call.input.Filters[0].Value))).toEqual(new Set(['us-east-1']));
    expect(report.notes).toContain('EBS prices for us-east-1 from the AWS Price List API (GetProducts)');
  });

  test('lists the OU and its nested OU through every page, active accounts only', () => {
    expect(loopback.requestsFor('ListAccountsForParent').map((request) => [request.input.ParentId, request.input.NextToken])).toEqual([
      [TOP_OU, undefined], [TOP_OU, 'accounts-page-2'], [NESTED_OU, undefined],
    ]);
    expect(loopback.requestsFor('ListChildren').map((request) => [request.input.ParentId, request.input.ChildType, request.input.NextToken])).toEqual([
      [TOP_OU, 'ORGANIZATIONAL_UNIT', undefined], [TOP_OU, 'ORGANIZATIONAL_UNIT', 'children-page-2'], [NESTED_OU, 'ORGANIZATIONAL_UNIT', undefined],
    ]);
    expect(report.organization.accounts.map((entry: any) => [entry.accountId, entry.organizationalUnitId])).toEqual([
      [PROD, TOP_OU], [DEV, NESTED_OU], [SANDBOX, TOP_OU],
    ]);
  });

  test('assumes the member read role of each account in each Region, with the partition', () => {
    const readRoleArns = loopback.requestsFor('AssumeRole').map((request) => request.input.RoleArn).filter((arn: string) => arn.endsWith('/FinOpsOptimizationRead'));
    const expected = [PROD, PROD, DEV, DEV, SANDBOX, SANDBOX].map((accountId) => `arn:aws:iam::${accountId}:role/FinOpsOptimizationRead`);
    expect([...readRoleArns].sort()).toEqual(expected.sort());
    expect(loopback.requestsFor('DescribeVolumes').every((request) => accountOf(request) !== SUSPENDED)).toBe(true);
  });

  test('one report holds every account\'s findings, ranked together, with a section and totals per account and OU', () => {
    expect(report.accountId).toBe(MANAGEMENT);
    const found = report.opportunities.map((opportunity: any) =>
      [opportunity.accountId, opportunity.region, opportunity.resourceId, opportunity.monthlySavings]);
    expect(found).toEqual([
      [PROD, 'us-east-1', 'vol-0aaaaaaaaaaaaaaa1', '5.00'],
      [PROD, 'us-east-1', 'snap-0bbbbbbbbbbbbbbb1', '5.00'],
      [DEV, 'us-east-1', 'vol-0ddddddddddddddd1', '2.00'],
    ]);
    expect(report.totals.monthlySavings).toBe('12.00');
    expect(report.organization.accounts.map((account: any) => [account.accountId, account.count, account.monthlySavings])).toEqual([
      [PROD, 2, '10.00'], [DEV, 1, '2.00'], [SANDBOX, 0, '0.00'],
    ]);
    // The nested OU's accounts count under their own OU.
    expect(report.organization.organizationalUnits.map((unit: any) => [unit.organizationalUnitId, unit.accounts, unit.monthlySavings])).toEqual([
      [NESTED_OU, 1, '2.00'], [TOP_OU, 2, '10.00'],
    ]);
    expect(markdown).toContain(`## Account ${PROD} (Prod)`);
    expect(markdown).toContain(`## Account ${DEV} (Dev)`);
    expect(markdown).toContain('## By organizational unit');
  });

  test('totals by business unit, the accounts mapped by one Cost Explorer request for the whole organization', () => {
    expect(loopback.requestsFor('GetCostAndUsage').map((request) => request.input.GroupBy)).toEqual([
      [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'COST_CATEGORY', Key: 'business-unit' }],
    ]);
    expect(report.costExplorerRequests.requestCount).toBe(1);
    expect(report.organization.businessUnits.map((unit: any) => [unit.businessUnit, unit.accounts, unit.count, unit.monthlySavings])).toEqual([
      ['(no value)', 1, 0, '0.00'], ['Commerce', 1, 2, '10.00'], ['Platform', 1, 1, '2.00'],
    ]);
    expect(markdown).toContain('## By business unit (business-unit)');
  });

  test('names the account whose role is missing and the Region that failed, and the run still finished', () => {
    expect(report.failedSources.map((failed: any) => [failed.source, failed.errorName])).toEqual(expect.arrayContaining([
      [`EC2 inventory of ${SANDBOX} (Sandbox) in eu-west-1`, 'AccessDenied'],
      [`EC2 inventory of ${SANDBOX} (Sandbox) in us-east-1`, 'AccessDenied'],
      [`EC2 DescribeVolumes in ${DEV} eu-west-1`, 'UnauthorizedOperation'],
      [`EC2 DescribeSnapshots in ${DEV} eu-west-1`, 'UnauthorizedOperation'],
    ]));
    expect(report.organization.accounts.find((account: any) => account.accountId === SANDBOX).regionsNotScanned).toEqual(['eu-west-1', 'us-east-1']);
    expect(markdown).toContain(`Not scanned: EC2 inventory of ${SANDBOX} (Sandbox) in us-east-1: AccessDenied`);
  });

  test('routes the storage actions to approval with the account and Region of each', () => {
    expect(approvalInput.actions.map((action: any) => [action.accountId, action.region, action.resourceId, action.autoApprove])).toEqual([
      [PROD, 'us-east-1', 'vol-0aaaaaaaaaaaaaaa1', false],
      [PROD, 'us-east-1', 'snap-0bbbbbbbbbbbbbbb1', false],
      [DEV, 'us-east-1', 'vol-0ddddddddddddddd1', true],
    ]);
  });

  test('executes only the approved actions, each through its own member account\'s executor role', async () => {
    const before = loopback.requests.length;
    const approvalDefinition = deployed.stateMachineDefinition(workflow.stateMachine);
    const execution = new StateMachine(approvalDefinition, { validationOptions: { checkPaths: true } }).run(approvalInput, {
      context: { Task: { Token: 'task-token-1' } } as any,
      overrides: {
        taskResourceLocalHandlers: {
          OpenApproval: (input: any) => tallyHandler(input) as any,
          RecordDecision: (input: any) => tallyHandler(input) as any,
          ReportOutcomes: (input: any) => tallyHandler(input) as any,
          PublishReport: async () => ({}),
          // The approver approves volume changes and rejects snapshot deletions.
          AskApprover: (input: any) => oneAtATime(() => decide(input.Message, input.Message.action.action === 'MODIFY_VOLUME_TO_GP3' ? 'APPROVE' : 'REJECT')),
          ExecuteApprovedAction: (input: any) => executorHandler(input, { invokedFunctionArn: deployed.functionArn(workflow.executor) }) as any,
          VerifyModification: (input: any) => executorHandler(input, { invokedFunctionArn: deployed.functionArn(workflow.executor) }) as any,
        },
        waitTimeOverrides: { WaitForModification: 0 },
      },
    });
    const { items } = await execution.result as { items: any[] };

    const during = loopback.requests.slice(before);
    expect(items.map((item) => item.outcome.outcome)).toEqual(['VERIFIED', 'REJECTED', 'VERIFIED']);
    expect(during.filter((request) => request.operation === 'DeleteSnapshot')).toEqual([]);
    const sorted = (rows: string[][]) => rows.sort((first, second) => first.join().localeCompare(second.join()));
    expect(sorted(during.filter((request) => request.operation === 'ModifyVolume')
      .map((request) => [request.input.VolumeId, accountOf(request), roleOf(request), regionOf(request)]))).toEqual([
      ['vol-0aaaaaaaaaaaaaaa1', PROD, 'executor', 'us-east-1'],
      ['vol-0ddddddddddddddd1', DEV, 'executor', 'us-east-1'],
    ]);
    // The re-check reads live state through the same member role.
    expect(sorted(during.filter((request) => request.operation === 'DescribeVolumes').map((request) => [accountOf(request), roleOf(request)]))).toEqual([
      [PROD, 'executor'], [DEV, 'executor'],
    ]);
    // Once to act, once to verify the modification: both through the member executor role.
    expect(during.filter((request) => request.operation === 'AssumeRole').map((request) => request.input.RoleArn).sort()).toEqual([
      `arn:aws:iam::${PROD}:role/FinOpsOptimizationExecutor`, `arn:aws:iam::${PROD}:role/FinOpsOptimizationExecutor`,
      `arn:aws:iam::${DEV}:role/FinOpsOptimizationExecutor`, `arn:aws:iam::${DEV}:role/FinOpsOptimizationExecutor`,
    ]);
    expect(sorted(during.filter((request) => ['CreateSnapshot', 'DescribeVolumesModifications'].includes(request.operation))
      .map((request) => [request.operation, accountOf(request), roleOf(request)]))).toEqual([
      ['CreateSnapshot', PROD, 'executor'], ['CreateSnapshot', DEV, 'executor'],
      ['DescribeVolumesModifications', PROD, 'executor'], ['DescribeVolumesModifications', DEV, 'executor'],
    ]);
  });
});

describe('the next run follows up on the changes the member executor roles made', () => {
  const LATER = new Date(Date.parse(SCHEDULED_TIME) + 1_800_000).toISOString().replace('.000Z', 'Z');
  let executed: Record<string, any>;
  let report: any;
  let markdown: string;
  let during: LoopbackRequest[];

  beforeAll(async () => {
    executed = Object.fromEntries(pendingKeys().map((key) => [key, JSON.parse(store.get(key)!)]));
    // A week on: the prod volume is still gp3; the dev volume is gp2 again (someone reverted it).
    INVENTORY[`${PROD} us-east-1`] = {
      ...INVENTORY[`${PROD} us-east-1`],
      volumes: '<item><volumeId>vol-0aaaaaaaaaaaaaaa1</volumeId><size>500</size><volumeType>gp3</volumeType><iops>3000</iops><throughput>125</throughput>'
        + '<status>in-use</status><attachmentSet><item><instanceId>i-0123456789abcdef0</instanceId><status>attached</status></item></attachmentSet></item>',
    };
    // Changes where the run cannot look: dev's eu-west-1 inventory fails, the sandbox's read role is missing.
    recordPending(DEV, 'eu-west-1', 'vol-0eeeeeeeeeeeeeee1');
    recordPending(SANDBOX, 'us-east-1', 'vol-0fffffffffffffff1');
    const before = loopback.requests.length;
    captureStdout();
    // The scan function's container is still warm, but its prices are older than the cache keeps them.
    const realNow = Date.now;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + PRICE_LIST_CACHE_MAX_AGE_MS);
    ({ report, markdown } = await runOrganizationStorage(LATER, 'scheduled-run-2'));
    during = loopback.requests.slice(before);
  });

  afterAll(() => jest.restoreAllMocks());

  test('reads the Price List again once the container\'s prices are past their age, once per Region', () => {
    const firstPages = during.filter((request) => request.operation === 'GetProducts' && request.input.NextToken === undefined);
    // eu-west-1 is priced for the change pending in DEV there (its inventory fails): the loopback has no prices for it.
    expect(firstPages.map((call) => `${call.input.Filters[0].Value} ${call.input.Filters[1].Value}`).sort())
      .toEqual(['us-east-1', 'eu-west-1'].flatMap((region) => EBS_PRODUCT_FAMILIES.map((family) => `${region} ${family}`)).sort());
  });

  test('the executor recorded each executed change under its member account and Region', () => {
    expect(Object.values(executed).map((entry) => [entry.accountId, entry.region, entry.resourceId, entry.change, entry.sizeGb]).sort()).toEqual([
      [PROD, 'us-east-1', 'vol-0aaaaaaaaaaaaaaa1', 'MODIFY_VOLUME_TO_GP3', 500],
      [DEV, 'us-east-1', 'vol-0ddddddddddddddd1', 'MODIFY_VOLUME_TO_GP3', 100],
    ].sort());
  });

  test('the report\'s "Realized savings" section: prod confirmed to the cent, dev reverted, dev eu-west-1 still pending', () => {
    const section = report.realizedSavings;
    // gp2 at 500 GiB (0.10) minus gp3 at 500 GiB (0.08) with its included 3,000 IOPS and 125 MB/s.
    expect(section.confirmed.map((change: any) => [change.accountId, change.resourceId, change.realizedMonthlySavings])).toEqual([
      [PROD, 'vol-0aaaaaaaaaaaaaaa1', '10.00'],
    ]);
    expect(section.notRealized.map((change: any) => [change.accountId, change.resourceId, change.reason])).toEqual([
      [DEV, 'vol-0ddddddddddddddd1', 'the volume is gp2 again: the change was reverted'],
    ]);
    expect([section.realizedMonthlySavings, section.successRatePercentage, section.pending]).toEqual(['10.00', '50.00', 1]);
    expect(markdown).toContain('1 executed changes confirmed since the last report, realizing 10.00 USD/month; 1 not realized (success rate 50.00%); 1 still waiting for a follow-up.');
  });

  test('publishes RealizedMonthlySavings, SuccessRate and TimeToImplement for the organization', () => {
    const expectedSeconds = Object.values(executed).map((entry) => (Date.parse(entry.executedAt) - Date.parse(entry.requestedAt)) / 1000);
    const realized = metricsLogged().filter((datum) => ['RealizedMonthlySavings', 'SuccessRate', 'TimeToImplement'].includes(datum.name));
    expect(realized.filter((datum) => datum.name !== 'TimeToImplement')).toEqual([
      { name: 'RealizedMonthlySavings', dimensions: 'Optimizer=storage', value: 10 },
      { name: 'SuccessRate', dimensions: 'Optimizer=storage', value: 50 },
    ]);
    expect(realized.filter((datum) => datum.name === 'TimeToImplement').map((datum) => datum.value).sort())
      .toEqual(expectedSeconds.sort());
  });

  test('reads the ledger with the scan function\'s own role, never a member role', () => {
    const ledgerReads = during.filter((request) => ['ListObjectsV2', 'GetObject'].includes(request.operation)
      && String(request.input.Key ?? request.query.prefix).includes('/ledger/'));
    expect(ledgerReads.length).toBeGreaterThan(0);
    expect(new Set(ledgerReads.map(roleOf))).toEqual(new Set(['own']));
  });

  test('moves the settled changes only after the report is written; the changes it could not look at stay pending', () => {
    const indexesOf = (wanted: (request: LoopbackRequest) => boolean) => during.flatMap((request, index) => (wanted(request) ? [index] : []));
    const reportWrites = indexesOf((request) => request.operation === 'PutObject' && /\/storage-\d{6}Z\.(json|md|csv)$/.test(request.input.Key));
    const moves = indexesOf((request) => String(request.input.Key).includes('/ledger/settled/') || request.operation === 'DeleteObject');
    expect(reportWrites).toHaveLength(3);
    expect(moves).toHaveLength(4);
    expect(Math.min(...moves)).toBeGreaterThan(Math.max(...reportWrites));
    expect(pendingKeys().map((key) => key.replace(/^.*\/ledger\/pending\//, ''))).toEqual([
      `${DEV}/eu-west-1/MODIFY_VOLUME_TO_GP3-vol-0eeeeeeeeeeeeeee1.json`,
      `${SANDBOX}/us-east-1/MODIFY_VOLUME_TO_GP3-vol-0fffffffffffffff1.json`,
    ]);
    const settled = [...store.keys()].filter((key) => key.includes('/ledger/settled/')).map((key) => JSON.parse(store.get(key)!));
    expect(settled.map((change) => [change.accountId, change.resourceId, change.status]).sort()).toEqual([
      [DEV, 'vol-0ddddddddddddddd1', 'NOT_REALIZED'], [PROD, 'vol-0aaaaaaaaaaaaaaa1', 'CONFIRMED'],
    ].sort());
  });
});

/** Runs the organization-wide storage state machine from the template; returns the report it wrote (JSON and Markdown). */
async function runOrganizationStorage(scheduledTime: string, executionName: string): Promise<{ report: any; markdown: string }> {
  const { definition, handlers } = inlineDistributedMaps(deployed.stateMachineDefinition(run.stateMachine), store);
  const execution = new StateMachine(definition, { validationOptions: { checkPaths: true } }).run({ scheduledTime } as any, {
    context: { Execution: { Name: executionName } } as any,
    overrides: {
      taskResourceLocalHandlers: {
        ...handlers,
        ListTargets: asLambda((input) => targetsHandler(input), deployed.functionArn(run.targetsFunction)),
        ScanAccountRegion: asLambda((input, context) => scanHandler(input, context), deployed.functionArn(run.scanFunction)),
        MergeReport: asLambda((input, context) => mergeHandler(input, context), deployed.functionArn(run.mergeFunction)),
      },
    },
  });
  await execution.result;
  const stamp = scheduledTime.slice(11, 19).replace(/:/g, '');
  const reportKeys = [...store.keys()].filter((key) => new RegExp(`/reports/${MANAGEMENT}/.*/storage-${stamp}Z\\.`).test(key));
  return {
    report: JSON.parse(store.get(reportKeys.find((key) => key.endsWith('.json'))!)!),
    markdown: store.get(reportKeys.find((key) => key.endsWith('.md'))!)!,
  };
}

function pendingKeys(): string[] {
  return [...store.keys()].filter((key) => key.includes('/ledger/pending/')).sort();
}

/** A change as the executor would have recorded it, under the pipeline's ledger. */
function recordPending(accountId: string, region: string, volumeId: string): void {
  const bucket = pendingKeys()[0].split('/')[0];
  store.set(`${bucket}/reports/ledger/pending/${accountId}/${region}/MODIFY_VOLUME_TO_GP3-${volumeId}.json`, JSON.stringify({
    opportunityId: `ec2-inventory:${volumeId}`,
    change: 'MODIFY_VOLUME_TO_GP3',
    resourceId: volumeId,
    accountId,
    region,
    executedAt: new Date(Date.now() - DAY).toISOString(),
    sizeGb: 100,
    expectedMonthlySavings: '2.00',
    priceBasis: 'test',
    approvedBy: 'policy',
  }));
}

let approvals: Promise<unknown> = Promise.resolve();
/** One approver at a time, so each reads the answer its own decision produced. */
function oneAtATime<T>(decision: () => Promise<T>): Promise<T> {
  const turn = approvals.then(decision);
  approvals = turn.then(() => undefined, () => undefined);
  return turn;
}

/** The approver's decision, delivered through the real decision function as its URL would. */
async function decide(message: any, decision: 'APPROVE' | 'REJECT'): Promise<any> {
  const before = loopback.requests.length;
  const response = await decisionHandler({
    body: JSON.stringify({ taskToken: message.taskToken, decision, comment: 'by the test' }),
    isBase64Encoded: false,
    requestContext: { authorizer: { iam: { userArn: APPROVER } } },
  });
  expect(response.statusCode).toBe(200);
  const sent = loopback.requests.slice(before).find((request) => request.operation === 'SendTaskSuccess')!;
  return JSON.parse(sent.input.output);
}

// ---------------------------------------------------------------------------------------------
// The organization as AWS would answer it
// ---------------------------------------------------------------------------------------------

const ACCOUNTS: Record<string, { name: string; state: string }> = {
  [PROD]: { name: 'Prod', state: 'ACTIVE' },
  [DEV]: { name: 'Dev', state: 'ACTIVE' },
  [SANDBOX]: { name: 'Sandbox', state: 'ACTIVE' },
  [SUSPENDED]: { name: 'Old', state: 'SUSPENDED' },
};

function accountEntry(id: string) {
  const { name, state } = ACCOUNTS[id];
  return {
    Id: id,
    Arn: `arn:aws:organizations::${MANAGEMENT}:account/o-exampleorgid/${id}`,
    Email: `${name.toLowerCase()}@example.com`,
    Name: name,
    Status: state,
    State: state,
    JoinedMethod: 'CREATED',
    JoinedTimestamp: 1700000000,
  };
}

/** Access keys the loopback STS hands out say whose they are: ASIA + account + R (read) or X (executor). */
function accountOf(request: LoopbackRequest): string {
  const key = /Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? '';
  return /^ASIA(\d{12})[RX]$/.exec(key)?.[1] ?? MANAGEMENT;
}

function roleOf(request: LoopbackRequest): 'read' | 'executor' | 'own' {
  const key = /Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? '';
  return key.endsWith('R') ? 'read' : key.endsWith('X') ? 'executor' : 'own';
}

function regionOf(request: LoopbackRequest): string {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? '';
}

const INVENTORY: Record<string, { volumes: string; snapshots: string }> = {
  [`${PROD} us-east-1`]: {
    volumes: volumeXml('vol-0aaaaaaaaaaaaaaa1', 500, 'gp2', 'in-use'),
    snapshots: '<item><snapshotId>snap-0bbbbbbbbbbbbbbb1</snapshotId><volumeId>vol-0aaaaaaaaaaaaaaa1</volumeId><status>completed</status>'
      + `<startTime>${new Date(Date.now() - 90 * DAY).toISOString()}</startTime><volumeSize>100</volumeSize><storageTier>standard</storageTier></item>`,
  },
  [`${DEV} us-east-1`]: { volumes: volumeXml('vol-0ddddddddddddddd1', 100, 'gp2', 'in-use'), snapshots: '' },
};

function volumeXml(volumeId: string, sizeGb: number, type: string, state: string): string {
  return `<item><volumeId>${volumeId}</volumeId><size>${sizeGb}</size><volumeType>${type}</volumeType><status>${state}</status>`
    + '<attachmentSet><item><instanceId>i-0123456789abcdef0</instanceId><status>attached</status></item></attachmentSet></item>';
}

function answerAws(aws: AwsLoopback): void {
  aws
    .on('PutObject', (request) => {
      store.set(`${request.input.Bucket}/${request.input.Key}`, request.rawBody);
      return s3Reply('', { ETag: '"etag"' });
    })
    .on('GetObject', (request) => {
      const body = store.get(`${request.input.Bucket}/${request.input.Key}`);
      return body === undefined ? s3Error('NoSuchKey', 'The specified key does not exist.', 404) : { status: 200, headers: { 'content-type': 'application/json' }, body };
    })
    .on('DeleteObject', (request) => {
      store.delete(`${request.input.Bucket}/${request.input.Key}`);
      return s3Reply('', {}, 204);
    })
    .on('ListObjectsV2', (request) => {
      const prefix = request.query.prefix ?? '';
      const keys = [...store.keys()].filter((key) => key.startsWith(`${request.input.Bucket}/${prefix}`)).map((key) => key.slice(request.input.Bucket.length + 1));
      return s3Reply('<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">'
        + `<Prefix>${escapeXml(prefix)}</Prefix><KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>`
        + keys.map((key) => `<Contents><Key>${escapeXml(key)}</Key></Contents>`).join('') + '</ListBucketResult>');
    })
    .on('Publish', () => queryReply('Publish', '<MessageId>message-1</MessageId>', 'http://sns.amazonaws.com/doc/2010-03-31/'))
    .on('GetProducts', getProductsReply(priceListEntries('us-east-1', EBS_PRICES['us-east-1'])))
    // The sandbox account had no cost last month: Cost Explorer does not name it.
    .on('GetCostAndUsage', () => awsJsonReply({
      GroupDefinitions: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'COST_CATEGORY', Key: 'business-unit' }],
      ResultsByTime: [{
        TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
        Total: {},
        Groups: [[PROD, 'business-unit$Commerce', '4210.17'], [DEV, 'business-unit$Platform', '310.02']]
          .map(([accountId, value, amount]) => ({ Keys: [accountId, value], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } })),
        Estimated: false,
      }],
      DimensionValueAttributes: [],
    }))
    .on('StartExecution', (request) => awsJsonReply({ executionArn: `${request.input.stateMachineArn}:${request.input.name}`, startDate: 1764144000 }))
    .on('SendTaskSuccess', () => awsJsonReply({}))
    .on('SendTaskFailure', () => awsJsonReply({}))
    .on('AssumeRole', (request) => {
      const [, accountId, roleName] = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(request.input.RoleArn) ?? [];
      if (accountId === SANDBOX) {
        return queryError('AccessDenied', `User: arn:aws:sts::${MANAGEMENT}:assumed-role/scan/fn is not authorized to perform: sts:AssumeRole on resource: ${request.input.RoleArn}`, 403);
      }
      const key = `ASIA${accountId}${roleName === 'FinOpsOptimizationRead' ? 'R' : 'X'}`;
      return queryReply('AssumeRole',
        `<Credentials><AccessKeyId>${key}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>`
        + '<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>'
        + `<AssumedRoleUser><Arn>arn:aws:sts::${accountId}:assumed-role/${roleName}/${request.input.RoleSessionName}</Arn>`
        + `<AssumedRoleId>AROAEXAMPLE:${request.input.RoleSessionName}</AssumedRoleId></AssumedRoleUser>`,
        'https://sts.amazonaws.com/doc/2011-06-15/');
    })
    // Organizations (awsJson1_1): the top OU's accounts on two pages, its children on two (the first empty, with a token).
    .on('ListAccountsForParent', (request) => {
      const { ParentId: parentId, NextToken: token } = request.input;
      if (parentId === TOP_OU && token === undefined) return awsJsonReply({ Accounts: [accountEntry(PROD), accountEntry(SUSPENDED)], NextToken: 'accounts-page-2' });
      if (parentId === TOP_OU) return awsJsonReply({ Accounts: [accountEntry(SANDBOX)] });
      return awsJsonReply({ Accounts: parentId === NESTED_OU ? [accountEntry(DEV)] : [] });
    })
    .on('ListChildren', (request) => {
      const { ParentId: parentId, NextToken: token } = request.input;
      if (parentId === TOP_OU && token === undefined) return awsJsonReply({ Children: [], NextToken: 'children-page-2' });
      if (parentId === TOP_OU) return awsJsonReply({ Children: [{ Id: NESTED_OU, Type: 'ORGANIZATIONAL_UNIT' }] });
      return awsJsonReply({ Children: [] });
    })
    // EC2, by the account whose credentials signed the call and the Region it was signed for.
    .on('DescribeVolumes', (request) => {
      if (accountOf(request) === DEV && regionOf(request) === 'eu-west-1') return ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      const inventory = INVENTORY[`${accountOf(request)} ${regionOf(request)}`];
      const wanted = request.input['VolumeId.1'];
      const volumes = wanted === undefined ? inventory?.volumes ?? '' : (inventory?.volumes.includes(wanted) ? inventory.volumes : '');
      return ec2Reply('DescribeVolumes', `<volumeSet>${volumes}</volumeSet>`);
    })
    .on('DescribeSnapshots', (request) => {
      if (accountOf(request) === DEV && regionOf(request) === 'eu-west-1') return ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);
      return ec2Reply('DescribeSnapshots', `<snapshotSet>${INVENTORY[`${accountOf(request)} ${regionOf(request)}`]?.snapshots ?? ''}</snapshotSet>`);
    })
    .on('CreateSnapshot', (request) => ec2Reply('CreateSnapshot', `<snapshotId>snap-backup-${request.input.VolumeId}</snapshotId><status>pending</status>`))
    .on('ModifyVolume', (request) => ec2Reply('ModifyVolume',
      `<volumeModification><volumeId>${request.input.VolumeId}</volumeId><modificationState>modifying</modificationState></volumeModification>`))
    .on('DescribeVolumesModifications', (request) => ec2Reply('DescribeVolumesModifications', `<volumeModificationSet><item><volumeId>${request.input['VolumeId.1']}</volumeId>`
      + '<modificationState>optimizing</modificationState><targetVolumeType>gp3</targetVolumeType></item></volumeModificationSet>'));
}
