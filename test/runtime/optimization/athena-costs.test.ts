import { analysisPeriods, athenaCostParameters, costAndUsagePageFromRows } from '../../../src/runtime/optimization';

describe('Athena cost rows', () => {
  test('the parameters are the billing periods and days of the analysis, quoted as SQL literals', () => {
    expect(athenaCostParameters({ start: '2026-09-01', end: '2026-12-01' })).toEqual(["'2026-09'", "'2026-11'", "'2026-09-01'", "'2026-12-01'"]);
  });

  test('periods are cut to the analysis at either granularity', () => {
    expect(analysisPeriods({ start: '2026-10-01', end: '2026-11-30' }, 'MONTHLY')).toEqual([
      { start: '2026-10-01', end: '2026-11-01', key: '2026-10' },
      { start: '2026-11-01', end: '2026-11-30', key: '2026-11' },
    ]);
    expect(analysisPeriods({ start: '2026-02-27', end: '2026-03-02' }, 'DAILY').map((period) => period.key)).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });

  test('every period is listed, also one without rows, and a row outside the analysis is refused', () => {
    const question = { period: { start: '2026-10-01', end: '2026-11-30' }, granularity: 'MONTHLY' as const, groupBy: { Type: 'DIMENSION' as const, Key: 'REGION' }, metric: 'UnblendedCost' };
    const page = costAndUsagePageFromRows([['2026-11', 'us-east-1', '10.5000000000']], question);
    expect(page.ResultsByTime!.map((result) => [result.TimePeriod!.Start, result.Groups!.length, result.Estimated])).toEqual([['2026-10-01', 0, false], ['2026-11-01', 1, true]]);
    expect(page.ResultsByTime![1].Groups![0]).toEqual({ Keys: ['us-east-1'], Metrics: { UnblendedCost: { Amount: '10.50', Unit: 'USD' } } });
    expect(() => costAndUsagePageFromRows([['2026-08', 'us-east-1', '1']], question)).toThrow('An Athena row is for period "2026-08", outside the analysis 2026-10-01 to 2026-11-30');
  });

  test('fixed values follow the period bounds in their order, a quote doubled', () => {
    expect(athenaCostParameters({ start: '2026-09-01', end: '2026-12-01' }, ['FIRST_DAY', { value: "o'brien" }, 'LAST_BILLING_PERIOD']))
      .toEqual(["'2026-09-01'", "'o''brien'", "'2026-11'"]);
  });

  test('tag and cost category groups are keyed as Cost Explorer keys them, and an untagged remainder of zero is left out', () => {
    const question = { period: { start: '2026-10-01', end: '2026-11-01' }, granularity: 'MONTHLY' as const, groupBy: { Type: 'TAG' as const, Key: 'team' }, metric: 'UnblendedCost' };
    const page = costAndUsagePageFromRows([['2026-10', '', '0E-10'], ['2026-10', 'web', '12.0000000000']], question);
    expect(page.ResultsByTime![0].Groups!.map((group) => group.Keys![0])).toEqual(['team$web']);
    const withUntagged = costAndUsagePageFromRows([['2026-10', '', '3.5000000000'], ['2026-10', 'web', '12.0000000000']], { ...question, groupBy: { Type: 'COST_CATEGORY', Key: 'unit' } });
    expect(withUntagged.ResultsByTime![0].Groups!.map((group) => group.Keys![0])).toEqual(['unit$', 'unit$web']);
  });
});
