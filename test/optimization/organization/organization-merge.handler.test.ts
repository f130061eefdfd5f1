/**
 * The merge step of an organization-wide storage run, with the environment the template gives
 * it: reads the ResultWriter's manifest and result files, the findings they point to, and maps
 * the accounts to business units with one paged Cost Explorer request (real SDK clients against
 * the loopback endpoint: paging and a throttled page retried for real).
 */
import { App, Stack } from 'aws-cdk-lib';
import { CostCategoryOrg } from '../../../src/cost-categories';
import { OptimizationPipeline, Optimizer, OrganizationTargets } from '../../../src/optimization';
import type { OrganizationRun } from '../../../src/optimization/private/organization-run';
import { handler as mergeHandler, type MergeEvent } from '../../../src/optimization/storage-merge.lambda';
import { storageOpportunities } from '../../../src/runtime/optimization';
import type { ChildExecutionResult } from '../../../src/runtime/optimization-handlers/organization-merge';
import type { ScanFindings, ScanSummary } from '../../../src/runtime/optimization-handlers/organization-scan';
import {
  AwsLoopback, awsJsonError, awsJsonReply, queryReply, s3Error, s3Reply, setEnvironment, useLoopbackEnvironment,
} from '../../support/aws-loopback';
import { DeployedTemplate } from '../../support/deployed';

const BUCKET = 'report-bucket';
const RUN_PREFIX = 'reports/organization-runs/2026/12/07/run-1';
const RUN_AT = '2026-12-07T08:00:00.000Z';
const RETAIL = '222233334444';
const PAYMENTS = '333344445555';
const UNCATEGORIZED = '444455556666'; // its cost carries no value of the category
const NO_COST = '555566667777'; // no cost last month: absent from Cost Explorer's answer
const ACCOUNT_NAMES: Record<string, string> = { [RETAIL]: 'Retail', [PAYMENTS]: 'Payments', [UNCATEGORIZED]: 'Shared', [NO_COST]: 'New' };

const store = new Map<string, string>();
let loopback: AwsLoopback;
let restore: Array<() => void> = [];
let functionArn: string;

beforeAll(async () => {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
  const pipeline = new OptimizationPipeline(stack, 'Pipeline', {
    optimizers: [Optimizer.storage()],
    organization: {
      targets: OrganizationTargets.entireOrganization(),
      regions: ['us-east-1'],
      businessUnitCostCategory: CostCategoryOrg.fromCostCategoryName(stack, 'BusinessUnits', 'business-unit'),
    },
  });
  const run = pipeline.node.findChild('OrganizationStorage') as OrganizationRun;
  const deployed = DeployedTemplate.of(stack);
  functionArn = deployed.functionArn(run.mergeFunction);
  loopback = await AwsLoopback.start();
  restore = [
    useLoopbackEnvironment(loopback.endpoint),
    setEnvironment({ ...deployed.functionEnvironment(run.mergeFunction), REPORT_BUCKET: BUCKET }),
  ];
  loopback
    .on('PutObject', (request) => {
      store.set(request.input.Key, request.rawBody);
      return s3Reply('', { ETag: '"etag"' });
    })
    .on('GetObject', (request) => {
      const body = store.get(request.input.Key);
      return body === undefined ? s3Error('NoSuchKey', 'The specified key does not exist.', 404) : { status: 200, headers: { 'content-type': 'application/json' }, body };
    })
    .on('Publish', () => queryReply('Publish', '<MessageId>message-1</MessageId>', 'http://sns.amazonaws.com/doc/2010-03-31/'));
});

afterAll(async () => {
  restore.reverse().forEach((undo) => undo());
  await loopback.stop();
});

/** One item's findings: `volumes` in-use gp2 volumes of 100 GB (2.00 a month each to gain as gp3). */
function scanned(accountId: string, volumes: number): ChildExecutionResult {
  const item = { accountId, accountName: ACCOUNT_NAMES[accountId], region: 'us-east-1' };
  const found = storageOpportunities(Array.from({ length: volumes }, (_, index) => ({
    VolumeId: `vol-${accountId}${String(index).padStart(5, '0')}`,
    Size: 100,
    VolumeType: 'gp2',
    State: 'in-use',
    Attachments: [{ InstanceId: 'i-0123456789abcdef0', State: 'attached' }],
  })) as any, [], { accountId, region: 'us-east-1', now: new Date(RUN_AT), snapshotRetentionDays: 30, protectionTagKey: 'finops:protect' });
  const findingsKey = `${RUN_PREFIX}/items/${accountId}-us-east-1.json`;
  const findings: ScanFindings = { accountId, region: 'us-east-1', opportunities: found.opportunities, notes: found.notes };
  if (volumes > 0) store.set(findingsKey, JSON.stringify(findings));
  const summary: ScanSummary = { ...item, opportunities: volumes, failedSources: [], ...(volumes > 0 ? { findingsKey } : {}) };
  return { Status: 'SUCCEEDED', Input: JSON.stringify({ item, runPrefix: RUN_PREFIX, runAt: RUN_AT }), Output: JSON.stringify(summary) };
}

/** The ResultWriter's manifest and result files, as `resultFiles` lists them by status. */
function writeResults(resultFiles: Record<'SUCCEEDED' | 'FAILED' | 'PENDING', ChildExecutionResult[][]>): MergeEvent {
  const manifestKey = `${RUN_PREFIX}/results/map-run-1/manifest.json`;
  const listed = Object.fromEntries(Object.entries(resultFiles).map(([status, files]) => [status, files.map((results, index) => {
    const key = `${RUN_PREFIX}/results/map-run-1/${status}_${index}.json`;
    store.set(key, JSON.stringify(results));
    return { Key: key, Size: 0 };
  })]));
  store.set(manifestKey, JSON.stringify({ DestinationBucket: BUCKET, MapRunArn: 'arn:aws:states:us-east-1:111122223333:mapRun:run/map:1', ResultFiles: listed }));
  return {
    targets: { runAt: RUN_AT, runPrefix: RUN_PREFIX, itemsKey: `${RUN_PREFIX}/items.json`, accounts: 4, items: 4, notes: [] },
    results: { Bucket: BUCKET, Key: manifestKey },
  };
}

function reportObject(suffix: string): string {
  const key = [...store.keys()].find((candidate) => candidate.startsWith('reports/111122223333/') && candidate.endsWith(suffix));
  if (key === undefined) throw new Error(`no report object ending in ${suffix}`);
  return store.get(key)!;
}

test('business units: one GetCostAndUsage for the whole organization, paged, its throttled page retried, each answered page counted', async () => {
  const page = (groups: Array<[string, string, string]>, next?: string) => awsJsonReply({
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'COST_CATEGORY', Key: 'business-unit' }],
    ResultsByTime: [{
      TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
      Total: {},
      Groups: groups.map(([accountId, value, amount]) => ({ Keys: [accountId, value], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } })),
      Estimated: false,
    }],
    DimensionValueAttributes: [],
    ...(next === undefined ? {} : { NextPageToken: next }),
  });
  loopback.queue('GetCostAndUsage',
    // Retail's account carries a little Payments cost too (a rule on a shared service): it goes to the larger value.
    page([[RETAIL, 'business-unit$Retail', '1200.5000000001'], [RETAIL, 'business-unit$Payments', '3.25']], 'bu-page-2'),
    awsJsonError('ThrottlingException', 'Rate exceeded'),
    page([[PAYMENTS, 'business-unit$Payments', '800.10'], [UNCATEGORIZED, 'business-unit$', '55.00']]));

  const result = await mergeHandler(writeResults({
    SUCCEEDED: [[scanned(RETAIL, 2), scanned(PAYMENTS, 1)], [scanned(UNCATEGORIZED, 1), scanned(NO_COST, 0)]],
    FAILED: [],
    PENDING: [],
  }), { invokedFunctionArn: functionArn });

  const requests = loopback.requestsFor('GetCostAndUsage');
  expect(requests.map((request) => request.input.NextPageToken)).toEqual([undefined, 'bu-page-2', 'bu-page-2']);
  expect(requests[0].input).toEqual({
    TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
    Granularity: 'MONTHLY',
    Metrics: ['UnblendedCost'],
    GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }, { Type: 'COST_CATEGORY', Key: 'business-unit' }],
  });
  expect(result.costExplorerRequests).toBe(2);

  const report = JSON.parse(reportObject('.json'));
  expect(report.costExplorerRequests).toMatchObject({ requestCount: 2, byOperation: { GetCostAndUsage: 2 } });
  expect(report.failedSources).toEqual([]);
  expect(report.organization.businessUnitCostCategory).toBe('business-unit');
  expect(report.organization.accounts.map((account: any) => [account.accountId, account.businessUnit, account.monthlySavings])).toEqual([
    [RETAIL, 'Retail', '4.00'], [PAYMENTS, 'Payments', '2.00'], [UNCATEGORIZED, '(no value)', '2.00'], [NO_COST, '(no value)', '0.00'],
  ]);
  expect(report.organization.businessUnits).toEqual([
    { businessUnit: '(no value)', accounts: 2, count: 1, monthlySavings: '2.00', annualSavings: '24.00', upfrontCost: '0.00' },
    { businessUnit: 'Payments', accounts: 1, count: 1, monthlySavings: '2.00', annualSavings: '24.00', upfrontCost: '0.00' },
    { businessUnit: 'Retail', accounts: 1, count: 2, monthlySavings: '4.00', annualSavings: '48.00', upfrontCost: '0.00' },
  ]);
  expect(reportObject('.md')).toContain([
    '## By business unit (business-unit)',
    '',
    '| Business unit | Accounts | Opportunities | Monthly savings (USD) |',
    '| --- | ---: | ---: | ---: |',
    '| (no value) | 2 | 1 | 2.00 |',
    '| Payments | 1 | 1 | 2.00 |',
    '| Retail | 1 | 2 | 4.00 |',
  ].join('\n'));
  expect(reportObject('-business-units.csv')).toBe([
    'cost_category,business_unit,accounts,opportunities,currency,monthly_savings,annual_savings,upfront_cost',
    'business-unit,(no value),2,1,USD,2.00,24.00,0.00',
    'business-unit,Payments,1,1,USD,2.00,24.00,0.00',
    'business-unit,Retail,1,2,USD,4.00,48.00,0.00',
    '',
  ].join('\r\n'));
});

/**
 * "Step Functions consolidates all child workflow execution data, such as execution input and
 * output, ARN, and execution status. It then exports executions with the same status to their
 * respective files in the specified Amazon S3 location."
 * https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 * The manifest lists those files by status, `ResultFiles: { FAILED: [...], PENDING: [...],
 * SUCCEEDED: [{ Key, Size }] }` next to `DestinationBucket` and `MapRunArn`, as a Map Run's
 * manifest.json shows it: https://sigpwned.com/2023/04/27/aws-step-functions-distributed-map-resultwriter-example
 */
test('a child execution that failed as a whole (FAILED file) and one never run (PENDING file) are named, the others reported', async () => {
  loopback.queue('GetCostAndUsage', awsJsonReply({ ResultsByTime: [], DimensionValueAttributes: [] }));
  const itemOf = (accountId: string, region: string) => ({
    item: { accountId, accountName: ACCOUNT_NAMES[accountId], region },
    runPrefix: RUN_PREFIX,
    runAt: RUN_AT,
  });
  // A child execution that timed out: its Catch never ran, so there is no Output, only the execution's Error and Cause.
  const timedOut: ChildExecutionResult = {
    Status: 'FAILED',
    Input: JSON.stringify(itemOf(PAYMENTS, 'eu-west-1')),
    Error: 'States.Timeout',
    Cause: 'The execution timed out after 120 seconds',
  };
  const neverRun: ChildExecutionResult = { Status: 'PENDING', Input: JSON.stringify(itemOf(UNCATEGORIZED, 'eu-west-1')) };

  const event = writeResults({ SUCCEEDED: [[scanned(RETAIL, 1)]], FAILED: [[timedOut]], PENDING: [[neverRun]] });
  await mergeHandler(event, { invokedFunctionArn: functionArn });

  const report = JSON.parse(reportObject('.json'));
  expect(report.failedSources.map((failed: any) => [failed.source, failed.errorName, failed.errorMessage])).toEqual([
    [`EC2 inventory of ${PAYMENTS} (Payments) in eu-west-1`, 'States.Timeout', 'The execution timed out after 120 seconds'],
    [`EC2 inventory of ${UNCATEGORIZED} (Shared) in eu-west-1`, 'PENDING', 'The Map Run ended before this account and Region was scanned'],
  ]);
  expect(report.organization.accounts.map((account: any) => [account.accountId, account.regionsScanned, account.regionsNotScanned])).toEqual([
    [RETAIL, ['us-east-1'], []], [PAYMENTS, [], ['eu-west-1']], [UNCATEGORIZED, [], ['eu-west-1']],
  ]);
  expect(report.totals.monthlySavings).toBe('2.00');
  expect(reportObject('.md')).toContain(`Not scanned: EC2 inventory of ${PAYMENTS} (Payments) in eu-west-1: States.Timeout`);
});
