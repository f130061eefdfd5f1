import type { GetAnomaliesResponse, GetCostAndUsageResponse } from '@aws-sdk/client-cost-explorer';
import { testOpportunity } from './opportunities';
import {
  apportionMoney, buildReport, Decimal, OpportunityType, rankOpportunities, renderReportCsv, renderReportJson, renderReportMarkdown,
  rightsizingOpportunities, snsSummary, summarizeAnomalies, summarizeCosts,
} from '../../../src/runtime/optimization';

const RUN_TIME = new Date('2026-11-30T06:00:00Z');
const NO_REQUESTS = { requestCount: 0, costUsd: '0.00', byOperation: {} };

/** One month of GetCostAndUsage grouped by SERVICE, in the wire shape. */
function costPage(amounts: Record<string, string>): GetCostAndUsageResponse {
  return {
    GroupDefinitions: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    ResultsByTime: [{
      TimePeriod: { Start: '2026-10-01', End: '2026-11-01' },
      Total: {},
      Groups: Object.entries(amounts).map(([service, amount]) => ({ Keys: [service], Metrics: { UnblendedCost: { Amount: amount, Unit: 'USD' } } })),
      Estimated: false,
    }],
  };
}

/** The money cells of a Markdown section's table (the column `column`, 0-based), as cents. */
function tableCents(markdown: string, heading: string, column: number): number[] {
  const section = markdown.split(`## ${heading}\n`)[1].split('\n## ')[0];
  // The table's lines, after its header and separator.
  return section.split('\n').filter(line => line.startsWith('| ')).slice(2)
    .map(line => cents(line.split(' | ')[column].replace(/^\| /, '').replace(/ \|$/, '')));
}

function cents(amount: string): number {
  return Number(amount.replace(/,/g, '').replace('.', ''));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('apportionMoney', () => {
  test.each([
    [['0.004', '0.004', '0.004'], ['0.01', '0.00', '0.00']],
    [['0.005', '0.005'], ['0.01', '0.00']],
    [['1.234', '2.345', '3.456'], ['1.23', '2.35', '3.46']],
    [['-0.004', '-0.004', '0.02'], ['0.00', '-0.01', '0.02']],
    [['10', '20.5'], ['10.00', '20.50']],
    [[], []],
  ])('renders %j as %j, which add up to their rounded sum', (amounts, expected) => {
    const rendered = apportionMoney(amounts.map(amount => new Decimal(amount)));
    expect(rendered).toEqual(expected);
    const whole = amounts.reduce((total, amount) => total.plus(amount), new Decimal(0));
    const wholeCents = whole.times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
    expect(sum(rendered.map(cents))).toBe(wholeCents.toNumber());
  });
});

describe('totals sum exact amounts and round once', () => {
  test('top services plus "other" equal the total, in the model and in the rendered report', () => {
    // Exactly 0.012 in all: 0.01. Rounded one by one, every service would be 0.00 and "other" 0.00.
    const summary = summarizeCosts([costPage({ 'Amazon S3': '0.004', 'AWS Lambda': '0.004', 'Amazon SNS': '0.004', 'Amazon SQS': '0.004' })],
      { topServicesCount: 2 });
    expect(summary.total).toBe('0.02');
    expect(sum([...summary.topServices!.map(service => cents(service.amount)), cents(summary.otherServices!.amount)])).toBe(cents(summary.total));

    const report = buildReport({ accountId: '111122223333', generatedAt: RUN_TIME, period: summary.period, costSummary: summary, opportunities: [], costExplorerRequests: NO_REQUESTS });
    const markdown = renderReportMarkdown(report, { topServicesCount: 2 });
    expect(markdown).toContain('Total UnblendedCost: **0.02 USD**');
    expect(sum(tableCents(markdown, 'Spend', 1))).toBe(2);
  });

  test('a larger bill whose rounded parts would miss the total by cents still adds up', () => {
    const amounts = Object.fromEntries(Array.from({ length: 25 }, (_, index) => [`Service ${String(index).padStart(2, '0')}`, `${100 + index}.125`]));
    const summary = summarizeCosts([costPage(amounts)]);
    // 25 * 100.125 + (0 + ... + 24) = 2503.125 + 300 = 2803.125 → 2803.13; each part on its own would round up, 25 half-cents too many.
    expect(summary.total).toBe('2803.13');
    expect(sum([...summary.topServices!.map(service => cents(service.amount)), cents(summary.otherServices!.amount)])).toBe(280313);
    const report = buildReport({ accountId: '111122223333', generatedAt: RUN_TIME, period: summary.period, costSummary: summary, opportunities: [], costExplorerRequests: NO_REQUESTS });
    expect(sum(tableCents(renderReportMarkdown(report), 'Spend', 1))).toBe(280313);
  });

  test('anomalies add up to their total impact', () => {
    const anomaly = (id: string, totalImpact: number) => ({
      AnomalyId: id, AnomalyScore: { MaxScore: 1, CurrentScore: 1 }, Impact: { MaxImpact: totalImpact, TotalImpact: totalImpact }, MonitorArn: 'arn:aws:ce::111122223333:anomalymonitor/m',
    });
    const page: GetAnomaliesResponse = { Anomalies: [anomaly('a', 0.004), anomaly('b', 0.004), anomaly('c', 0.004)] };
    const anomalies = summarizeAnomalies([page]);
    expect(anomalies.totalImpact).toBe('0.01');
    expect(sum(anomalies.anomalies.map(detail => cents(detail.totalImpact)))).toBe(1);
    const report = buildReport({ accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-10-01', end: '2026-11-01' }, anomalies, opportunities: [], costExplorerRequests: NO_REQUESTS });
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain('total impact **0.01 USD**');
    expect(sum(tableCents(markdown, 'Anomalies', 2))).toBe(1);
  });

  test('savings by type add up to the headline total, monthly and annual, in the Markdown and the SNS summary', () => {
    const ranked = rankOpportunities([
      testOpportunity({ id: 'a', type: 'RIGHTSIZING', resourceId: 'i-1', monthlySavings: '0.01', currentMonthlyCost: '1' }),
      testOpportunity({ id: 'b', type: 'IDLE_RESOURCE', resourceId: 'i-2', monthlySavings: '33.33', currentMonthlyCost: '100' }),
      testOpportunity({ id: 'c', type: 'MIGRATE_TO_GRAVITON', resourceId: 'i-3', monthlySavings: '66.67', currentMonthlyCost: '100' }),
      testOpportunity({ id: 'd', type: 'RIGHTSIZING', resourceId: 'i-4', monthlySavings: '0.005', currentMonthlyCost: '1' }),
    ]);
    const report = buildReport({ accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-11-30', end: '2026-11-30' }, opportunities: ranked, costExplorerRequests: NO_REQUESTS });
    expect(sum(report.totalsByType.map(totals => cents(totals.monthlySavings)))).toBe(cents(report.totals.monthlySavings));
    expect(sum(report.totalsByType.map(totals => cents(totals.annualSavings)))).toBe(cents(report.totals.annualSavings));
    const markdown = renderReportMarkdown(report);
    expect(markdown).toContain(`**Potential savings: ${report.totals.monthlySavings} USD per month**`);
    expect(sum(tableCents(markdown, 'Savings by type', 2))).toBe(cents(report.totals.monthlySavings));
    // Exactly 0.01 + 33.33 + 66.67 + 0.005 = 100.015 a month → 100.02; a year 1200.18 (not 12 * 100.02 = 1200.24).
    expect(report.totals.monthlySavings).toBe('100.02');
    expect(snsSummary(report).message).toContain('Potential savings: 100.02 USD per month (1,200.18 USD per year)');
  });

  test('opportunities keep what the source sent: three savings of 0.004 a month total 0.01, not 0.00', () => {
    // GetRightsizingRecommendation sends amounts as strings; each opportunity keeps 0.004 exactly.
    const opportunities = rightsizingOpportunities([{
      RightsizingRecommendations: ['i-1', 'i-2', 'i-3'].map(instanceId => ({
        AccountId: '111122223333',
        RightsizingType: 'TERMINATE',
        CurrentInstance: { ResourceId: instanceId, MonthlyCost: '0.004', ResourceDetails: { EC2ResourceDetails: { Region: 'US East (N. Virginia)' } } },
        TerminateRecommendationDetail: { EstimatedMonthlySavings: '0.004', CurrencyCode: 'USD' },
      })),
    }], { accountId: '111122223333' });
    expect(opportunities.map(opportunity => opportunity.monthlySavings)).toEqual(['0.004', '0.004', '0.004']);

    const report = buildReport({
      accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-11-01', end: '2026-11-30' }, opportunities: rankOpportunities(opportunities), costExplorerRequests: NO_REQUESTS,
    });
    // 3 * 0.004 = 0.012 → 0.01 a month; 0.144 → 0.14 a year. Rounded first, each would be 0.00.
    expect(report.totals).toEqual({ count: 3, monthlySavings: '0.01', annualSavings: '0.14', upfrontCost: '0.00' });
    expect(report.totalsByType).toEqual([{ type: 'IDLE_RESOURCE', count: 3, monthlySavings: '0.01', annualSavings: '0.14', upfrontCost: '0.00' }]);
    const json = JSON.parse(renderReportJson(report));
    expect(json.opportunities.map((opportunity: { monthlySavings: string }) => opportunity.monthlySavings)).toEqual(['0.004', '0.004', '0.004']);
    expect(json.totals.monthlySavings).toBe('0.01');
    expect(renderReportMarkdown(report)).toContain('**Potential savings: 0.01 USD per month** (0.14 USD per year)');
    expect(tableCents(renderReportMarkdown(report), 'Savings by type', 2)).toEqual([1]);
    expect(snsSummary(report).message).toContain('Potential savings: 0.01 USD per month (0.14 USD per year)');
    // The CSV keeps the exact amounts, so a spreadsheet's sum of a column is exact too.
    const csvRows = renderReportCsv(report).trim().split('\r\n').slice(1).map(row => row.split(','));
    expect(csvRows.map(row => [row[11], row[12]])).toEqual([['0.004', '0.048'], ['0.004', '0.048'], ['0.004', '0.048']]);
  });

  test('savings by type are apportioned: their rendered parts add up to the rendered total', () => {
    const ranked = rankOpportunities(['RIGHTSIZING', 'IDLE_RESOURCE', 'MIGRATE_TO_GRAVITON'].map((type, index) =>
      testOpportunity({ id: `o${index}`, type: type as OpportunityType, resourceId: `i-${index}`, monthlySavings: '0.004', currentMonthlyCost: '1', upfrontCost: '0.005' })));
    const report = buildReport({ accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-11-30', end: '2026-11-30' }, opportunities: ranked, costExplorerRequests: NO_REQUESTS });
    // Monthly 0.012 → 0.01, annual 0.144 → 0.14, upfront 0.015 → 0.02: each column's types add up to its total.
    expect(report.totals).toEqual({ count: 3, monthlySavings: '0.01', annualSavings: '0.14', upfrontCost: '0.02' });
    expect(report.totalsByType.map(totals => [totals.type, totals.monthlySavings, totals.annualSavings, totals.upfrontCost])).toEqual([
      ['IDLE_RESOURCE', '0.01', '0.05', '0.01'],
      ['MIGRATE_TO_GRAVITON', '0.00', '0.05', '0.01'],
      ['RIGHTSIZING', '0.00', '0.04', '0.00'],
    ]);
  });

  test('impact by service sums the root causes\' contributions as AWS sent them: three of 0.004 make 0.01', () => {
    const anomaly = (id: string) => ({
      AnomalyId: id,
      AnomalyScore: { MaxScore: 1, CurrentScore: 1 },
      Impact: { MaxImpact: 0.004, TotalImpact: 0.004 },
      MonitorArn: 'arn:aws:ce::111122223333:anomalymonitor/m',
      RootCauses: [{ Service: 'Amazon S3', Impact: { Contribution: 0.004 } }],
    });
    const anomalies = summarizeAnomalies([{ Anomalies: [anomaly('a'), anomaly('b'), anomaly('c')] }]);
    expect(anomalies.impactByService).toEqual([{ service: 'Amazon S3', contribution: '0.01', anomalyCount: 3 }]);
  });
});
