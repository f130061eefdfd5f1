import { testOpportunity } from './opportunities';
import { fixtureReport, RUN_TIME } from './pipeline-fixture';
import {
  buildReport, escapeCell, formatAmount, rankOpportunities, renderReportMarkdown, table, typeLabel,
} from '../../../src/runtime/optimization';

const usage = { requestCount: 0, costUsd: '0.00', byOperation: {} };

describe('renderReportMarkdown', () => {
  const markdown = renderReportMarkdown(fixtureReport());
  const lines = markdown.split('\n');

  test('opens with the headline: total potential monthly savings', () => {
    expect(lines.slice(0, 3)).toEqual([
      '# Cost optimization report: account 111122223333, 2026-11-26',
      '',
      '**Potential savings: 1,633.20 USD per month** (19,598.40 USD per year) from 16 opportunities; upfront cost 6,132.00 USD.',
    ]);
  });

  test('has its sections in order', () => {
    expect(lines.filter(line => line.startsWith('## '))).toEqual([
      '## Spend', '## Forecast', '## Anomalies', '## Top opportunities', '## Savings by type', '## Failed sources', '## Cost Explorer requests', '## Notes',
    ]);
    expect(markdown.endsWith('\n')).toBe(true);
    expect(markdown).not.toContain('\n\n\n');
  });

  test('summarizes spend, trend and top services', () => {
    expect(markdown).toContain('Total UnblendedCost: **6,401.00 USD** over 3 periods.');
    expect(markdown).toContain('Trend: up (average growth +7.27% per period); average 2,133.67, volatility (standard deviation) 125.17, range 301.00 '
      + '(lowest 2,000.00 on 2026-08-01, highest 2,301.00 on 2026-10-01).');
    expect(markdown).toContain('| Service | Cost (USD) | Share |\n| --- | ---: | ---: |\n| Amazon Elastic Compute Cloud - Compute | 4,000.58 | 62.50% |');
    expect(markdown).toContain('| 1 other services | 80.07 | 1.25% |');
  });

  test('gives the forecast with its real prediction interval', () => {
    expect(markdown).toContain('Forecast: **2,450.12 USD**, prediction interval 2,201.50 to 2,698.75.');
  });

  test('lists anomalies with root causes', () => {
    expect(markdown).toContain('3 anomalies, total impact **1,033.22 USD**.');
    expect(markdown).toContain('| a1b2c3d4-0000-4000-8000-000000000002 | 2026-11-20 to ongoing | 45.67 | Amazon Simple Storage Service / eu-west-1 / 444455556666 / EU-Requests-Tier1 |');
  });

  test('tables the top opportunities, one row each, ranked', () => {
    const header = '| # | Type | Resource | Account | Region | Monthly savings (USD) | Savings | Upfront (USD) | Effort | Risk | Score | Action |';
    const start = lines.indexOf(header);
    expect(start).toBeGreaterThan(0);
    expect(lines[start + 1]).toBe('| ---: | --- | --- | --- | --- | ---: | ---: | ---: | --- | --- | ---: | --- |');
    expect(lines[start + 2]).toBe('| 1 | Storage unattached volume | vol-0aaaaaaaaaaaaaaa5 | 111122223333 | us-east-1 | 337.50 | 100.00% | 0.00 | LOW | MEDIUM | 3037.50 '
      + '| Snapshot vol-0aaaaaaaaaaaaaaa5 (100 GB io1, attached to nothing) if its data is needed, then delete it |');
    expect(lines[start + 3]).toMatch(/^\| 2 \| Savings plans \| COMPUTE_SP \| .* \| 420\.48 \| 26\.18% \| 3,504\.00 \|/);
    expect(lines[start + 17]).toMatch(/^\| 16 \| Storage old snapshot \| snap-0000000000000004 \|/);
    expect(lines[start + 18]).toBe('');
  });

  test('counts the opportunities it leaves out of the table', () => {
    const short = renderReportMarkdown(fixtureReport(), { topCount: 5 });
    expect(short).toContain('| 5 | Rightsizing | my-function |');
    expect(short).not.toContain('| 6 |');
    expect(short).toContain('11 more in the JSON and CSV reports.');
  });

  test('names the failed sources and what was set aside', () => {
    expect(markdown).toContain('## Failed sources\n\nThese sources failed, so their opportunities are missing from this report:\n\n'
      + '- **EC2 eu-west-1**: UnauthorizedOperation: You are not authorized to perform this operation.');
    expect(markdown).toContain('Set aside: 3 duplicates, 4 below thresholds.');
    expect(markdown).toContain('## Cost Explorer requests\n\n9 billed requests this run, 0.09 USD.');
  });

  test('says so when nothing failed and nothing was found', () => {
    const empty = renderReportMarkdown(buildReport({
      accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-11-01', end: '2026-11-26' }, opportunities: [], costExplorerRequests: usage,
    }));
    expect(empty).toContain('**Potential savings: 0.00 USD per month** (0.00 USD per year) from 0 opportunities; upfront cost 0.00 USD.');
    expect(empty).toContain('## Top opportunities\n\nNo opportunities met the thresholds.');
    expect(empty).toContain('## Failed sources\n\nNone: every source answered.');
    expect(empty).not.toContain('## Spend');
    expect(empty).not.toContain('## Notes');
  });

  test('says so when there were no anomalies and no spend to trend', () => {
    const quiet = renderReportMarkdown(buildReport({
      accountId: '111122223333',
      generatedAt: RUN_TIME,
      period: { start: '2026-11-01', end: '2026-11-26' },
      opportunities: [],
      costExplorerRequests: usage,
      anomalies: { count: 0, totalImpact: '0.00', anomalies: [], impactByService: [] },
      costSummary: {
        metric: 'UnblendedCost',
        unit: 'USD',
        period: { start: '', end: '' },
        total: '0.00',
        series: [],
        topServices: [],
        otherServices: { count: 0, amount: '0.00', sharePercentage: '0.00' },
        trend: { periods: 0, direction: 'unknown', average: '0.00', volatility: '0.00', range: '0.00' },
      },
    }));
    expect(quiet).toContain('## Anomalies\n\nNo cost anomalies in the period.');
    expect(quiet).toContain('Trend: unknown (not enough periods to compare); average 0.00, volatility (standard deviation) 0.00, range 0.00.');
  });

  test('text from AWS cannot break the table', () => {
    const sneaky = rankOpportunities([testOpportunity({ id: 'x', resourceId: 'i-1|injected', action: 'line one\nline two <script>' })]);
    const rendered = renderReportMarkdown(buildReport({
      accountId: '111122223333', generatedAt: RUN_TIME, period: { start: '2026-11-01', end: '2026-11-26' }, opportunities: sneaky, costExplorerRequests: usage,
    }));
    expect(rendered).toContain('| 1 | Rightsizing | i-1\\|injected | 111122223333 |');
    expect(rendered).toContain('| line one line two &lt;script&gt; |');
    expect(rendered.split('\n').filter(line => line.startsWith('| 1 |'))).toHaveLength(1);
  });
});

describe('Markdown helpers', () => {
  test('escapeCell escapes pipes, backslashes, line breaks and angle brackets', () => {
    expect(escapeCell('a|b\\c\r\nd<e>')).toBe('a\\|b\\\\c d&lt;e&gt;');
  });

  test('table aligns columns', () => {
    expect(table(['A', 'B'], [['1', '2']], ['left', 'right'])).toBe('| A | B |\n| --- | ---: |\n| 1 | 2 |');
  });

  test('formatAmount groups thousands without depending on locale', () => {
    expect(formatAmount('0.50')).toBe('0.50');
    expect(formatAmount('999.99')).toBe('999.99');
    expect(formatAmount('1000.00')).toBe('1,000.00');
    expect(formatAmount('1234567.89')).toBe('1,234,567.89');
    expect(formatAmount('-1234.00')).toBe('-1,234.00');
  });

  test('typeLabel reads types as words', () => {
    expect(typeLabel('STORAGE_GP2_TO_GP3')).toBe('Storage gp2 to gp3');
    expect(typeLabel('RESERVED_INSTANCES')).toBe('Reserved instances');
  });
});
