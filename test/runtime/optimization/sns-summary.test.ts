import { testOpportunity } from './opportunities';
import { fixtureReport, RUN_TIME } from './pipeline-fixture';
import {
  buildReport, rankOpportunities, SNS_MAX_MESSAGE_BYTES, snsSubject, snsSummary, truncateToBytes,
} from '../../../src/runtime/optimization';

describe('snsSummary', () => {
  test('leads with the total potential monthly savings and lists the top opportunities', () => {
    const notification = snsSummary(fixtureReport(), { topCount: 3, reportLocation: 's3://finops-reports/reports/111122223333/2026/11/26/optimization.md' });
    expect(notification.subject).toBe('FinOps 111122223333: 1,633.20 USD/month potential savings');
    expect(notification.message).toBe([
      'Cost optimization report for account 111122223333, run 2026-11-26.',
      'Potential savings: 1,633.20 USD per month (19,598.40 USD per year) from 16 opportunities; upfront cost 6,132.00 USD.',
      '',
      'Top 3:',
      '1. Storage unattached volume: 337.50 USD/month, Snapshot vol-0aaaaaaaaaaaaaaa5 (100 GB io1, attached to nothing) if its data is needed, '
        + 'then delete it (111122223333, us-east-1; effort LOW, risk MEDIUM)',
      '2. Savings plans: 420.48 USD/month, Commit 0.800 USD/hour to a 1-year partial upfront Compute Savings Plan (111122223333, global; effort LOW, risk MEDIUM)',
      '3. Reserved instances: 250.50 USD/month, Buy 10 1-year partial upfront EC2 reservation(s) for m5.large Linux/UNIX Shared in us-east-1 '
        + '(111122223333, us-east-1; effort LOW, risk MEDIUM)',
      '...and 13 more in the full report.',
      '',
      'Failed sources (their findings are missing): EC2 eu-west-1 (UnauthorizedOperation).',
      '',
      'Cost Explorer requests: 9 (0.09 USD).',
      'Full report: s3://finops-reports/reports/111122223333/2026/11/26/optimization.md',
      '',
    ].join('\n'));
  });

  test('lists five by default', () => {
    expect(snsSummary(fixtureReport()).message).toContain('Top 5:');
    expect(snsSummary(fixtureReport()).message).toContain('...and 11 more in the full report.');
  });

  test('stays within 256 KB, dropping opportunities that do not fit and counting them', () => {
    const huge = Array.from({ length: 40 }, (_, index) => testOpportunity({
      id: `x${String(index).padStart(2, '0')}`, resourceId: `i-${index}`, action: `Résumé ${'é'.repeat(10_000)}`,
    }));
    const report = buildReport({
      accountId: '111122223333',
      generatedAt: RUN_TIME,
      period: { start: '2026-11-01', end: '2026-11-26' },
      opportunities: rankOpportunities(huge),
      costExplorerRequests: { requestCount: 0, costUsd: '0.00', byOperation: {} },
    });
    const message = snsSummary(report, { topCount: 40 }).message;
    expect(Buffer.byteLength(message, 'utf8')).toBeLessThanOrEqual(SNS_MAX_MESSAGE_BYTES);
    expect(Buffer.byteLength(message, 'utf8')).toBeGreaterThan(SNS_MAX_MESSAGE_BYTES - 20_100);
    const listed = message.split('\n').filter(line => /^\d+\. /.test(line)).length;
    expect(listed).toBe(13);
    expect(message).toContain(`...and ${40 - listed} more in the full report.`);
  });

  test('cuts the text itself on a character boundary when even the headline is too long', () => {
    const message = snsSummary(fixtureReport(), { maxMessageBytes: 50 }).message;
    expect(message).toBe('Cost optimization report for account 111122223333,');
  });
});

describe('snsSubject', () => {
  test('keeps printable ASCII on one line, within 100 characters', () => {
    expect(snsSubject('Économies\tdétectées\n€12')).toBe('?conomies d?tect?es ?12');
    const long = snsSubject('x'.repeat(150));
    expect(long).toHaveLength(100);
    expect(long.endsWith('...')).toBe(true);
    expect(snsSubject('y'.repeat(100))).toBe('y'.repeat(100));
  });
});

describe('truncateToBytes', () => {
  test('never splits a multi-byte character', () => {
    expect(truncateToBytes('aé€😀', 1)).toBe('a');
    expect(truncateToBytes('aé€😀', 3)).toBe('aé');
    expect(truncateToBytes('aé€😀', 5)).toBe('aé');
    expect(truncateToBytes('aé€😀', 6)).toBe('aé€');
    expect(truncateToBytes('aé€😀', 10)).toBe('aé€😀');
  });
});
