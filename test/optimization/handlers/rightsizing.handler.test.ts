import {
  acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, expectedReportKey, metricDocuments, metricsLogged, setEnvironment, storedReport,
  wireFixture,
} from './loopback-fixtures';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/rightsizing.lambda';
import { AwsLoopback, awsJsonError, awsJsonReply, useLoopbackEnvironment } from '../../support/aws-loopback';

let loopback: AwsLoopback;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  deployed = deployOptimizer(OptimizerKind.RIGHTSIZING, { optimizers: [Optimizer.rightsizing()] });
});

afterEach(() => {
  restore.pop()?.();
});

afterAll(async () => {
  restore.forEach((undo) => undo());
  await loopback.stop();
});

beforeEach(() => {
  loopback.requests.length = 0;
  acceptOutputs(loopback);
  restore.push(setEnvironment(deployed.environment));
});

/** When the rightsizing schedule fires (Mondays 07:00 UTC by default); the SDK's clock stays real. */
const SCHEDULED_TIME = '2026-11-30T07:00:00Z';

/** Runs the handler as deployed: the schedule's event and the function's ARN. */
function runScheduled() {
  return handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });
}

/**
 * The recorded ListRecommendations items the handler's filter asks for, as Cost Optimization Hub
 * would answer it (timestamps as epoch seconds on the wire), split in two pages.
 */
function hubPages(): [any, any] {
  const items = (wireFixture('ListRecommendations.page1').items as any[])
    .filter((item) => ['Rightsize', 'Stop', 'MigrateToGraviton'].includes(item.actionType))
    .map((item) => ({ ...item, lastRefreshTimestamp: Date.parse(item.lastRefreshTimestamp) / 1000 }));
  return [{ items: items.slice(0, 2), nextToken: 'hub-page-2' }, { items: items.slice(2) }];
}

describe('rightsizing handler over the loopback', () => {
  test('pages both sources, retries throttling, and writes the exact report', async () => {
    const [hubFirst, hubSecond] = hubPages();
    loopback.queue('GetRightsizingRecommendation',
      awsJsonError('LimitExceededException', 'You have exceeded the rate limit'),
      awsJsonReply(wireFixture('GetRightsizingRecommendation.page1')),
      awsJsonReply(wireFixture('GetRightsizingRecommendation.page2')),
    );
    loopback.queue('ListRecommendations', awsJsonReply(hubFirst), awsJsonError('ThrottlingException', 'Rate exceeded'), awsJsonReply(hubSecond));

    const result = await runScheduled();

    const rightsizingCalls = loopback.requestsFor('GetRightsizingRecommendation');
    expect(rightsizingCalls.map(attemptOf)).toEqual(['1', '2', '1']);
    expect(rightsizingCalls[0].input).toEqual({ Service: 'AmazonEC2', Configuration: { RecommendationTarget: 'SAME_INSTANCE_FAMILY', BenefitsConsidered: true } });
    expect(rightsizingCalls[2].input.NextPageToken).toBe('page-2-token');
    const hubCalls = loopback.requestsFor('ListRecommendations');
    expect(hubCalls.map((call) => call.input.nextToken)).toEqual([undefined, 'hub-page-2', 'hub-page-2']);
    expect(hubCalls[0].input.filter).toEqual({ actionTypes: ['Rightsize', 'Stop', 'MigrateToGraviton'] });

    expect(result).toEqual({
      optimizer: 'rightsizing',
      opportunities: 5,
      monthlySavings: '453.32',
      costExplorerRequests: 2,
      failedSources: [],
      reportKeys: (['json', 'md', 'csv'] as const).map((format) => expectedReportKey('rightsizing', SCHEDULED_TIME, format)),
    });
    const report = storedReport(loopback, 'rightsizing', SCHEDULED_TIME);
    expect(report.totals).toEqual({ count: 5, monthlySavings: '453.32', annualSavings: '5439.84', upfrontCost: '0.00' });
    expect(report.totalsByType.map((totals: any) => [totals.type, totals.count, totals.monthlySavings])).toEqual([
      ['RIGHTSIZING', 3, '286.33'],
      ['MIGRATE_TO_GRAVITON', 1, '88.88'],
      ['IDLE_RESOURCE', 1, '78.11'],
    ]);
    const ranked = report.opportunities.map((opportunity: any) =>
      [opportunity.rank, opportunity.resourceId, opportunity.monthlySavings, opportunity.source]);
    expect(ranked).toEqual([
      [1, 'i-0a1b2c3d4e5f60001', '150.10', 'COST_OPTIMIZATION_HUB'],
      [2, 'my-function', '75.50', 'COST_OPTIMIZATION_HUB'],
      [3, 'i-0a1b2c3d4e5f60002', '78.11', 'COST_EXPLORER'],
      [4, 'i-0a1b2c3d4e5f60004', '60.73', 'COST_EXPLORER'],
      [5, 'i-0a1b2c3d4e5f60009', '88.88', 'COST_OPTIMIZATION_HUB'],
    ]);
    expect(report.excluded).toEqual({ duplicates: 1, belowThresholds: 2 });
    // Two pages billed; the throttled attempt is retried by the SDK and not counted as an answer.
    expect(report.costExplorerRequests).toEqual({ requestCount: 2, costUsd: '0.02', byOperation: { GetRightsizingRecommendation: 2 } });
    expect(report.failedSources).toEqual([]);
    const stored = loopback.requestsFor('PutObject').map((request) => [request.input.Key.split('.').pop(), request.headers['content-type']]);
    expect(stored).toEqual([['json', 'application/json'], ['md', 'text/markdown; charset=utf-8'], ['csv', 'text/csv; charset=utf-8; header=present']]);
    const csv = loopback.requestsFor('PutObject')[2].rawBody.trim().split('\n');
    expect(csv).toHaveLength(6);

    // One embedded metric format document per dimension values, in the namespace the construct set,
    // stamped with the run's scheduled time; no PutMetricData call.
    const emf = (dimensions: Record<string, string>, metrics: Array<[string, string, number]>) => ({
      _aws: {
        Timestamp: Date.parse(SCHEDULED_TIME),
        CloudWatchMetrics: [{
          Namespace: deployed.environment.METRIC_NAMESPACE,
          Dimensions: [Object.keys(dimensions)],
          Metrics: metrics.map(([name, unit]) => ({ Name: name, Unit: unit })),
        }],
      },
      ...dimensions,
      ...Object.fromEntries(metrics.map(([name, , value]) => [name, value])),
    });
    const byType = (type: string) => ({ Optimizer: 'rightsizing', OpportunityType: type });
    expect(deployed.environment.METRIC_NAMESPACE).toBe('FinOps/Optimization');
    expect(metricDocuments()).toEqual([
      emf({ Optimizer: 'rightsizing' }, [
        ['PotentialMonthlySavings', 'None', 453.32], ['OpportunityCount', 'Count', 5], ['CostExplorerRequests', 'Count', 2], ['FailedSources', 'Count', 0],
      ]),
      emf(byType('RIGHTSIZING'), [['PotentialMonthlySavings', 'None', 286.33], ['OpportunityCount', 'Count', 3]]),
      emf(byType('MIGRATE_TO_GRAVITON'), [['PotentialMonthlySavings', 'None', 88.88], ['OpportunityCount', 'Count', 1]]),
      emf(byType('IDLE_RESOURCE'), [['PotentialMonthlySavings', 'None', 78.11], ['OpportunityCount', 'Count', 1]]),
    ]);
    expect(loopback.requestsFor('PutMetricData')).toEqual([]);

    const [published] = loopback.requestsFor('Publish');
    expect(published.input.TopicArn).toBe(deployed.environment.ALERT_TOPIC_ARN);
    expect(published.input.Subject).toBe('FinOps 111122223333: 453.32 USD/month potential savings');
    expect(published.input.Message).toContain(`s3://${deployed.bucket}/${expectedReportKey('rightsizing', SCHEDULED_TIME, 'md')}`);
    expect(loopback.requestsFor('StartExecution')).toEqual([]);
  });

  test('a failing source does not lose the other: the report names it and the failure metric counts it', async () => {
    loopback.queue('GetRightsizingRecommendation',
      awsJsonReply(wireFixture('GetRightsizingRecommendation.page1')),
      awsJsonReply(wireFixture('GetRightsizingRecommendation.page2')),
    );
    // Answered every time: the SDK retries AccessDeniedException once, as a possible clock skew.
    loopback.on('ListRecommendations', () => awsJsonError('AccessDeniedException', 'Cost Optimization Hub is not enabled for this account'));

    const result = await runScheduled();

    expect(result.failedSources).toEqual(['Cost Optimization Hub ListRecommendations']);
    const report = storedReport(loopback, 'rightsizing', SCHEDULED_TIME);
    expect(report.failedSources).toEqual([{
      source: 'Cost Optimization Hub ListRecommendations',
      errorName: 'AccessDeniedException',
      errorMessage: 'Cost Optimization Hub is not enabled for this account',
    }]);
    expect(report.opportunities.map((opportunity: any) => [opportunity.resourceId, opportunity.monthlySavings, opportunity.source])).toEqual([
      ['i-0a1b2c3d4e5f60001', '140.16', 'COST_EXPLORER'],
      ['i-0a1b2c3d4e5f60002', '78.11', 'COST_EXPLORER'],
      ['i-0a1b2c3d4e5f60004', '60.73', 'COST_EXPLORER'],
    ]);
    expect(report.totals.monthlySavings).toBe('279.00');
    expect(metricsLogged()).toContainEqual({ name: 'FailedSources', dimensions: 'Optimizer=rightsizing', value: 1 });
  });

  test('a retry of the same scheduled run rewrites the same keys', async () => {
    const [hubFirst, hubSecond] = hubPages();
    loopback.on('ListRecommendations', () => awsJsonError('Unexpected', 'queued replies should have answered'));
    for (let run = 0; run < 2; run++) {
      loopback.queue('GetRightsizingRecommendation', awsJsonReply(wireFixture('GetRightsizingRecommendation.page1')),
        awsJsonReply(wireFixture('GetRightsizingRecommendation.page2')));
      loopback.queue('ListRecommendations', awsJsonReply(hubFirst), awsJsonReply(hubSecond));
      await runScheduled();
    }
    const keys = loopback.requestsFor('PutObject').map((request) => request.input.Key);
    expect(keys).toHaveLength(6);
    expect(new Set(keys).size).toBe(3);
  });
});
