import { readFileSync } from 'fs';
import { join } from 'path';
import { acceptOutputs, bucketContents, deployPipeline, expectedReportKey, setEnvironment, wireFixture } from './loopback-fixtures';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler as costAnalysisHandler } from '../../../src/optimization/cost-analysis.lambda';
import { handler as storageHandler } from '../../../src/optimization/storage.lambda';
import { AwsLoopback, awsJsonReply, ec2Reply, useLoopbackEnvironment } from '../../support/aws-loopback';

/** The same Monday: cost analysis at 06:00 UTC, storage at 08:00 UTC (the default schedules). */
const COST_ANALYSIS_TIME = '2026-11-30T06:00:00Z';
const STORAGE_TIME = '2026-11-30T08:00:00Z';

let loopback: AwsLoopback;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

function queueCostAnalysisSources(): void {
  loopback.queue('GetCostAndUsage',
    awsJsonReply(wireFixture('GetCostAndUsage.monthly-by-service.page1')), awsJsonReply(wireFixture('GetCostAndUsage.monthly-by-service.page2')));
  loopback.queue('GetCostForecast', awsJsonReply(wireFixture('GetCostForecast')));
  loopback.queue('GetAnomalies', awsJsonReply(wireFixture('GetAnomalies.page1')), awsJsonReply(wireFixture('GetAnomalies.page2')));
}

function queueStorageSources(): void {
  const page = (operation: string, number: number) => ec2Reply(operation, readFileSync(join(__dirname, 'fixtures', `${operation}.page${number}.xml`), 'utf8'));
  loopback.queue('DescribeVolumes', page('DescribeVolumes', 1), page('DescribeVolumes', 2));
  loopback.queue('DescribeSnapshots', page('DescribeSnapshots', 1), page('DescribeSnapshots', 2));
}

describe('optimizers of one pipeline writing to one bucket', () => {
  test('two optimizers the same day keep both reports, and a retried run rewrites only its own keys', async () => {
    const optimizerOf = deployPipeline({ optimizers: [Optimizer.costAnalysis(), Optimizer.storage()] });
    const costAnalysis = optimizerOf(OptimizerKind.COST_ANALYSIS);
    const storage = optimizerOf(OptimizerKind.STORAGE);
    expect(costAnalysis.environment.REPORT_BUCKET).toBe(storage.environment.REPORT_BUCKET);
    acceptOutputs(loopback);

    restore.push(setEnvironment(costAnalysis.environment));
    queueCostAnalysisSources();
    const costRun = await costAnalysisHandler(costAnalysis.scheduledEvent(COST_ANALYSIS_TIME), { invokedFunctionArn: costAnalysis.functionArn });
    restore.pop()!();

    restore.push(setEnvironment(storage.environment));
    for (const attempt of ['first', 'retry']) {
      queueStorageSources();
      const storageRun = await storageHandler(storage.scheduledEvent(STORAGE_TIME), { invokedFunctionArn: storage.functionArn });
      expect([attempt, storageRun.reportKeys]).toEqual([attempt, (['json', 'md', 'csv'] as const).map((format) => expectedReportKey('storage', STORAGE_TIME, format))]);
    }
    restore.pop()!();

    // Ten writes (four with the cost CSV, then three and the same three again) leave seven objects: both runs' reports, each once.
    expect(loopback.requestsFor('PutObject')).toHaveLength(10);
    const bucket = bucketContents(loopback);
    expect([...bucket.keys()].sort()).toEqual([
      ...(['costs.csv', 'csv', 'json', 'md'] as const).map((format) => expectedReportKey('cost-analysis', COST_ANALYSIS_TIME, format)),
      ...(['csv', 'json', 'md'] as const).map((format) => expectedReportKey('storage', STORAGE_TIME, format)),
    ]);
    expect(costRun.reportKeys).toEqual((['json', 'md', 'csv', 'costs.csv'] as const).map((format) => expectedReportKey('cost-analysis', COST_ANALYSIS_TIME, format)));
    const costReport = JSON.parse(bucket.get(expectedReportKey('cost-analysis', COST_ANALYSIS_TIME))!);
    const storageReport = JSON.parse(bucket.get(expectedReportKey('storage', STORAGE_TIME))!);
    expect(costReport.costSummary.total).toBe('6401.00');
    expect(storageReport.totals.monthlySavings).toBe('17.00');

    // Each summary links to its own report, which nothing has replaced.
    const links = loopback.requestsFor('Publish').map((request) => /Full report: (\S+)/.exec(request.input.Message)?.[1]);
    expect(links).toEqual([
      `s3://${costAnalysis.bucket}/${expectedReportKey('cost-analysis', COST_ANALYSIS_TIME, 'md')}`,
      `s3://${storage.bucket}/${expectedReportKey('storage', STORAGE_TIME, 'md')}`,
      `s3://${storage.bucket}/${expectedReportKey('storage', STORAGE_TIME, 'md')}`,
    ]);
  });
});
