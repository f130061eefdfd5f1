import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildFinOpsApp } from '../../../examples/finops-stack';
import { CurExport, CurReport, ReportFormat } from '../../../src';
import { reviewCostReports } from '../../../src/review/sections/cur';
import { stackFromTemplate } from '../../../src/review/template';

function review(stack: Stack): string {
  return reviewCostReports(stackFromTemplate(stack.stackName, Template.fromStack(stack).toJSON())).join('\n');
}

describe('the cost report review', () => {
  test("shows where the example's reports land, who delivers them and how to query them", () => {
    const text = review(buildFinOpsApp().stack);
    expect(text).toContain('### Cost and usage reports (2)');
    expect(text).toContain('**enterprise-cost-report** (legacy CUR, DAILY, Parquet/Parquet, RESOURCES, ATHENA artifact, OVERWRITE_REPORT)');
    expect(text).toMatch(/lands in: s3:\/\/<CostReportsBucket\w+>\/cost-reports\/enterprise-cost-report\/enterprise-cost-report\/year=\$\{year\}\/month=\$\{month\} \(partitions year, month, projected\)/);
    expect(text).toContain('delivered by: billingreports.amazonaws.com (s3:GetBucketAcl, s3:GetBucketPolicy, s3:PutObject) for account 111111111111');
    expect(text).toContain('query: table finops_cost_reports.enterprise_cost_report in Athena workgroup finops-cost-reports');
    expect(text).toContain('enterprise-cost-report cost-by-cost-category-business-unit');
    expect(text).toMatch(/\*\*enterprise-cur2-daily\*\* \(Data Export of COST_AND_USAGE_REPORT, \d+ columns, TIME_GRANULARITY=DAILY, INCLUDE_RESOURCES, PARQUET\/PARQUET, OVERWRITE_REPORT\)/);
    expect(text).toContain('/cost-reports/enterprise-cur2-daily/data/BILLING_PERIOD=${billing_period}');
    expect(text).toContain('delivered by: bcm-data-exports.amazonaws.com (s3:PutObject, s3:GetBucketPolicy) for account 111111111111, source arn:<AWS::Partition>:cur:us-east-1:111111111111:definition/*, arn:<AWS::Partition>:bcm-data-exports:us-east-1:111111111111:export/*');
    expect(text).toContain('enterprise-cur2-daily cost-by-service; enterprise-cur2-daily cost-by-account; enterprise-cur2-daily cost-by-cost-category; enterprise-cur2-daily month-over-month');
    expect(text).toMatch(/Athena workgroup \*\*finops-cost-reports\*\*: results in s3:\/\/<CostReportsQueryResults\w+>\/ \(SSE_S3\), at most 10,000,000,000 bytes scanned per query, settings enforced/);
  });

  test('says when a report has no Athena table and when the bucket policy is not in the stack', () => {
    const stack = new Stack(new App(), 'Stack', { env: { account: '111111111111', region: 'us-east-1' } });
    new CurReport(stack, 'Reports', {
      exports: [CurExport.cur2({ exportName: 'csv', format: ReportFormat.TEXT_OR_CSV })],
      bucket: s3.Bucket.fromBucketName(stack, 'Imported', 'billing-data'),
    });
    const text = review(stack);
    expect(text).toContain('lands in: s3://billing-data/cost-reports/csv/');
    expect(text).toContain('delivered by: bcm-data-exports.amazonaws.com (the bucket policy is not in this stack: its owner must allow it)');
    expect(text).toContain('query: no Athena table');
  });

  test('is empty for a stack without reports', () => {
    expect(reviewCostReports({ stackName: 'Empty', resources: [] })).toEqual([]);
  });
});
