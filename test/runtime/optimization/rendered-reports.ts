import type { ListRecommendationsResponse } from '@aws-sdk/client-cost-optimization-hub';
import { loadFixture } from './fixtures';
import { fixtureReport, RUN_TIME } from './pipeline-fixture';
import { buildReport, costOptimizationHubOpportunities, reportObjects, selectOpportunities } from '../../../src/runtime/optimization';
import { hubRecommendationsWithDuplicates } from '../../support/synthetic-payloads';

/**
 * Every report body (JSON, Markdown, CSV) of two runs, by file name: the fixtures' full report, and
 * Cost Optimization Hub recommendations whose amounts take every arithmetic path (below a cent,
 * more than six decimals, exponent notation, past 2^51 micro-units, unknown cost, negative
 * savings...) among synthetic ones with duplicates. `fixtures/rendered-reports.json` holds what the
 * decimal.js-era code wrote for them, so a faster path must write the same bytes.
 */
export function renderedReports(): Record<string, string> {
  const edgeAmounts = loadFixture<ListRecommendationsResponse>('ListRecommendations.edge-amounts.page1');
  const pages: ListRecommendationsResponse[] = [edgeAmounts, ...hubRecommendationsWithDuplicates(200)];
  const selection = selectOpportunities(costOptimizationHubOpportunities(pages, { accountId: '111122223333' }));
  const hubReport = buildReport({
    accountId: '111122223333',
    generatedAt: RUN_TIME,
    period: { start: '2026-10-26', end: '2026-11-26' },
    opportunities: selection.ranked,
    excluded: { duplicates: selection.duplicates.length, belowThresholds: selection.rejected.length },
    costExplorerRequests: { requestCount: 0, costUsd: '0.00', byOperation: {} },
  });
  // The policy sets most edge amounts aside: their normalized figures are pinned here.
  const bodies: Record<string, string> = {
    'hub-edge-amounts.opportunities.json': `${JSON.stringify(costOptimizationHubOpportunities([edgeAmounts]), undefined, 1)}\n`,
  };
  for (const [name, report] of [['fixture-report', fixtureReport()], ['hub-edge-amounts', hubReport]] as const) {
    for (const object of reportObjects(report, 'rightsizing')) {
      bodies[`${name}.${object.key.slice(object.key.indexOf('.') + 1)}`] = object.body;
    }
  }
  return bodies;
}
