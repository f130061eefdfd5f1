import { App, Duration, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import {
  CurExport,
  CurReport,
  CurReportProps,
  ReportArtifact,
  ReportCompression,
  ReportFormat,
  ReportVersioning,
} from '../../src';

function report(props: CurReportProps, region = 'us-east-1'): CurReport {
  const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region } });
  return new CurReport(stack, 'Reports', props);
}

const cur2 = CurExport.cur2({ exportName: 'cur2' });

describe('CurReport fails at synth on', () => {
  test('every violation at once, in one error', () => {
    expect(() => report({ exports: [CurExport.cur2({ exportName: 'cur 2' })], prefix: '/reports', databaseName: 'Cost-Reports' }, 'eu-west-1')).toThrow(
      /^Stack\/Reports breaks 4 rules:\nStack\/Reports: "cur 2" breaks the rule: an export name .*\nStack\/Reports: "eu-west-1" .*\nStack\/Reports: "\/reports" .*\nStack\/Reports: "Cost-Reports" /,
    );
  });

  test('no report at all', () => {
    expect(() => report({ exports: [] })).toThrow(/^Stack\/Reports: \[\] breaks the rule: a CurReport delivers at least one report\. Fix: add an export/);
  });

  test('two reports with the same name', () => {
    expect(() => report({ exports: [cur2, CurExport.focus({ exportName: 'cur2' })] })).toThrow(
      /"cur2" breaks the rule: report and export names are unique in the account/,
    );
  });

  test('two reports whose Athena tables would have the same name', () => {
    expect(() => report({ exports: [cur2, CurExport.focus({ exportName: 'CUR2' })] })).toThrow(
      /"CUR2" breaks the rule: each report gets its own Athena table, named in lower case with "_" for other characters \("cur2" is taken\)/,
    );
  });

  describe('the legacy report', () => {
    test('a name with a space', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'enterprise cost report' })] })).toThrow(
        /^Stack\/Reports: "enterprise cost report" breaks the rule: a report name uses only 0-9 A-Z a-z ! - _ \. \* ' \( \) \(no spaces\)\. Fix: replace the other characters of reportName/,
      );
    });

    test('a name over 256 characters', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r'.repeat(257) })] })).toThrow(/a report name is 1-256 characters \(this one has 257\)/);
    });

    test('an empty name', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: '' })] })).toThrow(/"" breaks the rule: a report name is 1-256 characters/);
    });

    test.each([
      [ReportFormat.PARQUET, ReportCompression.GZIP, /"PARQUET with GZIP" breaks the rule: a legacy Cost and Usage Report in PARQUET is compressed with PARQUET\. Fix: set compression to ReportCompression\.PARQUET/],
      [ReportFormat.TEXT_OR_CSV, ReportCompression.PARQUET, /"TEXT_OR_CSV with PARQUET" breaks the rule: .* in TEXT_OR_CSV is compressed with ZIP or GZIP/],
    ])('format %s with compression %s', (format, compression, message) => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r', format, compression, artifacts: [] })] })).toThrow(message);
    });

    test('the ATHENA artifact with another artifact', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r', artifacts: [ReportArtifact.ATHENA, ReportArtifact.QUICKSIGHT] })] })).toThrow(
        /\["ATHENA","QUICKSIGHT"\] breaks the rule: the ATHENA artifact cannot be combined with other artifacts/,
      );
    });

    test('the ATHENA artifact with text/CSV', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r', format: ReportFormat.TEXT_OR_CSV, artifacts: [ReportArtifact.ATHENA] })] })).toThrow(
        /"TEXT_OR_CSV" breaks the rule: the ATHENA artifact needs the Parquet format\. Fix: set format to ReportFormat\.PARQUET/,
      );
    });

    test('the ATHENA artifact with CREATE_NEW_REPORT', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r', versioning: ReportVersioning.CREATE_NEW_REPORT })] })).toThrow(
        /"CREATE_NEW_REPORT" breaks the rule: the ATHENA artifact needs OVERWRITE_REPORT versioning/,
      );
    });

    test('the REDSHIFT artifact with Parquet', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r', artifacts: [ReportArtifact.REDSHIFT] })] })).toThrow(
        /\["REDSHIFT"\] breaks the rule: the REDSHIFT and QUICKSIGHT artifacts load text\/CSV reports/,
      );
    });
  });

  describe('Data Exports', () => {
    test('a name with a space', () => {
      expect(() => report({ exports: [CurExport.cur2({ exportName: 'cur 2' })] })).toThrow(
        /"cur 2" breaks the rule: an export name uses only 0-9 A-Z a-z - _ \(no spaces\)\. Fix: replace the other characters of exportName/,
      );
    });

    test('a name over 128 characters', () => {
      expect(() => report({ exports: [CurExport.focus({ exportName: 'f'.repeat(129) })] })).toThrow(/an export name is 1-128 characters \(this one has 129\)/);
    });

    test('a description over 1,024 characters', () => {
      expect(() => report({ exports: [CurExport.focus({ exportName: 'f', description: 'd'.repeat(1025) })] })).toThrow(
        /an export description is 0-1024 characters/,
      );
    });

    test('ZIP compression, which only the legacy report has', () => {
      expect(() => report({ exports: [CurExport.cur2({ exportName: 'c', format: ReportFormat.TEXT_OR_CSV, compression: ReportCompression.ZIP })] })).toThrow(
        /"TEXT_OR_CSV with ZIP" breaks the rule: a CUR 2\.0 export in TEXT_OR_CSV is compressed with GZIP\. Fix: set compression to ReportCompression\.GZIP/,
      );
    });

    test('Parquet with GZIP', () => {
      expect(() => report({ exports: [CurExport.focus({ exportName: 'f', compression: ReportCompression.GZIP })] })).toThrow(
        /"PARQUET with GZIP" breaks the rule: a FOCUS 1\.0 export in PARQUET is compressed with PARQUET/,
      );
    });

    test('an empty column selection', () => {
      expect(() => report({ exports: [CurExport.cur2({ exportName: 'c', columns: [] })] })).toThrow(/\[\] breaks the rule: an export selects at least one column/);
    });

    test('a CUR 2.0 column not written as in the table dictionary', () => {
      expect(() => report({ exports: [CurExport.cur2({ exportName: 'c', columns: ['LineItemUnblendedCost'] })] })).toThrow(
        /\["LineItemUnblendedCost"\] breaks the rule: columns of CUR 2\.0 exports are named as in the table dictionary/,
      );
    });

    test('a FOCUS column in snake case', () => {
      expect(() => report({ exports: [CurExport.focus({ exportName: 'f', columns: ['billed_cost'] })] })).toThrow(
        /\["billed_cost"\] breaks the rule: columns of FOCUS 1\.0 exports are named as in the table dictionary/,
      );
    });

    test('a column selected twice', () => {
      expect(() => report({ exports: [CurExport.costOptimizationRecommendations({ exportName: 'coh', columns: ['account_id', 'account_id'] })] })).toThrow(
        /\["account_id"\] breaks the rule: an export selects each column once/,
      );
    });

    test('the resource ID column without INCLUDE_RESOURCES', () => {
      expect(() => report({ exports: [CurExport.cur2({ exportName: 'c', columns: ['line_item_resource_id'] })] })).toThrow(
        /"line_item_resource_id" breaks the rule: the resource ID column exists only with INCLUDE_RESOURCES\. Fix: set includeResources: true/,
      );
    });

    test('split cost allocation columns without INCLUDE_SPLIT_COST_ALLOCATION_DATA', () => {
      expect(() => report({ exports: [CurExport.cur2({ exportName: 'c', columns: ['split_line_item_split_cost'] })] })).toThrow(
        /\["split_line_item_split_cost"\] breaks the rule: split_line_item_\* columns exist only with INCLUDE_SPLIT_COST_ALLOCATION_DATA/,
      );
    });

    test.each(['actionTypes=Rightsize', '["Rightsize"]'])('a Cost Optimization Hub filter that is not a JSON object (%s)', (filter) => {
      expect(() => report({ exports: [CurExport.costOptimizationRecommendations({ exportName: 'coh', filter })] })).toThrow(
        /breaks the rule: the FILTER of a Cost Optimization Hub export is a JSON object/,
      );
    });
  });

  describe('delivery and query', () => {
    test('a stack outside us-east-1', () => {
      expect(() => report({ exports: [cur2] }, 'eu-west-1')).toThrow(
        /^Stack\/Reports: "eu-west-1" breaks the rule: Cost and Usage Reports and Data Exports are created in us-east-1 only\. Fix: put the CurReport in a stack with env\.region "us-east-1"/,
      );
    });

    test.each(['cost reports', 'cur+data'])('a prefix with characters outside the rule (%s)', (prefix) => {
      expect(() => report({ exports: [cur2], prefix })).toThrow(/breaks the rule: a report prefix uses only 0-9 A-Z a-z ! - _ \. \* ' \( \) \/ \(no spaces\)/);
    });

    test.each(['/cur', 'cur/'])('a prefix with a leading or trailing slash (%s)', (prefix) => {
      expect(() => report({ exports: [cur2], prefix })).toThrow(/breaks the rule: a report prefix neither starts nor ends with "\/"/);
    });

    test('a prefix over 256 characters with a legacy report', () => {
      expect(() => report({ exports: [CurExport.legacy({ reportName: 'r' })], prefix: 'p'.repeat(257) })).toThrow(/a report prefix is 1-256 characters/);
    });

    test('an empty prefix', () => {
      expect(() => report({ exports: [cur2], prefix: '' })).toThrow(/"" breaks the rule: a report prefix is 1-1024 characters/);
    });

    test('a bucket of another account without opting in', () => {
      const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
      const bucket = s3.Bucket.fromBucketAttributes(stack, 'Central', { bucketName: 'central', account: '222222222222' });
      expect(() => new CurReport(stack, 'Reports', { exports: [cur2], bucket })).toThrow(
        /"222222222222" breaks the rule: the report bucket is in the report's account \(111111111111\) unless cross-account delivery is intended\. Fix: .*allowBucketInOtherAccount: true/,
      );
    });

    test('lifecycle settings for a bucket it does not create', () => {
      const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
      const bucket = s3.Bucket.fromBucketName(stack, 'Mine', 'mine');
      expect(() => new CurReport(stack, 'Reports', { exports: [cur2], bucket, objectLockRetention: Duration.days(30) })).toThrow(
        /breaks the rule: lifecycle and object lock settings apply to a bucket this construct creates/,
      );
    });

    test('a move to Standard-IA before 30 days', () => {
      expect(() => report({ exports: [cur2], infrequentAccessAfter: Duration.days(10) })).toThrow(
        /10 breaks the rule: objects move to S3 Standard-IA after at least 30 days\. Fix: set infrequentAccessAfter to 30 days or more\.$/,
      );
    });

    test('a move to Glacier Instant Retrieval before the move to Standard-IA', () => {
      expect(() => report({ exports: [cur2], infrequentAccessAfter: Duration.days(90), glacierInstantRetrievalAfter: Duration.days(60) })).toThrow(
        /60 breaks the rule: the move to Glacier Instant Retrieval comes after the move to Standard-IA \(90 days\)/,
      );
    });

    test('a bytes-scanned limit under 10 MB', () => {
      expect(() => report({ exports: [cur2], bytesScannedCutoffPerQuery: 1_000_000 })).toThrow(
        /1000000 breaks the rule: an Athena bytes-scanned limit per query is at least 10,000,000 bytes \(10 MB\)\. Fix: set bytesScannedCutoffPerQuery to 10000000 or more\.$/,
      );
    });

    test('a database name Athena cannot use', () => {
      expect(() => report({ exports: [cur2], databaseName: 'Cost-Reports' })).toThrow(
        /"Cost-Reports" breaks the rule: an Athena database name is 1-255 lower-case letters, digits and underscores/,
      );
    });

    test.each(['2024-13', '2024/01', '24-01'])('a first billing period that is not YYYY-MM (%s)', (firstBillingPeriod) => {
      expect(() => report({ exports: [cur2], firstBillingPeriod })).toThrow(
        /breaks the rule: partition projection reads billing periods as YYYY-MM \(BILLING_PERIOD=YYYY-MM\)\. Fix: set firstBillingPeriod like "2024-01"/,
      );
    });

    test('a workgroup name with a space', () => {
      expect(() => report({ exports: [cur2], workGroupName: 'finops reports' })).toThrow(/"finops reports" breaks the rule: an Athena workgroup name is 1-128 of/);
    });
  });
});
