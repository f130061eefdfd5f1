import {
  acceptOutputs, attemptOf, deployOptimizer, DeployedOptimizer, metricsLogged, setEnvironment, storedReport, wireFixture,
} from './loopback-fixtures';
import { Optimizer, OptimizerKind } from '../../../src/optimization';
import { handler } from '../../../src/optimization/rightsizing.lambda';
import { AwsLoopback, awsJsonError, awsJsonReply, LoopbackRequest, LoopbackReply, useLoopbackEnvironment } from '../../support/aws-loopback';

let loopback: AwsLoopback;
let deployed: DeployedOptimizer;
let restore: Array<() => void> = [];

const REGIONS = ['us-east-1', 'eu-west-1'];

beforeAll(async () => {
  loopback = await AwsLoopback.start();
  restore = [useLoopbackEnvironment(loopback.endpoint)];
  deployed = deployOptimizer(OptimizerKind.RIGHTSIZING, { optimizers: [Optimizer.rightsizing({ computeOptimizerRegions: REGIONS })] });
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

const SCHEDULED_TIME = '2026-11-30T07:00:00Z';

/** The region a request was signed for (its SigV4 credential scope), which is where the SDK sent it. */
function regionOf(request: LoopbackRequest): string | undefined {
  return /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(String(request.headers.authorization))?.[1];
}

/** A recorded Compute Optimizer page as it is on the wire: timestamps as epoch seconds. */
function computeOptimizerPage(name: string): unknown {
  return JSON.parse(JSON.stringify(wireFixture(name)), (key, value) =>
    key === 'lastRefreshTimestamp' && typeof value === 'string' ? Date.parse(value) / 1000 : value);
}

/** Answers one Compute Optimizer API: the recorded pages in us-east-1, nothing in eu-west-1. */
function answerByRegion(pages: Record<string, string>): (request: LoopbackRequest) => LoopbackReply {
  return (request) => {
    if (regionOf(request) !== 'us-east-1') return awsJsonReply({});
    const fixture = pages[request.input.nextToken ?? 'first'];
    return fixture === undefined ? awsJsonError('InvalidParameterValueException', 'unknown nextToken') : awsJsonReply(computeOptimizerPage(fixture));
  };
}

function answerCostExplorerAndHub(): void {
  loopback.queue('GetRightsizingRecommendation',
    awsJsonReply(wireFixture('GetRightsizingRecommendation.page1')),
    awsJsonReply(wireFixture('GetRightsizingRecommendation.page2')),
  );
  const items = (wireFixture('ListRecommendations.page1').items as any[])
    .filter((item) => ['Rightsize', 'Stop', 'MigrateToGraviton'].includes(item.actionType))
    .map((item) => ({ ...item, lastRefreshTimestamp: Date.parse(item.lastRefreshTimestamp) / 1000 }));
  loopback.queue('ListRecommendations', awsJsonReply({ items }));
}

describe('rightsizing handler with Compute Optimizer over the loopback', () => {
  test('reads the four APIs in each region, pages, retries throttling, and a failing region-API loses only itself', async () => {
    answerCostExplorerAndHub();
    let throttled = false;
    const instances = answerByRegion({ 'first': 'GetEC2InstanceRecommendations.page1', 'co-ec2-page-2': 'GetEC2InstanceRecommendations.page2' });
    loopback
      .on('GetEC2InstanceRecommendations', (request) => {
        if (!throttled) {
          throttled = true;
          return awsJsonError('ThrottlingException', 'Rate exceeded');
        }
        return instances(request);
      })
      .on('GetEBSVolumeRecommendations', answerByRegion({ first: 'GetEBSVolumeRecommendations.page1' }))
      .on('GetLambdaFunctionRecommendations', answerByRegion({ first: 'GetLambdaFunctionRecommendations.page1' }))
      .on('GetRDSDatabaseRecommendations', (request) => regionOf(request) === 'eu-west-1'
        ? awsJsonError('OptInRequiredException', 'The account is not opted in to Compute Optimizer in this Region.', 403)
        : answerByRegion({ first: 'GetRDSDatabaseRecommendations.page1' })(request));

    const result = await handler(deployed.scheduledEvent(SCHEDULED_TIME), { invokedFunctionArn: deployed.functionArn });

    const instanceCalls = loopback.requestsFor('GetEC2InstanceRecommendations');
    expect(instanceCalls.map((call) => [regionOf(call), attemptOf(call), call.input.nextToken])).toEqual([
      ['us-east-1', '1', undefined],
      ['us-east-1', '2', undefined],
      ['us-east-1', '1', 'co-ec2-page-2'],
      ['eu-west-1', '1', undefined],
    ]);
    expect(instanceCalls[0].headers['x-amz-target']).toBe('ComputeOptimizerService.GetEC2InstanceRecommendations');
    expect(instanceCalls[0].input.accountIds).toBeUndefined();
    for (const operation of ['GetEBSVolumeRecommendations', 'GetLambdaFunctionRecommendations']) {
      expect(loopback.requestsFor(operation).map(regionOf)).toEqual(REGIONS);
    }

    expect(result.failedSources).toEqual(['Compute Optimizer GetRDSDatabaseRecommendations eu-west-1']);
    const report = storedReport(loopback, 'rightsizing', SCHEDULED_TIME);
    expect(report.failedSources).toEqual([{
      source: 'Compute Optimizer GetRDSDatabaseRecommendations eu-west-1',
      errorName: 'OptInRequiredException',
      errorMessage: 'The account is not opted in to Compute Optimizer in this Region.',
    }]);
    const ranked = report.opportunities.map((opportunity: any) =>
      [opportunity.resourceId, opportunity.type, opportunity.monthlySavings, opportunity.source, opportunity.details.alsoFoundBy]);
    expect(ranked).toEqual(expect.arrayContaining([
      ['i-0a1b2c3d4e5f60001', 'RIGHTSIZING', '150.10', 'COST_OPTIMIZATION_HUB', 'COMPUTE_OPTIMIZER, COST_EXPLORER'],
      ['my-function', 'RIGHTSIZING', '75.50', 'COST_OPTIMIZATION_HUB', 'COMPUTE_OPTIMIZER'],
      ['i-0a1b2c3d4e5f60008', 'MIGRATE_TO_GRAVITON', '107.018', 'COMPUTE_OPTIMIZER', undefined],
      ['image-resizer', 'RIGHTSIZING', '91.30', 'COMPUTE_OPTIMIZER', undefined],
      ['orders', 'RIGHTSIZING', '1234.567', 'COMPUTE_OPTIMIZER', undefined],
    ]));
    expect(report.opportunities.filter((opportunity: any) => opportunity.resourceId === 'i-0a1b2c3d4e5f60001')).toHaveLength(1);
    expect(metricsLogged()).toContainEqual({ name: 'FailedSources', dimensions: 'Optimizer=rightsizing', value: 1 });
  });
});
