import { testOpportunity } from './opportunities';
import { fixtureReport, RUN_TIME } from './pipeline-fixture';
import {
  buildReport, csvField, csvRecord, rankOpportunities, renderReportCsv,
} from '../../../src/runtime/optimization';

const usage = { requestCount: 0, costUsd: '0.00', byOperation: {} };
const HEADER = 'rank,id,type,source,account_id,region,service,resource_id,currency,current_monthly_cost,optimized_monthly_cost,monthly_savings,'
  + 'annual_savings,savings_percentage,upfront_cost,effort,risk,priority_score,action,generated_at';

function reportOf(...opportunities: ReturnType<typeof testOpportunity>[]) {
  return buildReport({
    accountId: '111122223333',
    generatedAt: RUN_TIME,
    period: { start: '2026-11-01', end: '2026-11-26' },
    opportunities: rankOpportunities(opportunities),
    costExplorerRequests: usage,
  });
}

describe('csvField (RFC 4180)', () => {
  test('leaves plain text alone', () => {
    expect(csvField('i-0a1b2c3d4e5f60001')).toBe('i-0a1b2c3d4e5f60001');
    expect(csvField('')).toBe('');
  });

  test('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line 1\nline 2')).toBe('"line 1\nline 2"');
    expect(csvField('line 1\r\nline 2')).toBe('"line 1\r\nline 2"');
    expect(csvField('"')).toBe('""""');
  });

  test('quotes leading and trailing spaces so readers keep them', () => {
    expect(csvField(' padded ')).toBe('" padded "');
  });

  test('joins a record with commas', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",');
  });
});

describe('renderReportCsv', () => {
  test('writes a header and one CRLF-terminated record per opportunity, in rank order', () => {
    const csv = renderReportCsv(fixtureReport());
    const records = csv.split('\r\n');
    expect(records[0]).toBe(HEADER);
    expect(records).toHaveLength(18);
    expect(records[17]).toBe('');
    expect(records[1]).toBe('1,ec2-inventory:STORAGE_UNATTACHED_VOLUME:111122223333:vol-0aaaaaaaaaaaaaaa5,STORAGE_UNATTACHED_VOLUME,EC2_INVENTORY,'
      + '111122223333,us-east-1,EBS,vol-0aaaaaaaaaaaaaaa5,USD,337.50,0.00,337.50,4050.00,100.00,0.00,LOW,MEDIUM,3037.50,'
      + '"Snapshot vol-0aaaaaaaaaaaaaaa5 (100 GB io1, attached to nothing) if its data is needed, then delete it",');
    expect(records[2]).toBe('2,cost-explorer:SAVINGS_PLANS:111122223333:COMPUTE_SP:ONE_YEAR:PARTIAL_UPFRONT,SAVINGS_PLANS,COST_EXPLORER,'
      + '111122223333,global,Compute,COMPUTE_SP,USD,1606.00,1185.52,420.48,5045.76,26.18,3504.00,LOW,MEDIUM,2233.37,'
      + 'Commit 0.800 USD/hour to a 1-year partial upfront Compute Savings Plan,2026-11-25T12:00:00Z');
  });

  test('quotes an action with commas, quotes and a newline so the record stays one record', () => {
    const csv = renderReportCsv(reportOf(testOpportunity({ id: 'x', action: 'Resize "render, fast"\nnode' })));
    expect(csv).toBe(`${HEADER}\r\n`
      + '1,x,RIGHTSIZING,COST_EXPLORER,111122223333,us-east-1,EC2,i-1,USD,200.00,100.00,100.00,1200.00,50.00,0.00,LOW,LOW,1200.00,'
      + '"Resize ""render, fast""\nnode",\r\n');
  });

  test('keeps text that a spreadsheet would run as a formula as text, unless told not to', () => {
    const report = reportOf(testOpportunity({ id: 'x', resourceId: '=HYPERLINK("http://example.com")', action: '@SUM(1)' }));
    const guarded = renderReportCsv(report).split('\r\n')[1];
    expect(guarded).toContain(',"\'=HYPERLINK(""http://example.com"")",');
    expect(guarded).toContain(",'@SUM(1),");
    expect(guarded).toContain(',200.00,100.00,100.00,');
    const raw = renderReportCsv(report, { guardFormulas: false }).split('\r\n')[1];
    expect(raw).toContain(',"=HYPERLINK(""http://example.com"")",');
  });

  test('an empty report is the header alone', () => {
    expect(renderReportCsv(reportOf())).toBe(`${HEADER}\r\n`);
  });
});
