import { readFileSync } from 'fs';
import { join } from 'path';
// eslint-disable-next-line import/no-extraneous-dependencies -- the bench is a development tool, run in this repository only
import { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import { Measurement } from './measure';
import {
  ALL_RESERVATION_SERVICES, buildCostForecastRequest, CostExplorerRequestCounter, DEFAULT_POLICY, planCostAndUsageRequests,
} from '../src/runtime/optimization';
import {
  anomaliesFrom, costAndUsagePagesFrom, forecastFrom, reservationsFrom, rightsizingFrom, savingsPlansFrom,
} from '../src/runtime/optimization-handlers/cost-explorer-sources';
import { AwsLoopback, awsJsonReply, loopbackClientConfig } from '../test/support/aws-loopback';

const FIXTURES = join(__dirname, '..', 'test', 'runtime', 'optimization', 'fixtures');

/** The seed's design: ten Cost Explorer requests per analysis. */
const SEED_REQUESTS_PER_ANALYSIS = 10;

/** Answers each Cost Explorer operation with its fixture pages: page 1, then page 2 for its NextPageToken. */
function serveFixtures(loopback: AwsLoopback, operation: string, pages: string[]): void {
  loopback.on(operation, (request) => {
    const index = request.input.NextPageToken ? 1 : 0;
    return awsJsonReply(JSON.parse(readFileSync(join(FIXTURES, `${pages[Math.min(index, pages.length - 1)]}.json`), 'utf8')));
  });
}

/**
 * One pipeline run (cost analysis, rightsizing, commitments; the storage optimizer calls EC2
 * only) through the handlers' source functions and a real Cost Explorer client, answered by
 * the recorded fixtures on a loopback endpoint: every request the run sends is counted.
 */
export async function costExplorerRequests(): Promise<Measurement[]> {
  const loopback = await AwsLoopback.start();
  try {
    serveFixtures(loopback, 'GetCostAndUsage', ['GetCostAndUsage.monthly-by-service.page1', 'GetCostAndUsage.monthly-by-service.page2']);
    serveFixtures(loopback, 'GetCostForecast', ['GetCostForecast']);
    serveFixtures(loopback, 'GetAnomalies', ['GetAnomalies.page1', 'GetAnomalies.page2']);
    serveFixtures(loopback, 'GetRightsizingRecommendation', ['GetRightsizingRecommendation.page1', 'GetRightsizingRecommendation.page2']);
    serveFixtures(loopback, 'GetReservationPurchaseRecommendation', ['GetReservationPurchaseRecommendation.page1']);
    serveFixtures(loopback, 'GetSavingsPlansPurchaseRecommendation', ['GetSavingsPlansPurchaseRecommendation.page1']);
    const client = new CostExplorerClient(loopbackClientConfig(loopback.endpoint));
    const counter = new CostExplorerRequestCounter();
    const options = { accountId: '111122223333' };
    for (const request of planCostAndUsageRequests({ start: '2026-05-01', end: '2026-11-01', granularity: 'MONTHLY' })) {
      await costAndUsagePagesFrom(client, counter, request);
    }
    await forecastFrom(client, counter, buildCostForecastRequest({ start: '2026-11-26', end: '2026-12-01' }));
    await anomaliesFrom(client, counter, '2026-10-27', '2026-11-26');
    const analysisRequests = loopback.requests.length;
    await rightsizingFrom(client, counter, DEFAULT_POLICY, options);
    for (const service of ALL_RESERVATION_SERVICES) {
      await reservationsFrom(client, counter, DEFAULT_POLICY, options, service);
    }
    await savingsPlansFrom(client, counter, DEFAULT_POLICY, options);
    client.destroy();
    const sent = loopback.requests.filter((request) => request.service === 'ce').length;
    return [
      { name: 'cost_explorer.requests.cost_analysis', value: analysisRequests, unit: 'requests' },
      { name: 'cost_explorer.requests.pipeline_run', value: sent, unit: 'requests' },
      { name: 'cost_explorer.requests.pipeline_run.counted_by_runtime', value: counter.usage().requestCount, unit: 'requests' },
      { name: 'cost_explorer.requests.seed_per_analysis', value: SEED_REQUESTS_PER_ANALYSIS, unit: 'requests' },
    ];
  } finally {
    await loopback.stop();
  }
}
