import { testOpportunity } from './opportunities';
import { fixtureReport, RUN_TIME } from './pipeline-fixture';
import {
  assertRunDate, buildReport, rankOpportunities, renderReportJson, runDateOf,
} from '../../../src/runtime/optimization';

const usage = { requestCount: 0, costUsd: '0.00', byOperation: {} };

describe('buildReport', () => {
  const report = fixtureReport();

  test('names the account, the run date and the period', () => {
    expect(report.schemaVersion).toBe(2);
    expect(report.accountId).toBe('111122223333');
    expect(report.runDate).toBe('2026-11-26');
    expect(report.generatedAt).toBe('2026-11-26T12:00:00.000Z');
    expect(report.period).toEqual({ start: '2026-08-01', end: '2026-11-01' });
    expect(report.currency).toBe('USD');
  });

  test('totals the opportunities exactly', () => {
    expect(report.totals).toEqual({ count: 16, monthlySavings: '1633.20', annualSavings: '19598.40', upfrontCost: '6132.00' });
  });

  test('totals each type, largest monthly savings first', () => {
    expect(report.totalsByType).toEqual([
      { type: 'SAVINGS_PLANS', count: 1, monthlySavings: '420.48', annualSavings: '5045.76', upfrontCost: '3504.00' },
      { type: 'STORAGE_UNATTACHED_VOLUME', count: 3, monthlySavings: '371.50', annualSavings: '4458.00', upfrontCost: '0.00' },
      { type: 'RESERVED_INSTANCES', count: 2, monthlySavings: '350.50', annualSavings: '4206.00', upfrontCost: '2628.00' },
      { type: 'RIGHTSIZING', count: 3, monthlySavings: '286.33', annualSavings: '3435.96', upfrontCost: '0.00' },
      { type: 'MIGRATE_TO_GRAVITON', count: 1, monthlySavings: '88.88', annualSavings: '1066.56', upfrontCost: '0.00' },
      { type: 'IDLE_RESOURCE', count: 1, monthlySavings: '78.11', annualSavings: '937.32', upfrontCost: '0.00' },
      { type: 'STORAGE_GP2_TO_GP3', count: 3, monthlySavings: '32.00', annualSavings: '384.00', upfrontCost: '0.00' },
      { type: 'STORAGE_OLD_SNAPSHOT', count: 2, monthlySavings: '5.40', annualSavings: '64.80', upfrontCost: '0.00' },
    ]);
  });

  test('records the Cost Explorer requests, what was set aside and which sources failed', () => {
    expect(report.costExplorerRequests).toEqual({
      requestCount: 9,
      costUsd: '0.09',
      byOperation: {
        GetAnomalies: 2,
        GetCostAndUsage: 2,
        GetCostForecast: 1,
        GetReservationPurchaseRecommendation: 1,
        GetRightsizingRecommendation: 2,
        GetSavingsPlansPurchaseRecommendation: 1,
      },
    });
    expect(report.excluded).toEqual({ duplicates: 3, belowThresholds: 4 });
    expect(report.failedSources).toEqual([{ source: 'EC2 eu-west-1', errorName: 'UnauthorizedOperation', errorMessage: 'You are not authorized to perform this operation.' }]);
  });

  test('keeps opportunities in rank order', () => {
    const ranked = rankOpportunities([testOpportunity({ id: 'a', monthlySavings: '60' }), testOpportunity({ id: 'b', monthlySavings: '70' })]);
    const built = buildReport({ accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-11-01', end: '2026-11-26' }, opportunities: [...ranked].reverse(), costExplorerRequests: usage });
    expect(built.opportunities.map(opportunity => opportunity.id)).toEqual(['b', 'a']);
    expect(built.excluded).toEqual({ duplicates: 0, belowThresholds: 0 });
    expect(built.failedSources).toEqual([]);
    expect(built.costSummary).toBeUndefined();
  });

  test('refuses a malformed account or run date, and mixed currencies', () => {
    const base = { generatedAt: RUN_TIME, period: { start: '2026-11-01', end: '2026-11-26' }, opportunities: [], costExplorerRequests: usage };
    expect(() => buildReport({ ...base, accountId: '1111-2222-3333' })).toThrow('An AWS account id is 12 digits; got "1111-2222-3333"');
    expect(() => buildReport({ ...base, accountId: '111122223333', runDate: '2026-02-30' })).toThrow('A run date is a real YYYY-MM-DD date; got "2026-02-30"');
    const mixed = rankOpportunities([testOpportunity({ id: 'a' }), testOpportunity({ id: 'b', currency: 'EUR' })]);
    expect(() => buildReport({ ...base, accountId: '111122223333', opportunities: mixed })).toThrow('several currencies (EUR, USD)');
  });
});

describe('runDateOf', () => {
  test('is the UTC date', () => {
    expect(runDateOf(new Date('2026-11-26T23:59:59.999Z'))).toBe('2026-11-26');
    expect(runDateOf(new Date('2026-11-27T00:30:00+02:00'))).toBe('2026-11-26');
    expect(() => assertRunDate('2026-11-26')).not.toThrow();
    expect(() => assertRunDate('26/11/2026')).toThrow('YYYY-MM-DD');
  });
});

describe('renderReportJson', () => {
  test('is the model as compact JSON, one line, with money in strings', () => {
    const report = fixtureReport();
    const json = renderReportJson(report);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.indexOf('\n')).toBe(json.length - 1);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json).toContain('"monthlySavings":"1633.20"');
    expect(renderReportJson(fixtureReport())).toBe(json);
  });
});
