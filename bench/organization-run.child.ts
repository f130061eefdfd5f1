/**
 * One simulated organization-wide storage run, in a fresh process (bundled as a handler is, so no
 * compiler sits in memory): the real targets, scan and merge code over ACCOUNTS x REGIONS items,
 * with in-process fakes answering Organizations, EC2, S3, SNS, CloudWatch, Cost Explorer and Step
 * Functions. Prints one JSON line of figures. Settings come from the parent in BENCH_SETTINGS.
 */
import { approvalStarter } from '../src/runtime/optimization-handlers/approval-start';
import type { PriceListQuery } from '../src/runtime/optimization-handlers/ebs-price-source';
import { readOptimizerEnvironment } from '../src/runtime/optimization-handlers/environment';
import { mergeOrganizationRun, type MergeEvent } from '../src/runtime/optimization-handlers/organization-merge-run';
import { organizationRunPrefix, readTargetsEnvironment, type TargetsRun } from '../src/runtime/optimization-handlers/organization-run';
import type { ScanSummary } from '../src/runtime/optimization-handlers/organization-scan';
import { readScanSettings, scanAccountRegion } from '../src/runtime/optimization-handlers/organization-scan';
import { scanItems, targetAccounts } from '../src/runtime/optimization-handlers/organization-targets';

interface ChildSettings {
  readonly accounts: number;
  readonly regions: string[];
  readonly targetsEnvironment: Record<string, string>;
  readonly scanEnvironment: Record<string, string>;
  readonly mergeEnvironment: Record<string, string>;
  readonly mergeFunctionArn: string;
}

/** What the simulation chooses (not AWS figures): page sizes and result files. */
const ORGANIZATIONS_PAGE = 20;
const COST_EXPLORER_GROUPS_PER_PAGE = 1000;
const RESULTS_PER_FILE = 5000;
const DAY = 86_400_000;
const RUN_AT = '2026-11-30T08:00:00.000Z';

const settings = JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as ChildSettings;
const store = new Map<string, string>();
const payloads: Record<string, number> = {};
const counts = { organizations: 0, costExplorer: 0, approvalInputBytes: 0 };

function bytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value), 'utf8');
}

function notePayload(state: string, value: unknown): void {
  payloads[state] = Math.max(payloads[state] ?? 0, bytes(value));
}

const accountId = (index: number) => String(100000000000 + index * 7919);
const businessUnit = (index: number) => `unit-${index % 12}`;

/** A fake client: `send` answers by command class name. */
function fake(answers: Record<string, (input: any) => unknown>): any {
  return {
    send: async (command: { constructor: { name: string }; input: any }) => {
      const answer = answers[command.constructor.name];
      if (answer === undefined) throw new Error(`The bench's fake has no answer for ${command.constructor.name}`);
      return answer(command.input);
    },
  };
}

const s3 = fake({
  PutObjectCommand: (input) => {
    store.set(`${input.Bucket}/${input.Key}`, String(input.Body));
    return { ETag: '"etag"' };
  },
  GetObjectCommand: (input) => {
    const body = store.get(`${input.Bucket}/${input.Key}`);
    if (body === undefined) throw Object.assign(new Error(`NoSuchKey ${input.Key}`), { name: 'NoSuchKey' });
    return { Body: { transformToString: async () => body } };
  },
});

const organizations = fake({
  ListAccountsCommand: (input) => {
    counts.organizations++;
    const start = input.NextToken === undefined ? 0 : Number(input.NextToken);
    const end = Math.min(start + ORGANIZATIONS_PAGE, settings.accounts);
    const accounts = Array.from({ length: end - start }, (_, offset) => ({
      Id: accountId(start + offset), Name: `workload-${start + offset}`, State: 'ACTIVE', Status: 'ACTIVE',
    }));
    return { Accounts: accounts, ...(end < settings.accounts ? { NextToken: String(end) } : {}) };
  },
});

/** Each account and Region holds two in-use gp2 volumes and one snapshot past retention: three findings. */
function ec2For(owner: string, region: string): any {
  const volumeId = (index: number) => `vol-${owner}${region.replace(/-/g, '')}${index}`;
  return fake({
    DescribeVolumesCommand: () => ({
      Volumes: [0, 1].map((index) => ({
        VolumeId: volumeId(index),
        Size: 200 + index * 300,
        VolumeType: 'gp2',
        State: 'in-use',
        Attachments: [{ InstanceId: 'i-0123456789abcdef0', State: 'attached' }],
        Tags: [{ Key: 'team', Value: 'payments' }],
      })),
    }),
    DescribeSnapshotsCommand: () => ({
      Snapshots: [{
        SnapshotId: `snap-${owner}${region.replace(/-/g, '')}`,
        VolumeId: volumeId(0),
        State: 'completed',
        StartTime: new Date(Date.parse(RUN_AT) - 400 * DAY),
        VolumeSize: 200,
        StorageTier: 'standard',
      }],
    }),
  });
}

const costExplorer = fake({
  GetCostAndUsageCommand: (input) => {
    counts.costExplorer++;
    const start = input.NextPageToken === undefined ? 0 : Number(input.NextPageToken);
    const end = Math.min(start + COST_EXPLORER_GROUPS_PER_PAGE, settings.accounts);
    const groups = Array.from({ length: end - start }, (_, offset) => ({
      Keys: [accountId(start + offset), `business-unit$${businessUnit(start + offset)}`],
      Metrics: { UnblendedCost: { Amount: `${1000 + (start + offset) % 997}.1234567`, Unit: 'USD' } },
    }));
    return {
      ResultsByTime: [{ TimePeriod: { Start: '2026-10-01', End: '2026-11-01' }, Total: {}, Groups: groups, Estimated: false }],
      ...(end < settings.accounts ? { NextPageToken: String(end) } : {}),
    };
  },
});

const outputs = {
  sns: fake({ PublishCommand: () => ({ MessageId: 'message-1' }) }),
  cloudWatch: fake({ PutMetricDataCommand: () => ({}) }),
  startApproval: approvalStarter(fake({
    StartExecutionCommand: (input) => {
      counts.approvalInputBytes = Buffer.byteLength(input.input, 'utf8');
      return { executionArn: `${input.stateMachineArn}:${input.name}` };
    },
  })),
};

/** The targets step, as its handler runs it: list the accounts, write the items, return where they are. */
async function listTargets(): Promise<TargetsRun> {
  const environment = readTargetsEnvironment(settings.targetsEnvironment);
  const { accounts, notes } = await targetAccounts(organizations, environment.targets);
  const items = scanItems(accounts, environment.regions);
  const runPrefix = organizationRunPrefix(environment.reportPrefix, new Date(RUN_AT), 'bench-run');
  const itemsKey = `${runPrefix}/items.json`;
  store.set(`${environment.reportBucket}/${itemsKey}`, JSON.stringify(items));
  return { runAt: RUN_AT, runPrefix, itemsKey, accounts: accounts.length, items: items.length, notes };
}

/** No Price List in the simulation: every scan prices from the hand-copied table, as when the API fails. */
const UNANSWERED_PRICE_LIST: PriceListQuery = {
  getProducts: async () => { throw new Error('The bench simulates no Price List'); },
};

/** The Distributed Map: each item through the real scan, the results written as the ResultWriter does. */
async function eachAccountRegion(targets: TargetsRun, bucket: string): Promise<MergeEvent['results']> {
  const scanSettings = readScanSettings(settings.scanEnvironment);
  const items = JSON.parse(store.get(`${bucket}/${targets.itemsKey}`)!) as Array<{ accountId: string; region: string }>;
  const results: Array<{ Status: string; Input: string; Output: string }> = [];
  for (const item of items) {
    const input = { item, runPrefix: targets.runPrefix, runAt: targets.runAt };
    notePayload('ScanAccountRegion input', input);
    const summary: ScanSummary = await scanAccountRegion(
      { ec2: ec2For(item.accountId, item.region), s3, priceList: UNANSWERED_PRICE_LIST }, input as any, scanSettings);
    notePayload('ScanAccountRegion output', summary);
    results.push({ Status: 'SUCCEEDED', Input: JSON.stringify(input), Output: JSON.stringify(summary) });
  }
  const prefix = `${targets.runPrefix}/results/bench`;
  const files = [];
  for (let start = 0; start < results.length; start += RESULTS_PER_FILE) {
    const key = `${prefix}/SUCCEEDED_${start / RESULTS_PER_FILE}.json`;
    store.set(`${bucket}/${key}`, JSON.stringify(results.slice(start, start + RESULTS_PER_FILE)));
    files.push({ Key: key, Size: 0 });
  }
  store.set(`${bucket}/${prefix}/manifest.json`, JSON.stringify({ DestinationBucket: bucket, MapRunArn: 'bench', ResultFiles: { FAILED: [], PENDING: [], SUCCEEDED: files } }));
  return { Bucket: bucket, Key: `${prefix}/manifest.json` };
}

async function main(): Promise<void> {
  const execution = { scheduledTime: RUN_AT };
  notePayload('execution input', execution);
  const targets = await listTargets();
  notePayload('ListTargets output', targets);
  const bucket = settings.mergeEnvironment.REPORT_BUCKET;
  const results = await eachAccountRegion(targets, bucket);
  const mapOutput = { MapRunArn: 'arn:aws:states:us-east-1:111122223333:mapRun:organization-storage/EachAccountRegion:00000000-0000-0000-0000-000000000000', ResultWriterDetails: results };
  notePayload('EachAccountRegion output', { ...execution, targets, results: mapOutput });
  const mergeInput = { targets, results: results };
  notePayload('MergeReport input', mergeInput);

  const environment = readOptimizerEnvironment(settings.mergeEnvironment);
  global.gc?.();
  const rssBeforeMergeKb = Math.round(process.memoryUsage().rss / 1024);
  const start = process.hrtime.bigint();
  const result = await mergeOrganizationRun({ s3, costExplorer, ...outputs }, {
    environment,
    businessUnitCostCategory: settings.mergeEnvironment.BUSINESS_UNIT_COST_CATEGORY,
  }, mergeInput, settings.mergeFunctionArn);
  const mergeMs = Number(process.hrtime.bigint() - start) / 1e6;
  notePayload('MergeReport output', result);
  process.stdout.write(`${JSON.stringify({
    items: targets.items,
    opportunities: result.opportunities,
    mergeMs,
    rssBeforeMergeKb,
    peakRssKb: process.resourceUsage().maxRSS,
    payloads,
    organizationsRequests: counts.organizations,
    costExplorerRequests: result.costExplorerRequests,
    costExplorerPagesAnswered: counts.costExplorer,
    approvalInputBytes: counts.approvalInputBytes,
  })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
